import { leanBodyMassJames128Kg } from './body-size.js';
import { binarySexBodyInputs } from './lean-body-mass-inputs.js';
import type { PetSuvSlice } from './pet-suv-slice.js';
import { derivedFactors, type SuvFactors } from './suv-factors.js';
import { suvbwConversion } from './suvbw-conversion.js';

/**
 * SUL with LBM by James (male coefficient 128), the formula of PERCIST 1.0 (Wahl et al. JNM 2009) and
 * DICOM SUV Type LBMJAMES128. Named apart from the default Janmahasatian SUL because values differ.
 */
export function sulJames128Factors(slices: readonly PetSuvSlice[]): SuvFactors {
  const suvbw = suvbwConversion(slices);
  const body = binarySexBodyInputs(suvbw, 'SUL (James 128)');
  const lbmKg = leanBodyMassJames128Kg(body.sex, body.weightKg, body.heightM);
  return derivedFactors(
    suvbw,
    'SULjames128',
    'g/ml',
    lbmKg / body.weightKg,
    `SUL James-128: LBM ${lbmKg.toFixed(2)} kg (sex ${body.sex}, ${body.weightKg} kg, ${body.heightM} m); SUL = SUVbw × LBM / weight.`,
    body.assumptions,
  );
}
