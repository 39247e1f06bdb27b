/**
 * Places the frames of a DICOM Segmentation on the grid of an image volume, giving the same mask type as
 * the NIfTI path (linear voxel indices for `maskStatistics`), through the same placement check
 * (`maskVoxelIndices`: every mask voxel centre must land on an image voxel centre inside the image).
 */
import { BonemetError } from '@bonemet/core';
import { maskVoxelIndices } from '../mask.js';
import type { NiftiImage } from '../nifti.js';
import { patientMmToIndex, type ImageVolume, type Vector3 } from '../volume.js';
import type { SegmentDescription, Segmentation, SegmentationFrame } from './segmentation.js';

/** Direction cosines of the frame and the image must agree this closely (as between slices of a series). */
const orientationTolerance = 1e-4;
/** Pixel spacing must agree to this fraction (DS values hold at most 16 characters). */
const spacingRelativeTolerance = 1e-3;
/** A frame's first pixel must land this close (in voxels) to an image voxel centre, as in `maskVoxelIndices`. */
const frameOriginToleranceVoxels = 0.01;

/**
 * Fraction of Maximum Fractional Value at or above which a FRACTIONAL voxel counts as inside the segment:
 * 0.5, i.e. probability ≥ 50% (PROBABILITY) or at least half the voxel occupied (OCCUPANCY), the
 * meanings of the two fractional types in PS3.3 C.8.20.2.3. Binary masks from other tools follow the same
 * majority rule.
 */
export const defaultFractionalThreshold = 0.5;

/**
 * Segments to take, by Segment Number or Segment Label (exact, case-sensitive); `undefined` or an empty
 * list: every segment, as their union.
 */
export type SegmentSelection = number | string | readonly (number | string)[] | undefined;

export interface SegmentationMaskOptions {
  /**
   * Frame of Reference UID of the image. When given, a segmentation in another Frame of Reference is
   * refused. When absent, the segmentation must reference the image's series (Referenced Series Sequence
   * or per-frame source images) so that both are known to share patient space.
   */
  readonly imageFrameOfReferenceUid?: string;
  /** FRACTIONAL only: fraction of Maximum Fractional Value at or above which a voxel is inside; (0, 1]. */
  readonly fractionalThreshold?: number;
}

export interface SegmentationMask {
  /** Linear indices into `volume.voxels` of the voxels inside the chosen segments, ascending, each once. */
  readonly voxelIndices: Uint32Array;
  /** The segments taken (their union when more than one). */
  readonly segments: readonly SegmentDescription[];
  /** True when the union holds every segment of the object. */
  readonly allSegments: boolean;
  /** Frames placed (frames of the chosen segments). */
  readonly framesPlaced: number;
}

function doesNotFit(message: string, path: readonly (string | number)[]): BonemetError {
  return new BonemetError('invalid_input', `the mask does not fit the image: ${message}`, {
    issues: [{ path, message, hint: 'write the segmentation on the grid of this image series' }],
  });
}

const format = (values: readonly number[], digits = 4): string => values.map((v) => v.toFixed(digits)).join(', ');

function chooseSegments(seg: Segmentation, selection: SegmentSelection): SegmentDescription[] {
  const wanted = selection === undefined ? [] : typeof selection === 'object' ? selection : [selection];
  if (wanted.length === 0) return [...seg.segments];
  const chosen = wanted.map((key, index) => {
    const found =
      typeof key === 'number'
        ? seg.segments.find((segment) => segment.segmentNumber === key)
        : seg.segments.find((segment) => segment.label === key);
    if (found === undefined) {
      const available = seg.segments.map((segment) => `${segment.segmentNumber} "${segment.label}"`).join(', ');
      throw new BonemetError('not_found', `${seg.source}: no segment ${typeof key === 'number' ? key : `"${key}"`}`, {
        issues: [{ path: ['segments', index], message: `segments in this object: ${available}` }],
      });
    }
    return found;
  });
  return chosen.filter((segment, index) => chosen.indexOf(segment) === index);
}

function requireSameSpace(seg: Segmentation, volume: ImageVolume, imageFrameOfReferenceUid: string | undefined): void {
  if (imageFrameOfReferenceUid !== undefined) {
    if (seg.frameOfReferenceUid !== undefined && seg.frameOfReferenceUid !== imageFrameOfReferenceUid) {
      throw new BonemetError(
        'unsupported',
        `${seg.source}: the segmentation is in Frame of Reference ${seg.frameOfReferenceUid}, the image in ${imageFrameOfReferenceUid}`,
        {
          issues: [
            {
              path: ['FrameOfReferenceUID'],
              message: 'different Frames of Reference: placing it would need a registration, which is not done here',
            },
          ],
        },
      );
    }
    return;
  }
  const imageInstances = new Set(volume.slices.map((slice) => slice.sopInstanceUid));
  const referencesSeries = seg.referencedSeries.some((series) => series.seriesInstanceUid === volume.seriesInstanceUid);
  const referencesInstances = seg.frames.some((frame) =>
    frame.sourceSopInstanceUids.some((uid) => imageInstances.has(uid)),
  );
  if (referencesSeries || referencesInstances) return;
  const named = seg.referencedSeries.map((series) => series.seriesInstanceUid).join(', ') || 'no series';
  throw new BonemetError(
    'unsupported',
    `${seg.source}: the segmentation references ${named}, not the image series ${volume.seriesInstanceUid}, and the image's Frame of Reference is not known`,
    {
      issues: [
        {
          path: ['ReferencedSeriesSequence'],
          message: 'cannot confirm that the segmentation and the image share patient space',
          hint: "give the image's Frame of Reference UID so that a segmentation of another series of the same study can be checked",
        },
      ],
    },
  );
}

