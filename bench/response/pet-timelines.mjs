// PET lesion tracking and PERCIST over simulated patient timelines (issue 5 items 1, 4, 5), printed as JSON.
// Run after `npx tsc -b` (it uses the built packages):
//   node bench/response/pet-timelines.mjs [count=100] [firstSeed=96000]
// Seeds from 96000 are not used by any test. Each seed is one patient (generatePetTimeline, 2–5 studies,
// each study in a different table position: translation ≤ 30 mm, rotation ≤ 3° about the long axis). Every
// study is quantified with the PERCIST threshold and the CT (quantifyLesions, automatic liver), then the series
// is tracked with trackPetStudySeries (alignment on the CT bone, matching, states, PERCIST 1.0).
//
// Matching a found lesion to the truth: the truth lesion of that study whose sphere centre is nearest to the
// found lesion's centroid, within (diameter / 2 + 6 mm); otherwise the found lesion is not a phantom lesion.
// - Persistent links: a truth lesion found at two consecutive studies is linked correctly when both found
//   lesions carry the same tracking UID.
// - New-lesion sensitivity: truth lesions new at a study that meet the PET equivalent of "contrast ≥ 2× and
//   ≥ 15 mm": true SUL ≥ 2 × the liver SUL of that study (the PERCIST reference region; the criterion is
//   stated against the liver because PET lesions are measured against it, not against soft tissue) and
//   diameter ≥ 15 mm; found when a found lesion matches it with state "new".
// - False new lesions: found lesions with state "new" at a follow-up that match no truth lesion new at
//   that study, per follow-up.
// - PERCIST: the category against the baseline (vsBaseline) compared with the truth category of the
//   phantom, written independently from the published rule (packages/phantoms pet-timeline.ts).
// - Alignment error: distance between each truth lesion centre mapped by the found transform and its
//   true position in the baseline study.
// - Alignment without a CT: the first pair of each patient aligned on the PET alone, lesion centre error.
// - Time per pair: alignment + matching of one follow-up (trackPetStudies on two studies already
//   quantified), and the quantification of one study: wall time and CPU time, ms.
import { performance } from 'node:perf_hooks';
import { quantifyLesions } from '@bonemet/pet';
import { generatePetTimeline } from '@bonemet/phantoms';
import { alignPetStudies, applyRigidTransform, trackPetStudies, trackPetStudySeries } from '@bonemet/response';

const count = Number(process.argv[2] ?? 100);
const firstSeed = Number(process.argv[3] ?? 96000);

const targets = {
  persistentLinkedCorrectly: 0.95,
  newLesionSensitivity: 0.85,
  falseNewLesionsPerFollowUp: 0.5,
  percistAgreement: 0.9,
};

const directions = [
  [1, 0, 0],
  [0, 1, 0],
  [0, 0, 1],
];

function studyInputs(timeline) {
  return timeline.studies.map((study) => {
    const { geometry, petBqMl, ctHu, truth } = study.phantom;
    const grid = {
      dimensions: geometry.dimensions,
      spacingMm: geometry.spacingMm,
      originMm: geometry.originMm,
      directions,
    };
    const suv = new Float32Array(petBqMl.length);
    for (let n = 0; n < suv.length; n++) suv[n] = petBqMl[n] / truth.bqMlPerSuvbw;
    const pet = {
      ...grid,
      voxels: suv,
      sul: { perSuvbw: study.liverSul / truth.tissues.liverSuvbw, formula: 'Janmahasatian' },
    };
    const ct = { ...grid, voxels: Float32Array.from(ctHu) };
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const quantification = quantifyLesions({ pet, ct }, { threshold: { kind: 'percist' } });
    const quantifyMs = performance.now() - t0;
    const quantifyCpu = process.cpuUsage(cpu0);
    return {
      input: {
        studyDate: study.studyDate,
        patientId: timeline.patientId,
        quantification,
        pet,
        ct,
        uptakeTimeMin: study.uptakeMinutes,
        injectedDoseMBq: study.injectedActivityMBq,
      },
      quantifyMs,
      quantifyCpuMs: (quantifyCpu.user + quantifyCpu.system) / 1000,
    };
  });
}

