// Bone-scan tracking accuracy and speed over simulated patient timelines (issue 5 items 1, 4, 5), printed as JSON.
// Run after `npx tsc -b` (it uses the built packages):
//   node bench/response/bone-scan-timelines.mjs [count=100] [firstSeed=95000]
// Seeds from 95000 are not used by any test. Seed s gives generateBoneScanTimeline({ seed: s,
// timePoints: 2 + (s mod 4) }) (2–5 scans; the scenario is drawn from the seed). Every scan is written as DICOM
// and analysed by analyzeWholeBodyScan; tracking runs twice on the same registrations' inputs:
// - "trueHotspots": the hotspots are the truth findings (each present finding in each view that shows it,
//   metastasis or benign as the truth says), so only registration, matching and states are measured;
// - "endToEnd": the hotspots are the analysis's own (detection and labelling errors included).
//
// Measures, per mode:
// - persistentLinking: a truth metastasis present at k − 1 and k, in a view that shows it at both: linked when
//   the hotspots at its place (nearest within diameter / 2 + 10 mm) at k − 1 and k share a tracking UID. In
//   end-to-end mode a pair whose hotspot was not detected at one of the two is counted apart (detection miss).
// - newLesionSensitivity (truth new metastases with contrast ≥ 2 and diameter ≥ 15 mm): found when a hotspot
//   labelled metastasis, state new, lies at its place in a view that shows it.
// - falseNewLesionsPerFollowUp: hotspots labelled metastasis with state new not at the place of a truth new
//   metastasis, counted once across the views (pairing), per follow-up.
// - category: computeBoneScanFlare on the tracking's flare counts against the truth category per follow-up;
//   confusion matrix; patients of the flare scenario reported apart.
// - trackTwoScansMs: time of trackBoneScanStudies on the first two scans (registration of both views and
//   matching; the analyses are not included), one thread: wall-clock and CPU time of the process (on a shared
//   machine the wall-clock time includes waiting for a core; the target is checked on the CPU time).
import { performance } from 'node:perf_hooks';
import { analyzeWholeBodyScan } from '@bonemet/bonescan';
import { boneScanTimelineFile, generateBoneScanTimeline } from '@bonemet/phantoms';
import { boneScanTrackingStudy, computeBoneScanFlare, trackBoneScanStudies } from '@bonemet/response';

const count = Number(process.argv[2] ?? 100);
const firstSeed = Number(process.argv[3] ?? 95000);

const targets = {
  persistentLinkedFraction: 0.95,
  newLesionSensitivity: 0.85,
  falseNewLesionsPerFollowUp: 0.5,
  categoryAgreement: 0.9,
  trackTwoScansMs: 1000,
};

function truthHotspots(point) {
  const hotspots = [];
  for (const finding of point.findings) {
    if (!finding.present) continue;
    for (const view of finding.views) {
      const other = view === 'anterior' ? 'posterior' : 'anterior';
      const [c, r] = finding.readingCentrePx[view];
      hotspots.push({
        id: `${finding.trackId}-${view}`,
        view,
        region: finding.part,
        columnPx: c,
        rowPx: r,
        areaMm2: Math.PI * (finding.diameterMm / 2) ** 2,
        label: finding.malignant ? 'metastasis' : 'benign',
        otherViewId: finding.views.includes(other) ? `${finding.trackId}-${other}` : null,
      });
    }
  }
  return hotspots;
}

function emptyTally() {
  return {
    persistentPairs: 0,
    persistentLinked: 0,
    persistentDetectionMisses: 0,
    newLesions: 0,
    newLesionsFound: 0,
    falseNew: 0,
    followUps: 0,
    categoryAgree: 0,
    categoryTotal: 0,
    confusion: {},
    flare: { agree: 0, total: 0, confusion: {} },
  };
}

const near = (hotspot, finding, view, pixelMm) => {
  const [c, r] = finding.readingCentrePx[view];
  return Math.hypot(hotspot.columnPx - c, hotspot.rowPx - r) * pixelMm <= finding.diameterMm / 2 + 10;
};

