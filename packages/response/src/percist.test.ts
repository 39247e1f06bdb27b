import { describe, expect, it } from 'vitest';
import { comparePetTimePoints } from './pet-response.js';
import { rawLesion, rawPair, singleLesionPair } from './test-support/pet-fixtures.js';

// Liver SULmean 1.0 ± 0.1 at both scans: measurability threshold 1.5 × 1.0 + 2 × 0.1 = 1.7 SUL, low enough
// to test the 0.8 SUL cut-off with lesions of about 2.5 SUL.
const lowLiver = { liver: { sulMean: 1.0, sulSd: 0.1, volumeMl: 14.1 } };

function percistOf(raw: unknown) {
  return comparePetTimePoints(raw).percist;
}

describe('PERCIST measurability at baseline (1.5 × liver SULmean + 2 SD)', () => {
  // Default liver 2.0 ± 0.3: threshold 1.5 × 2.0 + 2 × 0.3 = 3.6 SUL.
  it('a hottest lesion exactly at 3.6 SUL is measurable', () => {
    const reading = percistOf(singleLesionPair(3.6, 3.6));
    expect(reading.measurability.thresholdSul).toBeCloseTo(3.6, 12);
    expect(reading.measurability.measurable).toBe(true);
    expect(reading.category).toBe('SMD');
  });

  it('a hottest lesion at 3.59 SUL is not measurable: not evaluable', () => {
    const reading = percistOf(singleLesionPair(3.59, 1.0));
    expect(reading.measurability.measurable).toBe(false);
    expect(reading.category).toBe('not_evaluable');
    expect(reading.rules.some((rule) => rule.rule.startsWith('Measurability'))).toBe(true);
  });

  it('uses the hottest lesion, not the first one listed', () => {
    const raw = rawPair([rawLesion('cold', 2.0), rawLesion('hot', 5.0)], [rawLesion('f', 5.0)]);
    expect(percistOf(raw).measurability.baselineHottest?.lesionId).toBe('hot');
  });

  it('a baseline without lesions is not evaluable', () => {
    const reading = percistOf(rawPair([], []));
    expect(reading.category).toBe('not_evaluable');
    expect(reading.measurability.baselineHottest).toBeNull();
  });

  it('new lesions still give PMD when the baseline is not measurable', () => {
    const raw = rawPair([rawLesion('b1', 2.0)], [rawLesion('n1', 6.0, { new: true })]);
    const reading = percistOf(raw);
    expect(reading.category).toBe('PMD');
    expect(reading.newLesionIds).toEqual(['n1']);
  });

  it('blood-pool alternative: 2.0 × SULmean + 2 SD', () => {
    // Blood pool 1.5 ± 0.2: 2.0 × 1.5 + 2 × 0.2 = 3.4 SUL.
    const bloodPool = { sulMean: 1.5, sulSd: 0.2 };
    const options = { referenceRegion: 'blood_pool' };
    const at = percistOf(singleLesionPair(3.4, 3.4, { baseline: { bloodPool }, followUp: { bloodPool }, options }));
    expect(at.measurability.thresholdSul).toBeCloseTo(3.4, 12);
    expect(at.measurability.measurable).toBe(true);
    const below = percistOf(
      singleLesionPair(3.39, 3.39, { baseline: { bloodPool }, followUp: { bloodPool }, options }),
    );
    expect(below.measurability.measurable).toBe(false);
    expect(below.category).toBe('not_evaluable');
  });
});

describe('PERCIST PMR: decrease ≥ 30% and ≥ 0.8 SUL of the hottest lesion SULpeak', () => {
  it('exactly 30% (10.0 → 7.0, −3.0 SUL) is PMR', () => {
    const reading = percistOf(singleLesionPair(10, 7));
    expect(reading.category).toBe('PMR');
    expect(reading.target.percentChange).toBeCloseTo(-30, 10);
    expect(reading.target.absoluteChange).toBeCloseTo(-3, 10);
  });

  it('29.9% (10.0 → 7.01) is SMD', () => {
    expect(percistOf(singleLesionPair(10, 7.01)).category).toBe('SMD');
  });

  it('exactly 0.8 SUL with 32% (2.5 → 1.7) is PMR', () => {
    // (1.7 − 2.5) / 2.5 = −32%; −0.8 SUL.
    const reading = percistOf(singleLesionPair(2.5, 1.7, { baseline: lowLiver, followUp: lowLiver }));
    expect(reading.measurability.measurable).toBe(true);
    expect(reading.category).toBe('PMR');
  });

  it('0.79 SUL with 31.6% (2.5 → 1.71) is SMD', () => {
    expect(percistOf(singleLesionPair(2.5, 1.71, { baseline: lowLiver, followUp: lowLiver })).category).toBe('SMD');
  });

  it('is withheld when another tracked lesion rises by more than 30%', () => {
    // Target 10 → 6 (−40%), but lesion T2 2.0 → 3.0 (+50%).
    const raw = rawPair(
      [rawLesion('a', 10, { trackingId: 'T1' }), rawLesion('b', 2, { trackingId: 'T2' })],
      [rawLesion('a2', 6, { trackingId: 'T1' }), rawLesion('b2', 3, { trackingId: 'T2' })],
    );
    const reading = percistOf(raw);
    expect(reading.category).toBe('SMD');
    expect(reading.rules.some((rule) => rule.rule.startsWith('PMR withheld'))).toBe(true);
  });

  it('is kept when another tracked lesion rises by exactly 30%', () => {
    const raw = rawPair(
      [rawLesion('a', 10, { trackingId: 'T1' }), rawLesion('b', 2, { trackingId: 'T2' })],
      [rawLesion('a2', 6, { trackingId: 'T1' }), rawLesion('b2', 2.6, { trackingId: 'T2' })],
    );
    expect(percistOf(raw).category).toBe('PMR');
  });
});

