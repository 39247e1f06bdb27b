/**
 * Skeleton regions of a whole-body bone scan: a label map per view with the labels of skeleton-parts.ts
 * (0 = not skeleton).
 *
 * Method:
 * 1. Landmarks (skeleton-landmarks.ts) on each view smoothed with a Gaussian of σ 8 mm: body outline,
 *    vertex, soles, tilted midline on the spine ridge, skull width, the tracks of the arm and leg bones, and
 *    the shoulder and knee levels that anchor the proportions vertically.
 * 2. Structures found in the image, each on the view that shows it best and carried to the other view when
 *    both share one grid (the two heads of a whole-body acquisition image the same rows):
 *    - on the posterior view (nearer the back): the vertebral column (spine-column.ts: centre line, width,
 *      the 24 vertebral bodies between the intervertebral dips), the scapulae (scapula-outline.ts) and
 *      the iliac wings (iliac-wings.ts), the flat bones fitted by the contrast of their edges;
 *    - on the anterior view: the clavicles (clavicle-track.ts), ridges from the sternal notch to the shoulders.
 * 3. Atlas fit (atlas-skeleton.ts) for the rest: trunk bones placed in normalised body coordinates between
 *    the vertical anchors and sheared along the midline (small rotations); limb bones placed along the limb
 *    tracks (piecewise-linear, one segment per long bone), so that arms at the sides or apart and legs
 *    apart or together are followed. The found structures replace their atlas shapes.
 * 4. Bone masks: the vertebrae, skull, sacrum, scapulae, clavicles and iliac wings are kept whole (found
 *    outlines, or plates and shells whose projection fills them unevenly); the ribs are the pixels of the
 *    rib cage that stand above their surroundings (σ 4 mm against σ 8 mm, `ridgeRatio`) on either view (the posterior arcs
 *    are seen on the posterior view, the anterior arcs on the anterior view); the lower pelvis keeps its
 *    ridges (the rami around the obturator foramen) and its bright pixels; every other part keeps the
 *    pixels of the σ 4 mm image reaching `boneFraction` of its normal-bone level (the 90th percentile of
 *    its pixels). A disc space that does not dip is labelled with its nearer vertebra (fillDiscSpaces).
 * 5. Bladder: the urinary bladder is the hottest structure of a normal bone scan and projects onto the
 *    pubic bones, the lower sacrum and (when the atlas sits low) the lumbar spine. A blob in the low pelvis
 *    near the midline whose peak reaches `bladderPeakRatio` times the bone level of the view is grown from
 *    its peak down to `bladderEdgeFraction` of the peak (its half-maximum edge) and returned as `bladder`;
 *    its pixels are left out of the normal-bone level of every part and out of every label except the
 *    sacrum's (the bladder is urine, not bone; the EANM bone scintigraphy guideline, Van den Wyngaert et al.,
 *    Eur J Nucl Med Mol Imaging 2016;43:1723–38, lists it among the normal findings to recognise). The
 *    sacrum lies straight behind the bladder in both projections, so the pixels where they overlap are kept
 *    as sacrum (its bone is there) and flagged by `bladder`: a finding there must be read with the mask.
 *    A focus as hot as the bladder and touching it is taken in with it.
 * 6. Fit quality: the share of the view's bone signal (pixels at ≥ half the median part level) that the
 *    labels cover, and anatomical plausibility checks; a warning when the fit is doubtful.
 *
 * Label priority where bones overlap in projection is that of skeleton-parts.ts (the sternum over the
 * spine in the anterior view, the spine over the sternum in the posterior view).
 */
import { BonemetError } from '@bonemet/core';
import {
  iliacWingShapeCount,
  placeSkeletonAtlas,
  rasteriseAtlas,
  type PixelGeometry,
  type PlacedAtlasPart,
} from './atlas-skeleton.js';
import { findClavicles, type CapsulePoint } from './clavicle-track.js';
import { quantile, smoothImage } from './segment-image-ops.js';
import { findSkeletonLandmarks, warpBodyLevel, type SkeletonLandmarks } from './skeleton-landmarks.js';
import { boneScanPart, boneScanPartOfLabel, boneScanParts } from './skeleton-parts.js';
import { findIliacWings } from './iliac-wings.js';
import type { PixelPolygon } from './outline-edge-contrast.js';
import { findScapulae } from './scapula-outline.js';
import { findSpineColumn, visitDiscSpace, visitVertebra, type SpineColumn } from './spine-column.js';
import type { ViewName, WholeBodyScan, WholeBodyView } from './whole-body-scan.js';

