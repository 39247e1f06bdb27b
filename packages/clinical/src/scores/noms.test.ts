import { formatIssuePath } from '@bonemet/core';
import { invalidInputIssues, invalidInputPaths } from '@bonemet/core/testing';
import { describe, expect, it } from 'vitest';
import { computeNoms, nomsCalculator, nomsInputSchema } from './noms.js';

function assess(raw: Record<string, unknown>) {
  return computeNoms(nomsInputSchema.parse(raw));
}

function treatments(raw: Record<string, unknown>): string[] {
  return assess(raw).options.map((option) => option.treatment);
}

// Mechanically stable, no fracture pain, operable, long expected survival: only N and O decide.
const base = {
  esccGrade: '0',
  myelopathy: false,
  histology: 'radiosensitive',
  mechanicalInstability: 'stable',
  mechanicalPainFromCompressionFracture: false,
  medicallyOperable: true,
  expectedSurvivalMonths: 24,
} as const;

describe('NOMS neurologic and oncologic table (Laufer 2013)', () => {
  // Low grade 0-1b; high grade 2-3; 1c on the low-grade branch.
  // radiosensitive -> cEBRT (any grade); radioresistant -> SRS (low) or separation surgery then SRS (high).
  const table = [
    ['0', 'radiosensitive', 'conventional_ebrt'],
    ['1a', 'radiosensitive', 'conventional_ebrt'],
    ['1b', 'radiosensitive', 'conventional_ebrt'],
    ['1c', 'radiosensitive', 'conventional_ebrt'],
    ['2', 'radiosensitive', 'conventional_ebrt'],
    ['3', 'radiosensitive', 'conventional_ebrt'],
    ['0', 'radioresistant', 'stereotactic_radiosurgery'],
    ['1a', 'radioresistant', 'stereotactic_radiosurgery'],
    ['1b', 'radioresistant', 'stereotactic_radiosurgery'],
    ['1c', 'radioresistant', 'stereotactic_radiosurgery'],
    ['2', 'radioresistant', 'separation_surgery_then_srs'],
    ['3', 'radioresistant', 'separation_surgery_then_srs'],
  ] as const;

  it.each(table)('ESCC %s, %s: %s', (esccGrade, histology, treatment) => {
    expect(treatments({ ...base, esccGrade, histology })).toEqual([treatment]);
  });

  it('treats high-grade compression from radiosensitive histology with cEBRT regardless of myelopathy', () => {
    const result = assess({ ...base, esccGrade: '3', myelopathy: true });
    expect(result.options.map((option) => option.treatment)).toEqual(['conventional_ebrt']);
    expect(result.options[0]?.reason).toMatch(/regardless of the degree of cord compression or myelopathy/);
  });

  it('words the four assessments', () => {
    const result = assess({ ...base, esccGrade: '2', myelopathy: true });
    expect(result.assessments.neurologic).toMatch(/grade 2/);
    expect(result.assessments.neurologic).toMatch(/high-grade/);
    expect(result.assessments.neurologic).toMatch(/myelopathy present/);
    expect(result.assessments.oncologic).toMatch(/^Radiosensitive/);
    expect(result.assessments.mechanical).toMatch(/^Mechanically stable/);
    expect(result.assessments.systemic).toMatch(/Medically operable; expected survival 24 months/);
    expect(result.esccCompressionGrade).toBe('high');
  });
});

describe('NOMS grade 1c', () => {
  it('presents the low-grade branch and says high-grade management may be considered', () => {
    const result = assess({ ...base, esccGrade: '1c', histology: 'radioresistant' });
    expect(result.options.map((option) => option.treatment)).toEqual(['stereotactic_radiosurgery']);
    expect(result.options[0]?.reason).toMatch(/1c is debated/);
    expect(result.options[0]?.reason).toMatch(/separation surgery/);
    expect(result.assumptions.join(' ')).toMatch(/1c is managed on the low-grade branch/);
    expect(result.esccCompressionGrade).toBe('indeterminate');
  });

  it('notes that both branches give cEBRT for radiosensitive histology', () => {
    const result = assess({ ...base, esccGrade: '1c' });
    expect(result.options[0]?.reason).toMatch(/both branches lead to conventional radiotherapy/);
  });

  it('does not mention the debate for other grades', () => {
    expect(assess({ ...base, esccGrade: '1b' }).assumptions.join(' ')).not.toMatch(/1c/);
  });
});

