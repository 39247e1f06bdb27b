import { caughtBonemetError } from '@bonemet/core/testing';
import { BonemetError } from '@bonemet/core';
import { describe, expect, it } from 'vitest';
import { gridIndexToMm, gridMmToIndex } from './geometry.js';
import { thresholdMask } from './threshold-mask.js';
import {
  linearIndex,
  requireSameGrid,
  validateVolume,
  voxelOfIndex,
  voxelVolumeMl,
  type PlacedGrid,
  type Triple,
} from './volume.js';

describe('volume helpers', () => {
  it('round-trips linear and voxel indices (i fastest)', () => {
    const dims: Triple = [3, 4, 5];
    expect(linearIndex(dims, 2, 1, 3)).toBe(2 + 3 * (1 + 4 * 3));
    expect(voxelOfIndex(dims, 2 + 3 * (1 + 4 * 3))).toEqual([2, 1, 3]);
  });

  it('voxel volume of 4 × 4 × 3 mm is 0.048 ml', () => {
    expect(voxelVolumeMl({ dimensions: [1, 1, 1], spacingMm: [4, 4, 3] })).toBeCloseTo(0.048, 12);
  });

  it('validates dimensions, spacing and the number of values, naming the field', () => {
    expect(
      caughtBonemetError(() =>
        validateVolume({ dimensions: [2, 2, 2], spacingMm: [1, 1, 1], voxels: new Float32Array(7) }, 'pet'),
      ).issues[0]?.path,
    ).toEqual(['pet', 'voxels']);
    expect(
      caughtBonemetError(() =>
        validateVolume({ dimensions: [2, 0, 2], spacingMm: [1, 1, 1], voxels: new Float32Array(0) }, 'pet'),
      ).issues[0]?.path,
    ).toEqual(['pet', 'dimensions', 1]);
    expect(
      caughtBonemetError(() =>
        validateVolume({ dimensions: [2, 2, 2], spacingMm: [1, -1, 1], voxels: new Float32Array(8) }, 'pet'),
      ).issues[0]?.path,
    ).toEqual(['pet', 'spacingMm', 1]);
  });

  it('requireSameGrid rejects other dimensions, spacing or placement', () => {
    const a: PlacedGrid = {
      dimensions: [2, 2, 2],
      spacingMm: [2, 2, 3],
      originMm: [0, 0, 0],
      directions: [
        [1, 0, 0],
        [0, 1, 0],
        [0, 0, 1],
      ],
    };
    expect(() => requireSameGrid(a, a, 'ct')).not.toThrow();
    expect(caughtBonemetError(() => requireSameGrid(a, { ...a, dimensions: [2, 2, 3] }, 'ct')).code).toBe(
      'invalid_input',
    );
    expect(() => requireSameGrid(a, { ...a, spacingMm: [2, 2, 3.1] }, 'ct')).toThrow(BonemetError);
    expect(() => requireSameGrid(a, { ...a, originMm: [0, 0, 1] }, 'ct')).toThrow(BonemetError);
  });

  it('maps index ↔ mm with origin, spacing and directions', () => {
    // i runs along −x (direction (−1, 0, 0)), so index (1, 2, 3) at 2 × 2 × 3 mm from origin (10, 20, 30)
    // is at (10 − 2, 20 + 4, 30 + 9).
    const grid: PlacedGrid = {
      dimensions: [4, 4, 4],
      spacingMm: [2, 2, 3],
      originMm: [10, 20, 30],
      directions: [
        [-1, 0, 0],
        [0, 1, 0],
        [0, 0, 1],
      ],
    };
    expect(gridIndexToMm(grid, [1, 2, 3])).toEqual([8, 24, 39]);
    expect(gridMmToIndex(grid, [8, 24, 39])).toEqual([1, 2, 3]);
  });

  it('thresholdMask agrees with a plain comparison on special values and thresholds not exact in float32', () => {
    // 0.1 is not a float32: fround(0.1) = 0.100000001490116... lies above it, the float32 just below lies under it.
    const justBelowTenth = new Float32Array(new Uint32Array([0x3dcccccc]).buffer)[0] ?? 0;
    const special = [0, -0, -1, 0.1, justBelowTenth, 1e-45, 3.4e38, Infinity, -Infinity, NaN, 2.5, 2.4999998, 7];
    // Sizes around the grouping of the implementation: not a multiple of 8, and long runs below the threshold.
    const values = Float32Array.from({ length: 203 }, (_, n) => (n % 17 === 0 ? (special[n % 13] ?? 0) : (n % 5) / 10));
    values.set(special, 150);
    for (const threshold of [0.1, 0.2, 2.5, 1e-45, 3.4e38, 1e39, 0, -0.5, Infinity, -Infinity, NaN]) {
      const expected = Array.from(values, (value) => (value >= threshold ? 1 : 0));
      expect(Array.from(thresholdMask(values, threshold)), `threshold ${threshold}`).toEqual(expected);
    }
  });

  it('thresholdMask keeps a value exactly at the threshold and drops NaN', () => {
    expect(Array.from(thresholdMask(Float32Array.of(2.4, 2.5, 2.6, Number.NaN), 2.5))).toEqual([0, 1, 1, 0]);
  });
});
