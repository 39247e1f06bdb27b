/**
 * Matching of the hotspots of a later bone-scan view to those of the earlier view after registration, and
 * the noise-aware change of uptake of a matched pair.
 *
 * Matching: a later hotspot's centroid is mapped into the earlier frame (T⁻¹ of bone-scan-registration.ts).
 * A pair is a candidate when both lie in compatible skeleton regions (the same part, or parts that touch
 * in projection, so that a label that moved across a boundary between segmentations does not break a
 * track) and the mapped distance is within the gate
 *   gate = max(15 mm, mean of the two equivalent-disc diameters) + min(residual, 10 mm),
 * so that large lesions, whose centroids wander more, and a looser registration are allowed for; in the arm
 * bones, whose pose changes between scans and which the registration leaves out, 30 mm more. Pairs are
 * taken greedily by increasing distance ÷ gate (ties by the earlier id, then the later id, so the result
 * does not depend on input order). Match confidence = (1 − distance ÷ gate) ÷ (1 + residual ÷ 10 mm): 1 for
 * a perfect match under a perfect registration, lower as either worsens.
 *
 * Change of uptake: each hotspot's uptake is its peak, the hottest mean of 3 × 3 pixels within its
 * equivalent radius (at least 6 mm) of its own centroid on its own scan, divided by that scan's normal-bone
 * level. The ratio R of the later to the earlier peak is compared with a noise-aware band: with N₁, N₂ the
 * counts of the two 3 × 3 windows, Poisson statistics give var(ln R) ≈ 1/N₁ + 1/N₂ (the normal-bone levels
 * come from many more counts and their error is neglected), and R counts as changed when |ln R| exceeds
 * the larger of 1.96 σ (two-sided 95 %)
 * and ln 1.2: changes of uptake below about 20 % are not visible to readers, and bonemet does not report
 * them as change (reference note bone-scintigraphy §4.2 and §7, "intensity change reported only when above
 * about 20–25 %").
 */
import type { ViewName } from '@bonemet/bonescan';
import { mapLaterToEarlier, type BoneScanViewImage, type ViewRegistration } from './bone-scan-registration.js';

/** A hotspot as tracking needs it (from the hotspot analysis, a reader, or a phantom's truth). */
export interface TrackableHotspot {
  readonly id: string;
  readonly view: ViewName;
  /** Skeleton part id (e.g. "thoracic_spine", "femur_left"), or null off the skeleton. */
  readonly region: string | null;
  /** Centroid, pixels of the view in the reading orientation. */
  readonly columnPx: number;
  readonly rowPx: number;
  readonly areaMm2: number;
  /** Hotspot label: metastases count as lesions; benign hotspots are tracked and reported apart. */
  readonly label: 'metastasis' | 'benign';
  /** The same hotspot in the other view, if paired. */
  readonly otherViewId: string | null;
}

export const MIN_MATCH_GATE_MM = 15;
export const VISIBLE_CHANGE_RATIO = 1.2;
const PEAK_MIN_SEARCH_MM = 6;

const touching: readonly (readonly [string, string])[] = [
  ['skull', 'mandible'],
  ['skull', 'cervical_spine'],
  ['mandible', 'cervical_spine'],
  ['cervical_spine', 'thoracic_spine'],
  ['thoracic_spine', 'lumbar_spine'],
  ['lumbar_spine', 'sacrum'],
  ['lumbar_spine', 'pelvis'],
  ['sacrum', 'pelvis'],
  ['thoracic_spine', 'ribs'],
  ['lumbar_spine', 'ribs'],
  ['sternum', 'ribs'],
  ['thoracic_spine', 'sternum'],
  ['ribs', 'scapula'],
  ['ribs', 'clavicle'],
  ['sternum', 'clavicle'],
  ['clavicle', 'scapula'],
  ['scapula', 'humerus'],
  ['clavicle', 'humerus'],
  ['humerus', 'radius'],
  ['humerus', 'ulna'],
  ['radius', 'ulna'],
  ['radius', 'hand'],
  ['ulna', 'hand'],
  ['pelvis', 'femur'],
  ['femur', 'tibia'],
  ['femur', 'fibula'],
  ['tibia', 'fibula'],
  ['tibia', 'foot'],
  ['fibula', 'foot'],
];
const touchingKeys = new Set(touching.flatMap(([a, b]) => [`${a}|${b}`, `${b}|${a}`]));

