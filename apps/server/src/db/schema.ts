import type { OpioidDose } from '@bonemet/clinical';
import type { Lesion, SkeletalEvent, Treatment } from '@bonemet/core';
import {
  bigint,
  bigserial,
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  real,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/**
 * The storage schema (PostgreSQL, the same on PGlite and on a server). Typed columns hold what is queried,
 * filtered or joined; rich domain records validated by the @bonemet/core schemas are kept whole in `jsonb`
 * next to the typed columns derived from them. The tables are created by the numbered SQL files in
 * apps/server/migrations, which `schema.test.ts` checks against these definitions.
 */

const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();

export const roles = ['admin', 'clinician', 'researcher'] as const;
export type Role = (typeof roles)[number];

export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  username: text('username').notNull().unique(),
  passwordHash: text('password_hash').notNull(),
  role: text('role', { enum: roles }).notNull(),
  disabled: boolean('disabled').notNull().default(false),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** Sessions: only the SHA-256 of the random token is stored, so a database leak does not leak sessions. */
export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tokenHash: text('token_hash').notNull().unique(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (table) => [index('sessions_user_id_idx').on(table.userId)],
);

/**
 * Patients. `researchId` is a random pseudonym, unrelated to the MRN, used in URLs, audit rows and
 * de-identified views; `dateShiftDays` is the patient's secret offset for de-identified dates.
 */
export const patients = pgTable('patients', {
  id: uuid('id').primaryKey().defaultRandom(),
  researchId: text('research_id').notNull().unique(),
  mrn: text('mrn').notNull().unique(),
  familyName: text('family_name').notNull(),
  givenName: text('given_name').notNull(),
  sex: text('sex', { enum: ['female', 'male', 'other', 'unknown'] }).notNull(),
  birthDate: date('birth_date', { mode: 'string' }),
  synthetic: boolean('synthetic').notNull(),
  dateShiftDays: integer('date_shift_days').notNull(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

const patientId = () =>
  uuid('patient_id')
    .notNull()
    .references(() => patients.id, { onDelete: 'cascade' });

/** DICOM studies (references; the files are kept on disk). */
export const studies = pgTable(
  'studies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    patientId: patientId(),
    studyInstanceUid: text('study_instance_uid').notNull().unique(),
    studyDate: date('study_date', { mode: 'string' }),
    modality: text('modality'),
    description: text('description'),
    radiopharmaceutical: text('radiopharmaceutical'),
    createdAt: createdAt(),
  },
  (table) => [index('studies_patient_id_idx').on(table.patientId)],
);

export const series = pgTable(
  'series',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    studyId: uuid('study_id')
      .notNull()
      .references(() => studies.id, { onDelete: 'cascade' }),
    seriesInstanceUid: text('series_instance_uid').notNull().unique(),
    modality: text('modality').notNull(),
    seriesDate: date('series_date', { mode: 'string' }),
    description: text('description'),
    createdAt: createdAt(),
  },
  (table) => [index('series_study_id_idx').on(table.studyId)],
);

/** One stored DICOM file: unique by SOP Instance UID, with its path and SHA-256 checksum. */
export const instances = pgTable(
  'instances',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    seriesId: uuid('series_id')
      .notNull()
      .references(() => series.id, { onDelete: 'cascade' }),
    sopInstanceUid: text('sop_instance_uid').notNull().unique(),
    sopClassUid: text('sop_class_uid').notNull(),
    instanceNumber: integer('instance_number'),
    filePath: text('file_path').notNull(),
    sha256: text('sha256').notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    createdAt: createdAt(),
  },
  (table) => [index('instances_series_id_idx').on(table.seriesId)],
);

export const analysisKinds = [
  'bone_scan',
  'pet',
  'tracking_response',
  'recommendation',
  'pet-quantify',
  'dicomweb-pull',
  'bonescan-analyze',
  'response-timeline',
] as const;
export type AnalysisKind = (typeof analysisKinds)[number];
export const analysisStatuses = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;

/** A run of an analysis (a job): its inputs, versions, status and progress. */
export const analysisRuns = pgTable(
  'analysis_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    patientId: patientId(),
    kind: text('kind', { enum: analysisKinds }).notNull(),
    status: text('status', { enum: analysisStatuses }).notNull().default('queued'),
    /** Fraction done, 0 to 1. */
    progress: real('progress').notNull().default(0),
    /** What the job is doing now, for people (e.g. "retrieving PT series 1.2.3"). */
    stage: text('stage').notNull().default(''),
    /** Times a runner started the job (more than 1 after a crash or a retry). */
    attempts: integer('attempts').notNull().default(0),
    inputs: jsonb('inputs').$type<Record<string, unknown>>().notNull(),
    engineVersion: text('engine_version').notNull(),
    ruleSetVersion: text('rule_set_version'),
    error: jsonb('error').$type<{ code: string; message: string }>(),
    createdAt: createdAt(),
    startedAt: timestamp('started_at', { withTimezone: true, mode: 'date' }),
    finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'date' }),
  },
  (table) => [
    index('analysis_runs_patient_id_idx').on(table.patientId),
    index('analysis_runs_status_idx').on(table.status),
    index('analysis_runs_patient_kind_idx').on(table.patientId, table.kind),
  ],
);

