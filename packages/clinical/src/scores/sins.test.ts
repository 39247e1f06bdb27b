import { formatIssuePath } from '@bonemet/core';
import { invalidInputIssues, invalidInputPaths } from '@bonemet/core/testing';
import { describe, expect, it } from 'vitest';
import { computeSins, sinsCalculator, sinsInputSchema, sinsSpinalRegion } from './sins.js';

function score(raw: Record<string, unknown>) {
  return computeSins(sinsInputSchema.parse(raw));
}

// Every item at 0 points: rigid level S2, pain-free, blastic, normal alignment, no collapse, no posterolateral.
const zero = {
  level: 'S2',
  pain: 'pain_free',
  boneLesion: 'blastic',
  alignment: 'normal',
  collapse: 'none',
  posterolateral: 'none',
} as const;

describe('SINS location (Fisher 2010 Table 1)', () => {
  // Junctional occiput-C2, C7-T2, T11-L1, L5-S1 = 3; mobile C3-C6, L2-L4 = 2; semi-rigid T3-T10 = 1; rigid S2-S5 = 0.
  const expectedPoints: readonly [string, number][] = [
    ['C1', 3],
    ['C2', 3],
    ['C3', 2],
    ['C4', 2],
    ['C5', 2],
    ['C6', 2],
    ['C7', 3],
    ['T1', 3],
    ['T2', 3],
    ['T3', 1],
    ['T4', 1],
    ['T5', 1],
    ['T6', 1],
    ['T7', 1],
    ['T8', 1],
    ['T9', 1],
    ['T10', 1],
    ['T11', 3],
    ['T12', 3],
    ['L1', 3],
    ['L2', 2],
    ['L3', 2],
    ['L4', 2],
    ['L5', 3],
    ['S1', 3],
    ['S2', 0],
    ['S3', 0],
    ['S4', 0],
    ['S5', 0],
  ];

  it.each(expectedPoints)('%s scores %i', (level, points) => {
    const result = score({ ...zero, level });
    expect(result.components[0]).toEqual(expect.objectContaining({ item: 'Location', points }));
    expect(result.total).toBe(points);
  });

  it('names the region of boundary levels', () => {
    expect(sinsSpinalRegion('C2')).toBe('junctional');
    expect(sinsSpinalRegion('C3')).toBe('mobile');
    expect(sinsSpinalRegion('C6')).toBe('mobile');
    expect(sinsSpinalRegion('C7')).toBe('junctional');
    expect(sinsSpinalRegion('T2')).toBe('junctional');
    expect(sinsSpinalRegion('T3')).toBe('semi_rigid');
    expect(sinsSpinalRegion('T10')).toBe('semi_rigid');
    expect(sinsSpinalRegion('T11')).toBe('junctional');
    expect(sinsSpinalRegion('L1')).toBe('junctional');
    expect(sinsSpinalRegion('L2')).toBe('mobile');
    expect(sinsSpinalRegion('L4')).toBe('mobile');
    expect(sinsSpinalRegion('L5')).toBe('junctional');
    expect(sinsSpinalRegion('S1')).toBe('junctional');
    expect(sinsSpinalRegion('S2')).toBe('rigid');
  });
});

describe('SINS other items (Fisher 2010 Table 1)', () => {
  const rows: readonly [string, string, string, number][] = [
    ['pain', 'mechanical', 'Pain', 3],
    ['pain', 'occasional_non_mechanical', 'Pain', 1],
    ['pain', 'pain_free', 'Pain', 0],
    ['boneLesion', 'lytic', 'Bone lesion', 2],
    ['boneLesion', 'mixed', 'Bone lesion', 1],
    ['boneLesion', 'blastic', 'Bone lesion', 0],
    ['alignment', 'subluxation_translation', 'Radiographic spinal alignment', 4],
    ['alignment', 'de_novo_deformity', 'Radiographic spinal alignment', 2],
    ['alignment', 'normal', 'Radiographic spinal alignment', 0],
    ['collapse', 'gt_50_percent', 'Vertebral body collapse', 3],
    ['collapse', 'lt_50_percent', 'Vertebral body collapse', 2],
    ['collapse', 'no_collapse_gt_50_percent_body_involved', 'Vertebral body collapse', 1],
    ['collapse', 'none', 'Vertebral body collapse', 0],
    ['posterolateral', 'bilateral', 'Posterolateral involvement', 3],
    ['posterolateral', 'unilateral', 'Posterolateral involvement', 1],
    ['posterolateral', 'none', 'Posterolateral involvement', 0],
  ];

  it.each(rows)('%s = %s scores %i', (field, value, item, points) => {
    const result = score({ ...zero, [field]: value });
    expect(result.components.find((component) => component.item === item)?.points).toBe(points);
    expect(result.total).toBe(points);
  });

  it('scores non-mechanical pain 1, not 2 (the neurosurgerynotes transcription error)', () => {
    expect(score({ ...zero, pain: 'occasional_non_mechanical' }).total).toBe(1);
    expect(score({ ...zero, pain: 'pain_free' }).total).toBe(0);
  });

  it('spans 0 to 18', () => {
    expect(score(zero).total).toBe(0);
    const worst = {
      level: 'L1',
      pain: 'mechanical',
      boneLesion: 'lytic',
      alignment: 'subluxation_translation',
      collapse: 'gt_50_percent',
      posterolateral: 'bilateral',
    };
    // 3 + 3 + 2 + 4 + 3 + 3 = 18
    expect(score(worst).total).toBe(18);
    expect(score(worst).category).toBe('unstable');
  });
});

