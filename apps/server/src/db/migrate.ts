import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BonemetError } from '@bonemet/core';
import { sql } from 'drizzle-orm';
import type { Database } from './open-database.js';

/** One numbered SQL migration file. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
  readonly sha256: string;
}

/** The committed migrations (apps/server/migrations; the same relative path from src/ and dist/). */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations/', import.meta.url));

/** An arbitrary constant key for the advisory lock that serialises migration runs across processes. */
const MIGRATION_LOCK_KEY = 7_202_604;

const FILE_NAME = /^(\d{4})_([a-z0-9_]+)\.sql$/;

/** Reads `NNNN_name.sql` files in version order; versions must run 1, 2, 3, … without gaps. */
export function readMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  const migrations = readdirSync(dir)
    .filter((file) => file.endsWith('.sql'))
    .map((file): Migration => {
      const match = FILE_NAME.exec(file);
      if (match?.[1] === undefined || match[2] === undefined) {
        throw new BonemetError('invalid_input', `migration file ${file} is not named NNNN_name.sql`);
      }
      const text = readFileSync(`${dir}/${file}`, 'utf8');
      return {
        version: Number(match[1]),
        name: match[2],
        sql: text,
        sha256: createHash('sha256').update(text).digest('hex'),
      };
    })
    .sort((a, b) => a.version - b.version);
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new BonemetError(
        'invalid_input',
        `migration ${migration.name} has version ${migration.version}, expected ${index + 1}`,
      );
    }
  });
  return migrations;
}

/**
 * Splits a migration into statements at semicolons that end a line (extended-protocol drivers run one
 * statement per query). Line comments are dropped first.
 */
export function splitStatements(text: string): string[] {
  return text
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('--'))
    .join('\n')
    .split(/;[ \t]*(?:\n|$)/)
    .map((statement) => statement.trim())
    .filter((statement) => statement.length > 0);
}

export interface MigrationOutcome {
  /** Versions applied by this call (empty when the database was up to date). */
  readonly applied: readonly number[];
}

/**
 * Applies the migrations not yet recorded in `schema_migrations`, in order, inside one transaction under an
 * advisory lock: either all pending migrations apply or none does, and two processes starting together do
 * not both apply them. A recorded migration whose file changed since is refused.
 */
export async function migrate(
  db: Database,
  migrations: readonly Migration[] = readMigrations(),
): Promise<MigrationOutcome> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`);
    await tx.execute(
      sql.raw(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version integer PRIMARY KEY,
        name text NOT NULL,
        sha256 text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`),
    );
    const recorded = (await tx.execute(sql`SELECT version, sha256 FROM schema_migrations`)) as {
      rows: { version: number; sha256: string }[];
    };
    const recordedSha = new Map<number, string>();
    for (const row of recorded.rows) recordedSha.set(row.version, row.sha256);
    const applied: number[] = [];
    for (const migration of migrations) {
      const sha = recordedSha.get(migration.version);
      if (sha !== undefined) {
        if (sha !== migration.sha256) {
          throw new BonemetError(
            'invalid_input',
            `migration ${migration.version} (${migration.name}) was changed after it was applied`,
            {
              issues: [
                {
                  path: [migration.name],
                  message: 'applied migrations are never edited',
                  hint: 'add a new numbered migration instead',
                },
              ],
            },
          );
        }
        continue;
      }
      for (const statement of splitStatements(migration.sql)) await tx.execute(sql.raw(statement));
      await tx.execute(
        sql`INSERT INTO schema_migrations (version, name, sha256) VALUES (${migration.version}, ${migration.name}, ${migration.sha256})`,
      );
      applied.push(migration.version);
    }
    return { applied };
  });
}
