import { caughtBonemetError } from '@bonemet/core/testing';
import { describe, expect, it } from 'vitest';
import { generatePetTimeline, type PetTimeline, type PetTimelineLesionTruth } from './pet-timeline.js';

// Small, noiseless and unblurred, so the truth can be read back from the voxels exactly.
const exact = { dimensions: [96, 72, 60] as [number, number, number], blurFwhmMm: 0, noiseCv: 0, ctNoiseSdHu: 0 };

function valueAt(timeline: PetTimeline, studyIndex: number, point: readonly number[]): { suv: number; label: number } {
  const study = timeline.studies[studyIndex];
  if (study === undefined) throw new Error('no study');
  const { geometry, petBqMl, lesionLabels, truth } = study.phantom;
  const [nx, ny] = geometry.dimensions;
  const index = [0, 1, 2].map((axis) =>
    Math.round(((point[axis] ?? 0) - (geometry.originMm[axis] ?? 0)) / (geometry.spacingMm[axis] ?? 1)),
  );
  const n = (index[0] ?? 0) + nx * ((index[1] ?? 0) + ny * (index[2] ?? 0));
  return { suv: (petBqMl[n] ?? 0) / truth.bqMlPerSuvbw, label: lesionLabels[n] ?? 0 };
}

const present = (lesions: readonly PetTimelineLesionTruth[]): PetTimelineLesionTruth[] =>
  lesions.filter((lesion) => lesion.label !== null);

