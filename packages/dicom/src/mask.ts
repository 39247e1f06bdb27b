/** Places a mask from another tool (NIfTI) on a DICOM volume and takes statistics inside it. */
import { BonemetError } from '@bonemet/core';
import type { NiftiImage } from './nifti.js';
import { patientMmToIndex, type ImageVolume } from './volume.js';

/** Largest distance, in voxels, between a mask voxel centre and the volume voxel it lands on. */
const placementToleranceVoxels = 0.01;

/**
 * Linear indices into `volume.voxels` of the non-zero mask voxels. Throws `invalid_input` when the
 * mask grid does not coincide with the volume grid or a mask voxel falls outside the volume.
 */
export function maskVoxelIndices(volume: ImageVolume, mask: NiftiImage): Uint32Array {
  const [nx, ny, nz] = mask.dimensions;
  const [columns, rows, slices] = volume.dimensions;
  const [ax, ay, az] = mask.indexToLpsMm;
  const indices: number[] = [];
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) {
        if ((mask.voxels[i + nx * (j + ny * k)] ?? 0) === 0) continue;
        const point = [ax, ay, az].map(
          (row) => (row[0] ?? 0) * i + (row[1] ?? 0) * j + (row[2] ?? 0) * k + (row[3] ?? 0),
        ) as [number, number, number];
        const index = patientMmToIndex(volume, point);
        const rounded = index.map(Math.round) as [number, number, number];
        const off = Math.max(...index.map((value, axis) => Math.abs(value - (rounded[axis] ?? 0))));
        const [ci, cj, ck] = rounded;
        if (
          off > placementToleranceVoxels ||
          ci < 0 ||
          cj < 0 ||
          ck < 0 ||
          ci >= columns ||
          cj >= rows ||
          ck >= slices
        ) {
          throw new BonemetError(
            'invalid_input',
            `the mask does not fit the image: mask voxel (${i}, ${j}, ${k}) lands at index (${index.map((v) => v.toFixed(2)).join(', ')})`,
            {
              issues: [
                {
                  path: ['mask'],
                  message: 'mask grid does not coincide with the image grid',
                  hint: 'resample the mask onto the PET grid',
                },
              ],
            },
          );
        }
        indices.push(ci + columns * (cj + rows * ck));
      }
    }
  }
  return Uint32Array.from(indices);
}

export interface MaskStatistics {
  readonly voxelCount: number;
  readonly max: number;
  readonly min: number;
  /** Median; the mean of the two middle values for an even count. */
  readonly median: number;
  readonly mean: number;
}

/** Max, min, median and mean of `values` at `indices`; `missing_data` for an empty mask. */
export function maskStatistics(values: Float32Array, indices: Uint32Array): MaskStatistics {
  if (indices.length === 0) {
    throw new BonemetError('missing_data', 'the mask is empty', {
      issues: [{ path: ['mask'], message: 'no voxel inside the mask' }],
    });
  }
  const selected = new Float64Array(indices.length);
  let sum = 0;
  indices.forEach((index, n) => {
    const value = values[index] ?? 0;
    selected[n] = value;
    sum += value;
  });
  selected.sort();
  const middle = selected.length >> 1;
  const median =
    selected.length % 2 === 1 ? (selected[middle] ?? 0) : ((selected[middle - 1] ?? 0) + (selected[middle] ?? 0)) / 2;
  return {
    voxelCount: selected.length,
    max: selected[selected.length - 1] ?? 0,
    min: selected[0] ?? 0,
    median,
    mean: sum / selected.length,
  };
}