function truthOf(study, lesion) {
  let best = null;
  for (const truth of study.lesions) {
    if (truth.label === null) continue;
    const d = Math.hypot(...truth.centreMm.map((v, axis) => v - lesion.centroidMm[axis]));
    if (d <= truth.diameterMm / 2 + 6 && (best === null || d < best.d)) best = { truth, d };
  }
  return best?.truth ?? null;
}

const quantile = (values, p) => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
};
const round = (value, digits = 3) => (value === null || !Number.isFinite(value) ? null : +value.toFixed(digits));

const categories = ['CMR', 'PMR', 'SMD', 'PMD', 'not_evaluable'];
const confusion = Object.fromEntries(
  categories.slice(0, 4).map((t) => [t, Object.fromEntries(categories.map((c) => [c, 0]))]),
);
const tally = {
  patients: 0,
  studies: 0,
  followUps: 0,
  persistentPairs: 0,
  persistentLinked: 0,
  persistentPairsBothFound: 0,
  truthLesionsPresent: 0,
  truthLesionsFound: 0,
  newEligible: 0,
  newFound: 0,
  newAll: 0,
  newAllFound: 0,
  falseNew: 0,
  unmatchedFound: 0,
  percistAgree: 0,
  percistTotal: 0,
  courses: {},
};
const residualsMm = [];
const alignmentErrorsMm = [];
const pairMs = [];
const pairCpuMs = [];
const quantifyMs = [];
const quantifyCpuMs = [];
const petOnlyErrorsMm = [];
const petOnlyResidualsMm = [];
const disagreements = [];
const failures = [];

