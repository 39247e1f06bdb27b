import { formatIssuePath } from '@bonemet/core';
import { invalidInputIssues, invalidInputPaths } from '@bonemet/core/testing';
import { describe, expect, it } from 'vitest';
import { computeTokuhashi, tokuhashiCalculator, tokuhashiInputSchema } from './tokuhashi.js';

function score(raw: Record<string, unknown>) {
  return computeTokuhashi(tokuhashiInputSchema.parse(raw));
}

// Every item at 0 points: Karnofsky 10-40, >= 3 extraspinal foci, >= 3 vertebral metastases, unremovable organ
// metastases, lung primary, Frankel A.
const zero = {
  karnofskyPercent: 30,
  extraspinalBoneMetastases: 3,
  vertebralBodyMetastases: 3,
  majorOrganMetastases: 'unremovable',
  primarySite: 'lung',
  frankelGrade: 'A',
} as const;

function itemPoints(raw: Record<string, unknown>, item: string): number | undefined {
  return score(raw).components.find((component) => component.item === item)?.points;
}

describe('Revised Tokuhashi table (Tokuhashi 2005, NICE CG75 reproduction)', () => {
  it.each([
    [10, 0],
    [20, 0],
    [30, 0],
    [40, 0],
    [50, 1],
    [60, 1],
    [70, 1],
    [80, 2],
    [90, 2],
    [100, 2],
  ])('Karnofsky %i%% scores %i', (karnofskyPercent, points) => {
    expect(itemPoints({ ...zero, karnofskyPercent }, 'General condition')).toBe(points);
    expect(score({ ...zero, karnofskyPercent }).total).toBe(points);
  });

  it.each([
    [0, 2],
    [1, 1],
    [2, 1],
    [3, 0],
    [12, 0],
  ])('%i extraspinal bone foci score %i', (extraspinalBoneMetastases, points) => {
    expect(itemPoints({ ...zero, extraspinalBoneMetastases }, 'Extraspinal bone metastatic foci')).toBe(points);
  });

  it.each([
    [1, 2],
    [2, 1],
    [3, 0],
    [8, 0],
  ])('%i vertebral body metastases score %i', (vertebralBodyMetastases, points) => {
    expect(itemPoints({ ...zero, vertebralBodyMetastases }, 'Metastases in the vertebral body')).toBe(points);
  });

  it.each([
    ['unremovable', 0],
    ['removable', 1],
    ['none', 2],
  ])('major organ metastases %s score %i', (majorOrganMetastases, points) => {
    expect(itemPoints({ ...zero, majorOrganMetastases }, 'Metastases to major internal organs')).toBe(points);
  });

  it.each([
    ['lung', 0],
    ['osteosarcoma', 0],
    ['stomach', 0],
    ['bladder', 0],
    ['oesophagus', 0],
    ['pancreas', 0],
    ['liver', 1],
    ['gallbladder', 1],
    ['unidentified', 1],
    ['other', 2],
    ['kidney', 3],
    ['uterus', 3],
    ['rectum', 4],
    ['thyroid', 5],
    ['breast', 5],
    ['prostate', 5],
    ['carcinoid', 5],
  ])('primary site %s scores %i', (primarySite, points) => {
    expect(itemPoints({ ...zero, primarySite }, 'Primary site')).toBe(points);
  });

  it.each([
    ['A', 0],
    ['B', 0],
    ['C', 1],
    ['D', 1],
    ['E', 2],
  ])('Frankel %s scores %i', (frankelGrade, points) => {
    expect(itemPoints({ ...zero, frankelGrade }, 'Palsy')).toBe(points);
  });

  it('spans 0 to 15', () => {
    expect(score(zero).total).toBe(0);
    const best = {
      karnofskyPercent: 100,
      extraspinalBoneMetastases: 0,
      vertebralBodyMetastases: 1,
      majorOrganMetastases: 'none',
      primarySite: 'thyroid',
      frankelGrade: 'E',
    };
    // 2 + 2 + 2 + 2 + 5 + 2 = 15
    expect(score(best).total).toBe(15);
  });
});

