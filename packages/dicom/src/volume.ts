/**
 * Assembles the slices of one series into a volume: slices ordered along the normal of
 * ImageOrientationPatient, spacing and gaps checked, per-slice RescaleSlope/Intercept applied into a
 * Float32Array, with index ↔ patient-mm (LPS) geometry.
 */
import { BonemetError } from '@bonemet/core';
import type { DicomImageDataset } from './dataset.js';

export type Vector3 = readonly [number, number, number];

export interface ImageVolume {
  readonly modality: string;
  readonly seriesInstanceUid: string;
  /** [columns (i), rows (j), slices (k)]. */
  readonly dimensions: Vector3;
  /** Voxel spacing along i, j, k, mm. */
  readonly spacingMm: Vector3;
  /** Centre of voxel (0,0,0), mm, LPS. */
  readonly originMm: Vector3;
  /** Unit vectors of increasing i (row direction), j (column direction) and k (slice normal), LPS. */
  readonly directions: readonly [Vector3, Vector3, Vector3];
  /** Rescaled values (stored × slope + intercept), i fastest, then j, then k. */
  readonly voxels: Float32Array;
  /** The slices in volume order (k), without their pixel arrays' ownership implications. */
  readonly slices: readonly DicomImageDataset[];
}

function invalid(
  message: string,
  path: readonly (string | number)[],
  code: 'invalid_input' | 'unsupported' | 'missing_data' = 'invalid_input',
): BonemetError {
  return new BonemetError(code, message, { issues: [{ path, message }] });
}

const dot = (a: Vector3, b: Vector3): number => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const cross = (a: Vector3, b: Vector3): Vector3 => [
  a[1] * b[2] - a[2] * b[1],
  a[2] * b[0] - a[0] * b[2],
  a[0] * b[1] - a[1] * b[0],
];

const orientationTolerance = 1e-4;

/** Relative tolerance on slice spacing: positions are written with limited decimals (DS holds 16 characters). */
const spacingRelativeTolerance = 1e-3;
const spacingAbsoluteToleranceMm = 0.01;

/** The images of a list with every multi-frame object replaced by its frames, in order. */
export function imageFrames(images: readonly DicomImageDataset[]): DicomImageDataset[] {
  return images.flatMap((image) => image.frames ?? [image]);
}

/** A volume's grid and ordered slices, before any voxel array is filled. */
export type VolumeGeometry = Omit<ImageVolume, 'voxels'>;

/**
 * Builds the volume from single-frame images and multi-frame objects (each frame counts as a slice). Throws `invalid_input` for mixed series, orientation, size or pixel spacing and
 * duplicate positions; `unsupported` for uneven spacing (gaps) or a single slice; `missing_data` when a
 * geometry attribute is absent.
 */
export function assembleVolume(objects: readonly DicomImageDataset[]): ImageVolume {
  const geometry = assembleVolumeGeometry(objects);
  return { ...geometry, voxels: rescaledSlices(geometry) };
}

/**
 * The checks and slice ordering of `assembleVolume`, without allocating the voxels: for callers that
 * fill their own array (`rescaledSlices` with factors), so that only one float32 volume is held.
 */
