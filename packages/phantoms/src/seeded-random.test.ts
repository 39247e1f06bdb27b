import { describe, expect, it } from 'vitest';
import { SeededRandom } from './seeded-random.js';

describe('SeededRandom (xoshiro128**)', () => {
  it('reproduces the reference recurrence from the state (1, 2, 3, 4)', () => {
    // Hand computation with the reference C code (prng.di.unimi.it/xoshiro128starstar.c):
    // 1st: rotl(s1·5 = 10, 7)·9 = 1280·9 = 11520; state becomes (7, 0, 1026, 12288).
    // 2nd: rotl(0·5, 7)·9 = 0; state becomes (12295, 1029, 1029, 25165824).
    // 3rd: rotl(1029·5 = 5145, 7)·9 = 658560·9 = 5927040.
    const random = new SeededRandom([1, 2, 3, 4]);
    expect([random.nextUint32(), random.nextUint32(), random.nextUint32()]).toEqual([11520, 0, 5927040]);
  });

  it('refuses the all-zero state', () => {
    expect(() => new SeededRandom([0, 0, 0, 0])).toThrow(RangeError);
  });

  it('gives the same sequence for the same seed and another for another seed', () => {
    const draw = (seed: number): number[] => {
      const random = SeededRandom.fromSeed(seed);
      return Array.from({ length: 8 }, () => random.nextUint32());
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
  });

  it('draws integers below the bound, each value about equally often', () => {
    const random = SeededRandom.fromSeed(7);
    const counts = [0, 0, 0];
    for (let n = 0; n < 30000; n++) counts[random.integerBelow(3)] = (counts[random.integerBelow(3)] ?? 0) + 1;
    // Binomial SD for 30000 draws at p = 1/3 is 81.6; 5 SD = 408.
    for (const count of counts) expect(Math.abs(count - 10000)).toBeLessThan(408);
  });

  it('draws standard normal deviates (mean 0, SD 1)', () => {
    const random = SeededRandom.fromSeed(3);
    const n = 100000;
    let sum = 0;
    let sumSquares = 0;
    for (let i = 0; i < n; i++) {
      const value = random.normal();
      sum += value;
      sumSquares += value * value;
    }
    const mean = sum / n;
    // Standard error of the mean 1/sqrt(1e5) = 0.0032, of the variance sqrt(2/1e5) = 0.0045: 5 SE bounds.
    expect(Math.abs(mean)).toBeLessThan(0.016);
    expect(Math.abs(sumSquares / n - mean * mean - 1)).toBeLessThan(0.023);
  });
});
