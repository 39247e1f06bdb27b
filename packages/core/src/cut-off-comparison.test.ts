import { describe, expect, it } from 'vitest';
import { isAtLeast, isAtMost } from './cut-off-comparison.js';

describe('comparisons at cut-offs after arithmetic', () => {
  it('count a difference that floating point leaves a hair short of the cut-off', () => {
    // 1.4 − 0.9 = 0.4999999999999999 in binary floating point; the increase is 0.5.
    expect(1.4 - 0.9 >= 0.5).toBe(false);
    expect(isAtLeast(1.4 - 0.9, 0.5)).toBe(true);
    // 1.13 × 1.1 = 1.2429999999999999; 1.243 is within 10% of 1.13.
    expect(1.243 <= 1.13 * 1.1).toBe(false);
    expect(isAtMost(1.243, 1.13 * 1.1)).toBe(true);
  });

  it('still separate values one laboratory digit apart', () => {
    expect(isAtLeast(0.49, 0.5)).toBe(false);
    expect(isAtLeast(0.499, 0.5)).toBe(false);
    expect(isAtMost(1.244, 1.13 * 1.1)).toBe(false);
    expect(isAtLeast(43.9, 44)).toBe(false);
  });
});
