/** A PET series as an SUV volume: assembly, PET checks and SUV factors in volume order. */
import { BonemetError } from '@bonemet/core';
import type { DicomImageDataset } from './dataset.js';
import { requireModality } from './read-dicom-file.js';
import { petSuvSliceFromDataset } from './suv/pet-suv-slice.js';
import type { SuvFactors } from './suv/suv-factors.js';
import type { PetSuvSlice } from './suv/pet-suv-slice.js';
import { suvbwFactors } from './suv/suvbw.js';
import { assembleVolumeGeometry, imageFrames, rescaledSlices, type ImageVolume } from './volume.js';

export interface SuvVolume {
  /** The assembled series; its `voxels` (rescaled values) are computed on first access, then kept. */
  readonly volume: ImageVolume;
  readonly factors: SuvFactors;
  /** SUV values in the quantity of `factors`, same layout as `volume.voxels`. */
  readonly suv: Float32Array;
}

/**
 * Assembles a PET series and converts it with `compute` (default SUVbw; pass `sulJanmahasatianFactors`
 * etc. for another SUV). Multi-frame objects count frame by frame. Every slice must be PT with Rescale Slope (PET requires it, PS3.3 C.8.9.4).
 */
export function petSuvVolume(
  images: readonly DicomImageDataset[],
  compute: (slices: readonly PetSuvSlice[]) => SuvFactors = suvbwFactors,
): SuvVolume {
  imageFrames(images).forEach((image) => {
    requireModality(image, 'PT');
    if (!image.hasRescale) {
      throw new BonemetError('missing_data', `${image.source}: Rescale Slope (0028,1053) is missing`, {
        issues: [{ path: ['RescaleSlope'], message: 'required for PET; no default of 1 is assumed' }],
      });
    }
  });
  const geometry = assembleVolumeGeometry(images);
  const factors = compute(geometry.slices.map(petSuvSliceFromDataset));
  // The SUV volume is filled straight from the stored pixels; the rescaled volume is only built if a
  // caller reads `volume.voxels`, so that a PET load holds one float32 volume, not two.
  const suv = rescaledSlices(geometry, factors.factorsPerSlice);
  let rescaled: Float32Array | undefined;
  const volume: ImageVolume = {
    ...geometry,
    get voxels(): Float32Array {
      rescaled ??= rescaledSlices(geometry);
      return rescaled;
    },
  };
  return { volume, factors, suv };
}
