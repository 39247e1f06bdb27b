/** Reading the frame header (SOFn) of a JPEG stream (ITU-T T.81 B.2.2), to choose a decoder. */

export interface JpegFrameHeader {
  /** Second byte of the SOF marker: 0xC0 baseline, 0xC1 extended, 0xC3 lossless, 0xC9+ arithmetic, ... */
  readonly marker: number;
  /** Sample precision P, bits. */
  readonly precision: number;
  /** Number of lines Y. */
  readonly lines: number;
  /** Samples per line X. */
  readonly samplesPerLine: number;
  /** Number of image components Nf. */
  readonly componentCount: number;
}

/** True for SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC) (T.81 Table B.1). */
export function isStartOfFrame(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

/** The first frame header of a JPEG stream, or undefined when there is none before the first scan. */
export function readJpegFrameHeader(bytes: Uint8Array): JpegFrameHeader | undefined {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return undefined;
  let offset = 2;
  while (offset + 4 <= bytes.length) {
    if (bytes[offset] !== 0xff) return undefined;
    const marker = bytes[offset + 1] ?? 0;
    if (marker === 0xff) {
      offset += 1; // fill byte (T.81 B.1.1.2)
      continue;
    }
    const length = ((bytes[offset + 2] ?? 0) << 8) | (bytes[offset + 3] ?? 0);
    if (isStartOfFrame(marker)) {
      if (offset + 10 > bytes.length) return undefined;
      const at = (i: number): number => bytes[offset + 4 + i] ?? 0;
      return {
        marker,
        precision: at(0),
        lines: (at(1) << 8) | at(2),
        samplesPerLine: (at(3) << 8) | at(4),
        componentCount: at(5),
      };
    }
    if (marker === 0xda) return undefined;
    offset += 2 + length;
  }
  return undefined;
}
