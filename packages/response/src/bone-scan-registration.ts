/**
 * Registration of a later whole-body bone-scan view onto an earlier view of the same name (anterior to
 * anterior, posterior to posterior), skeleton-aware and non-rigid.
 *
 * Both views are in the reading orientation of @bonemet/bonescan (head at row 0, patient's left on image
 * right, the posterior view mirrored), so the same anatomy lies on the same side in both.
 *
 * Method:
 * 1. Similarity start (rotation, isotropic scale, translation; in mm so that different pixel sizes are
 *    handled) fitted by weighted least squares (Umeyama 1991) to matched skeleton landmarks: the centroid of
 *    every skeleton part labelled in both segmentations and, for parts of ≥ 400 pixels, the centroids of
 *    the part's four quadrants about its centroid. Weights are √(pixel count); one re-weighting pass
 *    (Tukey biweight, c = 4.685 × 1.4826 × median residual) damps landmarks that moved alone. The arm
 *    bones (humerus, radius, ulna, hand) are left out: the arm pose changes between scans.
 * 2. Smooth deformation on a coarse grid of control points (every 16 pixels): at each control point whose
 *    25 × 25-pixel block holds skeleton, the integer shift (± 4 pixels, then ± 2 in a second pass) that
 *    maximises the normalised cross-correlation of the count-normalised images (counts ÷ the view's
 *    normal-bone level, clipped at 2.5 so that lesions, which change, do not drive it) over the block's
 *    skeleton pixels (the earlier mask dilated by 2 pixels). Shifts are whole pixels: a sub-pixel peak fit
 *    is biased by the asymmetry of the correlation peak (it moves even identical images), and the
 *    similarity already places the images to a fraction of a pixel; the regularisation below averages
 *    neighbouring shifts into a smooth, fractional field. The shifts are regularised: a 3 × 3 vector median removes outliers, points without skeleton or with a
 *    weak correlation (< 0.5) are filled by a Gaussian-weighted average of their neighbours, and the field
 *    is smoothed with a Gaussian of σ = 1 control point. The dense field is the bilinear interpolation of
 *    the control points (a piecewise-bilinear free-form deformation).
 * 3. Residual: the mean distance, mm, between each earlier part centroid and the later centroid of the
 *    same part mapped into the earlier frame (arm bones left out, as in step 1). The landmarks are those
 *    of the fit, so this is a consistency measure, not an independent error.
 *
 * The transform T maps an earlier pixel (column, row) to the later pixel that shows the same anatomy:
 * T(p) = A·p + D(p), with A the similarity in pixels and D the deformation (later pixels).
 */
import { boneScanParts, type ViewName } from '@bonemet/bonescan';

/** One view of one study, as registration and subtraction need it. */
export interface BoneScanViewImage {
  readonly view: ViewName;
  /** Counts per pixel, row by row, reading orientation. */
  readonly counts: Float32Array;
  readonly columns: number;
  readonly rows: number;
  /** [between rows, between columns], mm. */
  readonly pixelSpacingMm: readonly [number, number];
  /** Skeleton part labels (0 = not skeleton), as @bonemet/bonescan's segmentation gives them. */
  readonly labels: Uint8Array;
  /** The view's normal-bone level, counts per pixel (hotspot analysis `normalBoneCounts`). */
  readonly normalBoneCounts: number;
}

/** A similarity in pixels: later = matrix · earlier + offset. */
export interface PixelAffine {
  /** Row-major 2 × 2: [[m00, m01], [m10, m11]] acting on (column, row). */
  readonly matrix: readonly [number, number, number, number];
  readonly offsetPx: readonly [number, number];
}

export interface DeformationGrid {
  /** Control-point spacing, earlier pixels. */
  readonly spacingPx: number;
  readonly nodeColumns: number;
  readonly nodeRows: number;
  /** Displacement of each control point in later pixels (column, row), row by row. */
  readonly dx: Float32Array;
  readonly dy: Float32Array;
}

