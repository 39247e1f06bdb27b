import { invalidInputPaths } from '@bonemet/core/testing';
import { describe, expect, it } from 'vitest';
import { computeZoledronicAcidRenalCheck, zoledronicAcidRenalCheckCalculator } from './zoledronic-acid-renal-check.js';

describe('zoledronic acid renal check', () => {
  it('withholds for an increase of 0.6 mg/dL from a normal baseline, with the numbers', () => {
    const result = computeZoledronicAcidRenalCheck({
      baselineCreatinine: { value: 0.9, unit: 'mg/dL' },
      currentCreatinine: { value: 1.5, unit: 'mg/dL' },
      withheld: false,
    });
    expect(result.calculator).toBe('zoledronic-acid-renal-check');
    expect(result.action).toBe('withhold');
    expect(result.baselineCategory).toBe('normal');
    expect(result.increase).toBeCloseTo(0.6, 12);
    expect(result.withholdIncreaseThreshold).toBe(0.5);
    expect(result.resumeLimit).toBeCloseTo(0.99, 12);
    expect(result.summary).toBe(
      'Withhold zoledronic acid for renal deterioration: creatinine 1.5 mg/dL is +0.6 mg/dL from a normal baseline of 0.9 mg/dL (withhold at an increase of 0.5 mg/dL or more).',
    );
  });

  it('gives the dose when the increase is below the threshold', () => {
    const result = computeZoledronicAcidRenalCheck({
      baselineCreatinine: { value: 1.8, unit: 'mg/dL' },
      currentCreatinine: { value: 2.7, unit: 'mg/dL' },
    });
    expect(result.baselineCategory).toBe('abnormal');
    expect(result.action).toBe('give');
  });

  it('keeps holding until creatinine is back within 10% of baseline', () => {
    const input = (current: number) =>
      ({
        baselineCreatinine: { value: 80, unit: 'umol/L' },
        currentCreatinine: { value: current, unit: 'umol/L' },
        withheld: true,
      }) as const;
    expect(computeZoledronicAcidRenalCheck(input(89)).action).toBe('continue_holding');
    expect(computeZoledronicAcidRenalCheck(input(88)).action).toBe('resume');
  });

  it('validates its input', () => {
    const run = (raw: unknown): unknown => zoledronicAcidRenalCheckCalculator.run(raw);
    const valid = {
      baselineCreatinine: { value: 0.9, unit: 'mg/dL' },
      currentCreatinine: { value: 1.1, unit: 'mg/dL' },
    };
    expect(() => run(zoledronicAcidRenalCheckCalculator.example)).not.toThrow();
    expect(invalidInputPaths(() => run({ baselineCreatinine: valid.baselineCreatinine }))).toEqual([
      'currentCreatinine',
    ]);
    expect(invalidInputPaths(() => run({ ...valid, withheld: 'yes' }))).toEqual(['withheld']);
    expect(invalidInputPaths(() => run({ ...valid, currentCreatinine: { value: 95, unit: 'mg/dL' } }))).toEqual([
      'currentCreatinine.value',
    ]);
    expect(invalidInputPaths(() => run({ ...valid, baselineCreatinine: { value: 0.9, unit: 'mmol/L' } }))).toEqual([
      'baselineCreatinine.unit',
    ]);
    expect(invalidInputPaths(() => run({ ...valid, crclMlMin: 50 }))).toEqual(['crclMlMin']);
  });
});
