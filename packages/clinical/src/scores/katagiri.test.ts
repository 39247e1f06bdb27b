import { formatIssuePath } from '@bonemet/core';
import { invalidInputIssues, invalidInputPaths } from '@bonemet/core/testing';
import { describe, expect, it } from 'vitest';
import {
  computeKatagiri,
  katagiriCalculator,
  katagiriInputSchema,
  katagiriLaboratoryCategory,
  katagiriPrimaryGrowthForBreast,
} from './katagiri.js';

function score(raw: Record<string, unknown>) {
  return computeKatagiri(katagiriInputSchema.parse(raw));
}

// Every item at 0 points.
const zero = {
  primaryGrowth: 'slow',
  visceralMetastases: 'none',
  laboratory: { category: 'normal' },
  ecogPerformanceStatus: 0,
  previousChemotherapy: false,
  multipleSkeletalMetastases: false,
} as const;

// Laboratory values inside every cut-off.
const normalValues = {
  crpMgDl: 0.1,
  ldhIuL: 180,
  albuminGDl: 4.2,
  plateletsPerUl: 250_000,
  calciumMgDl: 9.2,
  bilirubinMgDl: 0.5,
};

describe('New Katagiri table (Katagiri 2014, secondary copy of the points)', () => {
  const rows: readonly [string, unknown, string, number][] = [
    ['primaryGrowth', 'slow', 'Primary lesion', 0],
    ['primaryGrowth', 'moderate', 'Primary lesion', 2],
    ['primaryGrowth', 'rapid', 'Primary lesion', 3],
    ['visceralMetastases', 'none', 'Visceral or cerebral metastases', 0],
    ['visceralMetastases', 'nodular', 'Visceral or cerebral metastases', 1],
    ['visceralMetastases', 'disseminated', 'Visceral or cerebral metastases', 2],
    ['laboratory', { category: 'normal' }, 'Laboratory data', 0],
    ['laboratory', { category: 'abnormal' }, 'Laboratory data', 1],
    ['laboratory', { category: 'critical' }, 'Laboratory data', 2],
    ['ecogPerformanceStatus', 0, 'ECOG performance status 3 or 4', 0],
    ['ecogPerformanceStatus', 1, 'ECOG performance status 3 or 4', 0],
    ['ecogPerformanceStatus', 2, 'ECOG performance status 3 or 4', 0],
    ['ecogPerformanceStatus', 3, 'ECOG performance status 3 or 4', 1],
    ['ecogPerformanceStatus', 4, 'ECOG performance status 3 or 4', 1],
    ['previousChemotherapy', false, 'Previous chemotherapy', 0],
    ['previousChemotherapy', true, 'Previous chemotherapy', 1],
    ['multipleSkeletalMetastases', false, 'Multiple skeletal metastases', 0],
    ['multipleSkeletalMetastases', true, 'Multiple skeletal metastases', 1],
  ];

  it.each(rows)('%s = %j scores %i', (field, value, item, points) => {
    const result = score({ ...zero, [field]: value });
    expect(result.components.find((component) => component.item === item)?.points).toBe(points);
    expect(result.total).toBe(points);
  });

  it('spans 0 to 10', () => {
    expect(score(zero).total).toBe(0);
    const worst = {
      primaryGrowth: 'rapid',
      visceralMetastases: 'disseminated',
      laboratory: { category: 'critical' },
      ecogPerformanceStatus: 4,
      previousChemotherapy: true,
      multipleSkeletalMetastases: true,
    };
    // 3 + 2 + 2 + 1 + 1 + 1 = 10
    expect(score(worst).total).toBe(10);
  });
});

describe('New Katagiri laboratory values', () => {
  // [field, value on the normal side, value on the other side, category reached]
  const cutOffs = [
    ['crpMgDl', 0.39, 0.4, 'abnormal'],
    ['ldhIuL', 249, 250, 'abnormal'],
    ['albuminGDl', 3.7, 3.69, 'abnormal'],
    ['plateletsPerUl', 100_000, 99_999, 'critical'],
    ['calciumMgDl', 10.29, 10.3, 'critical'],
    ['bilirubinMgDl', 1.39, 1.4, 'critical'],
  ] as const;

  it.each(cutOffs)('%s: %d is normal, %d is %s', (field, normalSide, otherSide, category) => {
    expect(katagiriLaboratoryCategory({ ...normalValues, [field]: normalSide }).category).toBe('normal');
    expect(katagiriLaboratoryCategory({ ...normalValues, [field]: otherSide }).category).toBe(category);
  });

  it('scores the values through the whole calculator', () => {
    const abnormal = score({ ...zero, laboratory: { values: { ...normalValues, ldhIuL: 400 } } });
    expect(abnormal.laboratoryCategory).toBe('abnormal');
    expect(abnormal.total).toBe(1);
    expect(abnormal.components[2]?.finding).toMatch(/LDH 400 IU\/L ≥ 250 IU\/L/);
  });

  it('counts any one value of a tier, and several values of one tier only once', () => {
    const result = katagiriLaboratoryCategory({ ...normalValues, crpMgDl: 2, ldhIuL: 600, albuminGDl: 2.9 });
    expect(result.category).toBe('abnormal');
    expect(result.findings).toHaveLength(3);
    expect(
      score({ ...zero, laboratory: { values: { ...normalValues, crpMgDl: 2, ldhIuL: 600, albuminGDl: 2.9 } } }).total,
    ).toBe(1);
  });

  it('lets critical outrank abnormal: the item is 2, never 3', () => {
    const values = { ...normalValues, crpMgDl: 3, calciumMgDl: 11.5 };
    expect(katagiriLaboratoryCategory(values).category).toBe('critical');
    expect(score({ ...zero, laboratory: { values } }).total).toBe(2);
  });

  it('records the laboratory conventions: any-of tiers and the unconfirmed calcium definition', () => {
    const text = score({ ...zero, laboratory: { values: normalValues } }).assumptions.join(' ');
    expect(text).toMatch(/any one of its values/);
    expect(text).toMatch(/total or albumin-corrected serum calcium is not confirmed/);
  });

  it('records that a given category is assumed to follow the Katagiri cut-offs', () => {
    expect(score(zero).assumptions.join(' ')).toMatch(/category was given directly/);
  });
});

