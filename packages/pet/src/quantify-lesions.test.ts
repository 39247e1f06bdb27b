import { caughtBonemetError } from '@bonemet/core/testing';
import { BonemetError } from '@bonemet/core';
import { describe, expect, it } from 'vitest';
import type { PetImage } from './pet-image.js';
import { quantifyLesions } from './quantify-lesions.js';
import { liverReferenceAt, bloodPoolReferenceAt } from './reference-region.js';
import { selectReference } from './reference-selection.js';

type Triple = readonly [number, number, number];
const identity: readonly [Triple, Triple, Triple] = [
  [1, 0, 0],
  [0, 1, 0],
  [0, 0, 1],
];

/** 40 × 40 × 40 voxels of 2 mm, origin so that voxel (20, 20, 20) is at (0, 0, 0) mm. */
function makeImage(fill: number, sul?: number): PetImage {
  const base = {
    dimensions: [40, 40, 40] as Triple,
    spacingMm: [2, 2, 2] as Triple,
    originMm: [-40, -40, -40] as Triple,
    directions: identity,
    voxels: new Float32Array(40 ** 3).fill(fill),
  };
  return sul === undefined ? base : { ...base, sul: { perSuvbw: sul, formula: 'Janmahasatian' } };
}
const at = (i: number, j: number, k: number): number => i + 40 * (j + 40 * k);

/** Sets every voxel whose centre is within radiusMm of voxel `c` to `value`; returns how many. */
function paintBall(image: PetImage, c: Triple, radiusMm: number, value: number): number {
  let painted = 0;
  for (let k = 0; k < 40; k++)
    for (let j = 0; j < 40; j++)
      for (let i = 0; i < 40; i++)
        if (4 * ((i - c[0]) ** 2 + (j - c[1]) ** 2 + (k - c[2]) ** 2) <= radiusMm * radiusMm) {
          image.voxels[at(i, j, k)] = value;
          painted++;
        }
  return painted;
}

describe('a uniform 10 mm radius sphere of SUVbw 8 on a background of 1', () => {
  const image = makeImage(1);
  const voxels = paintBall(image, [20, 20, 20], 10, 8);
  const result = quantifyLesions({ pet: image }, { threshold: { kind: 'fixed' } });
  const lesion = result.lesions[0];

  it('finds one lesion with every voxel of the ball', () => {
    expect(result.lesions).toHaveLength(1);
    expect(lesion?.voxelCount).toBe(voxels);
  });

  it('MTV is the voxel count × 0.008 ml, within 5% of 4/3·π·1 cm³ = 4.189 ml', () => {
    // Lattice points with a² + b² + c² ≤ 25 approximate the ball; the voxelisation error of a 5-voxel
    // radius ball is a few percent.
    expect(lesion?.mtvMl).toBeCloseTo(voxels * 0.008, 10);
    expect(Math.abs((lesion?.mtvMl ?? 0) - (4 / 3) * Math.PI) / ((4 / 3) * Math.PI)).toBeLessThan(0.05);
  });

  it('SUVmax, SUVmean, both SUVpeaks are 8 (the 1 ml sphere fits inside) and TLG = 8 × MTV', () => {
    expect(lesion?.suvmax).toBe(8);
    expect(lesion?.suvmean).toBeCloseTo(8, 10);
    expect(lesion?.suvpeakGlobal.suvbw).toBeCloseTo(8, 10);
    expect(lesion?.suvpeakLocal.suvbw).toBeCloseTo(8, 10);
    expect(lesion?.tlg).toBeCloseTo(8 * voxels * 0.008, 8);
  });

  it('centroid is the ball centre, (0, 0, 0) mm', () => {
    lesion?.centroidMm.forEach((v) => {
      expect(v).toBeCloseTo(0, 10);
    });
  });

  it('carries its definitions, parameters and notes', () => {
    expect(result.threshold).toEqual({ rule: 'fixed SUVbw 2.5', suvbw: 2.5, sul: null });
    expect(result.parameters.peakSphereRadiusMm).toBe(6.2035);
    expect(result.parameters.peakSphereVoxelCount).toBe(123);
    expect(result.parameters.connectivity).toBe(26);
    expect(result.definitions.suvpeakGlobal).toContain('6.2035 mm');
    expect(result.notes.join(' ')).toContain('nothing was excluded');
    expect(result.lesions[0]?.osseous).toBeNull();
    expect(result.lesions[0]?.skeletalRegion).toBeNull();
    expect(result.notes.join(' ')).toContain('no CT given: osseous and the skeletal region are not assessed');
  });
});

