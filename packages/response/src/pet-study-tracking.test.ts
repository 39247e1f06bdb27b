import { caughtBonemetError } from '@bonemet/core/testing';
import type { Triple } from '@bonemet/imaging';
import { quantifyLesions } from '@bonemet/pet';
import { describe, expect, it } from 'vitest';
import { trackPetLesions, type LesionTrack } from './pet-lesion-tracking.js';
import { trackPetStudies, trackPetStudySeries, type QuantifiedPetStudy } from './pet-study-tracking.js';
import {
  imageStudy,
  liverCentreInPose,
  placeInPose,
  type TestLesion,
  type TestPose,
} from './test-support/pet-study-volumes.js';

function study(
  studyDate: string,
  pose: TestPose,
  lesions: readonly TestLesion[],
  patientId = 'P1',
): QuantifiedPetStudy {
  const { pet, ct } = imageStudy(pose, lesions);
  const quantification = quantifyLesions(
    { pet, ct },
    { threshold: { kind: 'percist' }, reference: { liverCentreMm: [...liverCentreInPose(pose)] } },
  );
  return { studyDate, patientId, quantification, pet, ct, uptakeTimeMin: 60 };
}

function counter(): () => string {
  let next = 0;
  return () => `uid-${String(++next)}`;
}

/** The id of the lesion found nearest to `point` (scanner mm) in `lesions`, within 6 mm. */
function lesionAt(lesions: readonly { id: string; centroidMm: Triple }[], point: Triple): string {
  const near = lesions.find(
    (lesion) => Math.hypot(...lesion.centroidMm.map((value, axis) => value - (point[axis] ?? 0))) < 6,
  );
  if (near === undefined) throw new Error(`no lesion found at ${point.join(', ')}`);
  return near.id;
}

function trackWith(tracks: readonly LesionTrack[], timePointIndex: number, lesionId: string): LesionTrack {
  const track = tracks.find((candidate) =>
    candidate.observations.some((o) => o.timePointIndex === timePointIndex && o.lesionId === lesionId),
  );
  if (track === undefined) throw new Error(`no track holds ${lesionId} at ${String(timePointIndex)}`);
  return track;
}

// Two soft-tissue lesions 30 mm apart along x (reference coordinates, mm).
const lesionA: TestLesion = { centreMm: [-30, -35, -20], radiusMm: 9, suvbw: 8 };
const lesionB: TestLesion = { centreMm: [0, -35, -20], radiusMm: 9, suvbw: 6 };
const still: TestPose = { translationMm: [0, 0, 0], rotationDeg: 0 };

describe('trackPetStudies', () => {
  // The later study: the patient lies 25 mm further along +x. Lesion A then sits 5 mm from where B was and
  // 25 mm (beyond the 20 mm gate) from where A was: matching by distance alone links A to B's track.
  const shifted: TestPose = { translationMm: [25, 0, 0], rotationDeg: 0 };
  const earlier = study('2024-01-10', still, [lesionA, lesionB]);
  const later = study('2024-03-10', shifted, [lesionA, { ...lesionB, suvbw: 9 }]);

  it('matches lesions after a 25 mm shift that defeats matching by distance alone', () => {
    const result = trackPetStudies(earlier, later, { newUid: counter() });
    const [before, after] = result.studies;
    if (before === undefined || after === undefined) throw new Error('two studies');
    const earlierA = lesionAt(before.lesions, lesionA.centreMm);
    const earlierB = lesionAt(before.lesions, lesionB.centreMm);
    const laterA = lesionAt(after.lesions, placeInPose(lesionA.centreMm, shifted));
    const laterB = lesionAt(after.lesions, placeInPose(lesionB.centreMm, shifted));

    // Without the images (no alignment), later A is linked to B's track: the failure the alignment prevents.
    const plain = trackPetLesions(
      {
        timePoints: result.studies.map((s) => ({ studyDate: s.studyDate, lesions: s.lesions })),
      },
      counter(),
    );
    expect(trackWith(plain.automatic.tracks, 1, laterA).observations[0]?.lesionId).toBe(earlierB);

    const tracks = result.tracking.automatic.tracks;
    const trackA = trackWith(tracks, 0, earlierA);
    const trackB = trackWith(tracks, 0, earlierB);
    expect(trackA.observations.map((o) => o.lesionId)).toEqual([earlierA, laterA]);
    expect(trackB.observations.map((o) => o.lesionId)).toEqual([earlierB, laterB]);
    // SUVbw 8 → 8: stable; 6 → 9 (+50%, beyond the 6.9% band): increased.
    expect(trackA.observations[1]?.state).toBe('stable');
    expect(trackB.observations[1]?.state).toBe('increased');
    expect(trackB.observations[1]?.changes.suvmax?.percentChange).toBeCloseTo(50, 0);
    expect(trackA.observations[1]?.confidence).toBeGreaterThan(0.8);
    // The alignment found the 25 mm shift from the CT: later → earlier is −25 mm along x.
    const alignment = result.alignments[1];
    expect(alignment?.method).toBe('ct-bone');
    expect(alignment?.transform.translationMm[0]).toBeCloseTo(-25, 0);
    expect(alignment?.residualMm).toBeLessThan(2);
    expect(result.alignments[0]).toBeNull();
  }, 30_000);

  it('refuses studies of different patients', () => {
    const error = caughtBonemetError(() => trackPetStudies(earlier, { ...later, patientId: 'P2' }));
    expect(error.code).toBe('invalid_input');
    expect(error.message).toMatch(/different patients/);
    expect(error.issues[0]?.path).toEqual(['studies', 1, 'patientId']);
  }, 30_000);

  it('refuses dates out of order', () => {
    const error = caughtBonemetError(() => trackPetStudies(later, earlier));
    expect(error.code).toBe('invalid_input');
    expect(error.issues[0]?.path).toEqual(['studies', 1, 'studyDate']);
    expect(error.issues[0]?.message).toMatch(/out of order/);
  }, 30_000);

  it('names the study that cannot be aligned (an empty PET and no CT)', () => {
    const blank = { ...later, ct: undefined, pet: { ...later.pet, voxels: new Float32Array(later.pet.voxels.length) } };
    const error = caughtBonemetError(() => trackPetStudies({ ...earlier, ct: undefined }, blank));
    expect(error.code).toBe('missing_data');
    expect(error.message).toMatch(/^study 1 \(2024-03-10\): /);
    expect(error.issues[0]?.path).toEqual(['studies', 1, 'pet']);
  }, 30_000);

  it('refuses a quantification without SUL values', () => {
    const noSul = {
      ...later,
      quantification: {
        ...later.quantification,
        lesions: later.quantification.lesions.map((lesion) => ({ ...lesion, sul: null })),
      },
    };
    const error = caughtBonemetError(() => trackPetStudies(earlier, noSul));
    expect(error.code).toBe('missing_data');
    expect(error.issues[0]?.path).toEqual(['studies', 1, 'quantification', 'sul']);
  }, 30_000);
});

