/**
 * The `response-timeline` job: a patient's response over time from the stored analyses.
 *
 * - Bone scans: each analysed study is analysed again from its stored files (`analyzeWholeBodyScan`, the
 *   same deterministic pipeline as the `bonescan-analyze` job, automatic hotspots: reader edits are not
 *   applied here) so that @bonemet/response can register the views and track the hotspots
 *   (`trackBoneScanSeries`); the follow-up counts against the baseline feed the flare-aware bone-scan rule,
 *   and each consecutive pair of scans gets its temporal subtraction images (SUB-<earlier>-<later>-ANT/POST).
 * - PET: the stored quantifications with their PET and CT volumes (read again from the stored files) are
 *   aligned and tracked (`trackPetStudySeries`); the time points with new-lesion marks feed PERCIST 1.0.
 * - Therapy lines are the patient's stored systemic treatments.
 *
 * The analyses, tracking and subtraction run in the compute pool (response-timeline-compute.ts); the files
 * and stored results are read, and the timeline stored, here.
 *
 * Response is read for the latest therapy line that has a follow-up: its baseline is the last scan on or
 * before the line's start (the first scan when none is), its follow-ups the scans after it up to the
 * line's end. Tracks (for the skeleton map) and subtraction images cover every time point.
 */
import { BonemetError, isBonemetError, RESEARCH_USE_DISCLAIMER, type SystemicTherapy } from '@bonemet/core';
import type { PetQuantification } from '@bonemet/pet';
import { assessTimeline, type Timeline, type TimelineInput } from '@bonemet/response';
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { AnalysisImage } from '../analyses/analysis-images.js';
import { BONE_SCAN_RESULT_SCHEMA } from '../analyses/bone-scan-result.js';
import { readBoneScanFiles } from '../analyses/read-bone-scan-files.js';
import { storeResultWithImages } from '../analyses/store-result.js';
import { analysisResults, analysisRuns, patients, studies, treatments } from '../db/schema.js';
import { sharedComputePool } from './compute-pool.js';
import type { JobContext, JobProgress } from './job-context.js';
import { PET_QUANTIFICATION_RESULT_SCHEMA } from './pet-quantify-job.js';
import { readStoredStudyFiles } from './stored-study-files.js';
import {
  pick,
  type BoneScanSeriesOutput,
  type PetStudySeriesOutput,
  type SubtractionImages,
  type TrackView,
} from './response-timeline-compute.js';

export type { TrackView } from './response-timeline-compute.js';

export const RESPONSE_TIMELINE_RESULT_SCHEMA = 'response-timeline';
export const RESPONSE_TIMELINE_RESULT_VERSION = '1';

export const responseTimelineInputsSchema = z.strictObject({
  timeToProgressionFrom: z
    .enum(['therapy_start', 'baseline'])
    .optional()
    .describe('Start of the time to progression: therapy start (default) or baseline date'),
});

/** One analysed study: its date and the stored result the job reads. */
interface AnalysedStudy {
  readonly studyId: string;
  readonly studyInstanceUid: string;
  readonly date: string;
  readonly modality: 'NM' | 'PT';
  readonly payload: unknown;
}

export type ResponseStatus = 'progression' | 'stable' | 'response';

/** The stored `response-timeline` payload (contract §5). */
export interface ResponseTimelinePayload extends Timeline {
  readonly disclaimer: string;
  /** The therapy line whose response is read, and the dates of its baseline and follow-ups. */
  readonly assessedLine: {
    readonly lineNumber: number | null;
    readonly regimen: string | null;
    readonly startDate: string | null;
    readonly dates: readonly string[];
  };
  /** The latest reading: its date, category and what it means for the patient list. */
  readonly summary: {
    readonly date: string | null;
    readonly category: string | null;
    readonly criterion: 'PERCIST 1.0' | 'bone scan (flare-aware)' | null;
    readonly responseStatus: ResponseStatus | null;
  };
  readonly tracks: readonly TrackView[];
  /** The subtraction PNGs stored with the result (as the other analyses list theirs). */
  readonly images: readonly AnalysisImage[];
  readonly subtractionImages: readonly {
    readonly earlierDate: string;
    readonly laterDate: string;
    readonly names: readonly string[];
  }[];
  readonly warnings: readonly string[];
}

