import { isoDateSchema } from '@bonemet/core';
import {
  albuminQuantitySchema,
  calciumQuantitySchema,
  creatinineQuantitySchema,
  ionisedCalciumQuantitySchema,
  opioidDoseSchema,
} from '@bonemet/clinical';
import { z } from 'zod';

/**
 * Clinical records that the core domain does not define, assembled from the validated quantity schemas
 * of @bonemet/clinical (units and plausibility ranges live there, once).
 */

const sampledOn = isoDateSchema.describe('Day the sample was taken, YYYY-MM-DD');

export const labRecordSchema = z
  .discriminatedUnion('analyte', [
    z.strictObject({
      analyte: z.literal('serum_creatinine').describe('Serum creatinine'),
      sampledOn,
      quantity: creatinineQuantitySchema,
    }),
    z.strictObject({
      analyte: z.literal('total_calcium').describe('Total serum calcium (not albumin-corrected)'),
      sampledOn,
      quantity: calciumQuantitySchema,
    }),
    z.strictObject({
      analyte: z.literal('ionised_calcium').describe('Ionised (free) calcium'),
      sampledOn,
      quantity: ionisedCalciumQuantitySchema,
    }),
    z.strictObject({
      analyte: z.literal('albumin').describe('Serum albumin'),
      sampledOn,
      quantity: albuminQuantitySchema,
    }),
  ])
  .describe('A laboratory value: serum_creatinine, total_calcium, ionised_calcium or albumin (field "analyte")');
export type LabRecord = z.output<typeof labRecordSchema>;

export const painScoreRecordSchema = z
  .strictObject({
    assessedOn: isoDateSchema.describe('Day of the assessment, YYYY-MM-DD'),
    worstPain: z
      .int()
      .min(0)
      .max(10)
      .describe('Worst pain over the last days, numeric rating scale 0 (none) to 10 (worst imaginable)'),
    opioids: z.array(opioidDoseSchema).max(10).describe('Regular opioids at that date; empty when none'),
  })
  .describe('A pain score with the regular opioid analgesia at that date');
export type PainScoreRecord = z.output<typeof painScoreRecordSchema>;
