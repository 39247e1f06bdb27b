/**
 * When a liver reference is usable. PERCIST asks for normal liver and falls back to the blood pool when
 * the liver is abnormal (Wahl 2009, secondary copy); it does not give numeric criteria. The limits below
 * are this project's conventions, overridable: a mean SUVbw in a physiological range and a homogeneous
 * sphere (a metastasis or a large vessel in the sphere raises its coefficient of variation).
 */
import { z } from 'zod';
import type { ReferenceRegion } from './reference-region.js';

export const liverUsabilitySchema = z.strictObject({
  minimumMeanSuvbw: z
    .number()
    .positive()
    .default(1.0)
    .describe('Lowest liver SUVbw mean accepted as physiological (g/ml); project convention'),
  maximumMeanSuvbw: z
    .number()
    .positive()
    .default(4.0)
    .describe('Highest liver SUVbw mean accepted as physiological (g/ml); project convention'),
  maximumCoefficientOfVariation: z
    .number()
    .positive()
    .default(0.3)
    .describe('Highest SD / mean inside the liver sphere (unitless); above it the sphere is taken as heterogeneous'),
});

export type LiverUsability = z.output<typeof liverUsabilitySchema>;

/** Reasons the liver sphere is unusable; empty when usable. */
export function liverProblems(region: ReferenceRegion, limits: LiverUsability): string[] {
  const problems: string[] = [];
  if (region.suvbwMean < limits.minimumMeanSuvbw || region.suvbwMean > limits.maximumMeanSuvbw) {
    problems.push(
      `liver SUVbw mean ${region.suvbwMean.toFixed(2)} is outside ${limits.minimumMeanSuvbw}–${limits.maximumMeanSuvbw}`,
    );
  }
  if (region.coefficientOfVariation > limits.maximumCoefficientOfVariation) {
    problems.push(
      `liver sphere is heterogeneous: SD/mean ${region.coefficientOfVariation.toFixed(2)} > ${limits.maximumCoefficientOfVariation}`,
    );
  }
  return problems;
}
