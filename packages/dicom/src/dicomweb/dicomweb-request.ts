/**
 * One DICOMweb GET with plain `fetch`, mapped to typed errors that name the URL (never credentials: the
 * URLs given here carry none, they travel in the Authorization header): 404 → `not_found`; 401/403 →
 * `io_error` asking for credentials; any other HTTP error → `io_error` with the status; no connection or
 * a timeout → `io_error` naming the host.
 */
import { BonemetError } from '@bonemet/core';

/** The subset of `fetch` used here: the global `fetch` fits; tests inject their own. */
export type FetchFunction = (url: string, init: RequestInit) => Promise<Response>;

export interface DicomwebRequestOptions {
  readonly fetch: FetchFunction;
  readonly headers: Readonly<Record<string, string>>;
  /** Limit for the whole request, body included, ms. */
  readonly timeoutMs: number;
}

export interface DicomwebResponse {
  readonly status: number;
  /** Content-Type header value; empty when absent. */
  readonly contentType: string;
  readonly body: Uint8Array;
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
}

/** The most specific reason Node gives for a failed connection (ECONNREFUSED, ENOTFOUND, ...). */
function networkReason(error: unknown): string {
  const cause = error instanceof Error ? error.cause : undefined;
  if (cause instanceof Error) {
    const code = 'code' in cause && typeof cause.code === 'string' ? cause.code : undefined;
    return code ?? cause.message;
  }
  return error instanceof Error ? error.message : String(error);
}

function transferError(error: unknown, url: string, timeoutMs: number, during: string): BonemetError {
  const host = new URL(url).host;
  if (isTimeout(error)) {
    return new BonemetError('io_error', `${host} did not answer within ${String(timeoutMs)} ms (${url})`, {
      issues: [
        { path: ['url'], message: `timed out ${during}`, hint: 'check the server, or allow more time (timeoutMs)' },
      ],
      cause: error,
    });
  }
  return new BonemetError('io_error', `cannot reach ${host}: ${networkReason(error)} (${url})`, {
    issues: [
      { path: ['url'], message: `network failure ${during}`, hint: 'check the host name, the port and the network' },
    ],
    cause: error,
  });
}

function httpError(response: Response, url: string): BonemetError {
  const status = `HTTP ${String(response.status)}${response.statusText === '' ? '' : ` ${response.statusText}`}`;
  if (response.status === 404) {
    return new BonemetError('not_found', `not found on the DICOMweb server: ${url} (${status})`, {
      issues: [
        { path: ['url'], message: status, hint: 'check the StudyInstanceUID, the SeriesInstanceUID and the prefix' },
      ],
    });
  }
  if (response.status === 401 || response.status === 403) {
    return new BonemetError('io_error', `the DICOMweb server refused access to ${url} (${status})`, {
      issues: [
        {
          path: ['url'],
          message: `${status}: credentials are needed or were not accepted`,
          hint: 'supply credentials: user:password@host in the URL (HTTP Basic) or an Authorization header',
        },
      ],
    });
  }
  return new BonemetError('io_error', `the DICOMweb server answered ${status} for ${url}`, {
    issues: [{ path: ['url'], message: status, hint: 'check the URL and the server log' }],
  });
}

/**
 * GETs `url` with the given Accept header and reads the whole body, calling `onChunk` with each piece as
 * it arrives and the response's Content-Type (for progress). A 204 No Content gives an empty body.
 */
export async function dicomwebGet(
  url: string,
  accept: string,
  options: DicomwebRequestOptions,
  onChunk?: (chunk: Uint8Array, contentType: string) => void,
): Promise<DicomwebResponse> {
  const signal = AbortSignal.timeout(options.timeoutMs);
  let response: Response;
  try {
    response = await options.fetch(url, { headers: { ...options.headers, Accept: accept }, signal });
  } catch (error) {
    throw transferError(error, url, options.timeoutMs, 'while connecting');
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    throw httpError(response, url);
  }
  const contentType = response.headers.get('content-type') ?? '';
  const chunks: Uint8Array[] = [];
  let length = 0;
  if (response.body !== null) {
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        length += value.byteLength;
        onChunk?.(value, contentType);
      }
    } catch (error) {
      throw transferError(error, url, options.timeoutMs, 'while receiving the response');
    }
  }
  const body = chunks.length === 1 && chunks[0] !== undefined ? chunks[0] : new Uint8Array(length);
  if (chunks.length > 1) {
    let offset = 0;
    for (const chunk of chunks) {
      body.set(chunk, offset);
      offset += chunk.byteLength;
    }
  }
  return { status: response.status, contentType, body };
}
