import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzleNodePostgres } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import * as schema from './schema.js';

/** The drizzle database, the same type on PGlite and on a PostgreSQL server. */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface DatabaseHandle {
  readonly db: Database;
  /** `pglite` (embedded) or `postgres` (a server through `pg`). */
  readonly kind: 'pglite' | 'postgres';
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** PostgreSQL server URL; when absent the embedded PGlite database is used. */
  readonly databaseUrl?: string;
  /** Folder of the server's data; PGlite keeps its files in `<dataDir>/pglite`. Absent: in memory. */
  readonly dataDir?: string;
}

/** Opens the database: a PostgreSQL server when `databaseUrl` is given, else embedded PGlite. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl !== undefined) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 20 });
    // An idle client whose connection the server ends (restart, administrator command) emits 'error' on the
    // pool; unhandled, that would end the process. The pool drops the client and the next query reconnects.
    pool.on('error', (error) => {
      process.stderr.write(
        `bonemet: an idle database connection ended (${error.message}); the next query reconnects\n`,
      );
    });
    // Fail now (bad URL, server down) rather than at the first request.
    const client = await pool.connect();
    client.release();
    return { db: drizzleNodePostgres(pool, { schema }), kind: 'postgres', close: () => pool.end() };
  }
  let client: PGlite;
  if (options.dataDir === undefined) {
    client = new PGlite();
  } else {
    mkdirSync(options.dataDir, { recursive: true });
    client = new PGlite(join(options.dataDir, 'pglite'));
  }
  await client.waitReady;
  return { db: drizzlePglite(client, { schema }), kind: 'pglite', close: () => client.close() };
}
