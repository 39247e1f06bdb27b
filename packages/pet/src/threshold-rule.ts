/** The lesion threshold rules, as validated options. */
import { z } from 'zod';

export const thresholdRuleSchema = z.discriminatedUnion('kind', [
  z
    .strictObject({
      kind: z.literal('percist').describe('PERCIST: 1.5 × liver SULmean + 2 × SD (blood pool: 2.0 × mean + 2 × SD)'),
    })
    .describe('PERCIST threshold from the reference region'),
  z
    .strictObject({
      kind: z.literal('fixed').describe('A fixed SUVbw threshold'),
      suvbw: z.number().positive().default(2.5).describe('Threshold, SUVbw (g/ml); 2.5 by convention'),
    })
    .describe('Fixed SUVbw threshold'),
  z
    .strictObject({
      kind: z.literal('percent-of-max').describe("A fraction of each lesion's SUVmax, region-grown from its maximum"),
      fraction: z.number().gt(0).lt(1).default(0.41).describe('Fraction of the lesion SUVmax (unitless); 0.41 = 41%'),
      seedSuvbw: z
        .number()
        .positive()
        .default(2.5)
        .describe('Seeds: connected regions at or above this SUVbw (g/ml), each grown from its maximum voxel'),
      growthMarginMm: z
        .number()
        .nonnegative()
        .default(10)
        .describe("Growth stays inside the seed's bounding box widened by this margin (mm), against leaks"),
    })
    .describe("Percentage of each lesion's SUVmax"),
]);

export type ThresholdRule = z.output<typeof thresholdRuleSchema>;
