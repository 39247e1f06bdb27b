/** SUL, SUVbsa and SUVibw against hand computations of their published formulas. */
import { describe, expect, it } from 'vitest';
import {
  bodySurfaceAreaDuBoisCm2,
  idealBodyWeightKg,
  idealBodyWeightSexOtherKg,
  leanBodyMassJames128Kg,
  leanBodyMassJanmahasatianKg,
} from './body-size.js';
import type { PetSuvSlice } from './pet-suv-slice.js';
import { sulJames128Factors } from './sul-james128.js';
import { sulJanmahasatianFactors } from './sul-janmahasatian.js';
import { suvbsaFactors } from './suvbsa.js';
import { suvibwFactors } from './suvibw.js';

describe('body-size formulas (70 kg, 1.75 m: BMI 22.857)', () => {
  it('Janmahasatian: M 648900/(6680+4937.14) = 55.857 kg; F 648900/(8780+5577.14) = 45.197 kg', () => {
    expect(leanBodyMassJanmahasatianKg('M', 70, 1.75)).toBeCloseTo(55.857, 3);
    expect(leanBodyMassJanmahasatianKg('F', 70, 1.75)).toBeCloseTo(45.197, 3);
  });
  it('James 128: M 77 − 128·(70/175)² = 56.52 kg; F 74.9 − 148·0.16 = 51.22 kg', () => {
    expect(leanBodyMassJames128Kg('M', 70, 1.75)).toBeCloseTo(56.52, 10);
    expect(leanBodyMassJames128Kg('F', 70, 1.75)).toBeCloseTo(51.22, 10);
  });
  it('IBW Sugawara: M 48 + 1.06·23 = 72.38; F 45.5 + 0.91·23 = 66.43; O mean 69.405 kg', () => {
    expect(idealBodyWeightKg('M', 1.75)).toBeCloseTo(72.38, 10);
    expect(idealBodyWeightKg('F', 1.75)).toBeCloseTo(66.43, 10);
    expect(idealBodyWeightSexOtherKg(1.75)).toBeCloseTo(69.405, 10);
  });
  it('Du Bois: 0.007184·70^0.425·175^0.725 = 1.8481 m² = 18481 cm²', () => {
    expect(bodySurfaceAreaDuBoisCm2(70, 1.75)).toBeCloseTo(18481, -1);
  });
});

describe('derived SUVs scale the SUVbw factor', () => {
  const header: PetSuvSlice = {
    units: 'BQML',
    decayCorrection: 'ADMIN',
    patientWeightKg: 70,
    patientSizeM: 1.75,
    patientSex: 'M',
    radionuclideTotalDoseBq: 350e6,
  };
  // ADMIN: SUVbw factor = 70000 g / 350e6 Bq = 2e-4.
  it('SUL Janmahasatian = 2e-4 × 55.857/70', () => {
    expect(sulJanmahasatianFactors([header]).factorsPerSlice[0]).toBeCloseTo((2e-4 * 55.8571) / 70, 9);
  });
  it('SUL James-128 = 2e-4 × 56.52/70', () => {
    expect(sulJames128Factors([header]).factorsPerSlice[0]).toBeCloseTo((2e-4 * 56.52) / 70, 12);
  });
  it('SUVbsa = 2e-4 × 18481 cm² / 70000 g, in cm²/ml', () => {
    const result = suvbsaFactors([header]);
    expect(result.unit).toBe('cm2/ml');
    expect(result.factorsPerSlice[0]).toBeCloseTo((2e-4 * 18481) / 70000, 6);
  });
  it('SUVibw = 2e-4 × 72.38/70 (male)', () => {
    expect(suvibwFactors([header]).factorsPerSlice[0]).toBeCloseTo((2e-4 * 72.38) / 70, 12);
  });
  it('weight in grams and dose in MBq are recognised and reported as assumptions', () => {
    const result = sulJames128Factors([{ ...header, patientWeightKg: 70000, radionuclideTotalDoseBq: 350 }]);
    expect(result.factorsPerSlice[0]).toBeCloseTo((2e-4 * 56.52) / 70, 12);
    expect(result.assumptions.join(' ')).toMatch(/grams.*MBq/s);
  });
});
