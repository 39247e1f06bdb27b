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
import { gridIndexToMm, mean, standardDeviation, type Triple } from '@bonemet/imaging';
import type { LiverUsability } from './liver-usability.js';
import type { PetImage } from './pet-image.js';
import {
  liverReferenceAt,
  liverSphereDiameterMm,
  minimumReferenceVoxels,
  type ReferenceRegion,
} from './reference-region.js';

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
 * Linear offsets of the 3 cm sphere's voxels around a voxel centre, in the raster order (k, then j, then
 * i) and with the membership test of `liverSphereVoxels` (voxel centres within 15 mm, relative tolerance
 * 1e-9): the same voxels in the same order, so the mean and SD computed over them are bit for bit those
 * of `liverReferenceAt` at that centre, without its per-sphere allocations and geometry.
 */
function liverSphereOffsets(image: PetImage): Int32Array {
  const [nx, ny] = image.dimensions;
  const [sx, sy, sz] = image.spacingMm;
  const r = liverSphereDiameterMm / 2;
  const r2 = r * r * (1 + 1e-9);
  const [ri, rj, rk] = [Math.floor(r / sx) + 1, Math.floor(r / sy) + 1, Math.floor(r / sz) + 1];
  const offsets: number[] = [];
  for (let dk = -rk; dk <= rk; dk++)
    for (let dj = -rj; dj <= rj; dj++)
      for (let di = -ri; di <= ri; di++) {
        const a = di * sx;
        const b = dj * sy;
        const c = dk * sz;
        if (a * a + b * b + c * c <= r2) offsets.push(di + nx * (dj + ny * dk));
      }
  return Int32Array.from(offsets);
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

  // Each candidate's sphere is measured over the precomputed offsets (the centre is a voxel centre and the
  // sphere fits, so no bounds checks); only the winner is measured again as a full reference region.
  const offsets = liverSphereOffsets(image);
  const sphereValues = new Float64Array(offsets.length);
  let best: { index: Triple; mean: number; coefficientOfVariation: number } | null = null;
  let measured = 0;
  for (let k = margin[2] ?? 0; k < nz - (margin[2] ?? 0); k += step[2] ?? 1) {
    for (let j = margin[1] ?? 0; j < ny - (margin[1] ?? 0); j += step[1] ?? 1) {
      for (let i = margin[0] ?? 0; i < nx - (margin[0] ?? 0); i += step[0] ?? 1) {
        if (xMm(image, i, j, k) > midlineXMm - liverSearch.minimumRightOfMidlineMm) continue;
        const n = i + nx * (j + ny * k);
        if (allowedCentre !== undefined && !allowedCentre(n)) continue;
        if (!(inRange(n) && inRange(n - pi) && inRange(n + pi) && inRange(n - pj) && inRange(n + pj))) continue;
        if (!(inRange(n - pk) && inRange(n + pk))) continue;
        // Too coarse a grid for a reference sphere: the full measurement gives its typed error.
        if (offsets.length < minimumReferenceVoxels)
          liverReferenceAt(image, gridIndexToMm(image, [i, j, k]), placement);
        for (let q = 0; q < offsets.length; q++) sphereValues[q] = values[n + (offsets[q] ?? 0)] ?? Number.NaN;
        const sphereMean = mean(sphereValues);
        const coefficientOfVariation = standardDeviation(sphereValues, 'sample') / sphereMean;
        measured++;
        if (sphereMean < limits.minimumMeanSuvbw || sphereMean > limits.maximumMeanSuvbw) continue;
        if (coefficientOfVariation > limits.maximumCoefficientOfVariation) continue;
        const candidate = { index: [i, j, k] as Triple, mean: sphereMean, coefficientOfVariation };
        if (best === null || isBetterLiverCandidate(candidate, best)) best = candidate;
      }
    }
  }
  if (best === null) return null;
  const region = liverReferenceAt(image, gridIndexToMm(image, best.index), placement);
  return { region, candidatesMeasured: measured, midlineXMm };
}

interface LiverCandidate {
  readonly mean: number;
  readonly coefficientOfVariation: number;
}

/** Higher mean first; equal means (to 0.001 SUVbw) are decided by the lower coefficient of variation. */
function isBetterLiverCandidate(candidate: LiverCandidate, best: LiverCandidate): boolean {
  const difference = candidate.mean - best.mean;
  if (Math.abs(difference) > 1e-3) return difference > 0;
  return candidate.coefficientOfVariation < best.coefficientOfVariation;
}
