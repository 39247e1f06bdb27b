/**
 * Landmarks of the body and skeleton found in one whole-body view (orientation convention of
 * whole-body-scan.ts: head at row 0, patient's left at image right).
 *
 * Found from the image alone, in this order:
 * 1. body outline: pixels of the smoothed image above a fraction of the soft-tissue level;
 * 2. vertex (first body row) and soles (last body row): body height in the image;
 * 3. midline: the centre of the body outline in the trunk rows, refined on the spine ridge (the brightest
 *    column near the outline's centre), fitted as a line so that small in-plane rotations are followed;
 * 4. limbs: per row, the brightest column in the outer band of the body on each side (an arm's bone lies
 *    in the middle of the arm, and the arm is the outermost part of the body from shoulder to fingertips
 *    whether it lies at the side or apart), and per row the brightest column of each leg; each segment
 *    (humerus, forearm, hand, femur, tibia) is fitted as a robust line;
 * 5. head: the width of the skull (bone above a fraction of the head's level) above the neck.
 * 6. trunk anchors: the shoulder level (where the outline widens from the neck to the shoulders) and the
 *    knee level (the hot joint ends along both leg tracks), used to place the atlas between them.
 *
 * Vertical levels are fractions of body height measured from the vertex, from the segment proportions of
 * Drillis and Contini as tabulated by Winter (Biomechanics and Motor Control of Human Movement, 4th ed.,
 * 2009, Fig. 4.1; heights above the floor: chin 0.870 H, shoulder 0.818 H, elbow 0.630 H, wrist 0.485 H,
 * fingertip 0.377 H, hip 0.530 H, knee 0.285 H, ankle 0.039 H).
 */
import { fitLineRobust, quantile } from './segment-image-ops.js';

/** Levels below the vertex as fractions of body height (1 − Winter's height above the floor). */
export const bodyLevels = {
  chin: 1 - 0.87,
  shoulder: 1 - 0.818,
  elbow: 1 - 0.63,
  wrist: 1 - 0.485,
  fingertip: 1 - 0.377,
  hip: 1 - 0.53,
  knee: 1 - 0.285,
  ankle: 1 - 0.039,
} as const;

/** A straight segment in pixel coordinates: column = a + b·row, valid from `fromRow` to `toRow`. */
export interface TrackLine {
  readonly a: number;
  readonly b: number;
  readonly fromRow: number;
  readonly toRow: number;
}

export interface LimbTracks {
  readonly humerus: TrackLine;
  readonly forearm: TrackLine;
  readonly hand: TrackLine;
  readonly femur: TrackLine;
  readonly tibia: TrackLine;
}

export interface SkeletonLandmarks {
  readonly vertexRow: number;
  readonly soleRow: number;
  /** Vertex to soles along the image rows, mm (the body's height when the whole body is in the field). */
  readonly bodyHeightMm: number;
  /** Midline: column = a + b·row. */
  readonly midline: { readonly a: number; readonly b: number };
  /** In-plane rotation of the body from the midline's slope, degrees (positive: head towards image right). */
  readonly rotationDeg: number;
  /** Half width of the skull, mm. */
  readonly skullHalfWidthMm: number;
  /** Limb tracks per side of the patient. */
  readonly limbs: Readonly<Record<'left' | 'right', LimbTracks>>;
  /** Arm abduction per side, degrees from the vertical, from the humerus and forearm tracks. */
  readonly armAbductionDeg: Readonly<Record<'left' | 'right', number>>;
  /** Threshold of the body outline (smoothed counts). */
  readonly bodyThreshold: number;
  /**
   * Vertical anchors of the trunk found in this image, as fractions of body height below the vertex, each
   * paired with the fraction at which the same detector finds it on Winter's proportions (see
   * `trunkLevelReference`); the atlas is placed piecewise-linearly between them (`warpBodyLevel`).
   */
  readonly trunkLevels: readonly TrunkLevel[];
}

/** One vertical anchor: where the feature was found (`found`) and where the proportions put it (`reference`). */
export interface TrunkLevel {
  readonly name: 'shoulder' | 'knee';
  readonly found: number;
  readonly reference: number;
}

/**
 * Levels at which the detectors below find the shoulders and the knees on a body of Winter's proportions
 * (shoulder 0.182 H and knee 0.715 H below the vertex): the shoulder detector fires where the outline has
 * widened most of the way from the neck to the shoulders, a little above the acromion; the knee detector
 * on the hot ends of the femur and tibia around the joint line. Measured on the bone-scan phantom (seeds
 * 900–911, not those of the benchmark): shoulder 0.170–0.177, knee 0.715–0.719.
 */
export const trunkLevelReference = { shoulder: 0.173, knee: 0.716 } as const;

