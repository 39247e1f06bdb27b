import { caughtBonemetError } from '@bonemet/core/testing';
import { quantifyLesions, type PetImage } from '@bonemet/pet';
import { describe, expect, it } from 'vitest';
import { lesionOrganFromOsseous, petTimePointFromQuantification } from './from-pet-quantification.js';
import { comparePetTimePoints } from './pet-response.js';

type Triple = readonly [number, number, number];
const identity: readonly [Triple, Triple, Triple] = [
  [1, 0, 0],
  [0, 1, 0],
  [0, 0, 1],
];
const at = (i: number, j: number, k: number): number => i + 40 * (j + 40 * k);

/**
 * 40 × 40 × 40 voxels of 2 mm, voxel (20, 20, 20) at (0, 0, 0) mm, background SUVbw 2 (also the liver
 * sphere's mean: 2 ± 0, PERCIST threshold 1.5 × 2 + 0 = 3), one ball of radius 6 mm and SUVbw `hot` at voxel
 * (10, 20, 20) = (−20, 0, 0) mm, and a second of SUVbw `hot` − 1 at voxel (30, 20, 20) = (20, 0, 0) mm.
 */
function image(hot: number, sulPerSuvbw?: number): PetImage {
  const voxels = new Float32Array(40 ** 3).fill(2);
  for (const [ci, value] of [
    [10, hot],
    [30, hot - 1],
  ] as const)
    for (let k = 0; k < 40; k++)
      for (let j = 0; j < 40; j++)
        for (let i = 0; i < 40; i++)
          if (4 * ((i - ci) ** 2 + (j - 20) ** 2 + (k - 20) ** 2) <= 36) voxels[at(i, j, k)] = value;
  const base = {
    dimensions: [40, 40, 40] as Triple,
    spacingMm: [2, 2, 2] as Triple,
    originMm: [-40, -40, -40] as Triple,
    directions: identity,
    voxels,
  };
  return sulPerSuvbw === undefined ? base : { ...base, sul: { perSuvbw: sulPerSuvbw, formula: 'Janmahasatian' } };
}

const percistAtCentre = {
  threshold: { kind: 'percist' },
  minimumVolumeMl: 0,
  reference: { liverCentreMm: [0, 0, 20] },
};

