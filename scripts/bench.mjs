// Benchmarks (`npm run bench`), printed as JSON. Run after `npm run build`.
// Each benchmark reports what it measured, on what input, and the timing distribution.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { assessPatient, calculators } from '../packages/clinical/dist/index.js';

function measure(name, input, iterations, fn) {
  for (let i = 0; i < Math.min(200, iterations); i++) fn(i); // warm-up
  const times = new Float64Array(iterations);
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now();
    fn(i);
    times[i] = performance.now() - t0;
  }
  times.sort();
  const total = times.reduce((a, b) => a + b, 0);
  const q = (p) => times[Math.min(times.length - 1, Math.floor(p * times.length))];
  return {
    name,
    input,
    iterations,
    meanMs: +(total / iterations).toFixed(4),
    medianMs: +q(0.5).toFixed(4),
    p95Ms: +q(0.95).toFixed(4),
    perSecond: Math.round(iterations / (total / 1000)),
  };
}

const examples = readdirSync('examples')
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(`examples/${f}`, 'utf8')));

const results = [
  measure(
    'assess (validate + all rules + report)',
    `${examples.length} synthetic patients in examples/, round robin`,
    5000,
    (i) => assessPatient(examples[i % examples.length]),
  ),
  measure(
    'calculators (validate + compute)',
    `${calculators.length} calculators on their example inputs, round robin`,
    20000,
    (i) => {
      const c = calculators[i % calculators.length];
      c.run(c.example);
    },
  ),
];

// SUV against @cornerstonejs/calculate-suv on the IBSI DROs and vendor headers (its own script, own JSON).
const suv = spawnSync(process.execPath, ['packages/dicom/bench/suv-vs-calculate-suv.mjs'], { encoding: 'utf8' });
if (suv.status !== 0) {
  process.stderr.write(suv.stderr);
  process.exit(suv.status ?? 1);
}

// The PET pipeline (load from DICOM, quantify) on two phantoms against numpy/scipy (its own script, own JSON;
// needs scripts/install-bench-tools.sh). Its progress goes to stderr as it runs.
const petPipeline = spawnSync(process.execPath, ['bench/pet-pipeline/pipeline.mjs'], {
  encoding: 'utf8',
  stdio: ['ignore', 'pipe', 'inherit'],
  maxBuffer: 64 * 2 ** 20,
});
if (petPipeline.status !== 0) process.exit(petPipeline.status ?? 1);

// The same quantification with and without the CT (CT anatomy, CT-guided liver, exclusions, skeletal regions).
const petWithCt = spawnSync(process.execPath, ['--expose-gc', 'bench/pet-pipeline/with-ct.mjs'], {
  encoding: 'utf8',
  stdio: ['ignore', 'pipe', 'inherit'],
  maxBuffer: 64 * 2 ** 20,
});
if (petWithCt.status !== 0) process.exit(petWithCt.status ?? 1);

// Bone scans: skeleton segmentation Dice and hotspot/BSI accuracy against the bone-scan phantom's truth.
const runJsonScript = (args) => {
  const child = spawnSync(process.execPath, args, {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 2 ** 20,
  });
  if (child.status !== 0) process.exit(child.status ?? 1);
  return JSON.parse(child.stdout);
};
const boneScanSegmentation = runJsonScript(['bench/bonescan/segmentation.mjs', '40', '5000']);
const boneScanAccuracy = runJsonScript(['bench/bonescan/accuracy.mjs', '100', '90000', '1500000,500000']);
// The pipeline's time per study (anterior + posterior, 256 × 1024) after decoding, per stage; target ≤ 300 ms.
const boneScanTiming = runJsonScript(['bench/bonescan/timing.mjs', '20', '93000', '1500000']);

// The server (issue 6): the patient-page API under load on PostgreSQL (1,000 patients, 50 connections, 20 s),
// STOW-RS ingest of a 300-slice PET series (median of 3), and the dashboard's first render in Chromium (median
// of 5, after the demo cohort's analyses). Each starts and stops its own servers on loopback.
const serverPatientPageLoad = runJsonScript(['bench/server/patient-page-load.mjs', '1000', '20', '50']);
const serverStowIngest = runJsonScript(['bench/server/stow-ingest.mjs', '300', '3']);
const serverDashboardRender = runJsonScript(['bench/server/dashboard-render.mjs', '5', '900']);

console.log(
  JSON.stringify(
    {
      node: process.version,
      benchmarks: results,
      suvVsCalculateSuv: JSON.parse(suv.stdout),
      petPipeline: JSON.parse(petPipeline.stdout),
      petQuantificationWithCt: JSON.parse(petWithCt.stdout),
      boneScanSegmentation,
      boneScanAccuracy,
      boneScanTiming,
      serverPatientPageLoad,
      serverStowIngest,
      serverDashboardRender,
    },
    null,
    2,
  ),
);
