import { bodySurfaceAreaDuBoisCm2 } from './body-size.js';
import type { PetSuvSlice } from './pet-suv-slice.js';
import { derivedFactors, type SuvFactors } from './suv-factors.js';
import { patientHeightMOf, patientWeightKgOf, suvbwConversion } from './suvbw-conversion.js';

/** SUV normalised by body surface area (Du Bois), cm²/ml: SUVbw × BSA[cm²] / weight[g]. */
export function suvbsaFactors(slices: readonly PetSuvSlice[]): SuvFactors {
  const suvbw = suvbwConversion(slices);
  const first = suvbw.slices[0] ?? {};
  const assumptions: string[] = [];
  const weightKg = patientWeightKgOf(first, assumptions);
  const heightM = patientHeightMOf(first, assumptions);
  const bsaCm2 = bodySurfaceAreaDuBoisCm2(weightKg, heightM);
  return derivedFactors(
    suvbw,
    'SUVbsa',
    'cm2/ml',
    bsaCm2 / (weightKg * 1000),
    `SUVbsa: BSA ${bsaCm2.toFixed(1)} cm² (Du Bois, ${weightKg} kg, ${heightM} m); SUVbsa = SUVbw × BSA / weight in g.`,
    assumptions.filter((a) => !suvbw.assumptions.includes(a)),
  );
}
