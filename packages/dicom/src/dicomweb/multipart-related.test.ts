/** The multipart parser against bodies written out by hand from the RFC 2046 §5.1.1 grammar. */
import { describe, expect, it } from 'vitest';
import { parseMediaType } from './media-type.js';
import { multipartBoundary, parseMultipart } from './multipart-related.js';

const latin1 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'latin1'));
const concat = (...pieces: Uint8Array[]): Uint8Array => new Uint8Array(Buffer.concat(pieces));

/** Binary content that holds CR, LF, CRLF, "--", NUL and 0xFF bytes, and the boundary without its CRLF. */
const binary = concat(
  new Uint8Array([0x00, 0x0d, 0x0a, 0x2d, 0x2d, 0xff, 0x0d, 0x0d, 0x0a, 0x0a]),
  latin1('--b1\r\n'.slice(0, 4)),
  new Uint8Array([0x0d, 0x0a, 0x2d, 0x2d, 0x62, 0x00]),
);

describe('parseMediaType', () => {
  it('reads quoted and unquoted parameters, names case-insensitive, ";" and "=" inside quotes', () => {
    const media = parseMediaType('Multipart/Related; TYPE="application/dicom; x=1"; boundary=abc-123 ;start="<a\\"b>"');
    expect(media.type).toBe('multipart/related');
    expect(media.parameters.get('type')).toBe('application/dicom; x=1');
    expect(media.parameters.get('boundary')).toBe('abc-123');
    expect(media.parameters.get('start')).toBe('<a"b>');
  });
});

describe('multipartBoundary', () => {
  it('takes the boundary quoted or not', () => {
    expect(multipartBoundary('multipart/related; type="application/dicom"; boundary="a b:c"', 's')).toBe('a b:c');
    expect(multipartBoundary('multipart/related; boundary=xyz; type="application/dicom"', 's')).toBe('xyz');
  });

  it('refuses a non-multipart type and a missing boundary with malformed_input', () => {
    expect(() => multipartBoundary('application/dicom+json', 'u')).toThrow(
      expect.objectContaining({ code: 'malformed_input' }),
    );
    expect(() => multipartBoundary('multipart/related; type="application/dicom"', 'u')).toThrow(
      expect.objectContaining({ code: 'malformed_input' }),
    );
  });
});

describe('parseMultipart', () => {
  it('returns each part byte-exact: the CRLF before a delimiter belongs to the delimiter', () => {
    const body = concat(
      latin1('preamble to ignore\r\n--b1\r\nContent-Type: application/dicom\r\nContent-Length: 20\r\n\r\n'),
      binary,
      latin1('\r\n--b1 \t\r\nContent-Type: application/dicom\r\n\r\nsecond\r\n\r\n--b1--\r\nepilogue --b1\r\n'),
    );
    const parts = parseMultipart(body, 'b1', 'test');
    expect(parts).toHaveLength(2);
    expect(Buffer.from(parts[0]!.content).equals(Buffer.from(binary))).toBe(true);
    expect(parts[0]!.headers.get('content-type')).toBe('application/dicom');
    expect(parts[0]!.headers.get('content-length')).toBe('20');
    // The second part's content ends with its own CRLF; only the delimiter's CRLF is removed.
    expect(Buffer.from(parts[1]!.content).toString('latin1')).toBe('second\r\n');
  });

  it('a body that starts with the boundary; a part without headers; empty parts (also without their CRLF); folded headers', () => {
    const body = latin1('--q\r\n\r\nno headers\r\n--q\r\n\r\n--q\r\nX-Long: one\r\n two\r\n\r\n\r\n--q\r\n--q--');
    const parts = parseMultipart(body, 'q', 'test');
    expect(parts.map((p) => Buffer.from(p.content).toString('latin1'))).toEqual(['no headers', '', '', '']);
    expect(parts[2]!.headers.get('x-long')).toBe('one two');
    expect(parts[3]!.headers.size).toBe(0);
  });

  it('gives views on the body, not copies', () => {
    const body = latin1('--z\r\n\r\nabc\r\n--z--');
    const [part] = parseMultipart(body, 'z', 'test');
    expect(part!.content.buffer).toBe(body.buffer);
    expect(part!.content.byteOffset).toBe(7);
  });

  it('a truncated body, a missing boundary, a boundary line without CRLF: malformed_input naming the source', () => {
    const cases = [
      latin1('--b1\r\nContent-Type: application/dicom\r\n\r\nhalf a fi'),
      latin1('--b1\r\nContent-Type: application/dic'),
      latin1('no boundary at all'),
      latin1('--b1garbage\r\n\r\nx\r\n--b1--'),
      latin1('--b1\r\n\r\nx\r\n--b1'),
    ];
    for (const body of cases) {
      let caught: unknown;
      try {
        parseMultipart(body, 'b1', 'http://pacs/x');
      } catch (error) {
        caught = error;
      }
      expect(caught).toMatchObject({ code: 'malformed_input' });
      expect((caught as Error).message).toContain('http://pacs/x');
    }
  });
});
