import { invalidInputPaths } from '@bonemet/core/testing';
import { describe, expect, it } from 'vitest';
import { computePamidronate, pamidronateCalculator } from './pamidronate.js';

describe('pamidronate for osteolytic bone metastases of breast cancer (Aredia label)', () => {
  it('is 90 mg IV over 2 hours every 3–4 weeks', () => {
    const result = computePamidronate({ indication: 'breast_osteolytic_metastases' });
    expect([result.doseMgMin, result.doseMgMax]).toEqual([90, 90]);
    expect([result.infusionHoursMin, result.infusionHoursMax]).toEqual([2, 2]);
    expect([result.intervalWeeksMin, result.intervalWeeksMax]).toEqual([3, 4]);
    expect(result.maxSingleDoseMg).toBe(90);
    expect(result.hypercalcaemiaSeverity).toBeNull();
    expect(result.renal).toBeNull();
    expect(result.summary).toBe('Pamidronate 90 mg IV over 2 hours every 3–4 weeks.');
    expect(result.details).toContain('Single doses above 90 mg are not recommended.');
    expect(result.details.some((d) => d.includes('renal check before this dose was not done'))).toBe(true);
    expect(result.sources.map((s) => s.id)).toEqual(['aredia-label', 'asco-2017-bma']);
  });

  it('applies the renal hold rule and leads the summary with it', () => {
    const result = computePamidronate({
      indication: 'breast_osteolytic_metastases',
      renal: {
        baselineCreatinine: { value: 1.6, unit: 'mg/dL' },
        currentCreatinine: { value: 2.6, unit: 'mg/dL' },
        withheld: false,
      },
    });
    // abnormal baseline 1.6: 2.6 − 1.6 = 1.0 ≥ 1.0 → withhold
    expect(result.renal?.action).toBe('withhold');
    expect(result.summary).toMatch(/withhold this dose: Withhold pamidronate for renal deterioration/);
    expect(result.sources.map((s) => s.id)).toContain('zometa-label');
  });

  it('reports resumption after a hold', () => {
    const result = computePamidronate({
      indication: 'breast_osteolytic_metastases',
      renal: {
        baselineCreatinine: { value: 70, unit: 'umol/L' },
        currentCreatinine: { value: 77, unit: 'umol/L' },
        withheld: true,
      },
    });
    expect(result.renal?.action).toBe('resume');
    expect(result.summary).toContain('Resume pamidronate at the same dose');
  });

  it('notes an unused corrected calcium', () => {
    const result = computePamidronate({
      indication: 'breast_osteolytic_metastases',
      correctedCalcium: { value: 9.5, unit: 'mg/dL' },
    });
    expect(result.details).toContain('Corrected calcium was given but is not used for this indication.');
  });
});

describe('pamidronate for hypercalcaemia of malignancy: both sides of each band edge', () => {
  it.each([
    [11.99, 'below_label_bands', null, null],
    [12.0, 'moderate', 60, 90],
    [13.5, 'moderate', 60, 90],
    [13.51, 'severe', 90, 90],
  ] as const)('corrected calcium %s mg/dL → %s (%s–%s mg)', (value, severity, min, max) => {
    const result = computePamidronate({
      indication: 'hypercalcaemia_of_malignancy',
      correctedCalcium: { value, unit: 'mg/dL' },
    });
    expect(result.hypercalcaemiaSeverity).toBe(severity);
    expect([result.doseMgMin, result.doseMgMax]).toEqual([min, max]);
    expect([result.infusionHoursMin, result.infusionHoursMax]).toEqual([2, 24]);
    expect([result.intervalWeeksMin, result.intervalWeeksMax]).toEqual([null, null]);
  });

  it.each([
    // 2.99 × 4.008 = 11.98; 3.0 × 4.008 = 12.02; 3.37 × 4.008 = 13.507
    [2.99, 'below_label_bands'],
    [3.0, 'moderate'],
    [3.37, 'severe'],
  ] as const)('corrected calcium %s mmol/L → %s (converted to mg/dL)', (value, severity) => {
    const result = computePamidronate({
      indication: 'hypercalcaemia_of_malignancy',
      correctedCalcium: { value, unit: 'mmol/L' },
    });
    expect(result.hypercalcaemiaSeverity).toBe(severity);
    expect(result.assumptions.some((a) => a.includes('4.008'))).toBe(true);
  });

  it('summarises the moderate regimen', () => {
    const result = computePamidronate({
      indication: 'hypercalcaemia_of_malignancy',
      correctedCalcium: { value: 12.8, unit: 'mg/dL' },
    });
    expect(result.summary).toBe(
      'Pamidronate 60–90 mg IV as a single infusion over 2–24 hours (moderate hypercalcaemia, corrected calcium 12.8 mg/dL).',
    );
  });
});

describe('pamidronate input validation', () => {
  const run = (raw: unknown): unknown => pamidronateCalculator.run(raw);

  it('accepts the example', () => {
    expect(() => run(pamidronateCalculator.example)).not.toThrow();
  });

  it('requires corrected calcium for hypercalcaemia of malignancy', () => {
    expect(invalidInputPaths(() => run({ indication: 'hypercalcaemia_of_malignancy' }))).toEqual(['correctedCalcium']);
  });

  it('rejects bad indication, bad renal block, and unknown fields', () => {
    expect(invalidInputPaths(() => run({ indication: 'prostate' }))).toEqual(['indication']);
    expect(invalidInputPaths(() => run({}))).toEqual(['indication']);
    expect(
      invalidInputPaths(() =>
        run({ indication: 'breast_osteolytic_metastases', renal: { baselineCreatinine: { value: 1, unit: 'mg/dL' } } }),
      ),
    ).toEqual(['renal.currentCreatinine']);
    expect(invalidInputPaths(() => run({ indication: 'breast_osteolytic_metastases', doseMg: 120 }))).toEqual([
      'doseMg',
    ]);
  });
});
