import { describe, expect, it } from 'vitest';
import { responseRows } from './response-rows.js';

describe('responseRows', () => {
  it('reads each criterion’s category, numbers and rule from a timeline point', () => {
    const rows = responseRows({
      points: [
        {
          date: '2026-04-01',
          assessment: {
            recist: { category: 'PD', percentFromBaseline: 25, percentFromNadir: 31.5, nadirDate: '2026-01-01' },
            mda: { category: 'SD', decidingRules: ['no change', 'no new lesion'] },
            boneScan: {
              status: 'progression_not_confirmed_possible_flare',
              rule: 'new lesions within 12 weeks of therapy start',
            },
            percist: {
              vsBaseline: 'PMD',
              vsNadirProgression: true,
              nadirDate: '2026-01-01',
              progression: 'awaiting_confirmation',
            },
          },
        },
      ],
    });
    expect(rows).toHaveLength(1);
    const [point] = rows;
    expect(point?.date).toBe('2026-04-01');
    expect(point?.flare).toBe('progression not confirmed possible flare');
    const recist = point?.criteria.find((row) => row.criterion === 'RECIST 1.1 (bone)');
    expect(recist?.category).toBe('PD');
    expect(recist?.numbers).toEqual([
      { name: 'percent from baseline', value: '25' },
      { name: 'percent from nadir', value: '31.50' },
      { name: 'nadir date', value: '2026-01-01' },
    ]);
    expect(point?.criteria.find((row) => row.criterion === 'MD Anderson bone criteria')?.rule).toBe(
      'no change; no new lesion',
    );
    const percist = point?.criteria.find((row) => row.criterion === 'PERCIST 1.0');
    expect(percist?.category).toBe('PMD');
    expect(percist?.numbers).toContainEqual({ name: 'vs nadir progression', value: 'yes' });
    expect(percist?.numbers).toContainEqual({ name: 'progression', value: 'awaiting confirmation' });
  });

  it('keeps the citations a criterion carries', () => {
    const rows = responseRows({
      points: [
        {
          date: '2026-04-01',
          assessment: { percist: { vsBaseline: 'SMD', citations: [{ short: 'Wahl 2009' }, 'O 2016'] } },
        },
      ],
    });
    expect(rows[0]?.criteria[0]?.citations).toEqual(['Wahl 2009', 'O 2016']);
  });

  it('gives no rows for a timeline without points', () => {
    expect(responseRows({})).toEqual([]);
  });
});