/** A result of a run: a JSON document named by its schema and version. */
export const analysisResults = pgTable(
  'analysis_results',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    runId: uuid('run_id')
      .notNull()
      .references(() => analysisRuns.id, { onDelete: 'cascade' }),
    schemaName: text('schema_name').notNull(),
    schemaVersion: text('schema_version').notNull(),
    payload: jsonb('payload').$type<unknown>().notNull(),
    /** The result with the reader's edits applied (null without edits); `payload` stays the automatic result. */
    editedPayload: jsonb('edited_payload').$type<unknown>(),
    createdAt: createdAt(),
  },
  (table) => [
    index('analysis_results_run_id_idx').on(table.runId),
    uniqueIndex('analysis_results_run_schema_idx').on(table.runId, table.schemaName),
  ],
);

/** A lesion followed across time points, identified by its DICOM Tracking UID. */
export const lesionTracks = pgTable(
  'lesion_tracks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    patientId: patientId(),
    trackingUid: text('tracking_uid').notNull().unique(),
    label: text('label').notNull(),
    createdAt: createdAt(),
  },
  (table) => [index('lesion_tracks_patient_id_idx').on(table.patientId)],
);

/** A lesion seen in one study (automatic when `runId` is set); the core lesion record in `payload`. */
export const lesions = pgTable(
  'lesions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    patientId: patientId(),
    trackId: uuid('track_id').references(() => lesionTracks.id, { onDelete: 'set null' }),
    studyId: uuid('study_id').references(() => studies.id, { onDelete: 'cascade' }),
    runId: uuid('run_id').references(() => analysisRuns.id, { onDelete: 'cascade' }),
    payload: jsonb('payload').$type<Lesion>().notNull(),
    createdAt: createdAt(),
  },
  (table) => [index('lesions_patient_id_idx').on(table.patientId), index('lesions_track_id_idx').on(table.trackId)],
);

/** A measured quantity of a lesion or of the patient (core measurement schema, in typed columns). */
export const measurements = pgTable(
  'measurements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    patientId: patientId(),
    lesionId: uuid('lesion_id').references(() => lesions.id, { onDelete: 'cascade' }),
    studyId: uuid('study_id').references(() => studies.id, { onDelete: 'cascade' }),
    runId: uuid('run_id').references(() => analysisRuns.id, { onDelete: 'cascade' }),
    quantity: text('quantity').notNull(),
    value: doublePrecision('value').notNull(),
    unit: text('unit').notNull(),
    method: text('method'),
    createdAt: createdAt(),
  },
  (table) => [
    index('measurements_patient_id_idx').on(table.patientId),
    index('measurements_lesion_id_idx').on(table.lesionId),
  ],
);

/** Treatments (core treatment schema in `payload`; kind and dates typed for the timeline). */
export const treatments = pgTable(
  'treatments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    patientId: patientId(),
    kind: text('kind', { enum: ['systemic', 'bone_targeted_agent', 'radiotherapy', 'procedure'] }).notNull(),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    endDate: date('end_date', { mode: 'string' }),
    payload: jsonb('payload').$type<Treatment>().notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [index('treatments_patient_id_idx').on(table.patientId, table.startDate)],
);