function sideOf(region: string): { base: string; side: string | null } {
  const match = /^(.*)_(left|right)$/.exec(region);
  return match === null ? { base: region, side: null } : { base: match[1] ?? region, side: match[2] ?? null };
}

/** Extra distance allowed in the arms, mm: the arm pose changes between scans and registration leaves the arms out. */
export const ARM_ALLOWANCE_MM = 30;

/** Whether a region is an arm bone (humerus, radius, ulna, hand). */
export function isArmRegion(region: string | null): boolean {
  return region !== null && /^(humerus|radius|ulna|hand)_/.test(region);
}

/** Whether two hotspot regions may hold the same lesion (see the module comment). */
export function regionsCompatible(a: string | null, b: string | null): boolean {
  if (a === null || b === null || a === b) return true;
  const sa = sideOf(a);
  const sb = sideOf(b);
  if (sa.side !== null && sb.side !== null && sa.side !== sb.side) return false;
  return touchingKeys.has(`${sa.base}|${sb.base}`);
}

/** Diameter of the disc with the hotspot's area, mm. */
export function equivalentDiameterMm(areaMm2: number): number {
  return 2 * Math.sqrt(Math.max(0, areaMm2) / Math.PI);
}

export interface HotspotMatch {
  readonly earlierId: string;
  readonly laterId: string;
  /** Distance of the mapped later centroid from the earlier centroid, mm. */
  readonly distanceMm: number;
  readonly gateMm: number;
  readonly confidence: number;
}

/** Greedy matching of one view's hotspots (see the module comment). */
export function matchViewHotspots(
  earlier: readonly TrackableHotspot[],
  later: readonly TrackableHotspot[],
  registration: ViewRegistration,
): HotspotMatch[] {
  const [rowMm, columnMm] = registration.earlier.pixelSpacingMm;
  const residual = registration.residualMm ?? 10;
  const candidates: HotspotMatch[] = [];
  for (const after of later) {
    const [c, r] = mapLaterToEarlier(registration, after.columnPx, after.rowPx);
    for (const before of earlier) {
      if (!regionsCompatible(before.region, after.region)) continue;
      const distanceMm = Math.hypot((c - before.columnPx) * columnMm, (r - before.rowPx) * rowMm);
      const gateMm =
        Math.max(MIN_MATCH_GATE_MM, (equivalentDiameterMm(before.areaMm2) + equivalentDiameterMm(after.areaMm2)) / 2) +
        Math.min(residual, 10) +
        (isArmRegion(before.region) || isArmRegion(after.region) ? ARM_ALLOWANCE_MM : 0);
      if (distanceMm > gateMm) continue;
      candidates.push({
        earlierId: before.id,
        laterId: after.id,
        distanceMm,
        gateMm,
        confidence: (1 - distanceMm / gateMm) / (1 + residual / 10),
      });
    }
  }
  candidates.sort(
    (a, b) =>
      a.distanceMm / a.gateMm - b.distanceMm / b.gateMm ||
      (a.earlierId < b.earlierId ? -1 : a.earlierId > b.earlierId ? 1 : 0) ||
      (a.laterId < b.laterId ? -1 : a.laterId > b.laterId ? 1 : 0),
  );
  const usedEarlier = new Set<string>();
  const usedLater = new Set<string>();
  const matches: HotspotMatch[] = [];
  for (const candidate of candidates) {
    if (usedEarlier.has(candidate.earlierId) || usedLater.has(candidate.laterId)) continue;
    usedEarlier.add(candidate.earlierId);
    usedLater.add(candidate.laterId);
    matches.push(candidate);
  }
  return matches;
}

export interface PeakUptake {
  /** Sum of counts of the 3 × 3 pixels about the peak. */
  readonly counts: number;
  readonly pixels: number;
  /** Their mean count per pixel ÷ the view's normal-bone level. */
  readonly uptakeRatio: number;
  /** Where the peak is, pixels. */
  readonly peakPx: readonly [number, number];
}

