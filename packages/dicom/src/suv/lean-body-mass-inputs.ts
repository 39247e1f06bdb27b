import { BonemetError } from '@bonemet/core';
import type { BinarySex } from './body-size.js';
import { patientHeightMOf, patientSexOf, patientWeightKgOf, type SuvbwConversion } from './suvbw-conversion.js';

export interface BodyInputs {
  readonly weightKg: number;
  readonly heightM: number;
  readonly sex: BinarySex;
  readonly assumptions: readonly string[];
}

/** Weight, height and a binary sex for an LBM formula; sex "O" is refused (the formulas define M and F only). */
export function binarySexBodyInputs(suvbw: SuvbwConversion, formula: string): BodyInputs {
  const first = suvbw.slices[0] ?? {};
  const assumptions: string[] = [];
  const weightKg = patientWeightKgOf(first, assumptions);
  const heightM = patientHeightMOf(first, assumptions);
  const sex = patientSexOf(first);
  if (sex === 'O') {
    throw new BonemetError(
      'unsupported',
      `cannot compute ${formula}: it is defined for male and female only; sex is O`,
      {
        issues: [{ path: [0, 'patientSex'], message: 'sex O', hint: 'use SUVbw, or SUVibw which defines sex O' }],
      },
    );
  }
  return { weightKg, heightM, sex, assumptions: assumptions.filter((a) => !suvbw.assumptions.includes(a)) };
}
