/** A PET series as an SUV volume: assembly, PET checks and SUV factors in volume order. */
import { BonemetError } from '@bonemet/core';
import type { DicomImageDataset } from './dataset.js';
import { requireModality } from './read-dicom-file.js';
import { petSuvSliceFromDataset } from './suv/pet-suv-slice.js';
import type { SuvFactors } from './suv/suv-factors.js';
import type { PetSuvSlice } from './suv/pet-suv-slice.js';
import { suvbwFactors } from './suv/suvbw.js';
import { assembleVolume, imageFrames, scaleSlices, type ImageVolume } from './volume.js';

export interface SuvVolume {
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
  const volume = assembleVolume(images);
  const factors = compute(volume.slices.map(petSuvSliceFromDataset));
  return { volume, factors, suv: scaleSlices(volume, factors.factorsPerSlice) };
}
