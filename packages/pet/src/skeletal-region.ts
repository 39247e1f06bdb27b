/**
 * The skeletal region of a lesion, from the CT bone mask on the PET grid (ct-anatomy.ts), as a location of
 * core's skeletal model (`{ bone, level?, laterality?, part? }`, validated by `resolveLocation`).
 *
 * 1. Bone of the lesion: the bone voxels (HU ≥ boneHu) among the lesion voxels; when there are none, the
 *    bone voxel nearest to any lesion voxel within `maximumDistanceMm` (10 mm: a lytic lesion that replaced
 *    its bone or a soft-tissue mass on a cortex); beyond that, no region.
 * 2. Each of those bone voxels is classified by position; the most frequent class wins:
 *    - in the pelvis (between its lowest and highest slice): sacrum when within `sacralHalfWidthMm` of the
 *      midline and posterior to the middle of the pelvic bone's anteroposterior extent; otherwise pubis in
 *      the anterior quarter of that extent, ilium elsewhere; laterality right when x is below the midline
 *      (DICOM LPS: +x is the patient's left);
 *    - above the pelvis, within `columnHalfWidthMm` of the midline and `columnHalfDepthMm` of the column
 *      centre: a vertebra, its level that of the vertebral body run holding the slice (or the nearest run
 *      when the slice is a disc), counted from the sacrum (ct-anatomy.ts);
 *    - more than 15 mm above the top of the spinal column found on the CT: skull;
 *    - anything else (ribs, sternum, clavicles, limb bones): not classified, since this rule set neither
 *      numbers ribs nor separates the sternum and the limbs; the reason is returned.
 *    The femora are not separated from the os coxae: a femoral lesion within the pelvic slices is called
 *    ilium (the phantom has no femora).
 * 3. Confidence: high when the lesion overlaps bone and the class is unambiguous (≥ 80% of the bone voxels
 *    agree, and for a vertebra the slice lies in a vertebral body run); moderate otherwise; low for a
 *    nearest-bone assignment.
 */
import { resolveLocation, type SkeletalLocation } from '@bonemet/core';
import type { CtAnatomy } from './ct-anatomy.js';

export const skeletalRegionRules = {
  maximumDistanceMm: 10,
  sacralHalfWidthMm: 40,
  columnHalfWidthMm: 30,
  columnHalfDepthMm: 35,
  agreementForHigh: 0.8,
} as const;

export interface SkeletalRegion {
  /** Null when the bone could not be classified (see `reason`). */
  readonly location: SkeletalLocation | null;
  /** Readable form from core's `resolveLocation`, e.g. "L3 vertebra", "right ilium". */
  readonly display: string | null;
  readonly relation: 'overlaps' | 'nearest';
  /** 0 when the lesion overlaps bone; else the distance to the nearest bone voxel centre, mm. */
  readonly distanceMm: number;
  readonly confidence: 'high' | 'moderate' | 'low';
  readonly method: string;
  readonly reason?: string;
}

interface VoxelClass {
  readonly location: SkeletalLocation | null;
  readonly key: string;
  readonly inDisc: boolean;
  readonly reason?: string;
}

function classify(anatomy: CtAnatomy, i: number, j: number, k: number): VoxelClass {
  const x = anatomy.xMm(i, j);
  const y = anatomy.yMm(i, j);
  const z = anatomy.zMm(k);
  const midline = anatomy.midlineXMm ?? 0;
  const laterality = x < midline ? 'right' : 'left';
  const pelvis = anatomy.pelvis;
  const tolerance = 1e-6;
  const skullAboveColumnMm = 15;
  if (pelvis !== null && z >= pelvis.bottomZMm - tolerance && z <= pelvis.topZMm + tolerance) {
    const middleY = (pelvis.anteriorYMm + pelvis.posteriorYMm) / 2;
    if (Math.abs(x - midline) <= skeletalRegionRules.sacralHalfWidthMm && y > middleY) {
      return { location: { bone: 'sacrum' }, key: 'sacrum', inDisc: false };
    }
    const anterior = y < pelvis.anteriorYMm + (pelvis.posteriorYMm - pelvis.anteriorYMm) / 4;
    const bone = anterior ? 'pubis' : 'ilium';
    return { location: { bone, laterality }, key: `${bone}-${laterality}`, inDisc: false };
  }
  const column = anatomy.column;
  const centreY = anatomy.columnCentreYMm;
  const top = column[column.length - 1];
  if (top !== undefined && z > top.topZMm + skullAboveColumnMm) {
    return { location: { bone: 'skull' }, key: 'skull', inDisc: false };
  }
  if (
    centreY !== null &&
    Math.abs(x - midline) <= skeletalRegionRules.columnHalfWidthMm &&
    Math.abs(y - centreY) <= skeletalRegionRules.columnHalfDepthMm
  ) {
    if (column.length === 0) {
      return {
        location: null,
        key: 'vertebra-unknown',
        inDisc: false,
        reason: 'a vertebra, but its level is not counted (no sacrum on the CT)',
      };
    }
    let best = column[0];
    let bestDistance = Infinity;
    for (const segment of column) {
      const distance = z < segment.bottomZMm ? segment.bottomZMm - z : z > segment.topZMm ? z - segment.topZMm : 0;
      if (distance < bestDistance) {
        bestDistance = distance;
        best = segment;
      }
    }
    if (best === undefined) return { location: null, key: 'none', inDisc: false };
    if (best.level === null) return { location: { bone: 'sacrum' }, key: 'sacrum', inDisc: bestDistance > 0 };
    if (top !== undefined && best === top && z > top.topZMm + tolerance && top.level !== 'C1') {
      // Above the highest counted vertebra but not above C1: a vertebra whose body was not seen as a run.
      return {
        location: null,
        key: 'vertebra-above',
        inDisc: true,
        reason: 'above the highest vertebral body found on the CT',
      };
    }
    return {
      location: { bone: 'vertebra', level: best.level },
      key: `vertebra-${best.level}`,
      inDisc: bestDistance > 0,
    };
  }
  return {
    location: null,
    key: 'other',
    inDisc: false,
    reason:
      'bone outside the spinal column, sacrum, pelvis and skull (rib, sternum, clavicle or limb): not classified by this rule set',
  };
}