function missing(message: string, hint: string): BonemetError {
  return new BonemetError('missing_data', message, { issues: [{ path: ['patient'], message, hint }] });
}

/** The latest succeeded result of each analysed NM and PT study of the patient, in date order. */
async function analysedStudies(context: JobContext, patientId: string): Promise<AnalysedStudy[]> {
  const rows = await context.db
    .select({
      schemaName: analysisResults.schemaName,
      payload: analysisResults.payload,
      createdAt: analysisResults.createdAt,
    })
    .from(analysisResults)
    .innerJoin(analysisRuns, eq(analysisRuns.id, analysisResults.runId))
    .where(
      and(
        eq(analysisRuns.patientId, patientId),
        eq(analysisRuns.status, 'succeeded'),
        inArray(analysisResults.schemaName, [BONE_SCAN_RESULT_SCHEMA, PET_QUANTIFICATION_RESULT_SCHEMA]),
      ),
    )
    .orderBy(desc(analysisResults.createdAt));
  const stored = await context.db
    .select({ id: studies.id, uid: studies.studyInstanceUid, date: studies.studyDate })
    .from(studies)
    .where(eq(studies.patientId, patientId));
  const byUid = new Map(stored.map((study) => [study.uid, study]));
  const latest = new Map<string, AnalysedStudy>();
  for (const row of rows) {
    const uid = (row.payload as { studyInstanceUid?: unknown }).studyInstanceUid;
    const study = typeof uid === 'string' ? byUid.get(uid) : undefined;
    if (study === undefined || study.date === null || latest.has(study.uid)) continue;
    latest.set(study.uid, {
      studyId: study.id,
      studyInstanceUid: study.uid,
      date: study.date,
      modality: row.schemaName === BONE_SCAN_RESULT_SCHEMA ? 'NM' : 'PT',
      payload: row.payload,
    });
  }
  return [...latest.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** One study a day per modality (the latest analysed wins when two share a date). */
function onePerDate(list: readonly AnalysedStudy[]): AnalysedStudy[] {
  const byDate = new Map<string, AnalysedStudy>();
  for (const study of list) byDate.set(study.date, study);
  return [...byDate.values()];
}

type Line = Omit<SystemicTherapy, 'kind' | 'category'>;

async function therapyLines(context: JobContext, patientId: string): Promise<Line[]> {
  const rows = await context.db
    .select({ payload: treatments.payload })
    .from(treatments)
    .where(and(eq(treatments.patientId, patientId), eq(treatments.kind, 'systemic')))
    .orderBy(asc(treatments.startDate));
  return rows.flatMap(({ payload }) =>
    payload.kind === 'systemic'
      ? [
          {
            lineNumber: payload.lineNumber,
            regimen: payload.regimen,
            startDate: payload.startDate,
            ...(payload.endDate === undefined ? {} : { endDate: payload.endDate }),
          },
        ]
      : [],
  );
}

/**
 * The indices of the scans that read the response to a line: the last scan on or before its start (else
 * the first scan) and the scans after it up to the line's end; null when the line has no follow-up.
 */
function lineWindow(dates: readonly string[], line: Line): number[] | null {
  let baseline = -1;
  dates.forEach((date, index) => {
    if (date <= line.startDate) baseline = index;
  });
  const start = Math.max(0, baseline);
  const window = [start];
  for (let index = start + 1; index < dates.length; index++) {
    const date = dates[index] ?? '';
    if (line.endDate !== undefined && date > line.endDate) break;
    window.push(index);
  }
  return window.length >= 2 ? window : null;
}

/** The latest line with a follow-up of any modality, and the scan indices per modality; the whole series without lines. */
function chooseLine(
  lines: readonly Line[],
  boneDates: readonly string[],
  petDates: readonly string[],
): { line: Line | null; bone: number[] | null; pet: number[] | null } {
  for (const line of [...lines].reverse()) {
    const bone = lineWindow(boneDates, line);
    const pet = lineWindow(petDates, line);
    if (bone !== null || pet !== null) return { line, bone, pet };
  }
  const all = (dates: readonly string[]): number[] | null => (dates.length >= 2 ? dates.map((_, i) => i) : null);
  return { line: null, bone: all(boneDates), pet: all(petDates) };
}

const PERCIST_STATUS: Readonly<Record<string, ResponseStatus>> = {
  CMR: 'response',
  PMR: 'response',
  SMD: 'stable',
  PMD: 'progression',
};

/** The latest reading of the timeline: PERCIST when read at that date, else the bone-scan rule. */
function summarise(timeline: Timeline): ResponseTimelinePayload['summary'] {
  const point = timeline.points.at(-1);
  if (point === undefined) return { date: null, category: null, criterion: null, responseStatus: null };
  const { percist, boneScan } = point.assessment;
  if (percist !== undefined) {
    return {
      date: point.date,
      category: percist.vsBaseline,
      criterion: 'PERCIST 1.0',
      responseStatus: percist.vsNadirProgression ? 'progression' : (PERCIST_STATUS[percist.vsBaseline] ?? null),
    };
  }
  if (boneScan !== undefined) {
    const progression = boneScan.status === 'progression' || boneScan.status === 'progression_confirmed';
    return {
      date: point.date,
      category: progression
        ? 'PD'
        : boneScan.status === 'progression_not_confirmed_possible_flare'
          ? 'possible flare'
          : 'SD',
      criterion: 'bone scan (flare-aware)',
      responseStatus: progression ? 'progression' : 'stable',
    };
  }
  return { date: point.date, category: null, criterion: null, responseStatus: null };
}

/** Bone scans: their stored files, analysed again, tracked and subtracted in the compute pool. */
async function readBoneScans(
  context: JobContext,
  patientId: string,
  boneStudies: readonly AnalysedStudy[],
  windowIndices: readonly number[] | null,
  progress: JobProgress,
): Promise<BoneScanSeriesOutput> {
  await progress(0.1, 'reading the stored bone scans');
  const scans = [];
  for (const study of boneStudies) {
    const source = await readBoneScanFiles(context.db, context.config.dataDir, patientId, {
      studyInstanceUid: study.studyInstanceUid,
    });
    scans.push({ date: study.date, files: source.files, fileNames: source.sopInstanceUids });
  }
  return sharedComputePool().run('response-bone-scans', { studies: scans, windowIndices }, { onProgress: progress });
}

/** PET studies: their stored files and quantifications, read, aligned and tracked in the compute pool. */
async function readPetStudies(
  context: JobContext,
  patientId: string,
  petStudies: readonly AnalysedStudy[],
  windowIndices: readonly number[] | null,
  progress: JobProgress,
): Promise<PetStudySeriesOutput> {
  await progress(0.6, 'reading the PET studies');
  const stored = [];
  for (const study of petStudies) {
    const payload = study.payload as { quantification: PetQuantification; petSeriesInstanceUid?: unknown };
    stored.push({
      date: study.date,
      quantification: payload.quantification,
      petSeriesInstanceUid: payload.petSeriesInstanceUid,
      files: await readStoredStudyFiles(context, patientId, { studyId: study.studyId }),
    });
  }
  return sharedComputePool().run('response-pet-studies', { studies: stored, windowIndices }, { onProgress: progress });
}

/**
 * Builds and stores the patient's response timeline (see the module comment) as the run's
 * `response-timeline` result with its subtraction images. Fails with `missing_data` when the patient has
 * fewer than two analysed bone scans and fewer than two analysed PET studies.
 */
export async function runResponseTimeline(
  context: JobContext,
  runId: string,
  patientId: string,
  rawInputs: unknown,
  progress: JobProgress,
): Promise<void> {
  const inputs = responseTimelineInputsSchema.parse(rawInputs);
  await progress(0.05, 'reading the stored analyses and therapy lines');
  const analysed = await analysedStudies(context, patientId);
  const boneStudies = onePerDate(analysed.filter((s) => s.modality === 'NM'));
  const petStudies = onePerDate(analysed.filter((s) => s.modality === 'PT'));
  if (boneStudies.length < 2 && petStudies.length < 2) {
    throw missing(
      `the response timeline needs two analysed bone scans or two analysed PET studies; the patient has ${String(boneStudies.length)} and ${String(petStudies.length)}`,
      'analyse the studies first (bonescan-analyze, pet-quantify)',
    );
  }
  const lines = await therapyLines(context, patientId);
  const boneDates = boneStudies.map((s) => s.date);
  const petDates = petStudies.map((s) => s.date);
  const chosen = chooseLine(lines, boneDates, petDates);
  const warnings: string[] = [];
  const tracks: TrackView[] = [];
  const [patient] = await context.db
    .select({ researchId: patients.researchId })
    .from(patients)
    .where(eq(patients.id, patientId));
  const input: { -readonly [K in keyof TimelineInput]: TimelineInput[K] } = {
    patientId: patient?.researchId ?? 'patient',
    studies: [...boneStudies, ...petStudies].map((s) => ({
      id: `study-${s.studyId}`,
      date: s.date,
      modality: s.modality,
    })),
    therapyLines: lines,
    ...(inputs.timeToProgressionFrom === undefined ? {} : { timeToProgressionFrom: inputs.timeToProgressionFrom }),
  };

  let subtraction: SubtractionImages = { images: [], pairs: [] };
  if (boneStudies.length >= 2) {
    try {
      const bone = await readBoneScans(context, patientId, boneStudies, chosen.bone, progress);
      tracks.push(...bone.tracks);
      warnings.push(...bone.warnings);
      subtraction = bone.subtraction;
      if (bone.criterion !== undefined) input.boneScan = bone.criterion;
    } catch (error) {
      if (!isBonemetError(error)) throw error;
      warnings.push(`bone scans not assessed: ${error.message}`);
    }
  }
  if (petStudies.length >= 2) {
    try {
      const pet = await readPetStudies(context, patientId, petStudies, chosen.pet, progress);
      tracks.push(...pet.tracks);
      warnings.push(...pet.warnings);
      if (pet.criterion !== undefined) input.pet = pet.criterion;
    } catch (error) {
      if (!isBonemetError(error)) throw error;
      warnings.push(`PET studies not assessed: ${error.message}`);
    }
  }
  if (input.boneScan === undefined && input.pet === undefined) {
    throw missing(
      `no criterion could be read: a therapy line needs a baseline and a follow-up bone scan, or PET studies with SUL values${warnings.length === 0 ? '' : ` (${warnings.join('; ')})`}`,
      'analyse the baseline and a follow-up of the same therapy line',
    );
  }
  await progress(0.9, 'assessing the timeline');
  const timeline = assessTimeline(input);
  const window = [
    ...(chosen.bone === null ? [] : pick(boneDates, chosen.bone)),
    ...(chosen.pet === null ? [] : pick(petDates, chosen.pet)),
  ];
  const payload: ResponseTimelinePayload = {
    disclaimer: RESEARCH_USE_DISCLAIMER,
    ...timeline,
    assessedLine: {
      lineNumber: chosen.line?.lineNumber ?? null,
      regimen: chosen.line?.regimen ?? null,
      startDate: chosen.line?.startDate ?? null,
      dates: [...new Set(window)].sort(),
    },
    summary: summarise(timeline),
    tracks,
    images: subtraction.images.map(({ png: _png, ...image }) => image),
    subtractionImages: subtraction.pairs,
    warnings,
  };
  await progress(0.95, 'saving the result');
  await storeResultWithImages(context.db, context.config.dataDir, {
    runId,
    schemaName: RESPONSE_TIMELINE_RESULT_SCHEMA,
    schemaVersion: RESPONSE_TIMELINE_RESULT_VERSION,
    images: subtraction.images,
    payload: () => payload,
  });
}
