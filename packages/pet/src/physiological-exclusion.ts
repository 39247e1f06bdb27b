/**
 * Physiological uptake exclusion.
 *
 * Given organs: a region is excluded when it shares a voxel with a given organ mask, or when it has a
 * voxel whose centre lies within `radiusMm` (default 15 mm) of a given organ centre.
 *
 * Automatic, with a CT on the PET grid (`automaticExclusion`, project rules on the landmarks of
 * ct-anatomy.ts; FDG is excreted in urine and taken up avidly by the brain, Engel 1996, Shreve 1999):
 * - bladder and kidneys: never for a region with a voxel in the CT bone mask (HU ≥ boneHu): in a
 *   bone-metastasis tool a lesion on bone next to the bladder or a kidney must be listed, even at the
 *   price of listing some urine with it;
 * - urinary bladder: centroid within the pelvis (between its lowest and highest slice), within 40 mm of
 *   the midline, anterior to the spinal column centre; volume ≤ 1000 ml; SUVmax ≥ 4 (urine is far hotter
 *   than the liver); one bladder: only the largest region that matches;
 * - kidneys (renal parenchyma and collecting systems): centroid 30–130 mm from the midline, within 60 mm
 *   anteroposterior of the spinal column centre, between the bottom of L5 and the top of T11 (levels
 *   counted on the CT; from the bottom of L5, for low-lying kidneys); volume ≤ 400 ml; and paired: another matching region on the other side of the
 *   midline at the mirrored place (x mirrored within 20 mm, y within 20 mm, z within 40 mm), each the
 *   other's closest such match, as the two collecting systems are; a single kidney's urine is therefore listed, not excluded (the safe error);
 * - brain: centroid above the top of the spinal column found on the CT; volume ≥ 20 ml; at least 80% of
 *   its voxels in the cranial cavity found on the CT (cranial-cavity.ts: non-bone voxels enclosed by bone
 *   in their axial slice); and not osseous: its fraction of voxels in the dilated bone mask (the osseous
 *   test's, osseous.ts) below the osseous fraction (0.5). Bone voxels are allowed: at PET resolution the
 *   cortical uptake spills into the inner table (on the 6 mm FWHM phantom 3% of the brain region's
 *   voxels are skull voxels, 23% within one voxel of one), so "no bone" would keep the brain and then
 *   report it as a skull lesion. A calvarial metastasis that forms a region of its own lies in the bone
 *   and the scalp, outside the cavity, and is kept; one that merges with the brain region at the
 *   threshold cannot be separated by these rules and is excluded with it (the rule lists the region's
 *   voxels in bone for review).
 * A soft-tissue metastasis or node in one of those places (an adrenal or retroperitoneal mass, a brain
 * metastasis) is excluded too: the excluded regions are listed with the organ and rule for review.
 * Without a CT nothing is excluded automatically: on the PET alone a sacral or lumbar metastasis cannot
 * be told from the bladder or a kidney, and dropping a metastasis is the worse error.
 */
import { BonemetError } from '@bonemet/core';
import { gridMmToIndex, validateMask, type Triple, type VoxelMask } from '@bonemet/imaging';
import { cranialCavityOverlap } from './cranial-cavity.js';
import type { CtAnatomy } from './ct-anatomy.js';
import { defaultOsseousFraction } from './osseous.js';
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
  brainMinimumCavityFraction: 0.8,
} as const;

/**
 * Fraction of the region voxels in the bone mask dilated by one voxel (3 × 3 × 3, not past the border),
 * as the osseous test counts it, without dilating the whole mask: a voxel counts when it or one of its
 * 26 neighbours is bone.
 */
function dilatedBoneFraction(bone: VoxelMask, dimensions: Triple, voxels: Uint32Array): number {
  const [nx, ny, nz] = dimensions;
  const perSlice = nx * ny;
  let inside = 0;
  for (const n of voxels) {
    const i = n % nx;
    const j = Math.floor(n / nx) % ny;
    const k = Math.floor(n / perSlice);
    let found = false;
    for (let dk = -1; dk <= 1 && !found; dk++) {
      if (k + dk < 0 || k + dk >= nz) continue;
      for (let dj = -1; dj <= 1 && !found; dj++) {
        if (j + dj < 0 || j + dj >= ny) continue;
        for (let di = -1; di <= 1; di++) {
          if (i + di < 0 || i + di >= nx) continue;
          if (bone[n + di + nx * dj + perSlice * dk] !== 0) {
            found = true;
            break;
          }
        }
      }
    }
    if (found) inside++;
  }
  return voxels.length === 0 ? 0 : inside / voxels.length;
}

/** What the automatic rules need of a region. */
export interface RegionSummary {
  readonly voxels: Uint32Array;
  readonly centroidMm: Triple;
  readonly volumeMl: number;
  readonly suvmax: number;
}

/**
 * The automatic rules above, for all candidate regions at once; `bone` is the CT bone mask (HU ≥ boneHu,
 * undilated) and `osseousFraction` the osseous test's fraction (a brain region must stay below it).
 */
export function automaticExclusions(
  anatomy: CtAnatomy,
  bone: VoxelMask,
  regions: readonly RegionSummary[],
  osseousFraction: number = defaultOsseousFraction,
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
      if (out[index] !== null || region.centroidMm[2] <= columnTop || region.volumeMl < rules.brainMinimumMl) return;
      const cavity = cranialCavityOverlap(anatomy, region.voxels, columnTop);
      if (cavity.fraction < rules.brainMinimumCavityFraction) return;
      const boneFraction = dilatedBoneFraction(bone, anatomy.dimensions, region.voxels);
      if (boneFraction >= osseousFraction) return;
      let inBone = 0;
      for (const n of region.voxels) if (bone[n] !== 0) inBone++;
      out[index] = {
        organ: 'brain',
        rule: `brain: above the spinal column, ${region.volumeMl.toFixed(1)} ml (≥ ${rules.brainMinimumMl}), ${(cavity.fraction * 100).toFixed(0)}% of its voxels in the cranial cavity on the CT (≥ ${(rules.brainMinimumCavityFraction * 100).toFixed(0)}%), not osseous: ${(boneFraction * 100).toFixed(0)}% of its voxels in the dilated bone mask (< ${(osseousFraction * 100).toFixed(0)}%); ${inBone} voxels in bone (HU ≥ the bone threshold), to review for a calvarial lesion next to the brain`,
      };
    });
  }
  return out;
}
