/**
 * Skeleton regions of a whole-body bone scan: a label map per view with the labels of skeleton-parts.ts
 * (0 = not skeleton).
 *
 * Method, per view:
 * 1. Landmarks (skeleton-landmarks.ts) on the image smoothed with a Gaussian of σ 8 mm: body outline, vertex,
 *    soles, tilted midline on the spine ridge, skull width, and the tracks of the arm and leg bones.
 * 2. Atlas fit (atlas-skeleton.ts): trunk bones placed in normalised body coordinates scaled by the body
 *    height and sheared along the fitted midline (small rotations); limb bones placed along the tracks —
 *    a piecewise-linear non-rigid refinement, one straight segment per long bone between the joint levels,
 *    so that arms at the sides or apart, and legs apart or together, are followed.
 * 3. Bone mask: within each part, the pixels of the image smoothed with σ 4 mm whose value reaches
 *    `boneFraction` of that part's normal-bone level (the 90th percentile of the part's pixels), so that the
 *    labels fall on bone and not on the soft tissue around it. The skull and the scapulae are kept whole: the
 *    vault is a thin shell and the scapula a thin plate behind the ribs, whose projections fill their outlines
 *    at a level too low or too uneven for a threshold.
 * 4. Bladder: the urinary bladder is the hottest structure of a normal bone scan and projects onto the
 *    pubic bones, the lower sacrum and (when the atlas sits low) the lumbar spine. A blob in the low pelvis
 *    near the midline whose peak reaches `bladderPeakRatio` times the bone level of the view is grown from
 *    its peak down to `bladderEdgeFraction` of the peak (its half-maximum edge) and returned as `bladder`;
 *    its pixels are left out of the normal-bone level of every part and out of every label except the
 *    sacrum's (the bladder is urine, not bone; the EANM bone scintigraphy guideline, Van den Wyngaert et al.,
 *    Eur J Nucl Med Mol Imaging 2016;43:1723–38, lists it among the normal findings to recognise). The
 *    sacrum lies straight behind the bladder in both projections, so the pixels where they overlap are kept
 *    as sacrum (its bone is there) and flagged by `bladder`: a finding there must be read with the mask.
 *    A focus as hot as the bladder and touching it is taken in with it.
 * 5. Fit quality: the share of the view's bone signal (pixels at ≥ half the median part level) that the
 *    labels cover, and anatomical plausibility checks; a warning when the fit is doubtful.
 */
import { BonemetError } from '@bonemet/core';
import { placeSkeletonAtlas, rasteriseAtlas, type PixelGeometry } from './atlas-skeleton.js';
import { gaussianSmooth2d } from './gaussian-smooth-2d.js';
import { quantile } from './segment-image-ops.js';
import { findSkeletonLandmarks, warpBodyLevel, type SkeletonLandmarks } from './skeleton-landmarks.js';
import { boneScanPartOfLabel, boneScanParts } from './skeleton-parts.js';
import type { ViewName, WholeBodyScan, WholeBodyView } from './whole-body-scan.js';

/** Fraction of a part's normal-bone level at which a pixel counts as bone (about the half-maximum edge of a blurred bone). */
export const boneFraction = 0.4;

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

function segmentView(view: WholeBodyView, index: number): ViewSegmentation {
  validateView(view, index);
  const { columns, rows } = view;
  const [rowMm, columnMm] = view.pixelSpacingMm;
  const geometry: PixelGeometry = { columns, rows, rowMm, columnMm };
  const coarse = gaussianSmooth2d(view.counts, columns, rows, [rowMm, columnMm], 8);
  const fine = gaussianSmooth2d(view.counts, columns, rows, [rowMm, columnMm], 4);
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
  const atlas = placeSkeletonAtlas(landmarks, geometry, view.view);
  const atlasLabels = rasteriseAtlas(atlas, geometry);

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
    boneScanParts.filter((p) => p.id === 'skull' || p.bsiRegion === 'scapula').map((p) => p.label),
  );
  const sacrumLabel = boneScanParts.find((p) => p.id === 'sacrum')?.label;
  const labels = new Uint8Array(atlasLabels.length);
  atlasLabels.forEach((label, i) => {
    if (label === 0 || (bladder[i] === 1 && label !== sacrumLabel)) return;
    if (wholeLabels.has(label) || (fine[i] ?? 0) >= boneFraction * (levelByLabel.get(label) ?? 0)) labels[i] = label;
  });

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
  const views = scan.views.map(segmentView);
  const warnings = views.flatMap((v) => v.warnings);
  return { views, doubtful: warnings.length > 0, warnings };
}
