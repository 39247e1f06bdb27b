/**
 * Superscan detection: diffusely increased skeletal uptake with faint or absent kidneys and bladder.
 *
 * The pattern (reference note bone-scintigraphy.md §6.1, after the EANM 2016 guideline): avid bone takes up
 * so much of the tracer that little is left for renal excretion; the skeleton stands out against very low
 * soft tissue and the kidneys and bladder are faint or absent. It matters because a superscan looks
 * uniform — a hotspot detector finds nothing to call and the Bone Scan Index can read near zero while the
 * whole skeleton is involved.
 *
 * Measured on the fitted skeleton (segment-skeleton.ts), on the image smoothed with σ 4 mm:
 * - bone-to-soft-tissue ratio: the median normal-bone level of the axial parts (spine, pelvis, ribs)
 *   over the median soft tissue of the thighs (body outline between the hips and knees, off the femora);
 * - kidney-to-bone ratio (posterior view, where the kidneys lie nearer the camera): the 90th percentile
 *   of the renal fossae (beside the upper lumbar spine, off the spine) above soft tissue, over the lumbar
 *   spine level;
 * - bladder-to-bone ratio (anterior view): the maximum over the bladder region (midline above the pubic
 *   symphysis) above soft tissue, over the pelvis level.
 *   The region also holds the sacrum and the pubic bones behind and below the bladder, so even an absent
 *   bladder reads about 1.5.
 * The thresholds are set near the geometric middle between the two groups of the bone-scan phantom of
 * packages/phantoms (12 normal studies against the same 12 as superscans, whose bone uptake is 2.5× and
 * kidney and bladder uptake 0.1× normal: bone/soft tissue 9.8–18.3 vs 42–84, kidneys/bone 0.36–1.02 vs
 * 0.14–0.22, bladder/bone 3.0–6.9 vs 1.25–1.89). The reference note gives the pattern, not numbers: the
 * thresholds are not validated on patients, and the numbers are reported so that a reader can judge them.
 */
import { type Citation } from '@bonemet/core';
import { quantile, smoothImage } from './segment-image-ops.js';
import type { SkeletonSegmentation, ViewSegmentation } from './segment-skeleton.js';
import { warpBodyLevel } from './skeleton-landmarks.js';
import { boneScanPartOfLabel } from './skeleton-parts.js';
import { bonescanSources } from './sources.js';
import type { WholeBodyScan, WholeBodyView } from './whole-body-scan.js';

/** A bone-to-soft-tissue ratio at or above this is "diffusely increased" skeletal uptake. */
export const superscanBoneToSoftTissue = 28;
/** Kidneys fainter than this fraction of the lumbar spine level are "faint or absent". */
export const superscanMaxKidneyToBone = 0.28;
/** A bladder fainter than this fraction of the pelvis level is "faint or absent". */
export const superscanMaxBladderToBone = 2.4;

export interface SuperscanAssessment {
  readonly superscan: boolean;
  /** Median over the views of the axial bone to thigh soft-tissue ratio. */
  readonly boneToSoftTissueRatio: number | null;
  /** Kidney excess over soft tissue / lumbar spine level (posterior view), null without a posterior view. */
  readonly kidneyToBoneRatio: number | null;
  /** Bladder excess over soft tissue / pelvis level (anterior view), null without an anterior view. */
  readonly bladderToBoneRatio: number | null;
  readonly message: string;
  readonly citations: readonly Citation[];
}

interface ViewMeasures {
  readonly boneToSoftTissue: number;
  readonly kidneyToBone: number;
  readonly bladderToBone: number;
}

