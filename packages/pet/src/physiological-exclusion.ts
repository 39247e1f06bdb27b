/**
 * Physiological uptake exclusion. A region is excluded when it shares a voxel with a given organ mask, or
 * when it has a voxel whose centre lies within `radiusMm` (default 15 mm) of a given organ centre. No organ
 * is found automatically: when nothing is given, nothing is excluded and the result says so.
 */
import { BonemetError } from '@bonemet/core';
import { gridMmToIndex, validateMask, type Triple, type VoxelMask } from '@bonemet/imaging';
import type { PetImage } from './pet-image.js';

export type PhysiologicalOrgan = 'brain' | 'kidney' | 'bladder' | 'heart' | 'ureter' | 'other';

export interface PhysiologicalRegion {
  readonly organ: PhysiologicalOrgan;
  /** A mask on the PET grid (non-zero = organ). */
  readonly mask?: VoxelMask;
  /** A point in the organ, patient mm (LPS). */
  readonly centreMm?: Triple;
  /** Distance from `centreMm` within which a region voxel excludes the region, mm. */
  readonly radiusMm?: number;
}

export const defaultExclusionRadiusMm = 15;

/** A test "does this region touch organ n?" per given organ. */
export type ExclusionTest = (regionVoxels: Uint32Array) => PhysiologicalOrgan | null;

/** Builds the exclusion test; refuses a mask off the grid or a centre outside the image. */
export function physiologicalExclusionTest(image: PetImage, regions: readonly PhysiologicalRegion[]): ExclusionTest {
  const [nx, ny] = image.dimensions;
  const [sx, sy, sz] = image.spacingMm;
  const tests = regions.map((region, index) => {
    if (region.mask === undefined && region.centreMm === undefined) {
      throw new BonemetError('invalid_input', `physiological region ${index} has neither a mask nor a centre`, {
        issues: [{ path: ['physiological', index], message: 'give mask or centreMm' }],
      });
    }
    if (region.mask !== undefined) validateMask(region.mask, image, `physiological[${index}].mask`);
    let centre: Triple | null = null;
    if (region.centreMm !== undefined) {
      centre = gridMmToIndex(image, region.centreMm);
      if (centre.some((v, axis) => !(v >= -0.5 && v <= (image.dimensions[axis] ?? 0) - 0.5))) {
        throw new BonemetError('invalid_input', `physiological region ${index}: the centre is outside the image`, {
          issues: [{ path: ['physiological', index, 'centreMm'], message: 'outside the image' }],
        });
      }
    }
    const radius = region.radiusMm ?? defaultExclusionRadiusMm;
    const r2 = radius * radius;
    return (n: number): boolean => {
      if (region.mask !== undefined && region.mask[n] !== 0) return true;
      if (centre === null) return false;
      const i = n % nx;
      const j = ((n - i) / nx) % ny;
      const k = (n - i - nx * j) / (nx * ny);
      return ((i - centre[0]) * sx) ** 2 + ((j - centre[1]) * sy) ** 2 + ((k - centre[2]) * sz) ** 2 <= r2;
    };
  });
  return (regionVoxels) => {
    for (let t = 0; t < tests.length; t++) {
      const test = tests[t];
      if (test === undefined) continue;
      for (const n of regionVoxels) if (test(n)) return regions[t]?.organ ?? 'other';
    }
    return null;
  };
}
