import { describe, expect, it } from 'vitest';
import { gaussianSmooth2d } from './gaussian-smooth-2d.js';
import { outlineEdgeContrast } from './outline-edge-contrast.js';
import { quantile, smoothImage } from './segment-image-ops.js';
import type { SkeletonLandmarks, TrackLine } from './skeleton-landmarks.js';
import { findSpineColumn, visitDiscSpace, visitVertebra, type Vertebra } from './spine-column.js';

// A synthetic trunk: 128 columns × 900 rows of 2 mm pixels, a body from row 0 (vertex) to row 850 (soles),
// so H = 850 × 2 mm = 1700 mm, midline at column 64, soft tissue 10 counts per pixel.
const columns = 128;
const rows = 900;
const pixelMm = 2;
const track: TrackLine = { a: 20, b: 0, fromRow: 0, toRow: 0 };
const tracks = { humerus: track, forearm: track, hand: track, femur: track, tibia: track };
const landmarks: SkeletonLandmarks = {
  vertexRow: 0,
  soleRow: 850,
  bodyHeightMm: 1700,
  midline: { a: 64, b: 0 },
  rotationDeg: 0,
  skullHalfWidthMm: 80,
  limbs: { left: tracks, right: tracks },
  armAbductionDeg: { left: 0, right: 0 },
  bodyThreshold: 3,
  trunkLevels: [],
};

/**
 * Vertebral bodies drawn as rectangles 40 mm wide (columns 54–73) of 100 counts, separated by discs of
 * 2 rows, 6 rows (12 mm, half a thoracic vertebra) lower than the levels of the proportions: C1's top at
 * 0.115 H = row 97.75 in the proportions is drawn from row 104. Segment lengths: 7 cervical of 0.009 H (7.65 rows, drawn as 8),
 * 12 thoracic of 0.0139 H (11.8 rows, drawn as 12) and 5 lumbar of 0.02 H (17 rows).
 */
function syntheticSpine(): { counts: Float32Array; centres: number[] } {
  const counts = new Float32Array(columns * rows).fill(10);
  const centres: number[] = [];
  let top = 104;
  for (const [count, length] of [
    [7, 8],
    [12, 12],
    [5, 17],
  ] as const) {
    for (let k = 0; k < count; k++) {
      // Body rows top .. top + length − 3, disc rows top + length − 2 and top + length − 1.
      for (let row = top; row <= top + length - 3; row++) {
        for (let column = 54; column <= 73; column++) counts[row * columns + column] = 100;
      }
      centres.push(top + (length - 3) / 2);
      top += length;
    }
  }
  return { counts, centres };
}

describe('findSpineColumn', () => {
  const { counts, centres } = syntheticSpine();
  const fine = smoothImage(counts, columns, rows, [pixelMm, pixelMm], 4);
  const spine = findSpineColumn({ counts, fine, columns, rows, rowMm: pixelMm, columnMm: pixelMm, landmarks });

  it('finds 7 cervical, 12 thoracic and 5 lumbar vertebrae in order', () => {
    const parts = spine.vertebrae.map((v) => v.part);
    expect(parts.filter((p) => p === 'cervical_spine')).toHaveLength(7);
    expect(parts.filter((p) => p === 'thoracic_spine')).toHaveLength(12);
    expect(parts.filter((p) => p === 'lumbar_spine')).toHaveLength(5);
    expect(parts.indexOf('thoracic_spine')).toBe(7);
    expect(parts.indexOf('lumbar_spine')).toBe(19);
  });

  it('puts each vertebral body between the dips of the image, not at the levels of the proportions', () => {
    // The drawn bodies sit 6 rows below the proportions; each found centre is within 2 rows (4 mm) of its
    // drawn centre.
    spine.vertebrae.forEach((vertebra, k) => {
      expect(Math.abs(vertebra.row - (centres[k] ?? 0))).toBeLessThanOrEqual(2);
    });
  });

  it('follows the ridge: centre on column 63.5 (the middle of columns 54–73), tilt that of the midline', () => {
    for (const vertebra of spine.vertebrae) {
      expect(Math.abs(vertebra.column - 63.5)).toBeLessThanOrEqual(1);
      expect(vertebra.slope).toBe(0);
    }
  });

  it('keeps the widths within the anatomical range of each region', () => {
    // Limits of spine-column.ts as fractions of H = 1700 mm: cervical 8.5–22.1 mm, thoracic 11.9–30.6 mm,
    // lumbar 17–39.1 mm.
    const range = { cervical_spine: [8.5, 22.1], thoracic_spine: [11.9, 30.6], lumbar_spine: [17, 39.1] } as const;
    for (const vertebra of spine.vertebrae) {
      const [least, most] = range[vertebra.part];
      expect(vertebra.halfWidthMm).toBeGreaterThanOrEqual(least - 1e-9);
      expect(vertebra.halfWidthMm).toBeLessThanOrEqual(most + 1e-9);
    }
  });
});

describe('visitVertebra and visitDiscSpace', () => {
  const geometry = { columns: 100, rows: 100, rowMm: 2, columnMm: 2 };
  const upper: Vertebra = {
    part: 'lumbar_spine',
    row: 40,
    column: 50,
    halfHeightMm: 10,
    halfWidthMm: 20,
    slope: 0,
  };

  it('visits the pixels of the ellipse: about π × 10 × 20 mm² / 4 mm² ≈ 157 pixels', () => {
    let pixels = 0;
    visitVertebra(upper, geometry, () => pixels++);
    // Pixel centres inside the ellipse: 157 ± 10 % for an ellipse 10 × 20 pixels across.
    expect(pixels).toBeGreaterThan(141);
    expect(pixels).toBeLessThan(173);
  });

  it('visits the disc space between two bodies, each half with its nearer vertebra', () => {
    // Lower body centred 16 rows below: the disc runs from row 40 + 5 = 45 to row 56 − 5 = 51, 7 rows of
    // columns 40–60 (half width 20 mm = 10 pixels) = 147 pixels.
    const lower: Vertebra = { ...upper, row: 56 };
    const rowsOf = new Map<number, string>();
    let pixels = 0;
    visitDiscSpace(upper, lower, geometry, (index, nearer) => {
      pixels++;
      rowsOf.set(Math.floor(index / 100), nearer === upper ? 'upper' : 'lower');
    });
    expect(pixels).toBe(7 * 21);
    expect(rowsOf.get(45)).toBe('upper');
    expect(rowsOf.get(51)).toBe('lower');
  });
});

