/**
 * Physiological uptake exclusion.
 *
 * Given organs: a region is excluded when it shares a voxel with a given organ mask, or when it has a
 * voxel whose centre lies within `radiusMm` (default 15 mm) of a given organ centre.
 *
 * Automatic, with a CT on the PET grid (`automaticExclusion`, project rules on the landmarks of
 * ct-anatomy.ts; FDG is excreted in urine and taken up avidly by the brain, Engel 1996, Shreve 1999):
 * - never for a region with a voxel in the CT bone mask (HU ≥ boneHu): in a bone-metastasis tool a lesion
 *   on bone next to the bladder or a kidney must be listed, even at the price of listing some urine with
 *   it (a consequence: on a blurred PET whose brain region spills into skull voxels, the brain is kept);
 * - urinary bladder: centroid within the pelvis (between its lowest and highest slice), within 40 mm of
 *   the midline, anterior to the spinal column centre; volume ≤ 1000 ml; SUVmax ≥ 4 (urine is far hotter
 *   than the liver); one bladder: only the largest region that matches;
 * - kidneys (renal parenchyma and collecting systems): centroid 30–130 mm from the midline, within 60 mm
 *   anteroposterior of the spinal column centre, between the bottom of L5 and the top of T11 (levels
 *   counted on the CT; from the bottom of L5, for low-lying kidneys); volume ≤ 400 ml; and paired: another matching region on the other side of the
 *   midline at the mirrored place (x mirrored within 20 mm, y within 20 mm, z within 40 mm), each the
 *   other's closest such match, as the two collecting systems are; a single kidney's urine is therefore listed, not excluded (the safe error);
 * - brain: centroid above the top of the spinal column found on the CT and enclosed by bone in its slice
 *   (bone within 120 mm to the left, right, front and back: the skull); volume ≥ 20 ml.
 * A soft-tissue metastasis or node in one of those places (an adrenal or retroperitoneal mass, a brain
 * metastasis) is excluded too: the excluded regions are listed with the organ and rule for review.
 * Without a CT nothing is excluded automatically: on the PET alone a sacral or lumbar metastasis cannot
 * be told from the bladder or a kidney, and dropping a metastasis is the worse error.
 */
import { BonemetError } from '@bonemet/core';
import { gridMmToIndex, validateMask, type Triple, type VoxelMask } from '@bonemet/imaging';
import type { CtAnatomy } from './ct-anatomy.js';
import type { PetImage } from './pet-image.js';

export type PhysiologicalOrgan = 'brain' | 'kidney' | 'bladder' | 'heart' | 'ureter' | 'other';

export interface PhysiologicalRegion {
  readonly organ: PhysiologicalOrgan;
  /** A mask on the PET grid (non-zero = organ). */
  readonly mask?: VoxelMask;
  /** A point in the organ, patient mm (LPS). */
  readonly centreMm?: Triple;
  /** Distance from `centreMm` within which a region voxel excludes the region, mm. */
  readonly radiusMm?: number;
}

export const defaultExclusionRadiusMm = 15;

/** Why a region was excluded. */
export interface ExclusionMatch {
  readonly organ: PhysiologicalOrgan;
  readonly rule: string;
}

/** A test "does this region touch organ n?" per given organ. */
export type ExclusionTest = (regionVoxels: Uint32Array) => ExclusionMatch | null;

/** Builds the exclusion test; refuses a mask off the grid or a centre outside the image. */
export function physiologicalExclusionTest(image: PetImage, regions: readonly PhysiologicalRegion[]): ExclusionTest {
  const [nx, ny] = image.dimensions;
  const [sx, sy, sz] = image.spacingMm;
  const tests = regions.map((region, index) => {
    if (region.mask === undefined && region.centreMm === undefined) {
      throw new BonemetError('invalid_input', `physiological region ${index} has neither a mask nor a centre`, {
        issues: [{ path: ['physiological', index], message: 'give mask or centreMm' }],
      });
    }
    if (region.mask !== undefined) validateMask(region.mask, image, `physiological[${index}].mask`);
    let centre: Triple | null = null;
    if (region.centreMm !== undefined) {
      centre = gridMmToIndex(image, region.centreMm);
      if (centre.some((v, axis) => !(v >= -0.5 && v <= (image.dimensions[axis] ?? 0) - 0.5))) {
        throw new BonemetError('invalid_input', `physiological region ${index}: the centre is outside the image`, {
          issues: [{ path: ['physiological', index, 'centreMm'], message: 'outside the image' }],
        });
      }
    }
    const radius = region.radiusMm ?? defaultExclusionRadiusMm;
    const r2 = radius * radius;
    return (n: number): boolean => {
      if (region.mask !== undefined && region.mask[n] !== 0) return true;
      if (centre === null) return false;
      const i = n % nx;
      const j = ((n - i) / nx) % ny;
      const k = (n - i - nx * j) / (nx * ny);
      return ((i - centre[0]) * sx) ** 2 + ((j - centre[1]) * sy) ** 2 + ((k - centre[2]) * sz) ** 2 <= r2;
    };
  });
  return (regionVoxels) => {
    for (let t = 0; t < tests.length; t++) {
      const test = tests[t];
      const region = regions[t];
      if (test === undefined || region === undefined) continue;
      for (const n of regionVoxels) {
        if (!test(n)) continue;
        const rule =
          region.mask !== undefined && region.mask[n] !== 0
            ? `given ${region.organ} mask (region ${t})`
            : `within ${region.radiusMm ?? defaultExclusionRadiusMm} mm of the given ${region.organ} centre (region ${t})`;
        return { organ: region.organ, rule };
      }
    }
    return null;
  };
}

