/**
 * Ridge-aware expected normal bone: where bones overlap in a planar projection their uptakes add, and the
 * overlap follows the narrower bone (a rib about 1 cm wide crossing the scapula, the clavicle crossing the
 * ribs, the bright rim of the calvarium seen edge-on). A region model with a reference that changes over
 * centimetres (normal-bone-model.ts) reads such a strip as focal uptake. This module estimates, at a pixel,
 * the level that linear structures through it would give there, from the smoothed image itself:
 *
 *   For each of `orientations` directions θ, m₀(θ) is the median of the smoothed counts along a segment of
 *   length `lineLengthMm` centred on the pixel, and m₊(θ), m₋(θ) the medians along the parallel segments
 *   `offsetMm` to either side. A ridge along θ (a bone narrower than 2 × offset running along θ) has
 *   m₀ above both sides: strength s(θ) = m₀ − max(m₊, m₋) ≥ 0, on a base b(θ) = max(m₊, m₋). The expected
 *   level is b(θ₁) + s(θ₁) + s(θ₂), θ₁ the strongest ridge and θ₂ the strongest at least 45° from it: two
 *   bones crossing add (the sum of two ridges), one bone on a plateau is its ridge over the plateau.
 *
 * Why a focal lesion survives: a disc of diameter D covers at most D / lineLength of any segment through it, so with segments longer than twice the largest lesion (8–40 mm
 * in breast-cancer bone scans, reference note §4.2) the medians ignore it, m₀ equals the sides and s(θ) ≈ 0 in every direction: the expected level
 * stays that of the bone under the lesion. The max in the base keeps a wide bone (spine, pelvis) from being
 * read as a ridge of its edge. This is a geometric design, not a fitted or published model; on real scans
 * it has the same effect on any linear structure (an elongated lesion along a bone is partly absorbed too).
 */

export interface RidgeReferenceOptions {
  /** Length of the sampling segments, mm (more than twice the largest focal lesion). */
  readonly lineLengthMm: number;
  /** Distance of the side segments from the centre one, mm (about the width of a rib plus the blur). */
  readonly offsetMm: number;
  /** Number of directions over 180°. */
  readonly orientations: number;
  /**
   * Half-length of the central part of each segment left out of its median, mm (0: none, the default; a
   * 15 mm gap let far more overlaps through on development phantoms: 23.8 false calls per study against 9.7).
   */
  readonly centralGapMm: number;
}

export const defaultRidgeReferenceOptions: RidgeReferenceOptions = {
  lineLengthMm: 90,
  offsetMm: 12,
  orientations: 12,
  centralGapMm: 0,
};

/**
 * Median of the first `count` values of `values` (reordered in place) by quickselect: linear time on average,
 * where a sort would cost count·log(count) for each of the 3 × `orientations` segments of every pixel.
 */
export function medianInPlace(values: Float32Array, count: number): number {
  if (count === 0) return 0;
  const middle = count >> 1;
  const upper = selectInPlace(values, count, middle);
  if (count % 2 === 1) return upper;
  // Even count: the lower middle value is the largest of the values left of `middle` after selection.
  let lower = -Infinity;
  for (let i = 0; i < middle; i++) lower = Math.max(lower, values[i] ?? -Infinity);
  return (lower + upper) / 2;
}

