/**
 * Whether a lesion is osseous, from a CT on the PET grid (HU). Bone mask: HU ≥ 150, dilated by one voxel
 * (3 × 3 × 3) so that the rim of a lesion sitting on cortex or trabecular bone counts. A lesion is osseous
 * when at least half of its voxels fall in the bone mask. 150 HU lies above soft tissue and blood (< 100 HU)
 * and below trabecular bone of most adults; a purely lytic lesion that has replaced its bone can fall below
 * it and be called non-osseous: the fraction is reported so that the reader can judge. Both numbers are
 * project conventions, overridable.
 */
import { requireSameGrid, validateVolume, type PlacedGrid, type ScalarVolume, type VoxelMask } from '@bonemet/imaging';
import { dilateBox1 } from './mask-operations.js';
import type { PetImage } from './pet-image.js';

export const defaultBoneHu = 150;
export const defaultOsseousFraction = 0.5;

export interface CtImage extends PlacedGrid, ScalarVolume {
  /** Hounsfield units per voxel, on the PET grid. */
  readonly voxels: Float32Array;
}

/** Refuses a CT that is not a valid volume on the PET grid. */
export function requireCtOnPetGrid(pet: PetImage, ct: CtImage): void {
  validateVolume(ct, 'ct');
  requireSameGrid(pet, ct, 'ct');
}

/** The dilated bone mask; refuses a CT that is not on the PET grid. */
export function boneMask(pet: PetImage, ct: CtImage, boneHu: number): VoxelMask {
  requireCtOnPetGrid(pet, ct);
  const mask = new Uint8Array(ct.voxels.length);
  for (let n = 0; n < mask.length; n++) if ((ct.voxels[n] ?? Number.NaN) >= boneHu) mask[n] = 1;
  return dilateBoneMask(mask, ct);
}

/** The bone mask (HU ≥ boneHu, non-zero = bone) dilated by one voxel, as the osseous test uses it. */
export function dilateBoneMask(bone: VoxelMask, grid: Pick<CtImage, 'dimensions'>): VoxelMask {
  return dilateBox1(bone, grid.dimensions);
}

/** Fraction of the lesion voxels inside the bone mask. */
export function boneFraction(bone: VoxelMask, lesionVoxels: Uint32Array): number {
  let inside = 0;
  for (const n of lesionVoxels) if (bone[n] !== 0) inside++;
  return inside / lesionVoxels.length;
}
