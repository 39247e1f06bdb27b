/**
 * The cohort's images: each time point of each story drawn by the phantoms (a whole-body bone scan, or a
 * small PET/CT volume), given the patient's identity and date, ingested through the same code as a STOW-RS
 * upload (idempotent by SOP Instance UID), and queued for analysis (`bonescan-analyze`, `pet-quantify`).
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { BonemetError } from '@bonemet/core';
import type { BoneScanPhantomOptionsInput, PetCtPhantomOptionsInput } from '@bonemet/phantoms';
import { and, eq, sql } from 'drizzle-orm';
import type { ServerConfig } from '../config.js';
import type { Database } from '../db/open-database.js';
import { analysisRuns, type AnalysisKind } from '../db/schema.js';
import { ingestInstances, type IngestFile, type IngestOutcome } from '../ingest/ingest-instances.js';
import { sharedComputePool } from '../jobs/compute-pool.js';
import type { JobDispatcher } from '../jobs/in-process-runner.js';
import { createJob, failJob } from '../jobs/job-store.js';
import type { PatientRow } from '../patients/patient-store.js';
import type { StoryBoneScan, StoryPatient, StoryPetLesion, StoryPetScan } from './cohort-story.js';
import type { CohortPatient } from './synthetic-cohort.js';
import {
  BONE_SCAN_PHANTOM_DATE,
  computeTimePointFiles,
  type TimePointFile,
  type TimePointPhantomInput,
} from './time-point-compute.js';

/** PET/CT grid: 96 × 96 × 120 voxels of 4 mm (a 48 cm field from the pelvis to the head): quick to seed. */
const PET_DIMENSIONS: readonly [number, number, number] = [96, 96, 120];
/** Uptake of bone marrow in the PET phantom (its default), given to a story lesion not seen at a time point. */
const MARROW_SUVBW = 1.6;
/** Patient positioning and counts differ a little between visits, as they do at a camera. */
const ROTATION_BY_VISIT_DEG = [0, 1.5, -1, 2, -1.5] as const;
const COUNTS_BY_VISIT = [1_600_000, 1_300_000, 1_900_000, 1_500_000, 1_750_000] as const;
const PET_ACTIVITY_BY_VISIT_MBQ = [370, 352, 388, 361, 376] as const;
const PET_UPTAKE_BY_VISIT_MIN = [60, 63, 58, 61, 65] as const;
/**
 * Files stored per ingest transaction: a PET/CT visit (240 files) is stored in slices, the event loop given
 * back between them, so that a server sharing the embedded database answers meanwhile.
 */
const INGEST_SLICE_FILES = 12;
/** Time points drawn in the compute pool ahead of the one being stored (a PET/CT visit's files are ~5 MB). */
const TIME_POINTS_DRAWN_AHEAD = 2;
/** Time points of every patient seeded before the later ones of any patient. */
const EARLY_TIME_POINTS = 2;

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

/** What the compute pool draws for one visit: its phantom, and the patient's identity and date for its files. */
export function timePointPhantom(patient: StoryPatient, visit: number): TimePointPhantomInput {
  const scan = patient.story.imaging[visit];
  if (scan === undefined) throw new BonemetError('not_found', `${patient.mrn} has no time point ${String(visit)}`);
  const identity = {
    patientId: patient.mrn,
    patientName: `${patient.familyName}^${patient.givenName}`,
    uidNamespace: `bonemet-demo-cohort/${patient.mrn}/${scan.date}/${scan.modality}`,
  };
  if (scan.modality === 'NM') {
    return {
      modality: 'NM',
      phantom: boneScanPhantomOptions(patient, scan, visit),
      identity: { ...identity, date: { from: BONE_SCAN_PHANTOM_DATE, to: isoToDa(scan.date) } },
      source: `${patient.mrn} bone scan ${scan.date}`,
    };
  }
  return {
    modality: 'PT',
    phantom: petPhantomOptions(patient, scan, visit),
    identity,
    source: `${patient.mrn} PET/CT ${scan.date}`,
  };
}

/** The DICOM files of one visit, drawn in this thread (the seeding draws them in the compute pool). */
export function timePointFiles(patient: StoryPatient, visit: number): IngestFile[] {
  return computeTimePointFiles(timePointPhantom(patient, visit)).files;
}

