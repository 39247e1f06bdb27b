/**
 * Rasterises atlas shapes (body coordinates, mm) onto the pixel grid of a whole-body view. The grid is the
 * anterior orientation: row 0 at the head, the patient's left at high columns. The body is placed with its
 * vertex `topMarginMm` below the first row, centred in the columns, and turned in-plane by `rotationRad`
 * about the middle of its height (positive turns the head towards the patient's left).
 *
 * Each pixel is sampled at its centre; the value is the shape's profile there (1 inside a flat shape, the
 * relative chord length through a rod or shell), so a pixel belongs to a shape when its centre does.
 */
import type { AtlasPoint, AtlasShape } from './bone-scan-atlas.js';

export interface PixelFrame {
  readonly columns: number;
  readonly rows: number;
  readonly pixelMm: number;
  readonly topMarginMm: number;
  readonly rotationRad: number;
  readonly bodyHeightMm: number;
}

/** Inner radius of the calvarium shell, as a fraction of the outer (a skull wall of ~6–8 mm over a 75 mm radius). */
const shellInner = 0.9;
const shellPeak = Math.sqrt(1 - shellInner * shellInner);

/** Pixel coordinates (column, row; fractional) of a body point. */
export function pixelOfBodyPoint(frame: PixelFrame, x: number, y: number): [number, number] {
  const pivotY = frame.bodyHeightMm / 2;
  const c = Math.cos(frame.rotationRad);
  const s = Math.sin(frame.rotationRad);
  const dy = y - pivotY;
  const u = c * x - s * dy;
  const v = pivotY + s * x + c * dy;
  return [(frame.columns - 1) / 2 + u / frame.pixelMm, (v + frame.topMarginMm) / frame.pixelMm];
}

/** The body point at the centre of pixel (column, row). */
export function bodyPointOfPixel(frame: PixelFrame, column: number, row: number): [number, number] {
  const pivotY = frame.bodyHeightMm / 2;
  const u = (column - (frame.columns - 1) / 2) * frame.pixelMm;
  const v = row * frame.pixelMm - frame.topMarginMm - pivotY;
  const c = Math.cos(frame.rotationRad);
  const s = Math.sin(frame.rotationRad);
  return [c * u + s * v, pivotY - s * u + c * v];
}

/** Profile value and depth of a shape at body point (x, y); value 0 outside. */
export interface ShapeSample {
  value: number;
  depth: number;
}

function samplePolyline(points: readonly AtlasPoint[], rod: boolean, x: number, y: number, out: ShapeSample): void {
  out.value = 0;
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i];
    const b = points[i + 1];
    if (a === undefined || b === undefined) continue;
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    const lengthSq = dx * dx + dy * dy;
    const t = lengthSq === 0 ? 0 : Math.min(1, Math.max(0, ((x - a.x) * dx + (y - a.y) * dy) / lengthSq));
    const ex = x - (a.x + t * dx);
    const ey = y - (a.y + t * dy);
    const r = a.r + t * (b.r - a.r);
    const q = (ex * ex + ey * ey) / (r * r);
    if (q >= 1) continue;
    const value = rod ? Math.sqrt(1 - q) : 1;
    if (value > out.value) {
      out.value = value;
      out.depth = a.depth + t * (b.depth - a.depth);
    }
  }
}

