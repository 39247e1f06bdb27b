import { createInProcessRunner, type JobDispatcher } from './in-process-runner.js';
import type { JobContext } from './job-context.js';
import { createJobQueue } from './job-queue.js';

/** Where the server sends jobs: the BullMQ queue when REDIS_URL is set, the in-process runner otherwise. */
export function createJobDispatcher(context: JobContext): JobDispatcher {
  const { config } = context;
  if (config.redisUrl !== undefined) {
    return createJobQueue({ redisUrl: config.redisUrl, attempts: config.jobAttempts });
  }
  return createInProcessRunner(context, { concurrency: config.jobConcurrency, queueLimit: config.jobQueueLimit });
}
