/**
 * The typed error model shared by every bonemet package.
 *
 * Every failure that a user can cause (bad input, missing clinical or physical data, an unsupported file)
 * is a `BonemetError` with a stable `code`, a message that says what is wrong, and a list of `issues`,
 * each naming where (a field path) and, where it helps, what to do. Callers branch on `code`, never on
 * message text. Programming errors stay ordinary `Error`s.
 */

/** Stable machine-readable error codes. */
export const errorCodes = [
  /** Input does not match its schema: wrong type, missing field, unknown field, out of range. */
  'invalid_input',
  /** Input is syntactically unreadable (malformed JSON, truncated file). */
  'malformed_input',
  /** Clinical or physical data needed for the computation is absent; no default is assumed. */
  'missing_data',
  /** The input is valid but describes something this version does not handle. */
  'unsupported',
  /** A referenced thing (file, patient, calculator) does not exist. */
  'not_found',
  /** Reading or writing a file or stream failed. */
  'io_error',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

/** A path into a structured input: object keys and array indices. */
export type IssuePath = readonly (string | number)[];

/** One problem with an input, located by its path. */
export interface Issue {
  readonly path: IssuePath;
  readonly message: string;
  /** What the user can do about it, when there is something specific to say. */
  readonly hint?: string;
}

export interface BonemetErrorOptions {
  readonly issues?: readonly Issue[];
  readonly cause?: unknown;
}

/** Base class of every error bonemet reports to a user. */
export class BonemetError extends Error {
  readonly code: ErrorCode;
  readonly issues: readonly Issue[];

  constructor(code: ErrorCode, message: string, options: BonemetErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'BonemetError';
    this.code = code;
    this.issues = options.issues ?? [];
  }

  /** A plain object for JSON output (no stack, no cause). */
  toJSON(): { code: ErrorCode; message: string; issues: readonly Issue[] } {
    return { code: this.code, message: this.message, issues: this.issues };
  }
}

export function isBonemetError(value: unknown): value is BonemetError {
  return value instanceof BonemetError;
}

/** Renders an issue path the way users write it: `lesions[2].pain.score`. */
export function formatIssuePath(path: IssuePath): string {
  if (path.length === 0) return '(root)';
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${String(part)}]`;
    else out += out === '' ? part : `.${part}`;
  }
  return out;
}