/** Fraction of a part's normal-bone level at which a pixel counts as bone (about the half-maximum edge of a blurred bone). */
export const boneFraction = 0.4;

/**
 * A pixel is on a ridge (a thin bone such as a rib or a pubic ramus) when its σ 4 mm value exceeds this
 * fraction of its σ 8 mm value: a little below 1 so that the blurred flanks of a rib are taken with it
 * (development phantoms, seeds 70000–70015: rib Dice 0.850 at 1, 0.855 at 0.96–0.98, 0.839 at 1.02).
 */
export const ridgeRatio = 0.97;

/** A disc-space pixel at least this fraction of the neighbouring bodies' level is bone (fillDiscSpaces). */
export const discFillFraction = 0.95;

/** Fraction of the pelvis's level above which a pixel of the lower pelvis that is not a ridge counts as bone. */
export const lowerPelvisFraction = 0.5;

/** A low-pelvic blob is the bladder when its peak reaches this multiple of the view's bone level (90th percentile of the atlas pixels). */
export const bladderPeakRatio = 2.5;

/** The bladder's extent: pixels connected to its peak down to this fraction of the peak (blurred edge). */
export const bladderEdgeFraction = 0.5;

/** Coverage of the bone signal below which the fit is reported as doubtful. */
export const minimumBoneCoverage = 0.8;

export interface ViewSegmentation {
  readonly view: ViewName;
  readonly columns: number;
  readonly rows: number;
  /** Part label per pixel (skeleton-parts.ts), the view's stored orientation after reading. */
  readonly labels: Uint8Array;
  /** 1 where the urinary bladder's blob was found (method step 4), else 0. */
  readonly bladder: Uint8Array;
  /** The fitted atlas before the bone mask (every part's whole outline). */
  readonly atlasLabels: Uint8Array;
  readonly landmarks: SkeletonLandmarks;
  /** The vertebral column: centre line and vertebral bodies (spine-column.ts). */
  readonly spine: SpineColumn;
  /** Outlines of the scapulae (scapula-outline.ts), pixels of this view. */
  readonly scapulae: Readonly<Record<'left' | 'right', PixelPolygon>>;
  /** Normal-bone level of each part present (smoothed counts, 90th percentile within the part's atlas outline). */
  readonly normalBoneLevelByPart: Readonly<Record<string, number>>;
  /** Share (0–1) of the view's bone signal covered by the labels. */
  readonly boneCoverage: number;
  /** Share (0–1) of labelled pixels that lie on bone signal. */
  readonly labelsOnBone: number;
  /** True when the fit is doubtful (see `warnings`). */
  readonly doubtful: boolean;
  readonly warnings: readonly string[];
}

export interface SkeletonSegmentation {
  readonly views: readonly ViewSegmentation[];
  /** True when any view's fit is doubtful. */
  readonly doubtful: boolean;
  readonly warnings: readonly string[];
  /** Time spent in each stage, ms, summed over the views (for benchmarks; not part of the result's meaning). */
  readonly timingsMs: SegmentationTimings;
}

export interface SegmentationTimings {
  /** Smoothing, body landmarks and ridge map of each view. */
  readonly landmarks: number;
  /** Spine, scapulae, iliac wings and clavicles found in the image. */
  readonly structures: number;
  /** Atlas placement, bladder, bone masks and fit quality. */
  readonly labelling: number;
}

function validateView(view: WholeBodyView, index: number): void {
  const path = ['views', index];
  const fail = (message: string, hint: string): never => {
    throw new BonemetError('invalid_input', `${view.view} view: ${message}`, { issues: [{ path, message, hint }] });
  };
  if (!Number.isInteger(view.rows) || !Number.isInteger(view.columns) || view.rows < 128 || view.columns < 64) {
    fail(
      `${view.columns} × ${view.rows} pixels is too small for a whole-body view`,
      'pass a whole-body view (e.g. 256 × 1024)',
    );
  }
  if (view.counts.length !== view.rows * view.columns) {
    fail(
      `${view.counts.length} pixel values for ${view.columns} × ${view.rows}`,
      'the counts must hold rows × columns values',
    );
  }
  const [rowMm, columnMm] = view.pixelSpacingMm;
  if (!(rowMm > 0 && columnMm > 0 && rowMm < 20 && columnMm < 20)) {
    fail(
      `pixel spacing ${rowMm} × ${columnMm} mm is not usable`,
      'a whole-body view needs a pixel spacing of about 1–5 mm',
    );
  }
}