export interface ViewRegistration {
  readonly view: ViewName;
  readonly earlier: {
    readonly columns: number;
    readonly rows: number;
    readonly pixelSpacingMm: readonly [number, number];
  };
  readonly later: {
    readonly columns: number;
    readonly rows: number;
    readonly pixelSpacingMm: readonly [number, number];
  };
  readonly affine: PixelAffine;
  readonly deformation: DeformationGrid;
  /** Rotation of the later scan relative to the earlier, degrees (positive: later turned clockwise on the image). */
  readonly rotationDeg: number;
  /** Scale of the similarity (later mm per earlier mm). */
  readonly scale: number;
  /** Translation of the image centre, mm (column, row directions). */
  readonly translationMm: readonly [number, number];
  /** Mean part-centroid distance after registration, mm; null with fewer than 3 common parts. */
  readonly residualMm: number | null;
  /** Parts used for the residual. */
  readonly landmarkCount: number;
  /** Control points whose shift was measured (the others were filled from their neighbours). */
  readonly measuredControlPoints: number;
  readonly warnings: readonly string[];
}

/** Arm parts: left out of the similarity and of the residual (their pose changes between scans). */
const ARM_PART_LABELS = new Set<number>(
  boneScanParts
    .filter((part) => ['humerus', 'radius', 'ulna', 'hand'].includes(part.bsiRegion))
    .map((part) => part.label),
);

/** Whether a part label is an arm bone (humerus, radius, ulna, hand). */
export function isArmPartLabel(label: number): boolean {
  return ARM_PART_LABELS.has(label);
}

const GRID_SPACING_PX = 16;
const BLOCK_HALF_PX = 12;
const FIRST_SEARCH_PX = 4;
const SECOND_SEARCH_PX = 2;
const MIN_CORRELATION = 0.5;
const CLIP_RATIO = 2.5;
const TIE_PENALTY = 0.002;
const MIN_PART_PIXELS = 20;
const QUADRANT_MIN_PIXELS = 400;

interface Landmark {
  readonly key: string;
  readonly label: number;
  readonly columnPx: number;
  readonly rowPx: number;
  readonly pixels: number;
}

/** Part centroids, and the centroids of the quadrants of large parts, keyed by part and quadrant. */
function skeletonLandmarks(image: BoneScanViewImage): Map<string, Landmark> {
  const { columns, labels } = image;
  const sums = new Map<number, { c: number; r: number; n: number }>();
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i] ?? 0;
    if (label === 0) continue;
    const column = i % columns;
    const row = (i - column) / columns;
    const s = sums.get(label);
    if (s === undefined) sums.set(label, { c: column, r: row, n: 1 });
    else {
      s.c += column;
      s.r += row;
      s.n += 1;
    }
  }
  const out = new Map<string, Landmark>();
  const quadrants = new Map<string, { c: number; r: number; n: number }>();
  for (const [label, s] of sums) {
    if (s.n < MIN_PART_PIXELS) continue;
    out.set(String(label), { key: String(label), label, columnPx: s.c / s.n, rowPx: s.r / s.n, pixels: s.n });
  }
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i] ?? 0;
    const centre = out.get(String(label));
    if (label === 0 || centre === undefined || centre.pixels < QUADRANT_MIN_PIXELS) continue;
    const column = i % columns;
    const row = (i - column) / columns;
    const key = `${String(label)}:${row < centre.rowPx ? 'u' : 'd'}${column < centre.columnPx ? 'l' : 'r'}`;
    const q = quadrants.get(key);
    if (q === undefined) quadrants.set(key, { c: column, r: row, n: 1 });
    else {
      q.c += column;
      q.r += row;
      q.n += 1;
    }
  }
  for (const [key, q] of quadrants) {
    if (q.n < MIN_PART_PIXELS) continue;
    const label = Number(key.slice(0, key.indexOf(':')));
    out.set(key, { key, label, columnPx: q.c / q.n, rowPx: q.r / q.n, pixels: q.n });
  }
  return out;
}

