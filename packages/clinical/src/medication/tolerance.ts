/**
 * Comparisons at published cut-offs after arithmetic. A difference such as 1.9 − 1.4 is 0.4999999999999999
 * in binary floating point, which would wrongly miss an "increase of 0.5 mg/dL". The tolerance (one part in
 * 10^9) is far below the resolution of any laboratory value or dose, and far above floating-point error.
 */
const RELATIVE_TOLERANCE = 1e-9;

function tolerance(threshold: number): number {
  return RELATIVE_TOLERANCE * Math.max(1, Math.abs(threshold));
}

/** value ≥ threshold, allowing for floating-point error. */
export function isAtLeast(value: number, threshold: number): boolean {
  return value >= threshold - tolerance(threshold);
}

/** value ≤ threshold, allowing for floating-point error. */
export function isAtMost(value: number, threshold: number): boolean {
  return value <= threshold + tolerance(threshold);
}
