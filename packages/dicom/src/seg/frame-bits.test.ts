import { describe, expect, it } from 'vitest';
import { packBinaryFrames, packedByteLength, unpackBinaryFrame } from './frame-bits.js';

describe('1-bit frames packed continuously', () => {
  // Two 3×3 frames (9 pixels each). Frame 0 sets pixels 0 and 8 → bits 0 and 8; frame 1 starts at bit 9
  // and sets its pixels 0 and 4 → bits 9 and 13. Byte 0 = bit 0 = 0x01; byte 1 holds bits 8, 9, 13 at
  // positions 0, 1, 5 = 1 + 2 + 32 = 0x23; byte 2 holds bits 16-17 = 0. 18 bits → 3 bytes.
  const frame0 = Uint8Array.from([1, 0, 0, 0, 0, 0, 0, 0, 1]);
  const frame1 = Uint8Array.from([1, 0, 0, 0, 1, 0, 0, 0, 0]);

  it('packs the first pixel into the least significant bit, with no padding between frames', () => {
    expect([...packBinaryFrames([frame0, frame1], 9)]).toEqual([0x01, 0x23, 0x00]);
    expect(packedByteLength(18)).toBe(3);
  });

  it('unpacks a frame that starts inside a byte', () => {
    const packed = Uint8Array.from([0x01, 0x23, 0x00]);
    expect([...unpackBinaryFrame(packed, 0, 9)]).toEqual([...frame0]);
    expect([...unpackBinaryFrame(packed, 1, 9)]).toEqual([...frame1]);
  });

  it('treats any non-zero value as set and refuses a frame of the wrong size', () => {
    expect([...packBinaryFrames([Uint8Array.from([0, 7, 0, 0, 0, 0, 0, 0])], 8)]).toEqual([0x02]);
    expect(() => packBinaryFrames([Uint8Array.from([1, 0])], 3)).toThrow(RangeError);
  });
});
