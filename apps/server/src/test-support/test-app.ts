import { Writable } from 'node:stream';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { loadConfig, type ServerConfig } from '../config.js';
import { migrate } from '../db/migrate.js';
import { openDatabase, type DatabaseHandle } from '../db/open-database.js';
import type { Role } from '../db/schema.js';
import { buildServer } from '../http/build-server.js';
import { createUser } from '../users/create-user.js';

/** A server on an in-memory PGlite database (or on `DATABASE_URL` when the env names one), with its log lines captured. */
export interface TestApp {
  readonly app: FastifyInstance;
  readonly handle: DatabaseHandle;
  readonly config: ServerConfig;
  readonly logLines: string[];
  close(): Promise<void>;
}

export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const config = loadConfig(
    { NODE_ENV: 'test', BONEMET_DATA_DIR: '/nonexistent-bonemet-test', ...env },
    { persistSessionSecret: false },
  );
  const handle = await openDatabase(
    config.databaseUrl === undefined ? {} : { databaseUrl: config.databaseUrl, dataDir: config.dataDir },
  );
  await migrate(handle.db);
  const logLines: string[] = [];
  const logStream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      logLines.push(
        ...chunk
          .toString('utf8')
          .split('\n')
          .filter((line) => line !== ''),
      );
      callback();
    },
  });
  const app = await buildServer(config, { db: handle.db, logStream });
  return {
    app,
    handle,
    config,
    logLines,
    close: async () => {
      await app.close();
      await handle.close();
    },
  };
}

/** A signed-in test client: its cookies and CSRF token. */
export interface Client {
  readonly cookie: string;
  readonly csrfToken: string;
  readonly headers: { cookie: string; 'x-csrf-token': string };
}

export function cookieHeader(response: LightMyRequestResponse): string {
  return response.cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join('; ');
}

export async function login(app: FastifyInstance, username: string, password: string): Promise<Client> {
  const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (response.statusCode !== 200) throw new Error(`login failed: ${String(response.statusCode)} ${response.body}`);
  const csrfToken = response.json<{ csrfToken: string }>().csrfToken;
  const cookie = cookieHeader(response);
  return { cookie, csrfToken, headers: { cookie, 'x-csrf-token': csrfToken } };
}

export const TEST_PASSWORD = 'correct horse battery staple';

/** Creates a user with TEST_PASSWORD and signs in. */
export async function userClient(testApp: TestApp, username: string, role: Role): Promise<Client> {
  await createUser(testApp.handle.db, { username, password: TEST_PASSWORD, role });
  return login(testApp.app, username, TEST_PASSWORD);
}