/** Mask (1 = bladder) of the urinary bladder's blob in the low pelvis, empty when none is found (method step 4). */
function findBladder(
  fine: Float32Array,
  atlasLabels: Uint8Array,
  landmarks: SkeletonLandmarks,
  geometry: PixelGeometry,
): Uint8Array {
  const { columns, rows, rowMm, columnMm } = geometry;
  const mask = new Uint8Array(columns * rows);
  const atlasValues: number[] = [];
  // Every fourth atlas pixel is enough for a 90th percentile and keeps the sort short.
  for (let i = 0; i < atlasLabels.length; i += 4) if ((atlasLabels[i] ?? 0) !== 0) atlasValues.push(fine[i] ?? 0);
  const boneLevel = quantile(atlasValues, 0.9);
  if (!(boneLevel > 0)) return mask;
  const heightPx = landmarks.soleRow - landmarks.vertexRow;
  const rowOf = (v: number): number =>
    Math.round(landmarks.vertexRow + warpBodyLevel(v, landmarks.trunkLevels) * heightPx);
  // Search box: from the iliac crests to below the pubic symphysis, 0.05 H either side of the midline.
  const fromRow = Math.max(0, rowOf(0.44));
  const toRow = Math.min(rows - 1, rowOf(0.56));
  const reach = (0.05 * landmarks.bodyHeightMm) / columnMm;
  const mid = (row: number): number => landmarks.midline.a + landmarks.midline.b * row;
  let peak = 0;
  let peakIndex = -1;
  for (let row = fromRow; row <= toRow; row++) {
    for (
      let column = Math.max(0, Math.round(mid(row) - reach));
      column <= Math.min(columns - 1, Math.round(mid(row) + reach));
      column++
    ) {
      const value = fine[row * columns + column] ?? 0;
      if (value > peak) {
        peak = value;
        peakIndex = row * columns + column;
      }
    }
  }
  if (peakIndex < 0 || peak < bladderPeakRatio * boneLevel) return mask;
  // Grow from the peak within a box of 0.1 H around it (a bladder is at most about 12 cm across).
  const peakRow = Math.floor(peakIndex / columns);
  const peakColumn = peakIndex % columns;
  const boxRows = (0.1 * landmarks.bodyHeightMm) / rowMm;
  const boxColumns = (0.1 * landmarks.bodyHeightMm) / columnMm;
  const edge = bladderEdgeFraction * peak;
  const stack = [peakIndex];
  mask[peakIndex] = 1;
  while (stack.length > 0) {
    const index = stack.pop() ?? 0;
    const row = Math.floor(index / columns);
    const column = index % columns;
    for (const [dr, dc] of [
      [1, 0],
      [-1, 0],
      [0, 1],
      [0, -1],
    ] as const) {
      const r = row + dr;
      const c = column + dc;
      if (r < 0 || r >= rows || c < 0 || c >= columns) continue;
      if (Math.abs(r - peakRow) > boxRows || Math.abs(c - peakColumn) > boxColumns) continue;
      const next = r * columns + c;
      if (mask[next] === 1 || (fine[next] ?? 0) < edge) continue;
      mask[next] = 1;
      stack.push(next);
    }
  }
  return mask;
}

const spineParts: ReadonlySet<string> = new Set(['cervical_spine', 'thoracic_spine', 'lumbar_spine']);

/**
 * Draws the vertebral bodies found in the image over the atlas labels: over every part in the posterior
 * view, under the sternum in the anterior view (the label order of skeleton-parts.ts).
 */
function drawVertebrae(
  labels: Uint8Array,
  spine: SpineColumn,
  geometry: PixelGeometry,
  view: ViewName,
  exclude?: Uint8Array,
): void {
  const sternum = boneScanPart('sternum').label;
  for (const vertebra of spine.vertebrae) {
    const label = boneScanPart(vertebra.part).label;
    visitVertebra(vertebra, geometry, (index) => {
      if ((view === 'anterior' && labels[index] === sternum) || exclude?.[index] === 1) return;
      labels[index] = label;
    });
  }
}

function union(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = (a[i] ?? 0) | (b[i] ?? 0);
  return out;
}

/**
 * A disc space that does not dip is bone in the image: the endplates, an osteophyte or a lesion bridging
 * the disc (degenerative uptake sits at the endplates and facets), so that a focus there falls in the spine
 * and not between its labels. Its pixels brighter than `discFillFraction` of the dimmer of the two
 * neighbouring bodies' centres take the nearer vertebra's label.
 */
