/**
 * The fast mask operations against the general ones of @bonemet/imaging, which are the independent
 * expectation here: the same voxels must come out, on random masks with borders and several components.
 */
import { boxElement, dilate, labelConnectedComponents, type Triple } from '@bonemet/imaging';
import { describe, expect, it } from 'vitest';
import { BoxTracker, dilateBox1, labelWithinBox } from './mask-operations.js';

/** A reproducible sparse random mask (linear congruential generator, density about `density`). */
function randomMask(dimensions: Triple, density: number, seed: number): Uint8Array {
  const mask = new Uint8Array(dimensions[0] * dimensions[1] * dimensions[2]);
  let state = seed;
  for (let n = 0; n < mask.length; n++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    if (state / 2 ** 32 < density) mask[n] = 1;
  }
  return mask;
}

describe('dilateBox1', () => {
  it.each([
    [[7, 5, 4] as Triple, 0.05],
    [[1, 6, 3] as Triple, 0.2],
    [[9, 9, 9] as Triple, 0.01],
  ])('equals dilate with the 3 × 3 × 3 box on %j (density %d)', (dimensions, density) => {
    const mask = randomMask(dimensions, density, 7);
    expect(dilateBox1(mask, dimensions)).toEqual(dilate(mask, dimensions, boxElement(1)));
  });

  it('grows a single corner voxel into the 2 × 2 × 2 corner cube, not past the border', () => {
    const dimensions: Triple = [4, 4, 4];
    const mask = new Uint8Array(64);
    mask[0] = 1;
    const out = dilateBox1(mask, dimensions);
    // By hand: voxels with i, j, k ∈ {0, 1}, 8 voxels.
    expect(out.reduce((sum, v) => sum + v, 0)).toBe(8);
    for (const [i, j, k] of [
      [0, 0, 0],
      [1, 1, 1],
      [1, 0, 1],
    ]) {
      expect(out[(i ?? 0) + 4 * ((j ?? 0) + 4 * (k ?? 0))]).toBe(1);
    }
  });
});

describe('labelWithinBox', () => {
  it.each([6, 26] as const)(
    'numbers the components as labelConnectedComponents does (%i-connected)',
    (connectivity) => {
      const dimensions: Triple = [12, 10, 8];
      const [nx, ny] = dimensions;
      const mask = randomMask(dimensions, 0.15, 3);
      // Clear a border so that the bounding box is smaller than the grid.
      const tracker = new BoxTracker();
      for (let k = 0, n = 0; k < dimensions[2]; k++)
        for (let j = 0; j < ny; j++)
          for (let i = 0; i < nx; i++, n++) {
            if (i < 2 || j > 7 || k === 0) mask[n] = 0;
            if (mask[n] === 1) tracker.add(i, j, k);
          }
      const box = tracker.box();
      expect(box).not.toBeNull();
      if (box === null) return;
      const whole = labelConnectedComponents(mask, dimensions, connectivity);
      const boxed = labelWithinBox(mask, dimensions, box, connectivity);
      expect(boxed.count).toBe(whole.count);
      const [bx, by, bz] = boxed.boxDimensions;
      const sizes = new Uint32Array(whole.count + 1);
      for (const label of whole.labels) if (label !== 0) sizes[label] = (sizes[label] ?? 0) + 1;
      expect(boxed.sizes).toEqual(sizes);
      for (let k = 0, b = 0; k < bz; k++)
        for (let j = 0; j < by; j++)
          for (let i = 0; i < bx; i++, b++) {
            const n = box.lo[0] + i + nx * (box.lo[1] + j + ny * (box.lo[2] + k));
            expect(boxed.labels[b]).toBe(whole.labels[n]);
          }
    },
  );

  it('reports no box for an empty mask', () => {
    expect(new BoxTracker().box()).toBeNull();
  });
});