describe('petTimePointFromQuantification', () => {
  // The liver sphere at (0, 0, 20) mm is 15 mm from the surface of neither ball (balls end 6 mm from
  // x = ±20): it lies in the uniform background, so SUVbw mean 2, SD 0; with SUL = 0.75 × SUVbw the liver
  // is SUL 1.5 ± 0.
  const quantification = quantifyLesions({ pet: image(10, 0.75) }, percistAtCentre);
  const timePoint = petTimePointFromQuantification(quantification, { studyDate: '2024-01-15', uptakeTimeMin: 60 });

  it('carries the study metadata and the liver in SUL', () => {
    expect(timePoint.studyDate).toBe('2024-01-15');
    expect(timePoint.uptakeTimeMin).toBe(60);
    expect(timePoint.liver.sulMean).toBeCloseTo(1.5, 6);
    expect(timePoint.liver.sulSd).toBeCloseTo(0, 6);
    expect(timePoint.liver.voxelCount).toBe(quantification.reference?.liver?.voxelCount);
    expect(timePoint.bloodPool).toBeUndefined();
  });

  it('lists the lesions hottest first with ids L1, L2; SULpeak = 0.75 × SUVpeak; other values in SUVbw', () => {
    // On 2 mm voxels the 6 mm ball holds the offsets a² + b² + c² ≤ 9 and the 6.2035 mm peak sphere the
    // offsets ≤ 9.62: the same integer offsets, so the peak sphere centred on the ball is the ball and the
    // SUVbw peak equals the ball value; SULpeak = 0.75 × 10 = 7.5.
    expect(timePoint.lesions.map((lesion) => lesion.id)).toEqual(['L1', 'L2']);
    const [first, second] = timePoint.lesions;
    expect(first?.suvmax).toBe(10);
    expect(second?.suvmax).toBe(9);
    expect(first?.centroidMm).toEqual([-20, 0, 0]);
    expect(second?.centroidMm).toEqual([20, 0, 0]);
    expect(first?.sulPeak).toBeCloseTo(7.5, 5);
    expect(first?.suvpeakGlobal).toBeCloseTo(10, 5);
    expect(second?.sulPeak).toBeCloseTo(6.75, 5);
    expect(first?.suvmean).toBeCloseTo(10, 5);
    expect(first?.tlg).toBeCloseTo(10 * (first?.mtvMl ?? 0), 4);
  });

  it('names the organ "unclassified" without a CT, "bone" or "soft tissue" from the CT osseous test', () => {
    expect(timePoint.lesions.every((lesion) => lesion.organ === lesionOrganFromOsseous.noCt)).toBe(true);
    const pet = image(10, 0.75);
    // CT: bone (HU 400) on the patient right half (x < 0: voxels i < 20), soft tissue (HU 40) elsewhere.
    const hu = new Float32Array(40 ** 3).fill(40);
    for (let n = 0; n < hu.length; n++) if (n % 40 < 20) hu[n] = 400;
    const withCt = quantifyLesions({ pet, ct: { ...pet, voxels: hu } }, percistAtCentre);
    const organs = petTimePointFromQuantification(withCt, { studyDate: '2024-01-15' }).lesions.map((l) => l.organ);
    expect(organs).toEqual(['bone', 'soft tissue']);
  });

  it('feeds the PERCIST reading: SULpeak 7.5 → 3.75 (−50%, −3.75 SUL, above the liver threshold 2.25 + 0) is PMR', () => {
    const followUp = petTimePointFromQuantification(quantifyLesions({ pet: image(5, 0.75) }, percistAtCentre), {
      studyDate: '2024-03-15',
      uptakeTimeMin: 60,
    });
    const result = comparePetTimePoints({ baseline: timePoint, followUp });
    expect(result.percist.category).toBe('PMR');
  });

  it('refuses a quantification without SUL, naming the path', () => {
    const noSul = quantifyLesions({ pet: image(10) }, percistAtCentre);
    const error = caughtBonemetError(() => petTimePointFromQuantification(noSul, { studyDate: '2024-01-15' }));
    expect(error.code).toBe('missing_data');
    expect(error.issues[0]?.path).toEqual(['sul']);
  });

  it('refuses a quantification without a liver sphere', () => {
    const noLiver = quantifyLesions({ pet: image(10, 0.75) }, { threshold: { kind: 'fixed' }, minimumVolumeMl: 0 });
    const error = caughtBonemetError(() => petTimePointFromQuantification(noLiver, { studyDate: '2024-01-15' }));
    expect(error.code).toBe('missing_data');
    expect(error.issues[0]?.path).toEqual(['reference', 'liver']);
  });

  it('refuses bad metadata: missing date, wrong type, unknown field', () => {
    const missing = caughtBonemetError(() => petTimePointFromQuantification(quantification, {}));
    expect(missing.code).toBe('invalid_input');
    expect(missing.issues.map((issue) => issue.path[0])).toContain('studyDate');
    const wrong = caughtBonemetError(() => petTimePointFromQuantification(quantification, { studyDate: 20240115 }));
    expect(wrong.issues[0]?.path).toEqual(['studyDate']);
    const negative = caughtBonemetError(() =>
      petTimePointFromQuantification(quantification, { studyDate: '2024-01-15', uptakeTimeMin: -5 }),
    );
    expect(negative.issues[0]?.path).toEqual(['uptakeTimeMin']);
    const unknown = caughtBonemetError(() =>
      petTimePointFromQuantification(quantification, { studyDate: '2024-01-15', weightKg: 70 }),
    );
    expect(unknown.code).toBe('invalid_input');
  });
});
