// Queue mode end to end: the server on a real PostgreSQL sends a job to a real Redis (BullMQ); two worker
// processes run it; the one running the job is killed with SIGKILL mid-job and the other finishes it. The
// workers run the build output (`npx tsc -b` first, as `npm test` does): the killed one through
// test-support/paused-worker.mjs (the worker command with a hook that pauses half-way), the other as
// `node apps/server/dist/main.js worker`, the documented command.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { generatePetCtPhantom, writePetCtPhantom, type PetCtPhantom } from '@bonemet/phantoms';
import { Queue } from 'bullmq';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { migrate } from '../db/migrate.js';
import { openDatabase, type DatabaseHandle } from '../db/open-database.js';
import { analysisResults, analysisRuns, instances } from '../db/schema.js';
import { buildServer } from '../http/build-server.js';
import { insertPatient } from '../patients/patient-store.js';
import { startTestPostgres, type TestPostgres } from '../test-support/postgres-server.js';
import { startTestRedis, type TestRedis } from '../test-support/redis-server.js';
import { login, TEST_PASSWORD, type Client } from '../test-support/test-app.js';
import { createUser } from '../users/create-user.js';
import { JOB_QUEUE_NAME } from './job-queue.js';
import { phantomDicomFiles, STOW_CONTENT_TYPE, stowBody } from '../test-support/stow.js';

const SERVER_DIR = resolve(import.meta.dirname, '../..');
const BUILT_MAIN = join(SERVER_DIR, 'dist/main.js');
const PAUSED_WORKER = join(SERVER_DIR, 'src/test-support/paused-worker.mjs');

/** A spawned worker: its PID, everything it printed, and how it ended. */
interface WorkerProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  output(): string;
  waitFor(text: string, timeoutMs: number): Promise<void>;
  readonly exited: Promise<{ status: number | null; signal: NodeJS.Signals | null }>;
}

let folder = '';
let postgres: TestPostgres | undefined;
let redis: TestRedis | undefined;
let handle: DatabaseHandle | undefined;
let app: FastifyInstance | undefined;
let env: Record<string, string> = {};
const workers: WorkerProcess[] = [];

function spawnWorker(args: readonly string[]): WorkerProcess {
  const child = spawn(process.execPath, [...args], { cwd: SERVER_DIR, env, stdio: ['ignore', 'pipe', 'pipe'] });
  if (child.pid === undefined) throw new Error('the worker did not start');
  let text = '';
  const listeners = new Set<() => void>();
  const collect = (chunk: Buffer): void => {
    text += chunk.toString('utf8');
    for (const listener of listeners) listener();
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = new Promise<{ status: number | null; signal: NodeJS.Signals | null }>((done) => {
    child.once('exit', (status, signal) => {
      done({ status, signal });
    });
  });
  const worker: WorkerProcess = {
    child,
    pid: child.pid,
    output: () => text,
    exited,
    waitFor: (wanted, timeoutMs) =>
      new Promise<void>((done, fail) => {
        const check = (): void => {
          if (!text.includes(wanted)) return;
          clearTimeout(timer);
          listeners.delete(check);
          done();
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          fail(new Error(`the worker did not print "${wanted}" within ${String(timeoutMs)} ms; it printed:\n${text}`));
        }, timeoutMs);
        listeners.add(check);
        check();
      }),
  };
  workers.push(worker);
  return worker;
}

async function jobRow(id: string): Promise<typeof analysisRuns.$inferSelect> {
  if (handle === undefined) throw new Error('no database');
  const [row] = await handle.db.select().from(analysisRuns).where(eq(analysisRuns.id, id));
  if (row === undefined) throw new Error(`no job row ${id}`);
  return row;
}

async function waitForRow(
  id: string,
  done: (row: typeof analysisRuns.$inferSelect) => boolean,
  timeoutMs: number,
): Promise<typeof analysisRuns.$inferSelect> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const row = await jobRow(id);
    if (done(row)) return row;
    if (Date.now() > deadline) throw new Error(`job ${id} stayed ${row.status} (attempts ${String(row.attempts)})`);
    await new Promise((wait) => setTimeout(wait, 50));
  }
}

