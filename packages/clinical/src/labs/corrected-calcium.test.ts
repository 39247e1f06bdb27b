import { invalidInputPaths } from '@bonemet/core/testing';
import { describe, expect, it } from 'vitest';
import { computeCorrectedCalcium, correctedCalciumCalculator, correctedCalciumMgDl } from './corrected-calcium.js';

describe('corrected calcium, Zometa label formula Ca + 0.8 × (4.0 − albumin)', () => {
  it('Ca 8.0 mg/dL, albumin 2.0 g/dL: 8.0 + 0.8 × 2.0 = 9.6 mg/dL = 9.6 / 4.008 mmol/L', () => {
    const result = computeCorrectedCalcium({
      totalCalcium: { value: 8.0, unit: 'mg/dL' },
      albumin: { value: 2.0, unit: 'g/dL' },
      formula: 'label',
    });
    expect(result.correctedCalciumMgDl).toBeCloseTo(9.6, 12);
    expect(result.correctedCalciumMmolL).toBeCloseTo(9.6 / 4.008, 12);
    expect(result.formula).toBe('label');
    expect(result.slopeMgDlPerGDl).toBe(0.8);
    expect(result.referenceAlbuminGDl).toBe(4.0);
    expect(result.summary).toContain('9.6 mg/dL (2.4 mmol/L)');
  });

  it('albumin at the reference 4.0 g/dL changes nothing; above it lowers calcium: 10.0 + 0.8 × (4.0 − 5.0) = 9.2', () => {
    const at = computeCorrectedCalcium({
      totalCalcium: { value: 9.5, unit: 'mg/dL' },
      albumin: { value: 4, unit: 'g/dL' },
    });
    expect(at.correctedCalciumMgDl).toBeCloseTo(9.5, 12);
    const above = computeCorrectedCalcium({
      totalCalcium: { value: 10.0, unit: 'mg/dL' },
      albumin: { value: 5.0, unit: 'g/dL' },
    });
    expect(above.correctedCalciumMgDl).toBeCloseTo(9.2, 12);
  });

  it('hypercalcaemia of malignancy threshold of the label: Ca 11.2, albumin 2.5 → 11.2 + 1.2 = 12.4 mg/dL', () => {
    expect(
      correctedCalciumMgDl({ totalCalcium: { value: 11.2, unit: 'mg/dL' }, albumin: { value: 2.5, unit: 'g/dL' } }),
    ).toBeCloseTo(12.4, 12);
  });

  it('SI units: equals the UK SI formula Ca + 0.02 × (40 − albumin g/L) to within 0.2%', () => {
    // Proof of equivalence: 0.02 mmol/L per g/L × 10 g/L per g/dL = 0.2 mmol/L per g/dL,
    // × 4.008 mg/dL per mmol/L = 0.8016 mg/dL per g/dL ≈ 0.8; and 40 g/L = 4.0 g/dL.
    // The label formula in SI is therefore Ca + (0.8 / 40.08) × (40 − albumin g/L) = Ca + 0.01996 × (40 − albumin).
    // Ca 2.10 mmol/L, albumin 25 g/L: SI formula 2.10 + 0.02 × 15 = 2.400; label 2.10 + 0.01996 × 15 = 2.3994.
    const result = computeCorrectedCalcium({
      totalCalcium: { value: 2.1, unit: 'mmol/L' },
      albumin: { value: 25, unit: 'g/L' },
      formula: 'label',
    });
    expect(result.correctedCalciumMmolL).toBeCloseTo(2.1 + (0.8 / 40.08) * 15, 12);
    expect(result.correctedCalciumMmolL).toBeCloseTo(2.4, 2);
    expect(Math.abs(result.correctedCalciumMmolL - 2.4)).toBeLessThan(0.001);
    // mg/dL: 2.10 × 4.008 = 8.4168; + 0.8 × (4.0 − 2.5) = 9.6168
    expect(result.totalCalciumMgDl).toBeCloseTo(8.4168, 12);
    expect(result.albuminGDl).toBeCloseTo(2.5, 12);
    expect(result.correctedCalciumMgDl).toBeCloseTo(9.6168, 12);
    expect(result.details[0]).toContain('× 4.008');
    expect(result.details[1]).toContain('÷ 10');
  });
});