function fillDiscSpaces(
  labels: Uint8Array,
  spine: SpineColumn,
  geometry: PixelGeometry,
  view: ViewName,
  fine: Float32Array,
  exclude: Uint8Array,
): void {
  const sternum = boneScanPart('sternum').label;
  const valueAt = (row: number, column: number): number =>
    fine[Math.round(row) * geometry.columns + Math.round(column)] ?? 0;
  for (let k = 0; k + 1 < spine.vertebrae.length; k++) {
    const upper = spine.vertebrae[k];
    const lower = spine.vertebrae[k + 1];
    if (upper === undefined || lower === undefined) continue;
    const reference = Math.min(valueAt(upper.row, upper.column), valueAt(lower.row, lower.column));
    visitDiscSpace(upper, lower, geometry, (index, nearer) => {
      if ((view === 'anterior' && labels[index] === sternum) || exclude[index] === 1) return;
      if ((fine[index] ?? 0) >= discFillFraction * reference) labels[index] = boneScanPart(nearer.part).label;
    });
  }
}

/** Structures found on the posterior view and carried to the anterior view (same grid, same rows). */
interface SharedStructures {
  readonly spine: SpineColumn;
  readonly scapulae: Readonly<Record<'left' | 'right', PixelPolygon>>;
  readonly clavicles: Readonly<Record<'left' | 'right', readonly CapsulePoint[]>>;
  readonly iliacWings: Readonly<Record<'left' | 'right', PixelPolygon>>;
}

/** A view with its smoothed images and landmarks, before labelling. */
interface PreparedView {
  readonly view: WholeBodyView;
  readonly geometry: PixelGeometry;
  /** Smoothed with σ 4 mm and σ 8 mm. */
  readonly fine: Float32Array;
  readonly coarse: Float32Array;
  readonly landmarks: SkeletonLandmarks;
  /** 1 where the image stands above its surroundings (σ 4 mm against σ 8 mm smoothing, `ridgeRatio`): a thin bone. */
  readonly ridges: Uint8Array;
}

function prepareView(view: WholeBodyView, index: number): PreparedView {
  validateView(view, index);
  const { columns, rows } = view;
  const [rowMm, columnMm] = view.pixelSpacingMm;
  const geometry: PixelGeometry = { columns, rows, rowMm, columnMm };
  const coarse = smoothImage(view.counts, columns, rows, [rowMm, columnMm], 8);
  const fine = smoothImage(view.counts, columns, rows, [rowMm, columnMm], 4);
  const landmarks = findSkeletonLandmarks({ smooth: coarse, columns, rows, rowMm, columnMm });
  if ('failure' in landmarks) {
    throw new BonemetError('invalid_input', `${view.view} view: no whole body found: ${landmarks.failure}`, {
      issues: [
        {
          path: ['views', index],
          message: landmarks.failure,
          hint: 'segmentation needs a whole-body view with the body from vertex to feet in the field',
        },
      ],
    });
  }
  const ridges = new Uint8Array(fine.length);
  for (let i = 0; i < fine.length; i++) ridges[i] = (fine[i] ?? 0) > ridgeRatio * (coarse[i] ?? 0) ? 1 : 0;
  return { view, geometry, fine, coarse, landmarks, ridges };
}

function sameGrid(a: WholeBodyView, b: WholeBodyView): boolean {
  return (
    a.columns === b.columns &&
    a.rows === b.rows &&
    a.pixelSpacingMm[0] === b.pixelSpacingMm[0] &&
    a.pixelSpacingMm[1] === b.pixelSpacingMm[1]
  );
}

function backStructuresOf(prepared: PreparedView): Pick<SharedStructures, 'spine' | 'scapulae' | 'iliacWings'> {
  const { view, fine, geometry, landmarks } = prepared;
  const { columns, rows, rowMm, columnMm } = geometry;
  return {
    spine: findSpineColumn({ counts: view.counts, fine, columns, rows, rowMm, columnMm, landmarks }),
    scapulae: findScapulae(fine, geometry, landmarks),
    iliacWings: findIliacWings(fine, geometry, landmarks),
  };
}

