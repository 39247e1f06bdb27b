import { encodeRgbaPng, windowToRgba, type WholeBodyView } from '@bonemet/bonescan';
import type { RenderedImage } from './analysis-images.js';

/** Upper end of the display window: the 99.5th percentile of the view's pixel values. */
export const BONE_SCAN_WINDOW_PERCENTILE = 99.5;

/** The value below which `percent` % of the values lie (nearest rank on the sorted values). */
export function percentile(values: Float32Array, percent: number): number {
  if (values.length === 0) return 0;
  const sorted = Float32Array.from(values).sort();
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((percent / 100) * sorted.length) - 1));
  return sorted[rank] ?? 0;
}

/**
 * A view's counts back in its stored frame (the analysis mirrors the posterior view and flips a feet-first
 * frame into the reading orientation; undoing both puts pixel (0, 0) where the DICOM frame has it), so that
 * hotspot x, y in stored-frame pixels fall on the image as drawn.
 */
export function storedFrameCounts(view: WholeBodyView): Float32Array {
  const out = new Float32Array(view.columns * view.rows);
  const { mirroredLeftRight, flippedTopBottom } = view.orientation;
  for (let y = 0; y < view.rows; y++) {
    const readingRow = flippedTopBottom ? view.rows - 1 - y : y;
    for (let x = 0; x < view.columns; x++) {
      const readingColumn = mirroredLeftRight ? view.columns - 1 - x : x;
      out[y * view.columns + x] = view.counts[readingRow * view.columns + readingColumn] ?? 0;
    }
  }
  return out;
}

/**
 * The PNG of one view as stored, windowed from 0 to the 99.5th percentile and inverted (high counts dark, as
 * bone scans are read). The upper end is a high percentile rather than the maximum so that a few very hot
 * pixels (bladder, injection site) do not leave the skeleton pale grey.
 */
export function renderBoneScanView(view: WholeBodyView): RenderedImage {
  const counts = storedFrameCounts(view);
  const high = percentile(counts, BONE_SCAN_WINDOW_PERCENTILE);
  const name = view.view === 'posterior' ? 'POST' : 'ANT';
  return {
    name,
    title: view.view === 'posterior' ? 'Posterior' : 'Anterior',
    widthPx: view.columns,
    heightPx: view.rows,
    pixelSpacingMm: view.pixelSpacingMm,
    png: encodeRgbaPng(windowToRgba(counts, view.columns, view.rows, { low: 0, high, invert: true })),
  };
}