interface Similarity {
  /** later_mm = scale · R(θ) · earlier_mm + t */
  readonly scale: number;
  readonly thetaRad: number;
  readonly tMm: readonly [number, number];
}

/** Weighted least-squares similarity from earlier points (x) to later points (y), Umeyama 1991. */
function fitSimilarity(
  x: readonly (readonly [number, number])[],
  y: readonly (readonly [number, number])[],
  w: readonly number[],
): Similarity {
  let sw = 0;
  let mx0 = 0;
  let mx1 = 0;
  let my0 = 0;
  let my1 = 0;
  x.forEach((p, i) => {
    const wi = w[i] ?? 0;
    const q = y[i] ?? p;
    sw += wi;
    mx0 += wi * p[0];
    mx1 += wi * p[1];
    my0 += wi * q[0];
    my1 += wi * q[1];
  });
  if (!(sw > 0)) return { scale: 1, thetaRad: 0, tMm: [0, 0] };
  mx0 /= sw;
  mx1 /= sw;
  my0 /= sw;
  my1 /= sw;
  let a = 0;
  let b = 0;
  let varX = 0;
  x.forEach((p, i) => {
    const wi = w[i] ?? 0;
    const q = y[i] ?? p;
    const px = p[0] - mx0;
    const py = p[1] - mx1;
    const qx = q[0] - my0;
    const qy = q[1] - my1;
    a += wi * (px * qx + py * qy);
    b += wi * (px * qy - py * qx);
    varX += wi * (px * px + py * py);
  });
  const thetaRad = Math.atan2(b, a);
  const scale = varX > 0 ? Math.hypot(a, b) / varX : 1;
  const c = Math.cos(thetaRad);
  const s = Math.sin(thetaRad);
  return {
    scale,
    thetaRad,
    tMm: [my0 - scale * (c * mx0 - s * mx1), my1 - scale * (s * mx0 + c * mx1)],
  };
}

function applySimilarity(t: Similarity, p: readonly [number, number]): [number, number] {
  const c = Math.cos(t.thetaRad);
  const s = Math.sin(t.thetaRad);
  return [t.scale * (c * p[0] - s * p[1]) + t.tMm[0], t.scale * (s * p[0] + c * p[1]) + t.tMm[1]];
}

