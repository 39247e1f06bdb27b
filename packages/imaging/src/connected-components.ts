/**
 * Connected-component labelling of a binary mask, 6- or 26-connected, by two raster passes with a
 * union-find table (no recursion, no queue, memory linear in the number of voxels).
 */
import { BonemetError } from '@bonemet/core';
import { validateMask, type Triple, type VoxelMask } from './volume.js';

/** 6: voxels sharing a face; 26: sharing a face, an edge or a corner. */
export type Connectivity = 6 | 26;

export interface ComponentLabels {
  /** 0 = background; components are numbered 1..count in raster order of their first voxel. */
  readonly labels: Int32Array;
  readonly count: number;
  readonly connectivity: Connectivity;
  /**
   * Linear indices of every labelled voxel in raster order, kept when the foreground is at most
   * `foregroundListFraction` of the voxels, so that later passes (`groupComponentVoxels`) visit only the
   * foreground instead of the whole grid; absent for a large foreground, where it would cost memory.
   */
  readonly foreground?: Uint32Array;
}

/** Largest foreground, as a fraction of all voxels, whose index list is kept (memory: 4 bytes per voxel listed). */
export const foregroundListFraction = 1 / 8;

/** Neighbours already visited in raster order (k, then j, then i increasing). */
function backwardNeighbours(connectivity: Connectivity): Triple[] {
  if (connectivity === 6) {
    return [
      [-1, 0, 0],
      [0, -1, 0],
      [0, 0, -1],
    ];
  }
  const out: Triple[] = [];
  for (let dk = -1; dk <= 0; dk++) {
    for (let dj = -1; dj <= 1; dj++) {
      for (let di = -1; di <= 1; di++) {
        if (dk < 0 || dj < 0 || (dj === 0 && di < 0)) out.push([di, dj, dk]);
      }
    }
  }
  return out;
}

function find(parent: Int32Array, label: number): number {
  let x = label;
  // Path halving keeps the trees flat without recursion.
  for (;;) {
    const p = parent[x] ?? x;
    if (p === x) return x;
    const grand = parent[p] ?? p;
    parent[x] = grand;
    x = grand;
  }
}

/** Labels the connected components of `mask` (non-zero = foreground). */
export function labelConnectedComponents(
  mask: VoxelMask,
  dimensions: Triple,
  connectivity: Connectivity = 26,
): ComponentLabels {
  const requested: number = connectivity;
  if (requested !== 6 && requested !== 26) {
    throw new BonemetError('invalid_input', `connectivity ${requested} is not 6 or 26`, {
      issues: [{ path: ['connectivity'], message: 'expected 6 or 26' }],
    });
  }
  validateMask(mask, { dimensions, spacingMm: [1, 1, 1] }, 'mask');
  const [nx, ny] = dimensions;
  const neighbours = backwardNeighbours(connectivity);
  const neighbourCount = neighbours.length;
  const offsetI = Int32Array.from(neighbours, (offset) => offset[0]);
  const offsetJ = Int32Array.from(neighbours, (offset) => offset[1]);
  const offsetK = Int32Array.from(neighbours, (offset) => offset[2]);
  const linearOffsets = Int32Array.from(neighbours, ([di, dj, dk]) => di + nx * (dj + ny * dk));
  const labels = new Int32Array(mask.length);
  let parent = new Int32Array(1024);
  let next = 1;
  const foregroundLimit = Math.floor(mask.length * foregroundListFraction);
  let foreground: Uint32Array | undefined = new Uint32Array(Math.min(1024, foregroundLimit));
  let foregroundCount = 0;

  // Background is skipped four voxels at a time (a zero 32-bit word is four zero mask bytes), and the
  // voxel (i, j, k) of a foreground voxel is worked out once per row reached, so the cost follows the
  // foreground rather than the grid.
  const length = mask.length;
  const sliceSize = nx * ny;
  const words =
    mask.byteOffset % 4 === 0 ? new Uint32Array(mask.buffer, mask.byteOffset, length >> 2) : new Uint32Array(0);
  const wordCount = words.length;
  let rowStart = 0;
  let rowEnd = 0;
  let j = 0;
  let k = 0;
  let rowInterior = false;
  for (let n = 0; n < length; n++) {
    if ((n & 3) === 0) {
      let w = n >> 2;
      while (w < wordCount && words[w] === 0) w++;
      if (w > n >> 2) {
        n = (w << 2) - 1;
        continue;
      }
    }
    if (mask[n] === 0) continue;
    if (n >= rowEnd) {
      k = Math.floor(n / sliceSize);
      j = Math.floor((n - k * sliceSize) / nx);
      rowStart = k * sliceSize + j * nx;
      rowEnd = rowStart + nx;
      // Interior voxels (not on the first slice, nor the first or last row or column) have every backward
      // neighbour inside the grid (those of the previous slice reach j + 1 and i + 1); only the others need
      // the bounds checks.
      rowInterior = k > 0 && j > 0 && j < ny - 1;
    }
    const i = n - rowStart;
    const interior = rowInterior && i > 0 && i < nx - 1;
    let label = 0;
    for (let q = 0; q < neighbourCount; q++) {
      if (!interior) {
        const ii = i + (offsetI[q] ?? 0);
        const jj = j + (offsetJ[q] ?? 0);
        if (ii < 0 || ii >= nx || jj < 0 || jj >= ny || k + (offsetK[q] ?? 0) < 0) continue;
      }
      const neighbour = labels[n + (linearOffsets[q] ?? 0)] ?? 0;
      if (neighbour === 0) continue;
      if (label === 0) {
        label = find(parent, neighbour);
        continue;
      }
      const a = find(parent, label);
      const b = find(parent, neighbour);
      if (a !== b) {
        // Keep the smaller label as root so that final numbering follows raster order.
        if (a < b) parent[b] = a;
        else parent[a] = b;
        label = a < b ? a : b;
      }
    }
    if (label === 0) {
      if (next >= parent.length) {
        const grown = new Int32Array(parent.length * 2);
        grown.set(parent);
        parent = grown;
      }
      parent[next] = next;
      label = next++;
    }
    labels[n] = label;
    if (foreground !== undefined) {
      if (foregroundCount === foreground.length) {
        foreground = foregroundCount >= foregroundLimit ? undefined : grow(foreground, foregroundLimit);
      }
      if (foreground !== undefined) foreground[foregroundCount++] = n;
    }
  }

  // Final consecutive numbering in order of each component's first voxel.
  const final = new Int32Array(next);
  let count = 0;
  for (let label = 1; label < next; label++) {
    const root = find(parent, label);
    if (root === label) final[label] = ++count;
  }
  for (let label = 1; label < next; label++) final[label] = final[find(parent, label)] ?? 0;
  if (foreground !== undefined) {
    foreground = foreground.slice(0, foregroundCount);
    for (let f = 0; f < foregroundCount; f++) {
      const n = foreground[f] ?? 0;
      labels[n] = final[labels[n] ?? 0] ?? 0;
    }
    return { labels, count, connectivity, foreground };
  }
  for (let n = 0; n < length; n++) {
    const label = labels[n] ?? 0;
    if (label !== 0) labels[n] = final[label] ?? 0;
  }
  return { labels, count, connectivity };
}

/** A copy of `values` with twice the room, at most `limit`. */
function grow(values: Uint32Array, limit: number): Uint32Array {
  const grown = new Uint32Array(Math.min(limit, Math.max(1024, values.length * 2)));
  grown.set(values);
  return grown;
}