export const automaticExclusionRules = {
  bladderMaximumFromMidlineMm: 40,
  bladderMaximumMl: 1000,
  bladderMinimumSuvmax: 4,
  kidneyFromMidlineMm: [30, 130] as const,
  kidneyMaximumFromColumnYMm: 60,
  kidneyMaximumMl: 400,
  kidneyPairToleranceMm: [20, 20, 40] as const,
  brainMinimumMl: 20,
  skullSearchMm: 120,
} as const;

/** Whether bone lies within `skullSearchMm` of the region centroid in all four in-plane directions. */
function enclosedByBone(anatomy: CtAnatomy, region: RegionSummary): boolean {
  const [nx, ny, nz] = anatomy.dimensions;
  const [sx, sy] = anatomy.spacingMm;
  let k = 0;
  for (let kk = 1; kk < nz; kk++) {
    if (Math.abs(anatomy.zMm(kk) - region.centroidMm[2]) < Math.abs(anatomy.zMm(k) - region.centroidMm[2])) k = kk;
  }
  // The voxel of the centroid in that slice (axial grid: x and y are linear in i and j).
  const x0 = anatomy.xMm(0, 0);
  const y0 = anatomy.yMm(0, 0);
  const dxi = anatomy.xMm(1, 0) - x0;
  const dyj = anatomy.yMm(0, 1) - y0;
  const ci = Math.round((region.centroidMm[0] - x0) / (Math.abs(dxi) < 1e-9 ? 1 : dxi));
  const cj = Math.round((region.centroidMm[1] - y0) / (Math.abs(dyj) < 1e-9 ? 1 : dyj));
  if (ci < 0 || cj < 0 || ci >= nx || cj >= ny) return false;
  const reach = [
    Math.round(automaticExclusionRules.skullSearchMm / sx),
    Math.round(automaticExclusionRules.skullSearchMm / sy),
  ];
  const hit = (di: number, dj: number): boolean => {
    for (let step = 1; step <= (di === 0 ? (reach[1] ?? 0) : (reach[0] ?? 0)); step++) {
      const i = ci + di * step;
      const j = cj + dj * step;
      if (i < 0 || j < 0 || i >= nx || j >= ny) return false;
      if (anatomy.bone[i + nx * (j + ny * k)] !== 0) return true;
    }
    return false;
  };
  return hit(1, 0) && hit(-1, 0) && hit(0, 1) && hit(0, -1);
}

/** What the automatic rules need of a region. */
export interface RegionSummary {
  readonly voxels: Uint32Array;
  readonly centroidMm: Triple;
  readonly volumeMl: number;
  readonly suvmax: number;
}

