// False metastasis calls of the bone-scan hotspot analysis, classified by cause, on DEVELOPMENT seeds
// (70000–70999; the accuracy benchmark's seeds from 90000 are never used here). Printed as JSON.
// Run after `npx tsc -b`:
//   node bench/bonescan/false-calls.mjs [count=20] [firstSeed=70000] [totalCounts=1500000] [maps=true|segmented]
//     [ridgeLineLengthMm] (the analysis option of that name; 0 switches the ridge-aware reference off)
//
// Causes, first match wins, for each false call (a metastasis call with no pixel within diameter/2 + 5 mm of a
// malignant finding, as in accuracy.mjs; a pair seen in both views counts once):
//   benign finding   a degenerative joint or rib fracture of the truth within its diameter/2 + 10 mm;
//   uptake site      kidney / bladder / injection site of the truth within 40 mm;
//   reference        the analysis' own normal-bone model, fitted to the study's noise-free image WITHOUT any
//                    finding (same seed, findings switched off), already puts a ratio >= the hot threshold
//                    on one of the call's pixels: the reference cannot follow normal anatomy there. Split by
//                    whether the call lies where two or more parts overlap in projection (truth
//                    overlappingParts >= 2 at the call's peak) and by region;
//   noise            none of the above: the noise-free normal image is not called, so counting noise made it.
// Each cause gets its count per study, the mean peak ratio and the mean area of its calls.
import { analyzeBoneScanHotspots, fitNormalBoneModel, segmentSkeleton } from '@bonemet/bonescan';
import { generateBoneScanPhantom } from '@bonemet/phantoms';
import { inReadingOrder, near, scanOf } from './phantom-scan.mjs';

const count = Number(process.argv[2] ?? 20);
const firstSeed = Number(process.argv[3] ?? 70000);
const totalCounts = Number(process.argv[4] ?? 1500000);
const mapsKind = process.argv[5] ?? 'true';
if (firstSeed + count > 71000 || firstSeed < 70000) throw new Error('development seeds are 70000–70999');

const tally = {};
const add = (cause, h) => {
  const t = (tally[cause] ??= { calls: 0, ratioSum: 0, areaSum: 0 });
  t.calls++;
  t.ratioSum += h.ratioMax;
  t.areaSum += h.areaMm2;
};
let missedFindings = 0;
const missedByPart = {};
const ridgeOption = process.argv[6] === undefined ? {} : { ridgeLineLengthMm: Number(process.argv[6]) };
let malignantTotal = 0;

