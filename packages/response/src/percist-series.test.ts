import { describe, expect, it } from 'vitest';
import { assessPercistSeries } from './percist-series.js';
import { issuesOf } from './test-support/issues.js';
import { rawLesion, rawTimePoint, type RawLesion } from './test-support/pet-fixtures.js';

// Liver SULmean 1.0 ± 0.1 at every scan: measurability threshold 1.5 × 1.0 + 2 × 0.1 = 1.7 SUL.
const lowLiver = { liver: { sulMean: 1.0, sulSd: 0.1, volumeMl: 14.1 } };
const dates = ['2026-01-05', '2026-03-02', '2026-04-27', '2026-06-22'];

/** One tracked lesion T1 with the given SULpeak at each date; extra lesions per time point. */
function series(sulPeaks: number[], extra: RawLesion[][] = [], options: Record<string, unknown> = {}) {
  return assessPercistSeries({
    timePoints: sulPeaks.map((sul, index) =>
      rawTimePoint(
        dates[index] ?? '2027-01-01',
        [rawLesion(`t${String(index)}`, sul, { trackingId: 'T1' }), ...(extra[index] ?? [])],
        lowLiver,
      ),
    ),
    ...options,
  });
}

describe('PERCIST over several time points: nadir', () => {
  it('the nadir is the lowest hottest-lesion SULpeak so far, baseline included', () => {
    const result = series([10, 6, 8]);
    expect(result.followUps[0]?.nadir).toEqual({ date: '2026-01-05', measure: 'hottest', valueSul: 10 });
    expect(result.followUps[1]?.nadir).toEqual({ date: '2026-03-02', measure: 'hottest', valueSul: 6 });
  });

  // Baseline 10 → 6 (−40%, −4.0 SUL: PMR) → 7.9: from the nadir 6 it is +31.7% and +1.9 SUL (PMD against the
  // nadir) although only −21% from baseline (SMD); → 8.0 again PMD against the nadir: confirms.
  it('progression against the nadir needs confirmation and is dated to the first scan showing it', () => {
    const result = series([10, 6, 7.9, 8.0]);
    expect(result.followUps[0]?.vsBaseline.category).toBe('PMR');
    expect(result.followUps[1]?.vsBaseline.category).toBe('SMD');
    expect(result.followUps[1]?.vsNadir.progression).toBe(true);
    expect(result.followUps[1]?.vsNadir.change.percentChange).toBeCloseTo((100 * 1.9) / 6, 9);
    expect(result.followUps[1]?.progression).toBe('confirmed_by_later_scan');
    expect(result.followUps[2]?.progression).toBe('awaiting_confirmation');
    expect(result.confirmedProgression).toMatchObject({ date: '2026-04-27', confirmedOn: '2026-06-22' });
  });

  it('a rise against the nadir followed by a fall is not confirmed', () => {
    const result = series([10, 6, 7.9, 6.1]);
    expect(result.followUps[1]?.progression).toBe('not_confirmed');
    expect(result.confirmedProgression).toBeNull();
  });

  // Nadir 3.0: 3.9 is exactly +30% (+0.9 SUL): not > 30%, no PMD (strict); 3.91 is +30.3%, +0.91: PMD.
  it('30% against the nadir: both sides (strict)', () => {
    expect(series([5, 3, 3.9]).followUps[1]?.vsNadir.progression).toBe(false);
    expect(series([5, 3, 3.91]).followUps[1]?.vsNadir.progression).toBe(true);
    expect(series([5, 3, 3.9], [], { progressionComparison: 'inclusive' }).followUps[1]?.vsNadir.progression).toBe(
      true,
    );
  });

  // Nadir 2.0: 2.8 is +40% but exactly +0.8 SUL: not > 0.8 (strict); 2.81 is +0.81 SUL: PMD.
  it('0.8 SUL against the nadir: both sides (strict)', () => {
    expect(series([5, 2, 2.8]).followUps[1]?.vsNadir.progression).toBe(false);
    expect(series([5, 2, 2.81]).followUps[1]?.vsNadir.progression).toBe(true);
  });

  it('against the baseline the two-time-point rules apply: 30% and 0.8 SUL (PMR ≥, PMD >)', () => {
    // Baseline 4.0: 2.8 is −30% and −1.2 SUL: PMR; 2.81 is −29.75%: SMD. 5.2 is +30%: SMD; 5.21: PMD.
    expect(series([4, 2.8]).followUps[0]?.vsBaseline.category).toBe('PMR');
    expect(series([4, 2.81]).followUps[0]?.vsBaseline.category).toBe('SMD');
    expect(series([4, 5.2]).followUps[0]?.vsBaseline.category).toBe('SMD');
    expect(series([4, 5.21]).followUps[0]?.vsBaseline.category).toBe('PMD');
  });

  it('a new lesion is progression at once, with no confirmation', () => {
    const result = series([10, 6, 6], [[], [], [rawLesion('n1', 3, { new: true })]]);
    expect(result.followUps[1]?.progression).toBe('confirmed');
    expect(result.confirmedProgression).toMatchObject({ date: '2026-04-27', confirmedOn: '2026-04-27' });
  });

  it('PMD with RECIST progression on the same date needs no confirmation', () => {
    const result = series([10, 6, 7.9], [], { anatomicProgressionDates: ['2026-04-27'] });
    expect(result.followUps[1]?.progression).toBe('confirmed');
  });

  it('nadir by the sum of up to 5 hottest lesions', () => {
    // Sums: baseline 4 + 4 = 8; follow-up 2 + 2 = 4 (nadir); then 3 + 3 = 6: +50%, +2 SUL from the nadir.
    const second = (sul: number): RawLesion[] => [rawLesion('x', sul, { trackingId: 'T2' })];
    const result = series([4, 2, 3], [second(4), second(2), second(3)], { nadirMeasure: 'sum' });
    expect(result.followUps[1]?.nadir.valueSul).toBe(4);
    expect(result.followUps[1]?.vsNadir.change.percentChange).toBeCloseTo(50, 9);
    expect(result.followUps[1]?.vsNadir.progression).toBe(true);
  });

  it('refuses dates out of order and a single time point', () => {
    const a = rawTimePoint('2026-03-02', [rawLesion('a', 5)], lowLiver);
    const b = rawTimePoint('2026-01-05', [rawLesion('b', 5)], lowLiver);
    expect(issuesOf(() => assessPercistSeries({ timePoints: [a, b] })).lines).toEqual([
      'timePoints.1.studyDate: dates out of order: 2026-01-05 is not after 2026-03-02',
    ]);
    expect(issuesOf(() => assessPercistSeries({ timePoints: [a] })).code).toBe('invalid_input');
  });
});
