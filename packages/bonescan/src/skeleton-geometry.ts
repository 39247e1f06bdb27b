/**
 * Geometry read off a view's region label map: the pixels of each region, the body midline (from the spine)
 * and the joints (where two regions meet), for the hotspot features "contralateral symmetry" and "distance
 * to the nearest joint".
 */
import type { RegionLabelMap } from './region-label-map.js';
import {
  maxSkeletonLabel,
  skeletonRegionById,
  skeletonRegionOfLabel,
  spineRegionIds,
  type SkeletonRegionId,
} from './skeleton-regions.js';

export type JointName = 'shoulder' | 'elbow' | 'wrist' | 'sacroiliac' | 'hip' | 'knee' | 'ankle';

export interface JointPosition {
  readonly joint: JointName;
  readonly side: 'left' | 'right';
  /** Column and row of the centre of the contact between the two bones, pixels. */
  readonly columnPx: number;
  readonly rowPx: number;
}

export interface RegionExtent {
  readonly pixels: number;
  readonly centroidColumnPx: number;
  readonly centroidRowPx: number;
  readonly firstRow: number;
  readonly lastRow: number;
  readonly firstColumn: number;
  readonly lastColumn: number;
}

export interface SkeletonGeometry {
  readonly regions: Readonly<Partial<Record<SkeletonRegionId, RegionExtent>>>;
  /** Body midline, column = intercept + slope × row (pixels), fitted to the spine's pixels. */
  readonly midline: {
    readonly interceptPx: number;
    readonly slope: number;
    readonly basis: 'spine' | 'skeleton' | 'image';
  };
  readonly joints: readonly JointPosition[];
}

/** Column of the midline at a row. */
export function midlineColumnAt(geometry: SkeletonGeometry, rowPx: number): number {
  return geometry.midline.interceptPx + geometry.midline.slope * rowPx;
}

const jointDefinitions: readonly {
  readonly joint: JointName;
  readonly a: readonly string[];
  readonly b: readonly string[];
}[] = [
  { joint: 'shoulder', a: ['humerus'], b: ['scapula', 'clavicle'] },
  { joint: 'elbow', a: ['humerus'], b: ['radius', 'ulna'] },
  { joint: 'wrist', a: ['radius', 'ulna'], b: ['hand'] },
  { joint: 'hip', a: ['femur'], b: ['pelvis'] },
  { joint: 'knee', a: ['femur'], b: ['tibia', 'fibula'] },
  { joint: 'ankle', a: ['tibia', 'fibula'], b: ['foot'] },
];

/** Label values of base regions on one side ("femur" → femur_left); an unpaired base keeps its label. */
function labelsOf(bases: readonly string[], side: 'left' | 'right'): Uint8Array {
  const out = new Uint8Array(maxSkeletonLabel + 1);
  for (const base of bases) {
    const region = skeletonRegionById(`${base}_${side}`) ?? skeletonRegionById(base);
    if (region !== undefined) out[region.label] = 1;
  }
  return out;
}

/** Mean position of the pixels of `a` that have a pixel of `b` within `reachPx` (box neighbourhood). */
function contactCentre(
  labels: RegionLabelMap['labels'],
  columns: number,
  rows: number,
  a: Uint8Array,
  b: Uint8Array,
  reachPx: number,
  keep: (column: number, row: number) => boolean,
): [number, number] | undefined {
  let sumColumn = 0;
  let sumRow = 0;
  let count = 0;
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++) {
      if (a[labels[row * columns + column] ?? 0] !== 1 || !keep(column, row)) continue;
      let touches = false;
      for (let dr = -reachPx; dr <= reachPx && !touches; dr++) {
        const r = row + dr;
        if (r < 0 || r >= rows) continue;
        for (let dc = -reachPx; dc <= reachPx; dc++) {
          const c = column + dc;
          if (c >= 0 && c < columns && b[labels[r * columns + c] ?? 0] === 1) {
            touches = true;
            break;
          }
        }
      }
      if (touches) {
        sumColumn += column;
        sumRow += row;
        count++;
      }
    }
  }
  return count > 0 ? [sumColumn / count, sumRow / count] : undefined;
}

