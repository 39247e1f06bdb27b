import { describe, expect, it } from 'vitest';
import { registerBoneScanView } from './bone-scan-registration.js';
import { subtractionPng, subtractionRgba, temporalSubtraction } from './bone-scan-subtraction.js';
import { NORMAL_BONE, pixelOfBodyPointMm, renderSyntheticView } from './test-support/bone-scan-images.js';

describe('temporalSubtraction', () => {
  it('is zero for a scan subtracted from itself', () => {
    const view = renderSyntheticView();
    const image = temporalSubtraction(view, view, registerBoneScanView(view, view));
    let largest = 0;
    for (const value of image.difference) largest = Math.max(largest, Math.abs(value));
    expect(largest).toBeLessThan(1e-3);
    expect(image.laterScale).toBe(1);
  });

  it('normalises the counts: a later scan with half the counts everywhere subtracts to zero', () => {
    const earlier = renderSyntheticView();
    const later = renderSyntheticView({ countScale: 0.5 });
    const image = temporalSubtraction(earlier, later, registerBoneScanView(earlier, later));
    // s = earlier normal bone ÷ later normal bone = 100 ÷ 50 = 2, and 2 × (0.5 × counts) − counts = 0.
    expect(image.laterScale).toBeCloseTo(2, 10);
    let largest = 0;
    for (const value of image.difference) largest = Math.max(largest, Math.abs(value));
    expect(largest).toBeLessThan(1e-2);
  });

  it('shows a lesion that doubled as positive, dark on the PNG, and no change as mid-grey', () => {
    const lesion = { centreMm: [0, 50] as const, diameterMm: 30 };
    const earlier = renderSyntheticView({ lesions: [{ ...lesion, contrast: 2 }] });
    const later = renderSyntheticView({ shiftPx: [2, -3], lesions: [{ ...lesion, contrast: 4 }] });
    const image = temporalSubtraction(earlier, later, registerBoneScanView(earlier, later));
    const [c, r] = pixelOfBodyPointMm(0, 50).map(Math.round) as [number, number];
    // Lumbar uptake 1.8 × 100 counts: contrast 2 → 360, contrast 4 → 720; difference ≈ +360 counts.
    expect(image.difference[r * image.columns + c]).toBeGreaterThan(300);
    expect(image.difference[r * image.columns + c]).toBeLessThan(420);
    const rgba = subtractionRgba(image);
    // +360 counts is beyond the +100 (one normal-bone level) window: black. Outside the body, no change:
    // t = (0 − (−100)) / 200 = 0.5, level round(127.5) = 128, inverted 255 − 128 = 127 (mid-grey).
    expect(rgba.rgba[4 * (r * image.columns + c)]).toBe(0);
    expect(rgba.rgba[0]).toBe(127);
    expect(image.window).toEqual({ low: -NORMAL_BONE, high: NORMAL_BONE });
    const png = subtractionPng(image);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  });
});
