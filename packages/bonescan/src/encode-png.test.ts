import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { encodeRgbaPng, windowToRgba } from './encode-png.js';

describe('windowToRgba and encodeRgbaPng', () => {
  it('maps the window linearly, clamps outside it, and round-trips through a PNG decoder', () => {
    // Window [10, 20]: 10 → 0, 15 → 127.5 → 128, 20 → 255, 5 → 0 (clamped), 30 → 255 (clamped).
    const image = windowToRgba([10, 15, 20, 5, 30, 12], 3, 2, { low: 10, high: 20 });
    const decoded = PNG.sync.read(Buffer.from(encodeRgbaPng(image)));
    expect([decoded.width, decoded.height]).toEqual([3, 2]);
    const reds = Array.from({ length: 6 }, (_, i) => decoded.data[4 * i]);
    expect(reds).toEqual([0, 128, 255, 0, 255, 51]);
    expect(decoded.data[3]).toBe(255);
  });

  it('inverts for the nuclear-medicine display', () => {
    const image = windowToRgba([0, 100], 2, 1, { low: 0, high: 100, invert: true });
    expect([image.rgba[0], image.rgba[4]]).toEqual([255, 0]);
  });

  it('refuses a buffer of the wrong size', () => {
    expect(() => encodeRgbaPng({ width: 2, height: 2, rgba: new Uint8Array(4) })).toThrow(RangeError);
  });
});
