#!/usr/bin/env node
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { BonemetError, formatIssuePath, isBonemetError, parseInput, RESEARCH_USE_DISCLAIMER } from '@bonemet/core';
import { eq } from 'drizzle-orm';
import { EXIT_INVALID_CONFIG, loadConfig, type ServerConfig } from './config.js';
import { migrate } from './db/migrate.js';
import { openDatabase, type DatabaseHandle } from './db/open-database.js';
import { buildServer } from './http/build-server.js';
import { users } from './db/schema.js';
import { runWorkerCommand } from './jobs/worker-command.js';
import { closeSharedComputePool, computeWorkersFromEnv, configureSharedComputePool } from './jobs/compute-pool.js';
import { createJobDispatcher } from './jobs/create-job-dispatcher.js';
import { createInProcessRunner, type JobDispatcher } from './jobs/in-process-runner.js';
import { runCohortAnalyses, type CohortAnalysesReport } from './seed/cohort-analyses.js';
import { seedSyntheticCohort } from './seed/synthetic-cohort.js';
import { countUsers, createFirstAdmin, createUser } from './users/create-user.js';
import { passwordSchema, usernameSchema } from './users/user-schemas.js';

const USAGE = `usage: node apps/server/dist/main.js [serve | create-admin [username] | seed-demo | demo | worker]
  serve            start the server (the default); see the README for the environment variables
  create-admin     create the first administrator; the password is read from standard input
  seed-demo        add the synthetic demo cohort (13 patients, their records, bone scans and PET/CT) to the
                   database and run its analyses here; exits when they are done
  worker           run queued jobs (needs REDIS_URL and DATABASE_URL); SIGTERM/SIGINT finishes them and stops
  demo             seed the demo cohort's records, create the clinician "demo" with a random password (printed
                   once), serve the API and the dashboard, and store and analyse the cohort's images meanwhile`;

function print(stream: NodeJS.WriteStream, text: string): void {
  stream.write(`${text}\n`);
}

async function openMigrated(config: ServerConfig): Promise<DatabaseHandle> {
  const handle = await openDatabase({
    ...(config.databaseUrl === undefined ? {} : { databaseUrl: config.databaseUrl }),
    dataDir: config.dataDir,
  });
  await migrate(handle.db);
  return handle;
}

async function serve(config: ServerConfig): Promise<void> {
  const handle = await openMigrated(config);
  if (config.adminPassword !== undefined && (await countUsers(handle.db)) === 0) {
    await createFirstAdmin(
      handle.db,
      config.adminUsername,
      parseInput(passwordSchema, config.adminPassword, 'BONEMET_ADMIN_PASSWORD'),
    );
    print(process.stdout, `created the first administrator "${config.adminUsername}" from BONEMET_ADMIN_PASSWORD`);
  }
  await listen(config, handle);
}

