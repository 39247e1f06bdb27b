import { describe, expect, it } from 'vitest';
import { issuesOf } from './test-support/issues.js';
import { rawLesion, rawTimePoint } from './test-support/pet-fixtures.js';
import { timelineResultSchema } from './timeline-result-schema.js';
import { assessTimeline } from './timeline.js';

const lowLiver = { liver: { sulMean: 1.0, sulSd: 0.1, volumeMl: 14.1 } };
const petDates = ['2025-12-20', '2026-03-02', '2026-04-27', '2026-06-22'];
const ctDates = ['2025-12-20', '2026-03-02', '2026-06-22'];
const nmDates = ['2025-12-19', '2026-03-01', '2026-04-26'];

function patient(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    patientId: 'P1',
    studies: [
      ...petDates.map((date, index) => ({ id: `pt${String(index)}`, date, modality: 'PT' })),
      ...ctDates.map((date, index) => ({ id: `ct${String(index)}`, date, modality: 'CT' })),
      ...nmDates.map((date, index) => ({ id: `nm${String(index)}`, date, modality: 'NM' })),
    ],
    therapyLines: [
      { lineNumber: 1, regimen: 'letrozole + palbociclib', startDate: '2026-01-01', endDate: '2026-06-30' },
      { lineNumber: 2, regimen: 'capecitabine', startDate: '2026-07-01' },
    ],
    // Hottest lesion SULpeak 10 → 6 (nadir) → 7.9 (+31.7%, +1.9 SUL from the nadir) → 8.0 (+33%, +2.0).
    pet: {
      timePoints: [10, 6, 7.9, 8.0].map((sul, index) =>
        rawTimePoint(petDates[index] ?? '', [rawLesion(`l${String(index)}`, sul, { trackingId: 'T1' })], lowLiver),
      ),
    },
    // Sum of diameters 50 → 30 (−40%, PR) → 40 mm (+33% and +10 mm from the nadir 30: PD).
    recist: {
      lesions: [{ id: 'T1', kind: 'lytic', softTissueComponentMm: 50 }],
      targetIds: ['T1'],
      timePoints: [50, 30, 40].map((sum, index) => ({
        date: ctDates[index],
        targetDiametersMm: { T1: sum },
        newLesions: false,
        nonTarget: 'present',
      })),
    },
    // Day 59: 1 new + 1 increased (2); 56 days later 1 new + 0 increased (1): no further new lesion and the
    // increase faded: flare, not progression.
    boneScan: {
      baselineDate: '2025-12-19',
      scans: [
        { date: '2026-03-01', newCount: 1, increasedCount: 1 },
        { date: '2026-04-26', newCount: 1, increasedCount: 0 },
      ],
    },
    ...overrides,
  };
}