describe('New Katagiri bands and reported survival', () => {
  // moderate 2 + chemotherapy 1 = 3
  const total3 = { ...zero, primaryGrowth: 'moderate', previousChemotherapy: true };
  // rapid 3 + nodular 1 + abnormal 1 + ECOG 3 1 = 6
  const total6 = {
    ...zero,
    primaryGrowth: 'rapid',
    visceralMetastases: 'nodular',
    laboratory: { category: 'abnormal' },
    ecogPerformanceStatus: 3,
  };

  it('3 is low: 1-year 91% and 2-year 78% from the abstract', () => {
    const result = score(total3);
    expect(result.total).toBe(3);
    expect(result.band).toBe('low');
    expect(result.reportedSurvival).toEqual([
      { horizonMonths: 12, survivalPercent: 91, status: 'verified' },
      { horizonMonths: 24, survivalPercent: 78, status: 'verified' },
    ]);
  });

  it('4 is intermediate: only the 1-year 49%, labelled secondary', () => {
    const result = score({ ...total3, multipleSkeletalMetastases: true });
    expect(result.total).toBe(4);
    expect(result.band).toBe('intermediate');
    expect(result.reportedSurvival).toEqual([{ horizonMonths: 12, survivalPercent: 49, status: 'secondary' }]);
    expect(result.summary).toMatch(/49% \(secondary source only/);
    expect(result.assumptions.join(' ')).toMatch(/intermediate-band 1-year survival \(49%\) is from a secondary copy/);
  });

  it('6 is intermediate', () => {
    const result = score(total6);
    expect(result.total).toBe(6);
    expect(result.band).toBe('intermediate');
  });

  it('7 is high: 6-month 27% and 1-year 6% from the abstract', () => {
    const result = score({ ...total6, previousChemotherapy: true });
    expect(result.total).toBe(7);
    expect(result.band).toBe('high');
    expect(result.reportedSurvival).toEqual([
      { horizonMonths: 6, survivalPercent: 27, status: 'verified' },
      { horizonMonths: 12, survivalPercent: 6, status: 'verified' },
    ]);
  });

  it('never prints the unverified figures (98%, 74%, 28%, 2%)', () => {
    for (const raw of [total3, total6, { ...total6, previousChemotherapy: true }]) {
      const text = [score(raw).summary, ...score(raw).details].join(' ');
      for (const figure of ['98%', '74%', '28%', ' 2%']) expect(text).not.toContain(figure);
    }
  });
});

describe('New Katagiri for breast cancer', () => {
  it('maps hormone-dependent breast cancer to slow growth and hormone-independent to moderate growth', () => {
    expect(katagiriPrimaryGrowthForBreast('positive')).toBe('slow');
    expect(katagiriPrimaryGrowthForBreast('negative')).toBe('moderate');
  });

  it('worked case: HR-positive breast cancer after chemotherapy, multiple bone metastases, normal laboratory: 0 + 0 + 0 + 0 + 1 + 1 = 2', () => {
    const result = katagiriCalculator.run(katagiriCalculator.example);
    expect(result.summary).toMatch(/^New Katagiri 2\/10: low risk/);
  });

  it('worked case: triple-negative breast cancer, nodular liver metastases, albumin 3.2 g/dL, ECOG 2, chemotherapy, multiple bone metastases: 2 + 1 + 1 + 0 + 1 + 1 = 6', () => {
    const result = score({
      primaryGrowth: katagiriPrimaryGrowthForBreast('negative'),
      visceralMetastases: 'nodular',
      laboratory: { values: { ...normalValues, albuminGDl: 3.2 } },
      ecogPerformanceStatus: 2,
      previousChemotherapy: true,
      multipleSkeletalMetastases: true,
    });
    expect(result.total).toBe(6);
    expect(result.band).toBe('intermediate');
    expect(result.sources.map((source) => source.id)).toEqual(['katagiri-2014']);
  });
});

describe('New Katagiri input validation', () => {
  it.each([
    'primaryGrowth',
    'visceralMetastases',
    'laboratory',
    'ecogPerformanceStatus',
    'previousChemotherapy',
    'multipleSkeletalMetastases',
  ])('rejects a missing %s', (field) => {
    const raw = Object.fromEntries(Object.entries(zero).filter(([key]) => key !== field));
    expect(invalidInputPaths(() => katagiriCalculator.run(raw))).toContain(field);
  });

  it.each([-1, 5, 2.5, '3'])('rejects ECOG %j', (ecogPerformanceStatus) => {
    expect(new Set(invalidInputPaths(() => katagiriCalculator.run({ ...zero, ecogPerformanceStatus })))).toEqual(
      new Set(['ecogPerformanceStatus']),
    );
  });

  it('rejects unknown values and wrong types', () => {
    const issues = invalidInputIssues(() =>
      katagiriCalculator.run({
        ...zero,
        primaryGrowth: 'fast',
        visceralMetastases: 'brain',
        previousChemotherapy: 'no',
        multipleSkeletalMetastases: 0,
      }),
    );
    expect(issues.map((issue) => formatIssuePath(issue.path)).sort()).toEqual([
      'multipleSkeletalMetastases',
      'previousChemotherapy',
      'primaryGrowth',
      'visceralMetastases',
    ]);
  });

  it('names a missing laboratory value', () => {
    const { bilirubinMgDl: _omitted, ...incomplete } = normalValues;
    const issues = invalidInputIssues(() => katagiriCalculator.run({ ...zero, laboratory: { values: incomplete } }));
    expect(issues).toHaveLength(1);
    expect(formatIssuePath(issues[0]?.path ?? [])).toBe('laboratory');
    expect(issues[0]?.message).toMatch(/values\.bilirubinMgDl/);
  });

  it('names a wrong laboratory category', () => {
    const issues = invalidInputIssues(() => katagiriCalculator.run({ ...zero, laboratory: { category: 'high' } }));
    expect(formatIssuePath(issues[0]?.path ?? [])).toBe('laboratory');
    expect(issues[0]?.message).toMatch(/^category: /);
  });

  it('explains both forms when the laboratory object has neither', () => {
    for (const laboratory of [{}, 'normal', 2]) {
      const issues = invalidInputIssues(() => katagiriCalculator.run({ ...zero, laboratory }));
      expect(formatIssuePath(issues[0]?.path ?? [])).toBe('laboratory');
      expect(issues[0]?.message).toMatch(/expected either/);
    }
  });

  it('rejects both forms at once', () => {
    const issues = invalidInputIssues(() =>
      katagiriCalculator.run({ ...zero, laboratory: { category: 'normal', values: normalValues } }),
    );
    expect(issues.map((issue) => formatIssuePath(issue.path))).toEqual(['laboratory']);
    expect(issues[0]?.message).toMatch(/values/);
  });

  it('rejects laboratory values in the wrong unit, with a hint', () => {
    const issues = invalidInputIssues(() =>
      katagiriCalculator.run({
        ...zero,
        laboratory: { values: { ...normalValues, albuminGDl: 38, plateletsPerUl: 250, calciumMgDl: 2.4 } },
      }),
    );
    const byPath = new Map(issues.map((issue) => [formatIssuePath(issue.path), issue.message]));
    expect(byPath.get('laboratory.values.albuminGDl')).toMatch(/g\/L/);
    expect(byPath.get('laboratory.values.plateletsPerUl')).toMatch(/per µL/);
    expect(byPath.get('laboratory.values.calciumMgDl')).toMatch(/mmol\/L/);
  });

  it('rejects negative and out-of-range laboratory values', () => {
    const issues = invalidInputIssues(() =>
      katagiriCalculator.run({
        ...zero,
        laboratory: { values: { ...normalValues, crpMgDl: -0.1, ldhIuL: -5, bilirubinMgDl: 80 } },
      }),
    );
    expect(issues.map((issue) => formatIssuePath(issue.path)).sort()).toEqual([
      'laboratory.values.bilirubinMgDl',
      'laboratory.values.crpMgDl',
      'laboratory.values.ldhIuL',
    ]);
  });

  it('rejects unknown fields, including inside the laboratory values', () => {
    expect(invalidInputIssues(() => katagiriCalculator.run({ ...zero, age: 60 }))).toContainEqual(
      expect.objectContaining({ path: ['age'], message: 'unknown field: age' }),
    );
    const nested = invalidInputIssues(() =>
      katagiriCalculator.run({ ...zero, laboratory: { values: { ...normalValues, alpIuL: 300 } } }),
    );
    expect(nested).toContainEqual(
      expect.objectContaining({ path: ['laboratory', 'values', 'alpIuL'], message: 'unknown field: alpIuL' }),
    );
  });
});
