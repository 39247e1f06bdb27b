/** Small 2-D image operations used by the skeleton segmentation (row-major Float32 images). */

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
