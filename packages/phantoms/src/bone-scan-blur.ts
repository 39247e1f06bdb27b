/**
 * Separable 2-D Gaussian blur of a planar image for the camera's resolution, given as FWHM in mm
 * (σ = FWHM / (2·sqrt(2·ln 2))). The kernel is that of `gaussianKernel` (sampled, truncated at 4σ, sum 1);
 * edges are extended by replication. A faster 2-D counterpart of `gaussianBlurInPlace` for whole-body views.
 */
import { gaussianKernel, sigmaFromFwhmMm } from './gaussian-blur.js';

function blurLines(
  values: Float32Array,
  lineCount: number,
  length: number,
  lineStride: number,
  step: number,
  kernel: Float64Array,
): void {
  const radius = (kernel.length - 1) / 2;
  const padded = new Float64Array(length + 2 * radius);
  for (let line = 0; line < lineCount; line++) {
    const start = line * lineStride;
    let any = false;
    for (let n = 0; n < length; n++) {
      const v = values[start + n * step] ?? 0;
      padded[radius + n] = v;
      if (v !== 0) any = true;
    }
    if (!any) continue;
    const first = padded[radius] ?? 0;
    const last = padded[radius + length - 1] ?? 0;
    for (let m = 0; m < radius; m++) {
      padded[m] = first;
      padded[radius + length + m] = last;
    }
    for (let n = 0; n < length; n++) {
      let sum = 0;
      for (let m = 0; m < kernel.length; m++) sum += (kernel[m] ?? 0) * (padded[n + m] ?? 0);
      values[start + n * step] = sum;
    }
  }
}

/** Blurs a `columns` × `rows` image (row by row) in place; nothing happens for a FWHM of 0. */
export function gaussianBlur2dInPlace(
  values: Float32Array,
  columns: number,
  rows: number,
  pixelMm: number,
  fwhmMm: number,
): void {
  if (values.length !== columns * rows) throw new RangeError(`${values.length} values for ${columns}×${rows}`);
  if (fwhmMm <= 0) return;
  const kernel = gaussianKernel(sigmaFromFwhmMm(fwhmMm) / pixelMm);
  blurLines(values, rows, columns, columns, 1, kernel);
  blurLines(values, columns, rows, 1, columns, kernel);
}
