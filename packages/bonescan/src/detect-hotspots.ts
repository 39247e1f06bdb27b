/**
 * Hotspot detection on the ratio-to-normal-bone image (normal-bone-model.ts):
 *
 * - Focal increased uptake: pixels whose ratio Q reaches `hotRatioThreshold` (on the skeleton) or
 *   `offSkeletonRatioThreshold` (off the skeleton, where uptake is kidney, bladder, injection site or soft
 *   tissue: detected so that they can be named and set aside), grouped into 8-connected components;
 *   components smaller than `minAreaMm2` are noise and dropped.
 * - Photopenic lesions with a hot rim: interior skeletal pixels (where the modelled normal bone is at least
 *   60 % of the region's uptake, i.e. not the blurred edge of a bone) with Q ≤ `coldRatioThreshold`,
 *   components of at least `minAreaMm2`, kept when the ring of skeletal pixels within `rimWidthMm` around
 *   them has a mean Q ≥ `rimRatioThreshold`. Lytic breast metastases can be photopenic with a rim
 *   (reference note §4.2, §6.1); a cold area without a rim is not reported (it may be attenuation by metal,
 *   EANM 2016, reference note §6.1). Hot components lying mostly in a cold lesion's rim join that lesion.
 *
 * Thresholds are parameters; the defaults are design choices for 99mTc-diphosphonate whole-body views
 * (lesion contrasts of 1.3–8× normal bone, reference note §4.2), not published values.
 */
import { groupComponentVoxels, labelConnectedComponents, voxelsOfComponent } from '@bonemet/imaging';
import type { NormalBoneModel } from './normal-bone-model.js';
import type { RegionLabelMap } from './region-label-map.js';
import { skeletonRegionOfLabel, type SkeletonRegionId } from './skeleton-regions.js';
import type { WholeBodyView } from './whole-body-scan.js';

export interface HotspotDetectionOptions {
  readonly hotRatioThreshold: number;
  readonly offSkeletonRatioThreshold: number;
  readonly coldRatioThreshold: number;
  readonly rimRatioThreshold: number;
  readonly rimWidthMm: number;
  readonly minAreaMm2: number;
}

export type HotspotKind = 'hot' | 'cold-with-rim';

export interface DetectedHotspot {
  readonly kind: HotspotKind;
  /** Linear pixel indices (row × columns + column) of the hotspot, rim included for a cold lesion. */
  readonly pixels: Uint32Array;
  /** Pixels of the photopenic centre (cold lesions only). */
  readonly coldPixels?: Uint32Array;
  /** The region holding most of its skeletal pixels, or the nearest region for an off-skeleton hotspot. */
  readonly region: SkeletonRegionId | null;
  /** Fraction of its pixels on the skeleton (label ≠ 0). */
  readonly onSkeletonFraction: number;
  /** Mean ratio of the rim ring (cold lesions only). */
  readonly rimRatio?: number;
  /** First pixel of each hot hotspot that touches this one (a bone focus beside organ activity), if any. */
  readonly adjoiningFirstPixels?: readonly number[];
}

function components(mask: Uint8Array, columns: number, rows: number): Uint32Array[] {
  const labelled = labelConnectedComponents(mask, [columns, rows, 1], 26);
  const groups = groupComponentVoxels(labelled);
  return Array.from({ length: labelled.count }, (_, k) => voxelsOfComponent(groups, k + 1));
}

/** The region of most labelled pixels; for none, the region of the nearest skeletal pixel (up to 40 pixels away). */
export function regionOfPixels(
  pixels: Uint32Array | readonly number[],
  map: RegionLabelMap,
): { region: SkeletonRegionId | null; onSkeletonFraction: number } {
  const votes = new Map<number, number>();
  let sumColumn = 0;
  let sumRow = 0;
  for (const index of pixels) {
    const label = map.labels[index] ?? 0;
    sumColumn += index % map.columns;
    sumRow += Math.floor(index / map.columns);
    if (label !== 0) votes.set(label, (votes.get(label) ?? 0) + 1);
  }
  let best = 0;
  let bestVotes = 0;
  let onSkeleton = 0;
  for (const [label, count] of votes) {
    onSkeleton += count;
    if (count > bestVotes || (count === bestVotes && label < best)) {
      best = label;
      bestVotes = count;
    }
  }
  const onSkeletonFraction = pixels.length > 0 ? onSkeleton / pixels.length : 0;
  if (best !== 0) return { region: skeletonRegionOfLabel(best)?.id ?? null, onSkeletonFraction };
  const column0 = Math.round(sumColumn / Math.max(1, pixels.length));
  const row0 = Math.round(sumRow / Math.max(1, pixels.length));
  for (let radius = 1; radius <= 40; radius++) {
    let nearest = 0;
    let nearestDistance = Infinity;
    for (let dr = -radius; dr <= radius; dr++) {
      for (let dc = -radius; dc <= radius; dc++) {
        if (Math.max(Math.abs(dr), Math.abs(dc)) !== radius) continue;
        const r = row0 + dr;
        const c = column0 + dc;
        if (r < 0 || c < 0 || r >= map.rows || c >= map.columns) continue;
        const label = map.labels[r * map.columns + c] ?? 0;
        if (label !== 0 && dr * dr + dc * dc < nearestDistance) {
          nearest = label;
          nearestDistance = dr * dr + dc * dc;
        }
      }
    }
    if (nearest !== 0) return { region: skeletonRegionOfLabel(nearest)?.id ?? null, onSkeletonFraction };
  }
  return { region: null, onSkeletonFraction };
}