beforeAll(async () => {
  // BullMQ 6 loads its Redis client (ioredis, an optional peer dependency) at run time.
  try {
    createRequire(createRequire(import.meta.url).resolve('bullmq')).resolve('ioredis');
  } catch (error) {
    throw new Error('BullMQ cannot load ioredis: add it to apps/server (`npm install -w apps/server ioredis@^5`)', {
      cause: error,
    });
  }
  if (!existsSync(BUILT_MAIN)) {
    throw new Error(`${BUILT_MAIN} does not exist: build first (\`npx tsc -b\`; \`npm test\` builds before testing)`);
  }
  folder = await mkdtemp(join(tmpdir(), 'bonemet-queue-'));
  [postgres, redis] = await Promise.all([startTestPostgres(), startTestRedis()]);
  env = {
    PATH: process.env.PATH ?? '',
    // The module search path of the test runner, when it has one, so the workers load the same modules.
    ...(process.env.NODE_PATH === undefined ? {} : { NODE_PATH: process.env.NODE_PATH }),
    NODE_ENV: 'test',
    DATABASE_URL: postgres.url,
    REDIS_URL: redis.url,
    BONEMET_DATA_DIR: join(folder, 'data'),
    BONEMET_SESSION_SECRET: 's'.repeat(40),
    BONEMET_LOG_LEVEL: 'silent',
    BONEMET_JOB_CONCURRENCY: '1',
    BONEMET_JOB_ATTEMPTS: '3',
    // A killed worker's job is queued again within lock + stalled interval ≈ 1.5 s (30 s each by default).
    BONEMET_JOB_LOCK_MS: '1000',
    BONEMET_JOB_STALLED_INTERVAL_MS: '500',
  };
  const config = loadConfig(env);
  handle = await openDatabase({ databaseUrl: postgres.url, dataDir: config.dataDir });
  await migrate(handle.db);
  const silent = new Writable({
    write(_chunk, _encoding, callback) {
      callback();
    },
  });
  app = await buildServer(config, { db: handle.db, logStream: silent });
}, 60_000);

afterAll(async () => {
  for (const worker of workers) {
    if (worker.child.exitCode === null && worker.child.signalCode === null) {
      process.kill(worker.pid, 'SIGKILL');
      await worker.exited;
    }
  }
  await app?.close();
  await handle?.close();
  await redis?.stop();
  await postgres?.stop();
  await rm(folder, { recursive: true, force: true });
}, 30_000);

