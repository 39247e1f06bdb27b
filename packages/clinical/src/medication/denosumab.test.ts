import { invalidInputPaths } from '@bonemet/core/testing';
import { describe, expect, it } from 'vitest';
import { computeDenosumab, denosumabCalculator } from './denosumab.js';

const base = {
  crclMlMin: 70,
  dialysis: false,
  correctedCalcium: { value: 9.4, unit: 'mg/dL' },
  lowerLimitOfNormal: { value: 8.6, unit: 'mg/dL' },
  upperLimitOfNormal: { value: 10.2, unit: 'mg/dL' },
} as const;

describe('denosumab (Xgeva) regimen', () => {
  it('is 120 mg SC every 4 weeks with no renal dose adjustment', () => {
    const result = computeDenosumab(base);
    expect(result.doseMg).toBe(120);
    expect(result.route).toBe('subcutaneous');
    expect(result.intervalWeeks).toBe(4);
    expect(result.renalDoseAdjustment).toBe(false);
    expect(result.summary).toBe(
      'Denosumab (Xgeva) 120 mg SC every 4 weeks, no renal dose adjustment; calcium ≥ 500 mg and vitamin D ≥ 400 IU daily.',
    );
    expect(result.sources.map((s) => s.id)).toEqual(['xgeva-label', 'asco-2017-bma']);
  });

  it('says it is not Prolia', () => {
    expect(computeDenosumab(base).details.some((d) => d.includes('not Prolia'))).toBe(true);
  });

  it('warns about hypocalcaemia monitoring, jaw osteonecrosis, atypical femoral and rebound vertebral fractures', () => {
    const warnings = computeDenosumab(base).warnings.join('\n');
    expect(warnings).toContain('first weeks');
    expect(warnings).toContain('Osteonecrosis of the jaw');
    expect(warnings).toContain('Atypical femoral fracture');
    expect(warnings).toContain('vertebral fractures');
  });
});

describe('hypocalcaemia risk warning: CrCl < 30 mL/min or dialysis', () => {
  it.each([
    [30, false, false],
    [29.99, false, true],
    [80, true, true],
    [15, true, true],
  ] as const)('CrCl %s mL/min, dialysis %s → warning %s', (crclMlMin, dialysis, warning) => {
    const result = computeDenosumab({ ...base, crclMlMin, dialysis });
    expect(result.hypocalcaemiaRiskWarning).toBe(warning);
    expect(result.summary.includes('high hypocalcaemia risk')).toBe(warning);
  });
});

describe('calcium status against the laboratory range', () => {
  it.each([
    [8.59, 'below_normal', true, 'recommended'],
    [8.6, 'within_normal', false, 'recommended'],
    [10.2, 'within_normal', false, 'recommended'],
    [10.21, 'above_normal', false, 'not_while_hypercalcaemic'],
  ] as const)('%s mg/dL → %s, correct first %s, supplements %s', (value, status, correctFirst, supplements) => {
    const result = computeDenosumab({ ...base, correctedCalcium: { value, unit: 'mg/dL' } });
    expect(result.calciumStatus).toBe(status);
    expect(result.correctHypocalcaemiaFirst).toBe(correctFirst);
    expect(result.calciumVitaminD).toBe(supplements);
  });

  it('asks to correct hypocalcaemia before the dose', () => {
    const result = computeDenosumab({ ...base, correctedCalcium: { value: 8.0, unit: 'mg/dL' } });
    expect(result.summary).toContain('correct hypocalcaemia before the dose');
    expect(result.warnings[0]).toContain('below normal (normal 8.6–10.2 mg/dL)');
  });

  it('without a range, does not classify and says so', () => {
    const result = computeDenosumab({
      crclMlMin: 70,
      dialysis: false,
      correctedCalcium: { value: 2.3, unit: 'mmol/L' },
    });
    expect(result.calciumStatus).toBe('not_classified');
    expect(result.correctHypocalcaemiaFirst).toBe(false);
    expect(result.calciumVitaminD).toBe('recommended_unless_hypercalcaemic');
    expect(result.assumptions[0]).toContain('No laboratory range given');
  });
});

describe('denosumab input validation', () => {
  const run = (raw: unknown): unknown => denosumabCalculator.run(raw);

  it('accepts the example', () => {
    expect(() => run(denosumabCalculator.example)).not.toThrow();
  });

  it('needs both limits or neither, in the unit of the calcium, lower below upper', () => {
    const { upperLimitOfNormal: _u, ...onlyLower } = base;
    expect(invalidInputPaths(() => run(onlyLower))).toEqual(['upperLimitOfNormal']);
    expect(invalidInputPaths(() => run({ ...base, lowerLimitOfNormal: { value: 2.15, unit: 'mmol/L' } }))).toEqual([
      'lowerLimitOfNormal.unit',
    ]);
    expect(invalidInputPaths(() => run({ ...base, lowerLimitOfNormal: { value: 10.2, unit: 'mg/dL' } }))).toEqual([
      'lowerLimitOfNormal.value',
    ]);
  });

  it('rejects missing dialysis, negative CrCl, implausible calcium and unknown fields', () => {
    const { dialysis: _d, ...noDialysis } = base;
    expect(invalidInputPaths(() => run(noDialysis))).toEqual(['dialysis']);
    expect(invalidInputPaths(() => run({ ...base, crclMlMin: -5 }))).toEqual(['crclMlMin']);
    expect(
      invalidInputPaths(() =>
        run({ crclMlMin: 70, dialysis: false, correctedCalcium: { value: 9.4, unit: 'mmol/L' } }),
      ),
    ).toEqual(['correctedCalcium.value']);
    // the unit of the calcium decides the unit of the limits
    expect(invalidInputPaths(() => run({ ...base, correctedCalcium: { value: 2.3, unit: 'mmol/L' } }))).toEqual([
      'lowerLimitOfNormal.unit',
      'upperLimitOfNormal.unit',
    ]);
    expect(invalidInputPaths(() => run({ ...base, product: 'prolia' }))).toEqual(['product']);
  });
});
