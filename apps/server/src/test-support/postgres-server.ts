import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/**
 * A throwaway PostgreSQL 15 cluster for tests: initdb in a temporary folder, the server on a free
 * loopback port with its socket in that folder, stopped by the PID started here (SIGINT: fast shutdown).
 * initdb refuses to run as root, so as root both run as the `postgres` system user through `setpriv`,
 * which execs (no intermediate process), so the PID we hold is the postmaster's.
 */
export interface TestPostgres {
  readonly url: string;
  readonly pid: number;
  stop(): Promise<void>;
}

const PG_BIN = '/usr/lib/postgresql/15/bin';

/** A TCP port free on 127.0.0.1 now (the OS picks it). */
export async function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => {
        resolve(port);
      });
    });
  });
}

function asPostgresUser(command: string, args: readonly string[]): [string, string[]] {
  if (process.getuid?.() !== 0) return [command, [...args]];
  return ['setpriv', ['--reuid=postgres', '--regid=postgres', '--init-groups', '--', command, ...args]];
}

function postgresIds(): { uid: number; gid: number } {
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  return { uid, gid };
}

async function waitForConnection(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`postgres exited with status ${String(child.exitCode)}`);
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.end();
      return;
    } catch (error) {
      lastError = error;
      await client.end().catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`postgres did not accept connections within ${String(timeoutMs)} ms`, { cause: lastError });
}

/** Starts a new cluster; call `stop()` in afterAll (it also removes the folder). */
export async function startTestPostgres(): Promise<TestPostgres> {
  const folder = mkdtempSync(join(tmpdir(), 'bonemet-pg-'));
  const dataDir = join(folder, 'data');
  if (process.getuid?.() === 0) {
    const { uid, gid } = postgresIds();
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
  const [postgres, serverArgs] = asPostgresUser(`${PG_BIN}/postgres`, [
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
  ]);
  const child = spawn(postgres, serverArgs, { stdio: 'ignore' });
  const pid = child.pid;
  if (pid === undefined) throw new Error('postgres did not start');
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      process.kill(pid, 'SIGINT');
      await exited;
    }
    rmSync(folder, { recursive: true, force: true });
  };
  const url = `postgresql://postgres@127.0.0.1:${String(port)}/postgres`;
  try {
    await waitForConnection(url, child, 15_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, pid, stop };
}