/**
 * The hottest 3 × 3 mean of a view within `radiusMm` of a pixel centre: a peak uptake, less diluted by the
 * normal bone and soft tissue around a lesion than a mean over its whole area, so that a change of the
 * lesion's own uptake shows nearly in full.
 */
export function peakUptake(image: BoneScanViewImage, columnPx: number, rowPx: number, radiusMm: number): PeakUptake {
  const [rowMm, columnMm] = image.pixelSpacingMm;
  const { columns, rows, counts } = image;
  const reachC = Math.ceil(radiusMm / columnMm);
  const reachR = Math.ceil(radiusMm / rowMm);
  const cc = Math.round(columnPx);
  const cr = Math.round(rowPx);
  let best = -1;
  let bestSum = 0;
  let bestPixels = 0;
  let peak: [number, number] = [cc, cr];
  for (let r = Math.max(0, cr - reachR); r <= Math.min(rows - 1, cr + reachR); r++) {
    for (let c = Math.max(0, cc - reachC); c <= Math.min(columns - 1, cc + reachC); c++) {
      if (Math.hypot((c - columnPx) * columnMm, (r - rowPx) * rowMm) > radiusMm) continue;
      let sum = 0;
      let n = 0;
      for (let rr = Math.max(0, r - 1); rr <= Math.min(rows - 1, r + 1); rr++)
        for (let c2 = Math.max(0, c - 1); c2 <= Math.min(columns - 1, c + 1); c2++) {
          sum += counts[rr * columns + c2] ?? 0;
          n++;
        }
      const mean = sum / n;
      if (mean > best) {
        best = mean;
        bestSum = sum;
        bestPixels = n;
        peak = [c, r];
      }
    }
  }
  const level = image.normalBoneCounts > 0 ? image.normalBoneCounts : 1;
  return { counts: bestSum, pixels: bestPixels, uptakeRatio: best > 0 ? best / level : 0, peakPx: peak };
}

export type UptakeChange = 'increased' | 'stable' | 'decreased';

export interface UptakeComparison {
  readonly previous: PeakUptake;
  readonly current: PeakUptake;
  /** Radius searched for each peak about its centre, mm. */
  readonly searchRadiusMm: number;
  /** Current ÷ previous peak uptake ratio (count-normalised). */
  readonly ratio: number;
  /** Ratio beyond which (or below whose inverse) the change counts: exp(max(1.96 σ, ln 1.2)). */
  readonly thresholdRatio: number;
  readonly change: UptakeChange;
}

/** The change of two peak uptakes by the noise-aware band (see the module comment). */
export function classifyUptakeChange(before: PeakUptake, after: PeakUptake, searchRadiusMm: number): UptakeComparison {
  const ratio = before.uptakeRatio > 0 ? after.uptakeRatio / before.uptakeRatio : Number.POSITIVE_INFINITY;
  const sigma = Math.sqrt(1 / Math.max(1, before.counts) + 1 / Math.max(1, after.counts));
  const bandLog = Math.max(1.96 * sigma, Math.log(VISIBLE_CHANGE_RATIO));
  const logRatio = Math.log(ratio);
  return {
    previous: before,
    current: after,
    searchRadiusMm,
    ratio,
    thresholdRatio: Math.exp(bandLog),
    change: logRatio > bandLog ? 'increased' : logRatio < -bandLog ? 'decreased' : 'stable',
  };
}

/** Radius searched for a hotspot's peak: its equivalent radius, at least 6 mm (about two pixels and the centroid's error). */
export function peakSearchRadiusMm(...areasMm2: readonly number[]): number {
  return Math.max(PEAK_MIN_SEARCH_MM, ...areasMm2.map((a) => equivalentDiameterMm(a) / 2));
}

/** Noise-aware comparison of the peak uptake of two observations of one hotspot (see the module comment). */
export function compareUptake(
  previousImage: BoneScanViewImage,
  previous: TrackableHotspot,
  currentImage: BoneScanViewImage,
  current: TrackableHotspot,
): UptakeComparison {
  const radiusMm = peakSearchRadiusMm(previous.areaMm2, current.areaMm2);
  return classifyUptakeChange(
    peakUptake(previousImage, previous.columnPx, previous.rowPx, radiusMm),
    peakUptake(currentImage, current.columnPx, current.rowPx, radiusMm),
    radiusMm,
  );
}
