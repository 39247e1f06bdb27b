// Benchmark of the PET pipeline (issue 3 item 7): loading from DICOM and computing, on a 200×200×300 and a
// 400×400×326 synthetic PET/CT phantom, against the same steps written with numpy/scipy on the same files
// in the same run. Runs on the built dist (`npx tsc -b` first); the peer needs Debian's python3-numpy,
// python3-scipy and python3-pydicom (scripts/install-bench-tools.sh) and runs with /usr/bin/python3.
//
// Per case: the phantom is generated and written as DICOM into a temporary directory (deleted at the
// end); then, one process per measurement so that each peak RSS belongs to its own work:
//   1. TypeScript, load + compute (pipeline-worker.mjs load): the whole pipeline's peak RSS;
//   2. TypeScript, compute only, on the SUVbw volume the first process loaded (pipeline-worker.mjs compute);
//   3. numpy/scipy, load + compute (pipeline_peer.py load), also checking its volume against (1)'s;
//   4. numpy/scipy, compute only, on the same SUVbw volume (pipeline_peer.py compute).
// Loading = readDicomDirectory + petSuvVolume (SUVbw); computing = quantifyLesions with the PERCIST
// threshold, the liver sphere at the ground-truth liver centre, 26-connectivity, minimum 0.5 ml.
// Reported: medians of the runs, peak RSS against the float32 volume size, accuracy against the phantom's
// ground truth, agreement between the two implementations, and whether each target of the issue is met.
//
//   node bench/pet-pipeline/pipeline.mjs [--only=200x200x300]
// Prints one JSON document on stdout; progress goes to stderr.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

import { generatePetCtPhantom, writePetCtPhantom } from '@bonemet/phantoms';

const here = dirname(fileURLToPath(import.meta.url));
const worker = join(here, 'pipeline-worker.mjs');
const peer = join(here, 'pipeline_peer.py');
const python = '/usr/bin/python3';

const loadRuns = 3;
const computeRuns = 7;
const vendor = 'siemens';

// Scanner-like grids (reference note §4): 200×200 at 4.07 mm and 400×400 at 2.04 mm, 3 mm slices.
const cases = [
  { name: '200x200x300', dimensions: [200, 200, 300], spacingMm: [4.07, 4.07, 3] },
  { name: '400x400x326', dimensions: [400, 400, 326], spacingMm: [2.04, 2.04, 3] },
];
// PET resolution and noise of a clinical scanner, roughly: 6 mm FWHM, 10% noise in the background.
const phantomOptions = { seed: 1, blurFwhmMm: 6, noiseCv: 0.1 };

const targets = { computeMs12Mvox: 1000, ratioTypeScriptOverPython: 1, peakRssOverFloat32Volume: 4 };

const log = (message) => process.stderr.write(`[pet pipeline bench] ${message}\n`);
const round = (x, digits = 2) => (x === null || x === undefined ? null : +x.toFixed(digits));

