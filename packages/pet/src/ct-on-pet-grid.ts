/** The CT of a PET/CT study on the PET grid, as the quantification needs it. */
import { BonemetError } from '@bonemet/core';
import { assembleVolume, type DicomSeries, type ImageVolume } from '@bonemet/dicom';
import { defaultCtFillHu, requireSameGrid, resampleTrilinear } from '@bonemet/imaging';
import type { CtImage } from './osseous.js';

export interface CtChoice {
  readonly ct: CtImage | null;
  readonly seriesInstanceUid: string | null;
  /** Which CT was used and how, or why none was. */
  readonly notes: readonly string[];
}

/**
 * The first CT series among `series` that assembles into a volume. A CT on the PET grid (same dimensions,
 * spacing, origin and orientation) is used as it is; any other CT is resampled onto the PET grid by trilinear
 * interpolation in patient coordinates (@bonemet/imaging `resampleTrilinear`), PET voxels outside the CT
 * taking −1000 HU (air). Both series must share the Frame of Reference (a PET/CT acquisition): no
 * registration is done. The notes say which CT was used and how.
 */
export function ctOnPetGrid(petVolume: ImageVolume, series: readonly DicomSeries[]): CtChoice {
  const notes: string[] = [];
  for (const candidate of series.filter((s) => s.modality === 'CT')) {
    let volume: ImageVolume;
    try {
      volume = assembleVolume(candidate.images);
    } catch (error) {
      if (!(error instanceof BonemetError)) throw error;
      notes.push(`CT series ${candidate.seriesInstanceUid} not used: ${error.message}`);
      continue;
    }
    const { dimensions, spacingMm, originMm, directions } = petVolume;
    let voxels = volume.voxels;
    try {
      requireSameGrid(petVolume, volume, 'ct');
      notes.push(`CT series ${candidate.seriesInstanceUid} is on the PET grid: used for the osseous test`);
    } catch (error) {
      if (!(error instanceof BonemetError)) throw error;
      voxels = resampleTrilinear(volume, petVolume, defaultCtFillHu);
      notes.push(
        `CT series ${candidate.seriesInstanceUid} (${volume.dimensions.join('×')} at ${volume.spacingMm.map((s) => s.toFixed(2)).join('×')} mm) resampled onto the PET grid (${dimensions.join('×')} at ${spacingMm.map((s) => s.toFixed(2)).join('×')} mm) by trilinear interpolation in patient coordinates, PET voxels outside the CT set to ${String(defaultCtFillHu)} HU; the two series are taken to share one Frame of Reference (no registration): used for the osseous test`,
      );
    }
    return {
      ct: { dimensions, spacingMm, originMm, directions, voxels },
      seriesInstanceUid: candidate.seriesInstanceUid,
      notes,
    };
  }
  if (notes.length === 0) notes.push('no CT series in the folder: osseous is not assessed');
  return { ct: null, seriesInstanceUid: null, notes };
}