/** Largest shift of a detected anchor from its reference (fraction of H); a larger one is not trusted. */
const maximumLevelShift = 0.05;

/**
 * Smallest shift that is followed (fraction of H): below it the anchor is within the detectors' own scatter
 * (±0.004 H on the phantom, whose bones follow the proportions exactly) and the proportions are kept.
 */
const minimumLevelShift = 0.012;

/**
 * Maps a level of the proportions (fraction of H below the vertex) to this image's level: piecewise linear
 * through (0, 0), each anchor's (reference, found) and (1, 1), so that a patient whose trunk is short or
 * whose knees sit high for their height is followed between the vertex, the shoulders, the knees and the soles.
 */
export function warpBodyLevel(level: number, trunkLevels: readonly TrunkLevel[]): number {
  return bodyLevelWarp(trunkLevels)(level);
}

/** `warpBodyLevel` for one set of anchors, with its knots sorted once (for the many levels of an atlas fit). */
export function bodyLevelWarp(trunkLevels: readonly TrunkLevel[]): (level: number) => number {
  const knots: (readonly [number, number])[] = [
    [0, 0],
    ...trunkLevels.map((t) => [t.reference, t.found] as const),
    [1, 1],
  ];
  knots.sort((a, b) => a[0] - b[0]);
  return (level) => {
    for (let i = 0; i + 1 < knots.length; i++) {
      const [x0, y0] = knots[i] ?? [0, 0];
      const [x1, y1] = knots[i + 1] ?? [1, 1];
      if (level <= x1 || i + 2 === knots.length) return x1 === x0 ? y0 : y0 + ((level - x0) * (y1 - y0)) / (x1 - x0);
    }
    return level;
  };
}

export interface LandmarkInput {
  /** Smoothed image. */
  readonly smooth: Float32Array;
  readonly columns: number;
  readonly rows: number;
  readonly rowMm: number;
  readonly columnMm: number;
}

