import { z } from 'zod';
import { identifierSchema } from './identifiers.js';

export const measurementSchema = z
  .strictObject({
    lesionId: identifierSchema
      .optional()
      .describe('Lesion measured; absent for a patient-level quantity such as the Bone Scan Index'),
    timePointId: identifierSchema.optional().describe('Time point the measurement belongs to'),
    quantity: z
      .string()
      .max(64)
      .regex(/^\S(?:.*\S)?$/, { error: 'a quantity name is not empty and has no leading or trailing spaces' })
      .describe('Name of the quantity, e.g. SUVmax, SUVpeak, SUVmean, MTV, TLG, BSI, longestDiameter'),
    value: z.number().describe('Value of the quantity, in `unit` (a finite number)'),
    unit: z
      .string()
      .max(64)
      .regex(/^[!-~]+$/, { error: 'a UCUM unit is printable ASCII without spaces, e.g. g/mL{SUVbw}, mL, mm, %' })
      .describe('UCUM unit (case-sensitive), e.g. g/mL{SUVbw} for SUV, mL, mm, % ; 1 for a ratio'),
    method: z
      .string()
      .min(1)
      .max(256)
      .optional()
      .describe('How the value was obtained, e.g. "SUVpeak: 1 cm³ sphere (PERCIST)", "41% SUVmax threshold"'),
  })
  .describe('A measured quantity of a lesion or of the patient');

export type Measurement = z.output<typeof measurementSchema>;