function measureView(view: WholeBodyView, segmentation: ViewSegmentation): ViewMeasures {
  const { columns, rows } = view;
  const [rowMm, columnMm] = view.pixelSpacingMm;
  const fine = smoothImage(view.counts, columns, rows, [rowMm, columnMm], 4);
  const { landmarks, atlasLabels } = segmentation;
  const heightPx = landmarks.soleRow - landmarks.vertexRow;
  const H = landmarks.bodyHeightMm;
  // Levels placed as the atlas places them (piecewise between the detected shoulders and knees).
  const rowOf = (v: number): number =>
    Math.round(landmarks.vertexRow + warpBodyLevel(v, landmarks.trunkLevels) * heightPx);
  const mid = (row: number): number => landmarks.midline.a + landmarks.midline.b * row;
  const uOf = (row: number, column: number): number => ((column - mid(row)) * columnMm) / H;
  const region = (fromV: number, toV: number, accept: (u: number, label: number) => boolean): number[] => {
    const values: number[] = [];
    for (let row = Math.max(0, rowOf(fromV)); row <= Math.min(rows - 1, rowOf(toV)); row++) {
      for (let column = 0; column < columns; column++) {
        const index = row * columns + column;
        if (accept(uOf(row, column), atlasLabels[index] ?? 0)) values.push(fine[index] ?? 0);
      }
    }
    return values;
  };
  const regionOfLabel = (label: number): string => boneScanPartOfLabel(label)?.bsiRegion ?? '';
  const level = (id: string): number => segmentation.normalBoneLevelByPart[id] ?? 0;
  const axial = quantile([level('thoracic_spine'), level('lumbar_spine'), level('pelvis'), level('ribs')], 0.5);
  const thigh = region(0.56, 0.68, (u, label) => label === 0 && Math.abs(u) > 0.03 && Math.abs(u) < 0.075);
  const soft = quantile(thigh, 0.5);
  const kidney = quantile(
    region(
      0.33,
      0.4,
      (u, label) => Math.abs(u) > 0.03 && Math.abs(u) < 0.075 && regionOfLabel(label) !== 'spine_sacrum',
    ),
    0.9,
  );
  const bladder = Math.max(0, ...region(0.47, 0.505, (u) => Math.abs(u) < 0.025));
  const lumbar = level('lumbar_spine');
  const pelvis = level('pelvis');
  return {
    boneToSoftTissue: soft > 0 ? axial / soft : Number.POSITIVE_INFINITY,
    kidneyToBone: lumbar > 0 ? Math.max(0, kidney - soft) / lumbar : 0,
    bladderToBone: pelvis > 0 ? Math.max(0, bladder - soft) / pelvis : 0,
  };
}

/** Assesses the superscan pattern from the scan and its skeleton segmentation (same views, same order). */
export function assessSuperscan(scan: WholeBodyScan, segmentation: SkeletonSegmentation): SuperscanAssessment {
  const measures = new Map<string, ViewMeasures>();
  scan.views.forEach((view, i) => {
    const seg = segmentation.views[i];
    if (seg?.view === view.view) measures.set(view.view, measureView(view, seg));
  });
  const ratios = [...measures.values()].map((m) => m.boneToSoftTissue).filter(Number.isFinite);
  const boneToSoftTissueRatio = ratios.length === 0 ? null : quantile(ratios, 0.5);
  const kidneyToBoneRatio = measures.get('posterior')?.kidneyToBone ?? null;
  const bladderToBoneRatio = measures.get('anterior')?.bladderToBone ?? null;
  const diffuse = boneToSoftTissueRatio !== null && boneToSoftTissueRatio >= superscanBoneToSoftTissue;
  const faintKidneys = kidneyToBoneRatio === null || kidneyToBoneRatio < superscanMaxKidneyToBone;
  const faintBladder = bladderToBoneRatio === null || bladderToBoneRatio < superscanMaxBladderToBone;
  const assessed = kidneyToBoneRatio !== null || bladderToBoneRatio !== null;
  const superscan = diffuse && faintKidneys && faintBladder && assessed;
  const fmt = (x: number | null): string => (x === null ? 'not measured' : x.toFixed(2));
  const numbers = `bone/soft tissue ${fmt(boneToSoftTissueRatio)} (superscan ≥ ${superscanBoneToSoftTissue}), kidneys/bone ${fmt(kidneyToBoneRatio)} (faint < ${superscanMaxKidneyToBone}), bladder/bone ${fmt(bladderToBoneRatio)} (faint < ${superscanMaxBladderToBone})`;
  return {
    superscan,
    boneToSoftTissueRatio,
    kidneyToBoneRatio,
    bladderToBoneRatio,
    message: superscan
      ? `superscan pattern: diffusely increased skeletal uptake with faint kidneys and bladder (${numbers}); hotspot counts and the Bone Scan Index underestimate diffuse involvement`
      : `no superscan pattern (${numbers})`,
    citations: [bonescanSources['eanm-2016-bone-scintigraphy']],
  };
}
