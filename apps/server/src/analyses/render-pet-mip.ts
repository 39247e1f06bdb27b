import { encodeRgbaPng, windowToRgba } from '@bonemet/bonescan';
import type { LesionMeasurement, PetImage } from '@bonemet/pet';
import { coronalMip, coronalMipPosition } from '@bonemet/pet';
import type { RenderedImage } from './analysis-images.js';

/** Display window of the MIP, SUVbw: 0 to 10, inverted (white background, uptake dark), as PET MIPs are read. */
export const PET_MIP_WINDOW_SUV = { low: 0, high: 10 } as const;

/** A lesion's marker on the MIP: its centroid projected onto the coronal plane, pixels of the MIP. */
export interface PetMipMarker {
  /** The lesion's rank in the quantification (1 = highest SUVmax). */
  readonly rank: number;
  readonly x: number;
  readonly y: number;
}

export interface RenderedPetMip {
  readonly image: RenderedImage;
  readonly markers: readonly PetMipMarker[];
}

/** The coronal MIP of the SUVbw volume as PNG (packages/pet `coronalMip`) and each lesion's position on it. */
export function renderPetMip(pet: PetImage, lesions: readonly LesionMeasurement[]): RenderedPetMip {
  const mip = coronalMip(pet);
  const rgba = windowToRgba(mip.values, mip.columns, mip.rows, { ...PET_MIP_WINDOW_SUV, invert: true });
  return {
    image: {
      name: 'MIP',
      title: 'Coronal MIP (SUVbw 0–10)',
      widthPx: mip.columns,
      heightPx: mip.rows,
      pixelSpacingMm: mip.pixelSpacingMm,
      png: encodeRgbaPng(rgba),
    },
    markers: lesions.map((lesion) => ({ rank: lesion.rank, ...coronalMipPosition(pet, mip, lesion.centroidMm) })),
  };
}
