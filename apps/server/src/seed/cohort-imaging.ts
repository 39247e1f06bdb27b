/**
 * The cohort's images: each time point of each story drawn by the phantoms (a whole-body bone scan, or a
 * small PET/CT volume), given the patient's identity and date, ingested through the same code as a STOW-RS
 * upload (idempotent by SOP Instance UID), and queued for analysis (`bonescan-analyze`, `pet-quantify`).
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { BonemetError } from '@bonemet/core';
import {
  encodeBoneScanNm,
  encodeCtSeries,
  encodePetSeries,
  generateBoneScanPhantom,
  generatePetCtPhantom,
  type BoneScanPhantomOptionsInput,
  type PetCtPhantomOptionsInput,
} from '@bonemet/phantoms';
import { and, eq, sql } from 'drizzle-orm';
import type { ServerConfig } from '../config.js';
import type { Database } from '../db/open-database.js';
import { analysisRuns, type AnalysisKind } from '../db/schema.js';
import { ingestInstances, type IngestFile, type IngestOutcome } from '../ingest/ingest-instances.js';
import type { JobDispatcher } from '../jobs/in-process-runner.js';
import { createJob, failJob } from '../jobs/job-store.js';
import type { PatientRow } from '../patients/patient-store.js';
import type { StoryBoneScan, StoryPatient, StoryPetLesion, StoryPetScan } from './cohort-story.js';
import { restampDicomFile } from './restamp-dicom.js';
import type { CohortPatient } from './synthetic-cohort.js';

/** The date the bone-scan phantom writes in every object (DICOM DA), replaced by the story's date. */
const BONE_SCAN_PHANTOM_DATE = '20240301';
/** PET/CT grid: 96 × 96 × 120 voxels of 4 mm (a 48 cm field from the pelvis to the head): quick to seed. */
const PET_DIMENSIONS: readonly [number, number, number] = [96, 96, 120];
/** Uptake of bone marrow in the PET phantom (its default), given to a story lesion not seen at a time point. */
const MARROW_SUVBW = 1.6;
/** Patient positioning and counts differ a little between visits, as they do at a camera. */
const ROTATION_BY_VISIT_DEG = [0, 1.5, -1, 2, -1.5] as const;
const COUNTS_BY_VISIT = [1_600_000, 1_300_000, 1_900_000, 1_500_000, 1_750_000] as const;
const PET_ACTIVITY_BY_VISIT_MBQ = [370, 352, 388, 361, 376] as const;
const PET_UPTAKE_BY_VISIT_MIN = [60, 63, 58, 61, 65] as const;
/** Files stored per ingest transaction. */
const INGEST_SLICE_FILES = 40;

/** One seeded time point: its study and the analysis job queued for it. */
export interface SeededTimePoint {
  readonly patientId: string;
  readonly date: string;
  readonly modality: 'NM' | 'PT';
  readonly studyInstanceUid: string;
  readonly runId: string;
  readonly newlyStoredFiles: number;
}

const isoToDa = (isoDate: string): string => isoDate.replaceAll('-', '');

function patientNumber(patient: StoryPatient): number {
  return Number(patient.mrn.replace(/\D/g, ''));
}

/** Bone-scan phantom options of one visit: the patient's fixed habitus, the visit's positioning and findings. */
export function boneScanPhantomOptions(
  patient: StoryPatient,
  scan: StoryBoneScan,
  visit: number,
): BoneScanPhantomOptionsInput {
  const number = patientNumber(patient);
  return {
    seed: 70_000 + number * 10 + visit,
    sex: 'F',
    heightCm: patient.story.heightCm,
    armPose: 'sides',
    rotationDeg: ROTATION_BY_VISIT_DEG[visit % ROTATION_BY_VISIT_DEG.length] ?? 0,
    pixelSizeMm: 2.4,
    totalCountsPerView: COUNTS_BY_VISIT[visit % COUNTS_BY_VISIT.length] ?? 1_500_000,
    injectionArm: number % 2 === 0 ? 'right' : 'left',
    superscan: scan.superscan ?? false,
    metastases: 0,
    lyticMetastases: 0,
    ribFractures: 0,
    // Benign degenerative uptake (knees, shoulders, lower lumbar facets) that persists, in every third patient.
    degenerativeJoints: number % 3 === 0,
    lesions: scan.findings.map((finding) => ({
      kind: finding.kind ?? 'metastasis',
      part: finding.part,
      diameterMm: finding.diameterMm,
      contrast: finding.contrast,
    })),
  };
}

