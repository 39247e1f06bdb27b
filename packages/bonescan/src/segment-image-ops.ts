/** Small 2-D image operations used by the skeleton segmentation (row-major Float32 images). */

/** Separable Gaussian smoothing with standard deviations in pixels along rows and columns; edges clamp. */
export function gaussianSmooth2d(
  image: Float32Array,
  columns: number,
  rows: number,
  sigmaRowsPx: number,
  sigmaColumnsPx: number,
): Float32Array {
  const kernel = (sigma: number): Float32Array => {
    const reach = Math.max(1, Math.ceil(3 * sigma));
    const weights = new Float32Array(2 * reach + 1);
    let sum = 0;
    for (let k = -reach; k <= reach; k++) {
      const w = sigma <= 0 ? (k === 0 ? 1 : 0) : Math.exp(-(k * k) / (2 * sigma * sigma));
      weights[k + reach] = w;
      sum += w;
    }
    for (let k = 0; k < weights.length; k++) weights[k] = (weights[k] ?? 0) / sum;
    return weights;
  };
  const horizontal = kernel(sigmaColumnsPx);
  const vertical = kernel(sigmaRowsPx);
  const hReach = (horizontal.length - 1) / 2;
  const vReach = (vertical.length - 1) / 2;
  const temp = new Float32Array(image.length);
  for (let row = 0; row < rows; row++) {
    const base = row * columns;
    for (let column = 0; column < columns; column++) {
      let acc = 0;
      for (let k = -hReach; k <= hReach; k++) {
        const c = Math.min(columns - 1, Math.max(0, column + k));
        acc += (image[base + c] ?? 0) * (horizontal[k + hReach] ?? 0);
      }
      temp[base + column] = acc;
    }
  }
  const out = new Float32Array(image.length);
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++) {
      let acc = 0;
      for (let k = -vReach; k <= vReach; k++) {
        const r = Math.min(rows - 1, Math.max(0, row + k));
        acc += (temp[r * columns + column] ?? 0) * (vertical[k + vReach] ?? 0);
      }
      out[row * columns + column] = acc;
    }
  }
  return out;
}

/** The q-quantile (0–1) of a list of numbers (sorted copy); 0 for an empty list. */
export function quantile(values: ArrayLike<number>, q: number): number {
  if (values.length === 0) return 0;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.floor(q * sorted.length)))] ?? 0;
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
