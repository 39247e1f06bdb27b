/**
 * The clavicles found in the image: each runs from the sternal notch to the acromion as a thin bright
 * ridge just below the shoulder level, in front of the upper ribs (best seen on the anterior view). Column
 * by column between its medial end (beside the midline) and its lateral end (at the humerus track), the
 * brightest row near the proportions' course is taken, and a robust line is fitted to the medial and to
 * the lateral half: the bone is drawn as a capsule along them.
 */
import { bodyCornerOf, type PixelGeometry } from './atlas-skeleton.js';
import { fitLineRobust } from './segment-image-ops.js';
import { bodyLevels, type SkeletonLandmarks } from './skeleton-landmarks.js';

export interface CapsulePoint {
  readonly row: number;
  readonly column: number;
  readonly radiusMm: number;
}

/** Course of the clavicle in the proportions: (u, v) of its medial end, its middle and (v only) its lateral end. */
const medialEnd = { u: 0.012, v: 0.188 } as const;
const middle = { u: 0.06, v: 0.182 } as const;
const lateralLevel = 0.177;

/** Half thickness of the clavicle, fraction of body height (a shaft of about 15–20 mm in an adult). */
export const clavicleRadius = 0.0055;

/** How far above and below its course in the proportions the ridge is searched, mm. */
const searchMm = 18;

/** Capsule points of the right and left clavicles, pixels of the view. */
export function findClavicles(
  fine: Float32Array,
  geometry: PixelGeometry,
  landmarks: SkeletonLandmarks,
): Readonly<Record<'left' | 'right', readonly CapsulePoint[]>> {
  const { columns, rows, rowMm, columnMm } = geometry;
  const H = landmarks.bodyHeightMm;
  const corner = bodyCornerOf(landmarks, geometry);
  const radiusMm = clavicleRadius * H;
  const track = (side: 'left' | 'right'): readonly CapsulePoint[] => {
    const s = side === 'left' ? 1 : -1;
    const humerus = landmarks.limbs[side].humerus;
    const [shoulderRow, midColumn] = corner(0, bodyLevels.shoulder + 0.012);
    const shoulderU = ((humerus.a + humerus.b * shoulderRow - midColumn) * columnMm) / H;
    const knots = [
      corner(s * medialEnd.u, medialEnd.v),
      corner(s * middle.u, middle.v),
      corner(shoulderU - s * 0.008, lateralLevel),
    ] as const;
    const [m, c, l] = knots;
    const priorRow = (column: number): number => {
      const [a, b] = (column - c[1]) * s <= 0 ? [m, c] : [c, l];
      return b[1] === a[1] ? a[0] : a[0] + ((column - a[1]) * (b[0] - a[0])) / (b[1] - a[1]);
    };
    const reach = Math.max(2, Math.round(searchMm / rowMm));
    const medialColumns: number[] = [];
    const medialRows: number[] = [];
    const lateralColumns: number[] = [];
    const lateralRows: number[] = [];
    const first = Math.round(Math.min(m[1], l[1]));
    const last = Math.round(Math.max(m[1], l[1]));
    for (let column = Math.max(0, first); column <= Math.min(columns - 1, last); column++) {
      const centre = Math.round(priorRow(column));
      let best = centre;
      let bestValue = -1;
      for (let row = Math.max(0, centre - reach); row <= Math.min(rows - 1, centre + reach); row++) {
        const value = fine[row * columns + column] ?? 0;
        if (value > bestValue) {
          bestValue = value;
          best = row;
        }
      }
      if ((column - c[1]) * s <= 0) {
        medialColumns.push(column);
        medialRows.push(best);
      } else {
        lateralColumns.push(column);
        lateralRows.push(best);
      }
    }
    const medialLine = fitLineRobust(medialColumns, medialRows);
    const lateralLine = fitLineRobust(lateralColumns, lateralRows);
    const rowOn = (line: { a: number; b: number } | undefined, column: number, fallback: number): number => {
      const row = line === undefined ? fallback : line.a + line.b * column;
      // A fit that strays beyond the search band followed another structure: keep the proportions' course.
      return Math.abs(row - fallback) > reach ? fallback : row;
    };
    const middleRow = (rowOn(medialLine, c[1], c[0]) + rowOn(lateralLine, c[1], c[0])) / 2;
    return [
      { row: rowOn(medialLine, m[1], m[0]), column: m[1], radiusMm },
      { row: middleRow, column: c[1], radiusMm },
      { row: rowOn(lateralLine, l[1], l[0]), column: l[1], radiusMm },
    ];
  };
  return { right: track('right'), left: track('left') };
}
