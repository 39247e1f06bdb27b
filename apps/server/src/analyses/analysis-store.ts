/** Reads of analysis results, their runs and reader edits. */
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../db/open-database.js';
import { analysisResults, analysisRuns, patients, readerEdits, studies, users } from '../db/schema.js';
import type { ResultKind } from './analysis-schemas.js';

export const RESULT_KINDS_LISTED: readonly ResultKind[] = ['bonescan-analyze', 'pet-quantify', 'response-timeline'];

export interface ResultRecord {
  readonly resultId: string;
  readonly runId: string;
  readonly kind: ResultKind;
  readonly schemaName: string;
  readonly payload: unknown;
  readonly editedPayload: unknown;
  readonly createdAt: Date;
  readonly patientRowId: string;
  readonly patientResearchId: string;
  readonly dateShiftDays: number;
}

const resultColumns = {
  resultId: analysisResults.id,
  runId: analysisResults.runId,
  kind: analysisRuns.kind,
  schemaName: analysisResults.schemaName,
  payload: analysisResults.payload,
  editedPayload: analysisResults.editedPayload,
  createdAt: analysisResults.createdAt,
  patientRowId: patients.id,
  patientResearchId: patients.researchId,
  dateShiftDays: patients.dateShiftDays,
};

function isListedKind(kind: string): kind is ResultKind {
  return (RESULT_KINDS_LISTED as readonly string[]).includes(kind);
}

function asRecords(rows: (Omit<ResultRecord, 'kind'> & { kind: string })[]): ResultRecord[] {
  return rows.flatMap((row) => (isListedKind(row.kind) ? [{ ...row, kind: row.kind }] : []));
}

/** One result of an analysis kind the API shows, with its patient; undefined when there is none. */
export async function findResult(db: Database, resultId: string): Promise<ResultRecord | undefined> {
  const rows = await db
    .select(resultColumns)
    .from(analysisResults)
    .innerJoin(analysisRuns, eq(analysisRuns.id, analysisResults.runId))
    .innerJoin(patients, eq(patients.id, analysisRuns.patientId))
    .where(eq(analysisResults.id, resultId));
  return asRecords(rows)[0];
}

/** The latest result of one kind for a patient. */
export async function latestPatientResult(
  db: Database,
  patientRowId: string,
  kind: ResultKind,
): Promise<ResultRecord | undefined> {
  const rows = await db
    .select(resultColumns)
    .from(analysisResults)
    .innerJoin(analysisRuns, eq(analysisRuns.id, analysisResults.runId))
    .innerJoin(patients, eq(patients.id, analysisRuns.patientId))
    .where(and(eq(analysisRuns.patientId, patientRowId), eq(analysisRuns.kind, kind)))
    .orderBy(desc(analysisResults.createdAt))
    .limit(1);
  return asRecords(rows)[0];
}

/**
 * What a list item needs of a result: its identity and headline numbers, read from the stored JSON by path so
 * that listing a patient's analyses does not load whole reports (tens of kilobytes each).
 */
export interface ResultSummaryRow {
  readonly resultId: string;
  readonly runId: string;
  readonly kind: ResultKind;
  readonly createdAt: Date;
  readonly dateShiftDays: number;
  /** Bone scans: the analysed study (`studies.id`). */
  readonly studyId: string | null;
  /** PET: the quantified study. */
  readonly studyInstanceUid: string | null;
  readonly bsiPercent: number | null;
  readonly metastasisCount: number | null;
  readonly bsiPercentEdited: number | null;
  readonly metastasisCountEdited: number | null;
  readonly petLesionCount: number | null;
  readonly hottestSulPeak: number | null;
  /** Response results: the job's summary and the last time point's assessment. */
  readonly responseSummary: unknown;
  readonly responseAssessment: unknown;
}

/** The summary rows of a patient's results of the listed kinds, oldest first. */
export async function listPatientResultSummaries(db: Database, patientRowId: string): Promise<ResultSummaryRow[]> {
  const payload = analysisResults.payload;
  const edited = analysisResults.editedPayload;
  const rows = await db
    .select({
      resultId: analysisResults.id,
      runId: analysisResults.runId,
      kind: analysisRuns.kind,
      createdAt: analysisResults.createdAt,
      dateShiftDays: patients.dateShiftDays,
      studyId: sql<string | null>`${payload} ->> 'studyId'`,
      studyInstanceUid: sql<string | null>`${payload} ->> 'studyInstanceUid'`,
      bsiPercent: sql<number | null>`(${payload} #>> '{report,automatic,bsi,percent}')::float8`,
      metastasisCount: sql<number | null>`(${payload} #>> '{report,automatic,bsi,metastasisCount}')::int`,
      bsiPercentEdited: sql<number | null>`(${edited} #>> '{edited,bsi,percent}')::float8`,
      metastasisCountEdited: sql<number | null>`(${edited} #>> '{edited,bsi,metastasisCount}')::int`,
      petLesionCount: sql<number | null>`CASE WHEN jsonb_typeof(${payload} #> '{quantification,lesions}') = 'array'
        THEN jsonb_array_length(${payload} #> '{quantification,lesions}') END`,
      hottestSulPeak: sql<number | null>`CASE WHEN jsonb_typeof(${payload} #> '{quantification,lesions}') = 'array'
        THEN (SELECT max((lesion #>> '{sul,peakGlobal}')::float8)
              FROM jsonb_array_elements(${payload} #> '{quantification,lesions}') AS lesion) END`,
      responseSummary: sql<unknown>`coalesce(${payload} -> 'summary', ${payload} -> 'timeline' -> 'summary')`,
      responseAssessment: sql<unknown>`coalesce(${payload} -> 'timeline', ${payload}) -> 'points' -> -1 -> 'assessment'`,
    })
    .from(analysisResults)
    .innerJoin(analysisRuns, eq(analysisRuns.id, analysisResults.runId))
    .innerJoin(patients, eq(patients.id, analysisRuns.patientId))
    .where(and(eq(analysisRuns.patientId, patientRowId), inArray(analysisRuns.kind, [...RESULT_KINDS_LISTED])))
    .orderBy(asc(analysisResults.createdAt));
  return rows.flatMap((row) => (isListedKind(row.kind) ? [{ ...row, kind: row.kind }] : []));
}

export interface StudyRecord {
  readonly id: string;
  readonly studyInstanceUid: string;
  readonly studyDate: string | null;
  readonly modality: string | null;
}

export async function listPatientStudies(db: Database, patientRowId: string): Promise<StudyRecord[]> {
  return db
    .select({
      id: studies.id,
      studyInstanceUid: studies.studyInstanceUid,
      studyDate: studies.studyDate,
      modality: studies.modality,
    })
    .from(studies)
    .where(eq(studies.patientId, patientRowId));
}

export interface EditRecord {
  readonly id: string;
  readonly action: 'confirm' | 'reject' | 'add' | 'modify';
  readonly target: string;
  readonly payload: unknown;
  readonly userName: string | null;
  readonly createdAt: Date;
}

/** The reader edits of a result in the order they were made. */
export async function listResultEdits(db: Database, resultId: string): Promise<EditRecord[]> {
  return db
    .select({
      id: readerEdits.id,
      action: readerEdits.action,
      target: readerEdits.target,
      payload: readerEdits.payload,
      userName: users.username,
      createdAt: readerEdits.createdAt,
    })
    .from(readerEdits)
    .leftJoin(users, eq(users.id, readerEdits.userId))
    .where(eq(readerEdits.resultId, resultId))
    .orderBy(asc(readerEdits.createdAt), asc(readerEdits.id));
}
