import { setTimeout as sleep } from 'node:timers/promises';
import { and, eq, inArray } from 'drizzle-orm';
import type { ServerConfig } from '../config.js';
import type { Database } from '../db/open-database.js';
import { analysisRuns } from '../db/schema.js';
import type { JobDispatcher } from '../jobs/in-process-runner.js';
import { queueJob, seedCohortImaging, type SeededTimePoint } from './cohort-imaging.js';
import type { CohortPatient } from './synthetic-cohort.js';

/** What the cohort's analyses came to. */
export interface CohortAnalysesReport {
  readonly studies: number;
  readonly newlyStoredFiles: number;
  readonly analyses: { readonly succeeded: number; readonly failed: number };
  readonly responseTimelines: { readonly succeeded: number; readonly failed: number };
}

const ENDED = new Set(['succeeded', 'failed', 'cancelled']);

/** Waits until every job of `runIds` has ended; returns how many succeeded. */
async function waitForRuns(
  db: Database,
  runIds: readonly string[],
  pollMs: number,
  signal: AbortSignal | undefined,
): Promise<number> {
  for (;;) {
    signal?.throwIfAborted();
    const rows =
      runIds.length === 0
        ? []
        : await db
            .select({ status: analysisRuns.status })
            .from(analysisRuns)
            .where(inArray(analysisRuns.id, [...runIds]));
    if (rows.every((row) => ENDED.has(row.status))) return rows.filter((row) => row.status === 'succeeded').length;
    await sleep(pollMs);
  }
}

/** The patient's response-timeline job: one already queued or done, else a new one. */
async function responseRun(db: Database, jobs: JobDispatcher, patientId: string): Promise<string> {
  const [existing] = await db
    .select({ id: analysisRuns.id })
    .from(analysisRuns)
    .where(
      and(
        eq(analysisRuns.patientId, patientId),
        eq(analysisRuns.kind, 'response-timeline'),
        inArray(analysisRuns.status, ['queued', 'running', 'succeeded']),
      ),
    );
  return existing?.id ?? queueJob(db, jobs, { patientId, kind: 'response-timeline', inputs: {} });
}

/**
 * Seeds the cohort's images and runs their analyses: every time point is stored and its analysis queued
 * (`seedCohortImaging`); once all analyses of a patient have ended, the patient's `response-timeline` job
 * is queued (it reads those analyses). Resolves when every job has ended. Jobs run wherever `jobs` sends
 * them (in this process, or on BullMQ workers). Aborting `signal` stops the seeding and the waiting (the
 * jobs already queued run on).
 */
export async function runCohortAnalyses(
  db: Database,
  config: ServerConfig,
  jobs: JobDispatcher,
  cohort: readonly CohortPatient[],
  options: { readonly pollMs?: number; readonly signal?: AbortSignal } = {},
): Promise<CohortAnalysesReport> {
  const pollMs = options.pollMs ?? 1000;
  const { signal } = options;
  const followers: Promise<{ analyses: number; analysesSucceeded: number; responseSucceeded: boolean }>[] = [];
  const follow = async (
    timePoints: readonly SeededTimePoint[],
  ): Promise<{ analyses: number; analysesSucceeded: number; responseSucceeded: boolean }> => {
    const runIds = timePoints.map((point) => point.runId);
    const analysesSucceeded = await waitForRuns(db, runIds, pollMs, signal);
    const patientId = timePoints[0]?.patientId;
    if (patientId === undefined) return { analyses: 0, analysesSucceeded: 0, responseSucceeded: false };
    const responseId = await responseRun(db, jobs, patientId);
    const responseSucceeded = (await waitForRuns(db, [responseId], pollMs, signal)) === 1;
    return { analyses: runIds.length, analysesSucceeded, responseSucceeded };
  };
  const seeded = await seedCohortImaging(db, config, jobs, cohort, {
    onPatient: (_patient, timePoints) => {
      const follower = follow(timePoints);
      // Awaited below; a failure before then (the run stopped) must not be an unhandled rejection.
      follower.catch(() => undefined);
      followers.push(follower);
    },
    ...(signal === undefined ? {} : { signal }),
  });
  const results = await Promise.all(followers);
  const analyses = results.reduce((sum, r) => sum + r.analyses, 0);
  const analysesSucceeded = results.reduce((sum, r) => sum + r.analysesSucceeded, 0);
  const responses = results.filter((r) => r.responseSucceeded).length;
  return {
    studies: seeded.length,
    newlyStoredFiles: seeded.reduce((sum, point) => sum + point.newlyStoredFiles, 0),
    analyses: { succeeded: analysesSucceeded, failed: analyses - analysesSucceeded },
    responseTimelines: { succeeded: responses, failed: results.length - responses },
  };
}