export function assembleVolumeGeometry(objects: readonly DicomImageDataset[]): VolumeGeometry {
  const images = imageFrames(objects);
  const first = images[0];
  if (first === undefined) throw invalid('no images to assemble', []);
  const geometry = images.map((image, index) => {
    const position = image.imagePositionPatientMm;
    const orientation = image.imageOrientationPatient;
    const spacing = image.pixelSpacingMm;
    if (position === undefined)
      throw invalid(
        `${image.source}: ImagePositionPatient is missing`,
        [index, 'ImagePositionPatient'],
        'missing_data',
      );
    if (orientation === undefined)
      throw invalid(
        `${image.source}: ImageOrientationPatient is missing`,
        [index, 'ImageOrientationPatient'],
        'missing_data',
      );
    if (spacing === undefined)
      throw invalid(`${image.source}: PixelSpacing is missing`, [index, 'PixelSpacing'], 'missing_data');
    return { position, orientation, spacing };
  });
  const reference = geometry[0];
  if (reference === undefined) throw invalid('no images to assemble', []);
  const rowDirection: Vector3 = [reference.orientation[0], reference.orientation[1], reference.orientation[2]];
  const columnDirection: Vector3 = [reference.orientation[3], reference.orientation[4], reference.orientation[5]];
  if (
    Math.abs(dot(rowDirection, rowDirection) - 1) > 1e-3 ||
    Math.abs(dot(columnDirection, columnDirection) - 1) > 1e-3 ||
    Math.abs(dot(rowDirection, columnDirection)) > 1e-3
  ) {
    throw invalid(`${first.source}: ImageOrientationPatient is not two orthogonal unit vectors`, [
      0,
      'ImageOrientationPatient',
    ]);
  }
  const normal = cross(rowDirection, columnDirection);

  images.forEach((image, index) => {
    const g = geometry[index];
    if (g === undefined) return;
    if (image.seriesInstanceUid !== first.seriesInstanceUid) {
      throw invalid(`${image.source}: belongs to series ${image.seriesInstanceUid}, not ${first.seriesInstanceUid}`, [
        index,
        'SeriesInstanceUID',
      ]);
    }
    if (image.rows !== first.rows || image.columns !== first.columns) {
      throw invalid(`${image.source}: ${image.rows}×${image.columns} differs from ${first.rows}×${first.columns}`, [
        index,
        'Rows',
      ]);
    }
    if (
      g.orientation.some((value, axis) => Math.abs(value - (reference.orientation[axis] ?? 0)) > orientationTolerance)
    ) {
      throw invalid(`${image.source}: ImageOrientationPatient differs from the first slice`, [
        index,
        'ImageOrientationPatient',
      ]);
    }
    if (Math.abs(g.spacing[0] - reference.spacing[0]) > 1e-4 || Math.abs(g.spacing[1] - reference.spacing[1]) > 1e-4) {
      throw invalid(`${image.source}: PixelSpacing differs from the first slice`, [index, 'PixelSpacing']);
    }
  });

  const order = images
    .map((image, index) => ({ image, index, distanceMm: dot(geometry[index]?.position ?? [0, 0, 0], normal) }))
    .sort((a, b) => a.distanceMm - b.distanceMm);

  let sliceSpacingMm = first.sliceThicknessMm ?? 1;
  if (order.length > 1) {
    const gaps = order.slice(1).map((entry, k) => entry.distanceMm - (order[k]?.distanceMm ?? 0));
    const duplicate = gaps.findIndex((gap) => gap < spacingAbsoluteToleranceMm);
    if (duplicate >= 0) {
      const entry = order[duplicate + 1];
      throw invalid(`${entry?.image.source ?? ''}: two slices at the same position along the normal`, [
        entry?.index ?? 0,
        'ImagePositionPatient',
      ]);
    }
    sliceSpacingMm = (order.at(-1)?.distanceMm ?? 0) - (order[0]?.distanceMm ?? 0);
    sliceSpacingMm /= order.length - 1;
    const tolerance = Math.max(spacingAbsoluteToleranceMm, spacingRelativeTolerance * sliceSpacingMm);
    const uneven = gaps.findIndex((gap) => Math.abs(gap - sliceSpacingMm) > tolerance);
    if (uneven >= 0) {
      const entry = order[uneven + 1];
      throw invalid(
        `uneven slice spacing: ${(gaps[uneven] ?? 0).toFixed(3)} mm before ${entry?.image.source ?? ''}, ${sliceSpacingMm.toFixed(3)} mm on average (missing slice or mixed acquisitions)`,
        [entry?.index ?? 0, 'ImagePositionPatient'],
        'unsupported',
      );
    }
  }

  const origin = geometry[order[0]?.index ?? 0]?.position ?? [0, 0, 0];
  return {
    modality: first.modality,
    seriesInstanceUid: first.seriesInstanceUid,
    dimensions: [first.columns, first.rows, order.length],
    // PixelSpacing is [between rows (along j), between columns (along i)] (PS3.3 C.7.6.2.1.1).
    spacingMm: [reference.spacing[1], reference.spacing[0], sliceSpacingMm],
    originMm: [origin[0], origin[1], origin[2]],
    directions: [rowDirection, columnDirection, normal],
    slices: order.map(({ image }) => image),
  };
}

