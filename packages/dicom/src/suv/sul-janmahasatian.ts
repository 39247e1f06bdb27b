import { leanBodyMassJanmahasatianKg } from './body-size.js';
import { binarySexBodyInputs } from './lean-body-mass-inputs.js';
import type { PetSuvSlice } from './pet-suv-slice.js';
import { derivedFactors, type SuvFactors } from './suv-factors.js';
import { suvbwConversion } from './suvbw-conversion.js';

/**
 * SUL (SUV normalised by lean body mass) with LBM by Janmahasatian 2005: the default SUL, as
 * recommended by Tahari et al. JNM 2014;55:1481 and the EANM 2015 guideline.
 */
export function sulJanmahasatianFactors(slices: readonly PetSuvSlice[]): SuvFactors {
  const suvbw = suvbwConversion(slices);
  const body = binarySexBodyInputs(suvbw, 'SUL (Janmahasatian)');
  const lbmKg = leanBodyMassJanmahasatianKg(body.sex, body.weightKg, body.heightM);
  return derivedFactors(
    suvbw,
    'SULjanmahasatian',
    'g/ml',
    lbmKg / body.weightKg,
    `SUL Janmahasatian: LBM ${lbmKg.toFixed(2)} kg (sex ${body.sex}, ${body.weightKg} kg, ${body.heightM} m); SUL = SUVbw × LBM / weight.`,
    body.assumptions,
  );
}
