// The bone-scan phantom as packages/bonescan reads it, shared by the bone-scan benchmarks.

export function mirror(values, columns, rows, Type) {
  const out = new Type(values.length);
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++)
      out[row * columns + column] = values[row * columns + columns - 1 - column];
  }
  return out;
}

/** The phantom as readWholeBodyScan returns it: the posterior view mirrored to the patient's left on image right. */
export function scanOf(phantom) {
  const { columns, rows } = phantom;
  return {
    views: phantom.views.map((v) => ({
      view: v.view,
      counts:
        v.view === 'anterior'
          ? Float32Array.from(v.counts)
          : mirror(Float32Array.from(v.counts), columns, rows, Float32Array),
      columns,
      rows,
      pixelSpacingMm: [phantom.pixelSizeMm, phantom.pixelSizeMm],
      orientation: {
        headAtTop: true,
        patientLeftOn: 'image-right',
        mirroredLeftRight: v.view === 'posterior',
        flippedTopBottom: false,
        basis: 'convention',
      },
      sourceKind: 'nm',
      countsAreCalibrated: true,
      viewBasis: 'caller',
      source: `phantom seed ${phantom.options.seed}`,
    })),
    acquisition: {},
    warnings: [],
  };
}

/** A per-view phantom array (labels, expected counts) in the reading orientation, as a new array of `Type`. */
export function inReadingOrder(view, columns, rows, values, Type) {
  return view === 'anterior' ? Type.from(values) : mirror(Type.from(values), columns, rows, Type);
}

/** Whether any pixel of `pixels` (linear indices) lies within `radiusPx` of [column, row]. */
export function near(pixels, columns, [column, row], radiusPx) {
  const r2 = radiusPx * radiusPx;
  for (const index of pixels) {
    const dc = (index % columns) - column;
    const dr = Math.floor(index / columns) - row;
    if (dc * dc + dr * dr <= r2) return true;
  }
  return false;
}
