/**
 * Exact Poisson deviates from the seeded generator: sequential inversion for small means (expected
 * λ + 1 uniforms) and the transformed rejection method PTRS of Hörmann (Insurance: Mathematics and
 * Economics 1993;12:39–45) for λ ≥ 10, as NumPy implements it (random_poisson_ptrs), with the same
 * constants. A gamma-camera pixel's count is Poisson with the expected count as its mean.
 */
import type { SeededRandom } from './seeded-random.js';

const smallFactorialLogs = [
  0,
  0,
  Math.log(2),
  Math.log(6),
  Math.log(24),
  Math.log(120),
  Math.log(720),
  Math.log(5040),
  Math.log(40320),
  Math.log(362880),
];

/** ln(k!) : exact below 10, the Stirling series with four correction terms above (error < 1e-12). */
export function logFactorial(k: number): number {
  const exact = smallFactorialLogs[k];
  if (exact !== undefined) return exact;
  const n = k + 1;
  const inv = 1 / n;
  const inv2 = inv * inv;
  return (
    (n - 0.5) * Math.log(n) -
    n +
    0.5 * Math.log(2 * Math.PI) +
    inv * (1 / 12 - inv2 * (1 / 360 - inv2 * (1 / 1260 - inv2 / 1680)))
  );
}

function poissonInversion(random: SeededRandom, mean: number): number {
  let k = 0;
  let probability = Math.exp(-mean);
  let cumulative = probability;
  const u = random.uniform();
  while (u > cumulative && k < 1000) {
    k++;
    probability *= mean / k;
    cumulative += probability;
  }
  return k;
}

function poissonPtrs(random: SeededRandom, mean: number): number {
  const slam = Math.sqrt(mean);
  const logMean = Math.log(mean);
  const b = 0.931 + 2.53 * slam;
  const a = -0.059 + 0.02483 * b;
  const invAlpha = 1.1239 + 1.1328 / (b - 3.4);
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const u = random.uniform() - 0.5;
    const v = random.uniform();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + mean + 0.43);
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    if (Math.log(v) + Math.log(invAlpha) - Math.log(a / (us * us) + b) <= -mean + k * logMean - logFactorial(k)) {
      return k;
    }
  }
}

/** One Poisson deviate of mean `mean` (≥ 0). */
export function poissonSample(random: SeededRandom, mean: number): number {
  if (!(mean > 0)) return 0;
  return mean < 10 ? poissonInversion(random, mean) : poissonPtrs(random, mean);
}