/** Starts the HTTP server on an open database; SIGINT/SIGTERM close it, its jobs and the database. */
async function listen(config: ServerConfig, handle: DatabaseHandle, jobs?: JobDispatcher): Promise<void> {
  const app = await buildServer(config, { db: handle.db, ...(jobs === undefined ? {} : { jobs }) });
  const stop = (): void => {
    void app
      .close()
      .then(() => jobs?.close())
      .then(() => closeSharedComputePool())
      .then(() => handle.close());
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const address = await app.listen({ host: config.host, port: config.port });
  print(
    process.stdout,
    `bonemet server on ${address} (API document: ${address}/api/openapi.json). ${RESEARCH_USE_DISCLAIMER}`,
  );
}

async function createAdminCommand(config: ServerConfig, username: string): Promise<void> {
  const password = readFileSync(0, 'utf8').replace(/\r?\n$/, '');
  const handle = await openMigrated(config);
  try {
    const user = await createFirstAdmin(
      handle.db,
      parseInput(usernameSchema, username, 'username'),
      parseInput(passwordSchema, password, 'password (standard input)'),
    );
    print(process.stdout, `created administrator "${user.username}"`);
  } finally {
    await handle.close();
  }
}

/** Seconds since `startMs`, one decimal. */
function secondsSince(startMs: number): string {
  return ((performance.now() - startMs) / 1000).toFixed(1);
}

function analysesLine(report: CohortAnalysesReport, startMs: number): string {
  const failed = report.analyses.failed + report.responseTimelines.failed;
  return (
    `cohort analyses done in ${secondsSince(startMs)} s: ${String(report.studies)} studies ` +
    `(${String(report.newlyStoredFiles)} DICOM files stored now), ` +
    `${String(report.analyses.succeeded)} image analyses and ${String(report.responseTimelines.succeeded)} response timelines` +
    (failed === 0 ? '' : ` (${String(failed)} jobs failed: see the jobs of each patient)`)
  );
}

/** Seeds the cohort's records and images and runs their analyses in this process, then exits. */
async function seedDemoCommand(config: ServerConfig): Promise<void> {
  const startMs = performance.now();
  const handle = await openMigrated(config);
  const jobs = createInProcessRunner(
    { db: handle.db, config },
    {
      concurrency: config.jobConcurrency,
      queueLimit: config.jobQueueLimit,
    },
  );
  try {
    const cohort = await seedSyntheticCohort(handle.db);
    print(
      process.stdout,
      `added ${String(cohort.filter((p) => p.created).length)} synthetic patients (${String(cohort.length)} in the cohort)`,
    );
    print(process.stdout, analysesLine(await runCohortAnalyses(handle.db, config, jobs, cohort), startMs));
  } finally {
    await jobs.close();
    await closeSharedComputePool();
    await handle.close();
  }
}

const DEMO_USERNAME = 'demo';

/**
 * The demo: the synthetic cohort's records, a clinician account with a fresh random password shown once on
 * this terminal (never a fixed default), the server with the dashboard at once, and in the background the
 * cohort's images stored and analysed (the dashboard shows each job's progress); a line says when all
 * analyses are done.
 */
async function demoCommand(config: ServerConfig): Promise<void> {
  const startMs = performance.now();
  const handle = await openMigrated(config);
  // 18 random bytes: 24 base64url characters, 144 bits.
  const password = randomBytes(18).toString('base64url');
  let cohort;
  try {
    if (await hasUser(handle, DEMO_USERNAME)) {
      throw new BonemetError('invalid_input', `the account "${DEMO_USERNAME}" exists in ${config.dataDir} already`, {
        issues: [{ path: ['BONEMET_DATA_DIR'], message: 'used before', hint: 'start the demo on a fresh data folder' }],
      });
    }
    cohort = await seedSyntheticCohort(handle.db);
    print(process.stdout, `added ${String(cohort.length)} synthetic patients`);
    await createUser(handle.db, { username: DEMO_USERNAME, password, role: 'clinician' });
  } catch (error) {
    await handle.close();
    throw error;
  }
  print(process.stdout, `demo clinician: username "${DEMO_USERNAME}", password "${password}" (shown only this once)`);
  const jobs = createJobDispatcher({ db: handle.db, config });
  // Stopping the server stops the seeding of the images too (the database closes with the server).
  const seeding = new AbortController();
  process.once('SIGINT', () => seeding.abort());
  process.once('SIGTERM', () => seeding.abort());
  await listen(config, handle, jobs);
  print(
    process.stdout,
    `dashboard: http://${config.host}:${String(config.port)}/ ready in ${secondsSince(startMs)} s (Ctrl-C stops the server); the images of the cohort are being stored and analysed`,
  );
  void runCohortAnalyses(handle.db, config, jobs, cohort, { signal: seeding.signal }).then(
    (report) => {
      print(process.stdout, analysesLine(report, startMs));
    },
    (error: unknown) => {
      if (seeding.signal.aborted) return;
      print(
        process.stderr,
        `bonemet server: the cohort's images were not all seeded: ${error instanceof Error ? error.message : String(error)}`,
      );
    },
  );
}

async function hasUser(handle: DatabaseHandle, username: string): Promise<boolean> {
  const rows = await handle.db.select({ id: users.id }).from(users).where(eq(users.username, username));
  return rows.length > 0;
}

/** Runs a command; returns the exit status (2 for invalid configuration or input, 1 for other failures). */
export async function runServerCommand(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  const [command = 'serve', ...rest] = argv;
  try {
    const config = loadConfig(env);
    // The analyses' computation runs in worker threads (jobs/compute-pool.ts), closed at shutdown.
    configureSharedComputePool({ workers: computeWorkersFromEnv(env) });
    switch (command) {
      case 'serve':
        await serve(config);
        return 0;
      case 'create-admin':
        await createAdminCommand(config, rest[0] ?? config.adminUsername);
        return 0;
      case 'seed-demo':
        await seedDemoCommand(config);
        return 0;
      case 'worker':
        try {
          return await runWorkerCommand(config);
        } finally {
          await closeSharedComputePool();
        }
      case 'demo':
        await demoCommand(config);
        return 0;
      default:
        print(process.stderr, USAGE);
        return EXIT_INVALID_CONFIG;
    }
  } catch (error) {
    if (isBonemetError(error)) {
      print(process.stderr, `bonemet server: ${error.message}`);
      for (const issue of error.issues) {
        print(
          process.stderr,
          `  ${formatIssuePath(issue.path)}: ${issue.message}${issue.hint === undefined ? '' : ` (${issue.hint})`}`,
        );
      }
      return error.code === 'io_error' ? 1 : EXIT_INVALID_CONFIG;
    }
    print(process.stderr, `bonemet server: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (invokedDirectly) {
  const status = await runServerCommand(process.argv.slice(2), process.env);
  if (status !== 0) process.exit(status);
}
