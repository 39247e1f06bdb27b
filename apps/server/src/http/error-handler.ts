import { isBonemetError, type ErrorCode } from '@bonemet/core';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError, errorBody, type ApiErrorCode, type ErrorResponse } from './api-error.js';

const statusOfCoreCode: Readonly<Record<ErrorCode, number>> = {
  invalid_input: 400,
  malformed_input: 400,
  missing_data: 422,
  unsupported: 422,
  not_found: 404,
  io_error: 500,
};

/** Fastify's own client errors, mapped to API codes. */
function fastifyClientError(error: FastifyError): { status: number; code: ApiErrorCode; message: string } | undefined {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { status: 413, code: 'payload_too_large', message: 'request body is larger than the server accepts' };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { status: 415, code: 'unsupported_media_type', message: 'send the request body as application/json' };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { status: 400, code: 'malformed_input', message: 'the JSON request body is empty' };
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return { status: 400, code: 'malformed_input', message: 'the request body is not valid JSON' };
    case 'FST_CSRF_MISSING_SECRET':
    case 'FST_CSRF_INVALID_TOKEN':
      return {
        status: 403,
        code: 'forbidden',
        message: 'missing or invalid CSRF token: send the token from /api/auth/me in the x-csrf-token header',
      };
    default:
      break;
  }
  if (error instanceof SyntaxError && error.statusCode === 400) {
    return { status: 400, code: 'malformed_input', message: 'the request body is not valid JSON' };
  }
  if (error.statusCode === 429) return { status: 429, code: 'rate_limited', message: error.message };
  return undefined;
}

/**
 * Turns every error into `{ error: { code, message, issues } }` with its status; never sends a stack trace.
 * Server errors are logged by name, code and stack frames only: driver messages can quote stored values.
 */
export function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): ErrorResponse {
  if (error instanceof ApiError) {
    void reply.status(error.statusCode);
    return errorBody(error.code, error.message, error.issues);
  }
  if (isBonemetError(error)) {
    const status = statusOfCoreCode[error.code];
    void reply.status(status);
    if (status >= 500) logServerError(request, error);
    return errorBody(error.code, error.message, error.issues);
  }
  const client = fastifyClientError(error);
  if (client !== undefined) {
    void reply.status(client.status);
    return errorBody(client.code, client.message);
  }
  logServerError(request, error);
  void reply.status(500);
  return errorBody('internal_error', 'internal server error; the server log has the details');
}

function logServerError(request: FastifyRequest, error: Error): void {
  const frames = (error.stack ?? '').split('\n').filter((line) => line.trimStart().startsWith('at '));
  const code = 'code' in error && typeof error.code === 'string' ? error.code : undefined;
  request.log.error({ errorName: error.name, errorCode: code, stack: frames.join('\n') }, 'request failed');
}
