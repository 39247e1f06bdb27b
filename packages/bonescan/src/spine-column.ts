/**
 * The vertebral column of one whole-body view, found from the image rather than drawn from proportions.
 *
 * 1. Centre line: row by row, the centre of the bright ridge of the smoothed image near the landmarks'
 *    midline (the spine is the bright vertical ridge of the trunk), then a running median and a running mean along the
 *    rows, so that a curved or tilted column is followed and a crossing rib does not pull it aside.
 * 2. Width: row by row, the half width at half maximum of the smoothed ridge above the darker of its two
 *    flanks; per region (cervical, thoracic, lumbar) the median, scaled to the bone's half width
 *    (`halfWidthPerHwhm`).
 * 3. Levels: the intensity along the centre line (counts of a narrow band, lightly smoothed, divided by
 *    its own 20 mm running mean) dips at each intervertebral disc, which takes up no tracer. The 25 disc
 *    levels from the top of C1 to L5–S1 are placed by dynamic programming: each boundary is drawn to a dip,
 *    held near its level in the proportions (7 short cervical, 12 thoracic and 5 tall lumbar vertebrae
 *    between the skull base and the sacrum; C7 at the shoulders, L4–L5 at the iliac crests) and near the
 *    spacing of its neighbours, so that where the dips are not seen (noise, the sternum in front) the
 *    vertebrae keep an anatomical spacing.
 * 4. Each vertebral body is an ellipse between its two discs: its height is `bodyShareOfSegment` of the
 *    disc-to-disc distance (the disc is about a fifth of a motion segment in the thoracic and lumbar spine;
 *    White and Panjabi, Clinical Biomechanics of the Spine, 2nd ed., 1990, ch. 1), its width the region's
 *    measured width, its axis tilted with the body's midline (in-plane rotation).
 */
import { fitLineRobust, quantile } from './segment-image-ops.js';
import { warpBodyLevel, type SkeletonLandmarks } from './skeleton-landmarks.js';

export type SpineRegion = 'cervical_spine' | 'thoracic_spine' | 'lumbar_spine';

export interface Vertebra {
  readonly part: SpineRegion;
  /** Centre of the body, pixels. */
  readonly row: number;
  readonly column: number;
  readonly halfHeightMm: number;
  readonly halfWidthMm: number;
  /** Tilt of the body's axis (the midline of the landmarks): columns per row. */
  readonly slope: number;
}

export interface SpineColumn {
  readonly vertebrae: readonly Vertebra[];
  /** Centre line, column per row from `fromRow` to `toRow` (inclusive). */
  readonly fromRow: number;
  readonly toRow: number;
  readonly centreColumns: Float64Array;
}

export interface SpineColumnInput {
  /** Counts of the view (unsmoothed). */
  readonly counts: Float32Array;
  /** The view smoothed with σ 4 mm. */
  readonly fine: Float32Array;
  readonly columns: number;
  readonly rows: number;
  readonly rowMm: number;
  readonly columnMm: number;
  readonly landmarks: SkeletonLandmarks;
}

/**
 * Disc levels of the proportions, fractions of body height below the vertex: top of C1, C7–T1, T12–L1 and
 * L5–S1, with 7, 12 and 5 vertebrae between them (the levels of the atlas, atlas-skeleton.ts).
 */
const regionLevels: readonly {
  readonly part: SpineRegion;
  readonly from: number;
  readonly to: number;
  readonly count: number;
}[] = [
  { part: 'cervical_spine', from: 0.115, to: 0.178, count: 7 },
  { part: 'thoracic_spine', from: 0.178, to: 0.345, count: 12 },
  { part: 'lumbar_spine', from: 0.345, to: 0.445, count: 5 },
];

/** Height of a vertebral body as a share of the disc-to-disc distance (method step 4). */
export const bodyShareOfSegment = 0.8;

/**
 * Bone half width per measured half width at half maximum of the smoothed ridge (method step 2): the
 * half-maximum level is taken above the brighter flank (ribs and soft tissue beside the spine), which puts
 * it high on the blurred edge; measured on development phantoms (seeds 5000–5011) against their vertebral
 * widths. The narrower cervical bodies stand less above their flanks.
 */
export const halfWidthPerHwhm: Readonly<Record<SpineRegion, number>> = {
  cervical_spine: 1.3,
  thoracic_spine: 1.5,
  lumbar_spine: 1.5,
};

/**
 * Anatomical range of the vertebral bodies' half widths, fractions of body height: a measurement outside it
 * (a thyroid or a hot lesion beside the spine widening the ridge, a faint ridge at low counts) is clipped.
 * Adult vertebral bodies are about 15–25 mm wide in the cervical, 25–40 mm in the thoracic and 40–55 mm in
 * the lumbar spine (Gray's Anatomy, 41st ed., ch. 43–45), i.e. half widths of 0.004–0.008 H, 0.007–0.012 H
 * and 0.012–0.017 H at 1.7 m; the ranges are wider to leave room for the blurred edge of a scintigram.
 */
