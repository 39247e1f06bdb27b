import { describe, expect, it } from 'vitest';
import { comparePetTimePoints } from './pet-response.js';
import { rawLesion, rawPair } from './test-support/pet-fixtures.js';

// EORTC reads the SUVmax (SUVbw) of the hottest lesion; SULpeak is kept equal so PERCIST does not matter.
function eortcOf(baselineSuvmax: number, followUpSuvmax: number, options?: Record<string, unknown>) {
  const raw = rawPair(
    [rawLesion('b1', 8, { suvmax: baselineSuvmax })],
    [rawLesion('f1', 8, { suvmax: followUpSuvmax })],
    options === undefined ? {} : { options },
  );
  return comparePetTimePoints(raw).eortc;
}

describe('EORTC 1999 PMD: SUV increase > 25%', () => {
  it('exactly +25% (10 → 12.5) is SMD', () => {
    expect(eortcOf(10, 12.5).category).toBe('SMD');
  });

  it('+25.1% (10 → 12.51) is PMD', () => {
    const reading = eortcOf(10, 12.51);
    expect(reading.category).toBe('PMD');
    expect(reading.target.percentChange).toBeCloseTo(25.1, 10);
  });

  it('a new lesion is PMD', () => {
    const raw = rawPair(
      [rawLesion('b1', 8, { suvmax: 10 })],
      [rawLesion('f1', 8, { suvmax: 5 }), rawLesion('n1', 3, { suvmax: 4, new: true })],
    );
    const reading = comparePetTimePoints(raw).eortc;
    expect(reading.category).toBe('PMD');
    expect(reading.newLesionIds).toEqual(['n1']);
  });
});

describe('EORTC 1999 PMR: ≥ 15% after one cycle, > 25% after more', () => {
  it('after one cycle, exactly −15% (10 → 8.5) is PMR and −14.9% (10 → 8.51) is SMD', () => {
    expect(eortcOf(10, 8.5, { treatmentCyclesBeforeFollowUp: 1 }).category).toBe('PMR');
    expect(eortcOf(10, 8.51, { treatmentCyclesBeforeFollowUp: 1 }).category).toBe('SMD');
  });

  it('after one cycle, a decrease beyond 25% is PMR too', () => {
    expect(eortcOf(10, 5, { treatmentCyclesBeforeFollowUp: 1 }).category).toBe('PMR');
  });

  it('after two cycles, exactly −25% (10 → 7.5) is SMD and −25.1% (10 → 7.49) is PMR', () => {
    expect(eortcOf(10, 7.5, { treatmentCyclesBeforeFollowUp: 2 }).category).toBe('SMD');
    expect(eortcOf(10, 7.49, { treatmentCyclesBeforeFollowUp: 2 }).category).toBe('PMR');
  });

  it('without the number of cycles, uses > 25% and warns about a 15-25% decrease', () => {
    const reading = eortcOf(10, 8);
    expect(reading.category).toBe('SMD');
    expect(reading.treatmentCycles).toBeNull();
    expect(reading.warnings.some((warning) => warning.includes('after one treatment cycle'))).toBe(true);
    expect(eortcOf(10, 7.49).category).toBe('PMR');
  });

  it('uses the hottest lesion by SUVmax on each scan', () => {
    const raw = rawPair(
      [rawLesion('a', 8, { suvmax: 12 }), rawLesion('b', 9, { suvmax: 10 })],
      [rawLesion('c', 8, { suvmax: 6 }), rawLesion('d', 9, { suvmax: 9 })],
    );
    const reading = comparePetTimePoints(raw).eortc;
    expect(reading.target.baselineLesion?.lesionId).toBe('a');
    expect(reading.target.followUpLesion?.lesionId).toBe('d');
    // (9 − 12) / 12 = −25%: not > 25%.
    expect(reading.category).toBe('SMD');
  });
});

describe('EORTC 1999 CMR and not evaluable', () => {
  it('no lesion left at follow-up is CMR', () => {
    expect(comparePetTimePoints(rawPair([rawLesion('b1', 8)], [])).eortc.category).toBe('CMR');
  });

  it('no lesion at baseline is not evaluable', () => {
    expect(comparePetTimePoints(rawPair([], [rawLesion('f1', 3)])).eortc.category).toBe('not_evaluable');
  });
});