describe('PERCIST PMD: increase > 30% and > 0.8 SUL (strict by default)', () => {
  it('exactly 30% (10.0 → 13.0) is SMD under the strict reading', () => {
    expect(percistOf(singleLesionPair(10, 13)).category).toBe('SMD');
  });

  it('30.1% (10.0 → 13.01) is PMD, needing confirmation', () => {
    const reading = percistOf(singleLesionPair(10, 13.01));
    expect(reading.category).toBe('PMD');
    expect(reading.confirmation.required).toBe(true);
  });

  it('exactly 30% is PMD under the inclusive reading', () => {
    expect(percistOf(singleLesionPair(10, 13, { options: { progressionComparison: 'inclusive' } })).category).toBe(
      'PMD',
    );
  });

  it('exactly 0.8 SUL with 32% (2.5 → 3.3) is SMD strict, PMD inclusive', () => {
    const strict = percistOf(singleLesionPair(2.5, 3.3, { baseline: lowLiver, followUp: lowLiver }));
    expect(strict.category).toBe('SMD');
    const inclusive = percistOf(
      singleLesionPair(2.5, 3.3, {
        baseline: lowLiver,
        followUp: lowLiver,
        options: { progressionComparison: 'inclusive' },
      }),
    );
    expect(inclusive.category).toBe('PMD');
  });

  it('0.81 SUL with 32.4% (2.5 → 3.31) is PMD', () => {
    expect(percistOf(singleLesionPair(2.5, 3.31, { baseline: lowLiver, followUp: lowLiver })).category).toBe('PMD');
  });

  it('50% but only 0.5 SUL (1.0 → 1.5) is not PMD by SUL', () => {
    // Measurable with liver 0.5 ± 0.1: 1.5 × 0.5 + 2 × 0.1 = 0.95 SUL.
    const liver = { liver: { sulMean: 0.5, sulSd: 0.1, volumeMl: 14.1 } };
    expect(percistOf(singleLesionPair(1.0, 1.5, { baseline: liver, followUp: liver })).category).toBe('SMD');
  });

  it('needs no confirmation when anatomic criteria also show progression', () => {
    const reading = percistOf(singleLesionPair(10, 14, { options: { anatomicProgression: true } }));
    expect(reading.category).toBe('PMD');
    expect(reading.confirmation.required).toBe(false);
  });

  it('a new lesion gives PMD without confirmation, even while the target responds', () => {
    const raw = rawPair(
      [rawLesion('a', 10, { trackingId: 'T1' })],
      [rawLesion('a2', 5, { trackingId: 'T1' }), rawLesion('n1', 4, { new: true })],
    );
    const reading = percistOf(raw);
    expect(reading.category).toBe('PMD');
    expect(reading.confirmation.required).toBe(false);
    expect(reading.rules[0]?.rule).toContain('new FDG-avid lesions');
  });

  it('reader-reported unequivocal progression gives PMD needing confirmation', () => {
    const reading = percistOf(singleLesionPair(10, 10, { options: { unequivocalProgression: true } }));
    expect(reading.category).toBe('PMD');
    expect(reading.confirmation.required).toBe(true);
  });

  it('TLG of the 5 hottest: +75% exactly is not PMD, +76% is', () => {
    // One lesion, TLG 10 g → 17.5 g (+75%) and → 17.6 g (+76%); SULpeak unchanged.
    const at = rawPair([rawLesion('a', 10)], [rawLesion('a2', 10, { tlg: 17.5 })]);
    expect(percistOf(at).category).toBe('SMD');
    const above = rawPair([rawLesion('a', 10)], [rawLesion('a2', 10, { tlg: 17.6 })]);
    const reading = percistOf(above);
    expect(reading.category).toBe('PMD');
    expect(reading.sumOfHottest.tlg.percentChange).toBeCloseTo(76, 10);
  });
});

