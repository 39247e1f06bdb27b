import { errorCodes, type Issue } from '@bonemet/core';
import { z } from 'zod';

/** Error codes of the HTTP API: the core codes plus those that only a server has. */
export const apiErrorCodes = [
  ...errorCodes,
  'unauthorized',
  'forbidden',
  'conflict',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  'internal_error',
] as const;
export type ApiErrorCode = (typeof apiErrorCodes)[number];

/** An error the API answers with a given status; the body has the shape of a BonemetError. */
export class ApiError extends Error {
  readonly statusCode: number;
  readonly code: ApiErrorCode;
  readonly issues: readonly Issue[];

  constructor(statusCode: number, code: ApiErrorCode, message: string, issues: readonly Issue[] = []) {
    super(message);
    this.name = 'ApiError';
    this.statusCode = statusCode;
    this.code = code;
    this.issues = issues;
  }
}

/** The body of every error response: `{ error: { code, message, issues: [{ path, message, hint? }] } }`. */
export const errorResponseSchema = z
  .strictObject({
    error: z.strictObject({
      code: z.enum(apiErrorCodes).describe('Stable machine-readable error code'),
      message: z.string().describe('What went wrong, for people'),
      issues: z
        .array(
          z.strictObject({
            path: z.array(z.union([z.string(), z.number()])).describe('Where: object keys and array indices'),
            message: z.string().describe('What is wrong there'),
            hint: z.string().optional().describe('What to do about it'),
          }),
        )
        .describe('One entry per problem, located by path'),
    }),
  })
  .describe('An error');
export type ErrorResponse = z.output<typeof errorResponseSchema>;

export function errorBody(code: ApiErrorCode, message: string, issues: readonly Issue[] = []): ErrorResponse {
  return {
    error: {
      code,
      message,
      issues: issues.map((issue) => ({
        path: [...issue.path],
        message: issue.message,
        ...(issue.hint === undefined ? {} : { hint: issue.hint }),
      })),
    },
  };
}

/** Error responses every authenticated route can give, for the OpenAPI document. */
export const commonErrorResponses = {
  400: errorResponseSchema,
  401: errorResponseSchema,
  403: errorResponseSchema,
  404: errorResponseSchema,
} as const;
