import { invalidInputPaths } from '@bonemet/core/testing';
import { describe, expect, it } from 'vitest';
import {
  computeZoledronicAcidDose,
  zoledronicAcidDoseCalculator,
  zoledronicAcidRenalDoseTable,
  zoledronicAcidSchedules,
} from './zoledronic-acid-dose.js';

describe('zoledronic acid dose table (Zometa US PI Table 1 / EU SmPC 4.2)', () => {
  it('holds the four label rows with the 4 mg/5 mL concentrate volumes', () => {
    expect(zoledronicAcidRenalDoseTable.map((row) => [row.crclBand, row.doseMg, row.volumeMl])).toEqual([
      ['> 60 mL/min', 4.0, 5.0],
      ['50–60 mL/min', 3.5, 4.4],
      ['40–49 mL/min', 3.3, 4.1],
      ['30–39 mL/min', 3.0, 3.8],
    ]);
    expect(Object.isFrozen(zoledronicAcidRenalDoseTable)).toBe(true);
  });

  // Both sides of every cut-off, with the half-open convention for non-integer CrCl.
  it.each([
    [120, 4.0, 5.0],
    [60.01, 4.0, 5.0],
    [60, 3.5, 4.4],
    [55, 3.5, 4.4],
    [50, 3.5, 4.4],
    [49.99, 3.3, 4.1],
    [49.5, 3.3, 4.1],
    [40, 3.3, 4.1],
    [39.99, 3.0, 3.8],
    [30, 3.0, 3.8],
  ] as const)('CrCl %s mL/min → %s mg (%s mL)', (crclMlMin, doseMg, volumeMl) => {
    const result = computeZoledronicAcidDose({ crclMlMin });
    expect(result.recommended).toBe(true);
    expect(result.doseMg).toBe(doseMg);
    expect(result.volumeMl).toBe(volumeMl);
    expect(result.infusionMinutesMin).toBe(15);
    expect(result.schedules).toHaveLength(2);
  });

  it.each([29.99, 15, 0])('CrCl %s mL/min → not recommended, no dose', (crclMlMin) => {
    const result = computeZoledronicAcidDose({ crclMlMin });
    expect(result.recommended).toBe(false);
    expect(result.doseMg).toBeNull();
    expect(result.volumeMl).toBeNull();
    expect(result.crclBand).toBe('< 30 mL/min');
    expect(result.schedules).toEqual([]);
    expect(result.summary).toMatch(/not recommended/);
    expect(result.details[0]).toContain('3.0 mg/dL (265 µmol/L)');
  });
});

describe('zoledronic acid result content', () => {
  const result = computeZoledronicAcidDose({ crclMlMin: 55 });

  it('summarises dose, volume, infusion time and intervals', () => {
    expect(result.summary).toBe(
      'Zoledronic acid 3.5 mg (4.4 mL of 4 mg/5 mL concentrate) IV over at least 15 minutes, every 3–4 weeks or every 12 weeks: baseline creatinine clearance 55 mL/min (label band 50–60 mL/min).',
    );
  });

  it('gives administration, monitoring and supplements from the label', () => {
    const text = result.details.join('\n');
    expect(text).toContain('100 mL of 0.9% sodium chloride or 5% dextrose');
    expect(text).toContain('no less than 15 minutes');
    expect(text).toContain('calcium-containing');
    expect(text).toContain('serum creatinine before each dose');
    expect(text).toContain('calcium 500 mg');
    expect(text).toContain('vitamin D 400 IU');
    expect(text).toContain('AUC 0.66');
  });

  it('lists both schedules with their trials', () => {
    expect(zoledronicAcidSchedules.map((s) => [s.intervalWeeksMin, s.intervalWeeksMax])).toEqual([
      [3, 4],
      [12, 12],
    ]);
    const twelveWeekly = zoledronicAcidSchedules[1]!.evidence.join('\n');
    expect(twelveWeekly).toContain('1822 patients');
    expect(twelveWeekly).toContain('29.5% every 4 weeks vs 28.6% every 12 weeks');
    expect(twelveWeekly).toContain('416 breast-cancer patients');
    expect(twelveWeekly).toContain('22.0% every 4 weeks vs 23.2% every 12 weeks');
    expect(twelveWeekly).toContain('425 breast-cancer patients');
    expect(twelveWeekly).toContain('0.26 every 12 weeks vs 0.22 every 4 weeks');
    expect(result.sources.map((s) => s.id)).toEqual([
      'zometa-label',
      'asco-2017-bma',
      'himelstein-2017',
      'hortobagyi-2017',
      'amadori-2013',
    ]);
  });

  it('documents the half-open convention and the exact-60 case', () => {
    expect(result.assumptions[0]).toContain('exactly 60 is in the 50–60 band');
    expect(result.assumptions[0]).toContain('[40, 50) → 3.3 mg');
  });
});

describe('zoledronic acid input validation', () => {
  const run = (raw: unknown): unknown => zoledronicAcidDoseCalculator.run(raw);

  it('accepts the example and rejects bad input', () => {
    expect(() => run(zoledronicAcidDoseCalculator.example)).not.toThrow();
    expect(invalidInputPaths(() => run({}))).toEqual(['crclMlMin']);
    expect(invalidInputPaths(() => run({ crclMlMin: -1 }))).toEqual(['crclMlMin']);
    expect(invalidInputPaths(() => run({ crclMlMin: '55' }))).toEqual(['crclMlMin']);
    expect(invalidInputPaths(() => run({ crclMlMin: 55, weightKg: 70 }))).toEqual(['weightKg']);
  });
});
