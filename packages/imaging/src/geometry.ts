/** Index ↔ patient-mm conversion on a placed grid; the same convention as @bonemet/dicom's `indexToPatientMm`. */
import type { PlacedGrid, Triple } from './volume.js';

const dot = (a: Triple, b: Triple): number => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];

/** Patient coordinates (mm) of a (possibly fractional) voxel index. */
export function gridIndexToMm(grid: PlacedGrid, index: Triple): Triple {
  const [di, dj, dk] = grid.directions;
  const a = index[0] * grid.spacingMm[0];
  const b = index[1] * grid.spacingMm[1];
  const c = index[2] * grid.spacingMm[2];
  const o = grid.originMm;
  return [
    o[0] + a * di[0] + b * dj[0] + c * dk[0],
    o[1] + a * di[1] + b * dj[1] + c * dk[1],
    o[2] + a * di[2] + b * dj[2] + c * dk[2],
  ];
}

/** Continuous voxel index of a patient position (mm); the inverse of `gridIndexToMm` for orthonormal directions. */
export function gridMmToIndex(grid: PlacedGrid, pointMm: Triple): Triple {
  const o = grid.originMm;
  const d: Triple = [pointMm[0] - o[0], pointMm[1] - o[1], pointMm[2] - o[2]];
  const [di, dj, dk] = grid.directions;
  return [dot(d, di) / grid.spacingMm[0], dot(d, dj) / grid.spacingMm[1], dot(d, dk) / grid.spacingMm[2]];
}
