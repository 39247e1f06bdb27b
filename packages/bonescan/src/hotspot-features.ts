/**
 * Features of each hotspot of a view, every one with its unit: position, area, intensity ratio to normal
 * bone, shape, contralateral symmetry, alignment with other rib hotspots, distance to the nearest joint.
 * Agreement between the views is added by pair-view-hotspots.ts.
 */
import type { DetectedHotspot, HotspotKind } from './detect-hotspots.js';
import type { NormalBoneModel } from './normal-bone-model.js';
import { midlineColumnAt, type JointName, type SkeletonGeometry } from './skeleton-geometry.js';
import type { SkeletonRegionId } from './skeleton-regions.js';
import type { ViewName, WholeBodyView } from './whole-body-scan.js';

export interface HotspotFeatures {
  /** "ANT-1", "POST-3": view and number in raster order of the first pixel. */
  readonly id: string;
  readonly view: ViewName;
  readonly kind: HotspotKind;
  readonly region: SkeletonRegionId | null;
  /** Fraction of the hotspot's pixels on the skeleton, 0–1. */
  readonly onSkeletonFraction: number;
  /** Centroid, pixels of the view (orientation convention: patient's left on image right). */
  readonly columnPx: number;
  readonly rowPx: number;
  readonly areaMm2: number;
  /** Ratio to normal bone (normal-bone-model.ts): largest and mean over the hotspot's pixels. */
  readonly ratioMax: number;
  readonly ratioMean: number;
  /** Cold lesions: mean ratio of the photopenic centre and of the rim ring. */
  readonly coldCentreRatioMean?: number;
  readonly rimRatioMean?: number;
  /** √(λ₁/λ₂) of the second moments in mm: 1 for a disc, larger for an elongated spot (dimensionless). */
  readonly elongation: number;
  /** 4π·area / perimeter², perimeter counted along pixel edges: π/4 ≈ 0.785 for a square or a digital disc, towards 0 for a thin line (dimensionless). */
  readonly compactness: number;
  /** Distance of the centroid from the body midline, mm (positive towards the patient's left). */
  readonly offsetFromMidlineMm: number;
  /**
   * Mean ratio at the hotspot's pixels mirrored about the midline divided by its own mean ratio
   * (1: as hot on the other side; null for a hotspot that crosses the midline).
   */
  readonly contralateralRatio: number | null;
  /** Hotspots of the same view that touch this one (a focus on bone beside kidney or bladder activity). */
  readonly adjoiningHotspotIds: readonly string[];
  /** A hotspot of the same view centred within 15 mm (or its own radius) of the mirrored centroid. */
  readonly contralateralHotspotId: string | null;
  /** Other rib hotspots on a near-vertical line through consecutive ribs with this one (ids; empty if none). */
  readonly alignedRibHotspotIds: readonly string[];
  /** The nearest joint of the region map and the distance of the centroid to its centre, mm. */
  readonly nearestJoint: {
    readonly joint: JointName;
    readonly side: 'left' | 'right';
    readonly distanceMm: number;
  } | null;
}

const viewPrefix: Record<ViewName, string> = { anterior: 'ANT', posterior: 'POST' };

function shape(
  pixels: Uint32Array,
  columns: number,
  spacing: readonly [number, number],
): { elongation: number; compactness: number } {
  const set = new Set<number>(pixels);
  let sc = 0;
  let sr = 0;
  for (const index of pixels) {
    sc += (index % columns) * spacing[1];
    sr += Math.floor(index / columns) * spacing[0];
  }
  const count = pixels.length;
  const mc = sc / count;
  const mr = sr / count;
  let ccv = 0;
  let rrv = 0;
  let crv = 0;
  let perimeterMm = 0;
  for (const index of pixels) {
    const column = index % columns;
    const dc = column * spacing[1] - mc;
    const dr = Math.floor(index / columns) * spacing[0] - mr;
    ccv += dc * dc;
    rrv += dr * dr;
    crv += dc * dr;
    if (column === 0 || !set.has(index - 1)) perimeterMm += spacing[0];
    if (column === columns - 1 || !set.has(index + 1)) perimeterMm += spacing[0];
    if (!set.has(index - columns)) perimeterMm += spacing[1];
    if (!set.has(index + columns)) perimeterMm += spacing[1];
  }
  // Pixel footprints add 1/12 of a pixel² to each axis variance, so a single pixel is a unit square, not a point.
  const a = ccv / count + (spacing[1] * spacing[1]) / 12;
  const b = rrv / count + (spacing[0] * spacing[0]) / 12;
  const c = crv / count;
  const root = Math.sqrt(((a - b) / 2) ** 2 + c * c);
  const major = (a + b) / 2 + root;
  const minor = Math.max(1e-12, (a + b) / 2 - root);
  const areaMm2 = count * spacing[0] * spacing[1];
  return { elongation: Math.sqrt(major / minor), compactness: (4 * Math.PI * areaMm2) / (perimeterMm * perimeterMm) };
}

