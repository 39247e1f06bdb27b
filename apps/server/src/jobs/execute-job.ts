import { isBonemetError } from '@bonemet/core';
import { ZodError } from 'zod';
import type { AnalysisKind } from '../db/schema.js';
import { runDicomwebPull } from './dicomweb-pull-job.js';
import type { JobContext, JobProgress } from './job-context.js';
import { failJob, finishJob, reportJobProgress, startJobAttempt } from './job-store.js';
import { runPetQuantify } from './pet-quantify-job.js';
import { runBonescanAnalyze } from './bonescan-job.js';
import { runResponseTimeline } from './response-timeline-job.js';

type JobHandler = (
  context: JobContext,
  runId: string,
  patientId: string,
  inputs: unknown,
  progress: JobProgress,
) => Promise<void>;

/** The job kinds that run now, by kind. */
export const jobHandlers: Partial<Record<AnalysisKind, JobHandler>> = {
  'pet-quantify': runPetQuantify,
  'bonescan-analyze': runBonescanAnalyze,
  'dicomweb-pull': runDicomwebPull,
  'response-timeline': runResponseTimeline,
};

export interface ExecuteJobOptions {
  /** Called after each progress report is saved (tests pause a job here). */
  readonly onProgress?: (runId: string, fraction: number, stage: string) => Promise<void>;
  /**
   * A job already started this many times is marked failed instead of run again (queue workers: each
   * redelivery after a worker died is an attempt). Unlimited when absent.
   */
  readonly maxAttempts?: number;
}

/**
 * Runs one job to its end: marks it running (counting the attempt), runs its kind's handler with progress
 * saved to the job row, then marks it succeeded or failed with the error's code and message. A job that has
 * already finished is not run again; one out of attempts is marked failed. Failures of the job are recorded, not thrown; a failure to reach the
 * database is thrown (the queue retries).
 */
export async function executeJob(context: JobContext, runId: string, options: ExecuteJobOptions = {}): Promise<void> {
  const attempt = await startJobAttempt(context.db, runId, options.maxAttempts);
  if (attempt.outcome === 'ended') return;
  if (attempt.outcome === 'exhausted') {
    await failJob(context.db, runId, {
      code: 'attempts_exhausted',
      message: `the job was started ${String(attempt.attempts)} times without finishing (each time its worker stopped or lost the job's lock); it is not started again`,
    });
    return;
  }
  const job = attempt.job;
  const handler = jobHandlers[job.kind];
  if (handler === undefined) {
    await failJob(context.db, runId, { code: 'unsupported', message: `no runner for jobs of kind ${job.kind}` });
    return;
  }
  const progress: JobProgress = async (fraction, stage) => {
    await reportJobProgress(context.db, runId, fraction, stage);
    await options.onProgress?.(runId, fraction, stage);
  };
  try {
    await handler(context, runId, job.patientId, job.inputs, progress);
  } catch (error) {
    if (isBonemetError(error)) {
      await failJob(context.db, runId, { code: error.code, message: error.message });
      return;
    }
    if (error instanceof ZodError) {
      await failJob(context.db, runId, { code: 'invalid_input', message: `invalid job inputs: ${error.message}` });
      return;
    }
    await failJob(context.db, runId, {
      code: 'internal_error',
      message: error instanceof Error ? error.message : String(error),
    });
    return;
  }
  await finishJob(context.db, runId);
}