function medianOf(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((p, q) => p - q);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** The similarity in pixels from the similarity in mm (x_mm = column × column spacing, y_mm = row × row spacing). */
function pixelAffineOf(t: Similarity, earlier: BoneScanViewImage, later: BoneScanViewImage): PixelAffine {
  const [erMm, ecMm] = earlier.pixelSpacingMm;
  const [lrMm, lcMm] = later.pixelSpacingMm;
  const c = Math.cos(t.thetaRad) * t.scale;
  const s = Math.sin(t.thetaRad) * t.scale;
  return {
    matrix: [(c * ecMm) / lcMm, (-s * erMm) / lcMm, (s * ecMm) / lrMm, (c * erMm) / lrMm],
    offsetPx: [t.tMm[0] / lcMm, t.tMm[1] / lrMm],
  };
}

function affinePoint(a: PixelAffine, column: number, row: number): [number, number] {
  const [m00, m01, m10, m11] = a.matrix;
  return [m00 * column + m01 * row + a.offsetPx[0], m10 * column + m11 * row + a.offsetPx[1]];
}

/** Bilinear sample of an image at a fractional pixel; `outside` beyond the image. */
function bilinear(values: Float32Array, columns: number, rows: number, c: number, r: number, outside: number): number {
  if (!(c >= 0 && r >= 0 && c <= columns - 1 && r <= rows - 1)) return outside;
  const c0 = Math.min(columns - 2, Math.floor(c));
  const r0 = Math.min(rows - 2, Math.floor(r));
  const fc = c - c0;
  const fr = r - r0;
  const i = r0 * columns + c0;
  const v00 = values[i] ?? 0;
  const v01 = values[i + 1] ?? 0;
  const v10 = values[i + columns] ?? 0;
  const v11 = values[i + columns + 1] ?? 0;
  return (v00 * (1 - fc) + v01 * fc) * (1 - fr) + (v10 * (1 - fc) + v11 * fc) * fr;
}

/** Displacement of the deformation at an earlier pixel (bilinear between control points). */
function displacementAt(grid: DeformationGrid, column: number, row: number): [number, number] {
  const gc = Math.min(grid.nodeColumns - 1, Math.max(0, column / grid.spacingPx));
  const gr = Math.min(grid.nodeRows - 1, Math.max(0, row / grid.spacingPx));
  return [
    bilinear(grid.dx, grid.nodeColumns, grid.nodeRows, gc, gr, 0),
    bilinear(grid.dy, grid.nodeColumns, grid.nodeRows, gc, gr, 0),
  ];
}

/** The later pixel that shows the anatomy at earlier pixel (column, row). */
export function mapEarlierToLater(registration: ViewRegistration, column: number, row: number): [number, number] {
  const [c, r] = affinePoint(registration.affine, column, row);
  const [dx, dy] = displacementAt(registration.deformation, column, row);
  return [c + dx, r + dy];
}

/** The earlier pixel that shows the anatomy at later pixel (column, row): T⁻¹ by fixed-point iteration. */
export function mapLaterToEarlier(registration: ViewRegistration, column: number, row: number): [number, number] {
  const [m00, m01, m10, m11] = registration.affine.matrix;
  const det = m00 * m11 - m01 * m10;
  const inverse = (c: number, r: number): [number, number] => {
    const u = c - registration.affine.offsetPx[0];
    const v = r - registration.affine.offsetPx[1];
    return [(m11 * u - m01 * v) / det, (-m10 * u + m00 * v) / det];
  };
  let p = inverse(column, row);
  // The deformation is smooth and a few pixels at most, so the iteration contracts quickly.
  for (let k = 0; k < 12; k++) {
    const [dx, dy] = displacementAt(registration.deformation, p[0], p[1]);
    const next = inverse(column - dx, row - dy);
    const moved = Math.hypot(next[0] - p[0], next[1] - p[1]);
    p = next;
    if (moved < 1e-4) break;
  }
  return p;
}

/** `later` resampled on the earlier grid through the transform (bilinear); NaN where T leaves the later image. */
export function resampleOnEarlierGrid(registration: ViewRegistration, later: Float32Array): Float32Array {
  const { columns, rows } = registration.earlier;
  const out = new Float32Array(columns * rows);
  fillWarped(out, registration.affine, registration.deformation, later, registration.later, columns, rows, Number.NaN);
  return out;
}

function fillWarped(
  out: Float32Array,
  affine: PixelAffine,
  grid: DeformationGrid,
  source: Float32Array,
  size: { readonly columns: number; readonly rows: number },
  columns: number,
  rows: number,
  outside: number,
): void {
  const [m00, m01, m10, m11] = affine.matrix;
  const nodeRowDx = new Float32Array(grid.nodeColumns);
  const nodeRowDy = new Float32Array(grid.nodeColumns);
  for (let row = 0; row < rows; row++) {
    // The deformation along this row: first between node rows, then between node columns.
    const gr = Math.min(grid.nodeRows - 1, row / grid.spacingPx);
    const r0 = Math.min(grid.nodeRows - 2, Math.floor(gr));
    const fr = grid.nodeRows < 2 ? 0 : gr - Math.max(0, r0);
    for (let nc = 0; nc < grid.nodeColumns; nc++) {
      const a = Math.max(0, r0) * grid.nodeColumns + nc;
      const b = grid.nodeRows < 2 ? a : a + grid.nodeColumns;
      nodeRowDx[nc] = (grid.dx[a] ?? 0) * (1 - fr) + (grid.dx[b] ?? 0) * fr;
      nodeRowDy[nc] = (grid.dy[a] ?? 0) * (1 - fr) + (grid.dy[b] ?? 0) * fr;
    }
    for (let column = 0; column < columns; column++) {
      const gc = Math.min(grid.nodeColumns - 1, column / grid.spacingPx);
      const c0 = Math.max(0, Math.min(grid.nodeColumns - 2, Math.floor(gc)));
      const fc = grid.nodeColumns < 2 ? 0 : gc - c0;
      const c1 = grid.nodeColumns < 2 ? c0 : c0 + 1;
      const dx = (nodeRowDx[c0] ?? 0) * (1 - fc) + (nodeRowDx[c1] ?? 0) * fc;
      const dy = (nodeRowDy[c0] ?? 0) * (1 - fc) + (nodeRowDy[c1] ?? 0) * fc;
      const c = m00 * column + m01 * row + affine.offsetPx[0] + dx;
      const r = m10 * column + m11 * row + affine.offsetPx[1] + dy;
      out[row * columns + column] = bilinear(source, size.columns, size.rows, c, r, outside);
    }
  }
}

/** Counts ÷ normal-bone level, clipped, then a 3 × 3 mean against Poisson noise (separable, edges averaged over what exists). */
function normalisedImage(image: BoneScanViewImage): Float32Array {
  const { columns, rows } = image;
  const level = image.normalBoneCounts > 0 ? image.normalBoneCounts : 1;
  const clipped = new Float32Array(columns * rows);
  for (let i = 0; i < clipped.length; i++) clipped[i] = Math.min(CLIP_RATIO, (image.counts[i] ?? 0) / level);
  const horizontal = new Float32Array(columns * rows);
  for (let row = 0; row < rows; row++) {
    const base = row * columns;
    for (let column = 0; column < columns; column++) {
      const from = Math.max(0, column - 1);
      const to = Math.min(columns - 1, column + 1);
      let sum = 0;
      for (let c = from; c <= to; c++) sum += clipped[base + c] ?? 0;
      horizontal[base + column] = sum / (to - from + 1);
    }
  }
  const out = new Float32Array(columns * rows);
  for (let row = 0; row < rows; row++) {
    const from = Math.max(0, row - 1);
    const to = Math.min(rows - 1, row + 1);
    for (let column = 0; column < columns; column++) {
      let sum = 0;
      for (let r = from; r <= to; r++) sum += horizontal[r * columns + column] ?? 0;
      out[row * columns + column] = sum / (to - from + 1);
    }
  }
  return out;
}

/** The earlier skeleton mask dilated by 2 pixels (the bone edges carry most of the structure). */
function dilatedMask(labels: Uint8Array, columns: number, rows: number): Uint8Array {
  const out = new Uint8Array(columns * rows);
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++) {
      if ((labels[row * columns + column] ?? 0) === 0) continue;
      for (let r = Math.max(0, row - 2); r <= Math.min(rows - 1, row + 2); r++)
        for (let c = Math.max(0, column - 2); c <= Math.min(columns - 1, column + 2); c++) out[r * columns + c] = 1;
    }
  }
  return out;
}