/** Hot and cold-with-rim hotspots of one view. */
export function detectHotspots(
  view: WholeBodyView,
  map: RegionLabelMap,
  model: NormalBoneModel,
  options: HotspotDetectionOptions,
): DetectedHotspot[] {
  const { columns, rows, pixelSpacingMm } = view;
  const n = columns * rows;
  const pixelAreaMm2 = pixelSpacingMm[0] * pixelSpacingMm[1];
  const minPixels = options.minAreaMm2 / pixelAreaMm2;
  const { ratio, bone, expected, regionReferenceCounts } = model;
  const labels = map.labels;

  // Hot pixels on and off the skeleton form separate components: a bone focus next to kidney or bladder
  // activity stays a hotspot of its own instead of being named after the organ; `adjoining` keeps the link.
  const hotMask = new Uint8Array(n);
  const hotOffMask = new Uint8Array(n);
  const coldMask = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const label = labels[i] ?? 0;
    const q = ratio[i] ?? 1;
    if (label === 0) {
      if ((expected[i] ?? 0) > 0 && q >= options.offSkeletonRatioThreshold) hotOffMask[i] = 1;
      continue;
    }
    if (q >= options.hotRatioThreshold) hotMask[i] = 1;
    const regionId = skeletonRegionOfLabel(label)?.id;
    const uptake = regionId === undefined ? 0 : (regionReferenceCounts[regionId] ?? 0);
    if (q <= options.coldRatioThreshold && (bone[i] ?? 0) >= 0.6 * uptake && uptake > 0) coldMask[i] = 1;
  }

  const hot = [...components(hotMask, columns, rows), ...components(hotOffMask, columns, rows)].filter(
    (pixels) => pixels.length >= minPixels,
  );
  const cold = components(coldMask, columns, rows).filter((pixels) => pixels.length >= minPixels);

  // Rim ring of each cold component, and hot components absorbed by it.
  const rimPx = Math.max(1, Math.round(options.rimWidthMm / Math.min(pixelSpacingMm[0], pixelSpacingMm[1])));
  const absorbed = new Set<number>();
  const hotOwner = new Int32Array(n).fill(-1);
  // Components are sorted in place by their first pixel below, so each keeps its own pixel order here.
  hot.forEach((pixels, k) => {
    for (const index of pixels) hotOwner[index] = k;
  });
  const out: DetectedHotspot[] = [];
  for (const centre of cold) {
    const inCentre = new Set<number>(centre);
    const ring = new Set<number>();
    for (const index of centre) {
      const column = index % columns;
      const row = Math.floor(index / columns);
      for (let dr = -rimPx; dr <= rimPx; dr++) {
        for (let dc = -rimPx; dc <= rimPx; dc++) {
          const r = row + dr;
          const c = column + dc;
          if (r < 0 || c < 0 || r >= rows || c >= columns || dr * dr + dc * dc > rimPx * rimPx) continue;
          const j = r * columns + c;
          if (!inCentre.has(j) && (labels[j] ?? 0) !== 0) ring.add(j);
        }
      }
    }
    if (ring.size === 0) continue;
    let sum = 0;
    for (const j of ring) sum += ratio[j] ?? 0;
    const rimRatio = sum / ring.size;
    if (rimRatio < options.rimRatioThreshold) continue;
    const members = new Set<number>([...centre, ...ring]);
    const owners = new Map<number, number>();
    for (const j of ring) {
      const owner = hotOwner[j] ?? -1;
      if (owner >= 0) owners.set(owner, (owners.get(owner) ?? 0) + 1);
    }
    for (const [owner, count] of owners) {
      const pixels = hot[owner];
      if (pixels !== undefined && count >= 0.5 * pixels.length) {
        absorbed.add(owner);
        for (const j of pixels) members.add(j);
      }
    }
    const pixels = Uint32Array.from(members).sort();
    out.push({
      kind: 'cold-with-rim',
      pixels,
      coldPixels: Uint32Array.from(centre),
      ...regionOfPixels(centre, map),
      rimRatio,
    });
  }
  hot.forEach((pixels, k) => {
    if (absorbed.has(k)) return;
    // First pixels of the other hot components that touch this one (8-neighbourhood).
    const touching = new Set<number>();
    for (const index of pixels) {
      const column = index % columns;
      for (let dr = -1; dr <= 1; dr++) {
        for (let dc = -1; dc <= 1; dc++) {
          const c = column + dc;
          const j = index + dr * columns + dc;
          if (c < 0 || c >= columns || j < 0 || j >= n) continue;
          const owner = hotOwner[j] ?? -1;
          if (owner >= 0 && owner !== k && !absorbed.has(owner)) touching.add(owner);
        }
      }
    }
    out.push({
      kind: 'hot',
      pixels: Uint32Array.from(pixels),
      ...regionOfPixels(pixels, map),
      adjoiningFirstPixels: [...touching].map((owner) => hot[owner]?.[0] ?? 0).sort((a, b) => a - b),
    });
  });
  // Raster order of the first pixel: a stable, reproducible numbering.
  return out.sort((a, b) => (a.pixels[0] ?? 0) - (b.pixels[0] ?? 0));
}
