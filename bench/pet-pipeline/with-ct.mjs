// Benchmark of the CT-guided PET quantification (issue 3 item 7: at most 1 s of computing for the 12 Mvox
// case on one thread). Runs on the built dist (`npx tsc -b` first), like pipeline-worker.mjs, in one
// process: the phantom is generated in memory (no DICOM), the PET converted to SUVbw and the CT given on
// the PET grid.
//
//   node --expose-gc bench/pet-pipeline/with-ct.mjs [--runs=5] [--dimensions=200,200,300]
//
// Phantom: generatePetCtPhantom, 200×200×300 voxels of 4.07 × 4.07 × 3 mm, seed 1, 6 mm FWHM blur, 10%
// noise. Timed (median of the runs, after one untimed warm-up run of each case):
//   - quantifyLesions({pet}) and quantifyLesions({pet, ct}), PERCIST threshold, liver sphere at the
//     ground-truth liver centre;
//   - the same with the automatic liver placement (from the PET alone without the CT, within the liver
//     found on the CT with it);
//   - the CT steps one by one with the exported building blocks (boneMask, analyseCtAnatomy,
//     findLiverSphereWithCt, automaticExclusions, boneFraction and skeletalRegionOfLesion per lesion).
// Prints one JSON document on stdout; progress goes to stderr.
import { performance } from 'node:perf_hooks';
import {
  analyseCtAnatomy,
  automaticExclusions,
  boneFraction,
  boneMask,
  defaultBoneHu,
  findLiverSphereWithCt,
  liverUsabilitySchema,
  quantifyLesions,
  skeletalRegionOfLesion,
} from '@bonemet/pet';
import { generatePetCtPhantom } from '@bonemet/phantoms';

const argument = (name, fallback) =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const runs = Number(argument('runs', '5'));
const dimensions = argument('dimensions', '200,200,300').split(',').map(Number);
const spacingMm = [4.07, 4.07, 3];
const log = (message) => process.stderr.write(`[pet with-ct bench] ${message}\n`);
const round = (x, digits = 1) => +x.toFixed(digits);
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const collect = () => globalThis.gc?.();