function segmentView(prepared: PreparedView, structures: SharedStructures, ridges: Uint8Array): ViewSegmentation {
  const { view, geometry, fine, landmarks } = prepared;
  const { columns, rows } = geometry;
  const { spine, scapulae, clavicles, iliacWings } = structures;
  const atlas = placeSkeletonAtlas(landmarks, geometry, view.view)
    .filter((part) => !spineParts.has(part.part))
    .map((part): PlacedAtlasPart => {
      if (part.part === 'scapula_left' || part.part === 'scapula_right') {
        const points = scapulae[part.part === 'scapula_left' ? 'left' : 'right'];
        return { part: part.part, shapes: [{ kind: 'polygon', points }] };
      }
      if (part.part === 'clavicle_left' || part.part === 'clavicle_right') {
        const points = clavicles[part.part === 'clavicle_left' ? 'left' : 'right'];
        return { part: part.part, shapes: [{ kind: 'capsules', points }] };
      }
      if (part.part === 'pelvis') {
        const lowerPelvis = part.shapes.slice(0, part.shapes.length - iliacWingShapeCount);
        const wings = [iliacWings.right, iliacWings.left].map((points) => ({ kind: 'polygon' as const, points }));
        return { part: part.part, shapes: [...lowerPelvis, ...wings] };
      }
      return part;
    });
  // The iliac wings found in the image are kept whole: a plate whose projection is evenly lit.
  const wingMask = rasteriseAtlas(
    [
      {
        part: 'pelvis',
        shapes: [iliacWings.right, iliacWings.left].map((points) => ({ kind: 'polygon' as const, points })),
      },
    ],
    geometry,
  );
  const atlasLabels = rasteriseAtlas(atlas, geometry);
  drawVertebrae(atlasLabels, spine, geometry, view.view);

  const bladder = findBladder(fine, atlasLabels, landmarks, geometry);
  const valuesByLabel = new Map<number, number[]>();
  atlasLabels.forEach((label, i) => {
    if (label === 0 || bladder[i] === 1) return;
    const list = valuesByLabel.get(label);
    const value = fine[i] ?? 0;
    if (list === undefined) valuesByLabel.set(label, [value]);
    else list.push(value);
  });
  const levelByLabel = new Map<number, number>();
  const normalBoneLevelByPart: Record<string, number> = {};
  for (const [label, values] of valuesByLabel) {
    const level = quantile(values, 0.9);
    levelByLabel.set(label, level);
    const part = boneScanPartOfLabel(label);
    if (part !== undefined) normalBoneLevelByPart[part.id] = level;
  }
  const wholeLabels = new Set(
    boneScanParts
      .filter(
        (p) =>
          p.id === 'skull' ||
          p.id === 'sacrum' ||
          p.bsiRegion === 'scapula' ||
          p.bsiRegion === 'clavicle' ||
          spineParts.has(p.id) ||
          (p.id === 'sternum' && view.view === 'posterior'),
      )
      .map((p) => p.label),
  );
  const sacrumLabel = boneScanPart('sacrum').label;
  const ribsLabel = boneScanPart('ribs').label;
  const pelvisLabel = boneScanPart('pelvis').label;
  const labels = new Uint8Array(atlasLabels.length);
  atlasLabels.forEach((label, i) => {
    if (label === 0 || (bladder[i] === 1 && label !== sacrumLabel)) return;
    if (label === pelvisLabel && wingMask[i] !== 0) {
      labels[i] = label;
    } else if (label === pelvisLabel) {
      // The pubic and ischial rami are rods around the obturator foramen: a ridge, or bright.
      if (ridges[i] === 1 || (fine[i] ?? 0) >= lowerPelvisFraction * (levelByLabel.get(label) ?? 0)) labels[i] = label;
    } else if (label === ribsLabel) {
      if (ridges[i] === 1) labels[i] = label;
    } else if (wholeLabels.has(label) || (fine[i] ?? 0) >= boneFraction * (levelByLabel.get(label) ?? 0)) {
      labels[i] = label;
    }
  });
  // A vertebra seen through a sternum pixel that is not bone keeps its own label.
  drawVertebrae(labels, spine, geometry, view.view, bladder);
  fillDiscSpaces(labels, spine, geometry, view.view, fine, bladder);

  // Fit quality.
  const medianLevel = quantile([...levelByLabel.values()], 0.5);
  const boneSignal = 0.5 * medianLevel;
  let bonePixels = 0;
  let coveredBone = 0;
  let labelled = 0;
  let labelledOnBone = 0;
  for (let i = 0; i < labels.length; i++) {
    const onBone = (fine[i] ?? 0) >= boneSignal;
    const inLabel = (labels[i] ?? 0) !== 0;
    if (onBone) bonePixels++;
    if (onBone && inLabel) coveredBone++;
    if (inLabel) labelled++;
    if (inLabel && onBone) labelledOnBone++;
  }
  const boneCoverage = bonePixels === 0 ? 0 : coveredBone / bonePixels;
  const labelsOnBone = labelled === 0 ? 0 : labelledOnBone / labelled;
  const warnings: string[] = [];
  if (boneCoverage < minimumBoneCoverage) {
    warnings.push(
      `${view.view}: the fitted skeleton covers ${(100 * boneCoverage).toFixed(0)} % of the bone signal (expected ≥ ${100 * minimumBoneCoverage} %): check the regions (unusual posture, truncated field, or much uptake outside bone)`,
    );
  }
  const heightCm = landmarks.bodyHeightMm / 10;
  if (heightCm < 130 || heightCm > 215) {
    warnings.push(
      `${view.view}: vertex-to-sole distance ${heightCm.toFixed(0)} cm is outside 130–215 cm: the body may be truncated or the pixel spacing wrong`,
    );
  }
  if (Math.abs(landmarks.rotationDeg) > 8) {
    warnings.push(
      `${view.view}: the body is turned ${landmarks.rotationDeg.toFixed(1)}° in the image plane; the atlas is fitted for small rotations`,
    );
  }
  for (const side of ['left', 'right'] as const) {
    const abduction = landmarks.armAbductionDeg[side];
    if (abduction < -8 || abduction > 25) {
      warnings.push(
        `${view.view}: the ${side} arm track is at ${abduction.toFixed(0)}° from the body axis: the arm regions may be wrong`,
      );
    }
  }
  return {
    view: view.view,
    columns,
    rows,
    labels,
    bladder,
    atlasLabels,
    landmarks,
    spine,
    scapulae,
    normalBoneLevelByPart,
    boneCoverage,
    labelsOnBone,
    doubtful: warnings.length > 0,
    warnings,
  };
}