describe('global versus local SUVpeak', () => {
  it('differ when the hottest voxel is isolated from a warm region', () => {
    // One voxel of 20 at (10, 20, 20) joined by a line of 3s to a 4 mm radius ball of 6 around (20, 20, 20).
    const image = makeImage(0);
    paintBall(image, [20, 20, 20], 4, 6);
    for (let i = 10; i < 18; i++) image.voxels[at(i, 20, 20)] = 3;
    image.voxels[at(10, 20, 20)] = 20;
    const lesion = quantifyLesions({ pet: image }, { threshold: { kind: 'fixed' }, minimumVolumeMl: 0 }).lesions[0];
    expect(lesion?.suvmax).toBe(20);
    // Local: centred on (10, 20, 20): the 20 and the line voxels at i = 11..13 (3 voxels of 3, within 6 mm)
    // out of 123 sphere voxels → (20 + 9) / 123.
    expect(lesion?.suvpeakLocal.suvbw).toBeCloseTo(29 / 123, 10);
    // Global: the ball holds the 33 voxels with a² + b² + c² ≤ 4. Centred one voxel towards the line,
    // at (19, 20, 20), the sphere (a² + b² + c² ≤ 9) still holds all 33 (farthest: (22, 20, 20), 3² = 9)
    // and two line voxels of 3 (i = 16, 17) → (33 × 6 + 2 × 3) / 123. At the ball centre it holds only
    // i = 17 (198 + 3); one voxel further, at (18, 20, 20), it loses (22, 20, 20) and more 6s.
    expect(lesion?.suvpeakGlobal.suvbw).toBeCloseTo((33 * 6 + 2 * 3) / 123, 10);
    expect(lesion?.suvpeakGlobal.centreMm).toEqual([-2, 0, 0]);
  });
});

describe('thresholds', () => {
  it('includes a voxel exactly at the fixed threshold and excludes one just below', () => {
    const image = makeImage(1);
    paintBall(image, [10, 10, 10], 6, 2.5);
    paintBall(image, [30, 30, 30], 6, 2.4999);
    const result = quantifyLesions({ pet: image }, { threshold: { kind: 'fixed', suvbw: 2.5 } });
    expect(result.lesions).toHaveLength(1);
    expect(result.lesions[0]?.suvmax).toBe(2.5);
  });

  it('PERCIST: uniform liver 2.0 (SD 0) gives 1.5 × 2.0 = 3.0; 3.0 is in, 2.99 is out; SUL ×0.8', () => {
    const image = makeImage(1, 0.8);
    paintBall(image, [10, 20, 20], 18, 2); // liver
    paintBall(image, [32, 10, 10], 6, 3); // at the threshold
    paintBall(image, [32, 30, 30], 6, 2.99); // just below
    const result = quantifyLesions(
      { pet: image },
      { threshold: { kind: 'percist' }, reference: { liverCentreMm: [-20, 0, 0] } },
    );
    expect(result.reference?.used?.kind).toBe('liver');
    expect(result.reference?.liver?.suvbwMean).toBeCloseTo(2, 6);
    expect(result.reference?.liver?.sulMean).toBeCloseTo(1.6, 6);
    expect(result.threshold.suvbw).toBeCloseTo(3, 6);
    expect(result.threshold.sul).toBeCloseTo(2.4, 6);
    expect(result.lesions).toHaveLength(1);
    expect(result.lesions[0]?.suvmax).toBe(3);
    expect(result.lesions[0]?.sul?.max).toBeCloseTo(2.4, 6);
  });

  it('41% of SUVmax: the region stops at 0.41 × max and does not take the 2.5–4.1 shell', () => {
    const image = makeImage(0.5);
    const shell = paintBall(image, [20, 20, 20], 14, 3); // 3 < 0.41 × 10 = 4.1
    const core = paintBall(image, [20, 20, 20], 10, 5); // 5 ≥ 4.1
    image.voxels[at(20, 20, 20)] = 10;
    const percent = quantifyLesions({ pet: image }, { threshold: { kind: 'percent-of-max' } });
    expect(percent.lesions).toHaveLength(1);
    expect(percent.lesions[0]?.voxelCount).toBe(core);
    expect(percent.lesions[0]?.thresholdSuvbw).toBeCloseTo(4.1, 10);
    expect(percent.lesions[0]?.reachedGrowthLimit).toBe(false);
    const fixed = quantifyLesions({ pet: image }, { threshold: { kind: 'fixed' } });
    expect(fixed.lesions[0]?.voxelCount).toBe(shell);
  });
});