interface BlockShift {
  readonly dx: number;
  readonly dy: number;
  readonly correlation: number;
}

/** Best whole-pixel shift of one block by normalised cross-correlation over the masked pixels. */
function matchBlock(
  fixed: Float32Array,
  moving: Float32Array,
  pixels: Int32Array,
  box: { readonly c0: number; readonly c1: number; readonly r0: number; readonly r1: number },
  columns: number,
  rows: number,
  search: number,
): BlockShift | null {
  const n = pixels.length;
  let sf = 0;
  let sff = 0;
  for (const i of pixels) {
    const f = fixed[i] ?? 0;
    sf += f;
    sff += f * f;
  }
  const varF = sff - (sf * sf) / n;
  if (!(varF > 1e-6 * n)) return null;
  const side = 2 * search + 1;
  let best = -2;
  let bestIndex = -1;
  for (let oy = -search; oy <= search; oy++) {
    if (box.r0 + oy < 0 || box.r1 + oy >= rows) continue;
    for (let ox = -search; ox <= search; ox++) {
      if (box.c0 + ox < 0 || box.c1 + ox >= columns) continue;
      const offset = oy * columns + ox;
      let sm = 0;
      let smm = 0;
      let sfm = 0;
      for (const i of pixels) {
        const m = moving[i + offset] ?? 0;
        sm += m;
        smm += m * m;
        sfm += (fixed[i] ?? 0) * m;
      }
      const varM = smm - (sm * sm) / n;
      // NaN (outside the later image) fails every comparison and leaves the offset unscored.
      if (!(varM > 1e-6 * n)) continue;
      // A small penalty on the shift's length breaks ties (an edge matches equally all along itself) in
      // favour of the smaller shift; real differences of correlation are much larger.
      const score =
        (sfm - (sf * sm) / n) / Math.sqrt(varF * varM) - (TIE_PENALTY * (ox * ox + oy * oy)) / (search * search);
      if (!(score > -2)) continue;
      const index = (oy + search) * side + (ox + search);
      if (score > best) {
        best = score;
        bestIndex = index;
      }
    }
  }
  if (bestIndex < 0) return null;
  return { dx: (bestIndex % side) - search, dy: Math.floor(bestIndex / side) - search, correlation: best };
}