for (let seed = firstSeed; seed < firstSeed + count; seed++) {
  const timePoints = 2 + (seed % 4);
  let timeline;
  let result;
  let inputs;
  try {
    timeline = generatePetTimeline({ seed, timePoints });
    inputs = studyInputs(timeline);
    for (const entry of inputs) {
      quantifyMs.push(entry.quantifyMs);
      quantifyCpuMs.push(entry.quantifyCpuMs);
    }
    let uid = 0;
    const newUid = () => `uid-${String(++uid)}`;
    result = trackPetStudySeries(
      inputs.map((entry) => entry.input),
      { newUid },
    );
    // Time of one pair (alignment + matching), baseline and first follow-up.
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    trackPetStudies(inputs[0].input, inputs[1].input, { newUid });
    pairMs.push(performance.now() - t0);
    const cpu = process.cpuUsage(cpu0);
    pairCpuMs.push((cpu.user + cpu.system) / 1000);
    // The same first pair aligned on the PET alone (no CT): the path for studies without a CT.
    const petOnly = alignPetStudies({ pet: inputs[0].input.pet }, { pet: inputs[1].input.pet });
    const [baselineStudy, firstFollowUp] = timeline.studies;
    for (const truth of firstFollowUp.lesions) {
      const before = baselineStudy.lesions.find((l) => l.trackId === truth.trackId);
      if (before === undefined) continue;
      const mapped = applyRigidTransform(petOnly.transform, truth.centreMm);
      petOnlyErrorsMm.push(Math.hypot(...mapped.map((v, axis) => v - before.centreMm[axis])));
    }
    petOnlyResidualsMm.push(petOnly.residualMm);
  } catch (error) {
    failures.push({ seed, error: String(error?.message ?? error) });
    continue;
  }
  tally.patients++;
  tally.courses[timeline.course] = (tally.courses[timeline.course] ?? 0) + 1;
  tally.studies += timeline.studies.length;
  tally.followUps += timeline.studies.length - 1;

  // Track UID and state of each found lesion per study.
  const observation = new Map();
  for (const track of result.tracking.automatic.tracks)
    for (const o of track.observations)
      if (o.lesionId !== null)
        observation.set(`${o.timePointIndex}/${o.lesionId}`, { uid: track.trackUid, state: o.state });
  // Truth track id → found lesion per study.
  const foundByTruth = timeline.studies.map(() => new Map());
  timeline.studies.forEach((study, index) => {
    for (const lesion of result.studies[index].lesions) {
      const truth = truthOf(study, lesion);
      const info = observation.get(`${index}/${lesion.id}`);
      if (truth === null) {
        tally.unmatchedFound++;
        if (index > 0 && info?.state === 'new') tally.falseNew++;
        continue;
      }
      if (!foundByTruth[index].has(truth.trackId)) foundByTruth[index].set(truth.trackId, { lesion, info });
      if (index > 0 && info?.state === 'new' && truth.state !== 'new') tally.falseNew++;
    }
    for (const truth of study.lesions) {
      if (truth.label === null) continue;
      tally.truthLesionsPresent++;
      if (foundByTruth[index].has(truth.trackId)) tally.truthLesionsFound++;
      if (truth.state === 'new') {
        const found = foundByTruth[index].get(truth.trackId);
        const detected = found !== undefined && found.info?.state === 'new';
        tally.newAll++;
        if (detected) tally.newAllFound++;
        if (truth.diameterMm >= 15 && truth.sul >= 2 * study.liverSul) {
          tally.newEligible++;
          if (detected) tally.newFound++;
        }
      }
    }
    if (index > 0) {
      const before = timeline.studies[index - 1];
      for (const truth of study.lesions) {
        if (truth.label === null) continue;
        const previous = before.lesions.find((l) => l.trackId === truth.trackId && l.label !== null);
        if (previous === undefined) continue;
        tally.persistentPairs++;
        const a = foundByTruth[index - 1].get(truth.trackId);
        const b = foundByTruth[index].get(truth.trackId);
        if (a === undefined || b === undefined) continue;
        tally.persistentPairsBothFound++;
        if (a.info !== undefined && b.info !== undefined && a.info.uid === b.info.uid) tally.persistentLinked++;
      }
      const alignment = result.alignments[index];
      residualsMm.push(alignment.residualMm);
      const baseline = timeline.studies[0];
      for (const truth of study.lesions) {
        const baselineTruth = baseline.lesions.find((l) => l.trackId === truth.trackId);
        if (baselineTruth === undefined) continue;
        const mapped = applyRigidTransform(alignment.transform, truth.centreMm);
        alignmentErrorsMm.push(Math.hypot(...mapped.map((v, axis) => v - baselineTruth.centreMm[axis])));
      }
      const truthCategory = study.percist.category;
      const found = result.percist?.followUps[index - 1]?.vsBaseline.category ?? 'not_evaluable';
      confusion[truthCategory][found]++;
      tally.percistTotal++;
      if (found === truthCategory) tally.percistAgree++;
      else
        disagreements.push({
          seed,
          study: index,
          course: timeline.course,
          truth: truthCategory,
          found,
          truthChangePercent: round(study.percist.changePercent, 1),
          foundChangePercent: round(result.percist?.followUps[index - 1]?.vsBaseline.target.percentChange ?? null, 1),
        });
    }
  });
}

