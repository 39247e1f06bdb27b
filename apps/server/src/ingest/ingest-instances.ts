import { BonemetError, isBonemetError } from '@bonemet/core';
import { isNotAnImageError, readDicomFile, readSegmentationSource } from '@bonemet/dicom';
import { eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../db/open-database.js';
import { instances, patients, series, studies } from '../db/schema.js';
import type { PatientRow } from '../patients/patient-store.js';
import { removeStoredFiles, sha256Hex, writeContentAddressed } from './content-store.js';

/**
 * Failure reasons of a STOW-RS response (FailureReason (0008,1197); PS3.18 §10.5.3 and the Storage
 * Service status codes of PS3.4 Table B.2-1 / PS3.7 Annex C).
 */
export const FAILURE_REASON = {
  /** 0110H Processing failure: the instance belongs to another patient or study owner. */
  processingFailure: 0x0110,
  /** 0111H Duplicate SOP Instance: another file with this SOPInstanceUID is already stored. */
  duplicateSopInstance: 0x0111,
  /** 0122H SOP Class not supported: not an image object. */
  sopClassNotSupported: 0x0122,
  /** A700H Out of resources: the file is larger than the per-file limit. */
  outOfResources: 0xa700,
  /** A900H Data set does not match SOP class: a required attribute is missing or invalid. */
  dataSetDoesNotMatch: 0xa900,
  /** C000H Cannot understand: not DICOM Part 10, truncated or unreadable. */
  cannotUnderstand: 0xc000,
} as const;

/** One file to ingest; `source` names it in messages (e.g. "part 3"). */
export interface IngestFile {
  readonly source: string;
  readonly bytes: Uint8Array;
}

export interface StoredInstanceRef {
  readonly sopClassUid: string;
  readonly sopInstanceUid: string;
  readonly studyInstanceUid: string;
  readonly seriesInstanceUid: string;
  /** False when the identical file was already stored (idempotent re-send). */
  readonly newlyStored: boolean;
}

export interface FailedInstanceRef {
  readonly source: string;
  readonly sopClassUid?: string;
  readonly sopInstanceUid?: string;
  readonly failureReason: number;
  readonly message: string;
}

export interface IngestOutcome {
  readonly referenced: readonly StoredInstanceRef[];
  readonly failed: readonly FailedInstanceRef[];
  /** Research ids of the patients that received instances. */
  readonly patientResearchIds: readonly string[];
  readonly studyInstanceUids: readonly string[];
}

export interface IngestOptions {
  readonly dataDir: string;
  readonly fileLimitBytes: number;
  /**
   * The patient the files are for (per-patient upload or pull). Absent: each file's PatientID (0010,0020)
   * must be the MRN of a known patient.
   */
  readonly patient?: PatientRow;
  /** Store files whose PatientID differs from the patient's MRN under that patient anyway. */
  readonly assignToPatient?: boolean;
  /** Called inside the transaction after the rows are written, before commit (tests inject failures here). */
  readonly beforeCommit?: () => Promise<void>;
}

type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

interface ValidFile {
  readonly source: string;
  readonly bytes: Uint8Array;
  readonly sha256: string;
  readonly sopClassUid: string;
  readonly sopInstanceUid: string;
  readonly seriesInstanceUid: string;
  readonly studyInstanceUid: string;
  readonly modality: string;
  readonly patientId: string | undefined;
  readonly studyDate: string | undefined;
  readonly seriesDate: string | undefined;
  readonly seriesDescription: string | undefined;
}

/** DICOM DA (YYYYMMDD) as an ISO date, or undefined when absent or not a valid date. */
function isoDate(da: string | undefined): string | undefined {
  const match = da === undefined ? null : /^(\d{4})(\d{2})(\d{2})$/.exec(da.trim());
  if (match === null) return undefined;
  const iso = `${match[1] ?? ''}-${match[2] ?? ''}-${match[3] ?? ''}`;
  return Number.isNaN(Date.parse(iso)) ? undefined : iso;
}

function failureFromError(source: string, error: unknown): FailedInstanceRef {
  if (!isBonemetError(error)) throw error;
  const notImage = isNotAnImageError(error);
  const failureReason = notImage
    ? FAILURE_REASON.sopClassNotSupported
    : error.code === 'missing_data' || error.code === 'invalid_input'
      ? FAILURE_REASON.dataSetDoesNotMatch
      : FAILURE_REASON.cannotUnderstand;
  return { source, failureReason, message: error.message };
}

/** Reads and checks one file; a failure entry when it is not a DICOM image this server can read. */
function validate(file: IngestFile, fileLimitBytes: number): ValidFile | FailedInstanceRef {
  if (file.bytes.byteLength > fileLimitBytes) {
    return {
      source: file.source,
      failureReason: FAILURE_REASON.outOfResources,
      message: `${file.source}: ${String(file.bytes.byteLength)} bytes, more than the per-file limit of ${String(fileLimitBytes)} bytes`,
    };
  }
  try {
    const image = readDicomFile(file.bytes, file.source);
    const attributes = readSegmentationSource(file.bytes, file.source);
    if (attributes.studyInstanceUid === undefined) {
      throw new BonemetError('missing_data', `${file.source}: StudyInstanceUID (0020,000D) is missing`);
    }
    return {
      source: file.source,
      bytes: file.bytes,
      sha256: sha256Hex(file.bytes),
      sopClassUid: attributes.sopClassUid ?? '',
      sopInstanceUid: image.sopInstanceUid,
      seriesInstanceUid: image.seriesInstanceUid,
      studyInstanceUid: attributes.studyInstanceUid,
      modality: image.modality,
      patientId: attributes.patientId,
      studyDate: isoDate(attributes.studyDate),
      seriesDate: isoDate(image.seriesDate),
      seriesDescription: image.seriesDescription,
    };
  } catch (error) {
    return failureFromError(file.source, error);
  }
}

function failed(file: ValidFile, failureReason: number, message: string): FailedInstanceRef {
  return {
    source: file.source,
    sopClassUid: file.sopClassUid,
    sopInstanceUid: file.sopInstanceUid,
    failureReason,
    message,
  };
}

/** The patient each file goes to, or a failure entry (unknown PatientID, or a mismatch not assigned). */
async function matchPatients(
  db: Database,
  files: readonly ValidFile[],
  options: IngestOptions,
): Promise<{ readonly matched: Map<ValidFile, PatientRow>; readonly failures: FailedInstanceRef[] }> {
  const matched = new Map<ValidFile, PatientRow>();
  const failures: FailedInstanceRef[] = [];
  const { patient } = options;
  if (patient !== undefined) {
    for (const file of files) {
      if (file.patientId === patient.mrn || options.assignToPatient === true) matched.set(file, patient);
      else {
        failures.push(
          failed(
            file,
            FAILURE_REASON.processingFailure,
            `${file.source}: PatientID "${file.patientId ?? ''}" is not this patient's MRN; send assign=true to store it under this patient anyway`,
          ),
        );
      }
    }
    return { matched, failures };
  }
  const mrns = [...new Set(files.flatMap((file) => (file.patientId === undefined ? [] : [file.patientId])))];
  const rows = mrns.length === 0 ? [] : await db.select().from(patients).where(inArray(patients.mrn, mrns));
  const byMrn = new Map(rows.map((row) => [row.mrn, row]));
  for (const file of files) {
    const row = file.patientId === undefined ? undefined : byMrn.get(file.patientId);
    if (row !== undefined) matched.set(file, row);
    else {
      failures.push(
        failed(
          file,
          FAILURE_REASON.processingFailure,
          `${file.source}: no patient has the MRN "${file.patientId ?? ''}" (PatientID); create the patient first or upload to /api/patients/{patientId}/studies`,
        ),
      );
    }
  }
  return { matched, failures };
}

async function ensureStudy(tx: Transaction, file: ValidFile, patient: PatientRow): Promise<string | FailedInstanceRef> {
  await tx
    .insert(studies)
    .values({ patientId: patient.id, studyInstanceUid: file.studyInstanceUid, studyDate: file.studyDate ?? null })
    .onConflictDoNothing({ target: studies.studyInstanceUid });
  const [study] = await tx
    .select({ id: studies.id, patientId: studies.patientId })
    .from(studies)
    .where(eq(studies.studyInstanceUid, file.studyInstanceUid));
  if (study === undefined) throw new BonemetError('io_error', `study ${file.studyInstanceUid} vanished during ingest`);
  if (study.patientId !== patient.id) {
    return failed(
      file,
      FAILURE_REASON.processingFailure,
      `${file.source}: study ${file.studyInstanceUid} is already stored for another patient`,
    );
  }
  return study.id;
}

async function ensureSeries(tx: Transaction, file: ValidFile, studyId: string): Promise<string | FailedInstanceRef> {
  await tx
    .insert(series)
    .values({
      studyId,
      seriesInstanceUid: file.seriesInstanceUid,
      modality: file.modality,
      seriesDate: file.seriesDate ?? null,
      description: file.seriesDescription ?? null,
    })
    .onConflictDoNothing({ target: series.seriesInstanceUid });
  const [row] = await tx
    .select({ id: series.id, studyId: series.studyId })
    .from(series)
    .where(eq(series.seriesInstanceUid, file.seriesInstanceUid));
  if (row === undefined) throw new BonemetError('io_error', `series ${file.seriesInstanceUid} vanished during ingest`);
  if (row.studyId !== studyId) {
    return failed(
      file,
      FAILURE_REASON.processingFailure,
      `${file.source}: series ${file.seriesInstanceUid} is already stored in another study`,
    );
  }
  return row.id;
}

/**
 * Ingests DICOM files: each is read with `readDicomFile` (a file that is not a readable DICOM image is
 * listed as failed with a reason and nothing of it is stored), matched to its patient, written to the data
 * folder at its SHA-256 address and recorded as study, series and instance rows. Idempotent by
 * SOPInstanceUID: the identical file again is reported stored without a second copy; a different file with
 * a stored SOPInstanceUID fails (Duplicate SOP Instance). The rows of all accepted files are written in one
 * transaction; when anything throws, the transaction rolls back and the files this call wrote are removed,
 * so an ingest either completes or leaves nothing behind.
 */
export async function ingestInstances(
  db: Database,
  files: readonly IngestFile[],
  options: IngestOptions,
): Promise<IngestOutcome> {
  const failures: FailedInstanceRef[] = [];
  const valid: ValidFile[] = [];
  const seen = new Map<string, ValidFile>();
  const repeats: ValidFile[] = [];
  for (const file of files) {
    const checked = validate(file, options.fileLimitBytes);
    if (!('sha256' in checked)) {
      failures.push(checked);
      continue;
    }
    const earlier = seen.get(checked.sopInstanceUid);
    if (earlier === undefined) {
      seen.set(checked.sopInstanceUid, checked);
      valid.push(checked);
    } else if (earlier.sha256 === checked.sha256) repeats.push(checked);
    else {
      failures.push(
        failed(
          checked,
          FAILURE_REASON.duplicateSopInstance,
          `${checked.source}: another file of this request has the same SOPInstanceUID with different content`,
        ),
      );
    }
  }

  const { matched, failures: unmatched } = await matchPatients(db, valid, options);
  failures.push(...unmatched);

  const createdFiles: string[] = [];
  const referenced: StoredInstanceRef[] = [];
  const patientIds = new Set<string>();
  const studyUids = new Set<string>();
  try {
    await db.transaction(async (tx) => {
      for (const [file, patient] of matched) {
        patientIds.add(patient.researchId);
        const [existing] = await tx
          .select({ sha256: instances.sha256 })
          .from(instances)
          .where(eq(instances.sopInstanceUid, file.sopInstanceUid));
        if (existing !== undefined) {
          if (existing.sha256 === file.sha256) referenced.push({ ...file, newlyStored: false });
          else {
            failures.push(
              failed(
                file,
                FAILURE_REASON.duplicateSopInstance,
                `${file.source}: SOPInstanceUID ${file.sopInstanceUid} is already stored with different content (SHA-256 ${existing.sha256})`,
              ),
            );
          }
          continue;
        }
        const studyId = await ensureStudy(tx, file, patient);
        if (typeof studyId !== 'string') {
          failures.push(studyId);
          continue;
        }
        const seriesId = await ensureSeries(tx, file, studyId);
        if (typeof seriesId !== 'string') {
          failures.push(seriesId);
          continue;
        }
        const written = await writeContentAddressed(options.dataDir, file.bytes, file.sha256);
        if (written.created) createdFiles.push(written.relativePath);
        await tx.insert(instances).values({
          seriesId,
          sopInstanceUid: file.sopInstanceUid,
          sopClassUid: file.sopClassUid,
          filePath: written.relativePath,
          sha256: file.sha256,
          sizeBytes: file.bytes.byteLength,
        });
        referenced.push({ ...file, newlyStored: true });
        studyUids.add(file.studyInstanceUid);
      }
      // ModalitiesInStudy (0008,0061) style: the study's series modalities, sorted, backslash-separated.
      for (const uid of studyUids) {
        await tx.execute(
          sql`UPDATE studies SET modality = (SELECT string_agg(DISTINCT s.modality, '\\' ORDER BY s.modality) FROM series s WHERE s.study_id = studies.id) WHERE study_instance_uid = ${uid}`,
        );
      }
      await options.beforeCommit?.();
    });
  } catch (error) {
    await removeStoredFiles(options.dataDir, createdFiles);
    throw error;
  }
  for (const repeat of repeats) {
    if (referenced.some((ref) => ref.sopInstanceUid === repeat.sopInstanceUid)) {
      referenced.push({ ...repeat, newlyStored: false });
    }
  }
  return {
    referenced,
    failed: failures,
    patientResearchIds: [...patientIds],
    studyInstanceUids: [...studyUids],
  };
}
