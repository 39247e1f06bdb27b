/**
 * SUVpeak under its two published definitions, each reported under its own name:
 * - global peak (PERCIST / IBSI "global intensity peak"): the mean over the voxel centres within a 1 ml
 *   sphere (radius 6.2035 mm), the sphere placed at every voxel of the lesion and the highest mean taken
 *   (Lodge 2012: "positioned so as to maximize the enclosed average"; IBSI reference manual);
 * - local peak (IBSI "local intensity peak", OHIF's SUVpeak): the same sphere centred on the lesion's
 *   maximum voxel; when several voxels share the maximum, the highest of their sphere means (IBSI).
 * The neighbourhood is taken from the whole image, not only from the lesion; at the image border the
 * sphere is clipped to the voxels that exist (see `sphereMeansAt`).
 */
import { BonemetError } from '@bonemet/core';
import {
  gridIndexToMm,
  sphereMeansAt,
  sphereOffsets,
  voxelOfIndex,
  type SphereOffsets,
  type Triple,
} from '@bonemet/imaging';
import type { PetImage } from './pet-image.js';

/** Radius of a 1 ml sphere: (3 / (4π))^(1/3) cm = 6.2035 mm (IBSI; PERCIST's 1 cm³ SULpeak). */
export const peakSphereRadiusMm = 6.2035;

export interface SuvPeak {
  readonly suvbw: number;
  /** The sphere centre, voxel index and patient mm. */
  readonly centreIndex: Triple;
  readonly centreMm: Triple;
  /** Voxels averaged at that centre (fewer than the sphere's count only at the image border). */
  readonly voxelCount: number;
}

export interface LocalSuvPeak extends SuvPeak {
  /** Voxels of the lesion holding the maximum value (the tie rule applies when > 1). */
  readonly maximumVoxels: number;
}

/** The 1 ml peak sphere on the image's spacing. */
export function peakSphere(image: PetImage): SphereOffsets {
  return sphereOffsets(peakSphereRadiusMm, image.spacingMm);
}

function peakAt(image: PetImage, centre: number, mean: number, voxelCount: number): SuvPeak {
  const centreIndex = voxelOfIndex(image.dimensions, centre);
  return { suvbw: mean, centreIndex, centreMm: gridIndexToMm(image, centreIndex), voxelCount };
}

/** Highest sphere mean among `centres`; the first in the given order wins a tie (the value is the same). */
function best(image: PetImage, sphere: SphereOffsets, centres: Uint32Array): SuvPeak {
  if (centres.length === 0) {
    throw new BonemetError('missing_data', 'SUVpeak of an empty lesion', {
      issues: [{ path: ['lesionVoxels'], message: 'the lesion has no voxel' }],
    });
  }
  const { means, voxelCounts } = sphereMeansAt(image, sphere, centres);
  let at = 0;
  for (let m = 1; m < means.length; m++) if ((means[m] ?? -Infinity) > (means[at] ?? -Infinity)) at = m;
  return peakAt(image, centres[at] ?? 0, means[at] ?? Number.NaN, voxelCounts[at] ?? 0);
}

/** PERCIST / IBSI global peak over every voxel of the lesion as a centre. */
export function suvpeakGlobal(image: PetImage, lesionVoxels: Uint32Array, sphere = peakSphere(image)): SuvPeak {
  return best(image, sphere, lesionVoxels);
}

/** IBSI local peak: centred on the maximum voxel; ties resolved by the highest sphere mean. */
export function suvpeakLocal(image: PetImage, lesionVoxels: Uint32Array, sphere = peakSphere(image)): LocalSuvPeak {
  let max = -Infinity;
  for (const n of lesionVoxels) max = Math.max(max, image.voxels[n] ?? -Infinity);
  const maxima = lesionVoxels.filter((n) => image.voxels[n] === max);
  return { ...best(image, sphere, maxima), maximumVoxels: maxima.length };
}
