import { BonemetError } from '@bonemet/core';
import { describe, expect, it } from 'vitest';
import { assessRecistBone, recistBoneMeasurability } from './recist-bone.js';
import { issuesOf } from './test-support/issues.js';

describe('RECIST 1.1 bone measurability', () => {
  it.each([
    [{ id: 'a', kind: 'lytic', softTissueComponentMm: 10 }, true],
    [{ id: 'b', kind: 'lytic', softTissueComponentMm: 9.9 }, false],
    [{ id: 'c', kind: 'mixed', softTissueComponentMm: 15 }, true],
    [{ id: 'd', kind: 'blastic', softTissueComponentMm: 30 }, false],
    [{ id: 'e', kind: 'lytic' }, false],
    // 8 mm slices: minimum 2 × 8 = 16 mm.
    [{ id: 'f', kind: 'lytic', softTissueComponentMm: 15, sliceThicknessMm: 8 }, false],
    [{ id: 'g', kind: 'lytic', softTissueComponentMm: 16, sliceThicknessMm: 8 }, true],
  ] as const)('%o measurable: %s', (lesion, measurable) => {
    expect(recistBoneMeasurability(lesion).measurable).toBe(measurable);
  });
});

const lesions = [
  { id: 'T1', kind: 'lytic', softTissueComponentMm: 30 },
  { id: 'T2', kind: 'mixed', softTissueComponentMm: 20 },
  { id: 'N1', kind: 'blastic' },
];

function series(sums: [number, number][], extra: Record<string, unknown>[] = []) {
  const dates = ['2026-01-05', '2026-03-02', '2026-04-27', '2026-06-22', '2026-08-17'];
  return assessRecistBone({
    lesions,
    targetIds: ['T1', 'T2'],
    timePoints: sums.map(([t1, t2], index) => ({
      date: dates[index],
      targetDiametersMm: { T1: t1, T2: t2 },
      newLesions: false,
      nonTarget: 'present',
      ...extra[index],
    })),
  });
}

describe('RECIST 1.1 sum of diameters', () => {
  // Baseline sum 30 + 20 = 50 mm. −30% is 35 mm.
  it('35 mm (−30.0%) is PR, 36 mm (−28%) is SD', () => {
    expect(
      series([
        [30, 20],
        [20, 15],
      ]).followUps[0]?.category,
    ).toBe('PR');
    expect(
      series([
        [30, 20],
        [21, 15],
      ]).followUps[0]?.category,
    ).toBe('SD');
  });

  // Nadir 25 mm at the second scan: +20% is 30 mm but only +5 mm; 29 mm is +16%.
  it('PD from the nadir needs ≥ 20% and ≥ 5 mm: 25 → 30 mm is PD, 25 → 29 mm is not', () => {
    const pd = series([
      [30, 20],
      [15, 10],
      [18, 12],
    ]);
    expect(pd.followUps[1]?.nadirSumMm).toBe(25);
    expect(pd.followUps[1]?.percentFromNadir).toBeCloseTo(20, 9);
    expect(pd.followUps[1]?.category).toBe('PD');
    // 29 mm is still −42% from baseline: PR.
    expect(
      series([
        [30, 20],
        [15, 10],
        [17, 12],
      ]).followUps[1]?.category,
    ).toBe('PR');
  });

  // Nadir 20 mm: 24 mm is +20% but only +4 mm: not PD (the 5 mm rule); 25 mm is +25% and +5 mm: PD.
  it('the 5 mm absolute rule: 20 → 24 mm is not PD, 20 → 25 mm is', () => {
    expect(
      series([
        [30, 20],
        [12, 8],
        [14, 10],
      ]).followUps[1]?.category,
    ).not.toBe('PD');
    expect(
      series([
        [30, 20],
        [12, 8],
        [15, 10],
      ]).followUps[1]?.category,
    ).toBe('PD');
  });

  // Nadir 30 mm (second scan, −40%): 35.9 mm is +19.7% and +5.9 mm: not PD; 36 mm is +20% and +6 mm: PD.
  it('the 20% rule from the nadir: 30 → 35.9 mm is not PD, 30 → 36 mm is', () => {
    expect(
      series([
        [30, 20],
        [18, 12],
        [21.9, 14],
      ]).followUps[1]?.category,
    ).toBe('SD');
    expect(
      series([
        [30, 20],
        [18, 12],
        [22, 14],
      ]).followUps[1]?.category,
    ).toBe('PD');
  });

  it('all targets at 0 mm with non-targets absent is CR; new lesion or non-target progression is PD', () => {
    expect(
      series(
        [
          [30, 20],
          [0, 0],
        ],
        [{}, { nonTarget: 'absent' }],
      ).followUps[0]?.category,
    ).toBe('CR');
    expect(
      series(
        [
          [30, 20],
          [10, 5],
        ],
        [{}, { newLesions: true }],
      ).followUps[0]?.category,
    ).toBe('PD');
    expect(
      series(
        [
          [30, 20],
          [30, 20],
        ],
        [{}, { nonTarget: 'unequivocal_progression' }],
      ).followUps[0]?.category,
    ).toBe('PD');
  });

  it('a missing target diameter at follow-up is NE', () => {
    const result = assessRecistBone({
      lesions,
      targetIds: ['T1', 'T2'],
      timePoints: [
        { date: '2026-01-05', targetDiametersMm: { T1: 30, T2: 20 }, newLesions: false, nonTarget: 'present' },
        { date: '2026-03-02', targetDiametersMm: { T1: 30 }, newLesions: false, nonTarget: 'present' },
      ],
    });
    expect(result.followUps[0]?.category).toBe('NE');
  });

  it('refuses a blastic target, dates out of order and an unknown target', () => {
    const base = { date: '2026-01-05', targetDiametersMm: { N1: 10 }, newLesions: false, nonTarget: 'present' };
    const blastic = issuesOf(() =>
      assessRecistBone({ lesions, targetIds: ['N1'], timePoints: [base, { ...base, date: '2026-02-01' }] }),
    );
    expect(blastic.code).toBe('invalid_input');
    expect(blastic.lines).toEqual([
      'targetIds.0: N1 is not measurable and cannot be a target: blastic lesions are non-measurable',
    ]);
    try {
      series([
        [30, 20],
        [20, 15],
      ]);
      assessRecistBone({
        lesions,
        targetIds: ['T1'],
        timePoints: [
          { date: '2026-03-05', targetDiametersMm: { T1: 30 }, newLesions: false, nonTarget: 'present' },
          { date: '2026-01-05', targetDiametersMm: { T1: 30, X: 2 }, newLesions: false, nonTarget: 'present' },
        ],
      });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(BonemetError);
      const paths = (error as BonemetError).issues.map((issue) => issue.path.join('.'));
      expect(paths).toContain('timePoints.1.date');
      expect(paths).toContain('timePoints.1.targetDiametersMm.X');
    }
  });
});