/**
 * PET/CT phantom options of one visit. The seed and the lesion list (sites, diameters) are the same at
 * every visit, so the phantom places each lesion at the same spot; only the uptake changes (a lesion not
 * seen has the marrow's uptake), with small differences of injected activity and uptake time.
 */
export function petPhantomOptions(patient: StoryPatient, scan: StoryPetScan, visit: number): PetCtPhantomOptionsInput {
  const lesions: readonly StoryPetLesion[] = patient.story.petLesions ?? [];
  return {
    seed: 90_000 + patientNumber(patient),
    dimensions: [...PET_DIMENSIONS],
    spacingMm: [4, 4, 4],
    blurFwhmMm: 7,
    noiseCv: 0.1,
    patient: { weightKg: patient.state.patient.weightKg ?? 70, heightM: patient.story.heightCm / 100, sex: 'F' },
    scanDate: isoToDa(scan.date),
    injectedActivityMBq: PET_ACTIVITY_BY_VISIT_MBQ[visit % PET_ACTIVITY_BY_VISIT_MBQ.length] ?? 370,
    uptakeMinutes: PET_UPTAKE_BY_VISIT_MIN[visit % PET_UPTAKE_BY_VISIT_MIN.length] ?? 60,
    hotSphereDiametersMm: [],
    osseousLesions: lesions.map((lesion) => ({
      site: lesion.site,
      diameterMm: lesion.diameterMm,
      suvbw: scan.suvbw[lesion.id] ?? MARROW_SUVBW,
      ctAppearance: lesion.ctAppearance,
    })),
  };
}

/** The DICOM files of one visit, with the patient's identity, the visit's date and UIDs of their own. */
export function timePointFiles(patient: StoryPatient, visit: number): IngestFile[] {
  const scan = patient.story.imaging[visit];
  if (scan === undefined) throw new BonemetError('not_found', `${patient.mrn} has no time point ${String(visit)}`);
  const identity = {
    patientId: patient.mrn,
    patientName: `${patient.familyName}^${patient.givenName}`,
    uidNamespace: `bonemet-demo-cohort/${patient.mrn}/${scan.date}/${scan.modality}`,
  };
  const uids = new Map<string, string>();
  if (scan.modality === 'NM') {
    const phantom = generateBoneScanPhantom(boneScanPhantomOptions(patient, scan, visit));
    const source = `${patient.mrn} bone scan ${scan.date}`;
    const bytes = restampDicomFile(
      encodeBoneScanNm(phantom),
      { ...identity, date: { from: BONE_SCAN_PHANTOM_DATE, to: isoToDa(scan.date) } },
      source,
      uids,
    );
    return [{ source, bytes }];
  }
  const phantom = generatePetCtPhantom(petPhantomOptions(patient, scan, visit));
  return [...encodePetSeries(phantom, 'siemens'), ...encodeCtSeries(phantom, 'siemens')].map((slice) => {
    const source = `${patient.mrn} PET/CT ${scan.date} ${slice.fileName}`;
    return { source, bytes: restampDicomFile(slice.bytes, identity, source, uids) };
  });
}

async function existingRun(
  db: Database,
  patientId: string,
  kind: AnalysisKind,
  studyInstanceUid: string,
): Promise<string | undefined> {
  const [row] = await db
    .select({ id: analysisRuns.id })
    .from(analysisRuns)
    .where(
      and(
        eq(analysisRuns.patientId, patientId),
        eq(analysisRuns.kind, kind),
        sql`${analysisRuns.inputs}->>'studyInstanceUid' = ${studyInstanceUid}`,
      ),
    );
  return row?.id;
}

