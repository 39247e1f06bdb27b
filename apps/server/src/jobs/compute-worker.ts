/**
 * The entry of a compute worker thread (started by compute-pool.ts from the build, `dist/jobs/compute-worker.js`):
 * runs the named tasks of compute-tasks.ts one at a time as the pool sends them, reports their progress,
 * and sends back each result (its typed arrays' buffers moved, not copied) or the error it threw, as data.
 */
import { parentPort } from 'node:worker_threads';
import { isBonemetError } from '@bonemet/core';
import {
  transferableBuffers,
  type ComputeFailure,
  type ComputeReply,
  type ComputeRequest,
} from './compute-messages.js';
import { computeTasks, isComputeTaskName } from './compute-tasks.js';

function failureOf(error: unknown): ComputeFailure {
  if (isBonemetError(error)) {
    return { kind: 'bonemet', code: error.code, message: error.message, issues: error.issues };
  }
  if (error instanceof Error) return { kind: 'error', message: error.message, stack: error.stack };
  return { kind: 'error', message: String(error) };
}

function run(request: ComputeRequest, reply: (message: ComputeReply, transfer?: ArrayBuffer[]) => void): void {
  const { id, task } = request;
  try {
    if (!isComputeTaskName(task)) throw new Error(`no compute task named ${JSON.stringify(task)}`);
    const compute = computeTasks[task] as (
      input: unknown,
      progress: (fraction: number, stage: string) => void,
    ) => unknown;
    const output = compute(request.input, (fraction, stage) => {
      reply({ id, kind: 'progress', fraction, stage });
    });
    reply({ id, kind: 'result', output }, transferableBuffers(output));
  } catch (error) {
    reply({ id, kind: 'failure', failure: failureOf(error) });
  }
}

const port = parentPort;
if (port !== null) {
  port.on('message', (request: ComputeRequest) => {
    run(request, (message, transfer) => {
      port.postMessage(message, transfer);
    });
  });
}
