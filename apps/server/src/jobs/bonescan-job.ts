import { z } from 'zod';
import {
  BONE_SCAN_RESULT_SCHEMA,
  BONE_SCAN_RESULT_VERSION,
  lesionLocationOfPart,
  type BoneScanResultPayload,
} from '../analyses/bone-scan-result.js';
import { readBoneScanFiles } from '../analyses/read-bone-scan-files.js';
import { storeResultWithImages } from '../analyses/store-result.js';
import { lesions, measurements } from '../db/schema.js';
import { sharedComputePool } from './compute-pool.js';
import type { JobContext, JobProgress } from './job-context.js';

const uid = z
  .string()
  .regex(/^[0-9]+(\.[0-9]+)*$/, { error: 'a DICOM UID: digits separated by dots' })
  .max(64);

export const bonescanAnalyzeInputsSchema = z
  .strictObject({
    studyId: z.uuid().optional().describe('A stored whole-body bone-scan study of the patient (its id in the server)'),
    studyInstanceUid: uid.optional().describe('The same study by its Study Instance UID (give one of the two)'),
    seriesInstanceUid: uid.optional().describe('The series to analyse, when the study has more than one NM series'),
  })
  .refine((inputs) => (inputs.studyId === undefined) !== (inputs.studyInstanceUid === undefined), {
    error: 'give the study by studyId or by studyInstanceUid (one of the two)',
    path: ['studyId'],
  });
export type BonescanAnalyzeInputs = z.output<typeof bonescanAnalyzeInputsSchema>;

/**
 * Analyses a stored whole-body bone scan with @bonemet/bonescan (`analyzeWholeBodyScan`: count quality,
 * skeleton segmentation, superscan check, hotspots, Bone Scan Index; in the compute pool, bonescan-compute.ts)
 * and stores, all or nothing, the report
 * as the run's `bonescan-analysis` result, a lesion row for each metastasis hotspot whose bone a core
 * location can name, the BSI as a measurement, the two views as PNG and what reader edits need
 * (bone-scan-editable.ts). Bad input (not a bone scan, too
 * few counts) fails the job with the pipeline's error code and message, and nothing is stored.
 */
export async function runBonescanAnalyze(
  context: JobContext,
  runId: string,
  patientId: string,
  rawInputs: unknown,
  progress: JobProgress,
): Promise<void> {
  const inputs = bonescanAnalyzeInputsSchema.parse(rawInputs);
  await progress(0.05, 'reading the stored bone-scan files');
  const source = await readBoneScanFiles(context.db, context.config.dataDir, patientId, inputs);
  await progress(0.2, 'analysing: count quality, skeleton segmentation, hotspots, Bone Scan Index');
  // Computed in a worker thread so the server keeps answering; the file bytes move there (not used here after).
  const { report, images, editable } = await sharedComputePool().run(
    'bonescan-analyze',
    { files: source.files, fileNames: source.sopInstanceUids },
    { onProgress: progress },
  );
  await progress(0.9, 'saving the result');
  await storeResultWithImages(context.db, context.config.dataDir, {
    runId,
    schemaName: BONE_SCAN_RESULT_SCHEMA,
    schemaVersion: BONE_SCAN_RESULT_VERSION,
    images,
    files: [editable],
    payload: (): BoneScanResultPayload => ({
      studyId: source.study.id,
      studyInstanceUid: source.study.studyInstanceUid,
      seriesInstanceUids: source.seriesInstanceUids,
      sopInstanceUids: source.sopInstanceUids,
      images: images.map(({ png: _png, ...image }) => image),
      report,
    }),
    alsoStore: async (tx) => {
      const lesionRows = report.hotspots.flatMap((hotspot) => {
        const location = hotspot.label === 'metastasis' ? lesionLocationOfPart(hotspot.region) : undefined;
        if (location === undefined) return [];
        return [
          {
            patientId,
            studyId: source.study.id,
            runId,
            payload: { id: `bonescan-${runId}-${hotspot.id}`, location },
          },
        ];
      });
      if (lesionRows.length > 0) await tx.insert(lesions).values(lesionRows);
      await tx.insert(measurements).values({
        patientId,
        studyId: source.study.id,
        runId,
        quantity: 'bsi',
        value: report.bsi,
        unit: '%',
        method: report.automatic.bsi.method,
      });
    },
  });
}