/** The k-th smallest (0-based) of the first `count` values; afterwards values[0..k) ≤ values[k] ≤ values(k..count). */
function selectInPlace(values: Float32Array, count: number, k: number): number {
  let left = 0;
  let right = count - 1;
  while (right > left) {
    // Median-of-three pivot keeps sorted runs (a segment along a smooth profile) from the quadratic case.
    const mid = (left + right) >> 1;
    const a = values[left] ?? 0;
    const b = values[mid] ?? 0;
    const c = values[right] ?? 0;
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
    let i = left;
    let j = right;
    while (i <= j) {
      while ((values[i] ?? 0) < pivot) i++;
      while ((values[j] ?? 0) > pivot) j--;
      if (i <= j) {
        const t = values[i] ?? 0;
        values[i] = values[j] ?? 0;
        values[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return values[k] ?? 0;
  }
  return values[k] ?? 0;
}

/**
 * Expected level (counts) from linear structures at each pixel of `pixels` (linear indices) of the smoothed
 * image `smoothed` (columns × rows, spacing [row, column] mm), in the order given.
 */
export function ridgeExpectedLevels(
  smoothed: Float32Array,
  columns: number,
  rows: number,
  pixelSpacingMm: readonly [number, number],
  pixels: ArrayLike<number>,
  options: RidgeReferenceOptions = defaultRidgeReferenceOptions,
): Float32Array {
  const [rowMm, columnMm] = pixelSpacingMm;
  const stepMm = Math.min(rowMm, columnMm);
  const half = Math.max(1, Math.round(options.lineLengthMm / 2 / stepMm));
  // Samples nearer the pixel than the gap are left out, so a focus at the pixel never lifts its own reference.
  const gap = Math.min(half, Math.round(options.centralGapMm / stepMm));
  const directions = Array.from({ length: options.orientations }, (_, k) => {
    const angle = (Math.PI * k) / options.orientations;
    // Unit step along the segment and unit normal, in pixels (column, row).
    return {
      angle,
      along: [(Math.cos(angle) * stepMm) / columnMm, (Math.sin(angle) * stepMm) / rowMm] as const,
      normal: [(-Math.sin(angle) * options.offsetMm) / columnMm, (Math.cos(angle) * options.offsetMm) / rowMm] as const,
    };
  });
  const scratch = new Float32Array(2 * half + 1);
  const lineMedian = (column: number, row: number, along: readonly [number, number]): number => {
    let n = 0;
    for (let t = -half; t <= half; t++) {
      if (Math.abs(t) < gap) continue;
      const c = Math.round(column + t * along[0]);
      const r = Math.round(row + t * along[1]);
      if (c < 0 || r < 0 || c >= columns || r >= rows) continue;
      scratch[n++] = smoothed[r * columns + c] ?? 0;
    }
    return medianInPlace(scratch, n);
  };
  const strength = new Float64Array(options.orientations);
  const base = new Float64Array(options.orientations);
  const out = new Float32Array(pixels.length);
  for (let k = 0; k < pixels.length; k++) {
    const index = pixels[k] ?? 0;
    const column = index % columns;
    const row = Math.floor(index / columns);
    let best = 0;
    directions.forEach((d, j) => {
      const centre = lineMedian(column, row, d.along);
      const plus = lineMedian(column + d.normal[0], row + d.normal[1], d.along);
      const minus = lineMedian(column - d.normal[0], row - d.normal[1], d.along);
      base[j] = Math.max(plus, minus);
      strength[j] = Math.max(0, centre - (base[j] ?? 0));
      if ((strength[j] ?? 0) > (strength[best] ?? 0)) best = j;
    });
    // The strongest ridge more than 45° away from the first one's lobe (the directions within 45° of the
    // first with at least half its strength): one wide bone seen obliquely is not two crossing bones.
    // Directions wrap over 180°.
    const apart = Math.ceil(options.orientations / 4);
    const steps = (a: number, b: number): number => {
      const d = Math.abs(a - b);
      return Math.min(d, options.orientations - d);
    };
    const firstStrength = strength[best] ?? 0;
    let second = 0;
    for (let j = 0; j < options.orientations; j++) {
      let farFromFirst = true;
      for (let i = 0; i < options.orientations && farFromFirst; i++) {
        const inLobe = steps(i, best) <= apart && (strength[i] ?? 0) >= 0.5 * firstStrength;
        if (inLobe && steps(j, i) <= apart) farFromFirst = false;
      }
      if (farFromFirst) second = Math.max(second, strength[j] ?? 0);
    }
    out[k] = (base[best] ?? 0) + (strength[best] ?? 0) + second;
  }
  return out;
}
