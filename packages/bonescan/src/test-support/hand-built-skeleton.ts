/**
 * A hand-built flat skeleton for the hotspot tests: 100 columns × 200 rows of 2 mm pixels (4 mm² each),
 * rectangles as regions, normal bone 100 counts per pixel above 10 counts of soft tissue, no blur. Region
 * sizes, in pixels (the hand computations of the tests use them):
 *   skull 20×20 = 400; thoracic spine 8×50 = 400; lumbar spine 8×25 = 200; sacrum 10×15 = 150
 *   (spine_sacrum unit: 750); pelvis 2 × 20×25 = 1000; ribs 7 bars × 2 sides × 2×22 = 616;
 *   scapula 8×18 = 144 per side; humerus 4×50 = 200 per side; femur 8×60 = 480 per side.
 * The midline is column 49.5 (the spine's centre); the patient's right is on image left.
 */
import type { RegionLabelMap } from '../region-label-map.js';
import { skeletonRegionById, type SkeletonRegionId } from '../skeleton-regions.js';
import type { ViewName, WholeBodyView } from '../whole-body-scan.js';

export const columns = 100;
export const rows = 200;
export const normalBone = 100;
export const softTissue = 10;

/** [region, first column, last column, first row, last row], inclusive. */
const rectangles: readonly (readonly [SkeletonRegionId, number, number, number, number])[] = [
  ['skull', 40, 59, 5, 24],
  ['thoracic_spine', 46, 53, 30, 79],
  ['lumbar_spine', 46, 53, 80, 104],
  ['sacrum', 45, 54, 105, 119],
  ['pelvis', 25, 44, 105, 129],
  ['pelvis', 55, 74, 105, 129],
  ...[32, 38, 44, 50, 56, 62, 68].flatMap((row) => [
    ['ribs', 22, 43, row, row + 1] as const,
    ['ribs', 56, 77, row, row + 1] as const,
  ]),
  ['scapula_right', 14, 21, 28, 45],
  ['scapula_left', 78, 85, 28, 45],
  ['humerus_right', 10, 13, 30, 79],
  ['humerus_left', 86, 89, 30, 79],
  ['femur_right', 30, 37, 130, 189],
  ['femur_left', 62, 69, 130, 189],
];

export function handBuiltLabels(): Uint8Array {
  const labels = new Uint8Array(columns * rows);
  for (const [id, c0, c1, r0, r1] of rectangles) {
    const label = skeletonRegionById(id)?.label ?? 0;
    for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) labels[r * columns + c] = label;
  }
  return labels;
}

export function handBuiltMap(view: ViewName, labels: Uint8Array | Uint16Array = handBuiltLabels()): RegionLabelMap {
  return { view, columns, rows, labels };
}

/** Counts: soft tissue over the body (columns 5–94), plus normal bone on every labelled pixel. */
export function handBuiltCounts(labels: Uint8Array | Uint16Array = handBuiltLabels()): Float32Array {
  const counts = new Float32Array(columns * rows);
  for (let r = 0; r < rows; r++) {
    for (let c = 5; c <= 94; c++)
      counts[r * columns + c] = softTissue + ((labels[r * columns + c] ?? 0) !== 0 ? normalBone : 0);
  }
  return counts;
}

/** Sets the pixels of a rectangle (inclusive) to soft tissue + `boneUptake` counts. */
export function paint(counts: Float32Array, c0: number, c1: number, r0: number, r1: number, boneUptake: number): void {
  for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) counts[r * columns + c] = softTissue + boneUptake;
}

export function handBuiltView(view: ViewName, counts: Float32Array): WholeBodyView {
  return {
    view,
    counts,
    columns,
    rows,
    pixelSpacingMm: [2, 2],
    orientation: {
      headAtTop: true,
      patientLeftOn: 'image-right',
      mirroredLeftRight: view === 'posterior',
      flippedTopBottom: false,
      basis: 'convention',
    },
    sourceKind: 'nm',
    countsAreCalibrated: true,
    viewBasis: 'caller',
    source: 'hand-built test image',
  };
}

/** Options for the unblurred, noiseless test images: ratios are then exact. */
export const exactOptions = { cameraFwhmMm: 0, smoothingSigmaMm: 0 } as const;