describe('Revised Tokuhashi bands, survival and treatment (Tokuhashi 2005 abstract)', () => {
  // Single vertebral metastasis (2) + Frankel E (2) + no organ metastases (2) + Karnofsky 50 (1) + 1 focus (1) = 8
  // with a lung primary (0).
  const total8Single = {
    karnofskyPercent: 50,
    extraspinalBoneMetastases: 1,
    vertebralBodyMetastases: 1,
    majorOrganMetastases: 'none',
    primarySite: 'lung',
    frankelGrade: 'E',
  };

  it('8 predicts < 6 months: conservative or palliative, even with a single vertebral metastasis', () => {
    const result = score(total8Single);
    expect(result.total).toBe(8);
    expect(result.band).toBe('0-8');
    expect(result.predictedSurvival).toBe('< 6 months');
    expect(result.treatmentApproach).toBe('conservative_or_palliative');
    expect(result.suggestedTreatment).toMatch(/total 8 or less/);
  });

  it('9 with a single vertebral metastasis predicts ≥ 6 months: excisional', () => {
    const result = score({ ...total8Single, primarySite: 'liver' }); // 8 + 1
    expect(result.total).toBe(9);
    expect(result.band).toBe('9-11');
    expect(result.predictedSurvival).toBe('≥ 6 months');
    expect(result.treatmentApproach).toBe('excisional');
    expect(result.suggestedTreatment).toMatch(/single vertebra/);
  });

  it('9-11 with multiple vertebral metastases: conservative or palliative', () => {
    // Karnofsky 80 (2) + 1 focus (1) + 2 vertebral (1) + none (2) + other (2) + E (2) = 10
    const result = score({ ...total8Single, karnofskyPercent: 80, vertebralBodyMetastases: 2, primarySite: 'other' });
    expect(result.total).toBe(10);
    expect(result.band).toBe('9-11');
    expect(result.treatmentApproach).toBe('conservative_or_palliative');
    expect(result.suggestedTreatment).toMatch(/multiple vertebral metastases: 2/);
  });

  it('11 with a single vertebral metastasis and removable organ metastases: excisional, with the secondary-copy caveat', () => {
    // Karnofsky 80 (2) + 1 focus (1) + 1 vertebral (2) + removable (1) + kidney (3) + E (2) = 11
    const result = score({
      ...total8Single,
      karnofskyPercent: 80,
      majorOrganMetastases: 'removable',
      primarySite: 'kidney',
    });
    expect(result.total).toBe(11);
    expect(result.band).toBe('9-11');
    expect(result.treatmentApproach).toBe('excisional');
    expect(result.suggestedTreatment).toMatch(/without metastases to major internal organs \(unverified\)/);
    expect(result.assumptions.join(' ')).toMatch(/secondary copies add "and no metastases to major internal organs"/);
  });

  it('12 predicts ≥ 1 year: excisional', () => {
    // Karnofsky 80 (2) + 1 focus (1) + 1 vertebral (2) + none (2) + kidney (3) + E (2) = 12
    const result = score({ ...total8Single, karnofskyPercent: 80, primarySite: 'kidney' });
    expect(result.total).toBe(12);
    expect(result.band).toBe('12-15');
    expect(result.predictedSurvival).toBe('≥ 1 year');
    expect(result.treatmentApproach).toBe('excisional');
    expect(result.suggestedTreatment).toMatch(/total 12 or more/);
  });

  it('12 or more with multiple vertebral metastases reports the conflict between the two rules', () => {
    // Karnofsky 90 (2) + 0 foci (2) + 2 vertebral (1) + none (2) + breast (5) + E (2) = 14
    const result = score({
      karnofskyPercent: 90,
      extraspinalBoneMetastases: 0,
      vertebralBodyMetastases: 2,
      majorOrganMetastases: 'none',
      primarySite: 'breast',
      frankelGrade: 'E',
    });
    expect(result.total).toBe(14);
    expect(result.predictedSurvival).toBe('≥ 1 year');
    expect(result.treatmentApproach).toBe('conservative_or_palliative');
    expect(result.suggestedTreatment).toMatch(/would indicate excisional procedures/);
    expect(result.assumptions.join(' ')).toMatch(/two rules of the 2005 abstract conflict/);
  });
});

