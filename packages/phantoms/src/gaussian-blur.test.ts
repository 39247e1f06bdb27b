import { describe, expect, it } from 'vitest';
import { gaussianBlurInPlace, gaussianKernel, sigmaFromFwhmMm } from './gaussian-blur.js';

describe('Gaussian blur', () => {
  it('converts FWHM to σ by FWHM = 2·sqrt(2 ln 2)·σ ≈ 2.3548·σ', () => {
    expect(sigmaFromFwhmMm(2.3548200450309493)).toBeCloseTo(1, 12);
  });

  it('has kernels that sum to 1', () => {
    for (const sigma of [0.3, 1, 2.7]) expect(gaussianKernel(sigma).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it('keeps a uniform volume uniform (edges replicated)', () => {
    const values = new Float32Array(8 * 8 * 8).fill(5);
    gaussianBlurInPlace(values, [8, 8, 8], [2, 2, 2], 6);
    for (const value of values) expect(value).toBeCloseTo(5, 5);
  });

  it('spreads a point into a Gaussian of the stated width', () => {
    // FWHM 9.4193 mm = 4·2.3548 → σ = 4 mm = 2 voxels of 2 mm; the blurred point's variance along x is σ² = 4 voxels²,
    // less what the truncation at 4σ removes: 2·(4·φ(4) + 1 − Φ(4)) ≈ 0.11 % of σ², so within 0.01 voxel².
    const n = 33;
    const values = new Float32Array(n * n * n);
    const centre = 16 + n * (16 + n * 16);
    values[centre] = 1;
    gaussianBlurInPlace(values, [n, n, n], [2, 2, 2], 4 * 2.3548200450309493);
    let total = 0;
    let varianceX = 0;
    for (let k = 0; k < n; k++)
      for (let j = 0; j < n; j++)
        for (let i = 0; i < n; i++) {
          const value = values[i + n * (j + n * k)] ?? 0;
          total += value;
          varianceX += value * (i - 16) ** 2;
        }
    expect(total).toBeCloseTo(1, 5);
    expect(Math.abs(varianceX - 4)).toBeLessThan(0.01);
  });
});
