import { describe, expect, it } from 'vitest';
import { assessBisphosphonateRenalFunction, bisphosphonateRenalThresholds } from './bisphosphonate-renal-check.js';

const mg = (value: number) => ({ value, unit: 'mg/dL' }) as const;
const umol = (value: number) => ({ value, unit: 'umol/L' }) as const;

describe('renal deterioration thresholds (Zometa EU SmPC 4.2)', () => {
  it('are the SmPC figures in each unit', () => {
    expect(bisphosphonateRenalThresholds['mg/dL']).toEqual({
      normalBaselineBelow: 1.4,
      increaseFromNormalBaseline: 0.5,
      increaseFromAbnormalBaseline: 1.0,
    });
    expect(bisphosphonateRenalThresholds['umol/L']).toEqual({
      normalBaselineBelow: 124,
      increaseFromNormalBaseline: 44,
      increaseFromAbnormalBaseline: 88,
    });
  });
});

describe('withhold rule, mg/dL', () => {
  it.each([
    // normal baseline (< 1.4): withhold at an increase of ≥ 0.5
    [1.0, 1.49, 'give', 'normal'],
    [1.0, 1.5, 'withhold', 'normal'],
    // 1.4 − 0.9 is 0.4999999999999999 in floating point: still an increase of 0.5
    [0.9, 1.4, 'withhold', 'normal'],
    [0.9, 1.39, 'give', 'normal'],
    [1.39, 1.88, 'give', 'normal'],
    [1.39, 1.89, 'withhold', 'normal'],
    // baseline exactly 1.4 is abnormal by convention: withhold at ≥ 1.0
    [1.4, 1.9, 'give', 'abnormal'],
    [1.4, 2.39, 'give', 'abnormal'],
    [1.4, 2.4, 'withhold', 'abnormal'],
    [1.41, 2.4, 'give', 'abnormal'],
    [1.41, 2.41, 'withhold', 'abnormal'],
    // a fall in creatinine is never deterioration
    [1.2, 0.9, 'give', 'normal'],
  ] as const)('baseline %s, current %s mg/dL → %s (%s baseline)', (baseline, current, action, category) => {
    const result = assessBisphosphonateRenalFunction(
      { baselineCreatinine: mg(baseline), currentCreatinine: mg(current), withheld: false },
      'zoledronic_acid',
    );
    expect(result.action).toBe(action);
    expect(result.baselineCategory).toBe(category);
    expect(result.withholdIncreaseThreshold).toBe(category === 'normal' ? 0.5 : 1.0);
    expect(result.unit).toBe('mg/dL');
  });

  it('explains the exact-1.4 baseline when it occurs', () => {
    const result = assessBisphosphonateRenalFunction(
      { baselineCreatinine: mg(1.4), currentCreatinine: mg(1.9) },
      'zoledronic_acid',
    );
    expect(result.details.some((d) => d.includes('Baseline exactly 1.4 mg/dL'))).toBe(true);
    expect(result.summary).toBe(
      'Give zoledronic acid: creatinine 1.9 mg/dL is +0.5 mg/dL from an abnormal baseline of 1.4 mg/dL, below the withholding increase of 1 mg/dL.',
    );
  });
});

describe('withhold rule, µmol/L uses the SmPC µmol/L figures', () => {
  it.each([
    [123, 166, 'give', 'normal'],
    [123, 167, 'withhold', 'normal'],
    [124, 211, 'give', 'abnormal'],
    [124, 212, 'withhold', 'abnormal'],
  ] as const)('baseline %s, current %s µmol/L → %s (%s baseline)', (baseline, current, action, category) => {
    const result = assessBisphosphonateRenalFunction(
      { baselineCreatinine: umol(baseline), currentCreatinine: umol(current), withheld: false },
      'zoledronic_acid',
    );
    expect(result.action).toBe(action);
    expect(result.baselineCategory).toBe(category);
    expect(result.unit).toBe('umol/L');
    expect(result.assumptions.some((a) => a.includes('124, 44 and 88 µmol/L'))).toBe(true);
  });
});