for (let k = 0; k < count; k++) {
  const seed = firstSeed + k;
  const phantom = generateBoneScanPhantom({ seed, totalCountsPerView: totalCounts });
  const normal = generateBoneScanPhantom({
    seed,
    totalCountsPerView: totalCounts,
    metastases: 0,
    lyticMetastases: 0,
    degenerativeJoints: false,
    ribFractures: 0,
    poissonNoise: false,
  });
  const { columns, rows } = phantom;
  const pixelMm = phantom.pixelSizeMm;
  const scan = scanOf(phantom);
  const maps =
    mapsKind === 'true'
      ? phantom.views.map((v) => ({
          view: v.view,
          columns,
          rows,
          labels: inReadingOrder(v.view, columns, rows, v.labels, Uint8Array),
        }))
      : segmentSkeleton(scan).views.map(({ view, labels }) => ({ view, columns, rows, labels }));
  const options = { cameraFwhmMm: phantom.options.blurFwhmMm, ...ridgeOption };
  const analysis = analyzeBoneScanHotspots({ scan, regionMaps: maps, options });
  const threshold = analysis.options.hotRatioThreshold;
  // The model's ratio on the finding-free, noise-free study (scaled to the same total as the real one's normal part).
  const normalRatio = {};
  const overlap = {};
  for (const v of normal.views) {
    const real = phantom.views.find((w) => w.view === v.view);
    // Same skeleton and soft tissue; the finding-free image is scaled to the same total, so rescale it to the real
    // study's normal level with the median ratio of the two expected images (equal up to scale away from findings).
    const ratios = [];
    for (let i = 0; i < v.expectedCounts.length; i += 7) {
      const e = v.expectedCounts[i];
      if (e > 1) ratios.push((real.expectedCounts[i] ?? 0) / e);
    }
    ratios.sort((a, b) => a - b);
    const scale = ratios[ratios.length >> 1] ?? 1;
    const counts = inReadingOrder(v.view, columns, rows, v.expectedCounts, Float32Array).map((x) => x * scale);
    const viewOfScan = scan.views.find((w) => w.view === v.view);
    const map = maps.find((m) => m.view === v.view);
    normalRatio[v.view] = fitNormalBoneModel({ ...viewOfScan, counts }, map, {
      cameraFwhmMm: options.cameraFwhmMm,
      smoothingSigmaMm: analysis.options.smoothingSigmaMm,
      localWindowMm: analysis.options.localWindowMm,
      ridgeLineLengthMm: analysis.options.ridgeLineLengthMm,
    }).ratio;
    overlap[v.view] = inReadingOrder(real.view, columns, rows, real.overlappingParts, Uint8Array);
  }
  const malignant = phantom.truth.findings.filter((f) => f.malignant);
  const metastases = analysis.automatic.hotspots.filter((h) => h.label === 'metastasis');
  for (const f of malignant) {
    malignantTotal++;
    const radiusPx = (f.diameterMm / 2 + 5) / pixelMm;
    if (
      !metastases.some(
        (h) =>
          f.views.includes(h.view) && near(analysis.hotspotPixels.get(h.id), columns, f.centrePx.anterior, radiusPx),
      )
    ) {
      missedFindings++;
      const key = `${f.part.replace(/_(left|right)$/, '')} ${f.kind === 'lytic-metastasis' ? 'lytic' : f.contrast >= 2 ? '>=2x' : '<2x'}`;
      missedByPart[key] = (missedByPart[key] ?? 0) + 1;
    }
  }
  const counted = new Set();
  for (const h of metastases) {
    const pixels = analysis.hotspotPixels.get(h.id);
    if (malignant.some((f) => near(pixels, columns, f.centrePx.anterior, (f.diameterMm / 2 + 5) / pixelMm))) continue;
    const partner = h.otherView?.hotspotId;
    if (partner !== undefined && counted.has(partner)) continue;
    counted.add(h.id);
    const benign = phantom.truth.findings.find(
      (f) => !f.malignant && near(pixels, columns, f.centrePx.anterior, (f.diameterMm / 2 + 10) / pixelMm),
    );
    if (benign !== undefined) {
      add(`benign finding: ${benign.kind}`, h);
      continue;
    }
    const site = phantom.truth.uptakeSites.find((s) => near(pixels, columns, s.centrePx.anterior, 40 / pixelMm));
    if (site !== undefined) {
      add(`uptake site: ${site.kind}`, h);
      continue;
    }
    let referenceFails = false;
    let peak = pixels[0];
    for (const index of pixels) {
      if ((normalRatio[h.view][index] ?? 0) >= threshold) referenceFails = true;
    }
    let best = -Infinity;
    const ratio = normalRatio[h.view];
    for (const index of pixels) if ((ratio[index] ?? 0) > best) [best, peak] = [ratio[index], index];
    const region = (h.region ?? 'soft tissue').replace(/_(left|right)$/, '');
    if (referenceFails) {
      const overlapped = (overlap[h.view][peak] ?? 0) >= 2 ? 'overlap of parts' : 'single part';
      add(`reference: ${overlapped}: ${region}`, h);
    } else add(`noise: ${region}`, h);
  }
}

const round = (x, d = 2) => +x.toFixed(d);
const rows = Object.entries(tally)
  .map(([cause, t]) => ({
    cause,
    perStudy: round(t.calls / count),
    calls: t.calls,
    meanRatioMax: round(t.ratioSum / t.calls),
    meanAreaMm2: Math.round(t.areaSum / t.calls),
  }))
  .sort((a, b) => b.calls - a.calls);
const byGroup = {};
for (const r of rows) {
  const group = r.cause.split(':')[0];
  byGroup[group] = round((byGroup[group] ?? 0) + r.perStudy);
}
console.log(
  JSON.stringify(
    {
      seeds: `${firstSeed}–${firstSeed + count - 1}`,
      totalCountsPerView: totalCounts,
      maps: mapsKind,
      falseCallsPerStudy: round(rows.reduce((s, r) => s + r.calls, 0) / count),
      malignantMissed: `${missedFindings} of ${malignantTotal}`,
      missedByPart,
      byGroup,
      causes: rows,
    },
    null,
    2,
  ),
);