/** Features of every hotspot of one view (ids "ANT-1"… in the order given). */
export function hotspotFeatures(
  view: WholeBodyView,
  hotspots: readonly DetectedHotspot[],
  model: NormalBoneModel,
  geometry: SkeletonGeometry,
): HotspotFeatures[] {
  const { columns, pixelSpacingMm } = view;
  const [rowMm, columnMm] = pixelSpacingMm;
  const ids = hotspots.map((_, k) => `${viewPrefix[view.view]}-${k + 1}`);
  const centroids = hotspots.map((h) => {
    let sc = 0;
    let sr = 0;
    for (const index of h.pixels) {
      sc += index % columns;
      sr += Math.floor(index / columns);
    }
    return [sc / h.pixels.length, sr / h.pixels.length] as const;
  });

  const idOfFirstPixel = new Map(hotspots.map((h, k) => [h.pixels[0] ?? -1, ids[k] ?? '']));
  const base = hotspots.map((hotspot, k) => {
    const [columnPx, rowPx] = centroids[k] ?? [0, 0];
    let max = -Infinity;
    let sum = 0;
    let mirroredSum = 0;
    let mirroredCount = 0;
    let left = 0;
    let right = 0;
    for (const index of hotspot.pixels) {
      const q = model.ratio[index] ?? 0;
      max = Math.max(max, q);
      sum += q;
      const column = index % columns;
      const row = Math.floor(index / columns);
      const mid = midlineColumnAt(geometry, row);
      if (column > mid + 0.5) left++;
      else if (column < mid - 0.5) right++;
      const mirrored = Math.round(2 * mid - column);
      if (mirrored >= 0 && mirrored < columns) {
        mirroredSum += model.ratio[row * columns + mirrored] ?? 0;
        mirroredCount++;
      }
    }
    const ratioMean = sum / hotspot.pixels.length;
    const crossesMidline = left > 0 && right > 0;
    let coldCentreRatioMean: number | undefined;
    if (hotspot.coldPixels !== undefined) {
      let s = 0;
      for (const index of hotspot.coldPixels) s += model.ratio[index] ?? 0;
      coldCentreRatioMean = s / hotspot.coldPixels.length;
    }
    const ownMean = hotspot.kind === 'cold-with-rim' ? (hotspot.rimRatio ?? ratioMean) : ratioMean;
    let nearestJoint: HotspotFeatures['nearestJoint'] = null;
    for (const joint of geometry.joints) {
      const distanceMm = Math.hypot((joint.columnPx - columnPx) * columnMm, (joint.rowPx - rowPx) * rowMm);
      if (nearestJoint === null || distanceMm < nearestJoint.distanceMm) {
        nearestJoint = { joint: joint.joint, side: joint.side, distanceMm };
      }
    }
    return {
      id: ids[k] ?? '',
      view: view.view,
      kind: hotspot.kind,
      region: hotspot.region,
      onSkeletonFraction: hotspot.onSkeletonFraction,
      adjoiningHotspotIds: (hotspot.adjoiningFirstPixels ?? []).flatMap((first) => {
        const id = idOfFirstPixel.get(first);
        return id === undefined ? [] : [id];
      }),
      columnPx,
      rowPx,
      areaMm2: hotspot.pixels.length * rowMm * columnMm,
      ratioMax: max,
      ratioMean,
      ...(coldCentreRatioMean === undefined ? {} : { coldCentreRatioMean }),
      ...(hotspot.rimRatio === undefined ? {} : { rimRatioMean: hotspot.rimRatio }),
      ...shape(hotspot.pixels, columns, pixelSpacingMm),
      offsetFromMidlineMm: (columnPx - midlineColumnAt(geometry, rowPx)) * columnMm,
      contralateralRatio:
        crossesMidline || mirroredCount === 0 || ownMean === 0
          ? null
          : mirroredSum / mirroredCount / (hotspot.kind === 'cold-with-rim' ? ratioMean : ownMean),
      nearestJoint,
    };
  });

  return base.map((features, k) => {
    // Contralateral hotspot: centred near the mirrored centroid, on the other side.
    let contralateralHotspotId: string | null = null;
    if (features.contralateralRatio !== null) {
      const mirroredColumn = 2 * midlineColumnAt(geometry, features.rowPx) - features.columnPx;
      const radiusMm = Math.sqrt(features.areaMm2 / Math.PI);
      let best = Math.max(15, radiusMm);
      base.forEach((other, j) => {
        if (j === k || other.contralateralRatio === null) return;
        if (Math.sign(other.offsetFromMidlineMm) === Math.sign(features.offsetFromMidlineMm)) return;
        const d = Math.hypot((other.columnPx - mirroredColumn) * columnMm, (other.rowPx - features.rowPx) * rowMm);
        if (d <= best) {
          best = d;
          contralateralHotspotId = other.id;
        }
      });
    }
    return { ...features, contralateralHotspotId, alignedRibHotspotIds: alignedRibs(base, k, rowMm, columnMm) };
  });
}