describe('corrected calcium, Payne 1973 as published: Ca − albumin + 4.0', () => {
  it('Ca 8.0 mg/dL, albumin 2.0 g/dL: 8.0 − 2.0 + 4.0 = 10.0 mg/dL (slope 1.0, not 0.8)', () => {
    const result = computeCorrectedCalcium({
      totalCalcium: { value: 8.0, unit: 'mg/dL' },
      albumin: { value: 2.0, unit: 'g/dL' },
      formula: 'payne',
    });
    expect(result.correctedCalciumMgDl).toBeCloseTo(10.0, 12);
    expect(result.slopeMgDlPerGDl).toBe(1.0);
    expect(result.formulaName).toMatch(/Payne 1973/);
    expect(result.sources[0]?.id).toBe('payne-1973');
    expect(result.assumptions.some((a) => a.includes('0.8'))).toBe(true);
  });

  it('albumin above 4.0: 10.0 − 5.0 + 4.0 = 9.0 mg/dL', () => {
    expect(
      correctedCalciumMgDl({
        totalCalcium: { value: 10.0, unit: 'mg/dL' },
        albumin: { value: 50, unit: 'g/L' },
        formula: 'payne',
      }),
    ).toBeCloseTo(9.0, 12);
  });
});

describe('corrected calcium conventions', () => {
  it('uses the label formula when none is given and says so', () => {
    const result = computeCorrectedCalcium({
      totalCalcium: { value: 8.0, unit: 'mg/dL' },
      albumin: { value: 2.0, unit: 'g/dL' },
    });
    expect(result.formula).toBe('label');
    expect(result.correctedCalciumMgDl).toBeCloseTo(9.6, 12);
    expect(result.assumptions[0]).toMatch(/Formula not given/);
    expect(result.assumptions.some((a) => a.includes('Payne 1973 published 1.0'))).toBe(true);
    expect(result.assumptions.some((a) => a.includes('4.008'))).toBe(true);
  });

  it('does not record a default when the formula is given', () => {
    const result = computeCorrectedCalcium({
      totalCalcium: { value: 8.0, unit: 'mg/dL' },
      albumin: { value: 2.0, unit: 'g/dL' },
      formula: 'label',
    });
    expect(result.assumptions.some((a) => a.includes('Formula not given'))).toBe(false);
  });

  it('points to ionised calcium in renal impairment (Lian & Åsberg 2018)', () => {
    const result = computeCorrectedCalcium({
      totalCalcium: { value: 8.0, unit: 'mg/dL' },
      albumin: { value: 2.0, unit: 'g/dL' },
    });
    expect(result.details.some((d) => d.includes('ionised calcium'))).toBe(true);
    expect(result.sources.map((s) => s.id)).toContain('lian-2018');
  });
});

describe('corrected calcium input validation', () => {
  const valid = { totalCalcium: { value: 2.3, unit: 'mmol/L' }, albumin: { value: 30, unit: 'g/L' } };
  const run = (raw: unknown): unknown => correctedCalciumCalculator.run(raw);

  it('accepts the example and a valid input', () => {
    expect(() => run(correctedCalciumCalculator.example)).not.toThrow();
    expect(() => run(valid)).not.toThrow();
  });

  it('rejects missing fields, bad units, bad formula, out-of-range values and unknown fields', () => {
    expect(invalidInputPaths(() => run({ totalCalcium: valid.totalCalcium }))).toEqual(['albumin']);
    expect(invalidInputPaths(() => run({ ...valid, albumin: { value: 30, unit: 'mg/L' } }))).toEqual(['albumin.unit']);
    expect(invalidInputPaths(() => run({ ...valid, albumin: { value: 30, unit: 'g/dL' } }))).toEqual(['albumin.value']);
    expect(invalidInputPaths(() => run({ ...valid, totalCalcium: { value: 9.2, unit: 'mmol/L' } }))).toEqual([
      'totalCalcium.value',
    ]);
    expect(invalidInputPaths(() => run({ ...valid, formula: 'orrell' }))).toEqual(['formula']);
    expect(invalidInputPaths(() => run({ ...valid, totalCalcium: 2.3 }))).toEqual(['totalCalcium']);
    expect(invalidInputPaths(() => run({ ...valid, ionised: true }))).toEqual(['ionised']);
  });

  it('correctedCalciumMgDl validates its input', () => {
    expect(
      invalidInputPaths(() =>
        correctedCalciumMgDl({ totalCalcium: { value: 30, unit: 'mg/dL' }, albumin: { value: 3, unit: 'g/dL' } }),
      ),
    ).toEqual(['totalCalcium.value']);
  });
});
