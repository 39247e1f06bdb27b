/**
 * A small pool of worker threads for the analyses' pure computation (compute-tasks.ts), so that a bone-scan
 * analysis (seconds) or a PET quantification (longer) does not stop the server's event loop: the database
 * (PGlite lives in the main thread) and the files stay with the job, only the computation moves.
 *
 * Each worker runs one task at a time; tasks wait in order for a free worker. Inputs and outputs are
 * structured-cloneable; the buffers of typed arrays viewed whole are moved between threads, not copied. A
 * BonemetError thrown in a worker comes back as the same BonemetError (code, message, issues). A worker
 * that stops during a task (out of memory, a crash) fails that task with an error saying so, and the next
 * task starts a new worker. Idle workers do not keep the process alive (they are unreferenced), and
 * `close()` stops them all.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { BonemetError } from '@bonemet/core';
import {
  transferableBuffers,
  type ComputeFailure,
  type ComputeReply,
  type ComputeRequest,
} from './compute-messages.js';
import type { ComputeTaskInput, ComputeTaskName, ComputeTaskOutput } from './compute-tasks.js';

/** The environment variable that sets the number of compute workers (default 1, at most the core count). */
export const COMPUTE_WORKERS_VARIABLE = 'BONEMET_COMPUTE_WORKERS';

export interface ComputePoolOptions {
  /** Worker threads at most (default 1). */
  readonly workers?: number;
  /** The worker's entry module (default: `defaultComputeWorkerUrl()`). */
  readonly workerUrl?: URL;
  /** Heap limits of each worker (default: Node's). */
  readonly resourceLimits?: ResourceLimits;
}

export interface ComputeRunOptions {
  /** Receives the task's progress reports in order; the task's result waits for the last one to settle. */
  readonly onProgress?: (fraction: number, stage: string) => Promise<void> | void;
}

export interface ComputePoolStats {
  /** Worker threads alive now. */
  readonly workers: number;
  /** Tasks running in a worker now. */
  readonly running: number;
  /** Tasks waiting for a free worker. */
  readonly waiting: number;
  /** Workers that stopped during a task (and were replaced when more tasks came). */
  readonly crashed: number;
}

export interface ComputePool {
  /** Runs a named task in a worker; rejects with the task's error (a BonemetError keeps its code and issues). */
  run<Name extends ComputeTaskName>(
    task: Name,
    input: ComputeTaskInput<Name>,
    options?: ComputeRunOptions,
  ): Promise<ComputeTaskOutput<Name>>;
  stats(): ComputePoolStats;
  /** Stops every worker; tasks running or waiting are rejected. Resolves when all workers have exited. */
  close(): Promise<void>;
}

/**
 * The built worker entry: beside this module in `dist/jobs/`, or, when this module runs from its TypeScript
 * source (tests), the package's build of it (`npx tsc -b` first), since Node cannot start a `.ts` worker.
 */
export function defaultComputeWorkerUrl(): URL {
  const here = import.meta.url;
  return here.endsWith('.ts')
    ? new URL('../../dist/jobs/compute-worker.js', here)
    : new URL('./compute-worker.js', here);
}

/** The compute worker count from `BONEMET_COMPUTE_WORKERS`: a whole number from 1 to the core count, 1 when unset. */
export function computeWorkersFromEnv(env: NodeJS.ProcessEnv, cores: number = availableParallelism()): number {
  const raw = env[COMPUTE_WORKERS_VARIABLE];
  if (raw === undefined || raw.trim() === '') return 1;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > cores) {
    throw new BonemetError('invalid_input', `invalid ${COMPUTE_WORKERS_VARIABLE}: ${JSON.stringify(raw)}`, {
      issues: [
        {
          path: [COMPUTE_WORKERS_VARIABLE],
          message: `a whole number from 1 to ${String(cores)} (the cores of this machine)`,
          hint: 'the number of threads that run analyses; leave it unset for 1',
        },
      ],
    });
  }
  return value;
}

