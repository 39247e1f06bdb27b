/**
 * Splits a multipart body (RFC 2046 §5.1.1, as used by multipart/related in RFC 2387 and DICOMweb PS3.18
 * §8.6.1.2) into its parts, byte-exact: a part's content ends where the CRLF of the next delimiter begins,
 * so binary content (Part 10 files) is returned untouched, as views on the body without copying.
 *
 *   multipart-body := [preamble CRLF] "--" boundary padding CRLF body-part
 *                     *(CRLF "--" boundary padding CRLF body-part) CRLF "--" boundary "--" [epilogue]
 *   body-part      := headers [CRLF content]
 */
import { BonemetError } from '@bonemet/core';
import { parseMediaType } from './media-type.js';

export interface MultipartPart {
  /** Part headers by lower-case name (e.g. `content-type`). */
  readonly headers: ReadonlyMap<string, string>;
  readonly content: Uint8Array;
}

const CR = 0x0d;
const LF = 0x0a;
const crlfCrlf = Buffer.from('\r\n\r\n', 'latin1');

function malformed(source: string, message: string, hint: string): BonemetError {
  return new BonemetError('malformed_input', `${source}: malformed multipart body: ${message}`, {
    issues: [{ path: ['body'], message, hint }],
  });
}

/** The boundary of a `multipart/*` Content-Type (quoted or not); `malformed_input` when absent. */
export function multipartBoundary(contentType: string, source: string): string {
  const mediaType = parseMediaType(contentType);
  if (!mediaType.type.startsWith('multipart/')) {
    throw new BonemetError('malformed_input', `${source}: expected a multipart response, got "${contentType}"`, {
      issues: [
        {
          path: ['Content-Type'],
          message: `"${contentType}" is not multipart`,
          hint: 'check that the URL points at a DICOMweb (WADO-RS) service',
        },
      ],
    });
  }
  const boundary = mediaType.parameters.get('boundary');
  if (boundary === undefined || boundary === '') {
    throw new BonemetError('malformed_input', `${source}: the multipart Content-Type has no boundary`, {
      issues: [{ path: ['Content-Type'], message: `no boundary parameter in "${contentType}"` }],
    });
  }
  return boundary;
}

/** Header lines "Name: value" (folded continuation lines joined), names lower-cased. */
function parseHeaders(text: string): Map<string, string> {
  const headers = new Map<string, string>();
  let last: string | undefined;
  for (const line of text.split('\r\n')) {
    if ((line.startsWith(' ') || line.startsWith('\t')) && last !== undefined) {
      headers.set(last, `${headers.get(last) ?? ''} ${line.trim()}`);
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    last = line.slice(0, colon).trim().toLowerCase();
    if (!headers.has(last)) headers.set(last, line.slice(colon + 1).trim());
  }
  return headers;
}

/** Parts of a multipart `body` delimited by `boundary`; throws `malformed_input` naming `source`. */
export function parseMultipart(body: Uint8Array, boundary: string, source: string): MultipartPart[] {
  const bytes = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const dashBoundary = Buffer.from(`--${boundary}`, 'latin1');
  const delimiter = Buffer.from(`\r\n--${boundary}`, 'latin1');
  // The first boundary opens the body, or ends the preamble's last line.
  let position = 0;
  if (!bytes.subarray(0, dashBoundary.length).equals(dashBoundary)) {
    const first = bytes.indexOf(delimiter);
    if (first < 0) {
      throw malformed(source, `the boundary "${boundary}" does not occur`, 'the response may be empty or cut short');
    }
    position = first + 2;
  }
  const parts: MultipartPart[] = [];
  for (;;) {
    let index = position + dashBoundary.length;
    if (bytes[index] === 0x2d && bytes[index + 1] === 0x2d) return parts; // close delimiter "--"
    while (bytes[index] === 0x20 || bytes[index] === 0x09) index++; // transport padding
    if (bytes[index] !== CR || bytes[index + 1] !== LF) {
      throw malformed(
        source,
        index >= bytes.length
          ? `the body ends after part ${String(parts.length)} without the closing boundary`
          : `no CRLF after the boundary before part ${String(parts.length + 1)}`,
        'the transfer was probably cut short: retry',
      );
    }
    const partStart = index + 2;
    let contentStart: number;
    let headers: Map<string, string>;
    if (bytes.subarray(partStart, partStart + delimiter.length).equals(delimiter)) {
      // An empty part: no headers, no content, the next delimiter follows at once.
      contentStart = partStart;
      headers = new Map();
    } else if (bytes.subarray(partStart - 2, partStart - 2 + delimiter.length).equals(delimiter)) {
      // Also empty, written without the delimiter's own CRLF ("--b CRLF --b"): read leniently.
      contentStart = partStart - 2;
      headers = new Map();
    } else if (bytes[partStart] === CR && bytes[partStart + 1] === LF) {
      contentStart = partStart + 2;
      headers = new Map();
    } else {
      const headerEnd = bytes.indexOf(crlfCrlf, partStart);
      if (headerEnd < 0) {
        throw malformed(
          source,
          `the headers of part ${String(parts.length + 1)} do not end`,
          'the transfer was probably cut short: retry',
        );
      }
      headers = parseHeaders(bytes.toString('latin1', partStart, headerEnd));
      contentStart = headerEnd + 4;
    }
    const next = bytes.indexOf(delimiter, contentStart);
    if (next < 0) {
      throw malformed(
        source,
        `part ${String(parts.length + 1)} has no closing boundary (the body is truncated)`,
        'the transfer was probably cut short: retry',
      );
    }
    parts.push({ headers, content: body.subarray(contentStart, next) });
    position = next + 2;
  }
}
