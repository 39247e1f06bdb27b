/** Brings a stored view to the package's orientation convention (see whole-body-scan.ts). */
import type { OrientationBasis, ViewName, ViewOrientation } from './whole-body-scan.js';

/** What is known of how the stored image lies. */
export interface StoredOrientationHints {
  /** Image Orientation (Patient): row then column direction cosines, LPS (+x patient left, +z head). */
  readonly imageOrientationPatient?: readonly [number, number, number, number, number, number];
  /** Patient Orientation (0020,0020) letters: row direction, then column direction. */
  readonly patientOrientation?: readonly string[];
  /** A declared layout (sidecar): where the head and the patient's left lie in the stored image. */
  readonly declared?: { readonly headAtTop: boolean; readonly patientLeftOn: 'image-left' | 'image-right' };
}

interface StoredLayout {
  readonly leftOnRight: boolean;
  readonly headAtTop: boolean;
  readonly basis: OrientationBasis;
}

function storedLayout(view: ViewName, hints: StoredOrientationHints): StoredLayout {
  const iop = hints.imageOrientationPatient;
  if (iop !== undefined) {
    const [rowX, , , , , columnZ] = iop;
    // Use the cosines only when the row runs mainly along patient left-right and the column mainly along
    // head-feet, as in a planar whole-body view; anything else is not a frontal projection.
    if (Math.abs(rowX) > 0.7 && Math.abs(columnZ) > 0.7) {
      return { leftOnRight: rowX > 0, headAtTop: columnZ < 0, basis: 'image-orientation' };
    }
  }
  const letters = hints.patientOrientation;
  const rowLetter = letters?.[0]?.charAt(0).toUpperCase();
  const columnLetter = letters?.[1]?.charAt(0).toUpperCase();
  if ((rowLetter === 'L' || rowLetter === 'R') && (columnLetter === 'F' || columnLetter === 'H')) {
    return { leftOnRight: rowLetter === 'L', headAtTop: columnLetter === 'F', basis: 'patient-orientation' };
  }
  if (hints.declared !== undefined) {
    const { headAtTop, patientLeftOn } = hints.declared;
    return { leftOnRight: patientLeftOn === 'image-right', headAtTop, basis: 'sidecar' };
  }
  // Whole-body display convention: the anterior view is seen from the front (patient's left on image right),
  // the posterior view from behind (patient's left on image left), head at the top (EANM 2016 figures).
  return { leftOnRight: view === 'anterior', headAtTop: true, basis: 'convention' };
}

/** The view's values mirrored and/or flipped into the convention, and what was done. */
export function orientView(
  values: Float32Array,
  rows: number,
  columns: number,
  view: ViewName,
  hints: StoredOrientationHints,
): { readonly counts: Float32Array; readonly orientation: ViewOrientation } {
  const layout = storedLayout(view, hints);
  const mirror = !layout.leftOnRight;
  const flip = !layout.headAtTop;
  const counts = mirror || flip ? new Float32Array(values.length) : values;
  if (mirror || flip) {
    for (let row = 0; row < rows; row++) {
      const fromRow = flip ? rows - 1 - row : row;
      for (let column = 0; column < columns; column++) {
        const fromColumn = mirror ? columns - 1 - column : column;
        counts[row * columns + column] = values[fromRow * columns + fromColumn] ?? 0;
      }
    }
  }
  return {
    counts,
    orientation: {
      headAtTop: true,
      patientLeftOn: 'image-right',
      mirroredLeftRight: mirror,
      flippedTopBottom: flip,
      basis: layout.basis,
    },
  };
}
