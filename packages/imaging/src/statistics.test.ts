import { BonemetError } from '@bonemet/core';
import { describe, expect, it } from 'vitest';
import { mean, median, standardDeviation } from './statistics.js';

describe('statistics', () => {
  it('mean of 1, 2, 3, 4 is 2.5', () => {
    expect(mean([1, 2, 3, 4])).toBe(2.5);
  });

  it('SD of 1, 2, 3, 4: squares about 2.5 sum to 5; sample √(5/3), population √(5/4)', () => {
    expect(standardDeviation([1, 2, 3, 4])).toBeCloseTo(Math.sqrt(5 / 3), 12);
    expect(standardDeviation(Float32Array.of(1, 2, 3, 4), 'population')).toBeCloseTo(Math.sqrt(1.25), 12);
    expect(standardDeviation([7])).toBe(0);
  });

  it('median of an odd and an even count', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('refuses an empty list', () => {
    expect(() => mean([])).toThrow(BonemetError);
    expect(() => median([])).toThrow(BonemetError);
    expect(() => standardDeviation([])).toThrow(BonemetError);
  });
});
