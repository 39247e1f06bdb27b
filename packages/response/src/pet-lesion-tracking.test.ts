import { describe, expect, it } from 'vitest';
import { sphereOverlap, trackPetLesions, type PetTrackingResult } from './pet-lesion-tracking.js';
import { issuesOf } from './test-support/issues.js';
import { rawLesion, type RawLesion } from './test-support/pet-fixtures.js';
import { dicomUidFromUuid } from './tracking-uid.js';

/** Deterministic UIDs 2.25.1, 2.25.2, ... in creation order. */
function counterUids(): () => string {
  let next = 0;
  return () => {
    next += 1;
    return dicomUidFromUuid(`00000000-0000-0000-0000-${next.toString(16).padStart(12, '0')}`);
  };
}

function lesion(id: string, at: [number, number, number], sulPeak: number, mtvMl: number, organ = 'bone'): RawLesion {
  return rawLesion(id, sulPeak, { centroidMm: at, mtvMl, organ });
}

const shift: [number, number, number] = [12, -7, 25]; // |shift| = √818 = 28.6 mm, beyond the 20 mm gate
const plus = (p: [number, number, number], q: [number, number, number]): [number, number, number] => [
  p[0] + q[0],
  p[1] + q[1],
  p[2] + q[2],
];

// Truth: A persists (5 → 5.2 SUL, +4%: stable), B increases (8 → 10, +25%), C resolves, D decreases
// (6 → 3, −50%), N is new. Follow-up positions are the baseline ones + the patient shift + up to 3 mm.
const baseline = {
  studyDate: '2026-01-05',
  alignmentCentreMm: [0, 0, 0],
  lesions: [
    lesion('A', [100, 50, 200], 5, 5),
    lesion('B', [-80, 40, 100], 8, 10),
    lesion('C', [20, -60, -150], 4, 3),
    lesion('D', [60, 0, 50], 6, 8, 'liver'),
  ],
};
const followUp = {
  studyDate: '2026-03-02',
  alignmentCentreMm: shift,
  lesions: [
    lesion('f-n', plus([-150, 0, 0], shift), 6, 4),
    lesion('f-d', plus([61, 1, 48], shift), 3, 6, 'liver'),
    lesion('f-b', plus([-78, 41, 101], shift), 10, 12),
    lesion('f-a', plus([100, 52, 199], shift), 5.2, 5),
  ],
};

function stateAt(result: PetTrackingResult['automatic'], uid: string, index: number): string | undefined {
  return result.tracks.find((track) => track.trackUid === uid)?.observations.find((o) => o.timePointIndex === index)
    ?.state;
}