function insidePolygon(points: readonly (readonly [number, number])[], x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
    const [xi, yi] = points[i] ?? [0, 0];
    const [xj, yj] = points[j] ?? [0, 0];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Samples `shape` at body point (x, y) into `out`. */
export function sampleShape(shape: AtlasShape, x: number, y: number, out: ShapeSample): void {
  switch (shape.kind) {
    case 'polyline':
      samplePolyline(shape.points, shape.profile === 'rod', x, y, out);
      return;
    case 'ellipse': {
      const c = Math.cos(shape.angleRad);
      const s = Math.sin(shape.angleRad);
      const dx = x - shape.cx;
      const dy = y - shape.cy;
      const a = (c * dx + s * dy) / shape.rx;
      const b = (-s * dx + c * dy) / shape.ry;
      const q = a * a + b * b;
      out.depth = shape.depth;
      if (q >= 1) out.value = 0;
      else if (shape.profile === 'flat') out.value = 1;
      else if (shape.profile === 'rod') out.value = Math.sqrt(1 - q);
      else {
        const inner = q < shellInner * shellInner ? Math.sqrt(shellInner * shellInner - q) : 0;
        out.value = (Math.sqrt(1 - q) - inner) / shellPeak;
      }
      return;
    }
    case 'polygon':
      out.value = insidePolygon(shape.points, x, y) ? 1 : 0;
      out.depth = shape.depth;
      return;
    case 'slab': {
      out.value = 0;
      out.depth = shape.depth;
      const { levels } = shape;
      for (let i = 0; i + 1 < levels.length; i++) {
        const [y0, w0] = levels[i] ?? [0, 0];
        const [y1, w1] = levels[i + 1] ?? [0, 0];
        if (y < y0 || y > y1) continue;
        const w = y1 === y0 ? w0 : w0 + ((y - y0) / (y1 - y0)) * (w1 - w0);
        const q = ((x - shape.cx) / w) ** 2;
        out.value = q < 1 ? Math.sqrt(1 - q) : 0;
        return;
      }
      return;
    }
  }
}

/** Body-coordinate bounding box of a shape: [xMin, yMin, xMax, yMax]. */
function shapeBounds(shape: AtlasShape): [number, number, number, number] {
  switch (shape.kind) {
    case 'polyline':
      return [
        Math.min(...shape.points.map((p) => p.x - p.r)),
        Math.min(...shape.points.map((p) => p.y - p.r)),
        Math.max(...shape.points.map((p) => p.x + p.r)),
        Math.max(...shape.points.map((p) => p.y + p.r)),
      ];
    case 'ellipse': {
      const r = Math.max(shape.rx, shape.ry);
      return [shape.cx - r, shape.cy - r, shape.cx + r, shape.cy + r];
    }
    case 'polygon':
      return [
        Math.min(...shape.points.map((p) => p[0])),
        Math.min(...shape.points.map((p) => p[1])),
        Math.max(...shape.points.map((p) => p[0])),
        Math.max(...shape.points.map((p) => p[1])),
      ];
    case 'slab': {
      const w = Math.max(...shape.levels.map((l) => l[1]));
      return [
        shape.cx - w,
        Math.min(...shape.levels.map((l) => l[0])),
        shape.cx + w,
        Math.max(...shape.levels.map((l) => l[0])),
      ];
    }
  }
}

/** Pixel bounding box [c0, r0, c1, r1] (inclusive, clipped to the grid) of a body-coordinate box. */
export function pixelBounds(
  frame: PixelFrame,
  box: readonly [number, number, number, number],
): [number, number, number, number] {
  const corners = [
    pixelOfBodyPoint(frame, box[0], box[1]),
    pixelOfBodyPoint(frame, box[2], box[1]),
    pixelOfBodyPoint(frame, box[0], box[3]),
    pixelOfBodyPoint(frame, box[2], box[3]),
  ];
  const cs = corners.map((c) => c[0]);
  const rs = corners.map((c) => c[1]);
  return [
    Math.max(0, Math.floor(Math.min(...cs)) - 1),
    Math.max(0, Math.floor(Math.min(...rs)) - 1),
    Math.min(frame.columns - 1, Math.ceil(Math.max(...cs)) + 1),
    Math.min(frame.rows - 1, Math.ceil(Math.max(...rs)) + 1),
  ];
}

/**
 * Calls `visit(pixelIndex, value, depth)` for every pixel whose centre lies inside `shape` (value > 0). A
 * pixel near the joint of a polyline may be visited more than once: callers keep the largest value.
 */
export function rasterShape(
  frame: PixelFrame,
  shape: AtlasShape,
  visit: (index: number, value: number, depth: number) => void,
): void {
  if (shape.kind === 'polyline' && shape.points.length > 2) {
    // Segment by segment: a long bent bone's bounding box is mostly empty. Pixels near a joint are visited
    // once per segment; callers keep the maximum.
    for (let i = 0; i + 1 < shape.points.length; i++) {
      rasterShape(frame, { ...shape, points: shape.points.slice(i, i + 2) }, visit);
    }
    return;
  }
  const [c0, r0, c1, r1] = pixelBounds(frame, shapeBounds(shape));
  const sample: ShapeSample = { value: 0, depth: 0 };
  for (let row = r0; row <= r1; row++) {
    for (let column = c0; column <= c1; column++) {
      const [x, y] = bodyPointOfPixel(frame, column, row);
      sampleShape(shape, x, y, sample);
      if (sample.value > 0) visit(row * frame.columns + column, sample.value, sample.depth);
    }
  }
}