describe('PERCIST hottest lesion per scan, not necessarily the same lesion', () => {
  it('compares the hottest baseline lesion with the hottest follow-up lesion', () => {
    // Baseline: A 10 (T1), B 6 (T2). Follow-up: A 4, B 6.5. Hottest: A at baseline, B at follow-up.
    // (6.5 − 10) / 10 = −35%, −3.5 SUL: PMR. Comparing A with itself would give −60%.
    const raw = rawPair(
      [rawLesion('A0', 10, { trackingId: 'T1' }), rawLesion('B0', 6, { trackingId: 'T2' })],
      [rawLesion('A1', 4, { trackingId: 'T1' }), rawLesion('B1', 6.5, { trackingId: 'T2' })],
    );
    const reading = percistOf(raw);
    expect(reading.target.baselineLesion?.lesionId).toBe('A0');
    expect(reading.target.followUpLesion?.lesionId).toBe('B1');
    expect(reading.target.sameLesion).toBe(false);
    expect(reading.target.percentChange).toBeCloseTo(-35, 10);
    expect(reading.category).toBe('PMR');
    expect(reading.warnings.some((warning) => warning.includes('differs between scans'))).toBe(true);
  });

  it('says the lesion is the same when the tracking ids match, unknown without them', () => {
    expect(percistOf(singleLesionPair(10, 9)).target.sameLesion).toBe(true);
    expect(percistOf(rawPair([rawLesion('a', 10)], [rawLesion('b', 9)])).target.sameLesion).toBeNull();
  });

  it('reports the sum of up to 5 hottest, at most 2 per organ', () => {
    // Baseline bone 9, 8, 7; liver 6; lung 5; node 4 → bone 9 + 8, liver 6, lung 5, node 4 = 32.
    // Follow-up bone 4.5, 4 → 8.5.
    const raw = rawPair(
      [
        rawLesion('b9', 9),
        rawLesion('b8', 8),
        rawLesion('b7', 7),
        rawLesion('l6', 6, { organ: 'liver' }),
        rawLesion('u5', 5, { organ: 'lung' }),
        rawLesion('n4', 4, { organ: 'lymph node' }),
      ],
      [rawLesion('f1', 4.5), rawLesion('f2', 4)],
    );
    const reading = percistOf(raw);
    expect(reading.sumOfHottest.baselineLesionIds).toEqual(['b9', 'b8', 'l6', 'u5', 'n4']);
    expect(reading.sumOfHottest.sulPeak.baseline).toBeCloseTo(32, 10);
    expect(reading.sumOfHottest.sulPeak.followUp).toBeCloseTo(8.5, 10);
    expect(reading.sumOfHottest.tlg.baseline).toBeCloseTo(50, 10);
  });
});

describe('PERCIST CMR: below mean liver and at blood-pool level', () => {
  // Follow-up blood pool 1.0 ± 0.1: level 1.0 + 2 × 0.1 = 1.2 SUL; liver SULmean 2.0.
  const bloodPool = { sulMean: 1.0, sulSd: 0.1 };

  it('no lesion left at follow-up is CMR', () => {
    const reading = percistOf(rawPair([rawLesion('a', 10)], []));
    expect(reading.category).toBe('CMR');
    expect(reading.target.followUp).toBeNull();
  });

  it('a residual lesion at exactly blood-pool level (1.2 SUL) is CMR', () => {
    expect(percistOf(singleLesionPair(10, 1.2, { followUp: { bloodPool } })).category).toBe('CMR');
  });

  it('a residual lesion above blood-pool level (1.21 SUL) is not CMR: PMR by the 30% rule', () => {
    const reading = percistOf(singleLesionPair(10, 1.21, { followUp: { bloodPool } }));
    expect(reading.category).toBe('PMR');
    expect(reading.residualUptake).toBe('not_resolved');
  });

  it('a residual lesion at the liver mean is not CMR', () => {
    const high = { sulMean: 1.9, sulSd: 0.1 }; // level 2.1 > liver 2.0: only the liver condition decides.
    expect(percistOf(singleLesionPair(10, 2.0, { followUp: { bloodPool: high } })).category).toBe('PMR');
    expect(percistOf(singleLesionPair(10, 1.99, { followUp: { bloodPool: high } })).category).toBe('CMR');
  });

  it('without a blood-pool reference a residual lesion below the liver is not called CMR, with a warning', () => {
    const reading = percistOf(singleLesionPair(10, 1.0));
    expect(reading.category).toBe('PMR');
    expect(reading.residualUptake).toBe('unverifiable');
    expect(
      reading.warnings.some((warning) => warning.includes('Complete metabolic response could not be assessed')),
    ).toBe(true);
  });

  it('a response needs verification when anatomic criteria show progression', () => {
    const reading = percistOf(rawPair([rawLesion('a', 10)], [], { options: { anatomicProgression: true } }));
    expect(reading.category).toBe('CMR');
    expect(reading.confirmation.required).toBe(true);
  });
});
