import { isBonemetError } from '@bonemet/core';
import { describe, expect, it } from 'vitest';
import type { TrackableHotspot } from './bone-scan-hotspot-match.js';
import {
  trackBoneScanStudies,
  type BoneScanTrackingOptions,
  type BoneScanTrackingStudy,
} from './bone-scan-tracking.js';
import { pixelOfBodyPointMm, renderSyntheticView, type SyntheticLesion } from './test-support/bone-scan-images.js';

/** Lesions of the tests, in body mm: lumbar spine, right pelvis, thoracic spine, left femur. */
const lumbar = { centreMm: [0, 60], diameterMm: 24 } as const;
const pelvis = { centreMm: [-75, 150], diameterMm: 24 } as const;
const thoracic = { centreMm: [0, -120], diameterMm: 24 } as const;
const femur = { centreMm: [82, 320], diameterMm: 20 } as const;

interface Placed extends SyntheticLesion {
  readonly id: string;
  readonly region: string;
}

/** A study whose hotspots are exactly its lesions (anterior view only), rendered after a shift and rotation. */
function study(
  date: string,
  lesions: readonly Placed[],
  rotationDeg = 0,
  shiftPx: readonly [number, number] = [0, 0],
  extra: readonly TrackableHotspot[] = [],
): BoneScanTrackingStudy {
  const view = renderSyntheticView({ rotationDeg, shiftPx, lesions });
  const hotspots = lesions.map((lesion): TrackableHotspot => {
    const [c, r] = pixelOfBodyPointMm(lesion.centreMm[0], lesion.centreMm[1], rotationDeg, shiftPx);
    return {
      id: lesion.id,
      view: 'anterior',
      region: lesion.region,
      columnPx: c,
      rowPx: r,
      areaMm2: Math.PI * (lesion.diameterMm / 2) ** 2,
      label: 'metastasis',
      otherViewId: null,
    };
  });
  return { studyDate: date, views: [view], hotspots: [...hotspots, ...extra] };
}

function counter(): () => string {
  let n = 0;
  return () => `2.25.${String(++n)}`;
}

