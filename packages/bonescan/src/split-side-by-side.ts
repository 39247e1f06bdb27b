/**
 * Whether a captured whole-body image holds one view or two views side by side, and where to split.
 *
 * Method: a single whole-body view is about four times taller than wide (256×1024 at about 2.2 mm over
 * about 2 m of table travel, EANM 2016); an image narrower than 0.4 × its height is taken as one view. A
 * wider image is split at the emptiest column of the central 30–70 % (column sums smoothed over 5 columns)
 * when that valley holds at most 5 % of the fullest column and each side holds at least 20 % of the total;
 * otherwise it is one view. The result is marked unsure when the valley is above 1 % of the fullest column
 * or one side holds more than twice the other.
 */

export interface SideBySideLayout {
  readonly layout: 'single' | 'side-by-side';
  /** First column of the right-hand view (side-by-side only). */
  readonly splitColumn?: number;
  /** False when the evidence is weak; the reason says why. */
  readonly confident: boolean;
  readonly reason: string;
}

export function detectSideBySide(values: Float32Array, rows: number, columns: number): SideBySideLayout {
  if (columns < 0.4 * rows) {
    return {
      layout: 'single',
      confident: true,
      reason: `${columns}×${rows} is one view's aspect (narrower than 0.4 × height)`,
    };
  }
  const profile = new Float64Array(columns);
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++)
      profile[column] = (profile[column] ?? 0) + (values[row * columns + column] ?? 0);
  }
  const smoothed = profile.map((_, column) => {
    let sum = 0;
    let n = 0;
    for (let c = Math.max(0, column - 2); c <= Math.min(columns - 1, column + 2); c++) {
      sum += profile[c] ?? 0;
      n++;
    }
    return sum / n;
  });
  const peak = Math.max(...smoothed);
  let valleyColumn = Math.floor(columns / 2);
  for (let column = Math.floor(0.3 * columns); column <= Math.ceil(0.7 * columns); column++) {
    if ((smoothed[column] ?? Infinity) < (smoothed[valleyColumn] ?? Infinity)) valleyColumn = column;
  }
  const total = profile.reduce((a, b) => a + b, 0);
  const left = profile.subarray(0, valleyColumn).reduce((a, b) => a + b, 0);
  const right = total - left;
  const valleyFraction = peak > 0 ? (smoothed[valleyColumn] ?? 0) / peak : 1;
  const balanced = total > 0 && Math.min(left, right) >= 0.2 * total;
  if (valleyFraction > 0.05 || !balanced) {
    return {
      layout: 'single',
      confident: false,
      reason: `wide image (${columns}×${rows}) without an empty central gap between two bodies (valley ${(100 * valleyFraction).toFixed(1)} % of the fullest column): read as one view`,
    };
  }
  const confident = valleyFraction <= 0.01 && Math.max(left, right) <= 2 * Math.min(left, right);
  return {
    layout: 'side-by-side',
    splitColumn: valleyColumn,
    confident,
    reason: `two views split at column ${valleyColumn} (valley ${(100 * valleyFraction).toFixed(1)} % of the fullest column, sides ${((100 * left) / total).toFixed(0)} % / ${((100 * right) / total).toFixed(0)} % of the total)`,
  };
}

/** Columns [from, to) of a row-major image as a new image. */
export function cropColumns(
  values: Float32Array,
  rows: number,
  columns: number,
  from: number,
  to: number,
): Float32Array {
  const width = to - from;
  const out = new Float32Array(rows * width);
  for (let row = 0; row < rows; row++) out.set(values.subarray(row * columns + from, row * columns + to), row * width);
  return out;
}
