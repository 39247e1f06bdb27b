// Shared by the server benchmarks: a throwaway PostgreSQL cluster, the built server as a child process, a
// signed-in client. Everything listens on 127.0.0.1 on ports the OS picks, lives in a temporary folder, and is
// stopped by the PID started here (never by name). Run after `npx tsc -b` (uses apps/server/dist).
import { execFileSync, spawn } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

const PG_BIN = '/usr/lib/postgresql/15/bin';
export const SERVER_MAIN = new URL('../../apps/server/dist/main.js', import.meta.url).pathname;
export const SESSION_SECRET = 'bench-session-secret-of-at-least-32-characters';

export const quantile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
};

/** A TCP port free on 127.0.0.1 now. */
export function freeLoopbackPort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const asPostgresUser = (command, args) =>
  process.getuid?.() !== 0
    ? [command, args]
    : ['setpriv', ['--reuid=postgres', '--regid=postgres', '--init-groups', '--', command, ...args]];

/** initdb + postgres on a free loopback port (as apps/server/src/test-support/postgres-server.ts does). */
export async function startPostgres() {
  const folder = mkdtempSync(join(tmpdir(), 'bonemet-bench-pg-'));
  const dataDir = join(folder, 'data');
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(folder, uid, gid);
  }
  const [initdb, initArgs] = asPostgresUser(`${PG_BIN}/initdb`, [
    '-D',
    dataDir,
    '-U',
    'postgres',
    '--auth=trust',
    '-E',
    'UTF8',
    '--no-sync',
    '--no-instructions',
  ]);
  execFileSync(initdb, initArgs, { stdio: 'pipe' });
  const port = await freeLoopbackPort();
  const [postgres, args] = asPostgresUser(`${PG_BIN}/postgres`, [
    '-D',
    dataDir,
    '-c',
    'listen_addresses=127.0.0.1',
    '-p',
    String(port),
    '-k',
    folder,
    '-c',
    'fsync=off',
    '-c',
    'max_connections=100',
  ]);
  const child = spawn(postgres, args, { stdio: 'ignore' });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      process.kill(child.pid, 'SIGINT');
      await exited;
    }
    rmSync(folder, { recursive: true, force: true });
  };
  const url = `postgresql://postgres@127.0.0.1:${port}/postgres`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.end();
      break;
    } catch (error) {
      await client.end().catch(() => undefined);
      if (Date.now() > deadline || child.exitCode !== null) {
        await stop();
        throw new Error('postgres did not start', { cause: error });
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return { url, pid: child.pid, stop };
}

/** Starts `node apps/server/dist/main.js [args]` with `env`; resolves once it prints its address. */
export async function startServer(env, args = [], readyPattern = /bonemet server on (http:\/\/\S+)/) {
  // BONEMET_BENCH_SERVER_NODE_ARGS passes Node options to the server, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"
  // to see where its time goes.
  const nodeArgs = (process.env.BONEMET_BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter((arg) => arg !== '');
  const child = spawn(process.execPath, [...nodeArgs, SERVER_MAIN, ...args], {
    env: { ...process.env, NODE_ENV: 'production', HOST: '127.0.0.1', BONEMET_SESSION_SECRET: SESSION_SECRET, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  let output = '';
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      process.kill(child.pid, 'SIGTERM');
      const timer = setTimeout(() => {
        if (child.exitCode === null) process.kill(child.pid, 'SIGKILL');
      }, 10_000);
      await exited;
      clearTimeout(timer);
    }
  };
  const ready = new Promise((resolve, reject) => {
    const onData = (chunk) => {
      output += chunk.toString();
      const match = readyPattern.exec(output);
      if (match) resolve(match);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk) => {
      output += chunk.toString();
    });
    child.once('exit', (code) =>
      reject(new Error(`server exited (${code}) before it was ready:\n${output.slice(-2000)}`)),
    );
  });
  const timeout = new Promise((_, reject) =>
    setTimeout(() => reject(new Error(`server not ready in 180 s:\n${output.slice(-2000)}`)), 180_000).unref(),
  );
  try {
    const match = await Promise.race([ready, timeout]);
    return { pid: child.pid, match, output: () => output, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Signs in; returns the headers a session's requests carry (cookie and CSRF token). */
export async function signIn(base, username, password) {
  const response = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (response.status !== 200) throw new Error(`login failed: ${response.status} ${await response.text()}`);
  const cookies = response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0])
    .join('; ');
  const { csrfToken } = await response.json();
  return { cookie: cookies, 'x-csrf-token': csrfToken };
}

/** Runs `body`, then every cleanup in reverse order, even when `body` throws. */
export async function withCleanup(body) {
  const cleanups = [];
  try {
    return await body((cleanup) => cleanups.push(cleanup));
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup().catch((error) => process.stderr.write(`${error}\n`));
  }
}
