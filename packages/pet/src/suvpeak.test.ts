import { BonemetError } from '@bonemet/core';
import { describe, expect, it } from 'vitest';
import type { PetImage } from './pet-image.js';
import { peakSphere, suvpeakGlobal, suvpeakLocal } from './suvpeak.js';

/**
 * IBSI 1 digital phantom: 5 × 4 × 4 voxels (x, y, z), 2.0 mm isotropic. Source: the IBSI reference
 * manual, "Reference data sets / Digital phantom" (arXiv:1612.07003), data in theibsi/data_sets
 * ibsi_1_digital_phantom (CC BY 4.0, design A. Zwanenburg). Values typed from the copy in
 * medical-physics-usz/z-rad tests (z, y, x order), which agrees with a second independent copy.
 * Reference local intensity peak 2.6, global intensity peak 3.1 (IBSI manual, local intensity features).
 */
const phantom = [
  [
    [1, 4, 4, 1, 1],
    [1, 4, 6, 1, 1],
    [4, 1, 6, 4, 1],
    [4, 4, 6, 4, 1],
  ],
  [
    [1, 4, 4, 1, 1],
    [1, 1, 6, 1, 1],
    [1, 1, 3, 1, 1],
    [4, 4, 6, 1, 1],
  ],
  [
    [1, 4, 4, 1, 1],
    [1, 1, 1, 1, 1],
    [1, 1, 9, 1, 1],
    [1, 1, 6, 1, 1],
  ],
  [
    [1, 4, 4, 1, 1],
    [1, 1, 1, 1, 1],
    [1, 1, 1, 1, 1],
    [1, 1, 6, 1, 1],
  ],
];
/** ROI: all voxels but (x, y, z) = (0, 2, 1), (2, 2, 2) (the internal 9) and (3..4, 0, 2..3). */
const excluded = new Set(['0,2,1', '2,2,2', '3,0,2', '4,0,2', '3,0,3', '4,0,3']);

const image: PetImage = {
  dimensions: [5, 4, 4],
  spacingMm: [2, 2, 2],
  originMm: [0, 0, 0],
  directions: [
    [1, 0, 0],
    [0, 1, 0],
    [0, 0, 1],
  ],
  voxels: Float32Array.from(phantom.flat(2)),
};
const roi: number[] = [];
for (let z = 0; z < 4; z++)
  for (let y = 0; y < 4; y++)
    for (let x = 0; x < 5; x++) if (!excluded.has(`${x},${y},${z}`)) roi.push(x + 5 * (y + 4 * z));
const roiVoxels = Uint32Array.from(roi);

describe('SUVpeak on the IBSI digital phantom', () => {
  it('has the 74 ROI voxels of the reference (mean 2.15)', () => {
    expect(roiVoxels.length).toBe(74);
    const mean = roi.reduce((sum, n) => sum + (image.voxels[n] ?? 0), 0) / roi.length;
    expect(mean).toBeCloseTo(2.15, 2);
  });

  it('reproduces the local intensity peak 2.6 (seven tied maxima of 6, highest sphere mean taken)', () => {
    const local = suvpeakLocal(image, roiVoxels);
    expect(local.suvbw).toBeCloseTo(2.6, 10);
    expect(local.maximumVoxels).toBe(7);
    // The winning centre is (2, 3, 0), on the border: 45 of the 123 sphere voxels exist.
    expect(local.centreIndex).toEqual([2, 3, 0]);
    expect(local.voxelCount).toBe(45);
  });

  it('reproduces the global intensity peak 3.1', () => {
    expect(Math.abs(suvpeakGlobal(image, roiVoxels).suvbw - 3.1)).toBeLessThan(0.05);
  });

  it('uses a 123-voxel sphere on 2 mm voxels', () => {
    expect(peakSphere(image).count).toBe(123);
  });

  it('refuses an empty lesion', () => {
    expect(() => suvpeakGlobal(image, new Uint32Array(0))).toThrow(BonemetError);
  });
});