const t0 = performance.now();
const phantom = generatePetCtPhantom({ dimensions, spacingMm, seed: 1, blurFwhmMm: 6, noiseCv: 0.1 });
log(`phantom ${dimensions.join('×')}: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
const grid = {
  dimensions: phantom.geometry.dimensions,
  spacingMm: phantom.geometry.spacingMm,
  originMm: phantom.geometry.originMm,
  directions: [
    [1, 0, 0],
    [0, 1, 0],
    [0, 0, 1],
  ],
};
const pet = { ...grid, voxels: Float32Array.from(phantom.petBqMl, (v) => v / phantom.truth.bqMlPerSuvbw) };
const ct = { ...grid, voxels: Float32Array.from(phantom.ctHu) };
const liverCentreMm = [...phantom.truth.tissues.liver.centreMm];

const cases = {
  withoutCtGivenLiver: () => quantifyLesions({ pet }, { threshold: { kind: 'percist' }, reference: { liverCentreMm } }),
  withCtGivenLiver: () =>
    quantifyLesions({ pet, ct }, { threshold: { kind: 'percist' }, reference: { liverCentreMm } }),
  withoutCtAutomaticLiver: () => quantifyLesions({ pet }, { threshold: { kind: 'percist' } }),
  withCtAutomaticLiver: () => quantifyLesions({ pet, ct }, { threshold: { kind: 'percist' } }),
};

function summarise(q) {
  return {
    liverPlacement: q.reference?.used?.placement ?? null,
    liverCentreMm: q.reference?.used?.centreMm.map((v) => round(v, 2)) ?? null,
    liverSuvbwMean: q.reference?.used?.suvbwMean ?? null,
    thresholdSuvbw: q.threshold.suvbw,
    lesions: q.lesions.length,
    osseous: q.lesions.filter((lesion) => lesion.osseous?.isOsseous === true).length,
    skeletalRegions: q.lesions.map((lesion) => lesion.skeletalRegion?.display ?? null),
    excluded: q.excludedPhysiological.map((region) => region.organ),
  };
}

function time(run) {
  run(); // warm-up: JIT compilation of every function on the path
  const times = [];
  let result;
  for (let r = 0; r < runs; r++) {
    collect();
    const start = performance.now();
    result = run();
    times.push(performance.now() - start);
  }
  return {
    medianMs: round(median(times)),
    minMs: round(Math.min(...times)),
    runsMs: times.map((x) => round(x)),
    result,
  };
}

/** The CT steps of quantifyLesions one by one, with the result of the PET-only steps as input. */
function ctSteps(lesions) {
  const t = [performance.now()];
  const bone = boneMask(pet, ct, defaultBoneHu);
  t.push(performance.now());
  const anatomy = analyseCtAnatomy(ct, defaultBoneHu);
  t.push(performance.now());
  findLiverSphereWithCt(pet, ct, anatomy, liverUsabilitySchema.parse({}));
  t.push(performance.now());
  automaticExclusions(anatomy, anatomy.bone, lesions);
  t.push(performance.now());
  for (const lesion of lesions) boneFraction(bone, lesion.voxels);
  t.push(performance.now());
  for (const lesion of lesions) skeletalRegionOfLesion(anatomy, lesion.voxels);
  t.push(performance.now());
  const names = [
    'boneMaskDilated',
    'analyseCtAnatomy',
    'findLiverSphereWithCt',
    'automaticExclusions',
    'boneFraction',
    'skeletalRegionOfLesion',
  ];
  return Object.fromEntries(names.map((name, s) => [name, t[s + 1] - t[s]]));
}

const timings = {};
const results = {};
for (const [name, run] of Object.entries(cases)) {
  const { medianMs, minMs, runsMs, result } = time(run);
  timings[name] = { medianMs, minMs, runsMs };
  results[name] = summarise(result);
  log(`${name}: median ${medianMs} ms`);
}

// Regions as quantifyLesions hands them to the CT steps: the kept lesions and the excluded regions are
// rebuilt from the PERCIST components of the run with the CT (voxels are not part of the result, so the
// per-lesion steps run on spheres of the lesions' voxel counts around their centroids would differ; the
// threshold components are recomputed instead).
const { regionsAboveThreshold } = await import('@bonemet/pet');
const reference = cases.withCtGivenLiver();
const regions = regionsAboveThreshold(pet, reference.threshold.suvbw, 26)
  .filter((region) => region.voxels.length * reference.parameters.voxelVolumeMl >= 0.5)
  .map((region) => {
    let max = -Infinity;
    const centroid = [0, 0, 0];
    const [nx, ny] = dimensions;
    for (const n of region.voxels) {
      max = Math.max(max, pet.voxels[n]);
      centroid[0] += n % nx;
      centroid[1] += Math.floor(n / nx) % ny;
      centroid[2] += Math.floor(n / (nx * ny));
    }
    const centroidMm = centroid.map((c, axis) => grid.originMm[axis] + (c / region.voxels.length) * spacingMm[axis]);
    return {
      voxels: region.voxels,
      centroidMm,
      volumeMl: region.voxels.length * reference.parameters.voxelVolumeMl,
      suvmax: max,
    };
  });
ctSteps(regions); // warm-up
const breakdowns = [];
for (let r = 0; r < runs; r++) {
  collect();
  breakdowns.push(ctSteps(regions));
}
const ctStepsMedianMs = Object.fromEntries(
  Object.keys(breakdowns[0]).map((name) => [name, round(median(breakdowns.map((b) => b[name])), 2)]),
);

process.stdout.write(
  `${JSON.stringify(
    {
      phantom: { dimensions, spacingMm, seed: 1, blurFwhmMm: 6, noiseCv: 0.1, voxels: pet.voxels.length },
      runs,
      node: process.version,
      timings,
      ctCostMs: {
        givenLiver: round(timings.withCtGivenLiver.medianMs - timings.withoutCtGivenLiver.medianMs),
        automaticLiver: round(timings.withCtAutomaticLiver.medianMs - timings.withoutCtAutomaticLiver.medianMs),
      },
      ctStepsMedianMs,
      ctStepsRegions: regions.length,
      targetMs: 1000,
      results,
    },
    null,
    2,
  )}\n`,
);
