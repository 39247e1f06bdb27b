import type { z } from 'zod';

/** An issue of the server's error body: where (path) and what. */
export interface ApiIssue {
  readonly path: readonly (string | number)[];
  readonly message: string;
  readonly hint?: string;
}

/** A failed API call with the server's `{ error: { code, message, issues } }`, readable as one text. */
export class ApiRequestError extends Error {
  readonly status: number;
  readonly code: string;
  readonly issues: readonly ApiIssue[];

  constructor(status: number, code: string, message: string, issues: readonly ApiIssue[] = []) {
    super(message);
    this.name = 'ApiRequestError';
    this.status = status;
    this.code = code;
    this.issues = issues;
  }

  /** One line per problem: `message (code)`, then `path: message (hint)`. */
  describe(): string[] {
    return [
      `${this.message} (${this.code})`,
      ...this.issues.map(
        (issue) =>
          `${issue.path.length === 0 ? '(request)' : issue.path.join('.')}: ${issue.message}${
            issue.hint === undefined ? '' : ` (${issue.hint})`
          }`,
      ),
    ];
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Reads the server's error body; anything else becomes a plain HTTP error. */
export function errorFromBody(status: number, body: unknown): ApiRequestError {
  const error = isRecord(body) ? body.error : undefined;
  if (isRecord(error) && typeof error.code === 'string' && typeof error.message === 'string') {
    const issues = Array.isArray(error.issues)
      ? error.issues.filter(
          (issue): issue is ApiIssue =>
            isRecord(issue) && Array.isArray(issue.path) && typeof issue.message === 'string',
        )
      : [];
    return new ApiRequestError(status, error.code, error.message, issues);
  }
  return new ApiRequestError(status, 'http_error', `the server answered ${String(status)}`);
}

let csrfToken: string | undefined;

/** The CSRF token of the session (from login or /api/auth/me), sent with every write. */
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Calls the API with the session cookie; checks the answer against `schema` so that the pages work on
 * typed, validated data. A 204 gives `undefined` (pass no schema).
 */
export async function apiRequest<S extends z.ZodType>(
  method: string,
  path: string,
  schema: S | undefined,
  body?: unknown,
): Promise<z.output<S>> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (WRITES.has(method) && csrfToken !== undefined) headers['x-csrf-token'] = csrfToken;
  const response = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  let parsed: unknown = undefined;
  if (text !== '') {
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new ApiRequestError(response.status, 'malformed_input', `the server answered ${path} with no JSON`);
    }
  }
  if (!response.ok) throw errorFromBody(response.status, parsed);
  if (schema === undefined) return undefined as z.output<S>;
  const result = schema.safeParse(parsed);
  if (!result.success) {
    throw new ApiRequestError(
      response.status,
      'malformed_input',
      `unexpected answer from ${path.split('?')[0] ?? path}`,
      result.error.issues.map((issue) => ({ path: issue.path.map(String), message: issue.message })),
    );
  }
  return result.data;
}
