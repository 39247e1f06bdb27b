import { formatIssuePath } from '@bonemet/core';
import { invalidInputIssues, invalidInputPaths } from '@bonemet/core/testing';
import { describe, expect, it } from 'vitest';
import { computeMirels, mirelsCalculator, mirelsInputSchema } from './mirels.js';

function score(raw: Record<string, unknown>) {
  return computeMirels(mirelsInputSchema.parse(raw));
}

// Lowest finding of every item: 1 + 1 + 1 + 1 = 4.
const lowest = { site: 'upper_limb', pain: 'mild', lesionType: 'blastic', size: 'lt_one_third' } as const;

describe('Mirels table (Mirels 1989, as reproduced by Jawad & Scully 2010)', () => {
  // [field, value, item name, published points]
  const rows: readonly [string, string, string, number][] = [
    ['site', 'upper_limb', 'Site', 1],
    ['site', 'lower_limb', 'Site', 2],
    ['site', 'peritrochanteric', 'Site', 3],
    ['pain', 'mild', 'Pain', 1],
    ['pain', 'moderate', 'Pain', 2],
    ['pain', 'functional', 'Pain', 3],
    ['lesionType', 'blastic', 'Lesion type', 1],
    ['lesionType', 'mixed', 'Lesion type', 2],
    ['lesionType', 'lytic', 'Lesion type', 3],
    ['size', 'lt_one_third', 'Size', 1],
    ['size', 'one_third_to_two_thirds', 'Size', 2],
    ['size', 'gt_two_thirds', 'Size', 3],
  ];

  it.each(rows)('%s = %s scores %i points', (field, value, item, points) => {
    const result = score({ ...lowest, [field]: value });
    expect(result.components.find((component) => component.item === item)?.points).toBe(points);
    // The three other items stay at 1 point each.
    expect(result.total).toBe(3 + points);
  });

  it('spans 4 to 12', () => {
    expect(score(lowest).total).toBe(4);
    expect(
      score({ site: 'peritrochanteric', pain: 'functional', lesionType: 'lytic', size: 'gt_two_thirds' }).total,
    ).toBe(12);
  });

  it('lists the four items in table order', () => {
    expect(score(lowest).components.map((component) => component.item)).toEqual([
      'Site',
      'Pain',
      'Lesion type',
      'Size',
    ]);
  });
});

describe('Mirels bands and fixation threshold', () => {
  // Totals built by hand from the table.
  const total7 = { site: 'lower_limb', pain: 'moderate', lesionType: 'mixed', size: 'lt_one_third' }; // 2+2+2+1
  const total8 = { site: 'lower_limb', pain: 'moderate', lesionType: 'mixed', size: 'one_third_to_two_thirds' }; // 2+2+2+2
  const total9 = { site: 'lower_limb', pain: 'moderate', lesionType: 'lytic', size: 'one_third_to_two_thirds' }; // 2+2+3+2
  const total10 = { site: 'lower_limb', pain: 'functional', lesionType: 'lytic', size: 'one_third_to_two_thirds' }; // 2+3+3+2
  const total11 = {
    site: 'peritrochanteric',
    pain: 'functional',
    lesionType: 'lytic',
    size: 'one_third_to_two_thirds',
  }; // 3+3+3+2

  it('7 is low: observation, no fixation, about 4% reported risk', () => {
    const result = score(total7);
    expect(result.total).toBe(7);
    expect(result.band).toBe('low');
    expect(result.fixationIndicated).toBe(false);
    expect(result.recommendation).toMatch(/observation/i);
    expect(result.reportedFractureRisk).toMatch(/4%/);
  });

  it('8 is borderline: clinical judgement, no fixation by the score, 15% reported risk', () => {
    const result = score(total8);
    expect(result.total).toBe(8);
    expect(result.band).toBe('borderline');
    expect(result.fixationIndicated).toBe(false);
    expect(result.recommendation).toMatch(/clinical judgement/i);
    expect(result.reportedFractureRisk).toMatch(/15%/);
  });

  it('9 is high: prophylactic fixation and orthopaedic referral, 33% reported risk', () => {
    const result = score(total9);
    expect(result.total).toBe(9);
    expect(result.band).toBe('high');
    expect(result.fixationIndicated).toBe(true);
    expect(result.recommendation).toMatch(/prophylactic fixation/i);
    expect(result.recommendation).toMatch(/orthopaedic/i);
    expect(result.reportedFractureRisk).toMatch(/33%/);
  });

  it('gives no per-score fracture risk for 10 and 11, and says why', () => {
    for (const raw of [total10, total11]) {
      const result = score(raw);
      expect(result.band).toBe('high');
      expect(result.reportedFractureRisk).toBeNull();
      expect(result.assumptions.join(' ')).toMatch(/no per-score fracture risk/i);
    }
    expect(score(total10).total).toBe(10);
    expect(score(total11).total).toBe(11);
  });

  it('reports up to 100% at 12 as a secondary-source figure', () => {
    const result = score({ site: 'peritrochanteric', pain: 'functional', lesionType: 'lytic', size: 'gt_two_thirds' });
    expect(result.reportedFractureRisk).toMatch(/100%/);
    expect(result.assumptions.join(' ')).toMatch(/secondary tables only/);
  });

  it('the lowest total, 4, is low', () => {
    expect(score(lowest).band).toBe('low');
  });
});

