/**
 * Comparisons at published cut-offs after arithmetic. Inputs are decimals, but 1.4 − 0.9 is
 * 0.4999999999999999 and 3.0 − 2.2 is 0.8000000000000003 in binary floating point, so a value that is at a
 * cut-off in decimal must count as at the cut-off. The tolerance (one part in 10^9 of the cut-off, at least
 * 1e-9) is far below the resolution of any laboratory value, dose, SUV or percentage, and far above
 * floating-point error.
 */
const RELATIVE_TOLERANCE = 1e-9;

function tolerance(threshold: number): number {
  return RELATIVE_TOLERANCE * Math.max(1, Math.abs(threshold));
}

/** value ≥ threshold, allowing for floating-point error. */
export function isAtLeast(value: number, threshold: number): boolean {
  return value >= threshold - tolerance(threshold);
}

/** value > threshold, allowing for floating-point error (equal in decimal is not above). */
export function isGreaterThan(value: number, threshold: number): boolean {
  return value > threshold + tolerance(threshold);
}

/** value ≤ threshold, allowing for floating-point error. */
export function isAtMost(value: number, threshold: number): boolean {
  return value <= threshold + tolerance(threshold);
}

/** value < threshold, allowing for floating-point error (equal in decimal is not below). */
export function isLessThan(value: number, threshold: number): boolean {
  return value < threshold - tolerance(threshold);
}
