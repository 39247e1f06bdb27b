import { z } from 'zod';
import { skeletalLocationSchema } from '../anatomy/skeletal-location.js';
import { isoDateSchema } from './dates.js';

/** Skeletal-related events (SREs) and hypercalcaemia. */
export const skeletalEventKinds = [
  'pathological_fracture',
  'radiation_to_bone',
  'surgery_to_bone',
  'spinal_cord_compression',
  'hypercalcaemia',
] as const;

export const skeletalEventSchema = z
  .strictObject({
    kind: z
      .enum(skeletalEventKinds)
      .describe(
        'Event: pathological_fracture, radiation_to_bone, surgery_to_bone, spinal_cord_compression or hypercalcaemia',
      ),
    date: isoDateSchema.describe('Date of the event (diagnosis or treatment), YYYY-MM-DD'),
    site: skeletalLocationSchema
      .optional()
      .describe('Where it happened; not for hypercalcaemia; a vertebra or the sacrum for spinal cord compression'),
  })
  .superRefine((event, context) => {
    if (event.site === undefined) return;
    if (event.kind === 'hypercalcaemia') {
      context.addIssue({
        code: 'custom',
        path: ['site'],
        message: 'hypercalcaemia has no skeletal site: remove "site"',
      });
    } else if (
      event.kind === 'spinal_cord_compression' &&
      event.site.bone !== 'vertebra' &&
      event.site.bone !== 'sacrum'
    ) {
      context.addIssue({
        code: 'custom',
        path: ['site', 'bone'],
        message: 'spinal cord (or cauda equina) compression is located at a vertebra or the sacrum',
      });
    }
  })
  .describe('A skeletal-related event or hypercalcaemia');

export type SkeletalEvent = z.output<typeof skeletalEventSchema>;
