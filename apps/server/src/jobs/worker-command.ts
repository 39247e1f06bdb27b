import { migrate } from '../db/migrate.js';
import { openDatabase } from '../db/open-database.js';
import { BonemetError } from '@bonemet/core';
import type { ServerConfig } from '../config.js';
import { redisDisplayAddress } from './job-queue.js';
import { startQueueWorker, type QueueWorkerOptions } from './queue-worker.js';

/** Exit status of a worker stopped by a second signal before its running jobs ended. */
export const EXIT_WORKER_INTERRUPTED = 1;

/**
 * `main.js worker`: runs queued jobs until SIGTERM or SIGINT. The first signal stops taking jobs and waits
 * for the running ones to end, then exits with status 0. A second signal exits at once (status 1): BullMQ
 * queues the interrupted jobs again when their lock expires, and another worker runs them.
 */
export async function runWorkerCommand(
  config: ServerConfig,
  options: Partial<QueueWorkerOptions> = {},
): Promise<number> {
  const log = options.log ?? ((line: string): void => void process.stdout.write(`bonemet worker: ${line}\n`));
  if (config.databaseUrl === undefined || config.redisUrl === undefined) {
    throw new BonemetError('invalid_input', 'the worker needs DATABASE_URL and REDIS_URL', {
      issues: [
        ...(config.databaseUrl === undefined
          ? [{ path: ['DATABASE_URL'], message: 'not set', hint: 'the PostgreSQL server the bonemet server uses' }]
          : []),
        ...(config.redisUrl === undefined
          ? [{ path: ['REDIS_URL'], message: 'not set', hint: 'the Redis server the bonemet server queues jobs on' }]
          : []),
      ],
    });
  }
  const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await migrate(handle.db);
  const worker = startQueueWorker(
    { db: handle.db, config },
    { log, ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }) },
  );
  await worker.waitUntilReady();
  log(
    `ready: queue on ${redisDisplayAddress(config.redisUrl)}, ${String(config.jobConcurrency)} jobs at a time (pid ${String(process.pid)})`,
  );
  const status = await new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (signal: NodeJS.Signals): void => {
      if (stopping) {
        log(`${signal} again: stopping now; the running jobs go back to the queue when their lock expires`);
        void worker.close(true).finally(() => {
          resolve(EXIT_WORKER_INTERRUPTED);
        });
        return;
      }
      stopping = true;
      log(`${signal}: taking no new job, finishing the running ones (send it again to stop at once)`);
      void worker.close().finally(() => {
        resolve(0);
      });
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  });
  if (status === 0) {
    await handle.close();
    log('stopped');
  }
  return status;
}