describe('PET lesion tracking', () => {
  it('recovers the truth after aligning the body centres', () => {
    const { automatic } = trackPetLesions({ timePoints: [baseline, followUp] }, counterUids());
    expect(automatic.translationsMm[1]).toEqual([-12, 7, -25]);
    const byLesion = new Map(
      automatic.tracks.flatMap((track) =>
        track.observations.filter((o) => o.timePointIndex === 1).map((o) => [o.lesionId, track.trackUid] as const),
      ),
    );
    // Baseline lesions got 2.25.1 (A) to 2.25.4 (D) in input order; the new lesion 2.25.5.
    expect(byLesion.get('f-a')).toBe('2.25.1');
    expect(byLesion.get('f-b')).toBe('2.25.2');
    expect(byLesion.get('f-d')).toBe('2.25.4');
    expect(byLesion.get('f-n')).toBe('2.25.5');
    expect(byLesion.get(null)).toBe('2.25.3');
    expect(stateAt(automatic, '2.25.1', 1)).toBe('stable');
    expect(stateAt(automatic, '2.25.2', 1)).toBe('increased');
    expect(stateAt(automatic, '2.25.3', 1)).toBe('resolved');
    expect(stateAt(automatic, '2.25.4', 1)).toBe('decreased');
    expect(stateAt(automatic, '2.25.5', 1)).toBe('new');
  });

  it('reports the change in each measure and the match confidence', () => {
    const { automatic } = trackPetLesions({ timePoints: [baseline, followUp] }, counterUids());
    const b = automatic.tracks.find((track) => track.trackUid === '2.25.2')?.observations[1];
    // B: SULpeak 8 → 10 (+2, +25%); MTV 10 → 12 mL (+20%); residual distance √(2² + 1² + 1²) = √6 mm.
    expect(b?.changes.sulPeak).toEqual({ previous: 8, current: 10, absoluteChange: 2, percentChange: 25 });
    expect(b?.changes.mtvMl?.percentChange).toBeCloseTo(20, 9);
    expect(b?.distanceMm).toBeCloseTo(Math.sqrt(6), 9);
    expect(b?.confidence).toBeGreaterThan(0.5);
    expect(b?.confidence).toBeLessThanOrEqual(1);
    expect(b?.linkedBy).toBe('automatic');
  });

  it('without alignment centres nothing is translated: the 28.6 mm shift breaks every match', () => {
    const { automatic } = trackPetLesions(
      {
        timePoints: [
          { ...baseline, alignmentCentreMm: undefined },
          { ...followUp, alignmentCentreMm: undefined },
        ],
      },
      counterUids(),
    );
    expect(automatic.warnings).toEqual(['time point 1 (2026-03-02): no alignment centre, no translation applied']);
    expect(automatic.tracks.filter((track) => track.observations.some((o) => o.state === 'new'))).toHaveLength(4);
  });

  it('follows lesions over three time points; a track ends when resolved', () => {
    const third = {
      studyDate: '2026-04-27',
      alignmentCentreMm: [-5, 3, 0],
      lesions: [
        lesion('t-b', plus([-80, 40, 100], [-5, 3, 0]), 10.5, 12), // B again: 10 → 10.5 (+5%): stable
        lesion('t-n', plus([-150, 0, 0], [-5, 3, 0]), 6, 4), // N again: stable
        lesion('t-e', [0, 0, 0], 3, 2), // new
      ],
    };
    const { automatic } = trackPetLesions({ timePoints: [baseline, followUp, third] }, counterUids());
    expect(stateAt(automatic, '2.25.2', 2)).toBe('stable');
    expect(stateAt(automatic, '2.25.5', 2)).toBe('stable');
    expect(stateAt(automatic, '2.25.1', 2)).toBe('resolved');
    expect(stateAt(automatic, '2.25.6', 2)).toBe('new');
    // C resolved at time point 1 has no observation at time point 2.
    expect(automatic.tracks.find((track) => track.trackUid === '2.25.3')?.observations).toHaveLength(2);
  });

  // Band 2.77 × 2.5% = 6.925%: 5 → 5.34 (+6.8%) and 4.66 (−6.8%) stable; 5.35 (+7%) up, 4.65 (−7%) down.
  it.each([
    [5.34, 'stable'],
    [5.35, 'increased'],
    [4.66, 'stable'],
    [4.65, 'decreased'],
  ])('noise-aware state: SULpeak 5 → %d is %s', (sul, state) => {
    const { automatic } = trackPetLesions(
      {
        timePoints: [
          { studyDate: '2026-01-05', lesions: [lesion('a', [0, 0, 0], 5, 5)] },
          { studyDate: '2026-03-02', lesions: [lesion('b', [0, 0, 0], sul, 5)] },
        ],
      },
      counterUids(),
    );
    expect(automatic.tracks[0]?.observations[1]?.state).toBe(state);
  });

  it('ties: equal scores go to the smaller lesion id, then the smaller track UID', () => {
    const { automatic } = trackPetLesions(
      {
        timePoints: [
          { studyDate: '2026-01-05', lesions: [lesion('a', [0, 0, 0], 5, 5)] },
          { studyDate: '2026-03-02', lesions: [lesion('z', [5, 0, 0], 5, 5), lesion('m', [-5, 0, 0], 5, 5)] },
        ],
      },
      counterUids(),
    );
    expect(automatic.tracks[0]?.observations[1]?.lesionId).toBe('m');
    const twoTracks = trackPetLesions(
      {
        timePoints: [
          { studyDate: '2026-01-05', lesions: [lesion('p', [5, 0, 0], 5, 5), lesion('q', [-5, 0, 0], 5, 5)] },
          { studyDate: '2026-03-02', lesions: [lesion('r', [0, 0, 0], 5, 5)] },
        ],
      },
      counterUids(),
    );
    // p is 2.25.1, q is 2.25.2: the lesion joins 2.25.1.
    expect(twoTracks.automatic.tracks[0]?.observations[1]?.lesionId).toBe('r');
  });

  it('reader corrections are kept apart from the automatic result', () => {
    const result = trackPetLesions(
      {
        timePoints: [baseline, followUp],
        corrections: [
          { kind: 'unlink', timePointIndex: 1, lesionId: 'f-a' },
          { kind: 'link', timePointIndex: 1, lesionId: 'f-n', trackUid: '2.25.3' },
        ],
      },
      counterUids(),
    );
    expect(stateAt(result.automatic, '2.25.1', 1)).toBe('stable');
    expect(stateAt(result.corrected, '2.25.1', 1)).toBe('resolved');
    const c = result.corrected.tracks.find((track) => track.trackUid === '2.25.3')?.observations[1];
    // C 4 → 6 SUL (+50%): increased, linked by the reader.
    expect(c).toMatchObject({ lesionId: 'f-n', state: 'increased', linkedBy: 'reader', confidence: 1 });
    expect(result.corrected.tracks.some((track) => track.trackUid === '2.25.5')).toBe(false);
  });

  it('refuses a link to an unknown track, an unknown lesion and dates out of order', () => {
    expect(
      issuesOf(() =>
        trackPetLesions({
          timePoints: [baseline, followUp],
          corrections: [{ kind: 'link', timePointIndex: 1, lesionId: 'f-a', trackUid: '2.25.99' }],
        }),
      ).code,
    ).toBe('not_found');
    expect(
      issuesOf(() =>
        trackPetLesions({
          timePoints: [baseline, followUp],
          corrections: [{ kind: 'unlink', timePointIndex: 1, lesionId: 'nope' }],
        }),
      ).lines,
    ).toEqual(['corrections.0.lesionId: no lesion nope at time point 1']);
    expect(
      issuesOf(() => trackPetLesions({ timePoints: [followUp, { ...baseline, studyDate: '2026-01-01' }] })).lines,
    ).toEqual(['timePoints.1.studyDate: dates out of order: 2026-01-01 is not after 2026-03-02']);
  });
});

