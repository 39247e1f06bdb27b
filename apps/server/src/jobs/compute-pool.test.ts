import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BonemetError } from '@bonemet/core';
import { generateBoneScanPhantom, writeBoneScanPhantom } from '@bonemet/phantoms';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { studies } from '../db/schema.js';
import { insertPatient, type PatientRow } from '../patients/patient-store.js';
import { STOW_CONTENT_TYPE, stowBody } from '../test-support/stow.js';
import { startTestApp, userClient, type Client, type TestApp } from '../test-support/test-app.js';
import { computeBoneScanAnalysis } from './bonescan-compute.js';
import { transferableBuffers } from './compute-messages.js';
import {
  closeSharedComputePool,
  computeWorkersFromEnv,
  createComputePool,
  defaultComputeWorkerUrl,
  sharedComputePool,
  workerExecArgv,
} from './compute-pool.js';
import { findJob } from './job-store.js';

// The compute pool runs the real worker from the build (apps/server/dist/jobs/compute-worker.js, which
// imports the built packages): Node cannot start a TypeScript worker, so these tests need `npx tsc -b` first.
// Nothing here falls back to computing in the test's thread. The crash and close tests use a small worker
// written below that speaks the same messages, so that a crash can be caused on purpose.

let folder = '';

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'bonemet-compute-pool-'));
});

afterAll(async () => {
  await closeSharedComputePool();
  await rm(folder, { recursive: true, force: true });
});

/** A worker with the pool's message protocol: `crash` throws outside any handler, `oom` fills the heap, `hang` never answers, anything else is echoed. */
const SCRIPTED_WORKER = `
import { parentPort } from 'node:worker_threads';
parentPort.on('message', ({ id, input }) => {
  const mode = input.fileNames[0];
  if (mode === 'crash') setImmediate(() => { throw new Error('scripted crash'); });
  else if (mode === 'oom') { const kept = []; for (;;) kept.push(new Array(1e6).fill(mode)); }
  else if (mode === 'hang') return;
  else parentPort.postMessage({ id, kind: 'result', output: { echoed: mode } });
});
`;

async function scriptedWorkerUrl(): Promise<URL> {
  const file = join(folder, 'scripted-worker.mjs');
  await writeFile(file, SCRIPTED_WORKER);
  return pathToFileURL(file);
}

const scripted = (mode: string): { files: []; fileNames: [string] } => ({ files: [], fileNames: [mode] });