describe('SINS categories and surgical consultation', () => {
  // C3 mobile 2 + occasional pain 1 + mixed 1 + normal 0 + < 50% collapse 2 + none 0 = 6
  const total6 = {
    level: 'C3',
    pain: 'occasional_non_mechanical',
    boneLesion: 'mixed',
    alignment: 'normal',
    collapse: 'lt_50_percent',
    posterolateral: 'none',
  };
  // L3 mobile 2 + mechanical 3 + mixed 1 + de novo deformity 2 + > 50% collapse 3 + unilateral 1 = 12
  const total12 = {
    level: 'L3',
    pain: 'mechanical',
    boneLesion: 'mixed',
    alignment: 'de_novo_deformity',
    collapse: 'gt_50_percent',
    posterolateral: 'unilateral',
  };

  it('6 is stable, no surgical consultation', () => {
    const result = score(total6);
    expect(result.total).toBe(6);
    expect(result.category).toBe('stable');
    expect(result.surgicalConsultation).toBe(false);
  });

  it('7 is potentially unstable, surgical consultation', () => {
    const result = score({ ...total6, posterolateral: 'unilateral' }); // 6 + 1
    expect(result.total).toBe(7);
    expect(result.category).toBe('potentially_unstable');
    expect(result.surgicalConsultation).toBe(true);
  });

  it('12 is potentially unstable', () => {
    const result = score(total12);
    expect(result.total).toBe(12);
    expect(result.category).toBe('potentially_unstable');
    expect(result.surgicalConsultation).toBe(true);
  });

  it('13 is unstable, surgical consultation', () => {
    const result = score({ ...total12, boneLesion: 'lytic' }); // 12 + 1
    expect(result.total).toBe(13);
    expect(result.category).toBe('unstable');
    expect(result.surgicalConsultation).toBe(true);
  });
});

describe('SINS worked case and output', () => {
  it('T12 lytic lesion with mechanical pain, < 50% collapse, unilateral pedicle: 3 + 3 + 2 + 0 + 2 + 1 = 11', () => {
    const result = sinsCalculator.run(sinsCalculator.example);
    expect(result.summary).toBe(
      'SINS 11/18 at T12: potentially unstable (indeterminate); surgical consultation recommended.',
    );
  });

  it('T7 blastic painless lesion, normal alignment, no collapse: 1 + 0 + 0 + 0 + 0 + 0 = 1, stable', () => {
    const result = score({ ...zero, level: 'T7' });
    expect(result.total).toBe(1);
    expect(result.spinalRegion).toBe('semi_rigid');
    expect(result.category).toBe('stable');
  });

  it('records the multi-level convention and the pain transcription error, and cites Fisher 2010', () => {
    const result = score(zero);
    const text = result.assumptions.join(' ');
    expect(text).toMatch(/most unstable level/);
    expect(text).toMatch(/3 \/ 2 \/ 1/);
    expect(result.sources.map((source) => source.id)).toEqual(['fisher-2010']);
    expect(result.details).toHaveLength(8);
  });
});

describe('SINS input validation', () => {
  it.each(['level', 'pain', 'boneLesion', 'alignment', 'collapse', 'posterolateral'])(
    'rejects a missing %s',
    (field) => {
      const raw = Object.fromEntries(Object.entries(zero).filter(([key]) => key !== field));
      expect(invalidInputPaths(() => sinsCalculator.run(raw))).toContain(field);
    },
  );

  it('rejects unknown levels and values, naming every field', () => {
    const issues = invalidInputIssues(() =>
      sinsCalculator.run({
        level: 'T13',
        pain: 'severe',
        boneLesion: 2,
        alignment: 'kyphosis',
        collapse: '60%',
        posterolateral: true,
      }),
    );
    expect(issues.map((issue) => formatIssuePath(issue.path)).sort()).toEqual([
      'alignment',
      'boneLesion',
      'collapse',
      'level',
      'pain',
      'posterolateral',
    ]);
  });

  it('rejects lower-case levels and the occiput', () => {
    expect(invalidInputPaths(() => sinsCalculator.run({ ...zero, level: 't12' }))).toEqual(['level']);
    expect(invalidInputPaths(() => sinsCalculator.run({ ...zero, level: 'occiput' }))).toEqual(['level']);
  });

  it('rejects unknown fields', () => {
    expect(invalidInputIssues(() => sinsCalculator.run({ ...zero, levels: ['T11', 'T12'] }))).toContainEqual(
      expect.objectContaining({ path: ['levels'], message: 'unknown field: levels' }),
    );
  });
});
