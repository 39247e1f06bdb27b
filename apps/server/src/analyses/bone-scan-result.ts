/** The stored result of a `bonescan-analyze` job, and what is derived from it for the database. */
import { boneScanParts, type BoneScanPart, type BoneScanReport, type EditedHotspotResult } from '@bonemet/bonescan';
import { lesionSchema, type Lesion } from '@bonemet/core';
import type { AnalysisImage } from './analysis-images.js';

/** `analysis_results.schema_name` of a bone-scan analysis. */
export const BONE_SCAN_RESULT_SCHEMA = 'bonescan-analysis';
export const BONE_SCAN_RESULT_VERSION = '1';

/** `analysis_results.payload` of a bone-scan analysis: the pipeline's report and what it was computed from. */
export interface BoneScanResultPayload {
  /** The analysed study (`studies.id`). */
  readonly studyId: string;
  readonly studyInstanceUid: string;
  readonly seriesInstanceUids: readonly string[];
  /** The analysed instances, in the order they were given to the pipeline (reader edits re-run it on them). */
  readonly sopInstanceUids: readonly string[];
  /** ANT and POST: the stored frames as PNG (see analysis-images.ts). */
  readonly images: readonly AnalysisImage[];
  /** `analyzeWholeBodyScan(files).report` of @bonemet/bonescan. */
  readonly report: BoneScanReport;
}

/** `analysis_results.edited_payload` of a bone-scan analysis with reader edits. */
export interface BoneScanEditedPayload {
  /** The reader_edits rows applied, in order. */
  readonly editIds: readonly string[];
  /** `report.edited` of the pipeline run with these edits. */
  readonly edited: EditedHotspotResult;
}

const partById = new Map<string, BoneScanPart>(boneScanParts.map((part) => [part.id, part]));
const axialParts = new Set(['skull', 'mandible', 'sacrum', 'sternum']);

/**
 * The core skeletal location of a bone-scan part, when the part names it without guessing: the skull,
 * mandible, sacrum, sternum and the paired limb and girdle bones with their side. The spine, ribs and
 * pelvis parts do not (a core location needs the vertebral level, rib number or pelvic bone, which the
 * planar segmentation does not resolve): undefined.
 */
export function lesionLocationOfPart(part: string | null): Lesion['location'] | undefined {
  const found = part === null ? undefined : partById.get(part);
  if (found === undefined) return undefined;
  if (found.side !== 'midline')
    return lesionSchema.shape.location.parse({ bone: found.bsiRegion, laterality: found.side });
  return axialParts.has(found.id) ? lesionSchema.shape.location.parse({ bone: found.id }) : undefined;
}
