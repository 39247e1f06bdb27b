/**
 * The outline of each scapula found in the image. The scapula is a thin plate lying on the back of the
 * rib cage from the level of the second to that of the seventh or eighth rib (Gray's Anatomy, 41st ed.,
 * ch. 47): on a posterior bone scan it shows as an evenly lit triangle over the ribs, lateral to the spine,
 * with its glenoid at the humeral head. Its superior border is placed at the shoulder level of the
 * proportions and its lateral end at the humerus track; the medial border and the inferior angle are searched
 * over an anatomical range, keeping the outline whose free edges (lateral border, inferior angle, medial
 * border) stand out most from the image around them (outline-edge-contrast.ts). The outline is searched
 * on the posterior view when there is one, where the plate lies next to the camera.
 */
import { bodyCornerOf, type PixelGeometry } from './atlas-skeleton.js';
import { outlineEdgeContrast, type PixelPolygon } from './outline-edge-contrast.js';
import { quantile } from './segment-image-ops.js';
import { bodyLevels, type SkeletonLandmarks } from './skeleton-landmarks.js';

/** Superior border of the scapula, fraction of body height below the vertex. */
const superiorLevel = 0.19;

/** Search ranges (fractions of body height): medial border's distance from the midline, inferior angle's position. */
const medialRange = { from: 0.03, to: 0.06 } as const;
const angleAcrossRange = { from: 0.045, to: 0.085 } as const;
const angleLevelRange = { from: 0.26, to: 0.33 } as const;
const searchStep = 0.005;

/** Largest step counted at one edge sample, as a fraction of the median level of the upper trunk. */
const stepLimitFraction = 0.15;

/** Median smoothed value of the upper trunk (between the shoulders, from the shoulder level to the lower ribs). */
function trunkLevel(
  fine: Float32Array,
  geometry: PixelGeometry,
  corner: (u: number, v: number) => readonly [number, number],
): number {
  const values: number[] = [];
  const [top] = corner(0, superiorLevel);
  const [bottom] = corner(0, angleLevelRange.to);
  for (let row = Math.max(0, Math.round(top)); row <= Math.min(geometry.rows - 1, Math.round(bottom)); row += 2) {
    const [, left] = corner(-0.09, superiorLevel);
    const [, right] = corner(0.09, superiorLevel);
    for (
      let column = Math.max(0, Math.round(left));
      column <= Math.min(geometry.columns - 1, Math.round(right));
      column += 2
    )
      values.push(fine[row * geometry.columns + column] ?? 0);
  }
  return quantile(values, 0.5);
}

/** Outlines of the right and left scapulae in pixel coordinates of the view. */
export function findScapulae(
  fine: Float32Array,
  geometry: PixelGeometry,
  landmarks: SkeletonLandmarks,
): Readonly<Record<'left' | 'right', PixelPolygon>> {
  const { columnMm } = geometry;
  const H = landmarks.bodyHeightMm;
  const corner = bodyCornerOf(landmarks, geometry);
  // Steps are clipped to a fraction of the trunk's level, so that a hot lesion on an edge cannot pull it.
  const stepLimit = stepLimitFraction * trunkLevel(fine, geometry, corner);
  // The free edges: from the glenoid (third vertex) round to the superior-medial angle (first vertex).
  const edgeScore = (polygon: PixelPolygon): number =>
    outlineEdgeContrast(fine, geometry, polygon, { fromVertex: 2, toVertex: 0, stepLimit });

  const outline = (side: 'left' | 'right'): PixelPolygon => {
    const s = side === 'left' ? 1 : -1;
    const humerus = landmarks.limbs[side].humerus;
    const [shoulderRow, midColumn] = corner(0, bodyLevels.shoulder + 0.012);
    const shoulderU = ((humerus.a + humerus.b * shoulderRow - midColumn) * columnMm) / H;
    const polygonOf = (medial: number, angleAcross: number, angleLevel: number): PixelPolygon => [
      corner(s * medial, superiorLevel),
      corner(shoulderU - s * 0.004, superiorLevel),
      corner(shoulderU - s * 0.01, superiorLevel + 0.025),
      corner(s * angleAcross, angleLevel),
      corner(s * medial, angleLevel - 0.04),
    ];
    let best: PixelPolygon = polygonOf(0.045, 0.07, 0.29);
    let bestScore = Number.NEGATIVE_INFINITY;
    for (let medial = medialRange.from; medial <= medialRange.to + 1e-9; medial += searchStep) {
      for (let across = angleAcrossRange.from; across <= angleAcrossRange.to + 1e-9; across += searchStep) {
        if (across < medial + 0.01 || across > Math.abs(shoulderU) - 0.01) continue;
        for (let level = angleLevelRange.from; level <= angleLevelRange.to + 1e-9; level += searchStep) {
          const polygon = polygonOf(medial, across, level);
          const score = edgeScore(polygon);
          if (score > bestScore) {
            bestScore = score;
            best = polygon;
          }
        }
      }
    }
    return best;
  };
  return { right: outline('right'), left: outline('left') };
}