describe('connectivity, minimum volume and physiological exclusion', () => {
  it('a corner-diagonal pair is one lesion with 26-connectivity and two with 6', () => {
    const image = makeImage(0);
    image.voxels[at(5, 5, 5)] = 9;
    image.voxels[at(6, 6, 6)] = 9;
    const options = { threshold: { kind: 'fixed' }, minimumVolumeMl: 0 };
    expect(quantifyLesions({ pet: image }, options).lesions).toHaveLength(1);
    expect(quantifyLesions({ pet: image }, { ...options, connectivity: 6 }).lesions).toHaveLength(2);
  });

  it('drops regions below the minimum volume and counts them', () => {
    const image = makeImage(0);
    image.voxels[at(5, 5, 5)] = 9; // 0.008 ml
    paintBall(image, [20, 20, 20], 8, 9); // 257 voxels ≈ 2.06 ml
    const result = quantifyLesions({ pet: image }, { threshold: { kind: 'fixed' }, minimumVolumeMl: 0.5 });
    expect(result.lesions).toHaveLength(1);
    expect(result.belowMinimumVolume).toBe(1);
  });

  it('excludes a region near a given bladder centre and lists it', () => {
    const image = makeImage(0);
    paintBall(image, [10, 10, 10], 6, 9);
    paintBall(image, [30, 30, 30], 6, 12);
    const result = quantifyLesions(
      { pet: image, physiological: [{ organ: 'bladder', centreMm: [20, 20, 20] }] },
      { threshold: { kind: 'fixed' } },
    );
    expect(result.lesions).toHaveLength(1);
    expect(result.lesions[0]?.suvmax).toBe(9);
    expect(result.excludedPhysiological).toEqual([expect.objectContaining({ organ: 'bladder', suvmax: 12 })]);
  });

  it('excludes a region overlapping a given kidney mask', () => {
    const image = makeImage(0);
    paintBall(image, [10, 10, 10], 6, 9);
    const mask = new Uint8Array(40 ** 3);
    mask[at(10, 10, 10)] = 1;
    const result = quantifyLesions(
      { pet: image, physiological: [{ organ: 'kidney', mask }] },
      { threshold: { kind: 'fixed' } },
    );
    expect(result.lesions).toHaveLength(0);
    expect(result.excludedPhysiological[0]?.organ).toBe('kidney');
  });
});

describe('osseous from a CT on the same grid', () => {
  const image = makeImage(0);
  paintBall(image, [20, 20, 20], 6, 9);
  const ct = { ...image, voxels: new Float32Array(40 ** 3) };

  it('is osseous when the lesion lies in bone (HU 400), with fraction 1', () => {
    const bone = { ...ct, voxels: new Float32Array(40 ** 3).fill(400) };
    const lesion = quantifyLesions({ pet: image, ct: bone }, { threshold: { kind: 'fixed' } }).lesions[0];
    expect(lesion?.osseous).toEqual({ isOsseous: true, boneFraction: 1 });
  });

  it('is not osseous in soft tissue (HU 0), with fraction 0', () => {
    const lesion = quantifyLesions({ pet: image, ct }, { threshold: { kind: 'fixed' } }).lesions[0];
    expect(lesion?.osseous).toEqual({ isOsseous: false, boneFraction: 0 });
  });

  it('refuses a CT on another grid', () => {
    const other = { ...ct, spacingMm: [2, 2, 3] as Triple };
    expect(
      caughtBonemetError(() => quantifyLesions({ pet: image, ct: other }, { threshold: { kind: 'fixed' } })).code,
    ).toBe('invalid_input');
  });
});

