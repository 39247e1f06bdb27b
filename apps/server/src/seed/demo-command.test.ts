import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticCohort } from './synthetic-cohort.js';

// The built server started as the README's main command starts it: `node apps/server/dist/main.js demo`.
const SERVER_MAIN = fileURLToPath(new URL('../../dist/main.js', import.meta.url));

let folder: string;
let server: ChildProcess | undefined;
let output = '';
let baseUrl: string;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => {
        if (typeof address === 'object' && address !== null) resolve(address.port);
        else reject(new Error('no port'));
      });
    });
  });
}

beforeAll(async () => {
  if (!existsSync(SERVER_MAIN)) throw new Error('build first: npx tsc -b (the test runs apps/server/dist/main.js)');
  folder = mkdtempSync(join(tmpdir(), 'bonemet-demo-command-'));
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${String(port)}`;
  const started = spawn(process.execPath, [SERVER_MAIN, 'demo'], {
    env: {
      ...process.env,
      BONEMET_DATA_DIR: join(folder, 'data'),
      HOST: '127.0.0.1',
      PORT: String(port),
      BONEMET_LOG_LEVEL: 'warn',
      BONEMET_JOB_CONCURRENCY: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server = started;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`the demo did not start:\n${output}`));
    }, 60_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      if (output.includes('dashboard: ')) {
        clearTimeout(timer);
        resolve();
      }
    };
    started.stdout.on('data', onData);
    started.stderr.on('data', onData);
    started.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the demo exited with ${String(code)}:\n${output}`));
    });
  });
}, 90_000);

afterAll(async () => {
  const running = server;
  if (running?.pid !== undefined && running.exitCode === null) {
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGTERM');
    const timer = setTimeout(() => running.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
  rmSync(folder, { recursive: true, force: true });
}, 30_000);

async function signIn(password: string): Promise<string> {
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'demo', password }),
  });
  expect(login.status).toBe(200);
  return login.headers
    .getSetCookie()
    .map((line) => line.split(';')[0])
    .join('; ');
}

describe('the demo command', () => {
  it('answers /api/health while the cohort is being seeded', async () => {
    const health = await fetch(`${baseUrl}/api/health`);
    expect(health.status).toBe(200);
    // Only after that answer: the image analyses queued so far, one per stored time point. Fewer than the
    // cohort's time points means the health check was answered before the seeding finished.
    const password = /password "([A-Za-z0-9_-]{24})"/.exec(output)?.[1] ?? '';
    const cookie = await signIn(password);
    const list = await fetch(`${baseUrl}/api/patients?limit=100`, { headers: { cookie } });
    const { items } = (await list.json()) as { items: { id: string }[] };
    const imageJobs = await Promise.all(
      items.map(async (item) => {
        const jobs = (await (
          await fetch(`${baseUrl}/api/patients/${item.id}/jobs`, { headers: { cookie } })
        ).json()) as {
          kind: string;
        }[];
        return jobs.filter((job) => job.kind === 'bonescan-analyze' || job.kind === 'pet-quantify').length;
      }),
    );
    const timePoints = syntheticCohort().reduce((sum, patient) => sum + patient.story.imaging.length, 0);
    expect(imageJobs.reduce((sum, count) => sum + count, 0)).toBeLessThan(timePoints);
    expect(output).not.toContain('cohort analyses done');
  }, 30_000);

  it('serves the synthetic cohort at once, with a random demo password, and analyses its images meanwhile', async () => {
    const cohortSize = syntheticCohort().length;
    expect(output).toContain(`added ${String(cohortSize)} synthetic patients`);
    expect(output).toMatch(/dashboard: http:\/\/127\.0\.0\.1:\d+\/ ready in \d+\.\d s/);
    const password = /password "([A-Za-z0-9_-]{24})"/.exec(output)?.[1];
    expect(password).toBeDefined();
    const cookie = await signIn(password ?? '');
    const list = await fetch(`${baseUrl}/api/patients?limit=100`, { headers: { cookie } });
    const { items } = (await list.json()) as { items: { id: string; synthetic: boolean; familyName: string }[] };
    expect(items).toHaveLength(cohortSize);
    for (const item of items) expect([item.synthetic, item.familyName]).toEqual([true, 'Synthetic']);
    // The images are stored and queued in the background: each patient's analysis jobs appear, with their
    // progress, while the server answers.
    const jobsOf = async (id: string): Promise<{ kind: string; status: string; progress: number }[]> =>
      (await (await fetch(`${baseUrl}/api/patients/${id}/jobs`, { headers: { cookie } })).json()) as {
        kind: string;
        status: string;
        progress: number;
      }[];
    let jobs: { kind: string; status: string; progress: number }[] = [];
    for (let attempt = 0; attempt < 60 && jobs.length === 0; attempt++) {
      jobs = (await Promise.all(items.map((item) => jobsOf(item.id)))).flat();
      if (jobs.length === 0) await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(jobs.length).toBeGreaterThan(0);
    for (const job of jobs) {
      expect(['bonescan-analyze', 'pet-quantify', 'response-timeline']).toContain(job.kind);
      expect(job.progress).toBeGreaterThanOrEqual(0);
      expect(job.progress).toBeLessThanOrEqual(1);
    }
  }, 60_000);
});
