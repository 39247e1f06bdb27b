import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ScanFile } from '@bonemet/bonescan';
import { BonemetError } from '@bonemet/core';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Database } from '../db/open-database.js';
import { instances, series, studies } from '../db/schema.js';

/** NM Image Storage (PS3.4 Annex B.5). */
const NM_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.20';
/** Secondary Capture Image Storage and its multi-frame variants (PS3.4 Annex B.5: 1.2.840.10008.5.1.4.1.1.7[.1–.4]). */
const SECONDARY_CAPTURE = /^1\.2\.840\.10008\.5\.1\.4\.1\.1\.7(\.[1-4])?$/;

export interface StoredStudy {
  readonly id: string;
  readonly studyInstanceUid: string;
  readonly studyDate: string | null;
}

export interface BoneScanFiles {
  readonly study: StoredStudy;
  readonly files: readonly ScanFile[];
  readonly sopInstanceUids: readonly string[];
  readonly seriesInstanceUids: readonly string[];
}

/** A study of the patient, by its id in the server or its Study Instance UID. */
export interface StudySelector {
  readonly studyId?: string | undefined;
  readonly studyInstanceUid?: string | undefined;
}

export async function findPatientStudy(db: Database, patientId: string, selector: StudySelector): Promise<StoredStudy> {
  const [study] = await db
    .select({ id: studies.id, studyInstanceUid: studies.studyInstanceUid, studyDate: studies.studyDate })
    .from(studies)
    .where(
      and(
        eq(studies.patientId, patientId),
        selector.studyId === undefined
          ? eq(studies.studyInstanceUid, selector.studyInstanceUid ?? '')
          : eq(studies.id, selector.studyId),
      ),
    );
  if (study === undefined) {
    const field = selector.studyId === undefined ? 'studyInstanceUid' : 'studyId';
    throw new BonemetError(
      'not_found',
      `study ${selector.studyId ?? selector.studyInstanceUid ?? ''} is not stored for this patient`,
      {
        issues: [{ path: [field], message: 'unknown study of this patient', hint: 'upload or pull the study first' }],
      },
    );
  }
  return study;
}

/**
 * The NM and Secondary Capture instances of a stored study (or of one of its series, or of the given
 * instances), read from the content store in series and instance order.
 */
export async function readBoneScanFiles(
  db: Database,
  dataDir: string,
  patientId: string,
  selection: StudySelector & {
    readonly seriesInstanceUid?: string | undefined;
    readonly sopInstanceUids?: readonly string[];
  },
): Promise<BoneScanFiles> {
  const study = await findPatientStudy(db, patientId, selection);
  const rows = await db
    .select({
      filePath: instances.filePath,
      sopInstanceUid: instances.sopInstanceUid,
      sopClassUid: instances.sopClassUid,
      seriesInstanceUid: series.seriesInstanceUid,
    })
    .from(instances)
    .innerJoin(series, eq(series.id, instances.seriesId))
    .where(
      and(
        eq(series.studyId, study.id),
        selection.seriesInstanceUid === undefined
          ? undefined
          : eq(series.seriesInstanceUid, selection.seriesInstanceUid),
        selection.sopInstanceUids === undefined
          ? undefined
          : inArray(instances.sopInstanceUid, [...selection.sopInstanceUids]),
      ),
    )
    .orderBy(asc(series.seriesInstanceUid), asc(instances.instanceNumber), asc(instances.sopInstanceUid));
  const planar = rows.filter((row) => row.sopClassUid === NM_IMAGE_STORAGE || SECONDARY_CAPTURE.test(row.sopClassUid));
  if (planar.length === 0) {
    throw new BonemetError(
      'invalid_input',
      `study ${study.studyInstanceUid} has no NM or secondary-capture image${selection.seriesInstanceUid === undefined ? '' : ` in series ${selection.seriesInstanceUid}`}: not a bone scan`,
      {
        issues: [
          {
            path: [selection.seriesInstanceUid === undefined ? 'studyId' : 'seriesInstanceUid'],
            message: `${String(rows.length)} stored instance(s), none of them NM Image Storage or Secondary Capture`,
            hint: 'choose a whole-body bone-scan study (planar NM images, anterior and posterior)',
          },
        ],
      },
    );
  }
  const files: ScanFile[] = [];
  for (const row of planar) {
    try {
      files.push({ bytes: await readFile(join(dataDir, row.filePath)), source: `instance ${row.sopInstanceUid}` });
    } catch (cause) {
      throw new BonemetError('io_error', `stored file of instance ${row.sopInstanceUid} cannot be read`, { cause });
    }
  }
  return {
    study,
    files,
    sopInstanceUids: planar.map((row) => row.sopInstanceUid),
    seriesInstanceUids: [...new Set(planar.map((row) => row.seriesInstanceUid))],
  };
}
