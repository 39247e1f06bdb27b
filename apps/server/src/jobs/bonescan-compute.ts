import { analyzeWholeBodyScan, type BoneScanReport } from '@bonemet/bonescan';
import type { RenderedImage, ResultFile } from '../analyses/analysis-images.js';
import { editableFile } from '../analyses/bone-scan-editable.js';
import { renderBoneScanView } from '../analyses/render-bone-scan-view.js';
import type { ComputeProgress } from './compute-progress.js';

export interface BoneScanComputeInput {
  /** The stored NM / Secondary Capture files of the study, in series and instance order. */
  readonly files: readonly { readonly bytes: Uint8Array; readonly source: string }[];
  /** The name reported for each file (its SOP Instance UID). */
  readonly fileNames: readonly string[];
}

export interface BoneScanComputeOutput {
  readonly report: BoneScanReport;
  /** The anterior and posterior views as PNG (renderBoneScanView). */
  readonly images: readonly RenderedImage[];
  /** What reader edits need, kept beside the images (bone-scan-editable.ts). */
  readonly editable: ResultFile;
}

/**
 * Everything the `bonescan-analyze` job computes before it stores: the whole-body analysis of the files
 * (`analyzeWholeBodyScan`: count quality, segmentation, superscan check, hotspots, BSI), the two views
 * rendered as PNG and the editable-analysis file. Pure: runs in a compute worker.
 */
export function computeBoneScanAnalysis(input: BoneScanComputeInput, progress: ComputeProgress): BoneScanComputeOutput {
  const analysis = analyzeWholeBodyScan(input.files, { fileNames: input.fileNames });
  progress(0.8, 'rendering the anterior and posterior images');
  return {
    report: analysis.report,
    images: analysis.scan.views.map(renderBoneScanView),
    editable: editableFile(analysis),
  };
}
