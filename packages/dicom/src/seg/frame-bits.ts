/**
 * 1-bit pixel data as BINARY segmentations store it: pixels packed eight to a byte, the first pixel in the
 * least significant bit (PS3.5 D.2), and the frames of a multi-frame object packed one after the other
 * without padding at frame boundaries, so that a byte may hold pixels of two frames (PS3.5 8.1.1, note on
 * multi-frame images with Bits Allocated 1; pydicom's `get_packed_frame` and DCMTK's
 * `DcmSegUtils::alignFrameOnBitPosition` read it the same way). Only the whole Pixel Data value is padded to
 * an even length.
 */

/** Bytes needed to hold `pixelCount` 1-bit pixels. */
export function packedByteLength(pixelCount: number): number {
  return Math.ceil(pixelCount / 8);
}

/** Frame `frameIndex` (from 0) of `frameSize` pixels, unpacked to one byte (0 or 1) per pixel. */
export function unpackBinaryFrame(packed: Uint8Array, frameIndex: number, frameSize: number): Uint8Array {
  const out = new Uint8Array(frameSize);
  const firstBit = frameIndex * frameSize;
  for (let n = 0; n < frameSize; n++) {
    const bit = firstBit + n;
    out[n] = ((packed[bit >>> 3] ?? 0) >>> (bit & 7)) & 1;
  }
  return out;
}

/** Packs frames of one byte per pixel (non-zero = set) into continuous 1-bit pixel data. */
export function packBinaryFrames(frames: readonly Uint8Array[], frameSize: number): Uint8Array {
  const out = new Uint8Array(packedByteLength(frames.length * frameSize));
  frames.forEach((frame, frameIndex) => {
    if (frame.length !== frameSize)
      throw new RangeError(`frame ${frameIndex} holds ${frame.length} pixels, not ${frameSize}`);
    const firstBit = frameIndex * frameSize;
    for (let n = 0; n < frameSize; n++) {
      if ((frame[n] ?? 0) === 0) continue;
      const bit = firstBit + n;
      out[bit >>> 3] = (out[bit >>> 3] ?? 0) | (1 << (bit & 7));
    }
  });
  return out;
}
