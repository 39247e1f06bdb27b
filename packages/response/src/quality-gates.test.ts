import { describe, expect, it } from 'vitest';
import { comparePetTimePoints } from './pet-response.js';
import { singleLesionPair } from './test-support/pet-fixtures.js';

function gate(raw: unknown, id: string) {
  const found = comparePetTimePoints(raw).gates.find((candidate) => candidate.id === id);
  if (found === undefined) throw new Error(`gate ${id} missing`);
  return found;
}

describe('uptake time difference gate (within 15 min)', () => {
  it('passes at exactly 15 min (60 → 75)', () => {
    const result = gate(singleLesionPair(10, 7, { followUp: { uptakeTimeMin: 75 } }), 'uptake_time_difference');
    expect(result.status).toBe('pass');
    expect(result.absoluteChange).toBe(15);
  });

  it('fails at 15.5 min (60 → 44.5) and only flags the result', () => {
    const raw = singleLesionPair(10, 7, { followUp: { uptakeTimeMin: 44.5 } });
    const result = comparePetTimePoints(raw);
    const uptake = result.gates.find((candidate) => candidate.id === 'uptake_time_difference');
    expect(uptake?.status).toBe('fail');
    expect(uptake?.onFailure).toBe('flag');
    expect(result.percist.category).toBe('PMR');
    expect(result.warnings.some((warning) => warning.startsWith('Uptake time difference failed'))).toBe(true);
    // 44.5 min is also outside the 50-70 min window.
    expect(result.warnings.some((warning) => warning.includes('outside the 50-70 min window'))).toBe(true);
  });

  it('is unknown when an uptake time is missing', () => {
    const raw = singleLesionPair(10, 7);
    delete raw.baseline.uptakeTimeMin;
    const result = gate(raw, 'uptake_time_difference');
    expect(result.status).toBe('unknown');
    expect(result.finding).toContain('baseline');
  });

  it('warns at 49 and 71 min but not at 50 and 70 min', () => {
    const inside = comparePetTimePoints(
      singleLesionPair(10, 7, { baseline: { uptakeTimeMin: 50 }, followUp: { uptakeTimeMin: 62 } }),
    );
    expect(inside.warnings.some((warning) => warning.includes('outside'))).toBe(false);
    const edges = comparePetTimePoints(
      singleLesionPair(10, 7, { baseline: { uptakeTimeMin: 70 }, followUp: { uptakeTimeMin: 70 } }),
    );
    expect(edges.warnings.some((warning) => warning.includes('outside'))).toBe(false);
    const outside = comparePetTimePoints(
      singleLesionPair(10, 7, { baseline: { uptakeTimeMin: 71 }, followUp: { uptakeTimeMin: 62 } }),
    );
    expect(outside.warnings.filter((warning) => warning.includes('outside'))).toHaveLength(1);
    const early = comparePetTimePoints(
      singleLesionPair(10, 7, { baseline: { uptakeTimeMin: 49 }, followUp: { uptakeTimeMin: 60 } }),
    );
    expect(early.warnings.filter((warning) => warning.includes('outside'))).toHaveLength(1);
  });
});

describe('liver SULmean stability gate (within 20% and < 0.3 SUL units)', () => {
  const liver = (sulMean: number) => ({ liver: { sulMean, sulSd: 0.1, volumeMl: 14.1 } });

  it('passes at exactly +20% with 0.2 SUL (1.0 → 1.2)', () => {
    const result = gate(singleLesionPair(10, 7, { baseline: liver(1.0), followUp: liver(1.2) }), 'reference_stability');
    expect(result.status).toBe('pass');
    expect(result.percentChange).toBeCloseTo(20, 10);
  });

  it('fails at +21% (1.0 → 1.21) and makes PERCIST not evaluable', () => {
    const result = comparePetTimePoints(singleLesionPair(10, 7, { baseline: liver(1.0), followUp: liver(1.21) }));
    expect(result.gates.find((candidate) => candidate.id === 'reference_stability')?.status).toBe('fail');
    expect(result.percist.category).toBe('not_evaluable');
    expect(result.percist.rules[0]?.rule).toContain('Comparability');
    // EORTC is not governed by the PERCIST gate.
    expect(result.eortc.category).toBe('PMR');
  });

  it('fails at 0.3 SUL even within 20% (2.0 → 2.3, +15%)', () => {
    expect(gate(singleLesionPair(10, 7, { followUp: liver(2.3) }), 'reference_stability').status).toBe('fail');
  });

  it('passes at 0.29 SUL (2.0 → 2.29, +14.5%)', () => {
    expect(gate(singleLesionPair(10, 7, { followUp: liver(2.29) }), 'reference_stability').status).toBe('pass');
  });

  it('fails at −20.5% (2.0 → 1.59)', () => {
    expect(gate(singleLesionPair(10, 7, { followUp: liver(1.59) }), 'reference_stability').status).toBe('fail');
  });

  it('still reports new lesions as PMD when it fails', () => {
    const raw = singleLesionPair(10, 7, { followUp: liver(3.0) });
    raw.followUp.lesions.push({ ...raw.followUp.lesions[0]!, id: 'n1', trackingId: 'T9', new: true });
    expect(comparePetTimePoints(raw).percist.category).toBe('PMD');
  });

  it('checks the blood pool instead when it is the reference region', () => {
    const raw = singleLesionPair(10, 7, {
      baseline: { bloodPool: { sulMean: 1.5, sulSd: 0.2 } },
      followUp: { bloodPool: { sulMean: 1.9, sulSd: 0.2 } },
      options: { referenceRegion: 'blood_pool' },
    });
    const result = gate(raw, 'reference_stability');
    expect(result.title).toBe('Blood-pool SULmean stability');
    // 1.5 → 1.9: +26.7%, 0.4 SUL.
    expect(result.status).toBe('fail');
  });
});

describe('same scanner gate', () => {
  it('passes for the same id', () => {
    expect(gate(singleLesionPair(10, 7), 'same_scanner').status).toBe('pass');
  });

  it('fails for another scanner and only flags the result', () => {
    const raw = singleLesionPair(10, 7, { followUp: { scannerId: 'SITE-B PET/CT 2' } });
    const result = comparePetTimePoints(raw);
    expect(result.gates.find((candidate) => candidate.id === 'same_scanner')?.status).toBe('fail');
    expect(result.percist.category).toBe('PMR');
    expect(result.warnings.some((warning) => warning.startsWith('Same scanner failed'))).toBe(true);
  });

  it('is unknown without scanner ids', () => {
    const raw = singleLesionPair(10, 7);
    delete raw.followUp.scannerId;
    expect(gate(raw, 'same_scanner').status).toBe('unknown');
  });
});
