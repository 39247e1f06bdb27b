/** Grey values of a PNG (pngjs) or TIFF (utif2) image, one value per pixel, row by row. */
import { BonemetError } from '@bonemet/core';
import { PNG } from 'pngjs';
import UTIF from 'utif2';

export interface DecodedGreyImage {
  readonly values: Float32Array;
  readonly columns: number;
  readonly rows: number;
  readonly bitDepth: number;
}

export function isPng(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47;
}

export function isTiff(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 4 &&
    ((bytes[0] === 0x49 && bytes[1] === 0x49 && bytes[2] === 0x2a && bytes[3] === 0) ||
      (bytes[0] === 0x4d && bytes[1] === 0x4d && bytes[2] === 0 && bytes[3] === 0x2a))
  );
}

function malformed(source: string, what: string, cause: unknown): BonemetError {
  const detail = cause instanceof Error ? cause.message : String(cause);
  return new BonemetError('malformed_input', `${source}: the ${what} image cannot be decoded (${detail})`, {
    issues: [{ path: [], message: detail, hint: `check that the file is a complete ${what} file` }],
    cause,
  });
}

function colour(source: string): BonemetError {
  const message = 'a colour image: a bone scan is one grey value per pixel';
  return new BonemetError('unsupported', `${source}: ${message}`, {
    issues: [{ path: [], message, hint: 'export the raw grey image' }],
  });
}

function decodePng(bytes: Uint8Array, source: string): DecodedGreyImage {
  let png: PNG;
  try {
    // skipRescale keeps 16-bit samples as they are (pngjs otherwise scales them to 8 bits).
    png = PNG.sync.read(Buffer.from(bytes), { skipRescale: true });
  } catch (cause) {
    throw malformed(source, 'PNG', cause);
  }
  const { width, height } = png;
  // With skipRescale a 16-bit PNG comes back as 16-bit samples although the type says Buffer.
  const data = png.data as unknown as ArrayLike<number>;
  const values = new Float32Array(width * height);
  // pngjs always returns four samples per pixel; a grey image has R = G = B.
  for (let i = 0; i < values.length; i++) {
    const r = data[4 * i] ?? 0;
    if (r !== data[4 * i + 1] || r !== data[4 * i + 2]) throw colour(source);
    values[i] = r;
  }
  return { values, columns: width, rows: height, bitDepth: png.data instanceof Uint8Array ? 8 : 16 };
}

function firstNumber(value: unknown): number | undefined {
  return Array.isArray(value) && typeof value[0] === 'number' ? value[0] : undefined;
}

function decodeTiff(bytes: Uint8Array, source: string): DecodedGreyImage {
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  let ifd: UTIF.IFD | undefined;
  try {
    ifd = UTIF.decode(buffer as ArrayBuffer)[0];
    if (ifd !== undefined) UTIF.decodeImage(buffer as ArrayBuffer, ifd);
  } catch (cause) {
    throw malformed(source, 'TIFF', cause);
  }
  if (ifd === undefined) throw malformed(source, 'TIFF', 'no image directory');
  const bits = firstNumber(ifd.t258) ?? 1;
  const samples = firstNumber(ifd.t277) ?? 1;
  const format = firstNumber(ifd.t339) ?? 1;
  if (samples !== 1) throw colour(source);
  if ((bits !== 8 && bits !== 16) || format !== 1) {
    const message = `${bits}-bit samples of format ${format}: 8- or 16-bit unsigned integers are read`;
    throw new BonemetError('unsupported', `${source}: ${message}`, { issues: [{ path: ['BitsPerSample'], message }] });
  }
  const { width, height, data } = ifd;
  const count = width * height;
  if (data.length < (count * bits) / 8)
    throw malformed(source, 'TIFF', `${data.length} bytes of pixel data for ${width}×${height}`);
  const values = new Float32Array(count);
  // utif2 returns 16-bit samples little-endian whatever the file's byte order.
  for (let i = 0; i < count; i++)
    values[i] = bits === 8 ? (data[i] ?? 0) : (data[2 * i] ?? 0) | ((data[2 * i + 1] ?? 0) << 8);
  return { values, columns: width, rows: height, bitDepth: bits };
}

/** Decodes a PNG or TIFF; `malformed_input` for a broken file, `unsupported` for colour or float images. */
export function decodeImageFile(bytes: Uint8Array, source: string): DecodedGreyImage {
  if (isPng(bytes)) return decodePng(bytes, source);
  if (isTiff(bytes)) return decodeTiff(bytes, source);
  const message = 'neither PNG nor TIFF (no PNG signature or TIFF byte-order mark)';
  throw new BonemetError('malformed_input', `${source}: ${message}`, { issues: [{ path: [], message }] });
}