/** The export condition that maps workspace packages to their TypeScript sources (vitest.config.ts). */
const SOURCE_CONDITION = '@bonemet/source';

/**
 * This thread's Node options for a worker, without the source condition: the worker is a built module and
 * imports the built packages (Node cannot load their `.ts` sources). Tests run with that condition set.
 */
export function workerExecArgv(execArgv: readonly string[]): string[] {
  const kept: string[] = [];
  for (let index = 0; index < execArgv.length; index++) {
    const argument = execArgv[index] ?? '';
    if ((argument === '--conditions' || argument === '-C') && execArgv[index + 1] === SOURCE_CONDITION) {
      index++;
      continue;
    }
    if (argument === `--conditions=${SOURCE_CONDITION}` || argument === `-C=${SOURCE_CONDITION}`) continue;
    kept.push(argument);
  }
  return kept;
}

interface PendingTask {
  readonly request: ComputeRequest;
  readonly transfer: ArrayBuffer[];
  readonly onProgress: ComputeRunOptions['onProgress'];
  /** Progress reports forwarded so far, in order. */
  progressed: Promise<void>;
  readonly resolve: (output: unknown) => void;
  readonly reject: (error: unknown) => void;
}

interface Slot {
  readonly worker: Worker;
  task: PendingTask | undefined;
  /** The last error the worker raised (uncaught exception, out of memory), reported with its exit. */
  error: Error | undefined;
  stopping: boolean;
}

function errorOfFailure(failure: ComputeFailure): Error {
  if (failure.kind === 'bonemet') return new BonemetError(failure.code, failure.message, { issues: failure.issues });
  const error = new Error(failure.message);
  if (failure.stack !== undefined) error.stack = failure.stack;
  return error;
}