describe('NOMS mechanical layer', () => {
  it('adds stabilisation for gross instability, after the radiation option', () => {
    expect(treatments({ ...base, mechanicalInstability: 'unstable' })).toEqual(['conventional_ebrt', 'stabilisation']);
  });

  it('adds stabilisation beside separation surgery for unstable high-grade radioresistant disease', () => {
    expect(
      treatments({ ...base, esccGrade: '3', histology: 'radioresistant', mechanicalInstability: 'unstable' }),
    ).toEqual(['separation_surgery_then_srs', 'stabilisation']);
  });

  it('adds cement augmentation for mechanical fracture pain without gross instability', () => {
    expect(treatments({ ...base, mechanicalPainFromCompressionFracture: true })).toEqual([
      'conventional_ebrt',
      'cement_augmentation',
    ]);
    expect(
      treatments({
        ...base,
        mechanicalInstability: 'potentially_unstable',
        mechanicalPainFromCompressionFracture: true,
      }),
    ).toEqual(['conventional_ebrt', 'cement_augmentation']);
  });

  it('does not add cement augmentation when gross instability calls for stabilisation', () => {
    const result = assess({ ...base, mechanicalInstability: 'unstable', mechanicalPainFromCompressionFracture: true });
    expect(result.options.map((option) => option.treatment)).toEqual(['conventional_ebrt', 'stabilisation']);
    expect(result.details.join(' ')).toMatch(/addressed by stabilisation/);
  });

  it('gives potentially unstable a surgical consultation, not stabilisation, and says so', () => {
    const result = assess({ ...base, mechanicalInstability: 'potentially_unstable' });
    expect(result.options.map((option) => option.treatment)).toEqual(['conventional_ebrt']);
    expect(result.details.join(' ')).toMatch(/surgical consultation is recommended/);
    expect(result.assumptions.join(' ')).toMatch(/Only "unstable" is treated as gross mechanical instability/);
  });
});

describe('NOMS systemic layer', () => {
  it('replaces separation surgery by radiotherapy when not medically operable, and says why', () => {
    const result = assess({ ...base, esccGrade: '2', histology: 'radioresistant', medicallyOperable: false });
    expect(result.surgeryPossible).toBe(false);
    expect(result.options.map((option) => option.treatment)).toEqual([
      'stereotactic_radiosurgery',
      'conventional_ebrt',
    ]);
    expect(result.options[0]?.reason).toMatch(/not offered because the patient is not medically operable/);
    expect(result.assessments.systemic).toMatch(/surgical options excluded/);
    expect(result.assumptions.join(' ')).toMatch(/NOMS gives no non-surgical branch/);
  });

  it('withholds stabilisation when not medically operable and says the instability is untreated', () => {
    const result = assess({ ...base, mechanicalInstability: 'unstable', medicallyOperable: false });
    expect(result.options.map((option) => option.treatment)).toEqual(['conventional_ebrt']);
    expect(result.details.join(' ')).toMatch(/do not treat the instability/);
  });

  it('keeps cement augmentation, a percutaneous procedure, when not medically operable', () => {
    const result = assess({ ...base, mechanicalPainFromCompressionFracture: true, medicallyOperable: false });
    expect(result.options.map((option) => option.treatment)).toEqual(['conventional_ebrt', 'cement_augmentation']);
    expect(result.options[1]?.reason).toMatch(/not counted as surgery/);
  });

  it('excludes surgery and offers best supportive care below 3 months of expected survival (Patchell 2005 criterion)', () => {
    const result = assess({ ...base, esccGrade: '3', histology: 'radioresistant', expectedSurvivalMonths: 2.9 });
    expect(result.surgeryPossible).toBe(false);
    expect(result.options.map((option) => option.treatment)).toEqual([
      'stereotactic_radiosurgery',
      'conventional_ebrt',
      'best_supportive_care',
    ]);
    expect(result.options[0]?.reason).toMatch(/expected survival \(2\.9 months\) is under 3 months/);
    expect(result.sources.map((source) => source.id)).toContain('patchell-2005');
  });

  it('allows surgery at exactly 3 months of expected survival', () => {
    const result = assess({ ...base, esccGrade: '3', histology: 'radioresistant', expectedSurvivalMonths: 3 });
    expect(result.surgeryPossible).toBe(true);
    expect(result.options.map((option) => option.treatment)).toEqual(['separation_surgery_then_srs']);
  });

  it('names both reasons when inoperable with short survival', () => {
    const result = assess({
      ...base,
      mechanicalInstability: 'unstable',
      medicallyOperable: false,
      expectedSurvivalMonths: 1,
    });
    expect(result.assessments.systemic).toMatch(
      /not medically operable and expected survival \(1 month\) is under 3 months/,
    );
    expect(result.options.map((option) => option.treatment)).toEqual(['conventional_ebrt', 'best_supportive_care']);
  });

  it('says when expected survival was not given', () => {
    const { expectedSurvivalMonths: _omitted, ...withoutSurvival } = base;
    const result = assess(withoutSurvival);
    expect(result.assessments.systemic).toMatch(/expected survival not given/);
    expect(result.assumptions.join(' ')).toMatch(/Expected survival was not given/);
    expect(result.surgeryPossible).toBe(true);
  });
});

