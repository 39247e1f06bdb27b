// Hotspot accuracy of the bone-scan analysis against the phantom's ground truth (issue 4 item 7), printed as JSON.
// Run after `npx tsc -b` (it uses the built packages):
//   node bench/bonescan/accuracy.mjs [count=100] [firstSeed=90000] [countLevels=1500000,500000] [localWindowMm]
// (localWindowMm: the analysis option of that name, default the analysis default; 0 = the flat per-region reference).
// Seeds from 90000 are not used by any test. Every seed is generated once per count level (total counts per
// view fixed, the rest of the study drawn from the seed) and analysed twice: with the phantom's true region
// maps and with segmentSkeleton's maps. The posterior view is mirrored into the reading orientation, as
// readWholeBodyScan does, and the phantom's blur FWHM is passed as cameraFwhmMm.
//
// Matching. A malignant finding is found when a hotspot labelled metastasis, in a view where the finding is
// visible (truth `views`), has a pixel within (diameter / 2 + 5 mm) of the finding's centre. A metastasis
// call is false when it has no pixel within that distance of any malignant finding; a false call seen in
// both views (paired) counts once.
import { performance } from 'node:perf_hooks';
import { analyzeBoneScanHotspots, segmentSkeleton } from '@bonemet/bonescan';
import { generateBoneScanPhantom } from '@bonemet/phantoms';
import { inReadingOrder, near, scanOf } from './phantom-scan.mjs';

const count = Number(process.argv[2] ?? 100);
const firstSeed = Number(process.argv[3] ?? 90000);
const countLevels = (process.argv[4] ?? '1500000,500000').split(',').map(Number);
const localWindowMm = process.argv[5] === undefined ? undefined : Number(process.argv[5]);

const targets = {
  sensitivityHighContrastLarge: 0.9,
  sensitivityFaint: 0.6,
  falseMetastasisCallsPerStudy: 0.5,
  patientSpecificityBenignOnly: 0.85,
  bsiMeanAbsoluteErrorPoints: 0.3,
};

function trueMaps(phantom) {
  const { columns, rows } = phantom;
  return phantom.views.map((v) => ({
    view: v.view,
    columns,
    rows,
    labels: inReadingOrder(v.view, columns, rows, v.labels, Uint8Array),
  }));
}

function emptyTally() {
  return {
    studies: 0,
    lesions: {},
    falseCalls: 0,
    falseCallsByCause: {},
    benignOnlyStudies: 0,
    benignOnlyClean: 0,
    bsiErrors: [],
    bsiSigned: [],
    msPerStudy: [],
  };
}

function addLesion(tally, key, found) {
  const entry = (tally.lesions[key] ??= { found: 0, total: 0 });
  entry.total++;
  if (found) entry.found++;
}

/** What a false call sits on: the truth's benign finding or uptake site nearest to it, else its rule/region. */
function causeOf(hotspot, phantom, columns, pixelMm, pixels) {
  for (const f of phantom.truth.findings) {
    if (!f.malignant && near(pixels, columns, f.centrePx.anterior, (f.diameterMm / 2 + 10) / pixelMm)) return f.kind;
  }
  for (const s of phantom.truth.uptakeSites) {
    if (near(pixels, columns, s.centrePx.anterior, 40 / pixelMm)) return s.kind;
  }
  return `${hotspot.kind === 'cold-with-rim' ? 'cold' : 'hot'} on ${hotspot.region ?? 'soft tissue'}`;
}

function score(tally, phantom, analysis, ms) {
  const { columns } = phantom;
  const pixelMm = phantom.pixelSizeMm;
  const hotspots = analysis.automatic.hotspots;
  const metastases = hotspots.filter((h) => h.label === 'metastasis');
  const malignant = phantom.truth.findings.filter((f) => f.malignant);
  tally.studies++;
  tally.msPerStudy.push(ms);
  for (const f of malignant) {
    const radiusPx = (f.diameterMm / 2 + 5) / pixelMm;
    const found = metastases.some(
      (h) => f.views.includes(h.view) && near(analysis.hotspotPixels.get(h.id), columns, f.centrePx.anterior, radiusPx),
    );
    if (f.kind === 'lytic-metastasis') addLesion(tally, 'lytic', found);
    else {
      const contrastBand = f.contrast >= 2 ? 'contrast>=2' : f.contrast >= 1.3 ? 'contrast1.3-2' : 'contrast<1.3';
      const sizeBand = f.diameterMm >= 15 ? 'd>=15mm' : 'd<15mm';
      addLesion(tally, `${contrastBand},${sizeBand}`, found);
      addLesion(tally, contrastBand, found);
      addLesion(tally, sizeBand, found);
    }
    addLesion(tally, 'all malignant', found);
  }
  const falseIds = new Set();
  for (const h of metastases) {
    const pixels = analysis.hotspotPixels.get(h.id);
    const onLesion = malignant.some((f) =>
      near(pixels, columns, f.centrePx.anterior, (f.diameterMm / 2 + 5) / pixelMm),
    );
    if (onLesion) continue;
    const partner = h.otherView?.hotspotId;
    if (partner !== undefined && falseIds.has(partner)) continue;
    falseIds.add(h.id);
    const cause = causeOf(h, phantom, columns, pixelMm, pixels);
    tally.falseCallsByCause[cause] = (tally.falseCallsByCause[cause] ?? 0) + 1;
  }
  tally.falseCalls += falseIds.size;
  if (malignant.length === 0 && !phantom.superscan) {
    tally.benignOnlyStudies++;
    if (metastases.length === 0) tally.benignOnlyClean++;
  }
  const error = analysis.automatic.bsi.percent - phantom.truth.bsi.percent;
  tally.bsiErrors.push(Math.abs(error));
  tally.bsiSigned.push(error);
}