describe('generatePetTimeline', () => {
  const timelines = [1, 2, 3, 4, 5, 6, 7, 8].map((seed) => generatePetTimeline({ seed, timePoints: 4, ...exact }));

  it('gives the same studies for the same seed', () => {
    const again = generatePetTimeline({ seed: 3, timePoints: 4, ...exact });
    const bytes = (values: Float32Array | undefined): Buffer =>
      values === undefined ? Buffer.alloc(0) : Buffer.from(values.buffer, values.byteOffset, values.byteLength);
    expect(bytes(again.studies[2]?.phantom.petBqMl).equals(bytes(timelines[2]?.studies[2]?.phantom.petBqMl))).toBe(
      true,
    );
    expect(again.studies.map((s) => s.lesions)).toEqual(timelines[2]?.studies.map((s) => s.lesions));
  }, 60_000);

  it('places the patient differently in every study within 30 mm and 3°', () => {
    for (const timeline of timelines) {
      const poses = timeline.studies.map((study) => study.pose);
      for (const pose of poses) {
        expect(Math.hypot(...pose.translationMm)).toBeLessThanOrEqual(30 + 1e-9);
        expect(Math.abs(pose.rotationDeg)).toBeLessThanOrEqual(3);
      }
      expect(new Set(poses.map((pose) => pose.translationMm.join(','))).size).toBe(poses.length);
    }
  });

  it('moves each lesion with the patient: centre = Rz(θ) · reference centre + t', () => {
    for (const timeline of timelines)
      for (const study of timeline.studies)
        for (const lesion of study.lesions) {
          const angle = (study.pose.rotationDeg * Math.PI) / 180;
          const [x, y, z] = lesion.referenceCentreMm;
          const [tx, ty, tz] = study.pose.translationMm;
          expect(lesion.centreMm[0]).toBeCloseTo(Math.cos(angle) * x - Math.sin(angle) * y + tx, 9);
          expect(lesion.centreMm[1]).toBeCloseTo(Math.sin(angle) * x + Math.cos(angle) * y + ty, 9);
          expect(lesion.centreMm[2]).toBeCloseTo(z + tz, 9);
        }
  });

  it('paints every present lesion at its centre with its true SUVbw and label', () => {
    for (const timeline of timelines)
      timeline.studies.forEach((study, index) => {
        for (const lesion of present(study.lesions)) {
          const found = valueAt(timeline, index, lesion.centreMm);
          // The voxel nearest the centre lies wholly inside a sphere of ≥ 12 mm diameter at 4 mm voxels
          // (half diagonal 3.5 mm < radius − 2.3 mm), so it holds the lesion value without partial volume.
          expect(found.suv).toBeCloseTo(lesion.suvbw, 4);
          expect(found.label).toBe(lesion.label);
        }
      });
  });

  it('varies injected activity, uptake time and weight between studies, and keeps one patient', () => {
    const timeline = timelines[0];
    if (timeline === undefined) throw new Error('no timeline');
    const doses = timeline.studies.map((study) => study.injectedActivityMBq);
    expect(new Set(doses).size).toBeGreaterThan(1);
    for (const study of timeline.studies) {
      expect(study.injectedActivityMBq).toBeGreaterThanOrEqual(300);
      expect(study.injectedActivityMBq).toBeLessThanOrEqual(420);
      expect(study.uptakeMinutes).toBeGreaterThanOrEqual(55);
      expect(study.uptakeMinutes).toBeLessThanOrEqual(70);
      expect(study.phantom.options.seed).toBe(timeline.seed);
    }
    const weights = timeline.studies.map((study) => study.weightKg);
    expect(Math.max(...weights) / Math.min(...weights)).toBeLessThan(1.07);
    const dates = timeline.studies.map((study) => study.studyDate);
    expect([...dates].sort()).toEqual(dates);
    expect(timeline.therapyStartDate > (dates[0] ?? '')).toBe(true);
    expect(timeline.therapyStartDate < (dates[1] ?? '')).toBe(true);
  });

  it('states each lesion against the previous study, resolved and new included', () => {
    const states = new Set<string>();
    for (const timeline of timelines)
      timeline.studies.forEach((study, index) => {
        const before = new Map((timeline.studies[index - 1]?.lesions ?? []).map((l) => [l.trackId, l]));
        for (const lesion of study.lesions) {
          states.add(lesion.state);
          const previous = before.get(lesion.trackId);
          if (index === 0) expect(lesion.state).toBe('baseline');
          else if (lesion.label === null) expect(previous?.label).not.toBeNull();
          else if (previous === undefined || previous.label === null) expect(lesion.state).toBe('new');
          else {
            // ± 6.9%: the SULpeak repeatability coefficient 2.77 × 2.5% (Lodge 2012).
            const change = (100 * (lesion.sul - previous.sul)) / previous.sul;
            expect(lesion.state).toBe(change > 6.925 ? 'increased' : change < -6.925 ? 'decreased' : 'stable');
          }
        }
      });
    expect([...states].sort()).toEqual(['baseline', 'decreased', 'increased', 'new', 'resolved', 'stable']);
  });

  it('gives the PERCIST category of each follow-up by the rule of Wahl 2009', () => {
    const categories = new Set<string>();
    for (const timeline of timelines) {
      const baseline = present(timeline.studies[0]?.lesions ?? []);
      const baselineIds = new Set(baseline.map((lesion) => lesion.trackId));
      const baselineHottest = Math.max(...baseline.map((lesion) => lesion.sul));
      for (const study of timeline.studies.slice(1)) {
        const now = present(study.lesions);
        const hottest = Math.max(0, ...now.map((lesion) => lesion.sul));
        const change = hottest - baselineHottest;
        let expected: string;
        if (now.some((lesion) => !baselineIds.has(lesion.trackId))) expected = 'PMD';
        else if (change / baselineHottest > 0.3 && change > 0.8) expected = 'PMD';
        else if (now.length === 0) expected = 'CMR';
        else if (change / baselineHottest <= -0.3 && -change >= 0.8) expected = 'PMR';
        else expected = 'SMD';
        expect(study.percist?.category).toBe(expected);
        categories.add(expected);
      }
      expect(timeline.studies[0]?.percist).toBeNull();
    }
    expect(categories.has('PMD')).toBe(true);
    expect(categories.has('PMR') || categories.has('CMR')).toBe(true);
  });

  it('refuses a number of studies outside 2–5', () => {
    for (const timePoints of [1, 6]) {
      const error = caughtBonemetError(() => generatePetTimeline({ seed: 1, timePoints }));
      expect(error.code).toBe('invalid_input');
      expect(error.issues[0]?.path).toEqual(['timePoints']);
    }
  });
});