/** Finds the landmarks, or returns a reason when the image does not hold a whole body. */
export function findSkeletonLandmarks(input: LandmarkInput): SkeletonLandmarks | { readonly failure: string } {
  const { smooth, columns, rows, rowMm, columnMm } = input;
  const p995 = quantile(smooth, 0.995);
  if (!(p995 > 0)) return { failure: 'the image is empty' };
  const nonBackground: number[] = [];
  for (const value of smooth) if (value > 0.02 * p995) nonBackground.push(value);
  const softTissue = quantile(nonBackground, 0.5);
  const bodyThreshold = Math.max(0.3 * softTissue, 0.01 * p995);

  const left = new Int32Array(rows).fill(-1);
  const right = new Int32Array(rows).fill(-1);
  const minWidthPx = Math.max(3, Math.round(20 / columnMm));
  for (let row = 0; row < rows; row++) {
    let first = -1;
    let last = -1;
    for (let column = 0; column < columns; column++) {
      if ((smooth[row * columns + column] ?? 0) > bodyThreshold) {
        if (first < 0) first = column;
        last = column;
      }
    }
    if (first >= 0 && last - first + 1 >= minWidthPx) {
      left[row] = first;
      right[row] = last;
    }
  }
  let vertexRow = -1;
  let soleRow = -1;
  for (let row = 0; row < rows; row++) {
    if ((left[row] ?? -1) >= 0) {
      if (vertexRow < 0) vertexRow = row;
      soleRow = row;
    }
  }
  if (vertexRow < 0 || soleRow - vertexRow < 100) return { failure: 'no body outline taller than 100 rows was found' };
  const heightPx = soleRow - vertexRow;
  const bodyHeightMm = heightPx * rowMm;
  const rowAt = (level: number): number => Math.round(vertexRow + level * heightPx);
  const at = (row: number, column: number): number =>
    row < 0 || row >= rows || column < 0 || column >= columns ? 0 : (smooth[row * columns + column] ?? 0);
  const hPxColumns = bodyHeightMm / columnMm;

  // Midline: centre of the outline over the trunk, then the spine ridge near it.
  const trunkRows: number[] = [];
  const trunkCentres: number[] = [];
  for (let row = rowAt(0.2); row <= rowAt(0.44); row++) {
    if ((left[row] ?? -1) < 0) continue;
    trunkRows.push(row);
    trunkCentres.push(((left[row] ?? 0) + (right[row] ?? 0)) / 2);
  }
  const outlineLine = fitLineRobust(trunkRows, trunkCentres) ?? { a: columns / 2, b: 0 };
  const spineRows: number[] = [];
  const spineColumns: number[] = [];
  const spineReach = Math.round(0.035 * hPxColumns);
  for (let row = rowAt(0.13); row <= rowAt(0.44); row++) {
    const centre = Math.round(outlineLine.a + outlineLine.b * row);
    let best = centre;
    let bestValue = -1;
    for (let column = centre - spineReach; column <= centre + spineReach; column++) {
      const value = at(row, column);
      if (value > bestValue) {
        bestValue = value;
        best = column;
      }
    }
    spineRows.push(row);
    spineColumns.push(best);
  }
  const midline = fitLineRobust(spineRows, spineColumns) ?? outlineLine;
  const mid = (row: number): number => midline.a + midline.b * row;
  // A head turned towards image right puts the lower rows further left: negative slope.
  const rotationDeg = (-Math.atan((midline.b * columnMm) / rowMm) * 180) / Math.PI;

  // Skull width: bone of the head above a third of the head's 90th percentile, between the vertex and the chin.
  const headValues: number[] = [];
  for (let row = vertexRow; row <= rowAt(bodyLevels.chin); row++) {
    for (let column = left[row] ?? 0; column <= (right[row] ?? -1); column++) headValues.push(at(row, column));
  }
  const headBone = 0.35 * quantile(headValues, 0.9);
  let skullHalfWidthPx = 0;
  for (let row = vertexRow; row <= rowAt(0.1); row++) {
    let first = -1;
    let last = -1;
    const centre = Math.round(mid(row));
    const reach = Math.round(0.07 * hPxColumns);
    for (let column = centre - reach; column <= centre + reach; column++) {
      if (at(row, column) > headBone) {
        if (first < 0) first = column;
        last = column;
      }
    }
    if (first >= 0) skullHalfWidthPx = Math.max(skullHalfWidthPx, (last - first + 1) / 2);
  }
  const skullHalfWidthMm = Math.min(0.06, Math.max(0.035, (skullHalfWidthPx * columnMm) / bodyHeightMm)) * bodyHeightMm;

  // Limbs.
  const limb = (side: 'left' | 'right'): LimbTracks => {
    const sign = side === 'left' ? 1 : -1;
    const armBandPx = Math.round(60 / columnMm);
    // Rows where the outline reaches the image border are skipped (an arm apart may leave a narrow field);
    // a segment with too few rows inside the field continues the segment above it.
    const armTrack = (fromLevel: number, toLevel: number, above?: TrackLine): TrackLine => {
      const trackRows: number[] = [];
      const trackColumns: number[] = [];
      const from = rowAt(fromLevel);
      const to = rowAt(toLevel);
      for (let row = from; row <= to; row++) {
        const edge = side === 'left' ? (right[row] ?? -1) : (left[row] ?? -1);
        if (edge <= 1 || edge >= columns - 2) continue;
        let best = -1;
        let bestValue = -1;
        for (let k = 0; k <= armBandPx; k++) {
          const column = edge - sign * k;
          const value = at(row, column);
          if (value > bestValue) {
            bestValue = value;
            best = column;
          }
        }
        trackRows.push(row);
        trackColumns.push(best);
      }
      const minimumRows = Math.max(5, 0.3 * (to - from));
      const line =
        (trackRows.length >= minimumRows ? fitLineRobust(trackRows, trackColumns) : undefined) ??
        (above === undefined ? { a: mid(from) + sign * 0.12 * hPxColumns, b: 0 } : { a: above.a, b: above.b });
      return { ...line, fromRow: from, toRow: to };
    };
    const legTrack = (fromLevel: number, toLevel: number, extendFrom: number, extendTo: number): TrackLine => {
      const trackRows: number[] = [];
      const trackColumns: number[] = [];
      const inner = Math.round(0.012 * hPxColumns);
      const outer = Math.round(0.095 * hPxColumns);
      for (let row = rowAt(fromLevel); row <= rowAt(toLevel); row++) {
        // The legs are searched either side of the outline's centre at that row, not of the trunk's midline:
        // a body bent slightly at the hips would carry the extrapolated midline off the legs.
        const centre = (left[row] ?? -1) >= 0 ? ((left[row] ?? 0) + (right[row] ?? 0)) / 2 : mid(row);
        let best = -1;
        let bestValue = -1;
        for (let k = inner; k <= outer; k++) {
          const column = Math.round(centre + sign * k);
          const value = at(row, column);
          if (value > bestValue) {
            bestValue = value;
            best = column;
          }
        }
        trackRows.push(row);
        trackColumns.push(best);
      }
      const line = fitLineRobust(trackRows, trackColumns) ?? {
        a: midline.a + sign * 0.05 * hPxColumns,
        b: midline.b,
      };
      return { ...line, fromRow: rowAt(extendFrom), toRow: rowAt(extendTo) };
    };
    const humerus = armTrack(bodyLevels.shoulder + 0.03, bodyLevels.elbow);
    const forearm = armTrack(bodyLevels.elbow, bodyLevels.wrist, humerus);
    // The hand continues the forearm: a hand track starting more than 25 mm away from the wrist followed
    // another structure (a thigh beside the hand), and the forearm's line is used instead.
    const handTrack = armTrack(bodyLevels.wrist, bodyLevels.fingertip - 0.01, forearm);
    const wristRow = rowAt(bodyLevels.wrist);
    const jumpMm = Math.abs(handTrack.a + handTrack.b * wristRow - (forearm.a + forearm.b * wristRow)) * columnMm;
    const hand = jumpMm > 25 ? { ...handTrack, a: forearm.a, b: forearm.b } : handTrack;
    return {
      humerus,
      forearm,
      hand,
      femur: legTrack(0.55, 0.69, 0.495, bodyLevels.knee),
      tibia: legTrack(0.74, 0.93, bodyLevels.knee, bodyLevels.ankle),
    };
  };
  const limbs = { left: limb('left'), right: limb('right') };
  const abduction = (side: 'left' | 'right'): number => {
    const track = limbs[side].humerus;
    const forearm = limbs[side].forearm;
    const top = track.a + track.b * track.fromRow;
    const bottom = forearm.a + forearm.b * forearm.toRow;
    const sign = side === 'left' ? 1 : -1;
    const dxMm = sign * (bottom - top) * columnMm - sign * (mid(forearm.toRow) - mid(track.fromRow)) * columnMm;
    const dyMm = (forearm.toRow - track.fromRow) * rowMm;
    return (Math.atan2(dxMm, dyMm) * 180) / Math.PI;
  };
  // Shoulders: the first row below the chin where the outline has covered 70 % of the way from the neck's
  // width to the shoulders' width.
  const widthAt = (row: number): number => ((left[row] ?? -1) < 0 ? 0 : (right[row] ?? 0) - (left[row] ?? 0) + 1);
  let neckWidth = Number.POSITIVE_INFINITY;
  for (let row = rowAt(0.1); row <= rowAt(0.16); row++) neckWidth = Math.min(neckWidth, widthAt(row));
  let shoulderWidth = 0;
  for (let row = rowAt(0.13); row <= rowAt(0.25); row++) shoulderWidth = Math.max(shoulderWidth, widthAt(row));
  let shoulderRow = -1;
  let neckSeen = false;
  for (let row = rowAt(0.1); row <= rowAt(0.25); row++) {
    const width = widthAt(row);
    if (width <= neckWidth + 0.2 * (shoulderWidth - neckWidth)) neckSeen = true;
    else if (neckSeen && width >= neckWidth + 0.7 * (shoulderWidth - neckWidth)) {
      shoulderRow = row;
      break;
    }
  }
  // Knees: the brightest level of the legs (femoral condyles, patella and tibial plateau) along both leg
  // tracks, trusted only when it stands out from the shafts above and below.
  const kneeProfile: number[] = [];
  const kneeFrom = rowAt(bodyLevels.knee - 0.08);
  const kneeTo = rowAt(bodyLevels.knee + 0.08);
  const legReach = Math.max(1, Math.round(0.012 * hPxColumns));
  for (let row = kneeFrom; row <= kneeTo; row++) {
    let sum = 0;
    for (const side of ['left', 'right'] as const) {
      const track = row < rowAt(bodyLevels.knee) ? limbs[side].femur : limbs[side].tibia;
      const centre = Math.round(track.a + track.b * row);
      let best = 0;
      for (let column = centre - legReach; column <= centre + legReach; column++)
        best = Math.max(best, at(row, column));
      sum += best;
    }
    kneeProfile.push(sum);
  }
  let kneeIndex = -1;
  let kneePeak = 0;
  kneeProfile.forEach((value, i) => {
    if (value > kneePeak) {
      kneePeak = value;
      kneeIndex = i;
    }
  });
  const kneeStandsOut = kneeIndex >= 0 && kneePeak >= 1.3 * quantile(kneeProfile, 0.5);
  const trunkLevels: TrunkLevel[] = [];
  const anchor = (name: TrunkLevel['name'], row: number, trusted: boolean): void => {
    const reference = trunkLevelReference[name];
    const found = (row - vertexRow) / heightPx;
    const shift = Math.abs(found - reference);
    if (trusted && shift >= minimumLevelShift && shift <= maximumLevelShift)
      trunkLevels.push({ name, found, reference });
  };
  anchor('shoulder', shoulderRow, shoulderRow >= 0);
  anchor('knee', kneeFrom + kneeIndex, kneeStandsOut);
  return {
    vertexRow,
    soleRow,
    bodyHeightMm,
    midline,
    rotationDeg,
    skullHalfWidthMm,
    limbs,
    armAbductionDeg: { left: abduction('left'), right: abduction('right') },
    bodyThreshold,
    trunkLevels,
  };
}
