import { BonemetError, RESEARCH_USE_DISCLAIMER } from '@bonemet/core';
import { invalidInputPaths } from '@bonemet/core/testing';
import { describe, expect, it } from 'vitest';
import { comparePetTimePoints, petResponseInputSchema } from './pet-response.js';
import { renderPetResponseText } from './render.js';
import { rawLesion, rawPair, singleLesionPair } from './test-support/pet-fixtures.js';

function pathsOf(raw: unknown): string[] {
  return invalidInputPaths(() => comparePetTimePoints(raw));
}

describe('input validation', () => {
  it('accepts the fixture pair', () => {
    expect(petResponseInputSchema.safeParse(singleLesionPair(10, 7)).success).toBe(true);
  });

  it('throws BonemetError invalid_input', () => {
    let thrown: unknown;
    try {
      comparePetTimePoints({});
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(BonemetError);
    expect((thrown as BonemetError).code).toBe('invalid_input');
  });

  it('names missing time points', () => {
    expect(pathsOf({}).sort()).toEqual(['baseline', 'followUp']);
  });

  it('refuses a missing liver reference', () => {
    const raw = singleLesionPair(10, 7) as unknown as { followUp: Record<string, unknown> };
    delete raw.followUp.liver;
    expect(pathsOf(raw)).toEqual(['followUp.liver']);
  });

  it('refuses a liver reference without its size', () => {
    const raw = singleLesionPair(10, 7, { baseline: { liver: { sulMean: 2, sulSd: 0.3 } } });
    expect(pathsOf(raw)).toEqual(['baseline.liver.volumeMl']);
  });

  it('refuses a negative SULpeak and a negative liver SD', () => {
    const raw = rawPair([rawLesion('a', -1, { suvmax: 1, suvpeakGlobal: 1, suvmean: 1 })], [rawLesion('b', 2)], {
      followUp: { liver: { sulMean: 2, sulSd: -0.1, voxelCount: 400 } },
    });
    expect(pathsOf(raw).sort()).toEqual(['baseline.lesions[0].sulPeak', 'followUp.liver.sulSd']);
  });

  it('refuses a zero liver SULmean', () => {
    const raw = singleLesionPair(10, 7, { baseline: { liver: { sulMean: 0, sulSd: 0.1, volumeMl: 14.1 } } });
    expect(pathsOf(raw)).toEqual(['baseline.liver.sulMean']);
  });

  it('refuses unknown fields at every level', () => {
    const raw = singleLesionPair(10, 7) as unknown as Record<string, unknown> & {
      baseline: Record<string, unknown> & { lesions: Record<string, unknown>[] };
    };
    raw.extra = 1;
    raw.baseline.suvType = 'bw';
    const firstLesion = raw.baseline.lesions[0];
    if (firstLesion !== undefined) firstLesion.diameterMm = 12;
    expect(pathsOf(raw).sort()).toEqual(['baseline.lesions[0].diameterMm', 'baseline.suvType', 'extra']);
  });

  it('refuses wrong types', () => {
    const raw = singleLesionPair(10, 7, { baseline: { uptakeTimeMin: '60' as unknown as number } });
    (raw.followUp.lesions[0] as unknown as Record<string, unknown>).centroidMm = [1, 2];
    expect(pathsOf(raw).sort()).toEqual(['baseline.uptakeTimeMin', 'followUp.lesions[0].centroidMm']);
  });

  it('refuses an impossible date and a follow-up not after the baseline', () => {
    expect(pathsOf(singleLesionPair(10, 7, { followUp: { studyDate: '2026-02-30' } }))).toEqual(['followUp.studyDate']);
    expect(pathsOf(singleLesionPair(10, 7, { followUp: { studyDate: '2026-01-05' } }))).toEqual(['followUp.studyDate']);
  });

  it('refuses a new lesion at baseline and duplicate lesion ids', () => {
    const raw = rawPair([rawLesion('a', 5, { new: true })], [rawLesion('b', 5), rawLesion('b', 4)]);
    expect(pathsOf(raw).sort()).toEqual(['baseline.lesions[0].new', 'followUp.lesions[1].id']);
  });

  it('refuses duplicate tracking ids within a time point', () => {
    const raw = rawPair([rawLesion('a', 5, { trackingId: 'T1' }), rawLesion('b', 4, { trackingId: 'T1' })], []);
    expect(pathsOf(raw)).toEqual(['baseline.lesions[1].trackingId']);
  });

  it('refuses a blood-pool reading without blood-pool data', () => {
    const raw = singleLesionPair(10, 7, {
      baseline: { bloodPool: { sulMean: 1.5, sulSd: 0.2 } },
      options: { referenceRegion: 'blood_pool' },
    });
    expect(pathsOf(raw)).toEqual(['followUp.bloodPool']);
  });

  it('refuses bad options', () => {
    const raw = singleLesionPair(10, 7, {
      options: { treatmentCyclesBeforeFollowUp: 0, progressionComparison: 'loose', nadir: true },
    });
    expect(pathsOf(raw).sort()).toEqual([
      'options.nadir',
      'options.progressionComparison',
      'options.treatmentCyclesBeforeFollowUp',
    ]);
  });
});

describe('result', () => {
  it('carries the numbers, the sources, the assumptions and the disclaimer', () => {
    // 10.0 → 7.0 SULpeak: −3.0 SUL, −30%: PMR. SUVmax 15 → 10.5 (fixture 1.5 × SULpeak): −30%: EORTC PMR.
    const result = comparePetTimePoints(singleLesionPair(10, 7));
    expect(result.percist.category).toBe('PMR');
    expect(result.eortc.category).toBe('PMR');
    expect(result.intervalDays).toBe(42);
    expect(result.summary).toContain('PERCIST 1.0 PMR');
    expect(result.summary).toContain('EORTC 1999 PMR');
    expect(result.sources.map((source) => source.id)).toEqual(['wahl-2009', 'o-2016', 'costelloe-2010', 'young-1999']);
    expect(result.percist.rules.every((rule) => rule.sources.length > 0)).toBe(true);
    expect(result.assumptions.some((assumption) => assumption.includes('secondary copies'))).toBe(true);
    expect(result.assumptions.some((assumption) => assumption.includes('nadir'))).toBe(true);
    expect(result.disclaimer).toBe(RESEARCH_USE_DISCLAIMER);
  });

  it('renders as text with categories, numbers, gates, sources and disclaimer', () => {
    const text = renderPetResponseText(comparePetTimePoints(singleLesionPair(10, 7)));
    expect(text).toContain('PERCIST 1.0: PMR (partial metabolic response)');
    expect(text).toContain('10.00 → 7.00 SUL (-3.00 SUL, -30.0%)');
    expect(text).toContain('1.5 × liver SULmean 2.00 + 2 × SD 0.30 = 3.60 SUL');
    expect(text).toContain('EORTC 1999: PMR');
    expect(text).toContain('Uptake time difference: PASS');
    expect(text).toContain('Wahl 2009 (PERCIST 1.0)');
    expect(text).toContain('Young 1999 (EORTC PET)');
    expect(text).toContain(RESEARCH_USE_DISCLAIMER);
  });

  it('renders not evaluable and confirmation lines', () => {
    expect(renderPetResponseText(comparePetTimePoints(singleLesionPair(3, 3)))).toContain('PERCIST 1.0: not evaluable');
    expect(renderPetResponseText(comparePetTimePoints(singleLesionPair(10, 14)))).toContain('Confirmation needed:');
  });
});
