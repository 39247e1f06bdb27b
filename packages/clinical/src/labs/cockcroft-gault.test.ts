import { invalidInputPaths } from '@bonemet/core/testing';
import { describe, expect, it } from 'vitest';
import { cockcroftGaultCalculator, cockcroftGaultMlMin, computeCockcroftGault } from './cockcroft-gault.js';

const man60 = { ageYears: 60, weightKg: 72, sex: 'male', serumCreatinine: { value: 1.0, unit: 'mg/dL' } } as const;

describe('Cockcroft-Gault creatinine clearance', () => {
  it('60-year-old 72 kg man, creatinine 1.0 mg/dL: (140 − 60) × 72 / (72 × 1.0) = 80 mL/min', () => {
    const result = computeCockcroftGault(man60);
    expect(result.crclMlMin).toBeCloseTo(80, 10);
    expect(result.serumCreatinineMgDl).toBe(1.0);
    expect(result.weightBasis).toBe('actual_body_weight');
    expect(result.summary).toContain('Creatinine clearance 80 mL/min');
  });

  it('the same woman: 80 × 0.85 = 68 mL/min', () => {
    expect(computeCockcroftGault({ ...man60, sex: 'female' }).crclMlMin).toBeCloseTo(68, 10);
  });

  it('creatinine in µmol/L: 88.4 µmol/L ÷ 88.4 = 1.0 mg/dL gives the same 80 and 68 mL/min', () => {
    const serumCreatinine = { value: 88.4, unit: 'umol/L' } as const;
    const male = computeCockcroftGault({ ...man60, serumCreatinine });
    const female = computeCockcroftGault({ ...man60, sex: 'female', serumCreatinine });
    expect(male.crclMlMin).toBeCloseTo(80, 10);
    expect(female.crclMlMin).toBeCloseTo(68, 10);
    expect(male.details[0]).toContain('÷ 88.4 = 1 mg/dL');
    expect(male.assumptions.some((a) => a.includes('1 mg/dL = 88.4 µmol/L'))).toBe(true);
  });

  it('45-year-old 65 kg woman, creatinine 0.9 mg/dL: (95 × 65) / (72 × 0.9) × 0.85 = 6175 / 64.8 × 0.85 = 81.0 mL/min', () => {
    const result = computeCockcroftGault({
      ageYears: 45,
      weightKg: 65,
      sex: 'female',
      serumCreatinine: { value: 0.9, unit: 'mg/dL' },
    });
    expect(result.crclMlMin).toBeCloseTo((6175 / 64.8) * 0.85, 10);
    expect(result.crclMlMin).toBeCloseTo(81.0, 1);
    expect(result.summary).toContain('81 mL/min');
  });

  it('agrees with the UK µmol/L form (140 − age) × weight × 1.23 / creatinine, where 1.23 ≈ 88.4 / 72', () => {
    // 70-year-old 75 kg man, creatinine 110 µmol/L: UK worked example ≈ 58.7 mL/min with the rounded 1.23.
    const result = computeCockcroftGault({
      ageYears: 70,
      weightKg: 75,
      sex: 'male',
      serumCreatinine: { value: 110, unit: 'umol/L' },
    });
    expect(result.crclMlMin).toBeCloseTo((70 * 75 * (88.4 / 72)) / 110, 10);
    expect(Math.abs(result.crclMlMin - (70 * 75 * 1.23) / 110) / result.crclMlMin).toBeLessThan(0.002);
  });

  it('records actual body weight and steady state as assumptions; no unit assumption for mg/dL', () => {
    const { assumptions, sources } = computeCockcroftGault(man60);
    expect(assumptions[0]).toMatch(/actual body weight/);
    expect(assumptions.some((a) => a.includes('steady state'))).toBe(true);
    expect(assumptions.some((a) => a.includes('88.4'))).toBe(false);
    expect(sources.map((s) => s.id)).toEqual(['cockcroft-gault-1976', 'zometa-label']);
  });

  it('cockcroftGaultMlMin returns the unrounded clearance', () => {
    expect(cockcroftGaultMlMin(man60)).toBeCloseTo(80, 10);
    // (140 − 75) × 58 / (72 × 1.3) × 0.85 = 3770 / 93.6 × 0.85 = 34.236...
    expect(
      cockcroftGaultMlMin({
        ageYears: 75,
        weightKg: 58,
        sex: 'female',
        serumCreatinine: { value: 1.3, unit: 'mg/dL' },
      }),
    ).toBeCloseTo((3770 / 93.6) * 0.85, 10);
  });

  it('cockcroftGaultMlMin validates its input', () => {
    expect(
      invalidInputPaths(() => cockcroftGaultMlMin({ ...man60, serumCreatinine: { value: 0, unit: 'mg/dL' } })),
    ).toEqual(['serumCreatinine.value']);
  });
});

describe('Cockcroft-Gault input validation', () => {
  const run = (raw: unknown): unknown => cockcroftGaultCalculator.run(raw);

  it.each([
    ['ageYears', 18, true],
    ['ageYears', 17.9, false],
    ['ageYears', 120, true],
    ['ageYears', 121, false],
    ['weightKg', 20, true],
    ['weightKg', 19.9, false],
    ['weightKg', 400, true],
    ['weightKg', 400.1, false],
  ] as const)('%s = %s → valid %s', (field, value, valid) => {
    const raw = { ...man60, [field]: value };
    if (valid) expect(() => run(raw)).not.toThrow();
    else expect(invalidInputPaths(() => run(raw))).toEqual([field]);
  });

  it('rejects a creatinine that only makes sense in the other unit', () => {
    expect(invalidInputPaths(() => run({ ...man60, serumCreatinine: { value: 88, unit: 'mg/dL' } }))).toEqual([
      'serumCreatinine.value',
    ]);
  });

  it('rejects missing fields, wrong types, bad enums and unknown fields', () => {
    const { weightKg: _omit, ...noWeight } = man60;
    expect(invalidInputPaths(() => run(noWeight))).toEqual(['weightKg']);
    expect(invalidInputPaths(() => run({ ...man60, ageYears: '60' }))).toEqual(['ageYears']);
    expect(invalidInputPaths(() => run({ ...man60, sex: 'F' }))).toEqual(['sex']);
    expect(invalidInputPaths(() => run({ ...man60, serumCreatinine: { value: 1, unit: 'mmol/L' } }))).toEqual([
      'serumCreatinine.unit',
    ]);
    expect(invalidInputPaths(() => run({ ...man60, heightCm: 170 }))).toEqual(['heightCm']);
    expect(invalidInputPaths(() => run(null))).toEqual(['(root)']);
  });
});
