/** Per-component statistics of a scalar volume in one pass. */
import type { ComponentLabels } from './connected-components.js';
import type { ScalarVolume, Triple } from './volume.js';

export interface ComponentStatistics {
  readonly label: number;
  readonly voxelCount: number;
  readonly sum: number;
  readonly mean: number;
  readonly max: number;
  /** Linear index of the first voxel (raster order) holding the maximum. */
  readonly maxIndex: number;
  readonly min: number;
  /** Mean voxel index (unweighted geometric centroid), in voxel units. */
  readonly centroidIndex: Triple;
  /** Inclusive bounding box, voxel indices. */
  readonly boundsMin: Triple;
  readonly boundsMax: Triple;
}

/** Statistics of `volume` over each component of `components` (same grid). */
export function componentStatistics(components: ComponentLabels, volume: ScalarVolume): ComponentStatistics[] {
  const { labels, count } = components;
  const [nx, ny] = volume.dimensions;
  const size = count + 1;
  const voxelCounts = new Float64Array(size);
  const sums = new Float64Array(size);
  const maxima = new Float64Array(size).fill(-Infinity);
  const minima = new Float64Array(size).fill(Infinity);
  const maxIndices = new Float64Array(size);
  const sumI = new Float64Array(size);
  const sumJ = new Float64Array(size);
  const sumK = new Float64Array(size);
  const loI = new Float64Array(size).fill(Infinity);
  const loJ = new Float64Array(size).fill(Infinity);
  const loK = new Float64Array(size).fill(Infinity);
  const hiI = new Float64Array(size).fill(-1);
  const hiJ = new Float64Array(size).fill(-1);
  const hiK = new Float64Array(size).fill(-1);
  for (let n = 0; n < labels.length; n++) {
    const c = labels[n] ?? 0;
    if (c === 0) continue;
    const value = volume.voxels[n] ?? Number.NaN;
    const i = n % nx;
    const j = ((n - i) / nx) % ny;
    const k = (n - i - nx * j) / (nx * ny);
    voxelCounts[c] = (voxelCounts[c] ?? 0) + 1;
    sums[c] = (sums[c] ?? 0) + value;
    if (value > (maxima[c] ?? Infinity)) {
      maxima[c] = value;
      maxIndices[c] = n;
    }
    if (value < (minima[c] ?? -Infinity)) minima[c] = value;
    sumI[c] = (sumI[c] ?? 0) + i;
    sumJ[c] = (sumJ[c] ?? 0) + j;
    sumK[c] = (sumK[c] ?? 0) + k;
    if (i < (loI[c] ?? 0)) loI[c] = i;
    if (j < (loJ[c] ?? 0)) loJ[c] = j;
    if (k < (loK[c] ?? 0)) loK[c] = k;
    if (i > (hiI[c] ?? 0)) hiI[c] = i;
    if (j > (hiJ[c] ?? 0)) hiJ[c] = j;
    if (k > (hiK[c] ?? 0)) hiK[c] = k;
  }
  const out: ComponentStatistics[] = [];
  for (let c = 1; c <= count; c++) {
    const voxels = voxelCounts[c] ?? 0;
    out.push({
      label: c,
      voxelCount: voxels,
      sum: sums[c] ?? 0,
      mean: (sums[c] ?? 0) / voxels,
      max: maxima[c] ?? Number.NaN,
      maxIndex: maxIndices[c] ?? 0,
      min: minima[c] ?? Number.NaN,
      centroidIndex: [(sumI[c] ?? 0) / voxels, (sumJ[c] ?? 0) / voxels, (sumK[c] ?? 0) / voxels],
      boundsMin: [loI[c] ?? 0, loJ[c] ?? 0, loK[c] ?? 0],
      boundsMax: [hiI[c] ?? 0, hiJ[c] ?? 0, hiK[c] ?? 0],
    });
  }
  return out;
}