describe('trackBoneScanStudies', () => {
  const baseline = study('2024-01-10', [
    { ...lumbar, contrast: 3, id: 'A1', region: 'lumbar_spine' },
    { ...pelvis, contrast: 3, id: 'A2', region: 'pelvis' },
    { ...thoracic, contrast: 3, id: 'A3', region: 'thoracic_spine' },
  ]);
  // Follow-up: lumbar doubled (3 → 6), pelvis unchanged, thoracic gone, a new femur lesion; moved and turned.
  const followUp = study(
    '2024-04-10',
    [
      { ...lumbar, contrast: 6, id: 'B1', region: 'lumbar_spine' },
      { ...pelvis, contrast: 3, id: 'B2', region: 'pelvis' },
      { ...femur, contrast: 3, id: 'B3', region: 'femur_left' },
    ],
    2,
    [4, -6],
  );

  it('calls a doubled lesion increased, an unchanged one stable, a new one new and a missing one resolved', () => {
    const result = trackBoneScanStudies([baseline, followUp], {}, counter()).automatic;
    const stateOf = (id: string): string | undefined =>
      result.tracks.flatMap((t) => t.observations).find((o) => o.timePointIndex === 1 && o.hotspotId === id)?.state;
    expect(stateOf('B1')).toBe('increased');
    expect(stateOf('B2')).toBe('stable');
    expect(stateOf('B3')).toBe('new');
    const resolved = result.tracks.find((t) => t.observations[0]?.hotspotId === 'A3');
    expect(resolved?.observations.map((o) => o.state)).toEqual(['baseline', 'resolved']);
    // Doubled contrast: the peak of a 24 mm disc on a blurred-edge bone is the full 2× (6 ÷ 3).
    const increased = result.tracks.flatMap((t) => t.observations).find((o) => o.hotspotId === 'B1');
    expect(increased?.uptake?.ratio).toBeCloseTo(2, 1);
    expect(increased?.confidence ?? 0).toBeGreaterThan(0.5);
    expect(increased?.distanceMm ?? Infinity).toBeLessThan(5);
    const summary = result.timePoints[1];
    expect(summary?.newLesionCount).toBe(1);
    expect(summary?.newLesionProbability?.probabilityPercent).toBe(11);
    expect(summary?.increasedLesionCount).toBe(1);
    expect(summary?.resolvedLesionCount).toBe(1);
    expect(result.flareCounts).toEqual([{ date: '2024-04-10', newCount: 1, increasedCount: 1 }]);
  });

  it('keeps tracking UIDs over three time points', () => {
    const third = study(
      '2024-07-10',
      [
        { ...lumbar, contrast: 6, id: 'C1', region: 'lumbar_spine' },
        { ...pelvis, contrast: 1.5, id: 'C2', region: 'pelvis' },
        { ...femur, contrast: 3, id: 'C3', region: 'femur_left' },
      ],
      -1.5,
      [-5, 4],
    );
    const result = trackBoneScanStudies([baseline, followUp, third], {}, counter()).automatic;
    const trackOf = (id: string): string | undefined =>
      result.tracks.find((t) => t.observations.some((o) => o.hotspotId === id))?.trackUid;
    expect(trackOf('A1')).toBeDefined();
    expect(trackOf('B1')).toBe(trackOf('A1'));
    expect(trackOf('C1')).toBe(trackOf('A1'));
    expect(trackOf('C2')).toBe(trackOf('A2'));
    expect(trackOf('C3')).toBe(trackOf('B3'));
    const lumbarTrack = result.tracks.find((t) => t.trackUid === trackOf('A1'));
    expect(lumbarTrack?.observations.map((o) => o.state)).toEqual(['baseline', 'increased', 'stable']);
    const pelvisTrack = result.tracks.find((t) => t.trackUid === trackOf('A2'));
    expect(pelvisTrack?.observations.map((o) => o.state)).toEqual(['baseline', 'stable', 'decreased']);
    // Against the baseline at the third scan: the femur lesion is new since baseline, the lumbar one increased.
    expect(result.flareCounts[1]).toEqual({ date: '2024-07-10', newCount: 1, increasedCount: 1 });
  });

  it('does not call new a hotspot that was already as hot at the same place', () => {
    // The baseline misses the pelvis lesion (not in its hotspot list) that the image shows.
    const missed = study('2024-01-10', [{ ...lumbar, contrast: 3, id: 'A1', region: 'lumbar_spine' }]);
    const withPelvis = renderSyntheticView({
      lesions: [
        { ...lumbar, contrast: 3 },
        { ...pelvis, contrast: 3 },
      ],
    });
    const earlier = { ...missed, views: [withPelvis] };
    const result = trackBoneScanStudies([earlier, followUp], {}, counter()).automatic;
    const b2 = result.tracks.flatMap((t) => t.observations).find((o) => o.hotspotId === 'B2');
    expect(b2?.state).toBe('stable');
    expect(b2?.previouslyUndetected).toBe(true);
    const b3 = result.tracks.flatMap((t) => t.observations).find((o) => o.hotspotId === 'B3');
    expect(b3?.state).toBe('new');
    expect(result.timePoints[1]?.newLesionCount).toBe(1);
  });

  it('counts benign hotspots apart and a lesion seen in both views once', () => {
    const benign: TrackableHotspot = {
      id: 'K1',
      view: 'anterior',
      region: 'femur_right',
      columnPx: 20,
      rowPx: 350,
      areaMm2: 200,
      label: 'benign',
      otherViewId: null,
    };
    const later = study('2024-04-10', [{ ...femur, contrast: 3, id: 'B3', region: 'femur_left' }], 0, [0, 0], [benign]);
    const posterior = { ...renderSyntheticView({ view: 'posterior', lesions: [{ ...femur, contrast: 3 }] }) };
    const [c, r] = pixelOfBodyPointMm(femur.centreMm[0], femur.centreMm[1]);
    const withBoth: BoneScanTrackingStudy = {
      ...later,
      views: [...later.views, posterior],
      hotspots: [
        ...later.hotspots.map((h) => (h.id === 'B3' ? { ...h, otherViewId: 'P3' } : h)),
        {
          id: 'P3',
          view: 'posterior',
          region: 'femur_left',
          columnPx: c,
          rowPx: r,
          areaMm2: 314,
          label: 'metastasis',
          otherViewId: 'B3',
        },
      ],
    };
    const earlier = { ...baseline, views: [...baseline.views, renderSyntheticView({ view: 'posterior' })] };
    const summary = trackBoneScanStudies([earlier, withBoth], {}, counter()).automatic.timePoints[1];
    expect(summary?.newLesionCount).toBe(1);
    expect(summary?.benignCount).toBe(1);
  });

  it('applies reader corrections to a copy and keeps the automatic result', () => {
    const automatic = trackBoneScanStudies([baseline, followUp], {}, counter()).automatic;
    const pelvisUid = automatic.tracks.find((t) => t.observations[0]?.hotspotId === 'A2')?.trackUid ?? '';
    const result = trackBoneScanStudies(
      [baseline, followUp],
      { corrections: [{ kind: 'unlink', timePointIndex: 1, lesionId: 'B2' }] },
      counter(),
    );
    const b2Auto = result.automatic.tracks.find((t) => t.observations.some((o) => o.hotspotId === 'B2'));
    expect(b2Auto?.trackUid).toBe(pelvisUid);
    const b2Corrected = result.corrected.tracks.find((t) => t.observations.some((o) => o.hotspotId === 'B2'));
    expect(b2Corrected?.trackUid).not.toBe(pelvisUid);
    const linked = trackBoneScanStudies(
      [baseline, followUp],
      { corrections: [{ kind: 'link', timePointIndex: 1, lesionId: 'B3', trackUid: pelvisUid }] },
      counter(),
    );
    const b3 = linked.corrected.tracks.find((t) => t.trackUid === pelvisUid)?.observations[1];
    expect(b3?.hotspotId).toBe('B3');
    expect(b3?.linkedBy).toBe('reader');
    expect(b3?.confidence).toBe(1);
  });

  it('refuses bad input with typed errors', () => {
    const expectError = (run: () => unknown, code: string, pattern: RegExp): void => {
      try {
        run();
        expect.unreachable();
      } catch (error) {
        expect(isBonemetError(error) && error.code).toBe(code);
        expect((error as Error).message).toMatch(pattern);
      }
    };
    expectError(() => trackBoneScanStudies([baseline]), 'invalid_input', /at least two/);
    expectError(() => trackBoneScanStudies([followUp, baseline]), 'invalid_input', /dates out of order/);
    expectError(
      () => trackBoneScanStudies([baseline, { ...followUp, studyDate: '2024-13-01' }]),
      'invalid_input',
      /not a YYYY-MM-DD date/,
    );
    expectError(
      () => trackBoneScanStudies([baseline, { ...followUp, hotspots: [...followUp.hotspots, ...followUp.hotspots] }]),
      'invalid_input',
      /duplicate hotspot id/,
    );
    expectError(
      () =>
        trackBoneScanStudies([baseline, followUp], {
          corrections: [{ kind: 'unlink', timePointIndex: 1, lesionId: 'Z9' }],
        }),
      'invalid_input',
      /no hotspot Z9/,
    );
    expectError(
      () =>
        trackBoneScanStudies([baseline, followUp], {
          corrections: [{ kind: 'link', timePointIndex: 1, lesionId: 'B3', trackUid: '2.25.999' }],
        }),
      'not_found',
      /no track 2\.25\.999/,
    );
    const unknownKind = JSON.parse('{"corrections": [{"kind": "merge"}]}') as BoneScanTrackingOptions;
    expectError(() => trackBoneScanStudies([baseline, followUp], unknownKind), 'invalid_input', /invalid/i);
  });
});
