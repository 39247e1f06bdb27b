import { BonemetError } from '@bonemet/core';

/** Runs `run`, expecting a `BonemetError`; returns its code and its issues as "path: message" lines. */
export function issuesOf(run: () => unknown): { code: string; lines: string[] } {
  try {
    run();
  } catch (error) {
    if (!(error instanceof BonemetError)) throw error;
    return { code: error.code, lines: error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`) };
  }
  throw new Error('expected a BonemetError');
}
