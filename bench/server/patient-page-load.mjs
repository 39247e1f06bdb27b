// The patient-page API under load (issue 6 item 8), printed as JSON. Run after `npx tsc -b`:
//   node bench/server/patient-page-load.mjs [patients] [seconds] [connections]
// A throwaway PostgreSQL cluster and the built server on loopback; `patients` synthetic patients (default 1000)
// stored through the server's own store functions, each with the treatments, skeletal-related events, labs, pain
// scores and recommendation report of one of the example patient states (examples/*.json, round robin); then
// autocannon sends the seven requests the patient page makes (apps/web/src/pages/patient-page.tsx: patient,
// treatments, skeletal-events, labs, pain-scores, recommendations, studies), round robin over the patients, from
// `connections` concurrent clients for `seconds` seconds, as one signed-in clinician. Target: p95 < 100 ms.
import autocannon from 'autocannon';
import { assess } from '@bonemet/clinical';
import { openDatabase } from '../../apps/server/dist/db/open-database.js';
import { migrate } from '../../apps/server/dist/db/migrate.js';
import { createUser } from '../../apps/server/dist/users/create-user.js';
import { demoPatientFromState, insertDemoPatient, readExampleStates } from '../../apps/server/dist/seed/demo-cohort.js';
import { freeLoopbackPort, quantile, signIn, startPostgres, startServer, withCleanup } from './support.mjs';

const patientCount = Number(process.argv[2] ?? 1000);
const seconds = Number(process.argv[3] ?? 20);
const connections = Number(process.argv[4] ?? 50);
const targetP95Ms = 100;
const username = 'bench-clinician';
const password = 'bench clinician password 1';

/** Stores the synthetic patients; returns their research ids and the record counts. */
async function seed(databaseUrl) {
  const handle = await openDatabase({ databaseUrl });
  try {
    await migrate(handle.db);
    await createUser(handle.db, { username, password, role: 'clinician' });
    const examples = readExampleStates();
    const reports = examples.map(({ state }) => assess(state));
    const ids = [];
    const records = { treatments: 0, skeletalEvents: 0, labs: 0, painScores: 0 };
    for (let i = 0; i < patientCount; i++) {
      const { stem, state } = examples[i % examples.length];
      const demo = demoPatientFromState(state, stem, i);
      const benchPatient = {
        ...demo,
        mrn: `BENCH-${String(i + 1).padStart(5, '0')}`,
        familyName: `Synthetic ${String(i + 1)}`,
      };
      const patient = await insertDemoPatient(handle.db, benchPatient, reports[i % examples.length]);
      ids.push(patient.researchId);
      records.treatments += demo.treatments.length;
      records.skeletalEvents += demo.skeletalEvents.length;
      records.labs += demo.labs.length;
      records.painScores += demo.painScores.length;
    }
    return { ids, records };
  } finally {
    await handle.close();
  }
}

const result = await withCleanup(async (cleanup) => {
  const postgres = await startPostgres();
  cleanup(postgres.stop);
  const seedStart = performance.now();
  const { ids, records } = await seed(postgres.url);
  const seedSeconds = (performance.now() - seedStart) / 1000;
  const port = await freeLoopbackPort();
  const server = await startServer({ DATABASE_URL: postgres.url, PORT: String(port) });
  cleanup(server.stop);
  const base = `http://127.0.0.1:${port}`;
  const headers = await signIn(base, username, password);
  const sections = ['', '/treatments', '/skeletal-events', '/labs', '/pain-scores', '/recommendations', '/studies'];
  const paths = ids.flatMap((id) => sections.map((section) => `/api/patients/${id}${section}`));
  // One check before the load: every request of one patient answers 200.
  for (const path of paths.slice(0, sections.length)) {
    const response = await fetch(`${base}${path}`, { headers });
    if (response.status !== 200) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  }
  // Where the time goes: each request alone (one at a time, 30 patients), before the load.
  const serialMedianMsByRequest = {};
  for (const section of sections) {
    const times = [];
    for (const id of ids.slice(0, 30)) {
      const start = performance.now();
      const response = await fetch(`${base}/api/patients/${id}${section}`, { headers });
      await response.arrayBuffer();
      times.push(performance.now() - start);
    }
    serialMedianMsByRequest[section === '' ? 'patient' : section.slice(1)] = +quantile(times, 0.5).toFixed(1);
  }
  let next = 0;
  const latencies = [];
  const run = await new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: base,
        connections,
        duration: seconds,
        headers,
        requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: paths[next++ % paths.length] }) }],
      },
      (error, outcome) => (error ? reject(error) : resolve(outcome)),
    );
    // Every response's time, for exact percentiles (autocannon's summary has p90 and p97.5, not p95).
    instance.on('response', (_client, _status, _bytes, responseTimeMs) => latencies.push(responseTimeMs));
  });
  const non2xx = run.non2xx;
  const p95 = quantile(latencies, 0.95);
  return {
    name: 'patient-page API under load (PostgreSQL)',
    input: `${patientCount} synthetic patients (${records.treatments} treatments, ${records.skeletalEvents} skeletal-related events, ${records.labs} labs, ${records.painScores} pain scores, one recommendation report each; no imaging studies), the 7 patient-page requests round robin over the patients, ${connections} connections for ${seconds} s, one clinician session, loopback`,
    postgres: 'Debian PostgreSQL 15, throwaway cluster (fsync off)',
    seedSeconds: +seedSeconds.toFixed(1),
    serialMedianMsByRequest,
    requests: run.requests.total,
    non2xx,
    errors: run.errors,
    timeouts: run.timeouts,
    requestsPerSecond: +run.requests.average.toFixed(1),
    latencyMs: {
      p50: +quantile(latencies, 0.5).toFixed(1),
      p95: +p95.toFixed(1),
      p99: +quantile(latencies, 0.99).toFixed(1),
      max: +Math.max(...latencies).toFixed(1),
    },
    targetP95Ms,
    met: non2xx === 0 && run.errors === 0 && p95 < targetP95Ms,
  };
});
console.log(JSON.stringify(result, null, 2));
