/**
 * A seeded pseudo-random generator, so that a phantom is reproducible bit for bit from its seed.
 * Algorithm: xoshiro128** 1.1 (Blackman and Vigna, "Scrambled linear pseudorandom number generators",
 * ACM TOMS 2021; reference C code at prng.di.unimi.it), state seeded by SplitMix32 as the authors advise
 * (a seed must never give the all-zero state). Normal deviates by the Box–Muller transform.
 */

const rotateLeft = (value: number, bits: number): number => ((value << bits) | (value >>> (32 - bits))) >>> 0;

/** SplitMix32 step (the 32-bit variant of Steele, Lea and Flood's SplitMix), used only to expand a seed. */
function splitMix32(state: { value: number }): number {
  state.value = (state.value + 0x9e3779b9) >>> 0;
  let z = state.value;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return (z ^ (z >>> 16)) >>> 0;
}

export class SeededRandom {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  private spareNormal: number | undefined;

  /** A generator from a 32-bit seed (any integer; taken modulo 2^32). */
  static fromSeed(seed: number): SeededRandom {
    const expand = { value: seed >>> 0 };
    return new SeededRandom([splitMix32(expand), splitMix32(expand), splitMix32(expand), splitMix32(expand)]);
  }

  /** A generator from an explicit xoshiro128** state (four 32-bit words, not all zero). */
  constructor(state: readonly [number, number, number, number]) {
    [this.s0, this.s1, this.s2, this.s3] = state.map((word) => word >>> 0) as [number, number, number, number];
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) {
      throw new RangeError('xoshiro128** state must not be all zero');
    }
  }

  /** Next 32-bit unsigned integer. */
  nextUint32(): number {
    const result = Math.imul(rotateLeft(Math.imul(this.s1, 5) >>> 0, 7), 9) >>> 0;
    const t = (this.s1 << 9) >>> 0;
    this.s2 = (this.s2 ^ this.s0) >>> 0;
    this.s3 = (this.s3 ^ this.s1) >>> 0;
    this.s1 = (this.s1 ^ this.s2) >>> 0;
    this.s0 = (this.s0 ^ this.s3) >>> 0;
    this.s2 = (this.s2 ^ t) >>> 0;
    this.s3 = rotateLeft(this.s3, 11);
    return result;
  }

  /** Uniform in [0, 1), 32 bits of resolution. */
  uniform(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform integer in [0, count), by rejection so that every value is equally likely. */
  integerBelow(count: number): number {
    if (!Number.isInteger(count) || count < 1 || count > 4294967296) throw new RangeError(`bad count ${count}`);
    const limit = 4294967296 - (4294967296 % count);
    for (;;) {
      const value = this.nextUint32();
      if (value < limit) return value % count;
    }
  }

  /** Standard normal deviate (mean 0, SD 1), Box–Muller; the second deviate of each pair is kept for the next call. */
  normal(): number {
    const spare = this.spareNormal;
    if (spare !== undefined) {
      this.spareNormal = undefined;
      return spare;
    }
    const u1 = 1 - this.uniform(); // (0, 1]: the logarithm stays finite
    const u2 = this.uniform();
    const radius = Math.sqrt(-2 * Math.log(u1));
    this.spareNormal = radius * Math.sin(2 * Math.PI * u2);
    return radius * Math.cos(2 * Math.PI * u2);
  }
}