describe('outlineEdgeContrast', () => {
  // A 40 × 40 pixel square of 100 counts on a background of 0, 2 mm pixels, no blur.
  const geometry = { columns: 100, rows: 100, rowMm: 2, columnMm: 2 };
  const image = new Float32Array(100 * 100);
  for (let row = 30; row < 70; row++) for (let column = 30; column < 70; column++) image[row * 100 + column] = 100;
  const square = (inset: number): (readonly [number, number])[] => [
    [29.5 - inset, 29.5 - inset],
    [29.5 - inset, 69.5 + inset],
    [69.5 + inset, 69.5 + inset],
    [69.5 + inset, 29.5 - inset],
  ];

  it('is the full step (100) on the square’s own edges and 0 when the outline lies 5 pixels outside', () => {
    // Samples 5 mm (2.5 pixels) inside and outside each edge every 3 mm: 100 inside and 0 outside on the
    // square's edges, except at a corner, where the inside sample of one edge can fall just outside the
    // other edge (1 of the 27 samples here): at least 26/27 × 100 = 96.3. With the outline 10 mm outside
    // the square, both samples of every edge are outside: 0.
    const onEdge = outlineEdgeContrast(image, geometry, square(0), { fromVertex: 0, toVertex: 0, stepLimit: 1000 });
    expect(onEdge).toBeGreaterThanOrEqual(96.29);
    expect(onEdge).toBeLessThanOrEqual(100);
    const outside = outlineEdgeContrast(image, geometry, square(5), { fromVertex: 0, toVertex: 0, stepLimit: 1000 });
    expect(outside).toBeCloseTo(0, 6);
  });

  it('clips each step to the limit and scores only the edges asked for', () => {
    const clipped = outlineEdgeContrast(image, geometry, square(0), { fromVertex: 0, toVertex: 0, stepLimit: 30 });
    expect(clipped).toBeGreaterThanOrEqual((26 / 27) * 30 - 1e-9);
    expect(clipped).toBeLessThanOrEqual(30);
    // The edges from vertex 1 to vertex 3 only (right and bottom sides): still the step, never above it.
    const twoEdges = outlineEdgeContrast(image, geometry, square(0), { fromVertex: 1, toVertex: 3, stepLimit: 1000 });
    expect(twoEdges).toBeGreaterThan(90);
    expect(twoEdges).toBeLessThanOrEqual(100);
    // A bright strip just outside the left side changes nothing when only the right and bottom are scored.
    const withStrip = Float32Array.from(image);
    for (let row = 30; row < 70; row++)
      for (let column = 20; column < 30; column++) withStrip[row * 100 + column] = 100;
    expect(
      outlineEdgeContrast(withStrip, geometry, square(0), { fromVertex: 1, toVertex: 3, stepLimit: 1000 }),
    ).toBeCloseTo(twoEdges, 9);
    expect(
      outlineEdgeContrast(withStrip, geometry, square(0), { fromVertex: 0, toVertex: 0, stepLimit: 1000 }),
    ).toBeLessThan(onEdgeOf(image));
  });
});

function onEdgeOf(image: Float32Array): number {
  return outlineEdgeContrast(
    image,
    { columns: 100, rows: 100, rowMm: 2, columnMm: 2 },
    [
      [29.5, 29.5],
      [29.5, 69.5],
      [69.5, 69.5],
      [69.5, 29.5],
    ],
    { fromVertex: 0, toVertex: 0, stepLimit: 1000 },
  );
}

describe('quantile and smoothImage', () => {
  it('quantile is the element of rank floor(q·n) in ascending order', () => {
    // Sorted: 1 2 3 5 8 13 21 34 55 89; q 0.5 → rank 5 → 13; q 0.9 → rank 9 → 89; q 0 → 1; q 1 → clamped to 89.
    const values = [55, 3, 89, 1, 21, 8, 34, 2, 13, 5];
    expect(quantile(values, 0.5)).toBe(13);
    expect(quantile(values, 0.9)).toBe(89);
    expect(quantile(values, 0)).toBe(1);
    expect(quantile(values, 1)).toBe(89);
    expect(quantile([], 0.5)).toBe(0);
    expect(quantile([7, 7, 7, 7], 0.3)).toBe(7);
  });

  it('smoothImage gives the Gaussian smoothing of gaussian-smooth-2d.ts', () => {
    const image = new Float32Array(64 * 96);
    for (let i = 0; i < image.length; i++) image[i] = (i * 7919) % 101;
    for (const [spacing, sigma] of [
      [[2, 2], 4],
      [[2.4, 3], 8],
    ] as const) {
      const expected = gaussianSmooth2d(image, 64, 96, spacing, sigma);
      const found = smoothImage(image, 64, 96, spacing, sigma);
      let worst = 0;
      for (let i = 0; i < found.length; i++) worst = Math.max(worst, Math.abs((found[i] ?? 0) - (expected[i] ?? 0)));
      expect(worst).toBeLessThan(1e-3);
    }
  });
});
