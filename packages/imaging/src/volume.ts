/**
 * The volume types shared by the imaging primitives. They mirror the shape of `ImageVolume` in
 * @bonemet/dicom (same field names and layout) without depending on it, so a DICOM volume can be passed
 * where a `ScalarVolume` or `PlacedGrid` is expected.
 *
 * Layout: voxel (i, j, k) is at linear index i + nx·(j + ny·k): i fastest, then j, then k.
 */
import { BonemetError } from '@bonemet/core';

export type Triple = readonly [number, number, number];

/** A regular voxel grid. */
export interface Grid {
  /** Number of voxels along i, j, k. */
  readonly dimensions: Triple;
  /** Distance between voxel centres along i, j, k, mm. */
  readonly spacingMm: Triple;
}

/** A grid placed in patient space (DICOM LPS, mm). */
export interface PlacedGrid extends Grid {
  /** Centre of voxel (0, 0, 0), mm. */
  readonly originMm: Triple;
  /** Unit vectors of increasing i, j and k. */
  readonly directions: readonly [Triple, Triple, Triple];
}

/** One scalar value per voxel. */
export interface ScalarVolume extends Grid {
  readonly voxels: Float32Array;
}

/** A mask on a grid: non-zero = inside. */
export type VoxelMask = Uint8Array;

function invalid(message: string, path: readonly (string | number)[]): BonemetError {
  return new BonemetError('invalid_input', message, { issues: [{ path, message }] });
}

/** Total number of voxels of a grid. */
export function voxelCount(grid: Grid): number {
  return grid.dimensions[0] * grid.dimensions[1] * grid.dimensions[2];
}

/** Volume of one voxel, ml (mm³ / 1000). */
export function voxelVolumeMl(grid: Grid): number {
  return (grid.spacingMm[0] * grid.spacingMm[1] * grid.spacingMm[2]) / 1000;
}

/** Linear index of voxel (i, j, k). */
export function linearIndex(dimensions: Triple, i: number, j: number, k: number): number {
  return i + dimensions[0] * (j + dimensions[1] * k);
}

/** Voxel (i, j, k) of a linear index. */
export function voxelOfIndex(dimensions: Triple, index: number): Triple {
  const [nx, ny] = dimensions;
  const i = index % nx;
  const rest = (index - i) / nx;
  const j = rest % ny;
  return [i, j, (rest - j) / ny];
}

/** Whether integer voxel (i, j, k) lies inside the grid. */
export function isInsideGrid(dimensions: Triple, i: number, j: number, k: number): boolean {
  return i >= 0 && j >= 0 && k >= 0 && i < dimensions[0] && j < dimensions[1] && k < dimensions[2];
}

/**
 * Checks dimensions (positive integers) and spacing (positive, finite). Throws `invalid_input` with an
 * issue at `[what, 'dimensions' | 'spacingMm']`.
 */
export function validateGrid(grid: Grid, what: string): void {
  grid.dimensions.forEach((n, axis) => {
    if (!Number.isInteger(n) || n < 1) {
      throw invalid(`${what}: dimension ${axis} is ${n}, expected a positive integer`, [what, 'dimensions', axis]);
    }
  });
  grid.spacingMm.forEach((s, axis) => {
    if (!Number.isFinite(s) || s <= 0) {
      throw invalid(`${what}: spacing ${axis} is ${s} mm, expected a positive finite number`, [
        what,
        'spacingMm',
        axis,
      ]);
    }
  });
}

/** `validateGrid` plus: one value per voxel. */
export function validateVolume(volume: ScalarVolume, what: string): void {
  validateGrid(volume, what);
  if (volume.voxels.length !== voxelCount(volume)) {
    throw invalid(
      `${what}: ${volume.voxels.length} values for ${volume.dimensions.join('×')} = ${voxelCount(volume)} voxels`,
      [what, 'voxels'],
    );
  }
}

/** Checks that a mask has one entry per voxel of `grid`. */
export function validateMask(mask: VoxelMask, grid: Grid, what: string): void {
  if (mask.length !== voxelCount(grid)) {
    throw invalid(`${what}: ${mask.length} entries for ${voxelCount(grid)} voxels`, [what]);
  }
}

/** Relative tolerance on spacing when comparing grids (DS values carry limited decimals). */
const spacingRelativeTolerance = 1e-4;

/**
 * Checks that `other` has the dimensions and spacing of `reference`; throws `invalid_input` naming
 * `what` otherwise. Placement (origin, directions) is compared too when both grids carry it
 * (tolerance 0.01 mm and 1e-4).
 */
export function requireSameGrid(reference: Grid | PlacedGrid, other: Grid | PlacedGrid, what: string): void {
  const sameDimensions = reference.dimensions.every((n, axis) => n === other.dimensions[axis]);
  const sameSpacing = reference.spacingMm.every(
    (s, axis) => Math.abs(s - (other.spacingMm[axis] ?? Number.NaN)) <= spacingRelativeTolerance * s,
  );
  if (!sameDimensions || !sameSpacing) {
    throw invalid(
      `${what}: grid ${other.dimensions.join('×')} at ${other.spacingMm.join('×')} mm differs from ${reference.dimensions.join('×')} at ${reference.spacingMm.join('×')} mm`,
      [what],
    );
  }
  if ('originMm' in reference && 'originMm' in other) {
    const sameOrigin = reference.originMm.every(
      (o, axis) => Math.abs(o - (other.originMm[axis] ?? Number.NaN)) <= 0.01,
    );
    const sameDirections = reference.directions.every((direction, row) =>
      direction.every((value, axis) => Math.abs(value - (other.directions[row]?.[axis] ?? Number.NaN)) <= 1e-4),
    );
    if (!sameOrigin || !sameDirections) {
      throw invalid(`${what}: the grid is not placed where the reference grid is (origin or orientation differ)`, [
        what,
      ]);
    }
  }
}