describe('Revised Tokuhashi breast information and recorded assumptions', () => {
  it('adds the 2014 modified score for receptor-negative breast cancer without changing the score', () => {
    const result = tokuhashiCalculator.run(tokuhashiCalculator.example);
    // Karnofsky 70 (1) + 1 focus (1) + 1 vertebral (2) + none (2) + breast (5) + E (2) = 13; modified: 13 - 5 + 3 = 11
    expect(result.summary).toContain('Revised Tokuhashi 13/15');
    expect(result.details.join(' ')).toMatch(/3 points for the primary site instead of 5 \(the total would be 11\)/);
    expect(result.sources.map((source) => source.id)).toEqual(['tokuhashi-2005', 'tokuhashi-breast-2017']);
  });

  it('adds no breast line for other primaries', () => {
    const result = score({ ...zero, primarySite: 'prostate' });
    expect(result.details.join(' ')).not.toMatch(/2014 modified/);
    expect(result.sources.map((source) => source.id)).toEqual(['tokuhashi-2005']);
  });

  it('records the vertebral-body conflict when it changes the points', () => {
    const text = score({ ...zero, vertebralBodyMetastases: 1 }).assumptions.join(' ');
    expect(text).toMatch(/reproductions are reported to disagree/);
    expect(text).toMatch(/1 vertebral body metastasis = 2/);
  });

  it('records rows taken from secondary copies only', () => {
    const text = score({
      ...zero,
      extraspinalBoneMetastases: 0,
      vertebralBodyMetastases: 2,
      majorOrganMetastases: 'removable',
      primarySite: 'rectum',
    }).assumptions.join(' ');
    expect(text).toMatch(/no extraspinal bone metastases = 2/);
    expect(text).toMatch(/2 vertebral body metastases = 1/);
    expect(text).toMatch(/removable organ metastases = 1/);
    expect(text).toMatch(/rectum = 4/);
  });

  it('records nothing when every row is legible in the NICE reproduction', () => {
    // zero uses only legible rows except "unremovable"; use organ metastases "none" instead.
    expect(score({ ...zero, majorOrganMetastases: 'none' }).assumptions).toEqual([]);
  });
});

describe('Revised Tokuhashi input validation', () => {
  it.each([0, 5, 55, 75.5, 110, -10])('rejects Karnofsky %d', (karnofskyPercent) => {
    // Every issue (some values break two rules) names the field.
    expect(new Set(invalidInputPaths(() => tokuhashiCalculator.run({ ...zero, karnofskyPercent })))).toEqual(
      new Set(['karnofskyPercent']),
    );
  });

  it('rejects 0 vertebral metastases and fractional or negative counts', () => {
    const issues = invalidInputIssues(() =>
      tokuhashiCalculator.run({ ...zero, vertebralBodyMetastases: 0, extraspinalBoneMetastases: 1.5 }),
    );
    expect(issues.map((issue) => formatIssuePath(issue.path)).sort()).toEqual([
      'extraspinalBoneMetastases',
      'vertebralBodyMetastases',
    ]);
    expect(invalidInputPaths(() => tokuhashiCalculator.run({ ...zero, extraspinalBoneMetastases: -1 }))).toEqual([
      'extraspinalBoneMetastases',
    ]);
  });

  it('rejects unknown primary sites, organ states and Frankel grades', () => {
    const issues = invalidInputIssues(() =>
      tokuhashiCalculator.run({ ...zero, primarySite: 'colon', majorOrganMetastases: 'yes', frankelGrade: 'F' }),
    );
    expect(issues.map((issue) => formatIssuePath(issue.path)).sort()).toEqual([
      'frankelGrade',
      'majorOrganMetastases',
      'primarySite',
    ]);
  });

  it.each([
    'karnofskyPercent',
    'extraspinalBoneMetastases',
    'vertebralBodyMetastases',
    'majorOrganMetastases',
    'primarySite',
    'frankelGrade',
  ])('rejects a missing %s', (field) => {
    const raw = Object.fromEntries(Object.entries(zero).filter(([key]) => key !== field));
    expect(invalidInputPaths(() => tokuhashiCalculator.run(raw))).toContain(field);
  });

  it('rejects strings for numbers', () => {
    expect(invalidInputPaths(() => tokuhashiCalculator.run({ ...zero, karnofskyPercent: '70' }))).toEqual([
      'karnofskyPercent',
    ]);
  });

  it('rejects unknown fields', () => {
    expect(invalidInputIssues(() => tokuhashiCalculator.run({ ...zero, ecog: 1 }))).toContainEqual(
      expect.objectContaining({ path: ['ecog'], message: 'unknown field: ecog' }),
    );
  });
});