/** One time point of one cohort patient, in the order the seeding takes them. */
export interface CohortTimePoint {
  readonly entry: CohortPatient;
  readonly visit: number;
  /** Whether it is the patient's last time point to be seeded (its analyses are then all queued). */
  readonly lastOfPatient: boolean;
}

/**
 * The order of the seeding, so that a user sees whole patients early: the first two time points of every
 * patient (cohort order; enough for a first response comparison), then the later time points, patients
 * with the fewest left first (each patient's in date order).
 */
export function cohortSeedingOrder(cohort: readonly CohortPatient[]): CohortTimePoint[] {
  const early = cohort.flatMap((entry) =>
    [...entry.patient.story.imaging.keys()]
      .filter((visit) => visit < EARLY_TIME_POINTS)
      .map((visit) => ({ entry, visit })),
  );
  const later = cohort
    .map((entry) =>
      [...entry.patient.story.imaging.keys()]
        .filter((visit) => visit >= EARLY_TIME_POINTS)
        .map((visit) => ({ entry, visit })),
    )
    .sort((a, b) => a.length - b.length)
    .flat();
  const order = [...early, ...later];
  const lastIndex = new Map(order.map((point, index) => [point.entry, index]));
  return order.map((point, index) => ({ ...point, lastOfPatient: lastIndex.get(point.entry) === index }));
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

/** Stores one drawn visit (in slices, giving the event loop back between them) and queues its analysis. */
async function storeTimePoint(
  db: Database,
  config: ServerConfig,
  jobs: JobDispatcher,
  row: PatientRow,
  patient: StoryPatient,
  visit: number,
  files: readonly IngestFile[],
): Promise<SeededTimePoint> {
  const scan = patient.story.imaging[visit];
  if (scan === undefined) throw new BonemetError('not_found', `${patient.mrn} has no time point ${String(visit)}`);
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

export interface SeedCohortImagingOptions {
  /** Hears of each patient whose time points are all stored and queued (with them, in date order). */
  readonly onPatient?: (patient: CohortPatient, timePoints: readonly SeededTimePoint[]) => Promise<void> | void;
  /** Aborting it stops the seeding before the next time point is stored. */
  readonly signal?: AbortSignal;
}

/**
 * Draws, stores and queues for analysis every time point of every cohort patient, in `cohortSeedingOrder`
 * (every patient's first two time points, then the rest). The phantoms are drawn in the shared compute pool, a
 * couple of time points ahead of the one being stored; storing stays in this thread, in small transactions
 * that give the event loop back, so a server in the same process keeps answering. Seeding again stores
 * nothing new and queues no second analysis of a study.
 */
export async function seedCohortImaging(
  db: Database,
  config: ServerConfig,
  jobs: JobDispatcher,
  cohort: readonly CohortPatient[],
  options: SeedCohortImagingOptions = {},
): Promise<SeededTimePoint[]> {
  const { onPatient, signal } = options;
  const order = cohortSeedingOrder(cohort);
  const drawn: Promise<{ files: TimePointFile[] }>[] = [];
  const drawNext = (): void => {
    const point = order[drawn.length];
    if (point === undefined) return;
    const drawing = sharedComputePool().run('cohort-time-point', timePointPhantom(point.entry.patient, point.visit));
    // Awaited in turn below; one left behind when the seeding stops must not be an unhandled rejection.
    drawing.catch(() => undefined);
    drawn.push(drawing);
  };
  const byPatient = new Map<CohortPatient, SeededTimePoint[]>();
  const seeded: SeededTimePoint[] = [];
  for (const [index, point] of order.entries()) {
    while (drawn.length < Math.min(order.length, index + 1 + TIME_POINTS_DRAWN_AHEAD)) drawNext();
    const drawing = drawn[index];
    if (drawing === undefined) break;
    const { files } = await drawing;
    signal?.throwIfAborted();
    const { entry, visit } = point;
    const timePoint = await storeTimePoint(db, config, jobs, entry.row, entry.patient, visit, files);
    seeded.push(timePoint);
    const timePoints = [...(byPatient.get(entry) ?? []), timePoint];
    byPatient.set(entry, timePoints);
    if (point.lastOfPatient)
      await onPatient?.(
        entry,
        [...timePoints].sort((a, b) => a.date.localeCompare(b.date)),
      );
    await yieldToEventLoop();
  }
  return seeded;
}