describe('reference regions', () => {
  it('liver sphere of 3 cm at a voxel centre holds the lattice points with a² + b² + c² ≤ 56.25', () => {
    let expected = 0;
    for (let a = -7; a <= 7; a++)
      for (let b = -7; b <= 7; b++) for (let c = -7; c <= 7; c++) if (a * a + b * b + c * c <= 56.25) expected++;
    const region = liverReferenceAt(makeImage(2), [0, 0, 0]);
    expect(region.voxelCount).toBe(expected);
    expect(region.suvbwSd).toBe(0);
    expect(region.percistThresholdSuvbw).toBe(3);
  });

  it('blood-pool cylinder 10 × 20 mm on 2 mm voxels: 21 pixels (a² + b² ≤ 6.25) × 11 slices', () => {
    const region = bloodPoolReferenceAt(makeImage(1.8), [0, 0, 0]);
    expect(region.voxelCount).toBe(21 * 11);
    expect(region.percistThresholdSuvbw).toBeCloseTo(3.6, 6); // 2.0 × 1.8 + 2 × 0
  });

  it('falls back to the blood pool when the liver sphere is out of range, and says so', () => {
    const image = makeImage(5);
    const selection = selectReference(image, { liverCentreMm: [0, 0, 0], bloodPoolCentreMm: [10, 10, 10] });
    expect(selection.liver?.problems[0]).toContain('outside 1–4');
    expect(selection.used?.kind).toBe('blood-pool');
    expect(selection.notes.join(' ')).toContain('blood-pool fallback');
  });

  it('places the liver sphere automatically in a homogeneous right-sided region', () => {
    // 60 × 24 × 24 voxels of 4 mm; body SUVbw 0.8. "Liver": ball of radius 30 mm and SUVbw 2.0 centred at
    // voxel (12, 12, 12), on the patient right (lower x in LPS); on the left a checkerboard of 2 and 3.
    const dims: Triple = [60, 24, 24];
    const voxels = new Float32Array(60 * 24 * 24).fill(0.8);
    for (let k = 0; k < 24; k++)
      for (let j = 0; j < 24; j++)
        for (let i = 0; i < 60; i++) {
          const n = i + 60 * (j + 24 * k);
          if (16 * ((i - 12) ** 2 + (j - 12) ** 2 + (k - 12) ** 2) <= 900) voxels[n] = 2;
          if (i >= 40 && i < 56 && j >= 4 && j < 20 && k >= 4 && k < 20) voxels[n] = (i + j + k) % 2 === 0 ? 2 : 3;
        }
    const image: PetImage = {
      dimensions: dims,
      spacingMm: [4, 4, 4],
      originMm: [0, 0, 0],
      directions: identity,
      voxels,
    };
    const selection = selectReference(image, {});
    expect(selection.used?.placement).toBe('automatic-from-pet');
    expect(selection.used?.suvbwMean).toBeCloseTo(2, 6);
    expect(selection.used?.coefficientOfVariation).toBe(0);
    // The whole 15 mm sphere lies in the 30 mm ball: its centre is within 15 mm of (48, 48, 48) mm.
    const [x, y, z] = selection.used?.centreMm ?? [NaN, NaN, NaN];
    expect(Math.hypot(x - 48, y - 48, z - 48)).toBeLessThanOrEqual(15);
  });

  it('reports when automatic placement finds no liver', () => {
    const selection = selectReference(makeImage(0.8), {});
    expect(selection.used).toBeNull();
    expect(selection.notes.join(' ')).toContain('found no homogeneous sphere');
  });

  it('refuses a liver centre outside the image or too near its edge, naming the field', () => {
    const image = makeImage(2);
    expect(caughtBonemetError(() => liverReferenceAt(image, [500, 0, 0])).issues[0]?.path).toEqual(['liverCentreMm']);
    expect(caughtBonemetError(() => liverReferenceAt(image, [-36, 0, 0])).code).toBe('invalid_input');
  });
});

describe('bad input', () => {
  it('refuses a PET whose value count does not match its grid', () => {
    const image = { ...makeImage(1), voxels: new Float32Array(10) };
    expect(
      caughtBonemetError(() => quantifyLesions({ pet: image }, { threshold: { kind: 'fixed' } })).issues[0]?.path,
    ).toEqual(['pet', 'voxels']);
  });

  it('refuses unknown and out-of-range options, naming the field', () => {
    const image = makeImage(1);
    expect(
      caughtBonemetError(() => quantifyLesions({ pet: image }, { threshold: { kind: 'fixed' }, extra: 1 })).issues[0]
        ?.path,
    ).toEqual(['extra']);
    expect(
      caughtBonemetError(() =>
        quantifyLesions({ pet: image }, { threshold: { kind: 'percent-of-max', fraction: 1.2 } }),
      ).issues[0]?.path,
    ).toEqual(['threshold', 'fraction']);
    expect(caughtBonemetError(() => quantifyLesions({ pet: image }, {})).issues[0]?.path).toEqual(['threshold']);
  });

  it('refuses PERCIST without a usable reference (missing_data)', () => {
    const image = makeImage(5);
    expect(
      caughtBonemetError(() =>
        quantifyLesions({ pet: image }, { threshold: { kind: 'percist' }, reference: { liverCentreMm: [0, 0, 0] } }),
      ).code,
    ).toBe('missing_data');
  });

  it('refuses a physiological centre outside the image and a mask of the wrong size', () => {
    const image = makeImage(1);
    expect(() =>
      quantifyLesions(
        { pet: image, physiological: [{ organ: 'brain', centreMm: [999, 0, 0] }] },
        { threshold: { kind: 'fixed' } },
      ),
    ).toThrow(BonemetError);
    expect(() =>
      quantifyLesions(
        { pet: image, physiological: [{ organ: 'brain', mask: new Uint8Array(3) }] },
        { threshold: { kind: 'fixed' } },
      ),
    ).toThrow(BonemetError);
  });

  it('returns no lesion for an image with nothing above the threshold', () => {
    expect(quantifyLesions({ pet: makeImage(1) }, { threshold: { kind: 'fixed' } }).lesions).toHaveLength(0);
  });
});
