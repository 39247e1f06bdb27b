import { BonemetError } from '@bonemet/core';
import { describe, expect, it } from 'vitest';
import { sphereMean, sphereMeansAt } from './sphere-mean.js';
import { sphereOffsets } from './sphere-offsets.js';
import { linearIndex, type Triple } from './volume.js';

describe('sphereOffsets', () => {
  it('counts the voxel centres of a 6.2035 mm sphere on 2 mm voxels', () => {
    // (2a)² + (2b)² + (2c)² ≤ 6.2035² ⇔ a² + b² + c² ≤ 9.62 ⇔ ≤ 9. Integer points by n = a²+b²+c²:
    // r3(0..9) = 1, 6, 12, 8, 6, 24, 24, 0, 12, 30 → 123.
    const sphere = sphereOffsets(6.2035, [2, 2, 2]);
    expect(sphere.count).toBe(123);
    expect(sphere.volumeMl).toBeCloseTo((123 * 8) / 1000, 12);
  });

  it('decides membership in mm on anisotropic spacing', () => {
    // 4 × 4 × 3 mm: 16(a² + b²) + 9c² ≤ 38.48. c = 0: a² + b² ≤ 2 → 9; c = ±1: a² + b² ≤ 1 → 5 each;
    // c = ±2: only a = b = 0 → 1 each. Total 9 + 10 + 2 = 21.
    expect(sphereOffsets(6.2035, [4, 4, 3]).count).toBe(21);
  });

  it('keeps a centre exactly on the surface and drops one just beyond', () => {
    expect(sphereOffsets(2, [2, 2, 2]).count).toBe(7);
    expect(sphereOffsets(1.999, [2, 2, 2]).count).toBe(1);
  });

  it('rejects a negative radius and a zero spacing', () => {
    expect(() => sphereOffsets(-1, [1, 1, 1])).toThrow(BonemetError);
    expect(() => sphereOffsets(1, [1, 0, 1])).toThrow(BonemetError);
  });
});

describe('sphereMean', () => {
  // 5 × 5 × 5 ones with a 10 at the centre (2, 2, 2) and a 28 at the corner (0, 0, 0).
  const dims: Triple = [5, 5, 5];
  const voxels = new Float32Array(125).fill(1);
  voxels[linearIndex(dims, 2, 2, 2)] = 10;
  voxels[linearIndex(dims, 0, 0, 0)] = 28;
  const volume = { dimensions: dims, spacingMm: [1, 1, 1] as Triple, voxels };
  const sphere = sphereOffsets(1, [1, 1, 1]); // the voxel and its 6 face neighbours

  it('averages the 7 voxels of an interior sphere', () => {
    // (10 + 6 × 1) / 7
    expect(sphereMean(volume, sphere, [2, 2, 2])).toEqual({ mean: 16 / 7, voxelCount: 7 });
  });

  it('clips at the corner and averages the 4 voxels inside the image', () => {
    // (28 + 3 × 1) / 4
    expect(sphereMean(volume, sphere, [0, 0, 0])).toEqual({ mean: 31 / 4, voxelCount: 4 });
  });

  it('gives many centres at once', () => {
    const result = sphereMeansAt(volume, sphere, Uint32Array.of(linearIndex(dims, 2, 2, 1), 0));
    // (2,2,1): itself 1, five face neighbours of 1 and (2,2,2) = 10 → 16 / 7.
    expect(result.means[0]).toBeCloseTo(16 / 7, 12);
    expect(result.means[1]).toBeCloseTo(31 / 4, 12);
    expect(Array.from(result.voxelCounts)).toEqual([7, 4]);
  });

  it('rejects a centre outside the image and a sphere built for another spacing', () => {
    expect(() => sphereMean(volume, sphere, [5, 0, 0])).toThrow(BonemetError);
    expect(() => sphereMean(volume, sphereOffsets(1, [2, 2, 2]), [1, 1, 1])).toThrow(BonemetError);
    expect(() => sphereMeansAt(volume, sphere, Uint32Array.of(125))).toThrow(BonemetError);
  });
});
