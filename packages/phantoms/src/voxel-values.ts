/** Voxel values shared by the PET/CT phantoms: partial volume at a sphere's edge, PET and CT noise. */
import type { Dimensions3 } from './gaussian-blur.js';
import type { SeededRandom } from './seeded-random.js';

/**
 * The fraction of a voxel inside a sphere of `radiusMm`, the voxel centre at (dx, dy, dz) mm from the sphere
 * centre: the share of `subSamples`³ sub-voxel centres (a regular grid over the voxel) inside the sphere.
 */
export function sphereVoxelFraction(
  dx: number,
  dy: number,
  dz: number,
  spacingMm: Dimensions3,
  radiusMm: number,
  subSamples: number,
): number {
  const [sx, sy, sz] = spacingMm;
  let inside = 0;
  for (let a = 0; a < subSamples; a++)
    for (let b = 0; b < subSamples; b++)
      for (let c = 0; c < subSamples; c++) {
        const px = dx + ((a + 0.5) / subSamples - 0.5) * sx;
        const py = dy + ((b + 0.5) / subSamples - 0.5) * sy;
        const pz = dz + ((c + 0.5) / subSamples - 0.5) * sz;
        if (px * px + py * py + pz * pz <= radiusMm * radiusMm) inside++;
      }
  return inside / subSamples ** 3;
}

/**
 * Adds PET noise in place: a normal deviate of SD `noiseCv`·√(value·background) per voxel, so the variance
 * grows with the activity and the coefficient of variation is `noiseCv` in the background; clamped at 0.
 */
export function addPetNoise(pet: Float32Array, noiseCv: number, backgroundBqMl: number, random: SeededRandom): void {
  for (let n = 0; n < pet.length; n++) {
    const value = pet[n] ?? 0;
    const sd = noiseCv * Math.sqrt(Math.max(0, value) * backgroundBqMl);
    pet[n] = Math.max(0, value + sd * random.normal());
  }
}

/** CT numbers as stored: plus normal noise of SD `noiseSdHu` (none at 0), rounded, clamped to −1024…3071 HU. */
export function storedCtHu(ct: Float32Array, noiseSdHu: number, random: SeededRandom): Int16Array {
  const stored = new Int16Array(ct.length);
  for (let n = 0; n < ct.length; n++) {
    const noisy = (ct[n] ?? 0) + (noiseSdHu > 0 ? noiseSdHu * random.normal() : 0);
    stored[n] = Math.max(-1024, Math.min(3071, Math.round(noisy)));
  }
  return stored;
}