describe('tracking helpers', () => {
  // Equal spheres of radius r at distance r: lens volume 5πr³/12, union 8πr³/3 − 5πr³/12 = 27πr³/12: IoU 5/27.
  it('sphere overlap: identical 1, apart 0, half-radius lens 5/27', () => {
    const volumeMl = (4 / 3) * Math.PI * 1000 * 1e-3; // r = 10 mm
    expect(sphereOverlap(volumeMl, volumeMl, 0)).toBeCloseTo(1, 12);
    expect(sphereOverlap(volumeMl, volumeMl, 20)).toBe(0);
    expect(sphereOverlap(volumeMl, volumeMl, 10)).toBeCloseTo(5 / 27, 12);
  });

  // 2.25.<UUID as an unsigned 128-bit integer>; the largest is 2^128 − 1.
  it('DICOM UID from a UUID', () => {
    expect(dicomUidFromUuid('00000000-0000-0000-0000-000000000001')).toBe('2.25.1');
    expect(dicomUidFromUuid('ffffffff-ffff-ffff-ffff-ffffffffffff')).toBe(
      '2.25.340282366920938463463374607431768211455',
    );
    expect(issuesOf(() => dicomUidFromUuid('not-a-uuid')).code).toBe('invalid_input');
  });

  it('random tracking UIDs are valid DICOM UIDs and differ', () => {
    const { automatic } = trackPetLesions({ timePoints: [baseline, followUp] });
    const uids = automatic.tracks.map((track) => track.trackUid);
    expect(new Set(uids).size).toBe(uids.length);
    for (const uid of uids) expect(uid).toMatch(/^2\.25\.(?:0|[1-9]\d*)$/);
    for (const uid of uids) expect(uid.length).toBeLessThanOrEqual(64);
  });
});
