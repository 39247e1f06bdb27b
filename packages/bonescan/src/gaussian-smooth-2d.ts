/** Separable Gaussian smoothing of a 2D image (edges clamped), used to model camera blur and to reduce noise. */

/** Normalised 1D Gaussian kernel of standard deviation `sigmaPx`, truncated at 3 σ. */
function gaussianKernel(sigmaPx: number): Float32Array {
  const radius = Math.max(1, Math.ceil(3 * sigmaPx));
  const kernel = new Float32Array(2 * radius + 1);
  let sum = 0;
  for (let k = -radius; k <= radius; k++) {
    const w = Math.exp(-(k * k) / (2 * sigmaPx * sigmaPx));
    kernel[k + radius] = w;
    sum += w;
  }
  for (let k = 0; k < kernel.length; k++) kernel[k] = (kernel[k] ?? 0) / sum;
  return kernel;
}

function smoothAxis(
  source: Float32Array,
  target: Float32Array,
  columns: number,
  rows: number,
  kernel: Float32Array,
  alongRows: boolean,
): void {
  const radius = (kernel.length - 1) / 2;
  const taps = kernel.length;
  const length = alongRows ? columns : rows;
  const lines = alongRows ? rows : columns;
  const step = alongRows ? 1 : columns;
  // Each line is copied into a buffer padded with its end values (clamped edges), so the inner loop has no bounds checks.
  const padded = new Float32Array(length + 2 * radius);
  for (let line = 0; line < lines; line++) {
    const base = alongRows ? line * columns : line;
    for (let i = 0; i < length; i++) padded[i + radius] = source[base + i * step] ?? 0;
    const first = padded[radius] ?? 0;
    const last = padded[radius + length - 1] ?? 0;
    for (let k = 0; k < radius; k++) {
      padded[k] = first;
      padded[radius + length + k] = last;
    }
    for (let i = 0; i < length; i++) {
      let sum = 0;
      for (let k = 0; k < taps; k++) sum += (kernel[k] ?? 0) * (padded[i + k] ?? 0);
      target[base + i * step] = sum;
    }
  }
}

/**
 * A smoothed copy of `values` (`rows * columns`, row by row) with a Gaussian of standard deviation
 * `sigmaMm` along each axis; pixel spacing [between rows, between columns] in mm. σ ≤ 0 returns a copy.
 */
export function gaussianSmooth2d(
  values: Float32Array,
  columns: number,
  rows: number,
  pixelSpacingMm: readonly [number, number],
  sigmaMm: number,
): Float32Array {
  if (!(sigmaMm > 0)) return Float32Array.from(values);
  const buffer = new Float32Array(values.length);
  const out = new Float32Array(values.length);
  smoothAxis(values, buffer, columns, rows, gaussianKernel(sigmaMm / pixelSpacingMm[1]), true);
  smoothAxis(buffer, out, columns, rows, gaussianKernel(sigmaMm / pixelSpacingMm[0]), false);
  return out;
}

/** Gaussian standard deviation of a full width at half maximum: FWHM / (2 √(2 ln 2)). */
export function sigmaOfFwhm(fwhmMm: number): number {
  return fwhmMm / (2 * Math.sqrt(2 * Math.log(2)));
}
