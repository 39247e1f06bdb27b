/**
 * A synthetic, noise-free planar skeleton for the bone-scan tracking tests: parts drawn as soft-edged
 * rectangles and ellipses in body coordinates (mm, origin at the image centre, x towards image right, y
 * towards the feet), rendered after a known rotation and shift, with optional lesions (discs of uptake
 * `contrast` × the bone's). 128 × 384 pixels of 2.5 mm; normal bone 100 counts per pixel (× the part's
 * relative uptake), soft tissue 10.
 *
 * The transform from body point b to pixel is p = R(θ)·b / spacing + centre + shift, so the same body
 * point in two renderings gives the hand-known correspondence the tests check.
 */
import { boneScanPart, type BoneScanPartId, type ViewName } from '@bonemet/bonescan';
import type { BoneScanViewImage } from '../bone-scan-registration.js';

export const SPACING_MM = 2.5;
export const COLUMNS = 128;
export const ROWS = 384;
export const NORMAL_BONE = 100;
const SOFT_TISSUE = 10;
const EDGE_MM = 3;

type Shape =
  | { kind: 'box'; part: BoneScanPartId; x0: number; x1: number; y0: number; y1: number; uptake: number }
  | { kind: 'ellipse'; part: BoneScanPartId; cx: number; cy: number; rx: number; ry: number; uptake: number };

const shapes: readonly Shape[] = [
  { kind: 'ellipse', part: 'skull', cx: 0, cy: -400, rx: 70, ry: 85, uptake: 0.8 },
  { kind: 'box', part: 'cervical_spine', x0: -12, x1: 12, y0: -310, y1: -230, uptake: 1.3 },
  { kind: 'box', part: 'thoracic_spine', x0: -14, x1: 14, y0: -225, y1: -20, uptake: 1.5 },
  { kind: 'box', part: 'lumbar_spine', x0: -17, x1: 17, y0: -15, y1: 110, uptake: 1.8 },
  { kind: 'box', part: 'sacrum', x0: -30, x1: 30, y0: 115, y1: 170, uptake: 1.4 },
  { kind: 'ellipse', part: 'pelvis', cx: -75, cy: 150, rx: 45, ry: 60, uptake: 1.1 },
  { kind: 'ellipse', part: 'pelvis', cx: 75, cy: 150, rx: 45, ry: 60, uptake: 1.1 },
  ...[-200, -165, -130, -95, -60].flatMap((y): Shape[] => [
    { kind: 'box', part: 'ribs', x0: -130, x1: -22, y0: y, y1: y + 9, uptake: 0.7 },
    { kind: 'box', part: 'ribs', x0: 22, x1: 130, y0: y + 4, y1: y + 13, uptake: 0.7 },
  ]),
  { kind: 'box', part: 'clavicle_right', x0: -120, x1: -20, y0: -235, y1: -225, uptake: 0.8 },
  { kind: 'box', part: 'clavicle_left', x0: 20, x1: 120, y0: -232, y1: -222, uptake: 0.8 },
  { kind: 'ellipse', part: 'scapula_right', cx: -105, cy: -170, rx: 28, ry: 50, uptake: 0.5 },
  { kind: 'ellipse', part: 'scapula_left', cx: 105, cy: -170, rx: 28, ry: 50, uptake: 0.5 },
  { kind: 'box', part: 'femur_right', x0: -95, x1: -70, y0: 200, y1: 430, uptake: 0.6 },
  { kind: 'box', part: 'femur_left', x0: 70, x1: 95, y0: 205, y1: 430, uptake: 0.6 },
];

export interface SyntheticLesion {
  /** Body point, mm. */
  readonly centreMm: readonly [number, number];
  readonly diameterMm: number;
  /** Uptake as a multiple of the bone's. */
  readonly contrast: number;
}

export interface RenderOptions {
  readonly view?: ViewName;
  readonly rotationDeg?: number;
  readonly shiftPx?: readonly [number, number];
  readonly lesions?: readonly SyntheticLesion[];
  /** Multiplies every count (a scan with more or fewer counts). */
  readonly countScale?: number;
}

/** Soft inside-weight 0..1 of a shape at body point (x, y). */
function weightOf(shape: Shape, x: number, y: number): number {
  let signedMm: number;
  if (shape.kind === 'box') {
    const dx = Math.max(shape.x0 - x, x - shape.x1);
    const dy = Math.max(shape.y0 - y, y - shape.y1);
    signedMm = Math.max(dx, dy);
  } else {
    const q = Math.hypot((x - shape.cx) / shape.rx, (y - shape.cy) / shape.ry);
    signedMm = (q - 1) * Math.min(shape.rx, shape.ry);
  }
  return Math.min(1, Math.max(0, 0.5 - signedMm / (2 * EDGE_MM)));
}

/** Pixel (column, row) of a body point under a rendering's rotation and shift. */
export function pixelOfBodyPointMm(
  x: number,
  y: number,
  rotationDeg = 0,
  shiftPx: readonly [number, number] = [0, 0],
): [number, number] {
  const t = (rotationDeg * Math.PI) / 180;
  const u = (Math.cos(t) * x - Math.sin(t) * y) / SPACING_MM;
  const v = (Math.sin(t) * x + Math.cos(t) * y) / SPACING_MM;
  return [(COLUMNS - 1) / 2 + u + shiftPx[0], (ROWS - 1) / 2 + v + shiftPx[1]];
}

/** One rendered view (see the module comment). */
export function renderSyntheticView(options: RenderOptions = {}): BoneScanViewImage {
  const t = ((options.rotationDeg ?? 0) * Math.PI) / 180;
  const [sc, sr] = options.shiftPx ?? [0, 0];
  const scale = options.countScale ?? 1;
  const counts = new Float32Array(COLUMNS * ROWS);
  const labels = new Uint8Array(COLUMNS * ROWS);
  for (let row = 0; row < ROWS; row++) {
    for (let column = 0; column < COLUMNS; column++) {
      const u = (column - (COLUMNS - 1) / 2 - sc) * SPACING_MM;
      const v = (row - (ROWS - 1) / 2 - sr) * SPACING_MM;
      const x = Math.cos(t) * u + Math.sin(t) * v;
      const y = -Math.sin(t) * u + Math.cos(t) * v;
      let value = Math.abs(x) < 150 && Math.abs(y) < 470 ? SOFT_TISSUE : 0;
      let label = 0;
      let labelWeight = 0;
      for (const shape of shapes) {
        const w = weightOf(shape, x, y);
        if (w <= 0) continue;
        let multiplier = 1;
        for (const lesion of options.lesions ?? []) {
          const d = Math.hypot(x - lesion.centreMm[0], y - lesion.centreMm[1]);
          const lw = Math.min(1, Math.max(0, 0.5 - (d - lesion.diameterMm / 2) / (2 * EDGE_MM)));
          multiplier = Math.max(multiplier, 1 + (lesion.contrast - 1) * lw);
        }
        value += NORMAL_BONE * shape.uptake * w * multiplier;
        if (w >= 0.5 && w >= labelWeight) {
          label = boneScanPart(shape.part).label;
          labelWeight = w;
        }
      }
      counts[row * COLUMNS + column] = value * scale;
      labels[row * COLUMNS + column] = label;
    }
  }
  return {
    view: options.view ?? 'anterior',
    counts,
    columns: COLUMNS,
    rows: ROWS,
    pixelSpacingMm: [SPACING_MM, SPACING_MM],
    labels,
    normalBoneCounts: NORMAL_BONE * scale,
  };
}
