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
}

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
  const [nx, ny, nz] = dimensions;
  const neighbours = backwardNeighbours(connectivity);
  const linearOffsets = neighbours.map(([di, dj, dk]) => di + nx * (dj + ny * dk));
  const labels = new Int32Array(mask.length);
  let parent = new Int32Array(1024);
  let next = 1;

  for (let k = 0, n = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++, n++) {
        if (mask[n] === 0) continue;
        let label = 0;
        for (let q = 0; q < neighbours.length; q++) {
          const offset = neighbours[q];
          if (offset === undefined) continue;
          const ii = i + offset[0];
          const jj = j + offset[1];
          if (ii < 0 || ii >= nx || jj < 0 || jj >= ny || k + offset[2] < 0) continue;
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
            label = Math.min(a, b);
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
      }
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
  for (let n = 0; n < labels.length; n++) {
    const label = labels[n] ?? 0;
    if (label !== 0) labels[n] = final[label] ?? 0;
  }
  return { labels, count, connectivity };
}