const halfWidthLimits: Readonly<Record<SpineRegion, { readonly least: number; readonly most: number }>> = {
  cervical_spine: { least: 0.005, most: 0.013 },
  thoracic_spine: { least: 0.007, most: 0.018 },
  lumbar_spine: { least: 0.01, most: 0.023 },
};

/** Weight of the pull of a disc towards its level in the proportions, per squared spacing of displacement. */
const levelWeight = 0.04;
/** Weight of the pull of a segment towards its expected length, per squared relative deviation. */
const spacingWeight = 1.5;

function runningMedian(values: Float64Array, radius: number): Float64Array {
  const out = new Float64Array(values.length);
  const window: number[] = [];
  for (let i = 0; i < values.length; i++) {
    window.length = 0;
    for (let k = Math.max(0, i - radius); k <= Math.min(values.length - 1, i + radius); k++)
      window.push(values[k] ?? 0);
    window.sort((a, b) => a - b);
    out[i] = window[Math.floor(window.length / 2)] ?? 0;
  }
  return out;
}

function runningMean(values: Float64Array, radius: number): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    let sum = 0;
    let n = 0;
    for (let k = Math.max(0, i - radius); k <= Math.min(values.length - 1, i + radius); k++) {
      sum += values[k] ?? 0;
      n++;
    }
    out[i] = sum / n;
  }
  return out;
}

function gaussianSmooth1d(values: Float64Array, sigma: number): Float64Array {
  const radius = Math.max(1, Math.ceil(3 * sigma));
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    let sum = 0;
    let weight = 0;
    for (let k = -radius; k <= radius; k++) {
      const j = i + k;
      if (j < 0 || j >= values.length) continue;
      const w = Math.exp(-(k * k) / (2 * sigma * sigma));
      sum += w * (values[j] ?? 0);
      weight += w;
    }
    out[i] = weight > 0 ? sum / weight : 0;
  }
  return out;
}

