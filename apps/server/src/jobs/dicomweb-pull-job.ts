import { BonemetError } from '@bonemet/core';
import {
  listDicomwebSeries,
  parseDicomwebStudyUrl,
  retrieveDicomwebSeries,
  DEFAULT_DICOMWEB_TIMEOUT_MS,
} from '@bonemet/dicom';
import { z } from 'zod';
import { eq } from 'drizzle-orm';
import { patients } from '../db/schema.js';
import { ingestInstances, type IngestFile } from '../ingest/ingest-instances.js';
import type { JobContext, JobProgress } from './job-context.js';
import { saveJobResult } from './job-store.js';
import { allowedPacsPullUrl } from './pacs-url-allow-list.js';

export const dicomwebPullInputsSchema = z.strictObject({
  url: z
    .url({ protocol: /^https?$/ })
    .describe('DICOMweb study URL under a configured PACS base (BONEMET_PACS_URL), without credentials'),
  assign: z.boolean().describe('Store files whose PatientID differs from the patient MRN under this patient'),
});
export type DicomwebPullInputs = z.output<typeof dicomwebPullInputsSchema>;

export const DICOMWEB_PULL_RESULT_SCHEMA = 'bonemet.dicomweb-pull';

/**
 * Pulls a study from a DICOMweb PACS: QIDO-RS lists its series, WADO-RS retrieves each as Part 10 files,
 * and the files are ingested for the job's patient exactly as an upload is (idempotent by SOPInstanceUID,
 * so a retried pull stores nothing twice).
 */
export async function runDicomwebPull(
  context: JobContext,
  runId: string,
  patientId: string,
  rawInputs: unknown,
  progress: JobProgress,
): Promise<void> {
  const inputs = dicomwebPullInputsSchema.parse(rawInputs);
  // Checked again here: the worker's configuration decides where it may fetch, whatever a job row says.
  const study = parseDicomwebStudyUrl(allowedPacsPullUrl(context.config.pacsUrls, inputs.url).url);
  const [patient] = await context.db.select().from(patients).where(eq(patients.id, patientId));
  if (patient === undefined) throw new BonemetError('not_found', 'the job patient no longer exists');
  const request = {
    // A redirect could lead outside the configured PACS: it is an error, not followed.
    fetch: (url: string, init: RequestInit) => fetch(url, { ...init, redirect: 'error' }),
    headers: study.authorization === undefined ? {} : { Authorization: study.authorization },
    timeoutMs: DEFAULT_DICOMWEB_TIMEOUT_MS,
  };
  await progress(0, `listing the series of study ${study.studyInstanceUid}`);
  const listed = await listDicomwebSeries(study, request);
  if (listed.length === 0) {
    throw new BonemetError('not_found', `the DICOMweb server has no series in study ${study.displayUrl}`);
  }
  const files: IngestFile[] = [];
  for (const [index, summary] of listed.entries()) {
    await progress(
      index / (listed.length + 1),
      `retrieving ${summary.modality || 'series'} ${summary.seriesInstanceUid}`,
    );
    const retrieved = await retrieveDicomwebSeries(study, summary.seriesInstanceUid, request);
    files.push(...retrieved.map((instance) => ({ source: instance.source, bytes: instance.bytes })));
  }
  await progress(listed.length / (listed.length + 1), `storing ${String(files.length)} instances`);
  const outcome = await ingestInstances(context.db, files, {
    dataDir: context.config.dataDir,
    fileLimitBytes: context.config.ingestFileLimitBytes,
    patient,
    assignToPatient: inputs.assign,
  });
  await saveJobResult(context.db, runId, DICOMWEB_PULL_RESULT_SCHEMA, '1', {
    url: study.displayUrl,
    studyInstanceUid: study.studyInstanceUid,
    stored: outcome.referenced.length,
    newlyStored: outcome.referenced.filter((ref) => ref.newlyStored).length,
    failed: outcome.failed.map((failure) => ({
      source: failure.source,
      sopInstanceUid: failure.sopInstanceUid ?? null,
      failureReason: failure.failureReason,
      message: failure.message,
    })),
  });
}