/**
 * Segments each view of `scan` into skeleton parts. Throws `invalid_input` for a view that is not a usable
 * whole-body image (too small, inconsistent sizes, no body found).
 */
export function segmentSkeleton(scan: WholeBodyScan): SkeletonSegmentation {
  if (scan.views.length === 0) {
    throw new BonemetError('invalid_input', 'the scan has no views to segment', {
      issues: [{ path: ['views'], message: 'empty', hint: 'read the scan with readWholeBodyScan' }],
    });
  }
  let clock = performance.now();
  const lap = (): number => {
    const now = performance.now();
    const elapsed = now - clock;
    clock = now;
    return elapsed;
  };
  const prepared = scan.views.map(prepareView);
  const timings = { landmarks: lap(), structures: 0, labelling: 0 };
  // The spine and the scapulae are found on the posterior view when there is one (they lie nearer the
  // posterior head), the clavicles on the anterior view, and each is carried to the other view when both
  // share the same grid (the two heads of a whole-body acquisition image the same rows). Ribs are taken
  // where either view shows a ridge: the posterior arcs are seen on the posterior view, the anterior arcs
  // on the anterior view.
  const posterior = prepared.find((p) => p.view.view === 'posterior');
  const anterior = prepared.find((p) => p.view.view === 'anterior');
  const backStructures = new Map<PreparedView, Pick<SharedStructures, 'spine' | 'scapulae' | 'iliacWings'>>();
  const frontStructures = new Map<PreparedView, SharedStructures['clavicles']>();
  const views = prepared.map((p) => {
    const back = posterior !== undefined && sameGrid(posterior.view, p.view) ? posterior : p;
    const front = anterior !== undefined && sameGrid(anterior.view, p.view) ? anterior : p;
    timings.labelling += lap();
    let backFound = backStructures.get(back);
    if (backFound === undefined) {
      backFound = backStructuresOf(back);
      backStructures.set(back, backFound);
    }
    let clavicles = frontStructures.get(front);
    if (clavicles === undefined) {
      clavicles = findClavicles(front.fine, front.geometry, front.landmarks);
      frontStructures.set(front, clavicles);
    }
    const partner = p === back ? front : back;
    timings.structures += lap();
    return segmentView(p, { ...backFound, clavicles }, partner === p ? p.ridges : union(p.ridges, partner.ridges));
  });
  timings.labelling += lap();
  const warnings = views.flatMap((v) => v.warnings);
  return { views, doubtful: warnings.length > 0, warnings, timingsMs: timings };
}
