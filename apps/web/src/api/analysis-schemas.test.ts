import { describe, expect, it } from 'vitest';
import {
  analysisListSchema,
  filteredPatientPageSchema,
  patientResponseSchema,
  readerEditRequestSchema,
} from './analysis-schemas.js';

const DISCLAIMER = 'Research use, not a medical device';

describe('the analysis schemas of the API contract', () => {
  it('read a list item of the contract (§1) and refuse a field the contract does not have', () => {
    const item = {
      resultId: '0825fae1-f9c5-49b7-a201-b9450d9f62da',
      runId: '65a0d4d5-628d-4906-9dbc-28ad446f4af6',
      kind: 'bonescan-analyze',
      studyId: null,
      studyDate: '2026-05-06',
      modality: 'NM',
      createdAt: '2026-11-22T00:37:02.255Z',
      summary: { bsiPercent: 1.23, bsiPercentEdited: null, metastasisHotspots: 4 },
    };
    expect(analysisListSchema.parse({ disclaimer: DISCLAIMER, items: [item] }).items[0]?.summary.bsiPercent).toBe(1.23);
    const extra = analysisListSchema.safeParse({ disclaimer: DISCLAIMER, items: [{ ...item, surprise: 1 }] });
    expect(extra.success).toBe(false);
    const badDate = analysisListSchema.safeParse({
      disclaimer: DISCLAIMER,
      items: [{ ...item, studyDate: '06/05/2026' }],
    });
    expect(badDate.success).toBe(false);
  });

  it('read a response whose timeline sits under `timeline` with the tracks beside it as one level (§5)', () => {
    const parsed = patientResponseSchema.parse({
      disclaimer: DISCLAIMER,
      resultId: 'r1',
      timeline: {
        timeline: { points: [{ date: '2026-10-30', assessment: { boneScan: { status: 'progression' } } }] },
        tracks: [
          {
            trackingUid: '2.25.1',
            modality: 'NM',
            region: 'skull',
            view: 'anterior',
            states: [{ studyDate: '2026-05-06', state: 'baseline', value: null }],
          },
        ],
      },
    });
    expect(parsed.timeline?.points?.[0]?.date).toBe('2026-10-30');
    expect(parsed.timeline?.tracks?.[0]?.region).toBe('skull');
  });

  it('read PET tracks, which have no planar view', () => {
    const parsed = patientResponseSchema.parse({
      disclaimer: DISCLAIMER,
      resultId: 'r2',
      timeline: {
        points: [],
        tracks: [
          {
            trackingUid: '2.25.2',
            modality: 'PT',
            region: 'L1 vertebra',
            view: null,
            states: [{ studyDate: '2026-02-20', state: 'baseline', value: 3.4 }],
          },
        ],
      },
    });
    expect(parsed.timeline?.tracks?.[0]?.modality).toBe('PT');
  });

  it('read "no response assessment yet" as null', () => {
    expect(patientResponseSchema.parse({ disclaimer: DISCLAIMER, resultId: null, timeline: null }).timeline).toBeNull();
  });

  it('check a reader edit before it is sent: a hotspot id for confirm/reject, a point and diameter for add', () => {
    expect(readerEditRequestSchema.safeParse({ action: 'reject', hotspotId: 'ANT-3' }).success).toBe(true);
    expect(readerEditRequestSchema.safeParse({ action: 'reject' }).success).toBe(false);
    expect(
      readerEditRequestSchema.safeParse({ action: 'add', view: 'ANT', x: 120, y: 600, diameterMm: 15 }).success,
    ).toBe(true);
    expect(
      readerEditRequestSchema.safeParse({ action: 'add', view: 'LAT', x: 120, y: 600, diameterMm: 15 }).success,
    ).toBe(false);
    expect(
      readerEditRequestSchema.safeParse({ action: 'add', view: 'ANT', x: -1, y: 600, diameterMm: 15 }).success,
    ).toBe(false);
  });

  it('read list items with the response status and alert count (§6), identified or de-identified', () => {
    const page = filteredPatientPageSchema.parse({
      items: [
        { id: 'R-E3VT0HQ9R1', sex: 'female', synthetic: true, ageYears: 79, responseStatus: 'stable', alertCount: 1 },
      ],
      total: 1,
      limit: 25,
      offset: 0,
    });
    expect(page.items[0]?.responseStatus).toBe('stable');
    const unknownStatus = filteredPatientPageSchema.safeParse({
      items: [{ id: 'R-E3VT0HQ9R1', sex: 'female', synthetic: true, responseStatus: 'better' }],
      total: 1,
      limit: 25,
      offset: 0,
    });
    expect(unknownStatus.success).toBe(false);
  });
});
