import { describe, expect, it } from 'vitest';
import { analyzeBoneScanHotspots } from './analyze-hotspots.js';
import { medianInPlace, ridgeExpectedLevels } from './ridge-reference.js';
import {
  columns,
  exactOptions,
  handBuiltCounts,
  handBuiltMap,
  handBuiltView,
  paint,
} from './test-support/hand-built-skeleton.js';

/** A 100 × 200 image of 2 mm pixels at `background` counts. */
function flatImage(background: number): Float32Array {
  return new Float32Array(columns * 200).fill(background);
}

function strip(image: Float32Array, c0: number, c1: number, r0: number, r1: number, add: number): void {
  for (let r = r0; r <= r1; r++)
    for (let c = c0; c <= c1; c++) image[r * columns + c] = (image[r * columns + c] ?? 0) + add;
}

describe('ridge-aware expected level (linear structures add where they cross)', () => {
  it('reads a vertical bone, two crossing bones, and a focus that is not a bone', () => {
    // Background 10; a vertical strip 6 pixels (12 mm) wide at columns 47–52 adds 100 (a rib-like bone).
    const image = flatImage(10);
    strip(image, 47, 52, 20, 180, 100);
    // On the strip, away from its ends: the strip's own level, 10 + 100.
    const onStrip = 100 * columns + 49;
    expect(ridgeExpectedLevels(image, columns, 200, [2, 2], [onStrip])[0]).toBeCloseTo(110, 5);
    // A horizontal strip (rows 98–103, +50) crosses it: at the crossing the two bones add, 10 + 100 + 50.
    strip(image, 5, 94, 98, 103, 50);
    expect(ridgeExpectedLevels(image, columns, 200, [2, 2], [onStrip])[0]).toBeCloseTo(160, 5);
    // A 10 × 10 pixel (20 mm) focus of +300 on flat background, away from both strips: every segment
    // through its centre leaves the focus out (central 15 mm gap, 90 mm segments), so the level is the
    // background, 10.
    const focus = flatImage(10);
    strip(focus, 20, 29, 40, 49, 300);
    expect(ridgeExpectedLevels(focus, columns, 200, [2, 2], [45 * columns + 25])[0]).toBeCloseTo(10, 5);
  });

  it('adds a narrow bone to the plateau of a wide one it crosses (a rib over the scapula)', () => {
    // Plateau +30 over columns 20–80, rows 60–140 (a 120 mm wide flat bone); a vertical strip +100 (12 mm)
    // at columns 47–52 crosses it: on the crossing the level is 10 + 30 + 100 = 140, and on the plateau away
    // from the strip it is the plateau's 10 + 30 = 40.
    const image = flatImage(10);
    strip(image, 20, 80, 60, 140, 30);
    strip(image, 47, 52, 20, 180, 100);
    const levels = ridgeExpectedLevels(image, columns, 200, [2, 2], [100 * columns + 49, 100 * columns + 30]);
    expect(levels[0]).toBeCloseTo(140, 5);
    expect(levels[1]).toBeCloseTo(40, 5);
  });

  it('keeps the ratio of a lesion on the hand-built skeleton (the reference is not lifted by the lesion)', () => {
    // 5 × 5 pixel lesion at 3× normal bone on the 16 mm wide lumbar spine (analyze-hotspots.test.ts): with
    // the ridge reference on, the ratio is still (300 + 10 − 110) / 100 + 1 = 3.
    const counts = handBuiltCounts();
    paint(counts, 47, 51, 88, 92, 300);
    const hotspots = analyzeBoneScanHotspots({
      scan: { views: [handBuiltView('anterior', counts)], acquisition: {}, warnings: [] },
      regionMaps: [handBuiltMap('anterior')],
      options: { ...exactOptions, ridgeLineLengthMm: 90 },
    }).automatic.hotspots;
    expect(hotspots).toHaveLength(1);
    expect(hotspots[0]?.ratioMax).toBeCloseTo(3, 5);
    expect(hotspots[0]?.ratioMean).toBeCloseTo(3, 5);
  });
});

describe('medianInPlace (quickselect)', () => {
  it('equals the median of the sorted values, odd and even counts, ties, sorted and reversed runs', () => {
    // The reference: sort a copy, take the middle value (odd) or the mean of the two middle values (even).
    const sortedMedian = (values: readonly number[]): number => {
      const sorted = [...values].sort((a, b) => a - b);
      const m = sorted.length >> 1;
      return sorted.length % 2 === 1 ? (sorted[m] ?? 0) : ((sorted[m - 1] ?? 0) + (sorted[m] ?? 0)) / 2;
    };
    let state = 12345;
    const random = (): number => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state / 2147483648;
    };
    const cases: number[][] = [
      [5],
      [2, 1],
      [3, 3, 3, 3],
      Array.from({ length: 37 }, (_, i) => i),
      Array.from({ length: 36 }, (_, i) => 36 - i),
      Array.from({ length: 31 }, () => Math.round(random() * 4)),
    ];
    for (let n = 1; n <= 60; n++) cases.push(Array.from({ length: n }, () => Math.round(random() * 1000) / 10));
    for (const values of cases) {
      // Float32 storage, as the smoothed image holds its counts.
      const stored = Float32Array.from(values);
      const expected = sortedMedian(Array.from(stored));
      const buffer = new Float32Array(values.length + 5).fill(-1);
      buffer.set(stored);
      expect(medianInPlace(buffer, values.length)).toBeCloseTo(expected, 5);
    }
    expect(medianInPlace(new Float32Array(4), 0)).toBe(0);
  });
});
