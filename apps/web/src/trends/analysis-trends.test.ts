import { describe, expect, it } from 'vitest';
import type { AnalysisListItem } from '../api/analysis-schemas.js';
import { analysisTrends } from './analysis-trends.js';

function item(partial: Partial<AnalysisListItem> & Pick<AnalysisListItem, 'kind' | 'studyDate'>): AnalysisListItem {
  return {
    resultId: `r-${partial.kind}-${partial.studyDate ?? 'none'}-${partial.createdAt ?? ''}`,
    runId: 'run',
    studyId: 's',
    modality: partial.kind === 'pet-quantify' ? 'PT' : partial.kind === 'bonescan-analyze' ? 'NM' : null,
    createdAt: '2026-11-20T10:00:00.000Z',
    summary: {},
    ...partial,
  };
}

describe('analysisTrends', () => {
  it('is empty without analyses', () => {
    expect(analysisTrends([])).toEqual({ bsi: [], pet: [], lesionCounts: [] });
  });

  it('draws the automatic BSI and the reviewed one (edited, or automatic where no edit was made)', () => {
    const trends = analysisTrends([
      item({
        kind: 'bonescan-analyze',
        studyDate: '2026-01-05',
        summary: { bsiPercent: 1.2, bsiPercentEdited: null, metastasisHotspots: 3 },
      }),
      item({
        kind: 'bonescan-analyze',
        studyDate: '2026-04-05',
        summary: { bsiPercent: 2.0, bsiPercentEdited: 1.5, metastasisHotspots: 4 },
      }),
    ]);
    expect(trends.bsi).toEqual([
      { date: '2026-01-05', bsiAutomatic: 1.2, bsiReviewed: 1.2, edited: false },
      { date: '2026-04-05', bsiAutomatic: 2.0, bsiReviewed: 1.5, edited: true },
    ]);
  });

  it('keeps the newest result of a study analysed twice and orders by date', () => {
    const trends = analysisTrends([
      item({ kind: 'bonescan-analyze', studyDate: '2026-04-05', summary: { bsiPercent: 9 } }),
      item({
        kind: 'bonescan-analyze',
        studyDate: '2026-01-05',
        summary: { bsiPercent: 1 },
        createdAt: '2026-11-20T09:00:00.000Z',
      }),
      item({
        kind: 'bonescan-analyze',
        studyDate: '2026-01-05',
        summary: { bsiPercent: 3 },
        createdAt: '2026-11-21T09:00:00.000Z',
      }),
    ]);
    expect(trends.bsi.map((point) => [point.date, point.bsiAutomatic])).toEqual([
      ['2026-01-05', 3],
      ['2026-04-05', 9],
    ]);
  });

  it('puts PET SULpeak and both lesion counts on their study dates; response results are not trends', () => {
    const trends = analysisTrends([
      item({ kind: 'pet-quantify', studyDate: '2026-02-01', summary: { hottestSulPeak: 5.6, petLesionCount: 3 } }),
      item({ kind: 'bonescan-analyze', studyDate: '2026-02-01', summary: { bsiPercent: 1, metastasisHotspots: 2 } }),
      item({ kind: 'response-timeline', studyDate: null, summary: { category: 'PMD' } }),
    ]);
    expect(trends.pet).toEqual([{ date: '2026-02-01', hottestSulPeak: 5.6, lesionCount: 3 }]);
    expect(trends.lesionCounts).toEqual([{ date: '2026-02-01', boneScanMetastases: 2, petLesions: 3 }]);
  });
});