describe('BullMQ workers on Redis', () => {
  let phantom: PetCtPhantom;
  let clinician: Client;

  it('finishes a job on the second worker when the first is killed mid-job: one result, two attempts', async () => {
    if (app === undefined || handle === undefined || redis === undefined) throw new Error('setup failed');
    const server = app;
    const db = handle.db;
    // The default phantom of the in-process job test: 96 × 96 × 48 voxels of 4 mm, no blur, no noise;
    // background SUVbw 1, uniform liver 2.2.
    phantom = generatePetCtPhantom({});
    await writePetCtPhantom(phantom, join(folder, 'phantom'), 'siemens');
    const files = await phantomDicomFiles(join(folder, 'phantom'));
    await createUser(db, { username: 'clin', password: TEST_PASSWORD, role: 'clinician' });
    clinician = await login(server, 'clin', TEST_PASSWORD);
    const patient = await insertPatient(db, {
      mrn: 'SYNTHETIC-Q1',
      familyName: 'Phantom',
      givenName: 'Queue',
      sex: 'female',
      synthetic: true,
    });
    const upload = await server.inject({
      method: 'POST',
      url: `/api/patients/${patient.researchId}/studies?assign=true`,
      headers: {
        ...clinician.headers,
        'content-type': STOW_CONTENT_TYPE,
      },
      payload: stowBody(files),
    });
    expect(upload.statusCode).toBe(200);
    const storedBefore = (await db.select().from(instances)).length;
    expect(storedBefore).toBe(files.length);

    const [study] = (
      await server.inject({
        method: 'GET',
        url: `/api/patients/${patient.researchId}/studies`,
        headers: clinician.headers,
      })
    ).json<{ studyInstanceUid: string }[]>();

    const first = spawnWorker([PAUSED_WORKER]);
    await first.waitFor('ready', 15_000);
    const liver = phantom.truth.tissues.liver.centreMm;
    const started = await server.inject({
      method: 'POST',
      url: `/api/patients/${patient.researchId}/jobs`,
      headers: clinician.headers,
      payload: {
        kind: 'pet-quantify',
        inputs: {
          studyInstanceUid: study?.studyInstanceUid,
          liverCentreMm: [liver[0], liver[1], liver[2]],
        },
      },
    });
    expect(started.statusCode).toBe(202);
    const jobId = started.json<{ id: string }>().id;
    await first.waitFor(`paused ${jobId}`, 20_000);
    // Half-way through its first attempt, on the first worker.
    expect(await jobRow(jobId)).toMatchObject({ status: 'running', attempts: 1, stage: 'converting PET to SUV' });

    const second = spawnWorker([BUILT_MAIN, 'worker']);
    await second.waitFor('ready', 15_000);
    process.kill(first.pid, 'SIGKILL');
    expect(await first.exited).toEqual({ status: null, signal: 'SIGKILL' });

    // The second worker takes the job over once the first one's lock has expired, and runs it again.
    await waitForRow(jobId, (row) => row.attempts === 2, 15_000);
    // SIGTERM while it may still be running: the worker finishes the job before it exits.
    process.kill(second.pid, 'SIGTERM');
    expect(await second.exited).toEqual({ status: 0, signal: null });
    const done = await jobRow(jobId);
    expect(done.error).toBeNull();
    expect(done).toMatchObject({ status: 'succeeded', attempts: 2, progress: 1, stage: 'done' });
    expect(second.output()).toContain(`job ${jobId}: ended`);
    expect(first.output()).not.toContain(`job ${jobId}: ended`);

    // Exactly one result, with the phantom's truth: the liver reference sphere in the uniform liver has
    // mean SUVbw 2.2 (the truth), and the PERCIST threshold is 1.5 × 2.2 + 2 × SD 0 = 3.3 (Wahl et al. 2009).
    const results = await db.select().from(analysisResults).where(eq(analysisResults.runId, jobId));
    expect(results.map((row) => row.schemaName)).toEqual(['bonemet.pet-quantification']);
    const payload = results[0]?.payload as {
      quantification: { reference: { liver: { suvbwMean: number } }; threshold: { suvbw: number } };
    };
    expect(payload.quantification.reference.liver.suvbwMean).toBeCloseTo(phantom.truth.tissues.liverSuvbw, 3);
    expect(payload.quantification.threshold.suvbw).toBeCloseTo(1.5 * phantom.truth.tissues.liverSuvbw, 3);
    // Nothing lost, nothing stored twice: the instances are those uploaded, and the queue holds one
    // completed job and nothing waiting, running or failed.
    expect((await db.select().from(instances)).length).toBe(storedBefore);
    const queue = new Queue(JOB_QUEUE_NAME, { connection: { url: redis.url } });
    try {
      expect(await queue.getJobCounts('completed', 'failed', 'waiting', 'active', 'delayed')).toEqual({
        completed: 1,
        failed: 0,
        waiting: 0,
        active: 0,
        delayed: 0,
      });
    } finally {
      await queue.close();
    }

    const view = await server.inject({ method: 'GET', url: `/api/jobs/${jobId}`, headers: clinician.headers });
    expect(view.json()).toMatchObject({ status: 'succeeded', attempts: 2, results: [expect.any(Object)] });
  }, 60_000);
});