function checkFrameGeometry(frame: SegmentationFrame, volume: ImageVolume, source: string): void {
  const path = ['PerFrameFunctionalGroupsSequence', frame.frameNumber - 1];
  const o = frame.imageOrientationPatient;
  const [di, dj] = volume.directions;
  const expected = [...di, ...dj];
  if (o.some((value, axis) => Math.abs(value - (expected[axis] ?? 0)) > orientationTolerance)) {
    throw doesNotFit(
      `${source} frame ${frame.frameNumber} has orientation (${format(o)}), the image (${format(expected)})`,
      [...path, 'PlaneOrientationSequence'],
    );
  }
  // Pixel Spacing is [between rows (along j), between columns (along i)] (PS3.3 C.7.6.2.1.1).
  const [rowSpacing, columnSpacing] = frame.pixelSpacingMm;
  const [si, sj] = volume.spacingMm;
  const off = (a: number, b: number): boolean => Math.abs(a - b) > spacingRelativeTolerance * b;
  if (off(columnSpacing, si) || off(rowSpacing, sj)) {
    throw doesNotFit(
      `${source} frame ${frame.frameNumber} has pixel spacing ${format([rowSpacing, columnSpacing])} mm, the image ${format([sj, si])} mm`,
      [...path, 'PixelMeasuresSequence'],
    );
  }
  const index = patientMmToIndex(volume, frame.imagePositionPatientMm);
  const rounded = index.map(Math.round);
  const distance = Math.max(...index.map((value, axis) => Math.abs(value - (rounded[axis] ?? 0))));
  const slice = rounded[2] ?? 0;
  if (distance > frameOriginToleranceVoxels || slice < 0 || slice >= volume.dimensions[2]) {
    throw doesNotFit(
      `${source} frame ${frame.frameNumber} at (${format(frame.imagePositionPatientMm, 2)}) mm lands at voxel index (${format(index, 2)}) of an image of ${volume.dimensions.join('×')} voxels`,
      [...path, 'PlanePositionSequence'],
    );
  }
}

/**
 * The voxels of `volume` inside the chosen segments of `seg` (all segments by default: their union).
 * Frames may cover any subset of slices, in any order; slices without a frame are outside. Throws
 * `invalid_input` "the mask does not fit the image: ..." when a frame's orientation, pixel spacing or
 * position does not coincide with the image grid; `unsupported` for another Frame of Reference (or one
 * that cannot be confirmed); `not_found` for an unknown segment. An empty result is returned as such
 * (`maskStatistics` refuses it).
 */
export function segmentationMaskOnGrid(
  seg: Segmentation,
  selection: SegmentSelection,
  volume: ImageVolume,
  options: SegmentationMaskOptions = {},
): SegmentationMask {
  const threshold = options.fractionalThreshold ?? defaultFractionalThreshold;
  if (!(threshold > 0 && threshold <= 1)) {
    throw new BonemetError('invalid_input', `fractional threshold ${threshold} is not in (0, 1]`, {
      issues: [{ path: ['fractionalThreshold'], message: 'must be greater than 0 and at most 1' }],
    });
  }
  const segments = chooseSegments(seg, selection);
  requireSameSpace(seg, volume, options.imageFrameOfReferenceUid);
  const chosenNumbers = new Set(segments.map((segment) => segment.segmentNumber));
  const frames = seg.frames.filter((frame) => chosenNumbers.has(frame.segmentNumber));
  for (const frame of frames) checkFrameGeometry(frame, volume, seg.source);

  const cutoff = seg.segmentationType === 'FRACTIONAL' ? Math.max(1, threshold * (seg.maximumFractionalValue ?? 1)) : 1;
  const [columns, rows, slices] = volume.dimensions;
  const inside = new Uint8Array(columns * rows * slices);
  const frameValues = new Float32Array(seg.rows * seg.columns);
  for (const frame of frames) {
    let any = false;
    for (let n = 0; n < frameValues.length; n++) {
      const set = (frame.pixels[n] ?? 0) >= cutoff;
      frameValues[n] = set ? 1 : 0;
      any ||= set;
    }
    if (!any) continue;
    // The frame as a one-slice mask image: column c, row r at position + c·Δcolumn·row direction + r·Δrow·column
    // direction (PS3.3 C.7.6.2.1.1), so that `maskVoxelIndices` checks and places every set pixel.
    const [rowSpacing, columnSpacing] = frame.pixelSpacingMm;
    const o = frame.imageOrientationPatient;
    const p: Vector3 = frame.imagePositionPatientMm;
    const affineRow = (axis: 0 | 1 | 2): number[] => [
      o[axis] * columnSpacing,
      (o[axis + 3] ?? 0) * rowSpacing,
      0,
      p[axis],
    ];
    const frameMask: NiftiImage = {
      dimensions: [seg.columns, seg.rows, 1],
      voxels: frameValues,
      indexToLpsMm: [affineRow(0), affineRow(1), affineRow(2)],
    };
    for (const index of maskVoxelIndices(volume, frameMask)) inside[index] = 1;
  }
  let count = 0;
  for (const value of inside) count += value;
  const voxelIndices = new Uint32Array(count);
  let next = 0;
  for (let n = 0; n < inside.length; n++) if (inside[n] === 1) voxelIndices[next++] = n;
  return { voxelIndices, segments, allSegments: segments.length === seg.segments.length, framesPlaced: frames.length };
}
