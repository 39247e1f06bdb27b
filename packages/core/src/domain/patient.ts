import { z } from 'zod';
import { isoDateSchema } from './dates.js';
import { identifierSchema } from './identifiers.js';

export const sexes = ['female', 'male', 'other', 'unknown'] as const;

export const patientSchema = z
  .strictObject({
    id: identifierSchema.describe('Patient identifier within this dataset (a pseudonym in de-identified data)'),
    sex: z.enum(sexes).describe('Administrative sex: female, male, other or unknown'),
    birthDate: isoDateSchema.optional().describe('Date of birth, YYYY-MM-DD'),
    synthetic: z
      .boolean()
      .describe(
        'True when this patient is synthetic (generated) data; required so that synthetic data is always labelled',
      ),
  })
  .describe('A patient');

export type Patient = z.output<typeof patientSchema>;
