/**
 * Pairs the hotspots of the anterior and posterior views. Both views are stored in one orientation
 * convention (whole-body-scan.ts: the posterior view is mirrored on reading), so the same body position
 * has the same column in both views; a pair is two hotspots of the same BSI region (or both off the
 * skeleton) whose centroids lie within `maxDistanceMm`, matched greedily from the closest pair.
 */
import type { HotspotFeatures } from './hotspot-features.js';
import { skeletonRegionById } from './skeleton-regions.js';
import type { WholeBodyView } from './whole-body-scan.js';

export interface ViewPairing {
  readonly hotspotId: string;
  /** Distance between the two centroids, mm. */
  readonly distanceMm: number;
  /** The other view's mean ratio to normal bone. */
  readonly ratioMean: number;
}

function bsiRegionOf(hotspot: HotspotFeatures): string | null {
  return hotspot.region === null ? null : (skeletonRegionById(hotspot.region)?.bsiRegion ?? null);
}

/** For each paired hotspot id, its partner in the other view. */
export function pairViewHotspots(
  anterior: { readonly view: WholeBodyView; readonly hotspots: readonly HotspotFeatures[] },
  posterior: { readonly view: WholeBodyView; readonly hotspots: readonly HotspotFeatures[] },
  maxDistanceMm: number,
): Map<string, ViewPairing> {
  const candidates: { a: HotspotFeatures; p: HotspotFeatures; distanceMm: number }[] = [];
  const [aRowMm, aColumnMm] = anterior.view.pixelSpacingMm;
  const [pRowMm, pColumnMm] = posterior.view.pixelSpacingMm;
  for (const a of anterior.hotspots) {
    for (const p of posterior.hotspots) {
      if (bsiRegionOf(a) !== bsiRegionOf(p) || a.kind !== p.kind) continue;
      // Positions in mm from the first pixel: the views share the scan's field of view.
      const distanceMm = Math.hypot(
        a.columnPx * aColumnMm - p.columnPx * pColumnMm,
        a.rowPx * aRowMm - p.rowPx * pRowMm,
      );
      if (distanceMm <= maxDistanceMm) candidates.push({ a, p, distanceMm });
    }
  }
  candidates.sort((x, y) => x.distanceMm - y.distanceMm);
  const pairs = new Map<string, ViewPairing>();
  for (const { a, p, distanceMm } of candidates) {
    if (pairs.has(a.id) || pairs.has(p.id)) continue;
    pairs.set(a.id, { hotspotId: p.id, distanceMm, ratioMean: p.ratioMean });
    pairs.set(p.id, { hotspotId: a.id, distanceMm, ratioMean: a.ratioMean });
  }
  return pairs;
}