/** Skeletal-related events and hypercalcaemia (core skeletal event schema in `payload`). */
export const skeletalEvents = pgTable(
  'skeletal_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    patientId: patientId(),
    kind: text('kind').notNull(),
    eventDate: date('event_date', { mode: 'string' }).notNull(),
    payload: jsonb('payload').$type<SkeletalEvent>().notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [index('skeletal_events_patient_id_idx').on(table.patientId, table.eventDate)],
);

/** Laboratory values, one analyte each, with the unit as entered. */
export const labs = pgTable(
  'labs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    patientId: patientId(),
    analyte: text('analyte').notNull(),
    sampledOn: date('sampled_on', { mode: 'string' }).notNull(),
    value: doublePrecision('value').notNull(),
    unit: text('unit').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [index('labs_patient_id_idx').on(table.patientId, table.analyte, table.sampledOn)],
);

/** Pain scores (numeric rating scale 0-10) with the regular opioids at that date. */
export const painScores = pgTable(
  'pain_scores',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    patientId: patientId(),
    assessedOn: date('assessed_on', { mode: 'string' }).notNull(),
    worstPain: smallint('worst_pain').notNull(),
    opioids: jsonb('opioids').$type<OpioidDose[]>().notNull(),
    oralMorphineEquivalentMgPerDay: doublePrecision('oral_morphine_equivalent_mg_per_day').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [index('pain_scores_patient_id_idx').on(table.patientId, table.assessedOn)],
);

/** Recommendation reports, stored with the rule-set version that produced them. */
export const recommendations = pgTable(
  'recommendations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    patientId: patientId(),
    runId: uuid('run_id').references(() => analysisRuns.id, { onDelete: 'set null' }),
    ruleSetVersion: text('rule_set_version').notNull(),
    assessmentDate: date('assessment_date', { mode: 'string' }).notNull(),
    payload: jsonb('payload').$type<unknown>().notNull(),
    createdAt: createdAt(),
  },
  (table) => [index('recommendations_patient_id_idx').on(table.patientId)],
);

export const readerEditActions = ['confirm', 'reject', 'add', 'modify'] as const;

/** A reader's correction of an automatic result, kept apart so that the automatic result stays as it was. */
export const readerEdits = pgTable(
  'reader_edits',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    patientId: patientId(),
    resultId: uuid('result_id').references(() => analysisResults.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    action: text('action', { enum: readerEditActions }).notNull(),
    target: text('target').notNull(),
    payload: jsonb('payload').$type<unknown>().notNull(),
    createdAt: createdAt(),
  },
  (table) => [
    index('reader_edits_patient_id_idx').on(table.patientId),
    index('reader_edits_result_id_idx').on(table.resultId, table.createdAt),
  ],
);

export const auditOutcomes = ['success', 'denied', 'failed'] as const;
export type AuditOutcome = (typeof auditOutcomes)[number];

/**
 * Audit trail: who (user id and name at the time), what (action, resource), which patient (pseudonym),
 * when, from where (client address) and the outcome. Rows are never updated; users may be deleted, their
 * audit rows stay (no foreign key).
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    occurredAt: timestamp('occurred_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    userId: uuid('user_id'),
    username: text('username'),
    role: text('role'),
    action: text('action').notNull(),
    resourceType: text('resource_type').notNull(),
    resourceId: text('resource_id'),
    patientResearchId: text('patient_research_id'),
    ip: text('ip'),
    outcome: text('outcome', { enum: auditOutcomes }).notNull(),
  },
  (table) => [
    index('audit_events_occurred_at_idx').on(table.occurredAt),
    index('audit_events_patient_idx').on(table.patientResearchId),
    index('audit_events_user_idx').on(table.userId),
  ],
);

/** Applied migrations (written by the migration runner). */
export const schemaMigrations = pgTable('schema_migrations', {
  version: integer('version').primaryKey(),
  name: text('name').notNull(),
  sha256: text('sha256').notNull(),
  appliedAt: timestamp('applied_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});