/** The skeletal region of one lesion (voxel indices on the PET grid, which is the CT grid). */
export function skeletalRegionOfLesion(anatomy: CtAnatomy, lesionVoxels: Uint32Array): SkeletalRegion {
  const spacingMm = anatomy.spacingMm;
  const { bone, dimensions } = anatomy;
  const [nx, ny, nz] = dimensions;
  const perSlice = nx * ny;
  let boneVoxels = Array.from(lesionVoxels).filter((n) => bone[n] !== 0);
  let relation: SkeletalRegion['relation'] = 'overlaps';
  let distanceMm = 0;
  if (boneVoxels.length === 0) {
    relation = 'nearest';
    const [sx, sy, sz] = spacingMm;
    const limit = skeletalRegionRules.maximumDistanceMm;
    const [ri, rj, rk] = [Math.floor(limit / sx), Math.floor(limit / sy), Math.floor(limit / sz)];
    let best = -1;
    let bestDistance = Infinity;
    for (const n of lesionVoxels) {
      const i = n % nx;
      const j = Math.floor(n / nx) % ny;
      const k = Math.floor(n / perSlice);
      for (let dk = -rk; dk <= rk; dk++) {
        const kk = k + dk;
        if (kk < 0 || kk >= nz) continue;
        for (let dj = -rj; dj <= rj; dj++) {
          const jj = j + dj;
          if (jj < 0 || jj >= ny) continue;
          for (let di = -ri; di <= ri; di++) {
            const ii = i + di;
            if (ii < 0 || ii >= nx) continue;
            const m = ii + nx * jj + perSlice * kk;
            if (bone[m] === 0) continue;
            const d = Math.hypot(di * sx, dj * sy, dk * sz);
            if (d < bestDistance) {
              bestDistance = d;
              best = m;
            }
          }
        }
      }
    }
    if (best < 0 || bestDistance > limit) {
      return {
        location: null,
        display: null,
        relation,
        distanceMm: Number.NaN,
        confidence: 'low',
        method: 'no bone voxel in the lesion or within the search distance',
        reason: `no bone (HU ≥ the bone threshold) within ${limit} mm of the lesion`,
      };
    }
    boneVoxels = [best];
    distanceMm = bestDistance;
  }

  const tally = new Map<string, { count: number; cls: VoxelClass }>();
  for (const n of boneVoxels) {
    const i = n % nx;
    const j = Math.floor(n / nx) % ny;
    const k = Math.floor(n / perSlice);
    const cls = classify(anatomy, i, j, k);
    const entry = tally.get(cls.key);
    if (entry === undefined) tally.set(cls.key, { count: 1, cls });
    else entry.count++;
  }
  let winner: { count: number; cls: VoxelClass } | undefined;
  for (const entry of tally.values()) if (winner === undefined || entry.count > winner.count) winner = entry;
  const cls = winner?.cls;
  const agreement = (winner?.count ?? 0) / boneVoxels.length;
  const method =
    relation === 'overlaps'
      ? `${boneVoxels.length} bone voxels in the lesion, ${(agreement * 100).toFixed(0)}% classified alike by position (CT rule set)`
      : `nearest bone voxel ${distanceMm.toFixed(1)} mm from the lesion, classified by position (CT rule set)`;
  if (cls?.location === null || cls === undefined) {
    return {
      location: null,
      display: null,
      relation,
      distanceMm,
      confidence: 'low',
      method,
      reason: cls?.reason ?? 'not classified',
    };
  }
  const resolved = resolveLocation(cls.location);
  const confidence: SkeletalRegion['confidence'] =
    relation === 'nearest'
      ? 'low'
      : agreement >= skeletalRegionRules.agreementForHigh && !cls.inDisc
        ? 'high'
        : 'moderate';
  return { location: resolved.location, display: resolved.display, relation, distanceMm, confidence, method };
}
