/**
 * The iliac wings found in the image. Each wing is a broad plate that projects as an evenly lit shape from
 * the sacroiliac joint up to the iliac crest and out to the anterior superior iliac spine. Its outline in
 * the proportions (`priorWing`) is moved up or down and widened or narrowed about the sacroiliac joint,
 * keeping the outline whose crest and lateral edges stand out most (outline-edge-contrast.ts): the height of
 * the crest varies between patients by more than the proportions say (it lies between the L3–L4 and the
 * L5 level).
 */
import { bodyCornerOf, type PixelGeometry } from './atlas-skeleton.js';
import { outlineEdgeContrast, type PixelPolygon } from './outline-edge-contrast.js';
import { quantile } from './segment-image-ops.js';
import type { SkeletonLandmarks } from './skeleton-landmarks.js';

/**
 * Outline of the left wing in the proportions, (u, v) in fractions of body height: lower and upper end of
 * the sacroiliac joint, the crest from its medial to its lateral end, the lateral border, the anterior
 * inferior iliac spine, the roof of the acetabulum and the greater sciatic notch. The right wing is its mirror image.
 */
const priorWing: readonly (readonly [u: number, v: number])[] = [
  [0.03, 0.47],
  [0.03, 0.44],
  [0.055, 0.41],
  [0.085, 0.414],
  [0.093, 0.44],
  [0.08, 0.475],
  [0.065, 0.49],
  [0.042, 0.484],
];

/**
 * Share of the vertical shift taken by each vertex: the crest moves, the sacroiliac joint's lower end, the
 * acetabular roof and the sciatic notch stay with the hip joint, the lateral border follows halfway.
 */
const crestShare = [0, 1, 1, 1, 0.5, 0, 0, 0] as const;

/** Scored edges: from the upper end of the sacroiliac joint (vertex 1) to the anterior inferior iliac spine (vertex 5). */
const scoredFrom = 1;
const scoredTo = 5;

/** Search ranges: vertical shift of the wing (fraction of H) and its width about the sacroiliac joint (factor). */
const shiftRange = { from: -0.035, to: 0.02, step: 0.0025 } as const;
const widthRange = { from: 0.85, to: 1.2, step: 0.05 } as const;
/** Search range of the distance of the upper end of the sacroiliac joint from the midline (fraction of H). */
const medialRange = { from: 0.02, to: 0.045, step: 0.005 } as const;

/** Largest step counted at one edge sample, as a fraction of the median level of the pelvis. */
const stepLimitFraction = 0.25;

/** Outlines of the right and left iliac wings in pixel coordinates of the view. */
export function findIliacWings(
  fine: Float32Array,
  geometry: PixelGeometry,
  landmarks: SkeletonLandmarks,
): Readonly<Record<'left' | 'right', PixelPolygon>> {
  const corner = bodyCornerOf(landmarks, geometry);
  const wingOf = (s: number, shift: number, width: number, medial = priorWing[1]?.[0] ?? 0.018): PixelPolygon =>
    priorWing.map(([u, v], i) =>
      corner(s * (i === 1 ? medial : 0.018 + (u - 0.018) * width), v + shift * (crestShare[i] ?? 0)),
    );
  // Median level over the prior wings: the scale of the edge steps.
  const values: number[] = [];
  for (const s of [1, -1]) {
    const polygon = wingOf(s, 0, 1);
    const rowsOf = polygon.map((p) => p[0]);
    const columnsOf = polygon.map((p) => p[1]);
    for (
      let row = Math.max(0, Math.round(Math.min(...rowsOf)));
      row <= Math.min(geometry.rows - 1, Math.round(Math.max(...rowsOf)));
      row += 2
    ) {
      for (
        let column = Math.max(0, Math.round(Math.min(...columnsOf)));
        column <= Math.min(geometry.columns - 1, Math.round(Math.max(...columnsOf)));
        column += 2
      ) {
        values.push(fine[row * geometry.columns + column] ?? 0);
      }
    }
  }
  const stepLimit = stepLimitFraction * quantile(values, 0.5);
  const wing = (side: 'left' | 'right'): PixelPolygon => {
    const s = side === 'left' ? 1 : -1;
    let best = wingOf(s, 0, 1);
    let bestScore = Number.NEGATIVE_INFINITY;
    for (let shift = shiftRange.from; shift <= shiftRange.to + 1e-9; shift += shiftRange.step) {
      for (let width = widthRange.from; width <= widthRange.to + 1e-9; width += widthRange.step) {
        for (let medial = medialRange.from; medial <= medialRange.to + 1e-9; medial += medialRange.step) {
          const polygon = wingOf(s, shift, width, medial);
          const score = outlineEdgeContrast(fine, geometry, polygon, {
            fromVertex: scoredFrom,
            toVertex: scoredTo,
            stepLimit,
          });
          if (score > bestScore) {
            bestScore = score;
            best = polygon;
          }
        }
      }
    }
    return best;
  };
  return { right: wing('right'), left: wing('left') };
}