describe('NOMS and Patchell 2005', () => {
  it('points to decompressive surgery for high-grade radiosensitive compression with myelopathy in an operable patient', () => {
    const result = assess({ ...base, esccGrade: '2', myelopathy: true });
    expect(result.options.map((option) => option.treatment)).toEqual(['conventional_ebrt']);
    expect(result.details.join(' ')).toMatch(/Patchell 2005/);
    expect(result.assumptions.join(' ')).toMatch(/NOMS .* is followed for the options/);
    expect(result.sources.map((source) => source.id)).toContain('patchell-2005');
  });

  it('does not when there is no myelopathy or surgery is excluded', () => {
    expect(assess({ ...base, esccGrade: '2' }).details.join(' ')).not.toMatch(/Patchell/);
    expect(
      assess({ ...base, esccGrade: '2', myelopathy: true, medicallyOperable: false }).details.join(' '),
    ).not.toMatch(/Patchell/);
  });
});

describe('NOMS worked case', () => {
  it('breast cancer, ESCC 2 without myelopathy, SINS potentially unstable with fracture pain, fit: cEBRT and cement augmentation', () => {
    const result = nomsCalculator.run(nomsCalculator.example);
    expect(result.summary).toBe('NOMS options: conventional external beam radiotherapy; cement augmentation.');
    expect(result.assumptions.join(' ')).toMatch(/radiosensitivity class was given/);
  });
});

describe('NOMS input validation', () => {
  it.each([
    'esccGrade',
    'myelopathy',
    'histology',
    'mechanicalInstability',
    'mechanicalPainFromCompressionFracture',
    'medicallyOperable',
  ])('rejects a missing %s (no default)', (field) => {
    const raw = Object.fromEntries(Object.entries(base).filter(([key]) => key !== field));
    expect(invalidInputPaths(() => nomsCalculator.run(raw))).toContain(field);
  });

  it('rejects wrong types and values, naming every field', () => {
    const issues = invalidInputIssues(() =>
      nomsCalculator.run({
        esccGrade: 2,
        myelopathy: 'yes',
        histology: 'intermediate',
        mechanicalInstability: 'sins 9',
        mechanicalPainFromCompressionFracture: 1,
        medicallyOperable: null,
        expectedSurvivalMonths: -1,
      }),
    );
    expect(issues.map((issue) => formatIssuePath(issue.path)).sort()).toEqual([
      'esccGrade',
      'expectedSurvivalMonths',
      'histology',
      'mechanicalInstability',
      'mechanicalPainFromCompressionFracture',
      'medicallyOperable',
      'myelopathy',
    ]);
  });

  it('rejects a non-numeric expected survival', () => {
    expect(invalidInputPaths(() => nomsCalculator.run({ ...base, expectedSurvivalMonths: '6' }))).toEqual([
      'expectedSurvivalMonths',
    ]);
  });

  it('rejects unknown fields', () => {
    expect(invalidInputIssues(() => nomsCalculator.run({ ...base, sins: 9 }))).toContainEqual(
      expect.objectContaining({ path: ['sins'], message: 'unknown field: sins' }),
    );
  });
});
