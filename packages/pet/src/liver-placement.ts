/**
 * Automatic placement of the 3 cm liver sphere from the PET alone (no CT, no organ segmentation).
 *
 * Method:
 * 1. Body midline: the mean patient x (LPS, mm; x increases to the patient's left) of the voxels with
 *    SUVbw ≥ 0.3 (tissue, not air).
 * 2. Candidate centres on a 10 mm lattice (at least one voxel) where the whole sphere fits in the image
 *    and the centre lies at least 30 mm to the patient's right of the midline: the right lobe is lateral,
 *    which keeps the sphere off the spine, the aorta and most of the heart.
 * 3. Quick rejection: the centre voxel and the six voxels 10 mm away along each axis must have SUVbw in
 *    the physiological liver range (see `liverUsabilitySchema`).
 * 4. For the remaining centres the full sphere is measured; among those with a mean in range and a
 *    coefficient of variation within the limit, the highest mean wins (ties: the lower coefficient of
 *    variation). On the right side the liver is the homogeneous region of highest uptake: muscle and
 *    subcutaneous tissue are homogeneous too but lower, and a noise-free background would otherwise win on
 *    uniformity alone; the kidney and urine are hotter but far from homogeneous at 3 cm.
 *
 * Limits: it does not find "midway between dome and inferior margin" (PERCIST) and does not avoid ducts
 * and vessels explicitly; it fails or picks another organ when the liver is diffusely involved, resected
 * or outside the field of view, in situs inversus, or when another right-sided region is more homogeneous
 * in range (e.g. a large homogeneous right-sided mass). The chosen centre is returned and must be checked
 * on the images. With a CT on the PET grid, `liver-placement-ct.ts` first restricts the candidate centres
 * to the liver found on the CT and then applies steps 2–4 within it; this PET-only method is the fallback
 * when the CT rule finds no liver.
 */
import { gridIndexToMm, type Triple } from '@bonemet/imaging';
import type { LiverUsability } from './liver-usability.js';
import type { PetImage } from './pet-image.js';
import { liverReferenceAt, liverSphereDiameterMm, type ReferenceRegion } from './reference-region.js';

export const liverSearch = {
  bodySuvbw: 0.3,
  latticeMm: 10,
  minimumRightOfMidlineMm: 30,
  probeDistanceMm: 10,
} as const;

export interface LiverPlacement {
  readonly region: ReferenceRegion;
  /** Centres whose full sphere was measured. */
  readonly candidatesMeasured: number;
  readonly midlineXMm: number;
}

/** x (LPS) of voxel (i, j, k). */
function xMm(image: PetImage, i: number, j: number, k: number): number {
  const [di, dj, dk] = image.directions;
  const [sx, sy, sz] = image.spacingMm;
  return image.originMm[0] + i * sx * di[0] + j * sy * dj[0] + k * sz * dk[0];
}

/**
 * The best sphere by the method above, or null when no candidate qualifies. `allowedCentre(n)`, when
 * given, further restricts the candidate centres (linear voxel index) and `placement` names the method.
 */
export function findLiverSphere(
  image: PetImage,
  limits: LiverUsability,
  allowedCentre?: (n: number) => boolean,
  placement: ReferenceRegion['placement'] = 'automatic-from-pet',
): LiverPlacement | null {
  const [nx, ny, nz] = image.dimensions;
  const values = image.voxels;
  let bodyX = 0;
  let bodyCount = 0;
  // xMm(i, j, k) term by term, in the same order of additions (so the same rounding), without a call per voxel.
  const [di, dj, dk] = image.directions;
  const [sx, sy, sz] = image.spacingMm;
  const xOfI = Float64Array.from({ length: nx }, (_, i) => image.originMm[0] + i * sx * di[0]);
  for (let k = 0, n = 0; k < nz; k++) {
    const xOfK = k * sz * dk[0];
    for (let j = 0; j < ny; j++) {
      const xOfJ = j * sy * dj[0];
      for (let i = 0; i < nx; i++, n++)
        if ((values[n] ?? 0) >= liverSearch.bodySuvbw) {
          bodyX += (xOfI[i] ?? 0) + xOfJ + xOfK;
          bodyCount++;
        }
    }
  }
  if (bodyCount === 0) return null;
  const midlineXMm = bodyX / bodyCount;

  const radius = liverSphereDiameterMm / 2;
  const step = image.spacingMm.map((s) => Math.max(1, Math.round(liverSearch.latticeMm / s)));
  const margin = image.spacingMm.map((s) => Math.ceil(radius / s));
  const probe = image.spacingMm.map((s) => Math.max(1, Math.round(liverSearch.probeDistanceMm / s)));
  const [pi, pj, pk] = [probe[0] ?? 1, (probe[1] ?? 1) * nx, (probe[2] ?? 1) * nx * ny];
  const inRange = (n: number): boolean => {
    const v = values[n] ?? Number.NaN;
    return v >= limits.minimumMeanSuvbw && v <= limits.maximumMeanSuvbw;
  };

  let best: ReferenceRegion | null = null;
  let measured = 0;
  for (let k = margin[2] ?? 0; k < nz - (margin[2] ?? 0); k += step[2] ?? 1) {
    for (let j = margin[1] ?? 0; j < ny - (margin[1] ?? 0); j += step[1] ?? 1) {
      for (let i = margin[0] ?? 0; i < nx - (margin[0] ?? 0); i += step[0] ?? 1) {
        if (xMm(image, i, j, k) > midlineXMm - liverSearch.minimumRightOfMidlineMm) continue;
        const n = i + nx * (j + ny * k);
        if (allowedCentre !== undefined && !allowedCentre(n)) continue;
        if (!(inRange(n) && inRange(n - pi) && inRange(n + pi) && inRange(n - pj) && inRange(n + pj))) continue;
        if (!(inRange(n - pk) && inRange(n + pk))) continue;
        const centreMm: Triple = gridIndexToMm(image, [i, j, k]);
        const region = liverReferenceAt(image, centreMm, placement);
        measured++;
        if (region.suvbwMean < limits.minimumMeanSuvbw || region.suvbwMean > limits.maximumMeanSuvbw) continue;
        if (region.coefficientOfVariation > limits.maximumCoefficientOfVariation) continue;
        if (best === null || isBetterLiverCandidate(region, best)) best = region;
      }
    }
  }
  return best === null ? null : { region: best, candidatesMeasured: measured, midlineXMm };
}

/** Higher mean first; equal means (to 0.001 SUVbw) are decided by the lower coefficient of variation. */
function isBetterLiverCandidate(candidate: ReferenceRegion, best: ReferenceRegion): boolean {
  const difference = candidate.suvbwMean - best.suvbwMean;
  if (Math.abs(difference) > 1e-3) return difference > 0;
  return candidate.coefficientOfVariation < best.coefficientOfVariation;
}