const rate = (a, b) => (b === 0 ? null : round(a / b));
const persistent = rate(tally.persistentLinked, tally.persistentPairsBothFound);
const sensitivity = rate(tally.newFound, tally.newEligible);
const falseNewPerFollowUp = rate(tally.falseNew, tally.followUps);
const percistAgreement = rate(tally.percistAgree, tally.percistTotal);
const report = {
  benchmark: 'PET lesion tracking and PERCIST over simulated patient timelines',
  command: `node bench/response/pet-timelines.mjs ${count} ${firstSeed}`,
  seeds: `${firstSeed}..${firstSeed + count - 1} (time points 2 + seed mod 4)`,
  phantom:
    'generatePetTimeline defaults: 104×80×120 voxels at 4 mm, PET blur 6 mm FWHM, noise CV 0.08, CT noise 10 HU; per study a new table position (≤ 30 mm, ≤ 3°), injected activity, uptake time and weight',
  patients: tally.patients,
  courses: tally.courses,
  studies: tally.studies,
  followUps: tally.followUps,
  failures,
  persistentLesions: {
    truthPairs: tally.persistentPairs,
    pairsFoundAtBothStudies: tally.persistentPairsBothFound,
    linkedCorrectly: tally.persistentLinked,
    rate: persistent,
  },
  detection: {
    truthLesionsPresent: tally.truthLesionsPresent,
    found: tally.truthLesionsFound,
    rate: rate(tally.truthLesionsFound, tally.truthLesionsPresent),
    foundLesionsMatchingNoPhantomLesion: tally.unmatchedFound,
  },
  newLesions: {
    criterion: 'true SUL ≥ 2 × liver SUL and diameter ≥ 15 mm (PET equivalent of contrast ≥ 2× and ≥ 15 mm)',
    eligible: tally.newEligible,
    foundAsNew: tally.newFound,
    sensitivity,
    allNew: tally.newAll,
    allNewFoundAsNew: tally.newAllFound,
    falseNew: tally.falseNew,
    falseNewPerFollowUp,
  },
  percist: {
    agreement: percistAgreement,
    agree: tally.percistAgree,
    total: tally.percistTotal,
    confusionTruthRowsFoundColumns: confusion,
    disagreements,
  },
  alignment: {
    method: 'ct-bone',
    residualMm: {
      median: round(quantile(residualsMm, 0.5), 2),
      p95: round(quantile(residualsMm, 0.95), 2),
      max: round(Math.max(...residualsMm), 2),
    },
    lesionCentreErrorMm: {
      median: round(quantile(alignmentErrorsMm, 0.5), 2),
      p95: round(quantile(alignmentErrorsMm, 0.95), 2),
      max: round(Math.max(...alignmentErrorsMm), 2),
    },
  },
  alignmentWithoutCt: {
    method: 'pet-body-outline (first follow-up of each patient, aligned on the PET alone)',
    residualMm: {
      median: round(quantile(petOnlyResidualsMm, 0.5), 2),
      p95: round(quantile(petOnlyResidualsMm, 0.95), 2),
    },
    lesionCentreErrorMm: {
      median: round(quantile(petOnlyErrorsMm, 0.5), 2),
      p95: round(quantile(petOnlyErrorsMm, 0.95), 2),
      max: round(Math.max(...petOnlyErrorsMm), 2),
    },
  },
  timing: {
    note: 'wall time depends on the load of the machine; CPU time (user + system of this process) does less',
    pairMs: { median: round(quantile(pairMs, 0.5), 0), p95: round(quantile(pairMs, 0.95), 0) },
    pairCpuMs: { median: round(quantile(pairCpuMs, 0.5), 0), p95: round(quantile(pairCpuMs, 0.95), 0) },
    quantifyStudyMs: { median: round(quantile(quantifyMs, 0.5), 0), p95: round(quantile(quantifyMs, 0.95), 0) },
    quantifyStudyCpuMs: {
      median: round(quantile(quantifyCpuMs, 0.5), 0),
      p95: round(quantile(quantifyCpuMs, 0.95), 0),
    },
  },
  targets: {
    persistentLinkedCorrectly: {
      target: `>= ${targets.persistentLinkedCorrectly}`,
      value: persistent,
      met: persistent !== null && persistent >= targets.persistentLinkedCorrectly,
    },
    newLesionSensitivity: {
      target: `>= ${targets.newLesionSensitivity}`,
      value: sensitivity,
      met: sensitivity !== null && sensitivity >= targets.newLesionSensitivity,
    },
    falseNewLesionsPerFollowUp: {
      target: `<= ${targets.falseNewLesionsPerFollowUp}`,
      value: falseNewPerFollowUp,
      met: falseNewPerFollowUp !== null && falseNewPerFollowUp <= targets.falseNewLesionsPerFollowUp,
    },
    percistAgreement: {
      target: `>= ${targets.percistAgreement}`,
      value: percistAgreement,
      met: percistAgreement !== null && percistAgreement >= targets.percistAgreement,
    },
  },
};
console.log(JSON.stringify(report, null, 2));
