// STOW-RS ingest of a 300-slice PET series (issue 6 item 8), printed as JSON. Run after `npx tsc -b`:
//   node bench/server/stow-ingest.mjs [slices] [runs]
// The built server on the embedded database (PGlite, the default) in a temporary data folder, on loopback. Each
// run posts one new PET series of the PET/CT phantom (128 × 128 × `slices`, Siemens-style headers, one file per
// slice) as one multipart/related request to POST /api/dicomweb/studies, timed from the request's start to the
// end of the response; a warm-up series is posted first and not counted. Different seeds give new
// SOPInstanceUIDs, so every run stores every file. Target: median < 5 s.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodePetSeries, generatePetCtPhantom } from '@bonemet/phantoms';
import { openDatabase } from '../../apps/server/dist/db/open-database.js';
import { migrate } from '../../apps/server/dist/db/migrate.js';
import { createUser } from '../../apps/server/dist/users/create-user.js';
import { insertPatient } from '../../apps/server/dist/patients/patient-store.js';
import { freeLoopbackPort, quantile, signIn, startServer, withCleanup } from './support.mjs';

const slices = Number(process.argv[2] ?? 300);
const runs = Number(process.argv[3] ?? 3);
const targetMs = 5000;
const username = 'bench-clinician';
const password = 'bench clinician password 1';
const boundary = 'bonemet-bench-boundary';
const firstSeed = 4100;

/** A multipart/related body with one application/dicom part per file (PS3.18 10.5). */
function stowBody(parts) {
  const chunks = [];
  for (const part of parts) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Type: application/dicom\r\n\r\n`, 'latin1'), Buffer.from(part));
    chunks.push(Buffer.from('\r\n', 'latin1'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`, 'latin1'));
  return Buffer.concat(chunks);
}

const result = await withCleanup(async (cleanup) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'bonemet-bench-stow-'));
  cleanup(async () => rmSync(dataDir, { recursive: true, force: true }));
  const seeds = Array.from({ length: runs + 1 }, (_, k) => firstSeed + k);
  const handle = await openDatabase({ dataDir });
  try {
    await migrate(handle.db);
    await createUser(handle.db, { username, password, role: 'clinician' });
    for (const seed of seeds) {
      // The phantom writes PatientID SYNTHETIC-<seed>; STOW files go to the patient with that MRN.
      await insertPatient(handle.db, {
        mrn: `SYNTHETIC-${seed}`,
        familyName: 'Synthetic',
        givenName: `PET ${seed}`,
        sex: 'female',
        birthDate: '1960-01-01',
        synthetic: true,
      });
    }
  } finally {
    await handle.close();
  }
  const bodies = seeds.map((seed) => {
    const phantom = generatePetCtPhantom({ seed, dimensions: [128, 128, slices], spacingMm: [4, 4, 3] });
    const files = encodePetSeries(phantom, 'siemens').map((slice) => slice.bytes);
    return { files: files.length, body: stowBody(files) };
  });
  const port = await freeLoopbackPort();
  const server = await startServer({
    BONEMET_DATA_DIR: dataDir,
    PORT: String(port),
    BONEMET_JOB_CONCURRENCY: '1',
  });
  cleanup(server.stop);
  const base = `http://127.0.0.1:${port}`;
  const headers = await signIn(base, username, password);
  const times = [];
  for (const [k, { files, body }] of bodies.entries()) {
    const start = performance.now();
    const response = await fetch(`${base}/api/dicomweb/studies`, {
      method: 'POST',
      headers: { ...headers, 'content-type': `multipart/related; type="application/dicom"; boundary=${boundary}` },
      body,
    });
    const text = await response.text();
    const ms = performance.now() - start;
    if (response.status !== 200) throw new Error(`STOW answered ${response.status}: ${text.slice(0, 500)}`);
    const stored = (JSON.parse(text)['00081199']?.Value ?? []).length;
    if (stored !== files) throw new Error(`STOW stored ${stored} of ${files} instances`);
    if (k > 0) times.push(ms);
  }
  const median = quantile(times, 0.5);
  return {
    name: 'STOW-RS ingest of a PET series (PGlite)',
    input: `${runs} PET series of ${slices} slices (128 × 128, 16-bit, ${(bodies[1].body.length / 2 ** 20).toFixed(1)} MiB per request), one request each, after one warm-up series; embedded database in a temporary folder; loopback`,
    timesMs: times.map((ms) => +ms.toFixed(0)),
    medianMs: +median.toFixed(0),
    targetMs,
    met: median < targetMs,
  };
});
console.log(JSON.stringify(result, null, 2));
