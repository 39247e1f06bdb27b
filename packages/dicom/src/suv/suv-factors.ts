/** The result of every SUV function: one factor per slice and how it was reached. */
import type { SuvbwConversion } from './suvbw-conversion.js';

export type SuvQuantity = 'SUVbw' | 'SULjanmahasatian' | 'SULjames128' | 'SUVbsa' | 'SUVibw';

export interface SuvFactors {
  readonly quantity: SuvQuantity;
  /** g/ml for the mass-normalised SUVs, cm²/ml for SUVbsa. */
  readonly unit: 'g/ml' | 'cm2/ml';
  /** Multiplies the rescaled value (stored × RescaleSlope + RescaleIntercept); one per slice, input order. */
  readonly factorsPerSlice: readonly number[];
  /** The SUVbw conversion the factor is built on. */
  readonly suvbw: SuvbwConversion;
  readonly details: readonly string[];
  readonly assumptions: readonly string[];
}

/** Scales the SUVbw factors by `massRatio` (normalising mass / body weight) into another SUV. */
export function derivedFactors(
  suvbw: SuvbwConversion,
  quantity: SuvQuantity,
  unit: SuvFactors['unit'],
  ratio: number,
  detail: string,
  assumptions: readonly string[] = [],
): SuvFactors {
  return {
    quantity,
    unit,
    factorsPerSlice: suvbw.factorsPerSlice.map((factor) => factor * ratio),
    suvbw,
    details: [...suvbw.details, detail],
    assumptions: [...suvbw.assumptions, ...assumptions],
  };
}
