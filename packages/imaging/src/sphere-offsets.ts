/** The voxel-centre sphere: offsets of every voxel whose centre lies within a radius, on any spacing. */
import { BonemetError } from '@bonemet/core';
import type { VoxelOffsets } from './structuring-element.js';
import type { Triple } from './volume.js';

export interface SphereOffsets extends VoxelOffsets {
  readonly radiusMm: number;
  readonly spacingMm: Triple;
  /** count × voxel volume, ml: the volume the discrete sphere really covers. */
  readonly volumeMl: number;
}

/**
 * Offsets (di, dj, dk) with (di·sx)² + (dj·sy)² + (dk·sz)² ≤ r² (a centre exactly on the surface is
 * inside; a relative 1e-9 tolerance absorbs rounding of the radius). Works on anisotropic spacing:
 * membership is decided in mm, never by rounding the radius to whole voxels.
 */
export function sphereOffsets(radiusMm: number, spacingMm: Triple): SphereOffsets {
  if (!Number.isFinite(radiusMm) || radiusMm < 0) {
    throw new BonemetError('invalid_input', `sphere radius ${radiusMm} mm is not a finite number ≥ 0`, {
      issues: [{ path: ['radiusMm'], message: 'expected a finite number ≥ 0' }],
    });
  }
  spacingMm.forEach((s, axis) => {
    if (!Number.isFinite(s) || s <= 0) {
      throw new BonemetError('invalid_input', `spacing ${axis} is ${s} mm`, {
        issues: [{ path: ['spacingMm', axis], message: 'expected a positive finite number' }],
      });
    }
  });
  const [sx, sy, sz] = spacingMm;
  const limit = radiusMm * radiusMm * (1 + 1e-9);
  const ri = Math.floor(radiusMm / sx);
  const rj = Math.floor(radiusMm / sy);
  const rk = Math.floor(radiusMm / sz);
  const di: number[] = [];
  const dj: number[] = [];
  const dk: number[] = [];
  for (let k = -rk; k <= rk; k++) {
    for (let j = -rj; j <= rj; j++) {
      for (let i = -ri; i <= ri; i++) {
        const d2 = (i * sx) ** 2 + (j * sy) ** 2 + (k * sz) ** 2;
        if (d2 <= limit) {
          di.push(i);
          dj.push(j);
          dk.push(k);
        }
      }
    }
  }
  return {
    radiusMm,
    spacingMm,
    count: di.length,
    di: Int32Array.from(di),
    dj: Int32Array.from(dj),
    dk: Int32Array.from(dk),
    volumeMl: (di.length * sx * sy * sz) / 1000,
  };
}
