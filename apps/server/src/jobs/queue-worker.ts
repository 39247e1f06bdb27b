import { BonemetError } from '@bonemet/core';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { executeJob, type ExecuteJobOptions } from './execute-job.js';
import type { JobContext } from './job-context.js';
import { JOB_QUEUE_NAME, queuedJobSchema, type QueuedJob } from './job-queue.js';
import { failJob } from './job-store.js';

export interface QueueWorkerOptions {
  /** Called after each progress report is saved (tests pause a job here); see `ExecuteJobOptions`. */
  readonly onProgress?: ExecuteJobOptions['onProgress'];
  /** Where the worker reports what it does (job ids and outcomes only, no patient data). */
  readonly log: (line: string) => void;
}

/**
 * A BullMQ worker that runs the queued jobs with `executeJob`, `config.jobConcurrency` at a time.
 *
 * Exactly-once effects rest on the database, not on the queue. BullMQ holds a lock per running job that the
 * worker renews every `jobLockMs / 2`; a worker that dies stops renewing, and another worker's stalled check
 * (every `jobStalledIntervalMs`) queues the job again. The job then runs again from the start: each start
 * counts one attempt in the job row; stored instances are unique by SOPInstanceUID and results by (run,
 * schema), so a repeated step stores nothing twice; a job already ended is not run again; a job started
 * `jobAttempts` times is marked failed with the reason (BullMQ may redeliver it up to that many times, so the
 * job row, not the queue, decides). A job whose runner could not reach the database is retried by BullMQ
 * with exponential backoff and, after its last attempt, marked failed when the database answers.
 */
export function startQueueWorker(context: JobContext, options: QueueWorkerOptions): Worker<QueuedJob> {
  const { config } = context;
  if (config.redisUrl === undefined) {
    throw new BonemetError('invalid_input', 'the worker needs REDIS_URL (the job queue)', {
      issues: [{ path: ['REDIS_URL'], message: 'not set', hint: 'set it to the Redis server of the job queue' }],
    });
  }
  const worker = new Worker<QueuedJob>(
    JOB_QUEUE_NAME,
    async (job: Job<QueuedJob>) => {
      const parsed = queuedJobSchema.safeParse(job.data);
      if (!parsed.success) throw new UnrecoverableError('the queued job does not name a job row (runId)');
      options.log(`job ${parsed.data.runId}: started (queue delivery ${String(job.attemptsStarted)})`);
      await executeJob(context, parsed.data.runId, {
        maxAttempts: config.jobAttempts,
        ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
      });
      options.log(`job ${parsed.data.runId}: ended`);
    },
    {
      // BullMQ's blocking connection must retry for ever (maxRetriesPerRequest: null).
      connection: { url: config.redisUrl, maxRetriesPerRequest: null },
      concurrency: config.jobConcurrency,
      lockDuration: config.jobLockMs,
      stalledInterval: config.jobStalledIntervalMs,
      maxStalledCount: config.jobAttempts,
    },
  );
  worker.on('failed', (job, error) => {
    if (job === undefined) return;
    const parsed = queuedJobSchema.safeParse(job.data);
    if (!parsed.success) return;
    const last = job.attemptsMade >= (job.opts.attempts ?? 1);
    options.log(`job ${parsed.data.runId}: runner error${last ? ', no attempt left' : ', will retry'}`);
    if (!last) return;
    failJob(context.db, parsed.data.runId, {
      code: 'io_error',
      message: `the job could not be run after ${String(job.attemptsMade)} attempts: ${error.message}`,
    }).catch(() => {
      options.log(`job ${parsed.data.runId}: could not be marked failed (database unreachable)`);
    });
  });
  worker.on('stalled', (jobId) => {
    options.log(`job ${jobId}: its worker stopped or lost the lock; queued again`);
  });
  worker.on('error', (error) => {
    options.log(`queue error: ${error.message}`);
  });
  return worker;
}
