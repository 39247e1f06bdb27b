import { describe, expect, it } from 'vitest';
import { buildTimeline, dayNumber, timeAxis } from './timeline-events.js';

describe('buildTimeline', () => {
  it('puts every kind of record in its lane, in date order, with readable labels', () => {
    const items = buildTimeline({
      studies: [
        {
          studyInstanceUid: '1.2.3',
          studyDate: '2026-03-01',
          modalities: 'PT\\CT',
          seriesCount: 2,
          instanceCount: 300,
        },
        { studyInstanceUid: '1.2.4', studyDate: null, modalities: 'NM', seriesCount: 1, instanceCount: 1 },
      ],
      treatments: [
        {
          kind: 'radiotherapy',
          site: { bone: 'vertebra', level: 'T8' },
          totalDoseGy: 8,
          fractions: 1,
          startDate: '2026-02-10',
          endDate: '2026-02-10',
        },
        { kind: 'bone_targeted_agent', agent: 'denosumab', date: '2026-01-05', doseMg: 120 },
      ],
      events: [{ kind: 'pathological_fracture', date: '2026-02-01', site: { bone: 'femur', laterality: 'left' } }],
      labs: [{ analyte: 'total_calcium', sampledOn: '2026-01-20', quantity: { value: 2.4, unit: 'mmol/L' } }],
      painScores: [{ assessedOn: '2026-02-09', worstPain: 7 }],
    });
    expect(items.map((item) => [item.date, item.lane, item.label])).toEqual([
      ['2026-01-05', 'bone_agent', 'denosumab 120 mg'],
      ['2026-01-20', 'lab', 'Calcium (total) 2.4 mmol/L'],
      ['2026-02-01', 'event', 'pathological fracture: left femur'],
      ['2026-02-09', 'pain', 'Worst pain 7/10'],
      ['2026-02-10', 'radiotherapy', 'vertebra T8: 8 Gy in 1 fraction'],
      // The study without a date cannot be placed and is left out.
      ['2026-03-01', 'imaging', 'PT\\CT (300 images)'],
    ]);
  });
});

describe('timeAxis', () => {
  it('pads a single day by a week on each side', () => {
    // 2026-01-01 is day 20454 since 1970-01-01 (56 years with 14 leap days: 56 × 365 + 14).
    expect(dayNumber('2026-01-01')).toBe(20454);
    expect(timeAxis([{ lane: 'pain', date: '2026-01-01', label: 'x' }])).toEqual({
      startDay: 20447,
      endDay: 20461,
    });
  });
});
