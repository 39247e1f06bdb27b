// Skeleton segmentation accuracy against the bone-scan phantom's ground-truth label maps, printed as JSON.
// Run after `npx tsc -b` (it uses the built packages):
//   node bench/bonescan/segmentation.mjs [count] [firstSeed] [countsPerView]
// countsPerView fixes each view's expected total counts (e.g. 1500000 or 500000); without it the phantom draws
// 0.4–3 million per study.
// Per part and per region (left and right pooled, both views): mean, minimum and 10th-percentile Dice.
import { performance } from 'node:perf_hooks';
import { boneScanParts, segmentSkeleton, assessSuperscan } from '@bonemet/bonescan';
import { generateBoneScanPhantom } from '@bonemet/phantoms';
import { mirror, scanOf } from './phantom-scan.mjs';

const count = Number(process.argv[2] ?? 40);
const firstSeed = Number(process.argv[3] ?? 5000);
const countsPerView = process.argv[4] === undefined ? undefined : Number(process.argv[4]);

function dice(truth, found, labels) {
  let a = 0;
  let b = 0;
  let both = 0;
  for (let i = 0; i < truth.length; i++) {
    const t = labels.has(truth[i]);
    const f = labels.has(found[i]);
    if (t) a++;
    if (f) b++;
    if (t && f) both++;
  }
  return a === 0 ? undefined : (2 * both) / (a + b);
}

const byPart = {};
const byRegion = {};
const regions = [...new Set(boneScanParts.map((p) => p.id.replace(/_(left|right)$/, '')))];
const times = [];
const stageTimes = { landmarks: [], structures: [], labelling: [] };
let doubtful = 0;
const superscanCalls = { truePositive: 0, falseNegative: 0, falsePositive: 0, trueNegative: 0 };
const studies = [];
for (let k = 0; k < count; k++) {
  const seed = firstSeed + k;
  const phantom = generateBoneScanPhantom({
    seed,
    columns: k % 4 === 3 ? 512 : 256,
    ...(countsPerView === undefined ? {} : { totalCountsPerView: countsPerView }),
  });
  const scan = scanOf(phantom);
  const t0 = performance.now();
  const segmentation = segmentSkeleton(scan);
  times.push(performance.now() - t0);
  for (const stage of Object.keys(stageTimes)) stageTimes[stage].push(segmentation.timingsMs[stage]);
  if (segmentation.doubtful) doubtful++;
  const superscan = assessSuperscan(scan, segmentation).superscan;
  superscanCalls[
    phantom.superscan ? (superscan ? 'truePositive' : 'falseNegative') : superscan ? 'falsePositive' : 'trueNegative'
  ]++;
  segmentation.views.forEach((view, i) => {
    const stored = phantom.views[i].labels;
    const truth = view.view === 'anterior' ? stored : mirror(stored, phantom.columns, phantom.rows, Uint8Array);
    for (const part of boneScanParts) {
      const d = dice(truth, view.labels, new Set([part.label]));
      if (d !== undefined) (byPart[part.id] ??= []).push(d);
    }
    for (const region of regions) {
      const labels = new Set(
        boneScanParts.filter((p) => p.id.replace(/_(left|right)$/, '') === region).map((p) => p.label),
      );
      const d = dice(truth, view.labels, labels);
      if (d !== undefined) (byRegion[region] ??= []).push(d);
    }
  });
  studies.push({
    seed,
    sex: phantom.habitus.sex,
    heightCm: +phantom.habitus.heightCm.toFixed(1),
    armPose: phantom.habitus.armPose,
    rotationDeg: +phantom.habitus.rotationDeg.toFixed(1),
    pixelSizeMm: +phantom.pixelSizeMm.toFixed(2),
    columns: phantom.columns,
    expectedTotalCountsPerView: Math.round(phantom.expectedTotalCountsPerView),
    doubtful: segmentation.doubtful,
  });
}

const summary = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    mean: +(values.reduce((s, v) => s + v, 0) / values.length).toFixed(3),
    p10: +sorted[Math.floor(0.1 * sorted.length)].toFixed(3),
    min: +sorted[0].toFixed(3),
    n: values.length,
  };
};
const mainRegions = [
  'skull',
  'cervical_spine',
  'thoracic_spine',
  'lumbar_spine',
  'sacrum',
  'pelvis',
  'ribs',
  'sternum',
  'clavicle',
  'scapula',
  'humerus',
  'femur',
];
const regionSummary = Object.fromEntries(regions.map((r) => [r, summary(byRegion[r] ?? [0])]));
const worst = mainRegions.reduce((w, r) => (regionSummary[r].mean < regionSummary[w].mean ? r : w), mainRegions[0]);
times.sort((a, b) => a - b);
console.log(
  JSON.stringify(
    {
      benchmark: 'skeleton segmentation vs phantom truth label maps (region Dice, both views)',
      studies: count,
      seeds: `${firstSeed}–${firstSeed + count - 1}`,
      countsPerView: countsPerView ?? 'drawn per study in 0.4–3 million',
      target: 'issue 4 item 7: region Dice >= 0.85 for the twelve main regions',
      mainRegions: Object.fromEntries(mainRegions.map((r) => [r, regionSummary[r]])),
      mainRegionsMeetingTarget: mainRegions.filter((r) => regionSummary[r].mean >= 0.85),
      worstMainRegion: { region: worst, ...regionSummary[worst] },
      otherRegions: Object.fromEntries(
        regions.filter((r) => !mainRegions.includes(r)).map((r) => [r, regionSummary[r]]),
      ),
      byPart: Object.fromEntries(Object.entries(byPart).map(([k, v]) => [k, summary(v)])),
      doubtfulFits: doubtful,
      superscanCalls,
      segmentationMsPerStudy: {
        median: +times[Math.floor(times.length / 2)].toFixed(1),
        max: +times[times.length - 1].toFixed(1),
        medianByStage: Object.fromEntries(
          Object.entries(stageTimes).map(([stage, values]) => [
            stage,
            +[...values].sort((a, b) => a - b)[Math.floor(values.length / 2)].toFixed(1),
          ]),
        ),
        note: 'wall-clock time on this machine, both views, one thread; shared machines inflate it',
      },
      studyList: studies,
    },
    null,
    2,
  ),
);
