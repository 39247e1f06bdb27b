/**
 * Separable 3-D Gaussian blur given as a full width at half maximum in mm, the usual way PET resolution
 * is stated: σ = FWHM / (2·sqrt(2·ln 2)). The kernel is the sampled Gaussian, truncated at 4σ and
 * normalised to sum 1 (so a uniform region keeps its value); edges are extended by replication, as the
 * body continues beyond the axial field of view.
 */

export type Dimensions3 = readonly [number, number, number];

const fwhmPerSigma = 2 * Math.sqrt(2 * Math.LN2);

/** σ (mm) of a Gaussian of the given FWHM (mm). */
export function sigmaFromFwhmMm(fwhmMm: number): number {
  return fwhmMm / fwhmPerSigma;
}

/** Normalised sampled Gaussian kernel of σ in voxels, truncated at ⌈4σ⌉ voxels each side. */
export function gaussianKernel(sigmaVoxels: number): Float64Array {
  const radius = Math.max(1, Math.ceil(4 * sigmaVoxels));
  const kernel = new Float64Array(2 * radius + 1);
  let sum = 0;
  for (let n = -radius; n <= radius; n++) {
    const weight = Math.exp(-(n * n) / (2 * sigmaVoxels * sigmaVoxels));
    kernel[n + radius] = weight;
    sum += weight;
  }
  for (let n = 0; n < kernel.length; n++) kernel[n] = (kernel[n] ?? 0) / sum;
  return kernel;
}

function blurAxis(values: Float32Array, dimensions: Dimensions3, axis: 0 | 1 | 2, kernel: Float64Array): void {
  const [nx, ny, nz] = dimensions;
  const length = dimensions[axis];
  const stride = axis === 0 ? 1 : axis === 1 ? nx : nx * ny;
  const radius = (kernel.length - 1) / 2;
  const line = new Float64Array(length);
  const lineStarts: number[] = [];
  // Every line along `axis` starts at a voxel whose coordinate on that axis is 0.
  for (let k = 0; k < (axis === 2 ? 1 : nz); k++)
    for (let j = 0; j < (axis === 1 ? 1 : ny); j++)
      for (let i = 0; i < (axis === 0 ? 1 : nx); i++) lineStarts.push(i + nx * (j + ny * k));
  for (const start of lineStarts) {
    for (let n = 0; n < length; n++) line[n] = values[start + n * stride] ?? 0;
    for (let n = 0; n < length; n++) {
      let sum = 0;
      for (let m = -radius; m <= radius; m++) {
        const source = Math.min(length - 1, Math.max(0, n + m));
        sum += (kernel[m + radius] ?? 0) * (line[source] ?? 0);
      }
      values[start + n * stride] = sum;
    }
  }
}

/** Blurs `values` (x fastest, then y, then z) in place with an isotropic Gaussian of `fwhmMm`. */
export function gaussianBlurInPlace(
  values: Float32Array,
  dimensions: Dimensions3,
  spacingMm: Dimensions3,
  fwhmMm: number,
): void {
  if (values.length !== dimensions[0] * dimensions[1] * dimensions[2]) {
    throw new RangeError(`${values.length} values for dimensions ${dimensions.join('×')}`);
  }
  if (fwhmMm <= 0) return;
  const sigmaMm = sigmaFromFwhmMm(fwhmMm);
  ([0, 1, 2] as const).forEach((axis) => {
    if (dimensions[axis] > 1) blurAxis(values, dimensions, axis, gaussianKernel(sigmaMm / spacingMm[axis]));
  });
}
