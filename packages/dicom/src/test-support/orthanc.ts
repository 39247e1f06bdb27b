// Test-only (excluded from the build): starts a real Orthanc PACS with its DICOMweb plugin in a temporary
// folder, on a free port, for integration tests; stops it by the PID it started.
//
// Orthanc 1.10 has no option to bind its HTTP server to one address (`Orthanc --config=-` lists none): it
// listens on every interface, and "RemoteAccessAllowed": false makes it refuse every client but localhost.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ORTHANC_EXECUTABLE = '/usr/sbin/Orthanc';
export const ORTHANC_DICOMWEB_PLUGIN = '/usr/share/orthanc/plugins/libOrthancDicomWeb.so';

export interface RunningOrthanc {
  readonly pid: number;
  /** `http://127.0.0.1:<port>`: Orthanc's REST API. */
  readonly url: string;
  /** `http://127.0.0.1:<port>/dicom-web`: the DICOMweb service base. */
  readonly dicomWebUrl: string;
  /** Stores one Part 10 file (`POST /instances`); returns Orthanc's answer. */
  readonly upload: (bytes: Uint8Array) => Promise<OrthancStoredInstance>;
  /** Stops the server (SIGTERM, then SIGKILL after 10 s) and removes its folder. Safe to call twice. */
  readonly stop: () => Promise<void>;
}

export interface OrthancStoredInstance {
  readonly ID: string;
  readonly ParentStudy: string;
  readonly ParentSeries: string;
  readonly Status: string;
}

/** A port free now on 127.0.0.1: listen on port 0, read the port the system gave, close. */
export async function freePort(): Promise<number> {
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

function exited(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      resolve(false);
    }, timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
    await response.body?.cancel();
    return response.ok;
  } catch {
    return false;
  }
}

/** Starts Orthanc; resolves once `/system` answers (at most `startTimeoutMs`), else stops it and throws. */
export async function startOrthanc(startTimeoutMs = 20_000): Promise<RunningOrthanc> {
  const folder = await mkdtemp(join(tmpdir(), 'bonemet-orthanc-'));
  const port = await freePort();
  const configFile = join(folder, 'orthanc.json');
  const logFile = join(folder, 'orthanc.log');
  await writeFile(
    configFile,
    JSON.stringify(
      {
        Name: 'bonemet-test',
        HttpPort: port,
        DicomServerEnabled: false,
        StorageDirectory: join(folder, 'storage'),
        IndexDirectory: join(folder, 'index'),
        Plugins: [ORTHANC_DICOMWEB_PLUGIN],
        RemoteAccessAllowed: false,
        AuthenticationEnabled: false,
        SaveJobs: false,
        DicomWeb: { Enable: true, Root: '/dicom-web/' },
      },
      null,
      2,
    ),
  );
  const child = spawn(ORTHANC_EXECUTABLE, [`--logfile=${logFile}`, configFile], { stdio: 'ignore' });
  const pid = child.pid;
  const spawnError = new Promise<Error>((resolve) => child.once('error', resolve));
  let stopped = false;
  const killOnExit = (): void => {
    if (!stopped && pid !== undefined) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
  };
  process.once('exit', killOnExit);
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    process.removeListener('exit', killOnExit);
    if (pid !== undefined && child.exitCode === null && child.signalCode === null) {
      process.kill(pid, 'SIGTERM');
      if (!(await exited(child, 10_000))) {
        process.kill(pid, 'SIGKILL');
        await exited(child, 5_000);
      }
    }
    await rm(folder, { recursive: true, force: true });
  };

  const url = `http://127.0.0.1:${String(port)}`;
  const deadline = Date.now() + startTimeoutMs;
  let ready = false;
  while (!ready && Date.now() < deadline && child.exitCode === null) {
    const failed = await Promise.race([
      spawnError,
      new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 100)),
    ]);
    if (failed !== undefined) {
      await stop();
      throw new Error(`cannot start ${ORTHANC_EXECUTABLE}: ${failed.message}`);
    }
    ready = await answers(`${url}/system`);
  }
  if (!ready || pid === undefined) {
    const log = await readFile(logFile, 'utf8').catch(() => '(no log)');
    await stop();
    throw new Error(`Orthanc did not start on port ${String(port)} within ${String(startTimeoutMs)} ms:\n${log}`);
  }

  const upload = async (bytes: Uint8Array): Promise<OrthancStoredInstance> => {
    const response = await fetch(`${url}/instances`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/dicom' },
      body: bytes,
    });
    if (!response.ok) throw new Error(`Orthanc refused an instance: HTTP ${String(response.status)}`);
    return (await response.json()) as OrthancStoredInstance;
  };
  return { pid, url, dicomWebUrl: `${url}/dicom-web`, upload, stop };
}
