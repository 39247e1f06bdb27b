/**
 * Helpers for tests of code that validates its input (`@bonemet/core/testing`, not part of the main index).
 *
 * Each runs a call that must reject its input with `BonemetError('invalid_input')` and returns what the
 * rejection named, so a test can assert which fields were at fault. Anything else (no error, another
 * error, another code) throws, which fails the calling test. No test-runner import: plain throws work
 * in any runner.
 */
import type { z } from 'zod';
import { BonemetError, formatIssuePath, type Issue } from './errors.js';
import { parseInput } from './validation.js';

/** Describes a thrown value for a failure message. */
function describeThrown(thrown: unknown): string {
  if (thrown instanceof BonemetError) return `a BonemetError with code ${thrown.code}: ${thrown.message}`;
  if (thrown instanceof Error) return `${thrown.name}: ${thrown.message}`;
  return `a non-error value: ${String(thrown)}`;
}

/** Runs `run`, which must throw `BonemetError('invalid_input')`, and returns that error's issues. */
export function invalidInputIssues(run: () => unknown): readonly Issue[] {
  try {
    run();
  } catch (thrown) {
    if (thrown instanceof BonemetError && thrown.code === 'invalid_input') return thrown.issues;
    throw new Error(`expected a BonemetError with code invalid_input, got ${describeThrown(thrown)}`, {
      cause: thrown,
    });
  }
  throw new Error('expected a BonemetError with code invalid_input, but the call returned normally');
}

/** The issue paths, as users write them (`lesions[2].pain`), of the `invalid_input` error `run` throws, in order. */
export function invalidInputPaths(run: () => unknown): string[] {
  return invalidInputIssues(run).map((issue) => formatIssuePath(issue.path));
}

/** The issue paths, sorted, of validating `value` against `schema` with `parseInput`, which must reject it. */
export function rejectedPaths(schema: z.ZodType, value: unknown, what = 'input'): string[] {
  return invalidInputPaths(() => parseInput(schema, value, what)).sort();
}

/** Runs `run`, which must throw a `BonemetError` (any code), and returns it; anything else throws. */
export function caughtBonemetError(run: () => unknown): BonemetError {
  try {
    run();
  } catch (thrown) {
    if (thrown instanceof BonemetError) return thrown;
    throw new Error(`expected a BonemetError, got ${describeThrown(thrown)}`, { cause: thrown });
  }
  throw new Error('expected a BonemetError, but the call returned normally');
}
export { decodePng, type DecodedPng } from './testing-png.js';