function nearestAt(study, finding, view, pixelMm) {
  let best = null;
  let bestDistance = Infinity;
  for (const h of study.hotspots) {
    if (h.view !== view || !near(h, finding, view, pixelMm)) continue;
    const [c, r] = finding.readingCentrePx[view];
    const distance = Math.hypot(h.columnPx - c, h.rowPx - r);
    if (distance < bestDistance) {
      bestDistance = distance;
      best = h;
    }
  }
  return best;
}

function countOnce(hotspots) {
  const counted = new Set();
  for (const h of [...hotspots].sort((a, b) => (a.view < b.view ? -1 : a.view > b.view ? 1 : a.id < b.id ? -1 : 1))) {
    if (h.otherViewId !== null && counted.has(h.otherViewId)) continue;
    counted.add(h.id);
  }
  return counted.size;
}

function score(tally, timeline, studies, result) {
  const pixelMm = timeline.habitus.pixelSizeMm;
  const trackOf = new Map();
  const observationOf = new Map();
  for (const track of result.automatic.tracks)
    for (const o of track.observations) {
      if (o.hotspotId === null) continue;
      trackOf.set(`${o.timePointIndex}/${o.hotspotId}`, track.trackUid);
      observationOf.set(`${o.timePointIndex}/${o.hotspotId}`, o);
    }
  for (let k = 1; k < timeline.points.length; k++) {
    const point = timeline.points[k];
    const previous = timeline.points[k - 1];
    tally.followUps += 1;
    for (const finding of point.findings) {
      if (!finding.malignant || !finding.present) continue;
      const before = previous.findings.find((f) => f.trackId === finding.trackId && f.present);
      if (before !== undefined) {
        for (const view of finding.views) {
          if (!before.views.includes(view)) continue;
          tally.persistentPairs += 1;
          const a = nearestAt(studies[k - 1], before, view, pixelMm);
          const b = nearestAt(studies[k], finding, view, pixelMm);
          if (a === null || b === null) {
            tally.persistentDetectionMisses += 1;
            continue;
          }
          if (trackOf.get(`${k - 1}/${a.id}`) === trackOf.get(`${k}/${b.id}`)) tally.persistentLinked += 1;
        }
      }
      if (finding.state === 'new' && finding.contrast >= 2 && finding.diameterMm >= 15) {
        tally.newLesions += 1;
        const found = finding.views.some((view) =>
          studies[k].hotspots.some((h) => {
            if (h.view !== view || h.label !== 'metastasis' || !near(h, finding, view, pixelMm)) return false;
            return observationOf.get(`${k}/${h.id}`)?.state === 'new';
          }),
        );
        if (found) tally.newLesionsFound += 1;
      }
    }
    const truthNew = point.findings.filter((f) => f.malignant && f.present && f.state === 'new');
    const falseNew = studies[k].hotspots.filter((h) => {
      if (h.label !== 'metastasis' || observationOf.get(`${k}/${h.id}`)?.state !== 'new') return false;
      return !truthNew.some((f) => f.views.includes(h.view) && near(h, f, h.view, pixelMm));
    });
    tally.falseNew += countOnce(falseNew);
  }
  const flare = computeBoneScanFlare({
    baselineDate: timeline.baselineDate,
    therapyStartDate: timeline.therapyStartDate,
    scans: result.automatic.flareCounts.map((c) => ({ ...c })),
  });
  flare.points.forEach((p, index) => {
    const truth = timeline.points[index + 1].category;
    const key = `${truth} -> ${p.status}`;
    const target = timeline.scenario === 'flare' ? tally.flare : tally;
    if (timeline.scenario !== 'flare') {
      tally.categoryTotal += 1;
      if (truth === p.status) tally.categoryAgree += 1;
    } else {
      target.total += 1;
      if (truth === p.status) target.agree += 1;
    }
    target.confusion[key] = (target.confusion[key] ?? 0) + 1;
  });
}

