/**
 * Bone Scan Index from labelled hotspots and the region label maps.
 *
 * Definition (Imbriaco 1998; weights of core's table, credited to Spiers 1968): BSI = Σ over BSI units u of
 * (involved fraction of u) × w(u), a unit being a BSI region per side for paired bones (core's per-side
 * weight) or the whole region otherwise (the spine segments and the sacrum form one unit, the ribs one).
 *
 * Per view v: involved fraction f(v, u) = pixels of u (in v's label map) covered by a metastasis / pixels of
 * u. Combination of the views (reference note §7, "geometric mean or union of ANT/POST"): a metastasis seen
 * in either view involves the bone in both, because both views are stored in one orientation convention and
 * a pixel position is the same body position (depth aside); so the involved mask of each view is the union
 * of the metastasis pixels of both views (when their grids match; otherwise each view uses its own), and
 * the study BSI is the mean of the two views' BSI, each computed on its own label map. With one view, the
 * BSI is that view's.
 */
import { bsiCitation, bsiWeightProvenance, type Citation } from '@bonemet/core';
import type { RegionLabelMap } from './region-label-map.js';
import { maxSkeletonLabel, skeletonRegionOfLabel } from './skeleton-regions.js';
import type { ViewName } from './whole-body-scan.js';

export interface BsiHotspotInput {
  readonly view: ViewName;
  readonly label: 'metastasis' | 'benign';
  /** Linear pixel indices of the hotspot in its view. */
  readonly pixels: Uint32Array | readonly number[];
}

export interface ViewBoneScanIndex {
  readonly view: ViewName;
  /** BSI of the view, % of skeletal mass. */
  readonly percent: number;
  /** Involved fraction (0–1) of each BSI unit with any involvement ("femur/left", "ribs"). */
  readonly involvedFractionByUnit: Readonly<Record<string, number>>;
}

export interface BoneScanIndexResult {
  /** Study BSI, % of skeletal mass (mean of the views). */
  readonly percent: number;
  /** Contribution of each BSI region (sides summed, views averaged), % of skeletal mass. */
  readonly byRegion: Readonly<Record<string, number>>;
  readonly views: readonly ViewBoneScanIndex[];
  /** Metastasis hotspots, a pair seen in both views counted once. */
  readonly metastasisCount: number;
  readonly method: string;
  readonly weightProvenance: string;
  readonly citations: readonly Citation[];
}

export const bsiCombinationMethod =
  'per view: Σ units (pixels of the unit covered by a metastasis of either view / pixels of the unit) × skeletal-mass weight; study: mean of the views';

/** BSI of a study from its region maps and its labelled hotspots; `pairs` counts lesions seen in both views once. */
export function hotspotBoneScanIndex(
  maps: readonly RegionLabelMap[],
  hotspots: readonly BsiHotspotInput[],
  pairedMetastases: number,
): BoneScanIndexResult {
  const first = maps[0];
  const sameGrid = first === undefined || maps.every((m) => m.columns === first.columns && m.rows === first.rows);
  const views: ViewBoneScanIndex[] = [];
  const byRegion: Record<string, number> = {};
  for (const map of maps) {
    const involved = new Uint8Array(map.labels.length);
    for (const hotspot of hotspots) {
      if (hotspot.label !== 'metastasis' || (!sameGrid && hotspot.view !== map.view)) continue;
      for (const index of hotspot.pixels) {
        if (index >= 0 && index < involved.length) involved[index] = 1;
      }
    }
    const unitPixels = new Map<string, number>();
    const unitInvolved = new Map<string, number>();
    const totals = new Float64Array(maxSkeletonLabel + 1);
    const hits = new Float64Array(maxSkeletonLabel + 1);
    for (let i = 0; i < map.labels.length; i++) {
      const label = map.labels[i] ?? 0;
      if (label === 0) continue;
      totals[label] = (totals[label] ?? 0) + 1;
      if (involved[i] === 1) hits[label] = (hits[label] ?? 0) + 1;
    }
    for (let label = 1; label <= maxSkeletonLabel; label++) {
      const region = skeletonRegionOfLabel(label);
      if (region === undefined || (totals[label] ?? 0) === 0) continue;
      unitPixels.set(region.bsiUnit, (unitPixels.get(region.bsiUnit) ?? 0) + (totals[label] ?? 0));
      unitInvolved.set(region.bsiUnit, (unitInvolved.get(region.bsiUnit) ?? 0) + (hits[label] ?? 0));
    }
    const weightOf = new Map(
      Array.from({ length: maxSkeletonLabel }, (_, k) => skeletonRegionOfLabel(k + 1)).flatMap((r) =>
        r === undefined ? [] : [[r.bsiUnit, r] as const],
      ),
    );
    let percent = 0;
    const involvedFractionByUnit: Record<string, number> = {};
    for (const [unit, pixels] of unitPixels) {
      const hit = unitInvolved.get(unit) ?? 0;
      if (hit === 0) continue;
      const region = weightOf.get(unit);
      if (region === undefined) continue;
      const fraction = hit / pixels;
      involvedFractionByUnit[unit] = fraction;
      const contribution = fraction * region.bsiUnitWeightPercent;
      percent += contribution;
      byRegion[region.bsiRegion] = (byRegion[region.bsiRegion] ?? 0) + contribution / maps.length;
    }
    views.push({ view: map.view, percent, involvedFractionByUnit });
  }
  const metastases = hotspots.filter((h) => h.label === 'metastasis').length;
  return {
    percent: views.length === 0 ? 0 : views.reduce((sum, v) => sum + v.percent, 0) / views.length,
    byRegion,
    views,
    metastasisCount: metastases - pairedMetastases,
    method: bsiCombinationMethod,
    weightProvenance: bsiWeightProvenance,
    citations: [bsiCitation],
  };
}