interface NodeShifts {
  readonly dx: Float32Array;
  readonly dy: Float32Array;
  readonly valid: Uint8Array;
}

function measureShifts(
  fixed: Float32Array,
  moving: Float32Array,
  mask: Uint8Array,
  columns: number,
  rows: number,
  nodeColumns: number,
  nodeRows: number,
  search: number,
): NodeShifts {
  const count = nodeColumns * nodeRows;
  const dx = new Float32Array(count);
  const dy = new Float32Array(count);
  const valid = new Uint8Array(count);
  const block = (2 * BLOCK_HALF_PX + 1) ** 2;
  const buffer = new Int32Array(block);
  for (let nr = 0; nr < nodeRows; nr++) {
    for (let nc = 0; nc < nodeColumns; nc++) {
      const cc = nc * GRID_SPACING_PX;
      const cr = nr * GRID_SPACING_PX;
      let n = 0;
      const box = {
        c0: Math.max(0, cc - BLOCK_HALF_PX),
        c1: Math.min(columns - 1, cc + BLOCK_HALF_PX),
        r0: Math.max(0, cr - BLOCK_HALF_PX),
        r1: Math.min(rows - 1, cr + BLOCK_HALF_PX),
      };
      for (let r = box.r0; r <= box.r1; r++) {
        for (let c = box.c0; c <= box.c1; c++) {
          const i = r * columns + c;
          if (mask[i] === 1) buffer[n++] = i;
        }
      }
      // A block needs enough skeleton to carry structure: at least 15 % of its area.
      if (n < 0.15 * block) continue;
      const shift = matchBlock(fixed, moving, buffer.subarray(0, n), box, columns, rows, search);
      if (shift === null || shift.correlation < MIN_CORRELATION) continue;
      const k = nr * nodeColumns + nc;
      dx[k] = shift.dx;
      dy[k] = shift.dy;
      valid[k] = 1;
    }
  }
  return { dx, dy, valid };
}