function quantiles(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const q = (p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? null;
  const round = (v) => (v === null ? null : +v.toFixed(1));
  return {
    n: sorted.length,
    median: round(q(0.5)),
    p95: round(q(0.95)),
    max: round(sorted[sorted.length - 1] ?? null),
  };
}

function summary(tally, trackMs) {
  const frac = (a, b) => (b === 0 ? null : +(a / b).toFixed(4));
  const linkedAmongDetected = frac(tally.persistentLinked, tally.persistentPairs - tally.persistentDetectionMisses);
  const out = {
    persistentLesionPairs: tally.persistentPairs,
    persistentDetectionMisses: tally.persistentDetectionMisses,
    persistentLinkedFraction: linkedAmongDetected,
    persistentLinkedFractionIncludingMisses: frac(tally.persistentLinked, tally.persistentPairs),
    newLesions: tally.newLesions,
    newLesionSensitivity: frac(tally.newLesionsFound, tally.newLesions),
    followUps: tally.followUps,
    falseNewLesionsPerFollowUp: frac(tally.falseNew, tally.followUps),
    categoryAgreement: frac(tally.categoryAgree, tally.categoryTotal),
    categoryPoints: tally.categoryTotal,
    confusion: tally.confusion,
    flareScenario: {
      categoryAgreement: frac(tally.flare.agree, tally.flare.total),
      points: tally.flare.total,
      confusion: tally.flare.confusion,
    },
  };
  out.meetsTargets = {
    persistentLinkedFraction: (out.persistentLinkedFraction ?? 0) >= targets.persistentLinkedFraction,
    newLesionSensitivity: (out.newLesionSensitivity ?? 0) >= targets.newLesionSensitivity,
    falseNewLesionsPerFollowUp: (out.falseNewLesionsPerFollowUp ?? Infinity) <= targets.falseNewLesionsPerFollowUp,
    categoryAgreement: (out.categoryAgreement ?? 0) >= targets.categoryAgreement,
  };
  if (trackMs !== undefined) {
    out.trackTwoScansMs = { wall: quantiles(trackMs), cpu: quantiles(trackCpuMs) };
    out.meetsTargets.trackTwoScansMs = (out.trackTwoScansMs.cpu.p95 ?? Infinity) <= targets.trackTwoScansMs;
  }
  return out;
}

const tallies = { trueHotspots: emptyTally(), endToEnd: emptyTally() };
const trackMs = [];
const trackCpuMs = [];
const residualsMm = [];
const analysisMs = [];
const scenarios = {};
const failures = [];
const started = performance.now();
for (let p = 0; p < count; p++) {
  const seed = firstSeed + p;
  try {
    const timeline = generateBoneScanTimeline({ seed, timePoints: 2 + (seed % 4) });
    scenarios[timeline.scenario] = (scenarios[timeline.scenario] ?? 0) + 1;
    const analysed = timeline.points.map((point, k) => {
      const t0 = performance.now();
      const analysis = analyzeWholeBodyScan([{ bytes: boneScanTimelineFile(timeline, k), source: `${seed}-${k}.dcm` }]);
      analysisMs.push(performance.now() - t0);
      return boneScanTrackingStudy(point.date, analysis);
    });
    const truthStudies = analysed.map((study, k) => ({ ...study, hotspots: truthHotspots(timeline.points[k]) }));
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    trackBoneScanStudies(analysed.slice(0, 2));
    const cpu = process.cpuUsage(cpu0);
    trackMs.push(performance.now() - t0);
    trackCpuMs.push((cpu.user + cpu.system) / 1000);
    const endToEnd = trackBoneScanStudies(analysed);
    const withTruth = trackBoneScanStudies(truthStudies);
    for (const summaryPoint of withTruth.automatic.timePoints)
      for (const r of summaryPoint.registration) if (r.residualMm !== null) residualsMm.push(r.residualMm);
    score(tallies.trueHotspots, timeline, truthStudies, withTruth);
    score(tallies.endToEnd, timeline, analysed, endToEnd);
  } catch (error) {
    failures.push({ seed, error: error instanceof Error ? error.message : String(error) });
  }
}

console.log(
  JSON.stringify(
    {
      benchmark: 'bone-scan timelines: tracking, new lesions, flare-aware category',
      patients: count,
      seeds: [firstSeed, firstSeed + count - 1],
      scenarios,
      targets,
      trueHotspots: summary(tallies.trueHotspots),
      endToEnd: summary(tallies.endToEnd, trackMs),
      registrationResidualMm: quantiles(residualsMm),
      analysisMsPerScan: quantiles(analysisMs),
      failures,
      totalSeconds: +((performance.now() - started) / 1000).toFixed(1),
    },
    null,
    2,
  ),
);
