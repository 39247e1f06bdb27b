/**
 * Trilinear resampling of a scalar volume onto another placed grid (e.g. a CT of 512 × 512 at ~1 mm onto
 * a PET grid of ~4 mm). Each target voxel centre is mapped to patient mm (LPS) with the target's origin,
 * spacing and direction cosines, then to a continuous index of the source grid with the source's, and the
 * eight surrounding source voxels are weighted by their distance along each index axis.
 *
 * Outside: a target centre whose continuous source index lies outside [0, n − 1] on any axis (beyond the
 * centres of the outermost source voxels; a tolerance of 1e-6 voxel absorbs rounding) takes `fillValue`;
 * for a CT the caller passes −1000 HU (air), see `defaultCtFillHu`. No value is extrapolated.
 *
 * Both grids must have orthonormal direction cosines (as DICOM Image Orientation (Patient) rows and
 * columns and their slice normal are); a linear function of patient position is reproduced exactly.
 * Trilinear interpolation is a low-pass filter: thin structures (a cortex of one CT voxel) are averaged
 * with their neighbours when the target voxels are larger.
 */
import { BonemetError } from '@bonemet/core';
import { validateGrid, validateVolume, type PlacedGrid, type ScalarVolume, type Triple } from './volume.js';

/** CT value given to target voxels outside the source CT: air, HU. */
export const defaultCtFillHu = -1000;

const edgeTolerance = 1e-6;

export interface PlacedVolume extends PlacedGrid, ScalarVolume {}

function invalid(message: string, path: readonly (string | number)[]): BonemetError {
  return new BonemetError('invalid_input', message, { issues: [{ path, message }] });
}

/** Refuses direction cosines that are not unit length and mutually orthogonal (tolerance 1e-3). */
function requireOrthonormal(grid: PlacedGrid, what: string): void {
  const d = grid.directions;
  const dot = (a: Triple, b: Triple): number => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
  for (let a = 0; a < 3; a++) {
    const row = d[a];
    if (row === undefined || !row.every(Number.isFinite) || Math.abs(dot(row, row) - 1) > 1e-3) {
      throw invalid(`${what}: direction ${a} is not a unit vector`, [what, 'directions', a]);
    }
    for (let b = a + 1; b < 3; b++) {
      const other = d[b];
      if (other !== undefined && Math.abs(dot(row, other)) > 1e-3) {
        throw invalid(`${what}: directions ${a} and ${b} are not orthogonal`, [what, 'directions', b]);
      }
    }
  }
  if (!grid.originMm.every(Number.isFinite)) throw invalid(`${what}: the origin is not finite`, [what, 'originMm']);
}

/**
 * The source volume's values at the target grid's voxel centres, by trilinear interpolation, i fastest.
 * Throws `invalid_input` for a source whose values do not fill its grid or for non-orthonormal directions.
 */
export function resampleTrilinear(source: PlacedVolume, target: PlacedGrid, fillValue: number): Float32Array {
  validateVolume(source, 'source');
  validateGrid(target, 'target');
  requireOrthonormal(source, 'source');
  requireOrthonormal(target, 'target');
  const [snx, sny, snz] = source.dimensions;
  const [tnx, tny, tnz] = target.dimensions;
  const values = source.voxels;

  // Source continuous index = base + i·stepI + j·stepJ + k·stepK (an affine map of the target index).
  const delta: Triple = [
    target.originMm[0] - source.originMm[0],
    target.originMm[1] - source.originMm[1],
    target.originMm[2] - source.originMm[2],
  ];
  const toSource = (v: Triple): Triple => {
    const out = [0, 0, 0];
    for (let axis = 0; axis < 3; axis++) {
      const direction = source.directions[axis] ?? [0, 0, 0];
      out[axis] =
        (v[0] * direction[0] + v[1] * direction[1] + v[2] * direction[2]) / (source.spacingMm[axis] ?? Number.NaN);
    }
    return [out[0] ?? 0, out[1] ?? 0, out[2] ?? 0];
  };
  const scaled = (axis: 0 | 1 | 2): Triple => {
    const d = target.directions[axis];
    const s = target.spacingMm[axis];
    return [d[0] * s, d[1] * s, d[2] * s];
  };
  const base = toSource(delta);
  const stepI = toSource(scaled(0));
  const stepJ = toSource(scaled(1));
  const stepK = toSource(scaled(2));
  const limitI = snx - 1;
  const limitJ = sny - 1;
  const limitK = snz - 1;
  const strideJ = snx;
  const strideK = snx * sny;

  const out = new Float32Array(tnx * tny * tnz);
  let n = 0;
  for (let k = 0; k < tnz; k++) {
    for (let j = 0; j < tny; j++) {
      let u = base[0] + j * stepJ[0] + k * stepK[0];
      let v = base[1] + j * stepJ[1] + k * stepK[1];
      let w = base[2] + j * stepJ[2] + k * stepK[2];
      for (let i = 0; i < tnx; i++, n++, u += stepI[0], v += stepI[1], w += stepI[2]) {
        if (
          u < -edgeTolerance ||
          v < -edgeTolerance ||
          w < -edgeTolerance ||
          u > limitI + edgeTolerance ||
          v > limitJ + edgeTolerance ||
          w > limitK + edgeTolerance
        ) {
          out[n] = fillValue;
          continue;
        }
        // Lower corner clamped so that the upper corner stays inside; a one-voxel axis uses weight 0.
        const i0 = Math.min(Math.max(Math.floor(u), 0), Math.max(limitI - 1, 0));
        const j0 = Math.min(Math.max(Math.floor(v), 0), Math.max(limitJ - 1, 0));
        const k0 = Math.min(Math.max(Math.floor(w), 0), Math.max(limitK - 1, 0));
        const fu = limitI === 0 ? 0 : u - i0;
        const fv = limitJ === 0 ? 0 : v - j0;
        const fw = limitK === 0 ? 0 : w - k0;
        const di = limitI === 0 ? 0 : 1;
        const dj = limitJ === 0 ? 0 : strideJ;
        const dk = limitK === 0 ? 0 : strideK;
        const m = i0 + strideJ * j0 + strideK * k0;
        const c00 = (values[m] ?? 0) * (1 - fu) + (values[m + di] ?? 0) * fu;
        const c10 = (values[m + dj] ?? 0) * (1 - fu) + (values[m + dj + di] ?? 0) * fu;
        const c01 = (values[m + dk] ?? 0) * (1 - fu) + (values[m + dk + di] ?? 0) * fu;
        const c11 = (values[m + dk + dj] ?? 0) * (1 - fu) + (values[m + dk + dj + di] ?? 0) * fu;
        const c0 = c00 * (1 - fv) + c10 * fv;
        const c1 = c01 * (1 - fv) + c11 * fv;
        out[n] = c0 * (1 - fw) + c1 * fw;
      }
    }
  }
  return out;
}
