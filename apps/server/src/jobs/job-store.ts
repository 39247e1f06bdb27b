import { and, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Database } from '../db/open-database.js';
import { analysisResults, analysisRuns, type AnalysisKind } from '../db/schema.js';

export type JobRow = typeof analysisRuns.$inferSelect;

/** Version of the job engine recorded with each run. */
export const JOB_ENGINE_VERSION = '0.1.0';

export async function createJob(
  db: Database,
  job: { readonly patientId: string; readonly kind: AnalysisKind; readonly inputs: Record<string, unknown> },
): Promise<JobRow> {
  const [row] = await db
    .insert(analysisRuns)
    .values({ ...job, engineVersion: JOB_ENGINE_VERSION, stage: 'queued' })
    .returning();
  if (row === undefined) throw new Error('job insert returned no row');
  return row;
}

export async function findJob(db: Database, id: string): Promise<JobRow | undefined> {
  const [row] = await db.select().from(analysisRuns).where(eq(analysisRuns.id, id));
  return row;
}

export async function listPatientJobs(db: Database, patientId: string): Promise<JobRow[]> {
  return db
    .select()
    .from(analysisRuns)
    .where(eq(analysisRuns.patientId, patientId))
    .orderBy(desc(analysisRuns.createdAt));
}

/** What `startJobAttempt` found: a job to run, a job already ended, or a job out of attempts. */
export type JobAttempt =
  | { readonly outcome: 'started'; readonly job: JobRow }
  | { readonly outcome: 'ended' }
  | { readonly outcome: 'exhausted'; readonly attempts: number };

/**
 * Marks a job running and counts the attempt, in one statement (two runners given the same job count two
 * attempts). A job that has already ended is not run again (a redelivered job that another runner
 * completed); a job started `maxAttempts` times already is not started again.
 */
export async function startJobAttempt(
  db: Database,
  id: string,
  maxAttempts = Number.POSITIVE_INFINITY,
): Promise<JobAttempt> {
  const unfinished = and(eq(analysisRuns.id, id), inArray(analysisRuns.status, ['queued', 'running']));
  const [row] = await db
    .update(analysisRuns)
    .set({
      status: 'running',
      attempts: sql`${analysisRuns.attempts} + 1`,
      startedAt: sql`coalesce(${analysisRuns.startedAt}, now())`,
      stage: 'started',
    })
    .where(Number.isFinite(maxAttempts) ? and(unfinished, lt(analysisRuns.attempts, maxAttempts)) : unfinished)
    .returning();
  if (row !== undefined) return { outcome: 'started', job: row };
  const [left] = await db.select({ attempts: analysisRuns.attempts }).from(analysisRuns).where(unfinished);
  return left === undefined ? { outcome: 'ended' } : { outcome: 'exhausted', attempts: left.attempts };
}

export async function reportJobProgress(db: Database, id: string, progress: number, stage: string): Promise<void> {
  await db
    .update(analysisRuns)
    .set({ progress: Math.min(1, Math.max(0, progress)), stage })
    .where(and(eq(analysisRuns.id, id), eq(analysisRuns.status, 'running')));
}

export async function finishJob(db: Database, id: string): Promise<void> {
  await db
    .update(analysisRuns)
    .set({ status: 'succeeded', progress: 1, stage: 'done', finishedAt: new Date() })
    .where(eq(analysisRuns.id, id));
}

/** Marks a job failed with its reason, unless it has already ended (a late report does not undo a success). */
export async function failJob(db: Database, id: string, error: { code: string; message: string }): Promise<void> {
  await db
    .update(analysisRuns)
    .set({ status: 'failed', stage: 'failed', error, finishedAt: new Date() })
    .where(and(eq(analysisRuns.id, id), inArray(analysisRuns.status, ['queued', 'running'])));
}

/**
 * Saves a run's result once: (run, schema name) is unique, so a job retried after a crash keeps the first
 * result and does not add a second one. Returns the stored result's id.
 */
export async function saveJobResult(
  db: Database,
  runId: string,
  schemaName: string,
  schemaVersion: string,
  payload: unknown,
): Promise<string> {
  await db
    .insert(analysisResults)
    .values({ runId, schemaName, schemaVersion, payload })
    .onConflictDoNothing({ target: [analysisResults.runId, analysisResults.schemaName] });
  const [row] = await db
    .select({ id: analysisResults.id })
    .from(analysisResults)
    .where(and(eq(analysisResults.runId, runId), eq(analysisResults.schemaName, schemaName)));
  if (row === undefined) throw new Error(`result ${schemaName} of run ${runId} was not stored`);
  return row.id;
}

export async function listJobResults(db: Database, runId: string): Promise<(typeof analysisResults.$inferSelect)[]> {
  return db.select().from(analysisResults).where(eq(analysisResults.runId, runId));
}