/** Patient coordinates (mm, LPS) of a (possibly fractional) voxel index. */
export function indexToPatientMm(volume: ImageVolume, index: Vector3): Vector3 {
  const [di, dj, dk] = volume.directions;
  const [si, sj, sk] = volume.spacingMm;
  const o = volume.originMm;
  const a = index[0] * si;
  const b = index[1] * sj;
  const c = index[2] * sk;
  return [
    o[0] + a * di[0] + b * dj[0] + c * dk[0],
    o[1] + a * di[1] + b * dj[1] + c * dk[1],
    o[2] + a * di[2] + b * dj[2] + c * dk[2],
  ];
}

/** Continuous voxel index of a patient position (mm, LPS); the inverse of `indexToPatientMm`. */
export function patientMmToIndex(volume: ImageVolume, pointMm: Vector3): Vector3 {
  const o = volume.originMm;
  const d: Vector3 = [pointMm[0] - o[0], pointMm[1] - o[1], pointMm[2] - o[2]];
  const [di, dj, dk] = volume.directions;
  const [si, sj, sk] = volume.spacingMm;
  return [dot(d, di) / si, dot(d, dj) / sj, dot(d, dk) / sk];
}

/** Multiplies each slice k of the volume by `factorsPerSlice[k]` (factors in volume order), into a new array. */
export function scaleSlices(volume: ImageVolume, factorsPerSlice: readonly number[]): Float32Array {
  const [columns, rows, slices] = volume.dimensions;
  if (factorsPerSlice.length !== slices) {
    throw invalid(`${factorsPerSlice.length} factors for ${slices} slices`, ['factorsPerSlice']);
  }
  const sliceSize = columns * rows;
  const out = new Float32Array(volume.voxels.length);
  for (let k = 0; k < slices; k++) {
    const factor = factorsPerSlice[k] ?? 0;
    const offset = k * sliceSize;
    for (let n = offset; n < offset + sliceSize; n++) out[n] = (volume.voxels[n] ?? 0) * factor;
  }
  return out;
}

/**
 * The rescaled values (stored × slope + intercept, rounded to float32) of the geometry's slices, each
 * slice k then multiplied by `factorsPerSlice[k]` when given (rounded to float32 again): the same values
 * as `scaleSlices(assembleVolume(...), factorsPerSlice)`, without the intermediate float32 volume.
 */
export function rescaledSlices(geometry: VolumeGeometry, factorsPerSlice?: readonly number[]): Float32Array {
  const [columns, rows, sliceCount] = geometry.dimensions;
  if (factorsPerSlice !== undefined && factorsPerSlice.length !== sliceCount) {
    throw invalid(`${factorsPerSlice.length} factors for ${sliceCount} slices`, ['factorsPerSlice']);
  }
  const sliceSize = columns * rows;
  const out = new Float32Array(sliceSize * sliceCount);
  geometry.slices.forEach((image, k) => {
    const stored = image.storedPixels;
    if (stored.length < sliceSize) {
      throw invalid(`${image.source}: ${stored.length} stored pixels, ${sliceSize} expected`, [k, 'PixelData']);
    }
    const factor = factorsPerSlice === undefined ? 1 : (factorsPerSlice[k] ?? Number.NaN);
    rescaleSliceInto(out, k * sliceSize, stored, sliceSize, image.rescaleSlope, image.rescaleIntercept, factor);
  });
  return out;
}

function rescaleSliceInto(
  out: Float32Array,
  offset: number,
  stored: ArrayLike<number>,
  count: number,
  slope: number,
  intercept: number,
  factor: number,
): void {
  // One pass: the rescaled value rounded to float32 (as `assembleVolume` stores it), times the factor,
  // rounded to float32 again on store. Writing through a view of the slice spares an addition per voxel.
  const slice = out.subarray(offset, offset + count);
  for (let n = 0; n < count; n++) slice[n] = Math.fround((stored[n] ?? 0) * slope + intercept) * factor;
}
