import { BonemetError } from '@bonemet/core';
import { describe, expect, it } from 'vitest';
import { gridIndexToMm } from './geometry.js';
import { defaultCtFillHu, resampleTrilinear, type PlacedVolume } from './resample.js';
import type { PlacedGrid, Triple } from './volume.js';

const identity: readonly [Triple, Triple, Triple] = [
  [1, 0, 0],
  [0, 1, 0],
  [0, 0, 1],
];

/** A linear function of patient position: trilinear interpolation must reproduce it exactly. */
const ramp = (p: Triple): number => 7 + 0.5 * p[0] - 0.25 * p[1] + 2 * p[2];

function volumeOf(grid: PlacedGrid, f: (p: Triple) => number): PlacedVolume {
  const [nx, ny, nz] = grid.dimensions;
  const voxels = new Float32Array(nx * ny * nz);
  for (let k = 0, n = 0; k < nz; k++)
    for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++, n++) voxels[n] = f(gridIndexToMm(grid, [i, j, k]));
  return { ...grid, voxels };
}

/** Target voxel centres and whether each lies inside the source's box of voxel centres (by construction). */
function eachTarget(grid: PlacedGrid, visit: (n: number, p: Triple) => void): void {
  const [nx, ny, nz] = grid.dimensions;
  for (let k = 0, n = 0; k < nz; k++)
    for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++, n++) visit(n, gridIndexToMm(grid, [i, j, k]));
}

describe('resampleTrilinear', () => {
  // CT-like source: 40 × 40 × 30 voxels of 1 × 1 × 2 mm from (−20, −20, −30): centres span x, y ∈ [−20, 19],
  // z ∈ [−30, 28].
  const ctGrid: PlacedGrid = {
    dimensions: [40, 40, 30],
    spacingMm: [1, 1, 2],
    originMm: [-20, -20, -30],
    directions: identity,
  };
  const ct = volumeOf(ctGrid, ramp);

  it('reproduces a linear ramp exactly on a coarser, shifted grid and fills outside with the given value', () => {
    // PET-like target: 4 mm voxels from (−21.5, −18.3, −33): some centres fall outside the source box.
    const petGrid: PlacedGrid = {
      dimensions: [12, 11, 17],
      spacingMm: [4, 4, 4],
      originMm: [-21.5, -18.3, -33],
      directions: identity,
    };
    const out = resampleTrilinear(ct, petGrid, defaultCtFillHu);
    let inside = 0;
    let outside = 0;
    eachTarget(petGrid, (n, p) => {
      const inBox = p[0] >= -20 && p[0] <= 19 && p[1] >= -20 && p[1] <= 19 && p[2] >= -30 && p[2] <= 28;
      if (inBox) {
        inside++;
        expect(out[n]).toBeCloseTo(ramp(p), 3);
      } else {
        outside++;
        expect(out[n]).toBe(-1000);
      }
    });
    expect(inside).toBeGreaterThan(100);
    expect(outside).toBeGreaterThan(100);
  });

  it('gives identical voxels on the identical grid', () => {
    const noisy = { ...ct, voxels: ct.voxels.map((v, n) => v + ((n * 7919) % 13)) };
    expect(Array.from(resampleTrilinear(noisy, ctGrid, 0))).toEqual(Array.from(noisy.voxels));
  });

  it('handles a source whose rows run along −x, columns along +z and slices along +y (rotated and flipped)', () => {
    // Directions: i → −x, j → +z, k → +y. Origin chosen so that the source covers x ∈ [−19, 20] (i = 0 at
    // x = 20), z ∈ [−30, 28] over 30 columns of 2 mm, y ∈ [−20, 19] over 40 slices of 1 mm.
    const rotated: PlacedGrid = {
      dimensions: [40, 30, 40],
      spacingMm: [1, 2, 1],
      originMm: [20, -20, -30],
      directions: [
        [-1, 0, 0],
        [0, 0, 1],
        [0, 1, 0],
      ],
    };
    const source = volumeOf(rotated, ramp);
    const target: PlacedGrid = {
      dimensions: [9, 9, 13],
      spacingMm: [4, 4, 4],
      originMm: [-17.2, -16.9, -27.5],
      directions: identity,
    };
    const out = resampleTrilinear(source, target, defaultCtFillHu);
    eachTarget(target, (n, p) => {
      // Every target centre lies inside x ∈ [−19, 20], y ∈ [−20, 19], z ∈ [−30, 28].
      expect(out[n]).toBeCloseTo(ramp(p), 3);
    });
    // The reverse: an identity source onto a rotated target.
    const back = resampleTrilinear(ct, { ...rotated, originMm: [18, -19, -29], dimensions: [30, 25, 30] }, -1000);
    eachTarget({ ...rotated, originMm: [18, -19, -29], dimensions: [30, 25, 30] }, (n, p) => {
      expect(back[n]).toBeCloseTo(ramp(p), 3);
    });
  });

  it('interpolates between two voxels by distance (hand computation)', () => {
    // Source 2 × 1 × 1 with values 10 and 20 at x = 0 and x = 1: at x = 0.25 the value is 12.5.
    const source: PlacedVolume = {
      dimensions: [2, 1, 1],
      spacingMm: [1, 1, 1],
      originMm: [0, 0, 0],
      directions: identity,
      voxels: Float32Array.from([10, 20]),
    };
    const target: PlacedGrid = {
      dimensions: [1, 1, 1],
      spacingMm: [1, 1, 1],
      originMm: [0.25, 0, 0],
      directions: identity,
    };
    expect(resampleTrilinear(source, target, -1000)[0]).toBeCloseTo(12.5, 6);
  });

  it('refuses non-orthonormal directions and a source whose values do not fill its grid', () => {
    const skew = {
      ...ct,
      directions: [
        [1, 0, 0],
        [0.5, 0.5, 0],
        [0, 0, 1],
      ] as const,
    };
    expect(() => resampleTrilinear(skew, ctGrid, 0)).toThrow(BonemetError);
    let caught: unknown;
    try {
      resampleTrilinear({ ...ct, voxels: new Float32Array(5) }, ctGrid, 0);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(BonemetError);
    expect((caught as BonemetError).issues[0]?.path).toEqual(['source', 'voxels']);
  });
});