function runJson(command, args, what) {
  const t0 = performance.now();
  const child = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
  if (child.error !== undefined) throw new Error(`${what}: cannot start ${command}: ${child.error.message}`);
  if (child.status !== 0) {
    process.stderr.write(child.stderr);
    throw new Error(`${what} failed (exit ${child.status})`);
  }
  log(`${what}: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return JSON.parse(child.stdout);
}

/** Truth lesion found when a detected lesion's centroid lies within its radius plus one voxel diagonal. */
function accuracy(truth, result, spacingMm) {
  const toleranceMm = Math.hypot(...spacingMm);
  const used = new Set();
  const lesions = truth.lesions.map((lesion) => {
    let match = -1;
    let best = Infinity;
    result.lesions.forEach((found, index) => {
      const distance = Math.hypot(...found.centroidMm.map((v, axis) => v - lesion.centreMm[axis]));
      if (distance <= lesion.diameterMm / 2 + toleranceMm && distance < best) {
        best = distance;
        match = index;
      }
    });
    if (match >= 0) used.add(match);
    const found = result.lesions[match];
    return {
      kind: lesion.kind,
      site: lesion.site,
      diameterMm: lesion.diameterMm,
      trueSuvbw: lesion.suvbw,
      found: found !== undefined,
      suvmax: round(found?.suvmax, 3),
      suvmaxErrorPercent: found === undefined ? null : round((100 * (found.suvmax - lesion.suvbw)) / lesion.suvbw, 1),
      suvpeakGlobal: round(found?.suvpeakGlobal, 3),
      mtvMl: round(found?.mtvMl, 2),
      trueMaskVolumeMl: round(lesion.maskVolumeMl, 2),
    };
  });
  const errors = lesions.filter((l) => l.found).map((l) => Math.abs(l.suvmaxErrorPercent));
  return {
    matching: `a truth lesion is found when a detected centroid lies within its radius + ${toleranceMm.toFixed(2)} mm (one voxel diagonal)`,
    truthLesions: truth.lesions.length,
    found: lesions.filter((l) => l.found).length,
    detected: result.lesions.length,
    falsePositives: result.lesions.length - used.size,
    liver: {
      trueSuvbw: truth.tissues.liverSuvbw,
      measuredMean: round(result.liver.suvbwMean, 4),
      errorPercent: round((100 * (result.liver.suvbwMean - truth.tissues.liverSuvbw)) / truth.tissues.liverSuvbw, 2),
      sd: round(result.liver.suvbwSd, 4),
    },
    percistThresholdSuvbw: round(result.thresholdSuvbw, 4),
    suvmaxAbsoluteErrorPercent: {
      median: errors.length === 0 ? null : round([...errors].sort((a, b) => a - b)[errors.length >> 1], 1),
      max: errors.length === 0 ? null : round(Math.max(...errors), 1),
      note: 'SUVmax against the true uptake of the sphere: after 6 mm FWHM blur (partial volume lowers small spheres) and 10% noise (raises the maximum)',
    },
    lesions,
  };
}

/** Largest absolute differences between the TypeScript and numpy/scipy results, lesion by lesion (same order). */
function agreement(ts, py) {
  const fields = ['suvmax', 'suvpeakGlobal', 'suvpeakLocal', 'suvmean', 'mtvMl', 'tlg'];
  const maxDifference = Object.fromEntries(fields.map((field) => [field, 0]));
  let voxelCountDifferences = 0;
  ts.lesions.forEach((lesion, index) => {
    const other = py.lesions[index];
    if (other === undefined) return;
    if (lesion.voxelCount !== other.voxelCount) voxelCountDifferences++;
    for (const field of fields) {
      maxDifference[field] = Math.max(maxDifference[field], Math.abs(lesion[field] - other[field]));
    }
  });
  return {
    lesionsTypeScript: ts.lesions.length,
    lesionsPython: py.lesions.length,
    lesionsWithDifferentVoxelCount: voxelCountDifferences,
    liverMeanDifference: Math.abs(ts.liver.suvbwMean - py.liver.suvbwMean),
    thresholdDifference: Math.abs(ts.thresholdSuvbw - py.thresholdSuvbw),
    maxAbsoluteDifference: maxDifference,
  };
}

function memory(run, volumeMib) {
  return {
    peakRssMib: run.processMaxRssMib,
    peakRssOverFloat32Volume: round(run.processMaxRssMib / volumeMib),
    runtimeBaselineRssMib: run.baselineRssMib,
    peakAboveBaselineOverFloat32Volume: round((run.processMaxRssMib - run.baselineRssMib) / volumeMib),
  };
}

/** The timings of a compute measurement, without its lesion list (reported once, under accuracy). */
function withoutResult(compute) {
  return Object.fromEntries(Object.entries(compute).filter(([key]) => key !== 'result'));
}

async function runCase(spec, directory) {
  const voxels = spec.dimensions[0] * spec.dimensions[1] * spec.dimensions[2];
  const volumeMib = (voxels * 4) / 2 ** 20;
  log(`${spec.name}: generating the phantom`);
  let t0 = performance.now();
  let phantom = generatePetCtPhantom({ ...phantomOptions, dimensions: spec.dimensions, spacingMm: spec.spacingMm });
  const generateMs = performance.now() - t0;
  t0 = performance.now();
  const written = await writePetCtPhantom(phantom, directory, vendor);
  const writeMs = performance.now() - t0;
  const truth = phantom.truth;
  phantom = undefined; // the workers run in their own processes; the driver keeps only the truth
  log(`${spec.name}: generated in ${(generateMs / 1000).toFixed(1)} s, written in ${(writeMs / 1000).toFixed(1)} s`);

  const liver = truth.tissues.liver.centreMm.join(',');
  const suvFile = join(directory, 'suvbw.f32');
  const nodeArgs = ['--expose-gc', worker];
  const ts = runJson(
    process.execPath,
    [...nodeArgs, 'load', written.petDirectory, liver, `${loadRuns}`, `${computeRuns}`, suvFile],
    `${spec.name} TypeScript load + compute`,
  );
  const tsCompute = runJson(
    process.execPath,
    [...nodeArgs, 'compute', suvFile, `${suvFile}.json`, liver, `${computeRuns}`],
    `${spec.name} TypeScript compute only`,
  );
  const py = runJson(
    python,
    [peer, 'load', written.petDirectory, liver, `${loadRuns}`, `${computeRuns}`, suvFile],
    `${spec.name} numpy/scipy load + compute`,
  );
  const pyCompute = runJson(
    python,
    [peer, 'compute', suvFile, `${suvFile}.json`, liver, `${computeRuns}`],
    `${spec.name} numpy/scipy compute only`,
  );

  const loadRatio = ts.load.medianMs / py.load.medianMs;
  const computeRatio = ts.compute.medianMs / py.compute.medianMs;
  const computeOnlyRatio = tsCompute.compute.medianMs / pyCompute.compute.medianMs;
  const tsMemory = memory(ts, volumeMib);
  return {
    name: spec.name,
    dimensions: spec.dimensions,
    spacingMm: spec.spacingMm,
    megavoxels: round(voxels / 1e6, 1),
    float32VolumeMib: round(volumeMib, 1),
    phantom: {
      options: { ...phantomOptions, vendorStyle: vendor },
      petFiles: written.petFiles.length,
      generateMs: round(generateMs, 0),
      writeMs: round(writeMs, 0),
    },
    typescript: {
      load: ts.load,
      compute: withoutResult(ts.compute),
      computeOnlyProcess: withoutResult(tsCompute.compute),
      memory: {
        loadAndCompute: tsMemory,
        loadPeakRssMib: ts.load.maxRssMib,
        computeOnly: memory(tsCompute, volumeMib),
      },
    },
    python: {
      versions: py.versions,
      load: py.load,
      compute: withoutResult(py.compute),
      computeOnlyProcess: withoutResult(pyCompute.compute),
      memory: {
        loadAndCompute: memory(py, volumeMib),
        loadPeakRssMib: py.load.maxRssMib,
        computeOnly: memory(pyCompute, volumeMib),
      },
    },
    ratioTypeScriptOverPython: {
      load: round(loadRatio),
      compute: round(computeRatio),
      computeOnlyProcesses: round(computeOnlyRatio),
    },
    accuracy: accuracy(truth, ts.compute.result, spec.spacingMm),
    agreementTypeScriptVsPython: {
      loadedVolumeMaxAbsDifference: py.load.maxAbsDifferenceFromTypeScriptSuvbw,
      loadAndCompute: agreement(ts.compute.result, py.compute.result),
      computeOnSameVolume: agreement(tsCompute.compute.result, pyCompute.compute.result),
    },
    targets: {
      typescriptNotSlowerLoad: { ratio: round(loadRatio), met: loadRatio <= targets.ratioTypeScriptOverPython },
      typescriptNotSlowerCompute: {
        ratio: round(computeRatio),
        met: computeRatio <= targets.ratioTypeScriptOverPython,
      },
      peakRssAtMost4xFloat32Volume: {
        ratio: tsMemory.peakRssOverFloat32Volume,
        met: tsMemory.peakRssOverFloat32Volume <= targets.peakRssOverFloat32Volume,
        measuredOn: 'whole TypeScript process (runtime included), load + compute',
      },
    },
  };
}

const only = process.argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length);
const selected = cases.filter((spec) => only === undefined || spec.name === only);
if (selected.length === 0) {
  log(`no case named ${only}; cases: ${cases.map((c) => c.name).join(', ')}`);
  process.exit(2);
}

const results = [];
for (const spec of selected) {
  const directory = mkdtempSync(join(tmpdir(), `bonemet-pet-bench-${spec.name}-`));
  try {
    results.push(await runCase(spec, directory));
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

const twelve = results.find((r) => r.name === '200x200x300');
console.log(
  JSON.stringify(
    {
      description:
        'PET pipeline: loading (readDicomDirectory + petSuvVolume) apart from computing (quantifyLesions: liver sphere at the ground-truth centre, PERCIST threshold, 26-connected components, minimum 0.5 ml, SUVmax, SUVpeak global and local, SUVmean, MTV, TLG), against numpy/scipy doing the same steps on the same files; medians of the runs, single thread',
      node: process.version,
      loadRuns,
      computeRuns,
      targets: {
        computeAtMost1sFor12Mvox:
          twelve === undefined
            ? null
            : {
                medianMs: twelve.typescript.compute.medianMs,
                met: twelve.typescript.compute.medianMs <= targets.computeMs12Mvox,
              },
        typescriptNotSlowerThanNumpyScipy: results.map((r) => ({
          case: r.name,
          load: r.targets.typescriptNotSlowerLoad,
          compute: r.targets.typescriptNotSlowerCompute,
        })),
        peakMemoryAtMost4xFloat32Volume: results.map((r) => ({
          case: r.name,
          ...r.targets.peakRssAtMost4xFloat32Volume,
        })),
      },
      cases: results,
    },
    null,
    2,
  ),
);