const round = (x, digits = 3) => +x.toFixed(digits);
const mean = (values) => (values.length === 0 ? 0 : values.reduce((s, v) => s + v, 0) / values.length);

function summarise(tally) {
  const rate = (key) => {
    const e = tally.lesions[key];
    return e === undefined || e.total === 0
      ? null
      : { value: round(e.found / e.total), found: e.found, total: e.total };
  };
  const high = rate('contrast>=2,d>=15mm');
  const faint = rate('contrast1.3-2');
  const falsePerStudy = tally.falseCalls / Math.max(1, tally.studies);
  const specificity = tally.benignOnlyStudies === 0 ? null : tally.benignOnlyClean / tally.benignOnlyStudies;
  const bsiMae = mean(tally.bsiErrors);
  const times = [...tally.msPerStudy].sort((a, b) => a - b);
  return {
    studies: tally.studies,
    sensitivity: Object.fromEntries(
      Object.keys(tally.lesions)
        .sort()
        .map((k) => [k, rate(k)]),
    ),
    falseMetastasisCallsPerStudy: round(falsePerStudy),
    falseCallsByCause: tally.falseCallsByCause,
    patientSpecificityBenignOnly:
      specificity === null
        ? null
        : { value: round(specificity), clean: tally.benignOnlyClean, studies: tally.benignOnlyStudies },
    bsi: {
      meanAbsoluteErrorPoints: round(bsiMae),
      meanSignedErrorPoints: round(mean(tally.bsiSigned)),
      maxAbsoluteErrorPoints: round(Math.max(0, ...tally.bsiErrors)),
    },
    analysisMsPerStudy: {
      median: round(times[Math.floor(times.length / 2)] ?? 0, 1),
      max: round(times[times.length - 1] ?? 0, 1),
    },
    targets: {
      sensitivityContrast2xDiameter15mm: {
        target: `>= ${targets.sensitivityHighContrastLarge}`,
        value: high?.value ?? null,
        met: high !== null && high.value >= targets.sensitivityHighContrastLarge,
      },
      sensitivityContrast1_3to2x: {
        target: `>= ${targets.sensitivityFaint}`,
        value: faint?.value ?? null,
        met: faint !== null && faint.value >= targets.sensitivityFaint,
      },
      falseMetastasisCallsPerStudy: {
        target: `<= ${targets.falseMetastasisCallsPerStudy}`,
        value: round(falsePerStudy),
        met: falsePerStudy <= targets.falseMetastasisCallsPerStudy,
      },
      patientSpecificityBenignOnly: {
        target: `>= ${targets.patientSpecificityBenignOnly}`,
        value: specificity === null ? null : round(specificity),
        met: specificity !== null && specificity >= targets.patientSpecificityBenignOnly,
      },
      bsiMeanAbsoluteErrorPoints: {
        target: `<= ${targets.bsiMeanAbsoluteErrorPoints} (at >= 1.5 M counts)`,
        value: round(bsiMae),
        met: bsiMae <= targets.bsiMeanAbsoluteErrorPoints,
      },
    },
  };
}

const results = {};
const phantomMs = [];
const segmentationMs = [];
for (const totalCounts of countLevels) {
  const tallies = { trueMaps: emptyTally(), segmentedMaps: emptyTally() };
  for (let k = 0; k < count; k++) {
    const seed = firstSeed + k;
    let t0 = performance.now();
    const phantom = generateBoneScanPhantom({ seed, totalCountsPerView: totalCounts });
    phantomMs.push(performance.now() - t0);
    const scan = scanOf(phantom);
    const options = {
      cameraFwhmMm: phantom.options.blurFwhmMm,
      ...(localWindowMm === undefined ? {} : { localWindowMm }),
    };
    t0 = performance.now();
    const truthAnalysis = analyzeBoneScanHotspots({ scan, regionMaps: trueMaps(phantom), options });
    score(tallies.trueMaps, phantom, truthAnalysis, performance.now() - t0);
    t0 = performance.now();
    const segmentation = segmentSkeleton(scan);
    const segmented = performance.now() - t0;
    segmentationMs.push(segmented);
    t0 = performance.now();
    const segmentedAnalysis = analyzeBoneScanHotspots({
      scan,
      regionMaps: segmentation.views.map(({ view, columns, rows, labels }) => ({ view, columns, rows, labels })),
      options,
    });
    score(tallies.segmentedMaps, phantom, segmentedAnalysis, performance.now() - t0 + segmented);
  }
  results[`${totalCounts} counts per view`] = {
    trueMaps: summarise(tallies.trueMaps),
    segmentedMaps: { note: 'time per study includes the segmentation', ...summarise(tallies.segmentedMaps) },
  };
}
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
console.log(
  JSON.stringify(
    {
      benchmark: 'bone-scan hotspot accuracy vs phantom ground truth (issue 4 item 7)',
      studiesPerCountLevel: count,
      localWindowMm: localWindowMm ?? 'analysis default',
      seeds: `${firstSeed}–${firstSeed + count - 1}`,
      matching:
        'a malignant finding is found by a metastasis call with a pixel within diameter/2 + 5 mm of its centre in a view where it is visible; a metastasis call near no malignant finding is false (a pair counted once)',
      targets,
      results,
      medianMs: { phantom: round(median(phantomMs), 1), segmentation: round(median(segmentationMs), 1) },
    },
    null,
    2,
  ),
);
