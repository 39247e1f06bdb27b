import type { z } from 'zod';
import { BonemetError, type Issue } from './errors.js';

/** Converts zod issues into bonemet issues, keeping the field path. */
export function issuesFromZod(error: z.ZodError): Issue[] {
  return error.issues.flatMap((issue): Issue[] => {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      // One issue per unknown key, located at the key itself.
      return issue.keys.map((key) => ({
        path: [...path, key],
        message: `unknown field: ${key}`,
        hint: 'remove the field or check its spelling against the schema',
      }));
    }
    return [{ path, message: issue.message }];
  });
}

/** Says "required field is missing" where zod would describe the expected type of an absent value. */
const missingFieldMessage: z.core.$ZodErrorMap = (issue) =>
  issue.input === undefined && (issue.code === 'invalid_type' || issue.code === 'invalid_value')
    ? 'required field is missing'
    : undefined;

/**
 * Validates `value` against `schema`; on failure throws a `BonemetError('invalid_input')` listing every
 * problem by field path. `what` names the input in the message (e.g. "patient state").
 */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value, { error: missingFieldMessage });
  if (result.success) return result.data;
  const issues = issuesFromZod(result.error);
  throw new BonemetError(
    'invalid_input',
    `invalid ${what}: ${String(issues.length)} problem${issues.length === 1 ? '' : 's'}`,
    { issues },
  );
}

/** Parses JSON text; malformed text becomes a `BonemetError('malformed_input')` with the parser's position. */
export function parseJsonText(text: string, what: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    throw new BonemetError('malformed_input', `${what} is not valid JSON: ${detail}`, {
      issues: [{ path: [], message: detail, hint: 'check the file is complete JSON (quotes, commas, brackets)' }],
      cause,
    });
  }
}
