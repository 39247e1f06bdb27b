/**
 * Coronal maximum-intensity projection of a PET volume, as PET/CT readers view it: seen from the front
 * (projection along the patient's anterior–posterior axis), head at the top, the patient's right on the
 * image's left (radiological convention). Patient axes are DICOM LPS (PS3.3 C.7.6.2.1.1): +x towards the
 * patient's left, +y posterior, +z towards the head.
 */
import { BonemetError } from '@bonemet/core';
import type { PlacedGrid, ScalarVolume, Triple } from '@bonemet/imaging';

export interface CoronalMip {
  /** Image columns (patient right → left) and rows (head → feet). */
  readonly columns: number;
  readonly rows: number;
  /** Highest voxel value along each anterior–posterior ray, row by row. */
  readonly values: Float32Array;
  /** [between rows, between columns], mm. */
  readonly pixelSpacingMm: readonly [number, number];
  /** Volume axes (0 = i, 1 = j, 2 = k) along the image columns and rows and the projection, with their flips. */
  readonly axes: {
    readonly column: number;
    readonly row: number;
    readonly projection: number;
    readonly flipColumn: boolean;
    readonly flipRow: boolean;
  };
}

/** The volume axis whose direction is closest to each patient axis; refuses oblique grids (no clear axis). */
function patientAxisOfEachVolumeAxis(directions: PlacedGrid['directions']): [number, number, number] {
  const dominant = directions.map((direction) => {
    const magnitudes = direction.map(Math.abs);
    const best = magnitudes.indexOf(Math.max(...magnitudes));
    // A volume axis more than 45° from every patient axis cannot be projected as a plain coronal view.
    if ((magnitudes[best] ?? 0) < Math.SQRT1_2) return -1;
    return best;
  });
  if (dominant.includes(-1) || new Set(dominant).size !== 3) {
    throw new BonemetError('unsupported', 'the PET grid is oblique: no volume axis is close to each patient axis', {
      issues: [
        {
          path: ['pet', 'directions'],
          message: 'the coronal MIP needs a grid within 45° of the patient axes',
          hint: 'resample the PET to an axial grid first',
        },
      ],
    });
  }
  return dominant as [number, number, number];
}

/** The coronal MIP of a volume (see the module comment). */
export function coronalMip(volume: PlacedGrid & ScalarVolume): CoronalMip {
  const patientAxis = patientAxisOfEachVolumeAxis(volume.directions);
  const column = patientAxis.indexOf(0);
  const projection = patientAxis.indexOf(1);
  const row = patientAxis.indexOf(2);
  const directionOf = (axis: number): Triple => volume.directions[axis] ?? [0, 0, 0];
  // Columns run towards +x (patient left); rows run towards −z (feet).
  const flipColumn = directionOf(column)[0] < 0;
  const flipRow = directionOf(row)[2] > 0;
  const [nx, ny] = volume.dimensions;
  const dims = volume.dimensions;
  const columns = dims[column] ?? 0;
  const rows = dims[row] ?? 0;
  const depth = dims[projection] ?? 0;
  const strides = [1, nx, nx * ny];
  const values = new Float32Array(columns * rows).fill(Number.NEGATIVE_INFINITY);
  const strideColumn = strides[column] ?? 0;
  const strideRow = strides[row] ?? 0;
  const strideProjection = strides[projection] ?? 0;
  for (let r = 0; r < rows; r++) {
    const volumeRow = flipRow ? rows - 1 - r : r;
    for (let c = 0; c < columns; c++) {
      const volumeColumn = flipColumn ? columns - 1 - c : c;
      let index = volumeRow * strideRow + volumeColumn * strideColumn;
      let max = Number.NEGATIVE_INFINITY;
      for (let d = 0; d < depth; d++, index += strideProjection) {
        const value = volume.voxels[index] ?? Number.NEGATIVE_INFINITY;
        if (value > max) max = value;
      }
      values[r * columns + c] = max;
    }
  }
  if (depth === 0) values.fill(0);
  return {
    columns,
    rows,
    values,
    pixelSpacingMm: [volume.spacingMm[row] ?? 0, volume.spacingMm[column] ?? 0],
    axes: { column, row, projection, flipColumn, flipRow },
  };
}

/** Where a patient point (LPS, mm) falls on the MIP: x (column) and y (row) in pixels, continuous. */
export function coronalMipPosition(
  volume: PlacedGrid,
  mip: CoronalMip,
  pointMm: Triple,
): { readonly x: number; readonly y: number } {
  const indexAlong = (axis: number): number => {
    const direction = volume.directions[axis] ?? [0, 0, 0];
    let dot = 0;
    for (let a = 0; a < 3; a++) dot += ((pointMm[a] ?? 0) - (volume.originMm[a] ?? 0)) * (direction[a] ?? 0);
    return dot / (volume.spacingMm[axis] ?? 1);
  };
  const column = indexAlong(mip.axes.column);
  const row = indexAlong(mip.axes.row);
  return {
    x: mip.axes.flipColumn ? mip.columns - 1 - column : column,
    y: mip.axes.flipRow ? mip.rows - 1 - row : row,
  };
}
