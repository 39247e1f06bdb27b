/**
 * 8-bit RGBA PNG encoding (pngjs) and a display window from values to grey levels, for the images a reader
 * looks at: overlays, subtraction images, server previews.
 */
import { PNG } from 'pngjs';

export interface RgbaImage {
  readonly width: number;
  readonly height: number;
  /** 4 bytes per pixel (red, green, blue, alpha), row by row. */
  readonly rgba: Uint8Array;
}

/** Encodes an RGBA image as PNG bytes. */
export function encodeRgbaPng(image: RgbaImage): Uint8Array {
  if (image.rgba.length !== image.width * image.height * 4) {
    throw new RangeError(
      `RGBA buffer of ${String(image.rgba.length)} bytes for ${String(image.width)}×${String(image.height)}`,
    );
  }
  const png = new PNG({ width: image.width, height: image.height });
  png.data = Buffer.from(image.rgba.buffer, image.rgba.byteOffset, image.rgba.byteLength);
  return new Uint8Array(PNG.sync.write(png));
}

/**
 * Values mapped linearly from [low, high] to grey 0–255 (clamped), opaque, as an RGBA image; `invert` gives
 * the nuclear-medicine display (high counts dark).
 */
export function windowToRgba(
  values: ArrayLike<number>,
  width: number,
  height: number,
  window: { readonly low: number; readonly high: number; readonly invert?: boolean },
): RgbaImage {
  const rgba = new Uint8Array(width * height * 4);
  const span = window.high - window.low;
  for (let i = 0; i < width * height; i += 1) {
    const t = span > 0 ? ((values[i] ?? 0) - window.low) / span : 0;
    const level = Math.round(255 * Math.min(1, Math.max(0, t)));
    const grey = window.invert === true ? 255 - level : level;
    rgba[4 * i] = grey;
    rgba[4 * i + 1] = grey;
    rgba[4 * i + 2] = grey;
    rgba[4 * i + 3] = 255;
  }
  return { width, height, rgba };
}
