// Time of the whole bone-scan pipeline (analyzeWholeBodyScan) per study, printed as JSON. Run after `npx tsc -b`:
//   node bench/bonescan/timing.mjs [count] [firstSeed] [countsPerView]
// Each study is a phantom (anterior + posterior, 256 columns, 1024 rows unless the body needs more) written as one
// NM DICOM object in memory and analysed from its bytes on this one thread (the pipeline starts no workers). The
// target (issue 4 item 10) is at most 300 ms per study after decoding: the budget is the sum of the stages after
// `read` (count quality, segmentation, superscan, hotspot stages); `read` (DICOM parsing and decoding) is reported
// apart. One study is analysed first as a warm-up and not counted.
import { performance } from 'node:perf_hooks';
import { analyzeWholeBodyScan } from '@bonemet/bonescan';
import { encodeBoneScanNm, generateBoneScanPhantom } from '@bonemet/phantoms';

const count = Number(process.argv[2] ?? 20);
const firstSeed = Number(process.argv[3] ?? 93000);
const countsPerView = Number(process.argv[4] ?? 1_500_000);
const budgetMs = 300;

const studyOf = (seed) => {
  const phantom = generateBoneScanPhantom({ seed, columns: 256, totalCountsPerView: countsPerView });
  return { phantom, files: [{ bytes: encodeBoneScanNm(phantom), source: `phantom-${seed}.dcm` }] };
};

const quantile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  // Nearest rank: the smallest value with at least p of the values at or below it.
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
};
const round = (ms) => +ms.toFixed(1);

analyzeWholeBodyScan(studyOf(firstSeed - 1).files);

const stageTimes = {};
const afterDecoding = [];
const wallAfterDecoding = [];
const sizes = new Set();
for (let k = 0; k < count; k++) {
  const { phantom, files } = studyOf(firstSeed + k);
  sizes.add(`${phantom.columns}x${phantom.rows}`);
  const t0 = performance.now();
  const { report, segmentation } = analyzeWholeBodyScan(files);
  const wall = performance.now() - t0;
  const stages = { ...report.timingsMs };
  for (const [stage, ms] of Object.entries(segmentation.timingsMs ?? {})) stages[`segmentation.${stage}`] = ms;
  for (const [stage, ms] of Object.entries(stages)) (stageTimes[stage] ??= []).push(ms);
  // Budget: the pipeline's own stages after reading (segmentation.* are parts of `segmentation`, not added again).
  const budgeted = Object.entries(report.timingsMs)
    .filter(([stage]) => stage !== 'read')
    .reduce((sum, [, ms]) => sum + ms, 0);
  afterDecoding.push(budgeted);
  wallAfterDecoding.push(wall - report.timingsMs.read);
}

const summary = (values) => ({
  medianMs: round(quantile(values, 0.5)),
  p95Ms: round(quantile(values, 0.95)),
  maxMs: round(Math.max(...values)),
});
const median = quantile(afterDecoding, 0.5);
const p95 = quantile(afterDecoding, 0.95);
console.log(
  JSON.stringify(
    {
      name: 'bone-scan pipeline per study (analyzeWholeBodyScan), one thread',
      input: `${count} phantom studies, seeds ${firstSeed}–${firstSeed + count - 1}, anterior + posterior ${[...sizes].join(', ')}, ${countsPerView} expected counts per view, one NM object each`,
      targetMs: budgetMs,
      target: 'at most 300 ms per study after decoding (stages after read), median and p95',
      afterDecoding: summary(afterDecoding),
      wallClockAfterDecoding: summary(wallAfterDecoding),
      met: { median: median <= budgetMs, p95: p95 <= budgetMs },
      stages: Object.fromEntries(Object.entries(stageTimes).map(([stage, values]) => [stage, summary(values)])),
    },
    null,
    2,
  ),
);