describe('computeWorkersFromEnv', () => {
  it('is 1 when unset and the given count from 1 to the cores', () => {
    expect(computeWorkersFromEnv({}, 2)).toBe(1);
    expect(computeWorkersFromEnv({ BONEMET_COMPUTE_WORKERS: '2' }, 2)).toBe(2);
    expect(computeWorkersFromEnv({ BONEMET_COMPUTE_WORKERS: '1' }, 4)).toBe(1);
  });

  it.each(['0', '3', '1.5', 'two', '-1'])('refuses %j on a 2-core machine, naming the variable', (value) => {
    let caught: unknown;
    try {
      computeWorkersFromEnv({ BONEMET_COMPUTE_WORKERS: value }, 2);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(BonemetError);
    expect(caught).toMatchObject({ code: 'invalid_input', issues: [{ path: ['BONEMET_COMPUTE_WORKERS'] }] });
  });
});

describe('workerExecArgv', () => {
  it('drops only the source condition, in both spellings', () => {
    expect(
      workerExecArgv([
        '--require',
        'x.cjs',
        '--conditions',
        '@bonemet/source',
        '--conditions',
        'node',
        '--conditions=@bonemet/source',
        '-C',
        '@bonemet/source',
      ]),
    ).toEqual(['--require', 'x.cjs', '--conditions', 'node']);
  });
});

describe('transferableBuffers', () => {
  it('moves buffers viewed whole, once each, and copies views on part of a buffer', () => {
    const whole = new Uint8Array(8);
    const shared = new ArrayBuffer(16);
    const part = new Uint8Array(shared, 4, 4);
    const again = new Float32Array(whole.buffer);
    const found = transferableBuffers({ a: whole, b: [part, { c: again }], d: new Map([['e', new Uint16Array(2)]]) });
    expect(found).toHaveLength(2);
    expect(found).toContain(whole.buffer);
    expect(found).not.toContain(shared);
  });
});

describe('the compute pool with the built worker', () => {
  it('brings a BonemetError thrown in the worker back with its code and issues, having moved the input', async () => {
    const pool = createComputePool();
    try {
      // Ten zero bytes: no "DICM" at byte 128 (DICOM PS3.10 §7.1), no PNG or TIFF signature, not JSON.
      const bytes = new Uint8Array(10);
      const running = pool.run('bonescan-analyze', { files: [{ bytes, source: 'ten zero bytes' }], fileNames: ['z'] });
      // Moved to the worker, not copied: the buffer is detached here.
      expect(bytes.byteLength).toBe(0);
      const error = await running.catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(BonemetError);
      expect(error).toMatchObject({ code: 'malformed_input' });
      expect((error as BonemetError).message).toContain('neither DICOM Part 10');
      // The same error as the same computation throws in this thread: code, message and issues.
      let inline: unknown;
      try {
        computeBoneScanAnalysis(
          { files: [{ bytes: new Uint8Array(10), source: 'ten zero bytes' }], fileNames: ['z'] },
          () => undefined,
        );
      } catch (caught) {
        inline = caught;
      }
      expect((error as BonemetError).toJSON()).toEqual((inline as BonemetError).toJSON());
      expect((error as BonemetError).issues.length).toBeGreaterThan(0);
      expect(pool.stats()).toEqual({ workers: 1, running: 0, waiting: 0, crashed: 0 });
    } finally {
      await pool.close();
    }
    expect(pool.stats().workers).toBe(0);
  }, 60_000);

  it('refuses to start without the built worker, saying how to build it', async () => {
    const pool = createComputePool({ workerUrl: new URL('./missing-compute-worker.js', defaultComputeWorkerUrl()) });
    await expect(pool.run('bonescan-analyze', scripted('x'))).rejects.toMatchObject({ code: 'not_found' });
    await pool.close();
  });

  it('lets a process that used the pool exit by itself (idle workers do not hold it)', async () => {
    const script = join(folder, 'uses-pool.mjs');
    await writeFile(
      script,
      `import { createComputePool } from ${JSON.stringify(new URL('./compute-pool.js', defaultComputeWorkerUrl()).href)};
const pool = createComputePool();
const error = await pool.run('bonescan-analyze', { files: [{ bytes: new Uint8Array(4), source: 'x' }], fileNames: ['x'] }).catch((e) => e);
process.stdout.write(error.code + '\\n');
`,
    );
    const child = spawn(process.execPath, [script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    try {
      const exitCode = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      expect(exitCode).toBe(0);
      expect(output.trim()).toBe('malformed_input');
    } finally {
      if (child.exitCode === null && child.pid !== undefined) process.kill(child.pid, 'SIGKILL');
    }
  }, 60_000);
});

describe('the compute pool when a worker stops', () => {
  it('fails the task of a crashed worker with the reason and replaces the worker for the next task', async () => {
    const pool = createComputePool({ workerUrl: await scriptedWorkerUrl() });
    try {
      const error = await pool.run('bonescan-analyze', scripted('crash')).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toBe(
        'the bonescan-analyze computation did not finish: its worker thread stopped (exit code 1: scripted crash)',
      );
      expect(pool.stats()).toMatchObject({ workers: 0, crashed: 1 });
      expect(await pool.run('bonescan-analyze', scripted('after'))).toEqual({ echoed: 'after' });
      expect(pool.stats()).toMatchObject({ workers: 1, crashed: 1 });
    } finally {
      await pool.close();
    }
  }, 60_000);

  it('fails the task of a worker out of memory and keeps serving', async () => {
    const pool = createComputePool({
      workerUrl: await scriptedWorkerUrl(),
      resourceLimits: { maxOldGenerationSizeMb: 32, maxYoungGenerationSizeMb: 8 },
    });
    try {
      const error = await pool.run('bonescan-analyze', scripted('oom')).catch((caught: unknown) => caught);
      expect((error as Error).message).toMatch(
        /^the bonescan-analyze computation did not finish: its worker thread stopped/,
      );
      expect((error as Error).message).toContain('out of memory');
      expect(await pool.run('bonescan-analyze', scripted('next'))).toEqual({ echoed: 'next' });
    } finally {
      await pool.close();
    }
  }, 60_000);

  it('close rejects the running and the waiting task, stops the workers and refuses new tasks', async () => {
    const pool = createComputePool({ workerUrl: await scriptedWorkerUrl() });
    const running = pool.run('bonescan-analyze', scripted('hang')).catch((caught: unknown) => caught);
    const waiting = pool.run('bonescan-analyze', scripted('later')).catch((caught: unknown) => caught);
    expect(pool.stats()).toEqual({ workers: 1, running: 1, waiting: 1, crashed: 0 });
    await pool.close();
    expect(((await running) as Error).message).toBe(
      'the bonescan-analyze computation did not finish: the compute pool was closed',
    );
    expect(await waiting).toMatchObject({ code: 'unsupported' });
    expect(pool.stats()).toEqual({ workers: 0, running: 0, waiting: 0, crashed: 0 });
    await expect(pool.run('bonescan-analyze', scripted('x'))).rejects.toMatchObject({ code: 'unsupported' });
  }, 60_000);
});

describe('bone-scan jobs in the shared pool (embedded database)', () => {
  let testApp: TestApp;
  let clinician: Client;
  let patient: PatientRow;

  beforeAll(async () => {
    testApp = await startTestApp({ BONEMET_DATA_DIR: join(folder, 'data'), BONEMET_JOB_CONCURRENCY: '1' });
    clinician = await userClient(testApp, 'clin', 'clinician');
    patient = await insertPatient(testApp.handle.db, {
      mrn: 'SYNTHETIC-CP1',
      familyName: 'Phantom',
      givenName: 'Pool',
      sex: 'female',
      synthetic: true,
    });
  }, 60_000);

  afterAll(async () => {
    await testApp.close();
  });

  async function uploadPhantom(totalCountsPerView: number, seed: number): Promise<string> {
    const phantom = generateBoneScanPhantom({
      seed,
      totalCountsPerView,
      metastases: 1,
      lyticMetastases: 0,
      ribFractures: 0,
      degenerativeJoints: false,
      superscan: false,
    });
    const written = await writeBoneScanPhantom(phantom, join(folder, `phantom-${String(seed)}`));
    const studiesOfPatient = async (): Promise<{ id: string }[]> =>
      testApp.handle.db.select({ id: studies.id }).from(studies).where(eq(studies.patientId, patient.id));
    const before = new Set((await studiesOfPatient()).map((row) => row.id));
    const upload = await testApp.app.inject({
      method: 'POST',
      url: `/api/patients/${patient.researchId}/studies?assign=true`,
      headers: { ...clinician.headers, 'content-type': STOW_CONTENT_TYPE },
      payload: stowBody([await readFile(written.nmFile)]),
    });
    expect(upload.statusCode).toBe(200);
    const study = (await studiesOfPatient()).find((row) => !before.has(row.id));
    if (study === undefined) throw new Error('the phantom study was not stored');
    return study.id;
  }

  async function startJob(studyId: string): Promise<string> {
    const response = await testApp.app.inject({
      method: 'POST',
      url: `/api/patients/${patient.researchId}/jobs`,
      headers: clinician.headers,
      payload: { kind: 'bonescan-analyze', inputs: { studyId } },
    });
    expect(response.statusCode).toBe(202);
    return response.json<{ id: string }>().id;
  }

  /** Waits (polling, no deadline of its own) until `check` holds. */
  async function until(check: () => Promise<boolean> | boolean): Promise<void> {
    while (!(await check())) await new Promise((resolve) => setTimeout(resolve, 20));
  }

  const ended = async (id: string): Promise<boolean> => {
    const job = await findJob(testApp.handle.db, id);
    return job?.status === 'succeeded' || job?.status === 'failed';
  };

  it('answers /api/health while the analysis computes, before the job ends', async () => {
    const id = await startJob(await uploadPhantom(2_000_000, 21));
    // The analysis has been handed to the pool's worker.
    await until(async () => {
      const job = await findJob(testApp.handle.db, id);
      return job?.stage.startsWith('analysing') === true && sharedComputePool().stats().running === 1;
    });
    const health = await testApp.app.inject({ method: 'GET', url: '/api/health' });
    expect(health.statusCode).toBe(200);
    // Answered while the job is still computing: the event loop was free.
    expect(await findJob(testApp.handle.db, id)).toMatchObject({ status: 'running' });
    expect(sharedComputePool().stats().running).toBe(1);
    await until(() => ended(id));
    const job = await findJob(testApp.handle.db, id);
    expect(job).toMatchObject({ status: 'succeeded', error: null });
  }, 120_000);

  it('fails the job with the code of the BonemetError thrown in the worker (too few counts)', async () => {
    // 400 000 expected counts per view (Poisson: ± 632), below the 0.5 million floor under which the pipeline
    // refuses to quantify (Anand 2016, packages/bonescan count-quality.ts): invalid_input.
    const id = await startJob(await uploadPhantom(400_000, 22));
    await until(() => ended(id));
    const job = await findJob(testApp.handle.db, id);
    expect(job?.status).toBe('failed');
    expect(job?.error?.code).toBe('invalid_input');
    expect(job?.error?.message).toContain('too few counts');
  }, 120_000);
});
