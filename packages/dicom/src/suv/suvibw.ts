import { idealBodyWeightKg, idealBodyWeightSexOtherKg } from './body-size.js';
import type { PetSuvSlice } from './pet-suv-slice.js';
import { derivedFactors, type SuvFactors } from './suv-factors.js';
import { patientHeightMOf, patientSexOf, patientWeightKgOf, suvbwConversion } from './suvbw-conversion.js';

/**
 * SUV normalised by ideal body weight (Sugawara formula, as in MITK), g/ml. For sex "O" the mean of
 * the male and female IBW, the convention that reproduces IBSI DRO_2_2; reported as an assumption.
 */
export function suvibwFactors(slices: readonly PetSuvSlice[]): SuvFactors {
  const suvbw = suvbwConversion(slices);
  const first = suvbw.slices[0] ?? {};
  const assumptions: string[] = [];
  const weightKg = patientWeightKgOf(first, assumptions);
  const heightM = patientHeightMOf(first, assumptions);
  const sex = patientSexOf(first);
  const ibwKg = sex === 'O' ? idealBodyWeightSexOtherKg(heightM) : idealBodyWeightKg(sex, heightM);
  if (sex === 'O') {
    assumptions.push(
      'Sex O: ideal body weight taken as the mean of the male and female values (IBSI DRO_2_2 convention).',
    );
  }
  return derivedFactors(
    suvbw,
    'SUVibw',
    'g/ml',
    ibwKg / weightKg,
    `SUVibw: IBW ${ibwKg.toFixed(2)} kg (sex ${sex}, ${heightM} m); SUVibw = SUVbw × IBW / weight.`,
    assumptions.filter((a) => !suvbw.assumptions.includes(a)),
  );
}
