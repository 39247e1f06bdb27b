// Worker of the PET pipeline benchmark (pipeline.mjs spawns it, one process per measurement, so that
// its peak RSS belongs to the measured work alone). Runs on the built dist (`npx tsc -b` first).
//
//   node --expose-gc pipeline-worker.mjs load <petDir> <liverX,liverY,liverZ> <loadRuns> <computeRuns> <suvFile>
//     loading (readDicomDirectory + petSuvVolume) then computing on the loaded volume; writes the SUVbw
//     volume to <suvFile> (raw float32, i fastest) after the measurements, for the compute-only runs.
//   node --expose-gc pipeline-worker.mjs compute <suvFile> <gridJson> <liverX,liverY,liverZ> <computeRuns>
//     computing only, on the SUVbw volume of <suvFile>.
//
// Computing = quantifyLesions with the PERCIST threshold and the liver sphere at a given centre: liver
// reference, threshold, 26-connected components, minimum volume, SUVmax, SUVpeak global and local,
// SUVmean, MTV, TLG, centroid. A second, separate set of runs times the same steps one by one with the
// exported building blocks, to show where the time goes. Prints one JSON document on stdout.
import { readFileSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { petSuvVolume, readDicomDirectory } from '@bonemet/dicom';
import {
  groupComponentVoxels,
  labelConnectedComponents,
  thresholdMask,
  voxelsOfComponent,
  voxelVolumeMl,
} from '@bonemet/imaging';
import {
  liverReferenceAt,
  peakSphere,
  petImageFromSuvVolume,
  quantifyLesions,
  suvpeakGlobal,
  suvpeakLocal,
} from '@bonemet/pet';

const mib = (bytes) => +(bytes / 2 ** 20).toFixed(1);
// Peak RSS of this process's own address space (Linux VmHWM). Not getrusage's maxRSS: on Linux that one
// carries over the parent's RSS at fork time into an exec'd child, which would charge the driver's
// phantom to the worker.
const maxRssMib = () => {
  const status = readFileSync('/proc/self/status', 'utf8').match(/^VmHWM:\s+(\d+) kB/m);
  if (status === null) throw new Error('no VmHWM in /proc/self/status (Linux only)');
  return mib(Number(status[1]) * 1024);
};
const collect = () => globalThis.gc?.();
// Between load runs: a full collection only after one turn of the event loop, because until then the
// settled promise of the previous `await loadOnce(...)` still references the previous run's volume, which
// would otherwise be counted in the next run's peak RSS.
const collectAfterTurn = async () => {
  await new Promise((resolve) => setImmediate(resolve));
  collect();
};
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const round = (x, digits = 1) => +x.toFixed(digits);
const parseTriple = (text) => {
  const triple = text.split(',').map(Number);
  if (triple.length !== 3 || !triple.every(Number.isFinite)) throw new Error(`not x,y,z: ${text}`);
  return triple;
};

const baselineRssMib = mib(process.memoryUsage().rss);

/** The timed computing step: the whole quantification as a user calls it. */
function quantify(pet, liverCentreMm) {
  return quantifyLesions(
    { pet },
    { threshold: { kind: 'percist' }, reference: { liverCentreMm }, minimumVolumeMl: 0.5, connectivity: 26 },
  );
}

/** The same steps one by one (for the breakdown only; their sum is close to, not equal to, `quantify`). */
function steps(pet, liverCentreMm) {
  const t = [performance.now()];
  const liver = liverReferenceAt(pet, liverCentreMm);
  t.push(performance.now());
  const mask = thresholdMask(pet.voxels, liver.percistThresholdSuvbw);
  t.push(performance.now());
  const components = labelConnectedComponents(mask, pet.dimensions, 26);
  t.push(performance.now());
  const groups = groupComponentVoxels(components);
  t.push(performance.now());
  const voxelMl = voxelVolumeMl(pet);
  const sphere = peakSphere(pet);
  const lesions = [];
  for (let c = 1; c <= components.count; c++) {
    const voxels = voxelsOfComponent(groups, c);
    if (voxels.length * voxelMl < 0.5) continue;
    let sum = 0;
    let max = -Infinity;
    for (const n of voxels) {
      const value = pet.voxels[n];
      sum += value;
      if (value > max) max = value;
    }
    lesions.push({ voxels, suvmax: max, suvmean: sum / voxels.length });
  }
  t.push(performance.now());
  for (const lesion of lesions) suvpeakGlobal(pet, lesion.voxels, sphere);
  t.push(performance.now());
  for (const lesion of lesions) suvpeakLocal(pet, lesion.voxels, sphere);
  t.push(performance.now());
  const names = [
    'liverReference',
    'thresholdMask',
    'connectedComponents26',
    'groupComponentVoxels',
    'minimumVolumeAndMaxMean',
    'suvpeakGlobal',
    'suvpeakLocal',
  ];
  return Object.fromEntries(names.map((name, s) => [name, t[s + 1] - t[s]]));
}

function measureCompute(pet, liverCentreMm, runs) {
  const times = [];
  let result;
  for (let r = 0; r < runs; r++) {
    collect();
    const t0 = performance.now();
    result = quantify(pet, liverCentreMm);
    times.push(performance.now() - t0);
  }
  const breakdowns = [];
  for (let r = 0; r < runs; r++) {
    collect();
    breakdowns.push(steps(pet, liverCentreMm));
  }
  const breakdownMedianMs = Object.fromEntries(
    Object.keys(breakdowns[0]).map((name) => [name, round(median(breakdowns.map((b) => b[name])), 2)]),
  );
  return {
    runs,
    runsMs: times.map((x) => round(x)),
    medianMs: round(median(times)),
    minMs: round(Math.min(...times)),
    // The first run includes the JIT warm-up of every function; the median is taken over all runs.
    firstRunMs: round(times[0]),
    breakdownMedianMs,
    result: summarise(result),
  };
}

function summarise(q) {
  return {
    liver: {
      suvbwMean: q.reference?.used?.suvbwMean ?? null,
      suvbwSd: q.reference?.used?.suvbwSd ?? null,
      voxelCount: q.reference?.used?.voxelCount ?? null,
    },
    thresholdSuvbw: q.threshold.suvbw,
    belowMinimumVolume: q.belowMinimumVolume,
    peakSphereVoxelCount: q.parameters.peakSphereVoxelCount,
    lesions: q.lesions.map((lesion) => ({
      voxelCount: lesion.voxelCount,
      suvmax: lesion.suvmax,
      suvpeakGlobal: lesion.suvpeakGlobal.suvbw,
      suvpeakLocal: lesion.suvpeakLocal.suvbw,
      suvmean: lesion.suvmean,
      mtvMl: lesion.mtvMl,
      tlg: lesion.tlg,
      centroidMm: lesion.centroidMm,
    })),
  };
}

async function loadOnce(petDir) {
  const directory = await readDicomDirectory(petDir);
  const series = directory.series.filter((s) => s.modality === 'PT');
  if (series.length !== 1) throw new Error(`expected one PET series in ${petDir}, found ${series.length}`);
  return petSuvVolume(series[0].images);
}

async function runLoad([petDir, liverText, loadRunsText, computeRunsText, suvFile]) {
  const liverCentreMm = parseTriple(liverText);
  const loadRuns = Number(loadRunsText);
  const loadTimes = [];
  let suv;
  for (let r = 0; r < loadRuns; r++) {
    suv = undefined;
    await collectAfterTurn();
    const t0 = performance.now();
    suv = await loadOnce(petDir);
    loadTimes.push(performance.now() - t0);
  }
  const afterLoadMaxRssMib = maxRssMib();
  // Keep only what the quantification needs: the SUVbw array and the grid (the datasets are released).
  const pet = petImageFromSuvVolume(suv);
  const factors = suv.factors;
  suv = undefined;
  await collectAfterTurn();
  const beforeComputeRssMib = mib(process.memoryUsage().rss);
  const compute = measureCompute(pet, liverCentreMm, Number(computeRunsText));
  const afterComputeMaxRssMib = maxRssMib();
  writeFileSync(suvFile, new Uint8Array(pet.voxels.buffer, pet.voxels.byteOffset, pet.voxels.byteLength));
  writeFileSync(
    `${suvFile}.json`,
    JSON.stringify({
      dimensions: pet.dimensions,
      spacingMm: pet.spacingMm,
      originMm: pet.originMm,
      directions: pet.directions,
    }),
  );
  return {
    baselineRssMib,
    load: {
      runs: loadRuns,
      runsMs: loadTimes.map((x) => round(x)),
      medianMs: round(median(loadTimes)),
      minMs: round(Math.min(...loadTimes)),
      maxRssMib: afterLoadMaxRssMib,
      suvFactorFirstSlice: factors.factorsPerSlice[0],
      suvFactorLastSlice: factors.factorsPerSlice.at(-1),
      scanReference: factors.scanReference ?? null,
    },
    beforeComputeRssMib,
    compute,
    processMaxRssMib: afterComputeMaxRssMib,
  };
}

function runCompute([suvFile, gridFile, liverText, computeRunsText]) {
  const grid = JSON.parse(readFileSync(gridFile, 'utf8'));
  const bytes = readFileSync(suvFile);
  const voxels = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  const pet = { ...grid, voxels };
  collect();
  const beforeComputeRssMib = mib(process.memoryUsage().rss);
  const compute = measureCompute(pet, parseTriple(liverText), Number(computeRunsText));
  return { baselineRssMib, beforeComputeRssMib, compute, processMaxRssMib: maxRssMib() };
}

const [mode, ...rest] = process.argv.slice(2);
const output = mode === 'load' ? await runLoad(rest) : mode === 'compute' ? runCompute(rest) : null;
if (output === null) {
  process.stderr.write('usage: pipeline-worker.mjs load|compute ...\n');
  process.exit(2);
}
process.stdout.write(`${JSON.stringify(output)}\n`);
