import { BonemetError } from '@bonemet/core';
import type { JobContext } from './job-context.js';
import { executeJob, type ExecuteJobOptions } from './execute-job.js';

/** Sends jobs to be run: in this process, or to BullMQ workers. */
export interface JobDispatcher {
  enqueue(runId: string): Promise<void>;
  /** Waits for running jobs to end (in-process) or closes the queue connection. */
  close(): Promise<void>;
}

export interface InProcessRunnerOptions extends ExecuteJobOptions {
  readonly concurrency: number;
  /** Jobs waiting beyond this are refused (the queue is bounded so memory is too). */
  readonly queueLimit: number;
}

/**
 * Runs jobs inside the server process, at most `concurrency` at a time, in the order they were queued.
 * A job queued while the server stops is left `queued` in the database.
 */
export function createInProcessRunner(
  context: JobContext,
  options: InProcessRunnerOptions,
): JobDispatcher & {
  /** Resolves when no job is running or waiting. */
  idle(): Promise<void>;
} {
  const waiting: string[] = [];
  const running = new Set<Promise<void>>();
  let closed = false;
  let idleWaiters: (() => void)[] = [];

  const pump = (): void => {
    while (!closed && running.size < options.concurrency) {
      const next = waiting.shift();
      if (next === undefined) break;
      const task = executeJob(context, next, options)
        .catch(() => undefined)
        .finally(() => {
          running.delete(task);
          pump();
        });
      running.add(task);
    }
    if (running.size === 0 && waiting.length === 0) {
      const waiters = idleWaiters;
      idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  };

  return {
    enqueue: (runId) => {
      if (closed) return Promise.reject(new BonemetError('unsupported', 'the job runner is stopping'));
      if (waiting.length >= options.queueLimit) {
        return Promise.reject(
          new BonemetError('unsupported', `the job queue is full (${String(options.queueLimit)} jobs waiting)`, {
            issues: [{ path: ['BONEMET_JOB_QUEUE_LIMIT'], message: 'try again later, or raise the limit' }],
          }),
        );
      }
      waiting.push(runId);
      queueMicrotask(pump);
      return Promise.resolve();
    },
    idle: () =>
      new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
        queueMicrotask(pump);
      }),
    close: async () => {
      closed = true;
      await Promise.all([...running]);
    },
  };
}
