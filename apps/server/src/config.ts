import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { BonemetError, issuesFromZod } from '@bonemet/core';
import { z } from 'zod';

/** Process exit status for an invalid configuration (the same status as invalid CLI input). */
export const EXIT_INVALID_CONFIG = 2;

const booleanFlag = z
  .enum(['true', 'false', '1', '0'])
  .transform((value) => value === 'true' || value === '1')
  .describe('true/false (or 1/0)');

const positiveInt = (description: string, max: number): z.ZodCoercedNumber =>
  z.coerce.number().int().min(1).max(max).describe(description);

/** The environment variables the server reads, with their defaults. */
export const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development').describe('Run mode'),
  HOST: z.string().min(1).default('127.0.0.1').describe('Interface to listen on; 127.0.0.1 keeps it on this machine'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080).describe('TCP port to listen on'),
  BONEMET_DATA_DIR: z
    .string()
    .min(1)
    .default('./.bonemet-data')
    .describe('Folder of the embedded database (PGlite) and of stored files'),
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/, error: 'DATABASE_URL is a postgres:// or postgresql:// URL' })
    .optional()
    .describe('PostgreSQL server to use instead of the embedded database'),
  BONEMET_SESSION_SECRET: z
    .string()
    .min(32, { error: 'BONEMET_SESSION_SECRET has at least 32 characters' })
    .optional()
    .describe('Secret for CSRF tokens; required in production, generated into the data folder otherwise'),
  BONEMET_SECURE_COOKIES: booleanFlag.default(false).describe('Mark cookies Secure (serve behind HTTPS)'),
  BONEMET_SESSION_TTL_MINUTES: positiveInt('Absolute lifetime of a session, minutes', 10_080).default(720),
  BONEMET_SESSION_IDLE_MINUTES: positiveInt('A session ends after this many minutes without a request', 1440).default(
    30,
  ),
  BONEMET_LOGIN_MAX_ATTEMPTS: positiveInt('Login attempts allowed per client address in a window', 1000).default(10),
  BONEMET_LOGIN_WINDOW_SECONDS: positiveInt('Length of the login rate-limit window, seconds', 86_400).default(300),
  BONEMET_BODY_LIMIT_BYTES: positiveInt('Largest accepted JSON request body, bytes', 100_000_000).default(1_048_576),
  BONEMET_ADMIN_USERNAME: z.string().min(1).max(64).default('admin').describe('Name of the first administrator'),
  BONEMET_ADMIN_PASSWORD: z
    .string()
    .min(12, { error: 'BONEMET_ADMIN_PASSWORD has at least 12 characters' })
    .optional()
    .describe('Creates the first administrator on start when no user exists yet'),
  BONEMET_INGEST_REQUEST_LIMIT_BYTES: positiveInt(
    'Largest DICOM upload (STOW-RS request body), bytes',
    8_000_000_000,
  ).default(1_073_741_824),
  BONEMET_INGEST_FILE_LIMIT_BYTES: positiveInt(
    'Largest DICOM file in an upload or a pull, bytes',
    8_000_000_000,
  ).default(268_435_456),
  BONEMET_PACS_URL: z
    .string()
    .transform((text) => text.split(',').map((part) => part.trim()))
    .pipe(
      z
        .array(
          z
            .url({ protocol: /^https?$/, error: 'each BONEMET_PACS_URL entry is an http:// or https:// URL' })
            .refine((text) => !/[?#]/.test(text), { error: 'a DICOMweb base URL has no query or fragment' }),
        )
        .min(1),
    )
    .optional()
    .describe(
      'DICOMweb service bases of the PACS, comma-separated: pulls fetch only under these (the first serves pulls by StudyInstanceUID)',
    ),
  REDIS_URL: z
    .url({ protocol: /^rediss?$/, error: 'REDIS_URL is a redis:// or rediss:// URL' })
    .optional()
    .describe('Redis server of the BullMQ job queue; jobs then run in `worker` processes, not in the server'),
  BONEMET_JOB_ATTEMPTS: positiveInt('Times a queued job is started before it is marked failed', 100).default(3),
  BONEMET_JOB_LOCK_MS: z.coerce
    .number()
    .int()
    .min(500)
    .max(3_600_000)
    .default(30_000)
    .describe('BullMQ lock of a running job, ms: a worker that stops renewing it for this long loses the job'),
  BONEMET_JOB_STALLED_INTERVAL_MS: z.coerce
    .number()
    .int()
    .min(200)
    .max(3_600_000)
    .default(30_000)
    .describe('How often workers look for jobs whose lock expired (their worker died) and queue them again, ms'),
  BONEMET_JOB_CONCURRENCY: positiveInt(
    'Jobs run at the same time by the in-process runner, or by each worker process',
    64,
  ).default(2),
  BONEMET_JOB_QUEUE_LIMIT: positiveInt(
    'Jobs waiting in the in-process runner before new ones are refused',
    100_000,
  ).default(1000),
  BONEMET_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

/** The server's configuration, resolved from the environment. */
export interface ServerConfig {
  readonly production: boolean;
  readonly host: string;
  readonly port: number;
  readonly dataDir: string;
  /** PostgreSQL server; absent means the embedded PGlite database in `dataDir`. */
  readonly databaseUrl?: string;
  readonly sessionSecret: string;
  readonly secureCookies: boolean;
  readonly sessionTtlMinutes: number;
  readonly sessionIdleMinutes: number;
  readonly loginMaxAttempts: number;
  readonly loginWindowSeconds: number;
  readonly bodyLimitBytes: number;
  readonly adminUsername: string;
  readonly adminPassword?: string;
  readonly logLevel: string;
  readonly ingestRequestLimitBytes: number;
  readonly ingestFileLimitBytes: number;
  /** DICOMweb base URLs of the configured PACS, without trailing slash: the only places pulls fetch from. */
  readonly pacsUrls: readonly string[];
  readonly jobConcurrency: number;
  readonly jobQueueLimit: number;
  /** Redis of the BullMQ queue; absent means jobs run in the server process. */
  readonly redisUrl?: string;
  /** Times a queued job is started (a worker died or lost its lock) before it is marked failed. */
  readonly jobAttempts: number;
  readonly jobLockMs: number;
  readonly jobStalledIntervalMs: number;
}

/** Options of `loadConfig`; `persistSessionSecret: false` keeps a generated secret in memory only (tests). */
export interface LoadConfigOptions {
  readonly persistSessionSecret?: boolean;
}

const SESSION_SECRET_FILE = 'session-secret';

/**
 * Reads and validates the configuration. Invalid values throw `BonemetError('invalid_input')` with one issue
 * per variable. Outside production, a missing session secret is generated once and kept in the data folder
 * (file `session-secret`, mode 0600) so that sessions survive a restart; production requires it explicitly.
 */
export function loadConfig(
  env: Readonly<Record<string, string | undefined>>,
  options: LoadConfigOptions = {},
): ServerConfig {
  const result = environmentSchema.safeParse(env);
  if (!result.success) {
    const issues = issuesFromZod(result.error);
    const names = [...new Set(issues.map((issue) => String(issue.path[0] ?? '')))].join(', ');
    throw new BonemetError('invalid_input', `invalid server configuration: ${names}`, { issues });
  }
  const parsed = result.data;
  const production = parsed.NODE_ENV === 'production';
  if (production && parsed.BONEMET_SESSION_SECRET === undefined) {
    throw new BonemetError('invalid_input', 'invalid server configuration: BONEMET_SESSION_SECRET', {
      issues: [
        {
          path: ['BONEMET_SESSION_SECRET'],
          message: 'required in production',
          hint: 'set it to a random string of at least 32 characters, e.g. `openssl rand -base64 48`',
        },
      ],
    });
  }
  if (parsed.REDIS_URL !== undefined && parsed.DATABASE_URL === undefined) {
    throw new BonemetError('invalid_input', 'invalid server configuration: REDIS_URL', {
      issues: [
        {
          path: ['REDIS_URL'],
          message: 'worker processes share the database with the server, which the embedded database cannot do',
          hint: 'set DATABASE_URL to a PostgreSQL server, or leave REDIS_URL unset to run jobs in the server',
        },
      ],
    });
  }
  const dataDir = resolve(parsed.BONEMET_DATA_DIR);
  const sessionSecret =
    parsed.BONEMET_SESSION_SECRET ??
    (options.persistSessionSecret === false ? randomBytes(48).toString('base64url') : localSessionSecret(dataDir));
  return {
    production,
    host: parsed.HOST,
    port: parsed.PORT,
    dataDir,
    ...(parsed.DATABASE_URL === undefined ? {} : { databaseUrl: parsed.DATABASE_URL }),
    sessionSecret,
    secureCookies: parsed.BONEMET_SECURE_COOKIES,
    sessionTtlMinutes: parsed.BONEMET_SESSION_TTL_MINUTES,
    sessionIdleMinutes: parsed.BONEMET_SESSION_IDLE_MINUTES,
    loginMaxAttempts: parsed.BONEMET_LOGIN_MAX_ATTEMPTS,
    loginWindowSeconds: parsed.BONEMET_LOGIN_WINDOW_SECONDS,
    bodyLimitBytes: parsed.BONEMET_BODY_LIMIT_BYTES,
    adminUsername: parsed.BONEMET_ADMIN_USERNAME,
    ...(parsed.BONEMET_ADMIN_PASSWORD === undefined ? {} : { adminPassword: parsed.BONEMET_ADMIN_PASSWORD }),
    logLevel: parsed.BONEMET_LOG_LEVEL,
    ingestRequestLimitBytes: parsed.BONEMET_INGEST_REQUEST_LIMIT_BYTES,
    ingestFileLimitBytes: parsed.BONEMET_INGEST_FILE_LIMIT_BYTES,
    pacsUrls: (parsed.BONEMET_PACS_URL ?? []).map((url) => url.replace(/\/+$/, '')),
    jobConcurrency: parsed.BONEMET_JOB_CONCURRENCY,
    jobQueueLimit: parsed.BONEMET_JOB_QUEUE_LIMIT,
    ...(parsed.REDIS_URL === undefined ? {} : { redisUrl: parsed.REDIS_URL }),
    jobAttempts: parsed.BONEMET_JOB_ATTEMPTS,
    jobLockMs: parsed.BONEMET_JOB_LOCK_MS,
    jobStalledIntervalMs: parsed.BONEMET_JOB_STALLED_INTERVAL_MS,
  };
}

/** The session secret kept in the data folder, created on first use. */
function localSessionSecret(dataDir: string): string {
  const file = join(dataDir, SESSION_SECRET_FILE);
  try {
    const existing = readFileSync(file, 'utf8').trim();
    if (existing.length >= 32) return existing;
  } catch (error) {
    if (!(error instanceof Error && 'code' in error && error.code === 'ENOENT')) {
      throw new BonemetError('io_error', `cannot read the session secret ${file}`, { cause: error });
    }
  }
  const secret = randomBytes(48).toString('base64url');
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
