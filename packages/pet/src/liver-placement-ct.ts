/**
 * CT-guided placement of the 3 cm liver sphere (PERCIST: right hepatic lobe, Wahl 2009), a project rule:
 * 1. Soft tissue: body voxels with 0 ≤ HU ≤ 100 (unenhanced liver is about 50–65 HU; fat, lung and bone
 *    fall outside).
 * 2. Room for the sphere: centres whose ball of radius 15 mm + 5 mm margin is all soft tissue (an erosion
 *    by that ball), so the sphere stays off vessels with fat around them, the lung, the ribs and the
 *    body wall.
 * 3. Position: at least 30 mm to the patient's right of the midline (−x in DICOM LPS) and from 100 mm
 *    below to 50 mm above the base of the right lung (ct-anatomy.ts): the right upper abdomen directly
 *    under the right hemidiaphragm, where the liver dome rises into the lung base; an adult liver is about
 *    15 cm high, so the window covers its upper two thirds, where PERCIST's "midway between dome and
 *    inferior margin" lies. Soft tissue elsewhere on the CT is not a candidate even when it touches the
 *    liver (unenhanced CT does not separate liver from adjacent muscle or bowel reliably).
 * 4. The largest 26-connected region of those centres is the liver.
 * The sphere is then chosen within that region by the PET method (liver-placement.ts: homogeneous,
 * in range, highest mean). Without a right lung on the CT, or when no centre is left, the PET-only method
 * is used and the notes say why.
 */
import { sphereOffsets, type Triple } from '@bonemet/imaging';
import type { CtAnatomy } from './ct-anatomy.js';
import { findLiverSphere, liverSearch, type LiverPlacement } from './liver-placement.js';
import { BoxTracker, labelWithinBox } from './mask-operations.js';
import type { LiverUsability } from './liver-usability.js';
import type { CtImage } from './osseous.js';
import type { PetImage } from './pet-image.js';
import { liverSphereDiameterMm } from './reference-region.js';

export const ctLiverRule = {
  softTissueMinimumHu: 0,
  softTissueMaximumHu: 100,
  marginMm: 5,
  belowLungBaseMm: 100,
  aboveLungBaseMm: 50,
} as const;

export interface CtLiverPlacement {
  readonly placement: LiverPlacement | null;
  /** Voxels in the liver region found on the CT (0 when none). */
  readonly regionVoxelCount: number;
  readonly notes: readonly string[];
}

/** Offsets of a ball as rows along i: for each (dj, dk), the segment of di from `lo` to `hi`. */
function ballRows(
  radiusMm: number,
  spacingMm: Triple,
): { dj: Int32Array; dk: Int32Array; lo: Int32Array; hi: Int32Array } {
  const ball = sphereOffsets(radiusMm, spacingMm);
  const rows = new Map<string, { dj: number; dk: number; lo: number; hi: number }>();
  for (let q = 0; q < ball.count; q++) {
    const di = ball.di[q] ?? 0;
    const dj = ball.dj[q] ?? 0;
    const dk = ball.dk[q] ?? 0;
    const key = `${dj},${dk}`;
    const row = rows.get(key);
    if (row === undefined) rows.set(key, { dj, dk, lo: di, hi: di });
    else {
      row.lo = Math.min(row.lo, di);
      row.hi = Math.max(row.hi, di);
    }
  }
  // The central rows first: a voxel near the edge of the soft tissue fails there soonest.
  const list = [...rows.values()].sort((a, b) => Math.abs(a.dj) + Math.abs(a.dk) - (Math.abs(b.dj) + Math.abs(b.dk)));
  return {
    dj: Int32Array.from(list, (r) => r.dj),
    dk: Int32Array.from(list, (r) => r.dk),
    lo: Int32Array.from(list, (r) => r.lo),
    hi: Int32Array.from(list, (r) => r.hi),
  };
}

/**
 * The liver region on the CT (allowed sphere centres), or a reason why there is none. The erosion by the
 * ball is computed row by row: a ball is convex, so its offsets with the same (dj, dk) form one segment of
 * di, and the ball fits when, for every such segment, the run of soft-tissue voxels along i starting at
 * the segment's first voxel is at least as long as the segment (voxels outside the image are not soft).
 */