/** Finds the vertebral column of a view (method steps 1–4). */
export function findSpineColumn(input: SpineColumnInput): SpineColumn {
  const { counts, fine, columns, rows, rowMm, columnMm, landmarks } = input;
  const heightPx = landmarks.soleRow - landmarks.vertexRow;
  const rowOf = (level: number): number => landmarks.vertexRow + warpBodyLevel(level, landmarks.trunkLevels) * heightPx;
  const fromRow = Math.max(0, Math.floor(rowOf(0.09)));
  const toRow = Math.min(rows - 1, Math.ceil(rowOf(0.47)));
  const length = toRow - fromRow + 1;
  const at = (row: number, column: number): number =>
    column < 0 || column >= columns ? 0 : (fine[row * columns + column] ?? 0);

  // 1. Centre line.
  const reach = Math.max(2, Math.round(14 / columnMm));
  const ridge = new Float64Array(length);
  for (let i = 0; i < length; i++) {
    const row = fromRow + i;
    const centre = Math.round(landmarks.midline.a + landmarks.midline.b * row);
    // The centre of the ridge: the mean column of the pixels above the middle of its range in the window
    // (the brightest column alone is ill defined on a flat-topped ridge).
    let low = Number.POSITIVE_INFINITY;
    let high = Number.NEGATIVE_INFINITY;
    for (let column = centre - reach; column <= centre + reach; column++) {
      const value = at(row, column);
      low = Math.min(low, value);
      high = Math.max(high, value);
    }
    const middle = (low + high) / 2;
    let sum = 0;
    let weight = 0;
    for (let column = centre - reach; column <= centre + reach; column++) {
      const excess = at(row, column) - middle;
      if (excess <= 0) continue;
      sum += excess * column;
      weight += excess;
    }
    ridge[i] = weight > 0 ? sum / weight : centre;
  }
  const centreColumns = runningMean(runningMedian(ridge, Math.round(20 / rowMm)), Math.round(10 / rowMm));
  const centreAt = (row: number): number =>
    centreColumns[Math.min(length - 1, Math.max(0, Math.round(row) - fromRow))] ?? 0;

  // 2. Width (half width at half maximum above the darker flank), per row.
  const flankPx = Math.round(40 / columnMm);
  const hwhmMm = new Float64Array(length);
  for (let i = 0; i < length; i++) {
    const row = fromRow + i;
    const centre = Math.round(centreColumns[i] ?? 0);
    const peak = at(row, centre);
    let leftMin = peak;
    let rightMin = peak;
    for (let k = 1; k <= flankPx; k++) {
      leftMin = Math.min(leftMin, at(row, centre - k));
      rightMin = Math.min(rightMin, at(row, centre + k));
    }
    const half = Math.max(leftMin, rightMin) + 0.5 * (peak - Math.max(leftMin, rightMin));
    const crossing = (sign: number): number => {
      for (let k = 1; k <= flankPx; k++) {
        const inner = at(row, centre + sign * (k - 1));
        const outer = at(row, centre + sign * k);
        if (outer < half) return k - 1 + (inner - half) / Math.max(1e-9, inner - outer);
      }
      return flankPx;
    };
    hwhmMm[i] = ((crossing(-1) + crossing(1)) / 2) * columnMm;
  }
  // Vertebral bodies widen from the top to the bottom of each region: a robust line of width on row.
  const halfWidthByRegion = new Map<SpineRegion, (row: number) => number>();
  for (const region of regionLevels) {
    const xs: number[] = [];
    const values: number[] = [];
    for (let row = Math.ceil(rowOf(region.from)); row <= Math.floor(rowOf(region.to)); row++) {
      const value = hwhmMm[row - fromRow];
      if (value === undefined) continue;
      xs.push(row);
      values.push(value);
    }
    const median = quantile(values, 0.5);
    const line = fitLineRobust(xs, values) ?? { a: median, b: 0 };
    const low = Math.min(...xs);
    const high = Math.max(...xs);
    halfWidthByRegion.set(region.part, (row) => {
      const value = line.a + line.b * Math.min(high, Math.max(low, row));
      return halfWidthPerHwhm[region.part] * Math.min(1.5 * median, Math.max(0.67 * median, value));
    });
  }

  // 3. Levels: the intensity along the centre line, relative to its running mean.
  const bandPx = Math.max(1, Math.round(6 / columnMm));
  const line = new Float64Array(length);
  for (let i = 0; i < length; i++) {
    const row = fromRow + i;
    const centre = Math.round(centreColumns[i] ?? 0);
    let sum = 0;
    for (let column = centre - bandPx; column <= centre + bandPx; column++) {
      sum += column < 0 || column >= columns ? 0 : (counts[row * columns + column] ?? 0);
    }
    line[i] = sum;
  }
  const profile = gaussianSmooth1d(line, 1.5 / rowMm);
  const trend = gaussianSmooth1d(line, 20 / rowMm);
  const relative = profile.map((value, i) => value / Math.max(1e-9, trend[i] ?? 0));

  const predicted: number[] = [];
  const parts: SpineRegion[] = [];
  for (const region of regionLevels) {
    for (let k = 0; k < region.count; k++) {
      predicted.push(rowOf(region.from + ((region.to - region.from) * k) / region.count));
      parts.push(region.part);
    }
  }
  predicted.push(rowOf(regionLevels[regionLevels.length - 1]?.to ?? 0.445));
  const boundaries = placeDiscs(relative, fromRow, predicted);

  // 4. Vertebral bodies.
  const vertebrae: Vertebra[] = [];
  for (let k = 0; k < parts.length; k++) {
    const top = boundaries[k] ?? 0;
    const bottom = boundaries[k + 1] ?? 0;
    const part = parts[k] ?? 'thoracic_spine';
    const row = (top + bottom) / 2;
    // The bodies are tilted with the whole body (its in-plane rotation), not by the centre line's local
    // course: a flat ellipse tilted by a few noisy rows of the line would turn into a saw tooth.
    const slope = landmarks.midline.b;
    vertebrae.push({
      part,
      row,
      column: centreAt(row),
      halfHeightMm: (bodyShareOfSegment * (bottom - top) * rowMm) / 2,
      halfWidthMm: Math.min(
        halfWidthLimits[part].most * landmarks.bodyHeightMm,
        Math.max(halfWidthLimits[part].least * landmarks.bodyHeightMm, halfWidthByRegion.get(part)?.(row) ?? 0),
      ),
      slope,
    });
  }
  return { vertebrae, fromRow, toRow, centreColumns };
}

/**
 * Rows of the discs (method step 3): minimises Σ relative(b_k) + levelWeight Σ ((b_k − p_k)/s_k)² +
 * spacingWeight Σ ((b_k − b_(k−1) − s_k)/s_k)² over increasing rows b_k, p_k the predicted rows and s_k the
 * predicted spacing.
 */