describe('trackPetStudySeries', () => {
  const lesionC: TestLesion = { centreMm: [50, -20, 30], radiusMm: 9, suvbw: 7 };
  const poses: TestPose[] = [
    still,
    { translationMm: [10, -5, 15], rotationDeg: 2 },
    { translationMm: [-15, 8, -20], rotationDeg: -2.5 },
  ];
  // A persists (8, 8, then 4.8: −40%); B resolves at the third study; C appears at the second and stays.
  const studies = [
    study('2024-01-10', poses[0] ?? still, [lesionA, lesionB]),
    study('2024-03-10', poses[1] ?? still, [lesionA, lesionB, lesionC]),
    study('2024-05-10', poses[2] ?? still, [{ ...lesionA, suvbw: 4.8 }, lesionC]),
  ];

  it('keeps tracking UIDs over three studies in three table positions', () => {
    const result = trackPetStudySeries(studies, { newUid: counter() });
    const ids = (index: number, lesion: TestLesion): string =>
      lesionAt(result.studies[index]?.lesions ?? [], placeInPose(lesion.centreMm, poses[index] ?? still));
    const tracks = result.tracking.automatic.tracks;
    const trackA = trackWith(tracks, 0, ids(0, lesionA));
    expect(trackA.observations.map((o) => o.lesionId)).toEqual([ids(0, lesionA), ids(1, lesionA), ids(2, lesionA)]);
    expect(trackA.observations.map((o) => o.state)).toEqual(['baseline', 'stable', 'decreased']);
    const trackB = trackWith(tracks, 0, ids(0, lesionB));
    expect(trackB.observations.map((o) => o.state)).toEqual(['baseline', 'stable', 'resolved']);
    const trackC = trackWith(tracks, 1, ids(1, lesionC));
    expect(trackC.observations.map((o) => [o.timePointIndex, o.lesionId, o.state])).toEqual([
      [1, ids(1, lesionC), 'new'],
      [2, ids(2, lesionC), 'stable'],
    ]);
    expect(new Set(tracks.map((track) => track.trackUid)).size).toBe(3);
  }, 30_000);

  it('reads PERCIST with the new lesion: progression at the second study', () => {
    const result = trackPetStudySeries(studies, { newUid: counter() });
    expect(result.warnings).toEqual([]);
    const second = result.timePoints[1]?.lesions.find((lesion) => lesion.new === true);
    expect(second?.id).toBe(
      lesionAt(result.studies[1]?.lesions ?? [], placeInPose(lesionC.centreMm, poses[1] ?? still)),
    );
    expect(result.percist?.followUps[0]?.vsBaseline.category).toBe('PMD');
    // C is still new against the baseline at the third study.
    expect(result.timePoints[2]?.lesions.filter((lesion) => lesion.new === true)).toHaveLength(1);
  }, 30_000);
});
