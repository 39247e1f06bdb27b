import { parseInput, type Citation } from '@bonemet/core';
import type { z } from 'zod';

/**
 * What every calculator (score, drug rule, laboratory rule) returns besides its own typed fields:
 * a one-line summary, the lines that explain it, the sources it follows, and any assumption it made
 * (a convention chosen where the source is silent, or a default the user did not override).
 */
export interface CalculatorResult {
  readonly calculator: string;
  readonly summary: string;
  readonly details: readonly string[];
  readonly sources: readonly Citation[];
  readonly assumptions: readonly string[];
}

/** A calculator with its validation schema: the schema is the single source of its input type. */
export interface Calculator<S extends z.ZodType, R extends CalculatorResult> {
  /** Command-line name, kebab-case, e.g. `mirels`, `zoledronic-acid-dose`. */
  readonly id: string;
  readonly title: string;
  /** One sentence: what it computes and from what. */
  readonly description: string;
  readonly input: S;
  /** An example input that validates, used in help text and tests. */
  readonly example: z.input<S>;
  readonly compute: (input: z.output<S>) => R;
}

/** A calculator with its input type erased, for registries and the command line. */
export interface AnyCalculator {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly input: z.ZodType;
  readonly example: unknown;
  /** Validates `raw` (throwing `BonemetError('invalid_input')` with every issue) and computes. */
  readonly run: (raw: unknown) => CalculatorResult;
}

export function defineCalculator<S extends z.ZodType, R extends CalculatorResult>(
  definition: Calculator<S, R>,
): Calculator<S, R> & AnyCalculator {
  return Object.freeze({
    ...definition,
    run: (raw: unknown): R => definition.compute(parseInput(definition.input, raw, `${definition.id} input`)),
  });
}
