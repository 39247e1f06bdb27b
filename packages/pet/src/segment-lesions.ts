/**
 * Candidate lesion regions: connected components above a threshold.
 * - PERCIST and fixed rules: one global threshold (a value exactly at the threshold is inside).
 * - Percent of SUVmax: seeds are the components at or above `seedSuvbw`; from the hottest seed down, each
 *   region is grown from the seed's maximum voxel over connected voxels ≥ fraction × that maximum, inside
 *   the seed's bounding box widened by `growthMarginMm`. A voxel already taken by a hotter region is not
 *   taken again; a seed whose maximum a hotter region already took is merged into it.
 */
import {
  groupComponentVoxels,
  labelConnectedComponents,
  componentStatistics,
  thresholdMask,
  voxelsOfComponent,
  type Connectivity,
  type Triple,
} from '@bonemet/imaging';
import type { PetImage } from './pet-image.js';

export interface CandidateRegion {
  readonly voxels: Uint32Array;
  /** The SUVbw threshold that defined this region. */
  readonly thresholdSuvbw: number;
  /** Percent-of-max only: growth reached the edge of its box (the region may be cut off there). */
  readonly reachedGrowthLimit: boolean;
}

/** Components at or above `thresholdSuvbw`. */
export function regionsAboveThreshold(
  image: PetImage,
  thresholdSuvbw: number,
  connectivity: Connectivity,
): CandidateRegion[] {
  const components = labelConnectedComponents(
    thresholdMask(image.voxels, thresholdSuvbw),
    image.dimensions,
    connectivity,
  );
  const groups = groupComponentVoxels(components);
  const out: CandidateRegion[] = [];
  for (let c = 1; c <= components.count; c++) {
    out.push({ voxels: voxelsOfComponent(groups, c).slice(), thresholdSuvbw, reachedGrowthLimit: false });
  }
  return out;
}

function neighbourOffsets(connectivity: Connectivity): Triple[] {
  const out: Triple[] = [];
  for (let dk = -1; dk <= 1; dk++)
    for (let dj = -1; dj <= 1; dj++)
      for (let di = -1; di <= 1; di++) {
        const manhattan = Math.abs(di) + Math.abs(dj) + Math.abs(dk);
        if (manhattan === 0 || (connectivity === 6 && manhattan > 1)) continue;
        out.push([di, dj, dk]);
      }
  return out;
}

/** Percent-of-SUVmax regions grown per seed, as described above. */
export function regionsPercentOfMax(
  image: PetImage,
  fraction: number,
  seedSuvbw: number,
  growthMarginMm: number,
  connectivity: Connectivity,
): CandidateRegion[] {
  const [nx, ny, nz] = image.dimensions;
  const values = image.voxels;
  const seeds = labelConnectedComponents(thresholdMask(values, seedSuvbw), image.dimensions, connectivity);
  const stats = componentStatistics(seeds, image).sort((a, b) => b.max - a.max);
  const taken = new Uint8Array(values.length);
  const neighbours = neighbourOffsets(connectivity);
  const margin = image.spacingMm.map((s) => Math.ceil(growthMarginMm / s - 1e-9));
  const queue = new Int32Array(values.length);
  const out: CandidateRegion[] = [];
  for (const seed of stats) {
    if (taken[seed.maxIndex] !== 0) continue;
    const threshold = fraction * seed.max;
    const lo = seed.boundsMin.map((v, axis) => Math.max(0, v - (margin[axis] ?? 0)));
    const hi = seed.boundsMax.map((v, axis) => Math.min((image.dimensions[axis] ?? 1) - 1, v + (margin[axis] ?? 0)));
    const [loI, loJ, loK] = [lo[0] ?? 0, lo[1] ?? 0, lo[2] ?? 0];
    const [hiI, hiJ, hiK] = [hi[0] ?? 0, hi[1] ?? 0, hi[2] ?? 0];
    let head = 0;
    let tail = 0;
    let reachedGrowthLimit = false;
    queue[tail++] = seed.maxIndex;
    taken[seed.maxIndex] = 1;
    while (head < tail) {
      const n = queue[head++] ?? 0;
      const i = n % nx;
      const j = ((n - i) / nx) % ny;
      const k = (n - i - nx * j) / (nx * ny);
      for (const [di, dj, dk] of neighbours) {
        const ii = i + di;
        const jj = j + dj;
        const kk = k + dk;
        if (ii < 0 || jj < 0 || kk < 0 || ii >= nx || jj >= ny || kk >= nz) continue;
        const m = ii + nx * (jj + ny * kk);
        if (taken[m] !== 0 || !((values[m] ?? Number.NaN) >= threshold)) continue;
        if (ii < loI || jj < loJ || kk < loK || ii > hiI || jj > hiJ || kk > hiK) {
          reachedGrowthLimit = true;
          continue;
        }
        taken[m] = 1;
        queue[tail++] = m;
      }
    }
    out.push({
      voxels: Uint32Array.from(queue.subarray(0, tail)).sort(),
      thresholdSuvbw: threshold,
      reachedGrowthLimit,
    });
  }
  return out;
}
