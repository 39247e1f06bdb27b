/**
 * Edge contrast of an outline on a smoothed image: how much brighter the image is just inside the outline
 * than just outside, along some of its edges. Used to fit flat bones (scapulae, iliac wings) whose
 * projection is an evenly lit plate with a sharp border.
 */
import type { PixelGeometry } from './atlas-skeleton.js';

/** A closed outline, [row, column] in pixels. */
export type PixelPolygon = readonly (readonly [row: number, column: number])[];

/** Distance either side of an edge at which the inside and the outside are sampled, and spacing of the samples, mm. */
const edgeOffsetMm = 5;
const edgeStepMm = 3;

export interface EdgeContrastOptions {
  /**
   * Index of the first vertex of the edges scored; they run from it to `toVertex` (indices modulo the
   * length; `toVertex` equal to `fromVertex` scores the whole outline).
   */
  readonly fromVertex: number;
  readonly toVertex: number;
  /** Largest step counted at one sample (either sign), so that a hot lesion on an edge cannot pull it. */
  readonly stepLimit: number;
}

/**
 * Mean step (inside minus outside, each clipped to ±`stepLimit`) across the edges of `polygon` from vertex
 * `fromVertex` to vertex `toVertex`, one sample every `edgeStepMm`; −∞ when no sample falls on the edges.
 */
export function outlineEdgeContrast(
  image: Float32Array,
  geometry: PixelGeometry,
  polygon: PixelPolygon,
  options: EdgeContrastOptions,
): number {
  const { columns, rows, rowMm, columnMm } = geometry;
  const n = polygon.length;
  const at = (row: number, column: number): number => {
    const r = Math.round(row);
    const c = Math.round(column);
    return r < 0 || r >= rows || c < 0 || c >= columns ? 0 : (image[r * columns + c] ?? 0);
  };
  // For a positively oriented outline (shoelace area > 0 in column, row) the outward normal of an edge
  // (dx, dy) is (dy, −dx).
  let area = 0;
  for (let i = 0; i < n; i++) {
    const [ra, ca] = polygon[i] ?? [0, 0];
    const [rb, cb] = polygon[(i + 1) % n] ?? [0, 0];
    area += ca * rb - cb * ra;
  }
  const outward = area >= 0 ? 1 : -1;
  let sum = 0;
  let samples = 0;
  const edges = (((options.toVertex - options.fromVertex) % n) + n) % n || n;
  for (let e = 0; e < edges; e++) {
    const [r0, c0] = polygon[(options.fromVertex + e) % n] ?? [0, 0];
    const [r1, c1] = polygon[(options.fromVertex + e + 1) % n] ?? [0, 0];
    const dy = (r1 - r0) * rowMm;
    const dx = (c1 - c0) * columnMm;
    const length = Math.hypot(dx, dy);
    if (length === 0) continue;
    const nRow = (outward * -dx) / length / rowMm;
    const nColumn = (outward * dy) / length / columnMm;
    const steps = Math.max(1, Math.floor(length / edgeStepMm));
    for (let k = 0; k <= steps; k++) {
      const t = k / steps;
      const row = r0 + t * (r1 - r0);
      const column = c0 + t * (c1 - c0);
      const step =
        at(row - edgeOffsetMm * nRow, column - edgeOffsetMm * nColumn) -
        at(row + edgeOffsetMm * nRow, column + edgeOffsetMm * nColumn);
      sum += Math.min(options.stepLimit, Math.max(-options.stepLimit, step));
      samples++;
    }
  }
  return samples === 0 ? Number.NEGATIVE_INFINITY : sum / samples;
}