/** Regions, midline and joints of a label map. */
export function skeletonGeometry(map: RegionLabelMap): SkeletonGeometry {
  const { columns, rows, labels } = map;
  const stats = Array.from({ length: maxSkeletonLabel + 1 }, () => ({
    pixels: 0,
    sumColumn: 0,
    sumRow: 0,
    firstRow: Infinity,
    lastRow: -Infinity,
    firstColumn: Infinity,
    lastColumn: -Infinity,
  }));
  const spineLabels = new Set(spineRegionIds.map((id) => skeletonRegionById(id)?.label ?? -1));
  // Least squares of column on row over the spine pixels (and over the whole skeleton as a fallback).
  const spine = { n: 0, r: 0, c: 0, rr: 0, rc: 0 };
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++) {
      const label = labels[row * columns + column] ?? 0;
      if (label === 0) continue;
      const s = stats[label];
      if (s === undefined) continue;
      s.pixels++;
      s.sumColumn += column;
      s.sumRow += row;
      s.firstRow = Math.min(s.firstRow, row);
      s.lastRow = Math.max(s.lastRow, row);
      s.firstColumn = Math.min(s.firstColumn, column);
      s.lastColumn = Math.max(s.lastColumn, column);
      if (spineLabels.has(label)) {
        spine.n++;
        spine.r += row;
        spine.c += column;
        spine.rr += row * row;
        spine.rc += row * column;
      }
    }
  }
  const regions: Partial<Record<SkeletonRegionId, RegionExtent>> = {};
  let skeletonPixels = 0;
  let skeletonColumnSum = 0;
  for (let label = 1; label <= maxSkeletonLabel; label++) {
    const s = stats[label];
    const region = skeletonRegionOfLabel(label);
    if (s === undefined || region === undefined || s.pixels === 0) continue;
    skeletonPixels += s.pixels;
    skeletonColumnSum += s.sumColumn;
    regions[region.id] = {
      pixels: s.pixels,
      centroidColumnPx: s.sumColumn / s.pixels,
      centroidRowPx: s.sumRow / s.pixels,
      firstRow: s.firstRow,
      lastRow: s.lastRow,
      firstColumn: s.firstColumn,
      lastColumn: s.lastColumn,
    };
  }

  let midline: SkeletonGeometry['midline'];
  const variance = spine.rr / Math.max(1, spine.n) - (spine.r / Math.max(1, spine.n)) ** 2;
  if (spine.n >= 10 && variance > 1) {
    const meanRow = spine.r / spine.n;
    const meanColumn = spine.c / spine.n;
    const slope = (spine.rc / spine.n - meanRow * meanColumn) / variance;
    midline = { interceptPx: meanColumn - slope * meanRow, slope, basis: 'spine' };
  } else if (skeletonPixels > 0) {
    midline = { interceptPx: skeletonColumnSum / skeletonPixels, slope: 0, basis: 'skeleton' };
  } else {
    midline = { interceptPx: (columns - 1) / 2, slope: 0, basis: 'image' };
  }
  const geometryBase = { regions, midline, joints: [] };

  const joints: JointPosition[] = [];
  const reachPx = 2;
  for (const side of ['right', 'left'] as const) {
    for (const definition of jointDefinitions) {
      const a = labelsOf(definition.a, side);
      const b = labelsOf(definition.b, side);
      const centre = contactCentre(labels, columns, rows, a, b, reachPx, () => true);
      if (centre !== undefined) joints.push({ joint: definition.joint, side, columnPx: centre[0], rowPx: centre[1] });
    }
    // Sacroiliac joints: where the sacrum meets the pelvis, each side of the midline (patient's left on image right).
    const sacrum = labelsOf(['sacrum'], side);
    const pelvis = labelsOf(['pelvis'], side);
    const onSide = (column: number, row: number): boolean =>
      side === 'left' ? column > midlineColumnAt(geometryBase, row) : column < midlineColumnAt(geometryBase, row);
    const centre = contactCentre(labels, columns, rows, sacrum, pelvis, reachPx, onSide);
    if (centre !== undefined) joints.push({ joint: 'sacroiliac', side, columnPx: centre[0], rowPx: centre[1] });
  }
  return { regions, midline, joints };
}
