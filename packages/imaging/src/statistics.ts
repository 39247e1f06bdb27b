/** Simple statistics over a list of numbers. Each throws `invalid_input` for an empty list. */
import { BonemetError } from '@bonemet/core';

/** A plain array or a typed array of numbers. */
export type NumberList = ArrayLike<number> & Iterable<number>;

function requireValues(values: NumberList, what: string): void {
  if (values.length === 0) {
    throw new BonemetError('invalid_input', `${what} of an empty list`, {
      issues: [{ path: ['values'], message: 'at least one value is needed' }],
    });
  }
}

/** Arithmetic mean, summed in double precision. */
export function mean(values: NumberList): number {
  requireValues(values, 'mean');
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}

/**
 * Standard deviation. `sample` divides by n − 1 (the unbiased variance estimate, 0 for one value);
 * `population` divides by n. Two-pass (mean first) for accuracy.
 */
export function standardDeviation(values: NumberList, kind: 'sample' | 'population' = 'sample'): number {
  requireValues(values, 'standard deviation');
  if (values.length === 1) return 0;
  const m = mean(values);
  let squares = 0;
  for (const value of values) squares += (value - m) ** 2;
  return Math.sqrt(squares / (kind === 'sample' ? values.length - 1 : values.length));
}

/** Median; the mean of the two middle values for an even count. */
export function median(values: NumberList): number {
  requireValues(values, 'median');
  const sorted = Float64Array.from(values).sort();
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? Number.NaN)
    : ((sorted[middle - 1] ?? Number.NaN) + (sorted[middle] ?? Number.NaN)) / 2;
}