export function ctLiverRegion(ct: CtImage, anatomy: CtAnatomy): { mask: Uint8Array; count: number } | string {
  const midline = anatomy.midlineXMm;
  const base = anatomy.rightLungBaseZMm;
  if (midline === null || base === null) return 'no right lung on the CT to find the right upper abdomen';
  const [nx, ny, nz] = ct.dimensions;
  const perSlice = nx * ny;
  const hu = ct.voxels;
  const body = anatomy.body;
  const rows = ballRows(liverSphereDiameterMm / 2 + ctLiverRule.marginMm, ct.spacingMm);
  let reachK = 0;
  for (const dk of rows.dk) reachK = Math.max(reachK, Math.abs(dk));

  // Slices of the window under the lung base, and the centres on the patient right (same in every slice).
  const inWindow = new Uint8Array(nz);
  let firstK = nz;
  let lastK = -1;
  for (let k = 0; k < nz; k++) {
    const z = anatomy.zMm(k);
    if (z < base - ctLiverRule.belowLungBaseMm || z > base + ctLiverRule.aboveLungBaseMm) continue;
    inWindow[k] = 1;
    firstK = Math.min(firstK, k);
    lastK = Math.max(lastK, k);
  }
  const onRight = new Uint8Array(perSlice);
  for (let j = 0, p = 0; j < ny; j++)
    for (let i = 0; i < nx; i++, p++)
      if (!(anatomy.xMm(i, j) > midline - liverSearch.minimumRightOfMidlineMm)) onRight[p] = 1;

  const candidates = new Uint8Array(hu.length);
  const box = new BoxTracker();
  if (lastK >= 0) {
    // Soft-tissue runs along +i, on the slab of the window widened by the ball's reach.
    const slabFirst = Math.max(0, firstK - reachK);
    const slabLast = Math.min(nz - 1, lastK + reachK);
    const slabOffset = slabFirst * perSlice;
    const run = new Uint16Array((slabLast - slabFirst + 1) * perSlice);
    for (let k = slabFirst; k <= slabLast; k++)
      for (let j = 0; j < ny; j++) {
        const row = nx * j + perSlice * k;
        let length = 0;
        for (let i = nx - 1; i >= 0; i--) {
          const n = row + i;
          const value = hu[n] ?? Number.NaN;
          const soft =
            body[n] !== 0 && value >= ctLiverRule.softTissueMinimumHu && value <= ctLiverRule.softTissueMaximumHu;
          length = soft ? Math.min(length + 1, 65535) : 0; // a run longer than any ball row is as good
          run[n - slabOffset] = length;
        }
      }
    const rowCount = rows.dj.length;
    for (let k = firstK; k <= lastK; k++) {
      if (inWindow[k] !== 1) continue;
      for (let j = 0, p = 0; j < ny; j++)
        for (let i = 0; i < nx; i++, p++) {
          if (onRight[p] !== 1) continue;
          const n = p + perSlice * k;
          if ((run[n - slabOffset] ?? 0) === 0) continue;
          let fits = true;
          for (let r = 0; r < rowCount && fits; r++) {
            const jj = j + (rows.dj[r] ?? 0);
            const kk = k + (rows.dk[r] ?? 0);
            const lo = i + (rows.lo[r] ?? 0);
            const hi = i + (rows.hi[r] ?? 0);
            fits =
              jj >= 0 &&
              kk >= 0 &&
              jj < ny &&
              kk < nz &&
              lo >= 0 &&
              hi < nx &&
              (run[lo + nx * jj + perSlice * kk - slabOffset] ?? 0) >= hi - lo + 1;
          }
          if (fits) {
            candidates[n] = 1;
            box.add(i, j, k);
          }
        }
    }
  }
  const bounds = box.box();
  if (bounds === null) {
    return 'no soft tissue on the CT with room for the sphere in the right upper abdomen under the lung base';
  }
  const components = labelWithinBox(candidates, ct.dimensions, bounds, 26);
  const sizes = components.sizes;
  let largest = 1;
  for (let c = 2; c <= components.count; c++) if ((sizes[c] ?? 0) > (sizes[largest] ?? 0)) largest = c;
  // The candidates array becomes the mask of the largest region.
  const mask = candidates.fill(0);
  const [bx, by, bz] = components.boxDimensions;
  const [loI, loJ, loK] = bounds.lo;
  for (let k = 0, b = 0; k < bz; k++)
    for (let j = 0; j < by; j++) {
      const row = loI + nx * (loJ + j + ny * (loK + k));
      for (let i = 0; i < bx; i++, b++) if (components.labels[b] === largest) mask[row + i] = 1;
    }
  return { mask, count: sizes[largest] ?? 0 };
}

/** The CT-guided sphere, or the reason it could not be placed (the caller then falls back to the PET). */
export function findLiverSphereWithCt(
  pet: PetImage,
  ct: CtImage,
  anatomy: CtAnatomy,
  limits: LiverUsability,
): CtLiverPlacement {
  const region = ctLiverRegion(ct, anatomy);
  if (typeof region === 'string') return { placement: null, regionVoxelCount: 0, notes: [region] };
  const placement = findLiverSphere(pet, limits, (n) => region.mask[n] === 1, 'automatic-from-ct');
  return {
    placement,
    regionVoxelCount: region.count,
    notes:
      placement === null
        ? [
            `the liver region on the CT (${region.count} voxels) holds no sphere with a homogeneous PET uptake in the liver range`,
          ]
        : [],
  };
}
