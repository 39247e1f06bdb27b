import { BonemetError } from '@bonemet/core';
import { describe, expect, it } from 'vitest';
import { componentStatistics } from './component-statistics.js';
import { groupComponentVoxels, voxelsOfComponent } from './component-voxels.js';
import { labelConnectedComponents } from './connected-components.js';
import { linearIndex, type Triple } from './volume.js';

function maskWith(dimensions: Triple, voxels: readonly Triple[]): Uint8Array {
  const mask = new Uint8Array(dimensions[0] * dimensions[1] * dimensions[2]);
  for (const [i, j, k] of voxels) mask[linearIndex(dimensions, i, j, k)] = 1;
  return mask;
}

describe('labelConnectedComponents', () => {
  const dims: Triple = [4, 4, 4];

  it('joins a corner-to-corner diagonal chain with 26-connectivity only', () => {
    const mask = maskWith(dims, [
      [0, 0, 0],
      [1, 1, 1],
      [2, 2, 2],
      [3, 3, 3],
    ]);
    expect(labelConnectedComponents(mask, dims, 26).count).toBe(1);
    expect(labelConnectedComponents(mask, dims, 6).count).toBe(4);
  });

  it('joins an edge diagonal with 26- but not 6-connectivity', () => {
    const mask = maskWith(dims, [
      [0, 0, 1],
      [1, 1, 1],
    ]);
    expect(labelConnectedComponents(mask, dims, 26).count).toBe(1);
    expect(labelConnectedComponents(mask, dims, 6).count).toBe(2);
  });

  it('joins face neighbours with both connectivities', () => {
    const mask = maskWith(dims, [
      [1, 1, 1],
      [1, 1, 2],
    ]);
    expect(labelConnectedComponents(mask, dims, 6).count).toBe(1);
  });

  it('merges a U shape whose arms are first seen apart, numbering in raster order', () => {
    // Slice k = 0, rows j = 0..2: arms at i = 0 and i = 2 joined at j = 2; a separate voxel at (3, 0, 3).
    const mask = maskWith(dims, [
      [0, 0, 0],
      [2, 0, 0],
      [0, 1, 0],
      [2, 1, 0],
      [0, 2, 0],
      [1, 2, 0],
      [2, 2, 0],
      [3, 0, 3],
    ]);
    const { labels, count } = labelConnectedComponents(mask, dims, 6);
    expect(count).toBe(2);
    expect(labels[linearIndex(dims, 0, 0, 0)]).toBe(1);
    expect(labels[linearIndex(dims, 2, 0, 0)]).toBe(1);
    expect(labels[linearIndex(dims, 3, 0, 3)]).toBe(2);
    expect(labels[linearIndex(dims, 1, 0, 0)]).toBe(0);
  });

  it('does not wrap around the row or slice edge', () => {
    // (3, 0, 0) and (0, 1, 0) are adjacent in memory but not in space.
    const mask = maskWith(dims, [
      [3, 0, 0],
      [0, 1, 0],
    ]);
    expect(labelConnectedComponents(mask, dims, 26).count).toBe(2);
  });

  it('returns no component for an empty mask', () => {
    expect(labelConnectedComponents(new Uint8Array(64), dims).count).toBe(0);
  });

  it('rejects a mask of the wrong size and an unknown connectivity', () => {
    expect(() => labelConnectedComponents(new Uint8Array(63), dims)).toThrow(BonemetError);
    expect(() => labelConnectedComponents(new Uint8Array(64), dims, 18 as 6)).toThrow(BonemetError);
  });

  it('labels a 200×200×300 (12 Mvox) mask of 60 separate cubes', () => {
    const big: Triple = [200, 200, 300];
    const mask = new Uint8Array(big[0] * big[1] * big[2]);
    // 60 cubes of 5³ voxels on a lattice every 25 voxels: 4 × 3 × 5 = 60, none touching.
    for (let a = 0; a < 4; a++)
      for (let b = 0; b < 3; b++)
        for (let c = 0; c < 5; c++)
          for (let k = 0; k < 5; k++)
            for (let j = 0; j < 5; j++)
              for (let i = 0; i < 5; i++) mask[linearIndex(big, 20 + 40 * a + i, 20 + 50 * b + j, 20 + 50 * c + k)] = 1;
    // Speed is measured by the benchmark, not asserted here.
    const result = labelConnectedComponents(mask, big, 26);
    expect(result.count).toBe(60);
  });
});

describe('componentStatistics and groupComponentVoxels', () => {
  it('gives count, sum, mean, max (first in raster order), min, centroid and bounds per component', () => {
    const dims: Triple = [3, 2, 2];
    const mask = maskWith(dims, [
      [0, 0, 0],
      [1, 0, 0],
      [1, 1, 1],
      [2, 1, 1],
    ]);
    const values = new Float32Array(12);
    values[linearIndex(dims, 0, 0, 0)] = 2;
    values[linearIndex(dims, 1, 0, 0)] = 4;
    values[linearIndex(dims, 1, 1, 1)] = 5;
    values[linearIndex(dims, 2, 1, 1)] = 5;
    const components = labelConnectedComponents(mask, dims, 6);
    expect(components.count).toBe(2);
    const [first, second] = componentStatistics(components, { dimensions: dims, spacingMm: [1, 1, 1], voxels: values });
    // Component 1: voxels (0,0,0)=2 and (1,0,0)=4 → sum 6, mean 3, centroid (0.5, 0, 0).
    expect(first).toMatchObject({ label: 1, voxelCount: 2, sum: 6, mean: 3, max: 4, min: 2 });
    expect(first?.maxIndex).toBe(linearIndex(dims, 1, 0, 0));
    expect(first?.centroidIndex).toEqual([0.5, 0, 0]);
    expect(first?.boundsMin).toEqual([0, 0, 0]);
    expect(first?.boundsMax).toEqual([1, 0, 0]);
    // Component 2: two voxels of 5 → the first in raster order, (1,1,1), holds the maximum.
    expect(second).toMatchObject({ label: 2, voxelCount: 2, sum: 10, max: 5, min: 5 });
    expect(second?.maxIndex).toBe(linearIndex(dims, 1, 1, 1));
    expect(second?.centroidIndex).toEqual([1.5, 1, 1]);

    const groups = groupComponentVoxels(components);
    expect(Array.from(voxelsOfComponent(groups, 1))).toEqual([0, 1]);
    expect(Array.from(voxelsOfComponent(groups, 2))).toEqual([linearIndex(dims, 1, 1, 1), linearIndex(dims, 2, 1, 1)]);
  });
});
