import type { PetSuvSlice } from './pet-suv-slice.js';
import type { SuvFactors } from './suv-factors.js';
import { suvbwConversion } from './suvbw-conversion.js';

/** SUV normalised by body weight, g/ml: activity concentration × weight / decayed dose. */
export function suvbwFactors(slices: readonly PetSuvSlice[]): SuvFactors {
  const suvbw = suvbwConversion(slices);
  return {
    quantity: 'SUVbw',
    unit: 'g/ml',
    factorsPerSlice: suvbw.factorsPerSlice,
    suvbw,
    details: suvbw.details,
    assumptions: suvbw.assumptions,
  };
}