/** Aligned rib foci count as one fracture line only when alike: peak ratios within this factor… */
const alikeRatioFactor = 1.6;
/** …and each no larger than a focal fracture (8–13 mm foci blurred by the camera stay well under this), mm². */
const fractureMaxAreaMm2 = 400;

/**
 * Rib hotspots on one side forming a near-vertical chain with this one: consecutive members 8–45 mm apart
 * (one rib interspace to about two in a planar view), within 35° of vertical, alike in peak ratio (within a
 * factor 1.6) and small (at most 400 mm² each). Fractures from one impact
 * lie on such a line across consecutive ribs; metastases are scattered (reference note §6.1: rib lesions
 * are common in breast patients and rarely metastatic, Jacobson).
 */
function alignedRibs(
  base: readonly {
    id: string;
    region: SkeletonRegionId | null;
    columnPx: number;
    rowPx: number;
    offsetFromMidlineMm: number;
    ratioMax: number;
    areaMm2: number;
  }[],
  k: number,
  rowMm: number,
  columnMm: number,
): string[] {
  const self = base[k];
  if (self?.region !== 'ribs') return [];
  const ribs = base.filter(
    (h) => h.region === 'ribs' && Math.sign(h.offsetFromMidlineMm) === Math.sign(self.offsetFromMidlineMm),
  );
  const linked = (a: (typeof ribs)[number], b: (typeof ribs)[number]): boolean => {
    const dx = (a.columnPx - b.columnPx) * columnMm;
    const dy = (a.rowPx - b.rowPx) * rowMm;
    const distance = Math.hypot(dx, dy);
    // Fractures from one impact look alike: small foci of similar intensity (within a factor 1.6 in peak ratio).
    const alike =
      Math.max(a.ratioMax, b.ratioMax) <= alikeRatioFactor * Math.min(a.ratioMax, b.ratioMax) &&
      a.areaMm2 <= fractureMaxAreaMm2 &&
      b.areaMm2 <= fractureMaxAreaMm2;
    return alike && distance >= 8 && distance <= 45 && Math.abs(dx) <= Math.tan((35 * Math.PI) / 180) * Math.abs(dy);
  };
  const chain = new Set<string>([self.id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const candidate of ribs) {
      if (chain.has(candidate.id)) continue;
      if (ribs.some((member) => chain.has(member.id) && linked(member, candidate))) {
        chain.add(candidate.id);
        grew = true;
      }
    }
  }
  chain.delete(self.id);
  return [...chain].sort();
}