describe('mixed units are compared in mg/dL', () => {
  it('baseline 1.0 mg/dL, current 132.6 µmol/L (= 1.5 mg/dL): increase 0.5 → withhold', () => {
    const result = assessBisphosphonateRenalFunction(
      { baselineCreatinine: mg(1.0), currentCreatinine: umol(132.6), withheld: false },
      'zoledronic_acid',
    );
    expect(result.unit).toBe('mg/dL');
    expect(result.currentCreatinine).toBeCloseTo(1.5, 12);
    expect(result.action).toBe('withhold');
    expect(result.assumptions.some((a) => a.includes('different units'))).toBe(true);
  });

  it('current 132.5 µmol/L (= 1.4989 mg/dL): increase below 0.5 → give', () => {
    const result = assessBisphosphonateRenalFunction(
      { baselineCreatinine: mg(1.0), currentCreatinine: umol(132.5), withheld: false },
      'zoledronic_acid',
    );
    expect(result.action).toBe('give');
  });
});

describe('resume rule: within 10% of baseline', () => {
  it.each([
    [1.0, 1.1, 'resume'],
    [1.0, 1.11, 'continue_holding'],
    [1.0, 0.9, 'resume'],
    // 1.13 × 1.1 is 1.2429999999999999 in floating point: 1.243 is still exactly 10% above
    [1.13, 1.243, 'resume'],
    [1.13, 1.244, 'continue_holding'],
    [2.0, 3.5, 'continue_holding'],
  ] as const)('on hold, baseline %s, current %s mg/dL → %s', (baseline, current, action) => {
    const result = assessBisphosphonateRenalFunction(
      { baselineCreatinine: mg(baseline), currentCreatinine: mg(current), withheld: true },
      'zoledronic_acid',
    );
    expect(result.action).toBe(action);
    expect(result.resumeLimit).toBeCloseTo(baseline * 1.1, 12);
  });

  it('resumes at the same dose as before the interruption', () => {
    const result = assessBisphosphonateRenalFunction(
      { baselineCreatinine: mg(1.0), currentCreatinine: mg(1.05), withheld: true },
      'zoledronic_acid',
    );
    expect(result.summary).toBe(
      'Resume zoledronic acid at the same dose as before the interruption: creatinine 1.05 mg/dL is within 10% of the baseline 1 mg/dL (≤ 1.1 mg/dL).',
    );
  });
});

describe('assumptions and sources', () => {
  it('records the conventions, and the default when "withheld" is absent', () => {
    const result = assessBisphosphonateRenalFunction(
      { baselineCreatinine: mg(1.0), currentCreatinine: mg(1.2) },
      'zoledronic_acid',
    );
    const text = result.assumptions.join('\n');
    expect(text).toContain('EU SmPC split');
    expect(text).toContain('exactly 1.4 mg/dL');
    expect(text).toContain('(≥)');
    expect(text).toContain('1.10 × baseline');
    expect(text).toContain('"withheld" not given');
    expect(result.sources.map((s) => s.id)).toEqual(['zometa-label']);
  });

  it('for pamidronate, cites the Aredia label and says the split is borrowed from the Zometa SmPC', () => {
    const result = assessBisphosphonateRenalFunction(
      { baselineCreatinine: mg(1.0), currentCreatinine: mg(1.6), withheld: false },
      'pamidronate',
    );
    expect(result.action).toBe('withhold');
    expect(result.summary).toMatch(/^Withhold pamidronate/);
    expect(result.assumptions[0]).toContain('Aredia label');
    expect(result.assumptions.some((a) => a.includes('"withheld" not given'))).toBe(false);
    expect(result.sources.map((s) => s.id)).toEqual(['aredia-label', 'zometa-label']);
  });
});
