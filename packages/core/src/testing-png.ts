/**
 * A small PNG reader for tests (8-bit RGBA or RGB, non-interlaced), written from the PNG specification (W3C PNG
 * 2nd edition: chunks §5, IHDR §11.2.2, filters §9) so that tests check images with a decoder independent of
 * the encoder that wrote them.
 */
import { inflateSync } from 'node:zlib';

export interface DecodedPng {
  readonly width: number;
  readonly height: number;
  /** 4 bytes per pixel, row by row (alpha 255 for an RGB image). */
  readonly rgba: Uint8Array;
}

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Channels per pixel of the 8-bit colour types read here (§11.2.2): 6 truecolour with alpha, 2 truecolour. */
const CHANNELS_OF_COLOUR_TYPE: Readonly<Record<number, number>> = { 6: 4, 2: 3 };

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  if (pa <= pb && pa <= pc) return a;
  return pb <= pc ? b : c;
}

/** Decodes an 8-bit RGBA or RGB PNG; throws a plain Error (failing the calling test) on anything else. */
export function decodePng(bytes: Uint8Array): DecodedPng {
  if (!SIGNATURE.every((value, index) => bytes[index] === value)) throw new Error('not a PNG');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Uint8Array[] = [];
  while (offset < bytes.length) {
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8));
    const data = bytes.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = view.getUint32(offset + 8);
      height = view.getUint32(offset + 12);
      const [bitDepth, colourType, , , interlace] = data.subarray(8, 13);
      channels = CHANNELS_OF_COLOUR_TYPE[colourType ?? -1] ?? 0;
      if (bitDepth !== 8 || channels === 0 || interlace !== 0)
        throw new Error('expected 8-bit RGBA or RGB, not interlaced');
    } else if (type === 'IDAT') {
      idat.push(data);
    } else if (type === 'IEND') {
      break;
    }
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  if (raw.length !== height * (stride + 1)) throw new Error(`IDAT holds ${String(raw.length)} bytes`);
  const pixels = new Uint8Array(height * stride);
  for (let row = 0; row < height; row++) {
    const filter = raw[row * (stride + 1)];
    for (let i = 0; i < stride; i++) {
      const x = raw[row * (stride + 1) + 1 + i] ?? 0;
      const a = i >= channels ? (pixels[row * stride + i - channels] ?? 0) : 0;
      const b = row > 0 ? (pixels[(row - 1) * stride + i] ?? 0) : 0;
      const c = row > 0 && i >= channels ? (pixels[(row - 1) * stride + i - channels] ?? 0) : 0;
      const predictor = [0, a, b, Math.floor((a + b) / 2), paeth(a, b, c)][filter ?? 0] ?? 0;
      pixels[row * stride + i] = (x + predictor) & 0xff;
    }
  }
  if (channels === 4) return { width, height, rgba: pixels };
  const rgba = new Uint8Array(width * height * 4);
  for (let n = 0; n < width * height; n++) {
    for (let k = 0; k < 3; k++) rgba[4 * n + k] = pixels[3 * n + k] ?? 0;
    rgba[4 * n + 3] = 255;
  }
  return { width, height, rgba };
}
