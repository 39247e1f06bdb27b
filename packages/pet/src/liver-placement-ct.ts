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
import { labelConnectedComponents, sphereOffsets } from '@bonemet/imaging';
import type { CtAnatomy } from './ct-anatomy.js';
import { findLiverSphere, liverSearch, type LiverPlacement } from './liver-placement.js';
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

/** The liver region on the CT (allowed sphere centres), or a reason why there is none. */
export function ctLiverRegion(ct: CtImage, anatomy: CtAnatomy): { mask: Uint8Array; count: number } | string {
  const midline = anatomy.midlineXMm;
  const base = anatomy.rightLungBaseZMm;
  if (midline === null || base === null) return 'no right lung on the CT to find the right upper abdomen';
  const [nx, ny, nz] = ct.dimensions;
  const perSlice = nx * ny;
  const hu = ct.voxels;
  const soft = (n: number): boolean => {
    const value = hu[n] ?? Number.NaN;
    return (
      anatomy.body[n] !== 0 && value >= ctLiverRule.softTissueMinimumHu && value <= ctLiverRule.softTissueMaximumHu
    );
  };
  const ball = sphereOffsets(liverSphereDiameterMm / 2 + ctLiverRule.marginMm, ct.spacingMm);
  const candidates = new Uint8Array(hu.length);
  let any = false;
  for (let k = 0; k < nz; k++) {
    const z = anatomy.zMm(k);
    if (z < base - ctLiverRule.belowLungBaseMm || z > base + ctLiverRule.aboveLungBaseMm) continue;
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++) {
        if (anatomy.xMm(i, j) > midline - liverSearch.minimumRightOfMidlineMm) continue;
        const n = i + nx * j + perSlice * k;
        if (!soft(n)) continue;
        let fits = true;
        for (let q = 0; q < ball.count && fits; q++) {
          const ii = i + (ball.di[q] ?? 0);
          const jj = j + (ball.dj[q] ?? 0);
          const kk = k + (ball.dk[q] ?? 0);
          fits = ii >= 0 && jj >= 0 && kk >= 0 && ii < nx && jj < ny && kk < nz && soft(ii + nx * jj + perSlice * kk);
        }
        if (fits) {
          candidates[n] = 1;
          any = true;
        }
      }
  }
  if (!any) return 'no soft tissue on the CT with room for the sphere in the right upper abdomen under the lung base';
  const components = labelConnectedComponents(candidates, ct.dimensions, 26);
  const sizes = new Uint32Array(components.count + 1);
  for (const label of components.labels) if (label !== 0) sizes[label] = (sizes[label] ?? 0) + 1;
  let largest = 1;
  for (let c = 2; c <= components.count; c++) if ((sizes[c] ?? 0) > (sizes[largest] ?? 0)) largest = c;
  const mask = new Uint8Array(hu.length);
  for (let n = 0; n < mask.length; n++) if (components.labels[n] === largest) mask[n] = 1;
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
