import { Queue } from 'bullmq';
import { z } from 'zod';
import type { JobDispatcher } from './in-process-runner.js';

/** The BullMQ queue that the server fills and the worker processes empty. */
export const JOB_QUEUE_NAME = 'bonemet-jobs';

/** What a queued job carries: only the job row's id; inputs and results stay in the database. */
export const queuedJobSchema = z.strictObject({ runId: z.uuid().describe('analysis_runs.id') });
export type QueuedJob = z.output<typeof queuedJobSchema>;

export interface JobQueueOptions {
  readonly redisUrl: string;
  /** Times a job is run when its runner fails to reach the database (BullMQ retries, exponential backoff). */
  readonly attempts: number;
}

/** The Redis address without credentials, for log lines. */
export function redisDisplayAddress(redisUrl: string): string {
  const url = new URL(redisUrl);
  return `${url.protocol}//${url.host}${url.pathname === '/' ? '' : url.pathname}`;
}

/**
 * Sends jobs to the BullMQ queue on Redis. The BullMQ job id is the job row's id, so sending the same job
 * twice queues it once. Finished queue entries are dropped after a day (completed) or a month (failed): the
 * job table is the record.
 */
export function createJobQueue(options: JobQueueOptions): JobDispatcher {
  const queue = new Queue<QueuedJob>(JOB_QUEUE_NAME, { connection: { url: options.redisUrl } });
  // Connection errors reach the caller of `add`; without a listener they would also end the process.
  queue.on('error', () => undefined);
  return {
    enqueue: async (runId) => {
      await queue.add(
        'run',
        { runId },
        {
          jobId: runId,
          attempts: options.attempts,
          backoff: { type: 'exponential', delay: 1000 },
          removeOnComplete: { age: 86_400 },
          removeOnFail: { age: 30 * 86_400 },
        },
      );
    },
    close: async () => {
      // BullMQ creates its Redis client asynchronously; closing before it exists would fail.
      await queue.waitUntilReady().catch(() => undefined);
      await queue.close();
    },
  };
}