describe('Mirels worked cases', () => {
  it('lytic peritrochanteric lesion alone reaches 8 (Ramsey 2020: "lytic + peritrochanteric alone achieve a minimum Mirels score of 8")', () => {
    // site 3 + pain mild 1 + lytic 3 + size < 1/3 1 = 8
    const result = score({ site: 'peritrochanteric', pain: 'mild', lesionType: 'lytic', size: 'lt_one_third' });
    expect(result.total).toBe(8);
    expect(result.band).toBe('borderline');
  });

  it('painful mixed humeral lesion of 1/3-2/3: 1 + 3 + 2 + 2 = 8', () => {
    const result = score({
      site: 'upper_limb',
      pain: 'functional',
      lesionType: 'mixed',
      size: 'one_third_to_two_thirds',
    });
    expect(result.total).toBe(8);
    expect(result.summary).toContain('Mirels 8/12');
  });

  it('blastic tibial lesion with moderate pain, < 1/3: 2 + 2 + 1 + 1 = 6', () => {
    const result = score({ site: 'lower_limb', pain: 'moderate', lesionType: 'blastic', size: 'lt_one_third' });
    expect(result.total).toBe(6);
    expect(result.band).toBe('low');
  });
});

describe('Mirels size definition', () => {
  it('assumes the bone diameter when absent and says that reproductions disagree', () => {
    const result = score(lowest);
    expect(result.sizeDefinition).toBe('bone_diameter');
    const text = result.assumptions.join(' ');
    expect(text).toMatch(/bone diameter/);
    expect(text).toMatch(/cortical thickness/);
    expect(text).toMatch(/disagree/);
  });

  it('keeps the size definition given', () => {
    const result = score({ ...lowest, sizeDefinition: 'cortical_thickness' });
    expect(result.sizeDefinition).toBe('cortical_thickness');
    expect(result.components[3]?.finding).toMatch(/cortical thickness/);
    expect(result.assumptions.join(' ')).not.toMatch(/not given/);
  });

  it('cites Mirels 1989 and Jawad & Scully 2010', () => {
    expect(score(lowest).sources.map((source) => source.id)).toEqual(['mirels-1989', 'jawad-2010']);
  });
});

describe('Mirels input validation', () => {
  it('runs its example', () => {
    const result = mirelsCalculator.run(mirelsCalculator.example);
    // peritrochanteric 3 + functional 3 + lytic 3 + 1/3-2/3 2 = 11
    expect(result.summary).toContain('Mirels 11/12');
  });

  it.each(['site', 'pain', 'lesionType', 'size'])('rejects a missing %s', (field) => {
    const raw = Object.fromEntries(Object.entries(lowest).filter(([key]) => key !== field));
    expect(invalidInputPaths(() => mirelsCalculator.run(raw))).toContain(field);
  });

  it('rejects values outside each list and wrong types, naming every field', () => {
    const issues = invalidInputIssues(() =>
      mirelsCalculator.run({
        site: 'skull',
        pain: 3,
        lesionType: 'sclerotic',
        size: 0.5,
        sizeDefinition: 'area',
      }),
    );
    expect(issues.map((issue) => formatIssuePath(issue.path)).sort()).toEqual([
      'lesionType',
      'pain',
      'site',
      'size',
      'sizeDefinition',
    ]);
  });

  it('rejects unknown fields', () => {
    const issues = invalidInputIssues(() => mirelsCalculator.run({ ...lowest, score: 4 }));
    expect(issues).toContainEqual(expect.objectContaining({ path: ['score'], message: 'unknown field: score' }));
  });

  it('rejects a non-object', () => {
    expect(invalidInputIssues(() => mirelsCalculator.run('lytic')).length).toBeGreaterThan(0);
  });
});
