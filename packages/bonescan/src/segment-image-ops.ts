/** Small 2-D image operations used by the skeleton segmentation (row-major Float32 images). */

/**
 * The q-quantile (0–1) of a list of numbers: the element of rank floor(q·n) in ascending order (clamped to
 * the list); 0 for an empty list. Found by selection (Hoare's quickselect with a median-of-three pivot) on a
 * copy, in linear expected time: the segmentation takes quantiles of whole images.
 */
export function quantile(values: ArrayLike<number>, q: number): number {
  const n = values.length;
  if (n === 0) return 0;
  const a = Float64Array.from(values);
  const k = Math.min(n - 1, Math.max(0, Math.floor(q * n)));
  let low = 0;
  let high = n - 1;
  while (high > low) {
    const middle = (low + high) >>> 1;
    const x = a[low] ?? 0;
    const y = a[middle] ?? 0;
    const z = a[high] ?? 0;
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = low;
    let j = high;
    while (i <= j) {
      while ((a[i] ?? 0) < pivot) i++;
      while ((a[j] ?? 0) > pivot) j--;
      if (i <= j) {
        const t = a[i] ?? 0;
        a[i] = a[j] ?? 0;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) high = j;
    else if (k >= i) low = i;
    else return a[k] ?? 0;
  }
  return a[k] ?? 0;
}

/** Least-squares line y = a + b·x through points, or undefined for fewer than two distinct x. */
export function fitLine(xs: readonly number[], ys: readonly number[]): { a: number; b: number } | undefined {
  const n = Math.min(xs.length, ys.length);
  if (n < 2) return undefined;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < n; i++) {
    sx += xs[i] ?? 0;
    sy += ys[i] ?? 0;
  }
  const mx = sx / n;
  const my = sy / n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (xs[i] ?? 0) - mx;
    sxx += dx * dx;
    sxy += dx * ((ys[i] ?? 0) - my);
  }
  if (sxx === 0) return undefined;
  const b = sxy / sxx;
  return { a: my - b * mx, b };
}

/**
 * Robust line: least squares, then refitted twice without the points farther than 2.5 median absolute
 * residuals from the line (tracks of bone ridges have outliers where another bone crosses them).
 */
export function fitLineRobust(xs: readonly number[], ys: readonly number[]): { a: number; b: number } | undefined {
  let keepX = [...xs];
  let keepY = [...ys];
  let line = fitLine(keepX, keepY);
  for (let pass = 0; pass < 2 && line !== undefined; pass++) {
    const fitted = line;
    const residuals = keepX.map((x, i) => Math.abs((keepY[i] ?? 0) - (fitted.a + fitted.b * x)));
    const limit = Math.max(1, 2.5 * quantile(residuals, 0.5));
    const nextX: number[] = [];
    const nextY: number[] = [];
    keepX.forEach((x, i) => {
      if ((residuals[i] ?? 0) <= limit) {
        nextX.push(x);
        nextY.push(keepY[i] ?? 0);
      }
    });
    keepX = nextX;
    keepY = nextY;
    line = fitLine(keepX, keepY) ?? line;
  }
  return line;
}

/** Normalised half kernel [w0, w1, …, wr] of a Gaussian of standard deviation `sigmaPx`, truncated at 3 σ. */
function gaussianHalfKernel(sigmaPx: number): Float64Array {
  const radius = Math.max(1, Math.ceil(3 * sigmaPx));
  const half = new Float64Array(radius + 1);
  let sum = 0;
  for (let k = 0; k <= radius; k++) {
    const w = Math.exp(-(k * k) / (2 * sigmaPx * sigmaPx));
    half[k] = w;
    sum += k === 0 ? w : 2 * w;
  }
  for (let k = 0; k <= radius; k++) half[k] = (half[k] ?? 0) / sum;
  return half;
}

/**
 * Separable Gaussian smoothing with clamped edges, the same kernel as gaussian-smooth-2d.ts (σ in mm per
 * axis, truncated at 3 σ) computed faster for the segmentation's whole-image smoothings: the symmetric
 * kernel is folded, and the pass along the columns adds whole rows so that memory is read in order.
 */
export function smoothImage(
  values: Float32Array,
  columns: number,
  rows: number,
  pixelSpacingMm: readonly [number, number],
  sigmaMm: number,
): Float32Array {
  if (!(sigmaMm > 0)) return Float32Array.from(values);
  const across = gaussianHalfKernel(sigmaMm / pixelSpacingMm[1]);
  const down = gaussianHalfKernel(sigmaMm / pixelSpacingMm[0]);
  const buffer = new Float32Array(values.length);
  const rAcross = across.length - 1;
  const padded = new Float64Array(columns + 2 * rAcross);
  for (let row = 0; row < rows; row++) {
    const base = row * columns;
    for (let c = 0; c < columns; c++) padded[c + rAcross] = values[base + c] ?? 0;
    const first = padded[rAcross] ?? 0;
    const last = padded[rAcross + columns - 1] ?? 0;
    for (let k = 0; k < rAcross; k++) {
      padded[k] = first;
      padded[rAcross + columns + k] = last;
    }
    const w0 = across[0] ?? 0;
    for (let c = 0; c < columns; c++) {
      const centre = c + rAcross;
      let sum = w0 * (padded[centre] ?? 0);
      for (let k = 1; k <= rAcross; k++)
        sum += (across[k] ?? 0) * ((padded[centre - k] ?? 0) + (padded[centre + k] ?? 0));
      buffer[base + c] = sum;
    }
  }
  const out = new Float32Array(values.length);
  const rDown = down.length - 1;
  const accumulator = new Float64Array(columns);
  for (let row = 0; row < rows; row++) {
    const w0 = down[0] ?? 0;
    const base = row * columns;
    for (let c = 0; c < columns; c++) accumulator[c] = w0 * (buffer[base + c] ?? 0);
    for (let k = 1; k <= rDown; k++) {
      const w = down[k] ?? 0;
      const above = Math.max(0, row - k) * columns;
      const below = Math.min(rows - 1, row + k) * columns;
      for (let c = 0; c < columns; c++) {
        accumulator[c] = (accumulator[c] ?? 0) + w * ((buffer[above + c] ?? 0) + (buffer[below + c] ?? 0));
      }
    }
    for (let c = 0; c < columns; c++) out[base + c] = accumulator[c] ?? 0;
  }
  return out;
}
