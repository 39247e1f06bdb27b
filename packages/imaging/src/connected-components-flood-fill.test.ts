/**
 * Labelling of random masks against a breadth-first flood fill written here (the independent
 * expectation): same number of components, same label on every voxel (both number components in raster
 * order of their first voxel). Sparse masks exercise the foreground index list and the four-voxel skip,
 * dense ones the whole-grid passes; odd grid sizes put components on every border.
 */
import { describe, expect, it } from 'vitest';
import { groupComponentVoxels, voxelsOfComponent } from './component-voxels.js';
import { labelConnectedComponents, type Connectivity } from './connected-components.js';
import type { Triple } from './volume.js';

/** Deterministic pseudo-random numbers in [0, 1) (a linear congruential generator). */
function random(seed: number): () => number {
  let state = seed;
  return (): number => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32;
  };
}

function randomMask(dimensions: Triple, density: number, seed: number): Uint8Array {
  const next = random(seed);
  return Uint8Array.from({ length: dimensions[0] * dimensions[1] * dimensions[2] }, () => (next() < density ? 1 : 0));
}

/** Components by flood fill from each unlabelled foreground voxel in raster order. */
function floodFillLabels(mask: Uint8Array, [nx, ny, nz]: Triple, connectivity: Connectivity): Int32Array {
  const labels = new Int32Array(mask.length);
  let count = 0;
  for (let seed = 0; seed < mask.length; seed++) {
    if (mask[seed] === 0 || labels[seed] !== 0) continue;
    labels[seed] = ++count;
    const queue = [seed];
    while (queue.length > 0) {
      const n = queue.pop() ?? 0;
      const i = n % nx;
      const j = Math.floor(n / nx) % ny;
      const k = Math.floor(n / (nx * ny));
      for (let dk = -1; dk <= 1; dk++) {
        for (let dj = -1; dj <= 1; dj++) {
          for (let di = -1; di <= 1; di++) {
            const steps = Math.abs(di) + Math.abs(dj) + Math.abs(dk);
            if (steps === 0 || (connectivity === 6 && steps > 1)) continue;
            const [a, b, c] = [i + di, j + dj, k + dk];
            if (a < 0 || b < 0 || c < 0 || a >= nx || b >= ny || c >= nz) continue;
            const m = a + nx * (b + ny * c);
            if (mask[m] !== 0 && labels[m] === 0) {
              labels[m] = count;
              queue.push(m);
            }
          }
        }
      }
    }
  }
  return labels;
}

const cases: { dimensions: Triple; density: number; connectivity: Connectivity }[] = [
  { dimensions: [17, 9, 6], density: 0.1, connectivity: 26 },
  { dimensions: [40, 30, 20], density: 0.05, connectivity: 26 },
  { dimensions: [40, 30, 20], density: 0.6, connectivity: 26 },
  { dimensions: [23, 11, 7], density: 0.08, connectivity: 6 },
  { dimensions: [9, 9, 9], density: 0.9, connectivity: 6 },
  { dimensions: [5, 3, 2], density: 0.3, connectivity: 26 },
];

describe('labelConnectedComponents against a flood fill', () => {
  it.each(cases)(
    '$dimensions at density $density, $connectivity-connected',
    ({ dimensions, density, connectivity }) => {
      const mask = randomMask(dimensions, density, dimensions[0] * 31 + connectivity);
      const expected = floodFillLabels(mask, dimensions, connectivity);
      const components = labelConnectedComponents(mask, dimensions, connectivity);
      expect(components.count).toBe(Math.max(0, ...expected));
      expect(Array.from(components.labels)).toEqual(Array.from(expected));
      // The foreground index list, when kept, is every foreground voxel in raster order.
      const foreground = mask.reduce<number[]>((list, value, n) => (value === 0 ? list : [...list, n]), []);
      if (components.foreground !== undefined) expect(Array.from(components.foreground)).toEqual(foreground);
      // Grouping gives the same voxels with and without the list.
      const withList = groupComponentVoxels(components);
      const withoutList = groupComponentVoxels({ labels: components.labels, count: components.count, connectivity });
      for (let c = 1; c <= components.count; c++) {
        const voxels = foreground.filter((n) => expected[n] === c);
        expect(Array.from(voxelsOfComponent(withList, c))).toEqual(voxels);
        expect(Array.from(voxelsOfComponent(withoutList, c))).toEqual(voxels);
      }
    },
  );

  it('labels a mask that starts at an unaligned byte offset and holds values other than 1', () => {
    const dimensions: Triple = [13, 7, 5];
    const source = randomMask(dimensions, 0.15, 11);
    const expected = floodFillLabels(source, dimensions, 26);
    for (const offset of [1, 2, 3]) {
      // The same mask inside a larger buffer, with foreground written as 0x80 (only the top bit set).
      const buffer = new Uint8Array(source.length + offset + 8).fill(0xff);
      const view = buffer.subarray(offset, offset + source.length);
      source.forEach((value, n) => {
        view[n] = value === 0 ? 0 : 0x80;
      });
      const components = labelConnectedComponents(view, dimensions, 26);
      expect(Array.from(components.labels)).toEqual(Array.from(expected));
    }
  });

  it('keeps the foreground list for a sparse mask and drops it for a dense one', () => {
    const dimensions: Triple = [40, 30, 20];
    // 5% foreground is below the 1/8 limit, 60% above it.
    expect(labelConnectedComponents(randomMask(dimensions, 0.05, 3), dimensions).foreground).toBeDefined();
    expect(labelConnectedComponents(randomMask(dimensions, 0.6, 3), dimensions).foreground).toBeUndefined();
  });
});