function placeDiscs(relative: Float64Array, fromRow: number, predicted: readonly number[]): number[] {
  const n = predicted.length;
  const spacing = predicted.map((p, k) =>
    Math.max(2, k === 0 ? (predicted[1] ?? p + 10) - p : p - (predicted[k - 1] ?? p - 10)),
  );
  const candidates: number[][] = [];
  for (let k = 0; k < n; k++) {
    const p = predicted[k] ?? 0;
    const window = 1.5 * (spacing[k] ?? 10);
    const list: number[] = [];
    for (let row = Math.ceil(p - window); row <= Math.floor(p + window); row++) {
      if (row >= fromRow && row < fromRow + relative.length) list.push(row);
    }
    if (list.length === 0) list.push(Math.min(fromRow + relative.length - 1, Math.max(fromRow, Math.round(p))));
    candidates.push(list);
  }
  const unary = (k: number, row: number): number => {
    const s = spacing[k] ?? 10;
    return (relative[row - fromRow] ?? 1) + levelWeight * ((row - (predicted[k] ?? 0)) / s) ** 2;
  };
  let cost = (candidates[0] ?? []).map((row) => unary(0, row));
  const back: Int32Array[] = [];
  for (let k = 1; k < n; k++) {
    const current = candidates[k] ?? [];
    const previous = candidates[k - 1] ?? [];
    const s = spacing[k] ?? 10;
    const nextCost: number[] = [];
    const pointer = new Int32Array(current.length);
    current.forEach((row, j) => {
      let best = Number.POSITIVE_INFINITY;
      let bestIndex = 0;
      previous.forEach((before, i) => {
        if (before >= row) return;
        const c = (cost[i] ?? Number.POSITIVE_INFINITY) + spacingWeight * ((row - before - s) / s) ** 2;
        if (c < best) {
          best = c;
          bestIndex = i;
        }
      });
      nextCost.push(best + unary(k, row));
      pointer[j] = bestIndex;
    });
    cost = nextCost;
    back.push(pointer);
  }
  let index = 0;
  cost.forEach((c, i) => {
    if (c < (cost[index] ?? Number.POSITIVE_INFINITY)) index = i;
  });
  const rowsOut = new Array<number>(n).fill(0);
  for (let k = n - 1; k >= 0; k--) {
    rowsOut[k] = candidates[k]?.[index] ?? 0;
    if (k > 0) index = back[k - 1]?.[index] ?? 0;
  }
  return rowsOut;
}

/** Visits the pixels whose centres lie inside a vertebral body's ellipse. */
export function visitVertebra(
  vertebra: Vertebra,
  geometry: { readonly columns: number; readonly rows: number; readonly rowMm: number; readonly columnMm: number },
  visit: (index: number) => void,
): void {
  const { columns, rows, rowMm, columnMm } = geometry;
  // Axis direction along the column (down), in mm.
  const norm = Math.hypot(vertebra.slope * columnMm, rowMm);
  const downColumn = (vertebra.slope * columnMm) / norm;
  const downRow = rowMm / norm;
  const extentMm = Math.max(vertebra.halfHeightMm, vertebra.halfWidthMm);
  const r0 = Math.max(0, Math.floor(vertebra.row - extentMm / rowMm));
  const r1 = Math.min(rows - 1, Math.ceil(vertebra.row + extentMm / rowMm));
  const c0 = Math.max(0, Math.floor(vertebra.column - extentMm / columnMm));
  const c1 = Math.min(columns - 1, Math.ceil(vertebra.column + extentMm / columnMm));
  for (let row = r0; row <= r1; row++) {
    const y = (row - vertebra.row) * rowMm;
    for (let column = c0; column <= c1; column++) {
      const x = (column - vertebra.column) * columnMm;
      const along = x * downColumn + y * downRow;
      const across = x * downRow - y * downColumn;
      if ((along / vertebra.halfHeightMm) ** 2 + (across / vertebra.halfWidthMm) ** 2 <= 1)
        visit(row * columns + column);
    }
  }
}

/**
 * Visits the pixels of the disc space between two consecutive vertebral bodies (between the lower edge
 * of `upper` and the upper edge of `lower` along the centre line, within their interpolated half width),
 * with the vertebra each pixel is nearer to.
 */
export function visitDiscSpace(
  upper: Vertebra,
  lower: Vertebra,
  geometry: { readonly columns: number; readonly rows: number; readonly rowMm: number; readonly columnMm: number },
  visit: (index: number, nearer: Vertebra) => void,
): void {
  const { columns, rows, rowMm, columnMm } = geometry;
  const fromRow = Math.ceil(upper.row + upper.halfHeightMm / rowMm);
  const toRow = Math.floor(lower.row - lower.halfHeightMm / rowMm);
  const span = Math.max(1e-9, lower.row - upper.row);
  for (let row = Math.max(0, fromRow); row <= Math.min(rows - 1, toRow); row++) {
    const t = (row - upper.row) / span;
    const centre = upper.column + t * (lower.column - upper.column);
    const halfWidthPx = (upper.halfWidthMm + t * (lower.halfWidthMm - upper.halfWidthMm)) / columnMm;
    const nearer = t < 0.5 ? upper : lower;
    for (
      let column = Math.max(0, Math.ceil(centre - halfWidthPx));
      column <= Math.min(columns - 1, Math.floor(centre + halfWidthPx));
      column++
    ) {
      visit(row * columns + column, nearer);
    }
  }
}
