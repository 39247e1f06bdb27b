/** The stored result of a `bonescan-analyze` job, and what is derived from it for the database. */
import type { BoneScanReport, EditedHotspotResult } from '@bonemet/bonescan';
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

const pairedRegions = new Set([
  'clavicle',
  'scapula',
  'humerus',
  'radius',
  'ulna',
  'hand',
  'femur',
  'tibia',
  'fibula',
  'foot',
]);
const axialRegions = new Set(['skull', 'mandible', 'sacrum', 'sternum']);

/**
 * The core skeletal location of a bone-scan part, when the part names it without guessing: the skull,
 * mandible, sacrum, sternum and the paired limb and girdle bones with their side. The spine, ribs and
 * pelvis parts do not (a core location needs the vertebral level, rib number or pelvic bone, which the
 * planar segmentation does not resolve): undefined.
 */
export function lesionLocationOfPart(part: string | null): Lesion['location'] | undefined {
  if (part === null) return undefined;
  if (axialRegions.has(part)) return lesionSchema.shape.location.parse({ bone: part });
  const match = /^([a-z]+)_(left|right)$/.exec(part);
  if (match?.[1] === undefined || match[2] === undefined || !pairedRegions.has(match[1])) return undefined;
  return lesionSchema.shape.location.parse({ bone: match[1], laterality: match[2] });
}
