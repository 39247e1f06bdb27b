/**
 * Mean over a voxel-centre sphere at a centre voxel, the neighbourhood taken from the whole image (not
 * from a mask). At the image border the sphere is clipped: offsets that fall outside the image are left
 * out and the mean is taken over the voxels that exist (their number is returned). This is how the IBSI
 * digital phantom's local and global intensity peaks (2.6 and 3.1) are reached.
 */
import { BonemetError } from '@bonemet/core';
import type { SphereOffsets } from './sphere-offsets.js';
import { validateVolume, voxelOfIndex, type ScalarVolume, type Triple } from './volume.js';

export interface SphereMean {
  readonly mean: number;
  /** Voxels averaged: the sphere's count, less any outside the image. */
  readonly voxelCount: number;
}

export interface SphereMeans {
  readonly means: Float64Array;
  readonly voxelCounts: Uint32Array;
}

function checkSphereFits(volume: ScalarVolume, sphere: SphereOffsets): void {
  const same = sphere.spacingMm.every((s, axis) => Math.abs(s - (volume.spacingMm[axis] ?? Number.NaN)) <= 1e-6 * s);
  if (!same) {
    throw new BonemetError(
      'invalid_input',
      `the sphere was built for spacing ${sphere.spacingMm.join('×')} mm, the image has ${volume.spacingMm.join('×')} mm`,
      { issues: [{ path: ['sphere', 'spacingMm'], message: 'build the sphere with the image spacing' }] },
    );
  }
}

/** Sphere means at many centres (linear indices), clipped at the border as described above. */
export function sphereMeansAt(volume: ScalarVolume, sphere: SphereOffsets, centres: Uint32Array): SphereMeans {
  validateVolume(volume, 'image');
  checkSphereFits(volume, sphere);
  const [nx, ny, nz] = volume.dimensions;
  const { di, dj, dk, count } = sphere;
  const values = volume.voxels;
  const linear = new Int32Array(count);
  let ri = 0;
  let rj = 0;
  let rk = 0;
  for (let q = 0; q < count; q++) {
    const a = di[q] ?? 0;
    const b = dj[q] ?? 0;
    const c = dk[q] ?? 0;
    linear[q] = a + nx * (b + ny * c);
    ri = Math.max(ri, Math.abs(a));
    rj = Math.max(rj, Math.abs(b));
    rk = Math.max(rk, Math.abs(c));
  }
  const means = new Float64Array(centres.length);
  const voxelCounts = new Uint32Array(centres.length);
  for (let m = 0; m < centres.length; m++) {
    const n = centres[m] ?? 0;
    if (n >= values.length) {
      throw new BonemetError('invalid_input', `centre index ${n} is outside the image`, {
        issues: [{ path: ['centres', m], message: 'outside the image' }],
      });
    }
    const [i, j, k] = voxelOfIndex(volume.dimensions, n);
    let sum = 0;
    let used = 0;
    if (i >= ri && j >= rj && k >= rk && i + ri < nx && j + rj < ny && k + rk < nz) {
      // Whole sphere inside: linear offsets, no bounds checks.
      for (let q = 0; q < count; q++) sum += values[n + (linear[q] ?? 0)] ?? 0;
      used = count;
    } else {
      for (let q = 0; q < count; q++) {
        const ii = i + (di[q] ?? 0);
        const jj = j + (dj[q] ?? 0);
        const kk = k + (dk[q] ?? 0);
        if (ii < 0 || jj < 0 || kk < 0 || ii >= nx || jj >= ny || kk >= nz) continue;
        sum += values[n + (linear[q] ?? 0)] ?? 0;
        used++;
      }
    }
    means[m] = sum / used;
    voxelCounts[m] = used;
  }
  return { means, voxelCounts };
}

/** Sphere mean at voxel (i, j, k); `invalid_input` when the centre is outside the image. */
export function sphereMean(volume: ScalarVolume, sphere: SphereOffsets, centre: Triple): SphereMean {
  const [nx, ny, nz] = volume.dimensions;
  const [i, j, k] = centre;
  if (![i, j, k].every(Number.isInteger) || i < 0 || j < 0 || k < 0 || i >= nx || j >= ny || k >= nz) {
    throw new BonemetError('invalid_input', `centre (${centre.join(', ')}) is outside the ${nx}×${ny}×${nz} image`, {
      issues: [{ path: ['centre'], message: 'expected integer voxel indices inside the image' }],
    });
  }
  const { means, voxelCounts } = sphereMeansAt(volume, sphere, Uint32Array.of(i + nx * (j + ny * k)));
  return { mean: means[0] ?? Number.NaN, voxelCount: voxelCounts[0] ?? 0 };
}