/** Regularises measured control-point shifts: vector median, neighbour fill, Gaussian smoothing (σ = 1 node). */
function regulariseShifts(
  shifts: NodeShifts,
  nodeColumns: number,
  nodeRows: number,
): { dx: Float32Array; dy: Float32Array } {
  const count = nodeColumns * nodeRows;
  const mx = new Float32Array(count);
  const my = new Float32Array(count);
  const valid = Uint8Array.from(shifts.valid);
  for (let nr = 0; nr < nodeRows; nr++) {
    for (let nc = 0; nc < nodeColumns; nc++) {
      const k = nr * nodeColumns + nc;
      if (shifts.valid[k] !== 1) continue;
      const xs: number[] = [];
      const ys: number[] = [];
      for (let r = Math.max(0, nr - 1); r <= Math.min(nodeRows - 1, nr + 1); r++)
        for (let c = Math.max(0, nc - 1); c <= Math.min(nodeColumns - 1, nc + 1); c++) {
          const j = r * nodeColumns + c;
          if (shifts.valid[j] !== 1) continue;
          xs.push(shifts.dx[j] ?? 0);
          ys.push(shifts.dy[j] ?? 0);
        }
      const medianX = medianOf(xs);
      const medianY = medianOf(ys);
      // A shift more than 1.5 pixels from its neighbours' median is an outlier (a lesion or noise drove it).
      if (xs.length >= 3 && Math.hypot((shifts.dx[k] ?? 0) - medianX, (shifts.dy[k] ?? 0) - medianY) > 1.5) {
        mx[k] = medianX;
        my[k] = medianY;
      } else {
        mx[k] = shifts.dx[k] ?? 0;
        my[k] = shifts.dy[k] ?? 0;
      }
    }
  }
  // Gaussian-weighted average of measured nodes (σ = 1 node, reach 3); nodes far from any measurement decay to 0.
  const dx = new Float32Array(count);
  const dy = new Float32Array(count);
  for (let nr = 0; nr < nodeRows; nr++) {
    for (let nc = 0; nc < nodeColumns; nc++) {
      let sw = 0;
      let sx = 0;
      let sy = 0;
      for (let r = Math.max(0, nr - 3); r <= Math.min(nodeRows - 1, nr + 3); r++)
        for (let c = Math.max(0, nc - 3); c <= Math.min(nodeColumns - 1, nc + 3); c++) {
          const j = r * nodeColumns + c;
          if (valid[j] !== 1) continue;
          const w = Math.exp(-((r - nr) ** 2 + (c - nc) ** 2) / 2);
          sw += w;
          sx += w * (mx[j] ?? 0);
          sy += w * (my[j] ?? 0);
        }
      const k = nr * nodeColumns + nc;
      // The 0.05 prior weight pulls isolated or unmeasured nodes towards no deformation.
      dx[k] = sx / (sw + 0.05);
      dy[k] = sy / (sw + 0.05);
    }
  }
  return { dx, dy };
}

export interface RegisterBoneScanViewOptions {
  /** Skip the deformation (similarity only), e.g. to compare. Default false. */
  readonly rigidOnly?: boolean;
}