/** Creates and queues a job; a job the queue refuses is marked failed (as the job routes do). */
export async function queueJob(
  db: Database,
  jobs: JobDispatcher,
  job: { readonly patientId: string; readonly kind: AnalysisKind; readonly inputs: Record<string, unknown> },
): Promise<string> {
  const row = await createJob(db, job);
  try {
    await jobs.enqueue(row.id);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await failJob(db, row.id, { code: 'io_error', message: `the job could not be queued: ${message}` });
  }
  return row.id;
}

async function seedTimePoint(
  db: Database,
  config: ServerConfig,
  jobs: JobDispatcher,
  row: PatientRow,
  patient: StoryPatient,
  visit: number,
): Promise<SeededTimePoint> {
  const scan = patient.story.imaging[visit];
  if (scan === undefined) throw new BonemetError('not_found', `${patient.mrn} has no time point ${String(visit)}`);
  const files = timePointFiles(patient, visit);
  await yieldToEventLoop();
  // In slices of a few dozen files, each its own transaction, so that a server sharing the embedded
  // database answers between them (a PET/CT visit is 240 files).
  const referenced: IngestOutcome['referenced'][number][] = [];
  const failed: IngestOutcome['failed'][number][] = [];
  for (let start = 0; start < files.length; start += INGEST_SLICE_FILES) {
    const outcome = await ingestInstances(db, files.slice(start, start + INGEST_SLICE_FILES), {
      dataDir: config.dataDir,
      fileLimitBytes: config.ingestFileLimitBytes,
      patient: row,
    });
    referenced.push(...outcome.referenced);
    failed.push(...outcome.failed);
    await yieldToEventLoop();
  }
  const [firstFailure] = failed;
  const studyInstanceUid = referenced[0]?.studyInstanceUid;
  if (firstFailure !== undefined || studyInstanceUid === undefined) {
    throw new BonemetError('io_error', `the ${scan.modality} study of ${patient.mrn} on ${scan.date} was not stored`, {
      issues: [{ path: [patient.mrn, scan.date], message: firstFailure?.message ?? 'no file stored' }],
    });
  }
  const kind: AnalysisKind = scan.modality === 'NM' ? 'bonescan-analyze' : 'pet-quantify';
  const runId =
    (await existingRun(db, row.id, kind, studyInstanceUid)) ??
    (await queueJob(db, jobs, { patientId: row.id, kind, inputs: { studyInstanceUid } }));
  return {
    patientId: row.id,
    date: scan.date,
    modality: scan.modality,
    studyInstanceUid,
    runId,
    newlyStoredFiles: referenced.filter((ref) => ref.newlyStored).length,
  };
}

/**
 * Draws, stores and queues for analysis every time point of every cohort patient, patient by patient (the
 * event loop is given back between time points, so a server in the same process keeps answering). Seeding
 * again stores nothing new and queues no second analysis of a study. `onPatient` hears of each patient
 * whose time points are all queued; aborting `signal` stops before the next time point.
 */
export async function seedCohortImaging(
  db: Database,
  config: ServerConfig,
  jobs: JobDispatcher,
  cohort: readonly CohortPatient[],
  onPatient?: (patient: CohortPatient, timePoints: readonly SeededTimePoint[]) => Promise<void> | void,
  signal?: AbortSignal,
): Promise<SeededTimePoint[]> {
  const seeded: SeededTimePoint[] = [];
  for (const entry of cohort) {
    const timePoints: SeededTimePoint[] = [];
    for (const visit of entry.patient.story.imaging.keys()) {
      signal?.throwIfAborted();
      timePoints.push(await seedTimePoint(db, config, jobs, entry.row, entry.patient, visit));
      await yieldToEventLoop();
    }
    seeded.push(...timePoints);
    await onPatient?.(entry, timePoints);
  }
  return seeded;
}
