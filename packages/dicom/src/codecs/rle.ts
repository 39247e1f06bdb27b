/**
 * RLE Lossless decoding (PS3.5 Annex G): a 64-byte header of segment count and offsets, then one PackBits
 * segment per byte plane, most significant byte first (G.2, G.3.1).
 */
import { BonemetError } from '@bonemet/core';

const headerBytes = 64;
const maxSegments = 15;

function malformedRle(message: string): BonemetError {
  return new BonemetError('malformed_input', `RLE Lossless pixel data: ${message}`, {
    issues: [{ path: ['PixelData'], message }],
  });
}

/** Decodes one PackBits segment (G.3.1) into `out[start], out[start + stride], ...`, `count` bytes. */
function decodeSegment(frame: Uint8Array, begin: number, end: number, out: Uint8Array, count: number): void {
  let read = begin;
  let written = 0;
  while (read < end && written < count) {
    const header = frame[read++] ?? 0;
    const n = header > 127 ? header - 256 : header;
    if (n >= 0) {
      // Literal run: the next n + 1 bytes are copied.
      const length = Math.min(n + 1, count - written, end - read);
      out.set(frame.subarray(read, read + length), written);
      read += n + 1;
      written += length;
    } else if (n !== -128) {
      // Replicate run: the next byte is repeated 1 - n times; -128 is a no-op (G.3.1).
      const value = frame[read++] ?? 0;
      const length = Math.min(1 - n, count - written);
      out.fill(value, written, written + length);
      written += length;
    }
  }
  if (written < count) throw malformedRle(`a segment decodes to ${written} bytes, ${count} expected`);
}

/**
 * Decodes one RLE frame of single-sample pixels into little-endian bytes, `pixelCount * bytesPerSample`
 * long, ready to be read as native pixel data.
 */
export function decodeRleFrame(frame: Uint8Array, pixelCount: number, bytesPerSample: number): Uint8Array {
  if (frame.length < headerBytes) throw malformedRle(`the frame holds ${frame.length} bytes, less than its header`);
  const header = new DataView(frame.buffer, frame.byteOffset, headerBytes);
  const segmentCount = header.getUint32(0, true);
  if (segmentCount !== bytesPerSample || segmentCount > maxSegments) {
    throw malformedRle(`${segmentCount} segments where ${bytesPerSample} (one per byte of a sample) are expected`);
  }
  const offsets: number[] = [];
  for (let s = 0; s < segmentCount; s++) offsets.push(header.getUint32(4 + 4 * s, true));
  const out = new Uint8Array(pixelCount * bytesPerSample);
  const plane = new Uint8Array(pixelCount);
  for (let s = 0; s < segmentCount; s++) {
    const begin = offsets[s] ?? 0;
    const end = s + 1 < segmentCount ? (offsets[s + 1] ?? frame.length) : frame.length;
    if (begin < headerBytes || end > frame.length || begin > end) throw malformedRle(`segment ${s} offset is invalid`);
    decodeSegment(frame, begin, end, plane, pixelCount);
    // Segment 0 holds the most significant byte (G.2): in little-endian output it goes last.
    const byteIndex = bytesPerSample - 1 - s;
    for (let i = 0; i < pixelCount; i++) out[i * bytesPerSample + byteIndex] = plane[i] ?? 0;
  }
  return out;
}