export function createComputePool(options: ComputePoolOptions = {}): ComputePool {
  const size = options.workers ?? 1;
  if (!Number.isInteger(size) || size < 1) {
    throw new BonemetError('invalid_input', `a compute pool needs at least one worker, not ${String(size)}`, {
      issues: [{ path: ['workers'], message: 'a whole number ≥ 1' }],
    });
  }
  const workerUrl = options.workerUrl ?? defaultComputeWorkerUrl();
  const slots = new Set<Slot>();
  const waiting: PendingTask[] = [];
  /** Resolve when each worker started and not yet exited has exited. */
  const exits = new Set<Promise<void>>();
  let nextId = 1;
  let crashed = 0;
  let closed = false;

  const settle = (task: PendingTask, outcome: { output: unknown } | { error: unknown }): void => {
    // The result waits for the progress reports already forwarded; a failed report fails the task.
    task.progressed.then(
      () => {
        if ('error' in outcome) task.reject(outcome.error);
        else task.resolve(outcome.output);
      },
      (error: unknown) => {
        task.reject(error);
      },
    );
  };

  const onReply = (slot: Slot, reply: ComputeReply): void => {
    const task = slot.task;
    if (task?.request.id !== reply.id) return;
    if (reply.kind === 'progress') {
      const report = task.onProgress;
      if (report !== undefined) task.progressed = task.progressed.then(() => report(reply.fraction, reply.stage));
      return;
    }
    slot.task = undefined;
    slot.worker.unref();
    settle(task, reply.kind === 'result' ? { output: reply.output } : { error: errorOfFailure(reply.failure) });
    pump();
  };

  const onExit = (slot: Slot, exitCode: number): void => {
    slots.delete(slot);
    const task = slot.task;
    slot.task = undefined;
    if (task !== undefined) {
      if (!slot.stopping) crashed++;
      const reason = slot.stopping
        ? 'the compute pool was closed'
        : `its worker thread stopped (exit code ${String(exitCode)}${slot.error === undefined ? '' : `: ${slot.error.message}`})`;
      settle(task, {
        error: new Error(`the ${task.request.task} computation did not finish: ${reason}`, { cause: slot.error }),
      });
    }
    pump();
  };

  const startWorker = (): Slot => {
    const worker = new Worker(workerUrl, {
      execArgv: workerExecArgv(process.execArgv),
      ...(options.resourceLimits === undefined ? {} : { resourceLimits: options.resourceLimits }),
    });
    const slot: Slot = { worker, task: undefined, error: undefined, stopping: false };
    worker.on('message', (reply: ComputeReply) => {
      onReply(slot, reply);
    });
    worker.on('error', (error) => {
      slot.error = error;
    });
    const exited = new Promise<void>((resolve) => {
      worker.once('exit', (exitCode) => {
        exits.delete(exited);
        onExit(slot, exitCode);
        resolve();
      });
    });
    exits.add(exited);
    slots.add(slot);
    return slot;
  };

  const dispatch = (slot: Slot, task: PendingTask): void => {
    slot.task = task;
    slot.worker.ref();
    try {
      slot.worker.postMessage(task.request, task.transfer);
    } catch (error) {
      // The input could not be cloned: the task fails, the worker stays free.
      slot.task = undefined;
      slot.worker.unref();
      settle(task, { error });
    }
  };

  function pump(): void {
    while (!closed && waiting.length > 0) {
      let free: Slot | undefined;
      for (const slot of slots) {
        if (slot.task === undefined && !slot.stopping) {
          free = slot;
          break;
        }
      }
      if (free === undefined && slots.size < size) free = startWorker();
      if (free === undefined) return;
      const task = waiting.shift();
      if (task === undefined) return;
      dispatch(free, task);
    }
  }

  return {
    run: <Name extends ComputeTaskName>(
      task: Name,
      input: ComputeTaskInput<Name>,
      runOptions: ComputeRunOptions = {},
    ): Promise<ComputeTaskOutput<Name>> => {
      if (closed) return Promise.reject(new BonemetError('unsupported', 'the compute pool is closed'));
      if (!existsSync(fileURLToPath(workerUrl))) {
        return Promise.reject(
          new BonemetError('not_found', `the compute worker ${fileURLToPath(workerUrl)} does not exist`, {
            issues: [{ path: ['workerUrl'], message: 'not built', hint: 'build the server first (npx tsc -b)' }],
          }),
        );
      }
      return new Promise<ComputeTaskOutput<Name>>((resolve, reject) => {
        waiting.push({
          request: { id: nextId++, task, input },
          transfer: transferableBuffers(input),
          onProgress: runOptions.onProgress,
          progressed: Promise.resolve(),
          resolve: resolve as (output: unknown) => void,
          reject,
        });
        pump();
      });
    },
    stats: () => {
      let running = 0;
      for (const slot of slots) if (slot.task !== undefined) running++;
      return { workers: slots.size, running, waiting: waiting.length, crashed };
    },
    close: async () => {
      closed = true;
      for (const task of waiting.splice(0)) {
        settle(task, { error: new BonemetError('unsupported', 'the compute pool was closed before the task started') });
      }
      for (const slot of slots) {
        slot.stopping = true;
        void slot.worker.terminate();
      }
      await Promise.all([...exits]);
    },
  };
}

let sharedOptions: ComputePoolOptions | undefined;
let shared: ComputePool | undefined;

/** Sets the options of the process's shared pool (created on first use); the server calls it at start. */
export function configureSharedComputePool(poolOptions: ComputePoolOptions): void {
  sharedOptions = poolOptions;
}

/**
 * The process's shared compute pool, which the analysis jobs use; created on first use with the configured
 * options, or with `BONEMET_COMPUTE_WORKERS` workers when none were configured.
 */
export function sharedComputePool(): ComputePool {
  shared ??= createComputePool(sharedOptions ?? { workers: computeWorkersFromEnv(process.env) });
  return shared;
}

/** Closes the shared pool (server shutdown); a later job creates a new one. */
export async function closeSharedComputePool(): Promise<void> {
  const pool = shared;
  shared = undefined;
  await pool?.close();
}
