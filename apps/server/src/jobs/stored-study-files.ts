import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import { instances, series, studies } from '../db/schema.js';
import type { JobContext } from './job-context.js';

export interface StoredInstanceFile {
  readonly bytes: Uint8Array;
  readonly sopInstanceUid: string;
}

/**
 * Every stored file of a patient's study (by Study Instance UID or by its id in the server), read from the
 * data folder; `onFile(index, count)` runs before each file is read. Empty when the study has no stored
 * instance.
 */
export async function readStoredStudyFiles(
  context: JobContext,
  patientId: string,
  study: { readonly studyInstanceUid: string } | { readonly studyId: string },
  onFile?: (index: number, count: number) => Promise<void>,
): Promise<StoredInstanceFile[]> {
  const rows = await context.db
    .select({ filePath: instances.filePath, sopInstanceUid: instances.sopInstanceUid })
    .from(instances)
    .innerJoin(series, eq(series.id, instances.seriesId))
    .innerJoin(studies, eq(studies.id, series.studyId))
    .where(
      and(
        eq(studies.patientId, patientId),
        'studyId' in study ? eq(studies.id, study.studyId) : eq(studies.studyInstanceUid, study.studyInstanceUid),
      ),
    );
  const files: StoredInstanceFile[] = [];
  for (const [index, row] of rows.entries()) {
    await onFile?.(index, rows.length);
    files.push({
      bytes: await readFile(join(context.config.dataDir, row.filePath)),
      sopInstanceUid: row.sopInstanceUid,
    });
  }
  return files;
}
