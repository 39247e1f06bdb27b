import { describe, expect, it } from 'vitest';
import { assessBoneScanFlare, newLesionMetastasisProbability } from './bone-scan-flare.js';
import { issuesOf } from './test-support/issues.js';

// Therapy starts 2026-01-01; baseline scan 2025-12-20. Day 182 is 2026-07-02; day 183 is 2026-07-03.
function flare(scans: { date: string; newCount: number; increasedCount: number }[], extra = {}) {
  return assessBoneScanFlare({ baselineDate: '2025-12-20', therapyStartDate: '2026-01-01', scans, ...extra });
}

describe('bone-scan progression with flare', () => {
  it('worsening within the window without a later scan: progression not confirmed, possible flare', () => {
    const result = flare([{ date: '2026-03-01', newCount: 1, increasedCount: 0 }]);
    expect(result.points[0]?.status).toBe('progression_not_confirmed_possible_flare');
    expect(result.progressionDate).toBeNull();
  });

  it('worsening on day 182 is within the window; day 183 is outside and progression at once', () => {
    expect(flare([{ date: '2026-07-02', newCount: 1, increasedCount: 0 }]).points[0]?.status).toBe(
      'progression_not_confirmed_possible_flare',
    );
    const outside = flare([{ date: '2026-07-03', newCount: 1, increasedCount: 0 }]);
    expect(outside.points[0]?.status).toBe('progression');
    expect(outside.progressionDate).toBe('2026-07-03');
  });

  it('a configurable window: 90 days makes day 91 outside', () => {
    const result = flare([{ date: '2026-04-02', newCount: 1, increasedCount: 0 }], { flareWindowDays: 90 });
    expect(result.points[0]?.daysFromTherapyStart).toBe(91);
    expect(result.points[0]?.status).toBe('progression');
  });

  // Worsening scan 2026-03-01 (1 new). 2026-04-12 is 42 days later (6 weeks), 2026-04-11 is 41.
  it('confirmation needs a scan at least 6 weeks later with ≥ 2 further new lesions', () => {
    const confirmed = flare([
      { date: '2026-03-01', newCount: 1, increasedCount: 0 },
      { date: '2026-04-12', newCount: 3, increasedCount: 0 },
    ]);
    expect(confirmed.points[0]?.status).toBe('progression_confirmed');
    expect(confirmed.points[0]?.confirmationDate).toBe('2026-04-12');
    expect(confirmed.progressionDate).toBe('2026-03-01');

    const tooEarly = flare([
      { date: '2026-03-01', newCount: 1, increasedCount: 0 },
      { date: '2026-04-11', newCount: 3, increasedCount: 0 },
    ]);
    expect(tooEarly.points[0]?.status).toBe('progression_not_confirmed_possible_flare');
  });

  it('one further new lesion while the first has faded is not confirmed (flare)', () => {
    // Worsening: 1 new + 2 increased = 3; 6 weeks later: 2 new (1 further) + 0 increased = 2 < 3.
    const result = flare([
      { date: '2026-03-01', newCount: 1, increasedCount: 2 },
      { date: '2026-05-01', newCount: 2, increasedCount: 0 },
    ]);
    expect(result.points[0]?.status).toBe('flare_not_confirmed');
    expect(result.progressionDate).toBeNull();
  });

  it('a persisting increase confirms', () => {
    // 0 new + 2 increased, then 0 new + 2 increased 8 weeks later: the increase persists.
    const result = flare([
      { date: '2026-03-01', newCount: 0, increasedCount: 2 },
      { date: '2026-04-26', newCount: 0, increasedCount: 2 },
    ]);
    expect(result.points[0]?.status).toBe('progression_confirmed');
  });

  it('refuses scans out of order with the path', () => {
    const issues = issuesOf(() =>
      flare([
        { date: '2026-03-01', newCount: 0, increasedCount: 0 },
        { date: '2026-02-01', newCount: 0, increasedCount: 0 },
      ]),
    );
    expect(issues.lines).toEqual(['scans.1.date: dates out of order: 2026-02-01 is not after 2026-03-01']);
    expect(issuesOf(() => flare([{ date: '2026-03-01', newCount: -1, increasedCount: 0 }])).code).toBe('invalid_input');
  });
});

describe('probability that new bone-scan lesions are metastatic (Jacobson 1990)', () => {
  // Reference note bone-scintigraphy §3.3: 1 → 11%, 2 → 35%, 3 → 45%, 4 → 50%, ≥ 5 → 100%.
  it.each([
    [1, 11],
    [2, 35],
    [3, 45],
    [4, 50],
    [5, 100],
    [9, 100],
  ])('%d new → %d%%', (count, percent) => {
    expect(newLesionMetastasisProbability(count)?.probabilityPercent).toBe(percent);
    expect(newLesionMetastasisProbability(count)?.source.id).toBe('jacobson-1990');
  });

  it('none for 0 new lesions; shown on each scan as information', () => {
    expect(newLesionMetastasisProbability(0)).toBeNull();
    const result = flare([{ date: '2026-03-01', newCount: 3, increasedCount: 0 }]);
    expect(result.points[0]?.newLesionProbability?.probabilityPercent).toBe(45);
  });
});