describe('response timeline', () => {
  it('lists assessments per time point against baseline and nadir', () => {
    const timeline = assessTimeline(patient());
    expect(timeline.points.map((point) => point.date)).toEqual([
      '2026-03-01',
      '2026-03-02',
      '2026-04-26',
      '2026-04-27',
      '2026-06-22',
    ]);
    const march = timeline.points[1];
    expect(march?.studyIds).toEqual(['ct1', 'pt1']);
    expect(march?.therapyLine).toBe(1);
    expect(march?.assessment.percist?.vsBaseline).toBe('PMR');
    expect(march?.assessment.recist).toMatchObject({ category: 'PR', percentFromBaseline: -40 });
    expect(timeline.points[0]?.assessment.boneScan?.status).toBe('flare_not_confirmed');
    const june = timeline.points[4];
    expect(june?.assessment.recist).toMatchObject({ category: 'PD', nadirDate: '2026-03-02' });
    // RECIST PD on the same day: the PERCIST PMD needs no confirmation.
    expect(june?.assessment.percist?.progression).toBe('confirmed');
    expect(timeline.points[3]?.assessment.percist?.progression).toBe('confirmed_by_later_scan');
  });

  // PERCIST progression dated 2026-04-27 (first PMD scan), before RECIST PD on 2026-06-22.
  // From the line-1 start 2026-01-01: 31 + 28 + 31 + 26 = 116 days.
  it('confirmed progression is the earliest event; time to progression from the therapy start', () => {
    const timeline = assessTimeline(patient());
    expect(timeline.confirmedProgression).toMatchObject({
      date: '2026-04-27',
      confirmedOn: '2026-06-22',
      criterion: 'PERCIST 1.0',
    });
    expect(timeline.progressionEvents.map((event) => event.criterion)).toEqual(['PERCIST 1.0', 'RECIST 1.1']);
    expect(timeline.timeToProgression).toMatchObject({ days: 116, fromDate: '2026-01-01' });
  });

  // From the earliest baseline 2025-12-19: 13 days to 2026-01-01, then 116: 129 days.
  it('time to progression from the baseline date when asked', () => {
    const timeline = assessTimeline(patient({ timeToProgressionFrom: 'baseline' }));
    expect(timeline.timeToProgression).toMatchObject({ days: 129, fromDate: '2025-12-19', from: 'baseline date' });
  });

  it('no progression: no date and no time to progression', () => {
    const timeline = assessTimeline(patient({ pet: undefined, recist: undefined }));
    expect(timeline.confirmedProgression).toBeNull();
    expect(timeline.timeToProgression).toBeNull();
  });

  it('refuses an assessment without its study, and dates out of order', () => {
    const raw = patient();
    raw.studies = (raw.studies as { modality: string }[]).filter((study) => study.modality !== 'NM');
    const lines = issuesOf(() => assessTimeline(raw)).lines;
    expect(lines).toContain('boneScan.baselineDate: no NM study on 2025-12-19 in studies');
    const reversed = patient({
      boneScan: {
        baselineDate: '2025-12-19',
        scans: [
          { date: '2026-04-26', newCount: 0, increasedCount: 0 },
          { date: '2026-03-01', newCount: 0, increasedCount: 0 },
        ],
      },
    });
    expect(issuesOf(() => assessTimeline(reversed)).lines).toEqual([
      'boneScan.scans.1.date: dates out of order: 2026-03-01 is not after 2026-04-26',
    ]);
  });

  it('a bone-scan series without a therapy start is missing data', () => {
    const result = issuesOf(() => assessTimeline(patient({ therapyLines: [], pet: undefined, recist: undefined })));
    expect(result.code).toBe('missing_data');
    expect(result.lines[0]).toMatch(/^therapyLines: /);
  });

  it('refuses a timeline without any assessment', () => {
    const result = issuesOf(() => assessTimeline(patient({ pet: undefined, recist: undefined, boneScan: undefined })));
    expect(result.lines).toEqual(['pet: give at least one assessment: pet, recist, mda or boneScan']);
  });

  it('gives each tracked lesion its trajectory: PET SULpeak by trackingId, bone-scan ratios as given', () => {
    const nmTrack = {
      trackId: 'H1',
      label: 'H1 L3',
      modality: 'NM',
      observations: [
        { date: '2025-12-19', value: 2.5 },
        { date: '2026-03-01', value: 3.1 },
        { date: '2026-04-26', value: null },
      ],
    };
    const timeline = assessTimeline(patient({ lesionTracks: [nmTrack] }));
    // The PET lesion T1 (ids l0..l3, bone): SULpeak 10, 6, 7.9, 8.0 at the four PET dates.
    expect(timeline.lesionTrajectories).toEqual([
      {
        trackId: 'T1',
        label: 'l0 bone',
        modality: 'PT',
        measure: 'SULpeak',
        unit: 'g/ml',
        points: petDates.map((date, index) => ({ date, value: [10, 6, 7.9, 8.0][index] })),
      },
      {
        trackId: 'H1',
        label: 'H1 L3',
        modality: 'NM',
        measure: 'intensity ratio',
        unit: 'ratio',
        points: nmTrack.observations,
      },
    ]);
  });

  it('gives a PET lesion first seen at a follow-up a trajectory from that date, null where it is absent', () => {
    const timePoints = [
      rawTimePoint(petDates[0] ?? '', [rawLesion('a', 10, { trackingId: 'T1' })], lowLiver),
      rawTimePoint(
        petDates[1] ?? '',
        [rawLesion('a', 9, { trackingId: 'T1' }), rawLesion('b', 5, { trackingId: 'T2', new: true })],
        lowLiver,
      ),
      rawTimePoint(petDates[2] ?? '', [rawLesion('b', 6, { trackingId: 'T2', new: true })], lowLiver),
    ];
    const timeline = assessTimeline(patient({ pet: { timePoints }, recist: undefined, boneScan: undefined }));
    expect(timeline.lesionTrajectories.map((t) => [t.trackId, t.points.map((p) => p.value)])).toEqual([
      ['T1', [10, 9, null]],
      ['T2', [5, 6]],
    ]);
  });

  it('refuses lesion tracks on dates without a study of their modality, or out of order', () => {
    const result = issuesOf(() =>
      assessTimeline(
        patient({
          lesionTracks: [
            {
              trackId: 'H1',
              modality: 'NM',
              observations: [
                { date: '2026-03-01', value: 2 },
                { date: '2025-12-19', value: 2 },
                { date: '2026-05-05', value: 2 },
              ],
            },
          ],
        }),
      ),
    );
    expect(result.lines).toEqual([
      'lesionTracks.0.observations.1.date: dates out of order: 2025-12-19 is not after 2026-03-01',
      'lesionTracks.0.observations.2.date: no NM study on 2026-05-05 in studies',
    ]);
  });

  it('gives a result that the published result schema accepts (strict)', () => {
    const timeline = assessTimeline(patient());
    expect(() => timelineResultSchema.parse(timeline)).not.toThrow();
    expect(() => timelineResultSchema.parse({ ...timeline, extra: 1 })).toThrow();
  });
});
