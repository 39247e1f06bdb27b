import { describe, expect, it } from 'vitest';
import { displayRadiusOfDiameter, displaySizeForHeight, displayToFrame, frameToDisplay } from './frame-geometry.js';

// A whole-body frame of 256 columns × 1024 rows.
const SQUARE = { widthPx: 256, heightPx: 1024, pixelSpacingMm: [2.4, 2.4] as const };
// Rows 4.8 mm apart, columns 2.4 mm: physically 256 × 2.4 = 614.4 mm wide, 512 × 4.8 = 2457.6 mm tall.
const TALL_PIXELS = { widthPx: 256, heightPx: 512, pixelSpacingMm: [4.8, 2.4] as const };

describe('displaySizeForHeight', () => {
  it('keeps the aspect of square pixels: 256 × 1024 at 800 px tall is 200 px wide', () => {
    const size = displaySizeForHeight(SQUARE, 800);
    expect(size.widthPx).toBeCloseTo(200, 10);
    expect(size.scaleX).toBeCloseTo(200 / 256, 10);
    expect(size.scaleY).toBeCloseTo(800 / 1024, 10);
  });

  it('uses the physical aspect for non-square pixels (row spacing first, as DICOM orders it)', () => {
    // 614.4 mm / 2457.6 mm = 0.25: at 800 px tall, 200 px wide; 800 / 512 rows = 1.5625 px per row.
    const size = displaySizeForHeight(TALL_PIXELS, 800);
    expect(size.widthPx).toBeCloseTo(200, 10);
    expect(size.scaleY).toBeCloseTo(1.5625, 10);
    expect(size.scaleX).toBeCloseTo(200 / 256, 10);
  });
});

describe('frameToDisplay and displayToFrame', () => {
  it('puts a pixel index at its centre: pixel (0, 0) at half a display pixel in when the scale is 1', () => {
    const size = displaySizeForHeight(SQUARE, 1024);
    expect(frameToDisplay({ x: 0, y: 0 }, size)).toEqual({ x: 0.5, y: 0.5 });
    expect(frameToDisplay({ x: 101.5, y: 612 }, size)).toEqual({ x: 102, y: 612.5 });
  });

  it('scales per axis: column 127 and row 255 of the tall-pixel frame at 800 px tall', () => {
    // x: (127 + 0.5) × 200/256 = 99.609375; y: (255 + 0.5) × 1.5625 = 399.21875.
    const size = displaySizeForHeight(TALL_PIXELS, 800);
    const point = frameToDisplay({ x: 127, y: 255 }, size);
    expect(point.x).toBeCloseTo(99.609375, 10);
    expect(point.y).toBeCloseTo(399.21875, 10);
  });

  it('inverts: a display click maps back to the stored pixel it came from', () => {
    const size = displaySizeForHeight(TALL_PIXELS, 800);
    const back = displayToFrame(frameToDisplay({ x: 40, y: 300 }, size), size, TALL_PIXELS);
    expect(back?.x).toBeCloseTo(40, 10);
    expect(back?.y).toBeCloseTo(300, 10);
  });

  it('gives undefined outside the frame and clamps the border half-pixel inside it', () => {
    const size = displaySizeForHeight(SQUARE, 1024);
    expect(displayToFrame({ x: -1, y: 10 }, size, SQUARE)).toBeUndefined();
    expect(displayToFrame({ x: 10, y: 1024 }, size, SQUARE)).toBeUndefined();
    expect(displayToFrame({ x: 0.1, y: 1023.9 }, size, SQUARE)).toEqual({ x: 0, y: 1023 });
  });
});

describe('displayRadiusOfDiameter', () => {
  it('draws a 24 mm circle 5 display pixels in radius when a 2.4 mm pixel is shown 1 px wide', () => {
    // 12 mm radius / 2.4 mm per pixel = 5 pixels, at 1 display px per pixel.
    const size = displaySizeForHeight(SQUARE, 1024);
    expect(displayRadiusOfDiameter(24, size, SQUARE)).toBeCloseTo(5, 10);
  });
});
