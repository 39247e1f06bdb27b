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
import { seedDemoCohort } from './seed/demo-cohort.js';
import { countUsers, createFirstAdmin, createUser } from './users/create-user.js';
import { passwordSchema, usernameSchema } from './users/user-schemas.js';

const USAGE = `usage: node apps/server/dist/main.js [serve | create-admin [username] | seed-demo | demo | worker]
  serve            start the server (the default); see the README for the environment variables
  create-admin     create the first administrator; the password is read from standard input
  seed-demo        add the synthetic demo cohort (examples/*.json) to the database
  worker           run queued jobs (needs REDIS_URL and DATABASE_URL); SIGTERM/SIGINT finishes them and stops
  demo             seed the demo cohort, create the clinician "demo" with a random password (printed once),
                   then serve the API and the dashboard`;

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
  const app = await buildServer(config, { db: handle.db });
  const stop = (): void => {
    void app.close().then(() => handle.close());
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

async function seedDemoCommand(config: ServerConfig): Promise<void> {
  const handle = await openMigrated(config);
  try {
    const created = await seedDemoCohort(handle.db);
    print(process.stdout, `added ${String(created.length)} synthetic patients`);
  } finally {
    await handle.close();
  }
}

const DEMO_USERNAME = 'demo';

/**
 * The demo: the synthetic cohort, a clinician account with a fresh random password shown once on this
 * terminal (never a fixed default), then the server with the dashboard.
 */
async function demoCommand(config: ServerConfig): Promise<void> {
  const handle = await openMigrated(config);
  // 18 random bytes: 24 base64url characters, 144 bits.
  const password = randomBytes(18).toString('base64url');
  try {
    if (await hasUser(handle, DEMO_USERNAME)) {
      throw new BonemetError('invalid_input', `the account "${DEMO_USERNAME}" exists in ${config.dataDir} already`, {
        issues: [{ path: ['BONEMET_DATA_DIR'], message: 'used before', hint: 'start the demo on a fresh data folder' }],
      });
    }
    const created = await seedDemoCohort(handle.db);
    print(process.stdout, `added ${String(created.length)} synthetic patients`);
    await createUser(handle.db, { username: DEMO_USERNAME, password, role: 'clinician' });
  } finally {
    await handle.close();
  }
  print(process.stdout, `demo clinician: username "${DEMO_USERNAME}", password "${password}" (shown only this once)`);
  await serve(config);
  print(process.stdout, `dashboard: http://${config.host}:${String(config.port)}/  (Ctrl-C stops the server)`);
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
        return await runWorkerCommand(config);
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
