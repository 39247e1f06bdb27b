import { z } from 'zod';

/**
 * Radiographic lesion type (on CT or plain film): lytic (bone destruction), blastic (sclerotic,
 * new bone formation) or mixed. Mirels' score uses the same three categories.
 */
export const lesionTypes = ['lytic', 'blastic', 'mixed'] as const;

export const lesionTypeSchema = z
  .enum(lesionTypes)
  .describe('Radiographic lesion type on CT or radiograph: lytic, blastic (sclerotic) or mixed');

export type LesionType = z.output<typeof lesionTypeSchema>;