/** The automatic rules above, for all candidate regions at once; `bone` is the CT bone mask (HU ≥ boneHu). */
export function automaticExclusions(
  anatomy: CtAnatomy,
  bone: VoxelMask,
  regions: readonly RegionSummary[],
): (ExclusionMatch | null)[] {
  const rules = automaticExclusionRules;
  const out: (ExclusionMatch | null)[] = regions.map(() => null);
  const midline = anatomy.midlineXMm;
  const columnY = anatomy.columnCentreYMm;
  if (midline === null || columnY === null) return out;
  const touchesBone = regions.map((region) => region.voxels.some((n) => bone[n] !== 0));
  const pelvis = anatomy.pelvis;

  let bladder = -1;
  regions.forEach((region, index) => {
    const [x, y, z] = region.centroidMm;
    if (
      !touchesBone[index] &&
      pelvis !== null &&
      z >= pelvis.bottomZMm &&
      z <= pelvis.topZMm &&
      Math.abs(x - midline) <= rules.bladderMaximumFromMidlineMm &&
      y < columnY &&
      region.volumeMl <= rules.bladderMaximumMl &&
      region.suvmax >= rules.bladderMinimumSuvmax &&
      (bladder < 0 || region.volumeMl > (regions[bladder]?.volumeMl ?? 0))
    ) {
      bladder = index;
    }
  });
  const bladderRegion = regions[bladder];
  if (bladderRegion !== undefined) {
    out[bladder] = {
      organ: 'bladder',
      rule: `urinary bladder: the largest region in the pelvis within ${rules.bladderMaximumFromMidlineMm} mm of the midline (${Math.abs(bladderRegion.centroidMm[0] - midline).toFixed(0)} mm), anterior to the sacrum, ${bladderRegion.volumeMl.toFixed(1)} ml (≤ ${rules.bladderMaximumMl}), SUVmax ${bladderRegion.suvmax.toFixed(1)} (≥ ${rules.bladderMinimumSuvmax}), no bone`,
    };
  }

  const l5 = anatomy.column.find((segment) => segment.level === 'L5');
  const t11 = anatomy.column.find((segment) => segment.level === 'T11');
  const top = t11?.topZMm ?? anatomy.column[anatomy.column.length - 1]?.topZMm;
  if (l5 !== undefined && top !== undefined) {
    const inZone = regions.map((region, index) => {
      const [x, y, z] = region.centroidMm;
      const fromMidline = Math.abs(x - midline);
      return (
        !touchesBone[index] &&
        out[index] === null &&
        z >= l5.bottomZMm &&
        z <= top &&
        fromMidline >= rules.kidneyFromMidlineMm[0] &&
        fromMidline <= rules.kidneyFromMidlineMm[1] &&
        Math.abs(y - columnY) <= rules.kidneyMaximumFromColumnYMm &&
        region.volumeMl <= rules.kidneyMaximumMl
      );
    });
    const [tx, ty, tz] = rules.kidneyPairToleranceMm;
    // Closest mirrored match on the other side, by the sum of the offsets scaled by their tolerances.
    const partnerOf = regions.map((region, index) => {
      if (!inZone[index]) return -1;
      const [x, y, z] = region.centroidMm;
      let best = -1;
      let bestScore = Infinity;
      regions.forEach((other, o) => {
        if (o === index || !inZone[o]) return;
        const [ox, oy, oz] = other.centroidMm;
        const dx = Math.abs(midline - x - (ox - midline));
        const dy = Math.abs(oy - y);
        const dz = Math.abs(oz - z);
        if (Math.sign(ox - midline) === Math.sign(x - midline) || dx > tx || dy > ty || dz > tz) return;
        const score = dx / tx + dy / ty + dz / tz;
        if (score < bestScore) {
          bestScore = score;
          best = o;
        }
      });
      return best;
    });
    regions.forEach((region, index) => {
      const partner = partnerOf[index] ?? -1;
      if (partner < 0 || partnerOf[partner] !== index) return;
      const [x, y] = region.centroidMm;
      out[index] = {
        organ: 'kidney',
        rule: `kidney: beside the spine between L5 and T11, ${Math.abs(x - midline).toFixed(0)} mm from the midline (${rules.kidneyFromMidlineMm.join('–')}), ${Math.abs(y - columnY).toFixed(0)} mm anteroposterior from the column (≤ ${rules.kidneyMaximumFromColumnYMm}), ${region.volumeMl.toFixed(1)} ml (≤ ${rules.kidneyMaximumMl}), mirrored by a region on the other side, no bone`,
      };
    });
  }

  const columnTop = anatomy.column[anatomy.column.length - 1]?.topZMm;
  if (columnTop !== undefined) {
    regions.forEach((region, index) => {
      if (touchesBone[index] || out[index] !== null) return;
      if (
        region.centroidMm[2] > columnTop &&
        region.volumeMl >= rules.brainMinimumMl &&
        enclosedByBone(anatomy, region)
      ) {
        out[index] = {
          organ: 'brain',
          rule: `brain: above the spinal column, enclosed by bone in its slice (skull), ${region.volumeMl.toFixed(1)} ml (≥ ${rules.brainMinimumMl}), no bone`,
        };
      }
    });
  }
  return out;
}
