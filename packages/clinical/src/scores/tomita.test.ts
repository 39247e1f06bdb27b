import { formatIssuePath } from '@bonemet/core';
import { invalidInputIssues, invalidInputPaths } from '@bonemet/core/testing';
import { describe, expect, it } from 'vitest';
import { computeTomita, tomitaCalculator, tomitaInputSchema } from './tomita.js';

function score(raw: Record<string, unknown>) {
  return computeTomita(tomitaInputSchema.parse(raw));
}

// Slow growth 1 + no visceral metastases 0 + solitary bone metastasis 1 = 2, the minimum.
const lowest = { primaryGrowth: 'slow', visceralMetastases: 'none', boneMetastases: 'solitary' } as const;

describe('Tomita table (Tomita 2001, secondary copies)', () => {
  const rows: readonly [string, string, string, number][] = [
    ['primaryGrowth', 'slow', 'Primary tumour', 1],
    ['primaryGrowth', 'moderate', 'Primary tumour', 2],
    ['primaryGrowth', 'rapid', 'Primary tumour', 4],
    ['visceralMetastases', 'none', 'Visceral metastases', 0],
    ['visceralMetastases', 'treatable', 'Visceral metastases', 2],
    ['visceralMetastases', 'untreatable', 'Visceral metastases', 4],
    ['boneMetastases', 'solitary', 'Bone metastases', 1],
    ['boneMetastases', 'multiple', 'Bone metastases', 2],
  ];

  it.each(rows)('%s = %s scores %i', (field, value, item, points) => {
    const result = score({ ...lowest, [field]: value });
    expect(result.components.find((component) => component.item === item)?.points).toBe(points);
  });

  it('spans 2 to 10 (rapid growth must be 4 for the maximum)', () => {
    expect(score(lowest).total).toBe(2);
    // 4 + 4 + 2 = 10
    expect(score({ primaryGrowth: 'rapid', visceralMetastases: 'untreatable', boneMetastases: 'multiple' }).total).toBe(
      10,
    );
  });
});

describe('Tomita bands', () => {
  const cases = [
    // [input, hand-computed total, band, goal, strategy]
    [lowest, 2, '2-3', 'Long-term local control', 'Wide or marginal excision (e.g. en bloc spondylectomy)'],
    [
      { ...lowest, boneMetastases: 'multiple' },
      3,
      '2-3',
      'Long-term local control',
      'Wide or marginal excision (e.g. en bloc spondylectomy)',
    ], // 1+0+2
    [
      { ...lowest, primaryGrowth: 'moderate', boneMetastases: 'multiple' },
      4,
      '4-5',
      'Middle-term local control',
      'Marginal or intralesional excision',
    ], // 2+0+2
    [
      { ...lowest, visceralMetastases: 'treatable', boneMetastases: 'multiple' },
      5,
      '4-5',
      'Middle-term local control',
      'Marginal or intralesional excision',
    ], // 1+2+2
    [
      { ...lowest, primaryGrowth: 'rapid', boneMetastases: 'multiple' },
      6,
      '6-7',
      'Short-term palliation',
      'Palliative surgery',
    ], // 4+0+2
    [
      { ...lowest, primaryGrowth: 'rapid', visceralMetastases: 'treatable' },
      7,
      '6-7',
      'Short-term palliation',
      'Palliative surgery',
    ], // 4+2+1
    [
      { primaryGrowth: 'rapid', visceralMetastases: 'treatable', boneMetastases: 'multiple' },
      8,
      '8-10',
      'Terminal care',
      'Non-operative supportive care',
    ], // 4+2+2
    [
      { primaryGrowth: 'rapid', visceralMetastases: 'untreatable', boneMetastases: 'multiple' },
      10,
      '8-10',
      'Terminal care',
      'Non-operative supportive care',
    ], // 4+4+2
  ] as const;

  it.each(cases)('%j totals %i: band %s', (raw, total, band, goal, strategy) => {
    const result = score(raw);
    expect(result.total).toBe(total);
    expect(result.band).toBe(band);
    expect(result.treatmentGoal).toBe(goal);
    expect(result.surgicalStrategy).toBe(strategy);
  });
});

describe('Tomita worked case and assumptions', () => {
  it('breast cancer, no visceral metastases, multiple bone metastases: 1 + 0 + 2 = 3, long-term local control', () => {
    const result = tomitaCalculator.run(tomitaCalculator.example);
    expect(result.summary).toBe(
      'Tomita 3/10: long-term local control; wide or marginal excision (e.g. en bloc spondylectomy).',
    );
  });

  it('marks the table as from secondary copies, and the rapid-growth conflict only when it applies', () => {
    const slow = score(lowest).assumptions.join(' ');
    expect(slow).toMatch(/secondary copies only/);
    expect(slow).not.toMatch(/Rapid growth is scored 4/);
    const rapid = score({ ...lowest, primaryGrowth: 'rapid' }).assumptions.join(' ');
    expect(rapid).toMatch(/Rapid growth is scored 4, not 3/);
    expect(score(lowest).sources.map((source) => source.id)).toEqual(['tomita-2001']);
  });
});

describe('Tomita input validation', () => {
  it.each(['primaryGrowth', 'visceralMetastases', 'boneMetastases'])('rejects a missing %s', (field) => {
    const raw = Object.fromEntries(Object.entries(lowest).filter(([key]) => key !== field));
    expect(invalidInputPaths(() => tomitaCalculator.run(raw))).toContain(field);
  });

  it('rejects unknown values and wrong types, naming every field', () => {
    const issues = invalidInputIssues(() =>
      tomitaCalculator.run({ primaryGrowth: 'fast', visceralMetastases: true, boneMetastases: 3 }),
    );
    expect(issues.map((issue) => formatIssuePath(issue.path)).sort()).toEqual([
      'boneMetastases',
      'primaryGrowth',
      'visceralMetastases',
    ]);
  });

  it('rejects unknown fields', () => {
    expect(invalidInputIssues(() => tomitaCalculator.run({ ...lowest, primary: 'breast' }))).toContainEqual(
      expect.objectContaining({ path: ['primary'], message: 'unknown field: primary' }),
    );
  });
});
