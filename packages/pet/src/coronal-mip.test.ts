import { describe, expect, it } from 'vitest';
import { coronalMip, coronalMipPosition } from './coronal-mip.js';

// A 4 × 3 × 5 volume (i, j, k) with one hot voxel; the expected pixel is worked out by hand from the
// module's convention: columns towards the patient's left (+x), rows towards the feet (−z).
function volumeWithHotVoxel(
  directions: readonly [
    readonly [number, number, number],
    readonly [number, number, number],
    readonly [number, number, number],
  ],
  hot: readonly [number, number, number],
): Parameters<typeof coronalMip>[0] {
  const dimensions = [4, 3, 5] as const;
  const voxels = new Float32Array(4 * 3 * 5).fill(1);
  voxels[hot[0] + 4 * (hot[1] + 3 * hot[2])] = 9;
  return { dimensions, spacingMm: [2, 3, 4], originMm: [10, 20, 30], directions, voxels };
}

describe('coronalMip', () => {
  it('projects an axial LPS grid along y, head at the top, patient right on the left', () => {
    // Identity directions: i = +x (left), j = +y (posterior), k = +z (head). Hot voxel (i 1, j 2, k 3).
    const volume = volumeWithHotVoxel(
      [
        [1, 0, 0],
        [0, 1, 0],
        [0, 0, 1],
      ],
      [1, 2, 3],
    );
    const mip = coronalMip(volume);
    expect([mip.columns, mip.rows]).toEqual([4, 5]);
    expect(mip.pixelSpacingMm).toEqual([4, 2]);
    // Column = i = 1 (no flip, i already runs to the left); row = 5 − 1 − k = 1 (k runs to the head).
    expect(mip.values[1 * 4 + 1]).toBe(9);
    expect([...mip.values].filter((v) => v === 9)).toHaveLength(1);
    expect([...mip.values].filter((v) => v === 1)).toHaveLength(19);
    // The hot voxel's centre: origin + (1·2, 2·3, 3·4) mm = (12, 26, 42) → pixel (1, 1).
    expect(coronalMipPosition(volume, mip, [12, 26, 42])).toEqual({ x: 1, y: 1 });
  });

  it('handles a grid stored feet first with i towards the patient right', () => {
    // i = −x (towards the right), j = +y, k = −z (towards the feet). Hot voxel (i 0, j 1, k 4).
    const volume = volumeWithHotVoxel(
      [
        [-1, 0, 0],
        [0, 1, 0],
        [0, 0, -1],
      ],
      [0, 1, 4],
    );
    const mip = coronalMip(volume);
    // Column = 4 − 1 − 0 = 3 (flipped); row = k = 4 (k already runs to the feet).
    expect(mip.values[4 * 4 + 3]).toBe(9);
    expect(coronalMipPosition(volume, mip, [10 - 0, 20 + 3, 30 - 16])).toEqual({ x: 3, y: 4 });
  });

  it('refuses an oblique grid with a typed error', () => {
    const c = Math.SQRT1_2;
    const volume = volumeWithHotVoxel(
      [
        [c, c, 0],
        [-c, c, 0],
        [0, 0, 1],
      ],
      [0, 0, 0],
    );
    expect(() => coronalMip(volume)).toThrow(/oblique/);
  });
});
