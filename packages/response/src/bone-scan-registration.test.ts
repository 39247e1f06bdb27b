import { describe, expect, it } from 'vitest';
import {
  mapEarlierToLater,
  mapLaterToEarlier,
  registerBoneScanView,
  resampleOnEarlierGrid,
} from './bone-scan-registration.js';
import { pixelOfBodyPointMm, renderSyntheticView, SPACING_MM } from './test-support/bone-scan-images.js';

// Body points on the skeleton (mm) where the hand-known correspondence is checked: spine, pelvis, ribs, femur.
const checkPoints: readonly (readonly [number, number])[] = [
  [0, -150],
  [0, 50],
  [-75, 150],
  [80, -128],
  [-82, 300],
];

describe('registerBoneScanView', () => {
  it('recovers a known rotation of 2.5° and shift of (6, −9) pixels', () => {
    const rotationDeg = 2.5;
    const shiftPx = [6, -9] as const;
    const earlier = renderSyntheticView();
    const later = renderSyntheticView({ rotationDeg, shiftPx });
    const registration = registerBoneScanView(earlier, later);
    expect(registration.rotationDeg).toBeCloseTo(rotationDeg, 0);
    expect(Math.abs(registration.rotationDeg - rotationDeg)).toBeLessThan(0.3);
    expect(registration.scale).toBeCloseTo(1, 1);
    for (const [x, y] of checkPoints) {
      // Hand-known: the same body point is at pixelOfBodyPointMm(x, y) in the earlier image and at the
      // rotated and shifted pixel in the later one.
      const [ec, er] = pixelOfBodyPointMm(x, y);
      const [lc, lr] = pixelOfBodyPointMm(x, y, rotationDeg, shiftPx);
      const [mc, mr] = mapEarlierToLater(registration, ec, er);
      expect(Math.hypot(mc - lc, mr - lr) * SPACING_MM).toBeLessThan(2.5);
      const [bc, br] = mapLaterToEarlier(registration, lc, lr);
      expect(Math.hypot(bc - ec, br - er) * SPACING_MM).toBeLessThan(2.5);
    }
    expect(registration.residualMm).not.toBeNull();
    expect(registration.residualMm ?? Infinity).toBeLessThan(3);
  });

  it('maps each point back where it came from (T⁻¹ ∘ T is the identity)', () => {
    const registration = registerBoneScanView(
      renderSyntheticView(),
      renderSyntheticView({ rotationDeg: -2, shiftPx: [-4, 5] }),
    );
    for (const [c, r] of [
      [40, 100],
      [64, 200],
      [90, 320],
    ] as const) {
      const [lc, lr] = mapEarlierToLater(registration, c, r);
      const [bc, br] = mapLaterToEarlier(registration, lc, lr);
      expect(bc).toBeCloseTo(c, 2);
      expect(br).toBeCloseTo(r, 2);
    }
  });

  it('registers a view onto itself with the identity', () => {
    const view = renderSyntheticView();
    const registration = registerBoneScanView(view, view);
    expect(registration.rotationDeg).toBeCloseTo(0, 6);
    expect(registration.scale).toBeCloseTo(1, 6);
    expect(registration.residualMm).toBeCloseTo(0, 3);
    const resampled = resampleOnEarlierGrid(registration, view.counts);
    let largest = 0;
    for (let i = 0; i < resampled.length; i++)
      largest = Math.max(largest, Math.abs((resampled[i] ?? 0) - (view.counts[i] ?? 0)));
    expect(largest).toBeLessThan(1e-3);
  });

  it('leaves the arm bones and lesions out of the fit: a hot lesion does not move the skeleton', () => {
    const earlier = renderSyntheticView();
    const later = renderSyntheticView({
      shiftPx: [3, 3],
      lesions: [{ centreMm: [0, 50], diameterMm: 25, contrast: 5 }],
    });
    const registration = registerBoneScanView(earlier, later);
    const [ec, er] = pixelOfBodyPointMm(0, -150);
    const [mc, mr] = mapEarlierToLater(registration, ec, er);
    expect(mc - ec).toBeCloseTo(3, 0);
    expect(mr - er).toBeCloseTo(3, 0);
  });

  it('falls back to centring the images with a warning when the segmentations share fewer than 3 parts', () => {
    const earlier = renderSyntheticView();
    const empty = { ...renderSyntheticView(), labels: new Uint8Array(earlier.labels.length) };
    const registration = registerBoneScanView(earlier, empty);
    expect(registration.warnings.join(' ')).toMatch(/fewer than 3 skeleton parts/);
    expect(registration.residualMm).toBeNull();
  });
});