/** Registers `later` onto `earlier` (same view name; see the module comment). */
export function registerBoneScanView(
  earlier: BoneScanViewImage,
  later: BoneScanViewImage,
  options: RegisterBoneScanViewOptions = {},
): ViewRegistration {
  const warnings: string[] = [];
  const earlierMarks = skeletonLandmarks(earlier);
  const laterMarks = skeletonLandmarks(later);
  const [erMm, ecMm] = earlier.pixelSpacingMm;
  const [lrMm, lcMm] = later.pixelSpacingMm;
  const x: [number, number][] = [];
  const y: [number, number][] = [];
  const w: number[] = [];
  for (const [key, mark] of earlierMarks) {
    const other = laterMarks.get(key);
    if (other === undefined || isArmPartLabel(mark.label)) continue;
    x.push([mark.columnPx * ecMm, mark.rowPx * erMm]);
    y.push([other.columnPx * lcMm, other.rowPx * lrMm]);
    w.push(Math.sqrt(Math.min(mark.pixels, other.pixels)));
  }
  let similarity: Similarity;
  if (x.length >= 3) {
    similarity = fitSimilarity(x, y, w);
    const residuals = x.map((p, i) => {
      const q = applySimilarity(similarity, p);
      const target = y[i] ?? q;
      return Math.hypot(q[0] - target[0], q[1] - target[1]);
    });
    const scaleMm = 1.4826 * medianOf(residuals);
    if (scaleMm > 0) {
      const c = 4.685 * scaleMm;
      const robust = w.map((wi, i) => {
        const u = (residuals[i] ?? 0) / c;
        return u >= 1 ? 0 : wi * (1 - u * u) ** 2;
      });
      if (robust.filter((value) => value > 0).length >= 3) similarity = fitSimilarity(x, y, robust);
    }
  } else {
    warnings.push(
      `${earlier.view} view: fewer than 3 skeleton parts in both segmentations; the images are aligned by their centres`,
    );
    similarity = {
      scale: 1,
      thetaRad: 0,
      tMm: [((later.columns - 1) / 2) * lcMm - ((earlier.columns - 1) / 2) * ecMm, 0],
    };
  }
  const affine = pixelAffineOf(similarity, earlier, later);
  const nodeColumns = Math.ceil((earlier.columns - 1) / GRID_SPACING_PX) + 1;
  const nodeRows = Math.ceil((earlier.rows - 1) / GRID_SPACING_PX) + 1;
  let deformation: DeformationGrid = {
    spacingPx: GRID_SPACING_PX,
    nodeColumns,
    nodeRows,
    dx: new Float32Array(nodeColumns * nodeRows),
    dy: new Float32Array(nodeColumns * nodeRows),
  };
  let measured = 0;
  if (options.rigidOnly !== true) {
    const fixed = normalisedImage(earlier);
    const movingSource = normalisedImage(later);
    const mask = dilatedMask(earlier.labels, earlier.columns, earlier.rows);
    const warped = new Float32Array(earlier.columns * earlier.rows);
    const [m00, m01, m10, m11] = affine.matrix;
    for (const search of [FIRST_SEARCH_PX, SECOND_SEARCH_PX]) {
      fillWarped(warped, affine, deformation, movingSource, later, earlier.columns, earlier.rows, Number.NaN);
      const shifts = measureShifts(fixed, warped, mask, earlier.columns, earlier.rows, nodeColumns, nodeRows, search);
      measured = shifts.valid.reduce((sum, v) => sum + v, 0);
      const step = regulariseShifts(shifts, nodeColumns, nodeRows);
      const dx = Float32Array.from(deformation.dx);
      const dy = Float32Array.from(deformation.dy);
      // A shift δ found in the warped (earlier) frame moves the later sample point by about M·δ.
      for (let k = 0; k < dx.length; k++) {
        const sx = step.dx[k] ?? 0;
        const sy = step.dy[k] ?? 0;
        dx[k] = (dx[k] ?? 0) + m00 * sx + m01 * sy;
        dy[k] = (dy[k] ?? 0) + m10 * sx + m11 * sy;
      }
      deformation = { ...deformation, dx, dy };
    }
    if (measured < 10)
      warnings.push(
        `${earlier.view} view: only ${String(measured)} control points could be matched; the deformation is weak`,
      );
  }
  const partial: ViewRegistration = {
    view: earlier.view,
    earlier: { columns: earlier.columns, rows: earlier.rows, pixelSpacingMm: earlier.pixelSpacingMm },
    later: { columns: later.columns, rows: later.rows, pixelSpacingMm: later.pixelSpacingMm },
    affine,
    deformation,
    rotationDeg: (similarity.thetaRad * 180) / Math.PI,
    scale: similarity.scale,
    translationMm: (() => {
      const centre: [number, number] = [((earlier.columns - 1) / 2) * ecMm, ((earlier.rows - 1) / 2) * erMm];
      const moved = applySimilarity(similarity, centre);
      return [moved[0] - centre[0], moved[1] - centre[1]] as const;
    })(),
    residualMm: null,
    landmarkCount: 0,
    measuredControlPoints: measured,
    warnings,
  };
  const distances: number[] = [];
  for (const [key, mark] of earlierMarks) {
    if (key.includes(':') || isArmPartLabel(mark.label)) continue;
    const other = laterMarks.get(key);
    if (other === undefined) continue;
    const [c, r] = mapLaterToEarlier(partial, other.columnPx, other.rowPx);
    distances.push(Math.hypot((c - mark.columnPx) * ecMm, (r - mark.rowPx) * erMm));
  }
  return {
    ...partial,
    residualMm: distances.length >= 3 ? distances.reduce((a, b) => a + b, 0) / distances.length : null,
    landmarkCount: distances.length,
  };
}
