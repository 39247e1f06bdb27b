import { invalidInputIssues, invalidInputPaths } from '@bonemet/core/testing';
import { describe, expect, it } from 'vitest';
import { computeEscc, esccCalculator } from './escc.js';

describe('ESCC grades (Bilsky 2010)', () => {
  // Bilsky 2010 definitions; low grade 0-1b, high grade 2-3, 1c debated (Radiopaedia).
  const table = [
    ['0', 'Bone-only disease', 'low'],
    ['1a', 'Epidural impingement without deformation of the thecal sac', 'low'],
    ['1b', 'Deformation of the thecal sac without spinal cord abutment', 'low'],
    ['1c', 'Deformation of the thecal sac with spinal cord abutment, without compression', 'indeterminate'],
    ['2', 'Spinal cord compression, CSF visible around the cord', 'high'],
    ['3', 'Spinal cord compression, no CSF visible around the cord', 'high'],
  ] as const;

  it.each(table)('grade %s: %s (%s)', (grade, definition, compressionGrade) => {
    const result = computeEscc({ grade });
    expect(result.grade).toBe(grade);
    expect(result.definition).toBe(definition);
    expect(result.compressionGrade).toBe(compressionGrade);
    expect(result.summary).toContain(`ESCC grade ${grade}`);
  });

  it('says 1c is debated', () => {
    const result = computeEscc({ grade: '1c' });
    expect(result.assumptions.join(' ')).toMatch(/debated/);
    expect(result.summary).toMatch(/debated/);
  });

  it('does not call low or high grades debated', () => {
    expect(computeEscc({ grade: '1b' }).assumptions.join(' ')).not.toMatch(/debated/);
    expect(computeEscc({ grade: '2' }).assumptions.join(' ')).not.toMatch(/debated/);
  });

  it('records the MRI reading convention and cites Bilsky 2010', () => {
    const result = computeEscc({ grade: '0' });
    expect(result.assumptions[0]).toMatch(/axial T2/);
    expect(result.sources.map((source) => source.id)).toContain('bilsky-2010');
  });
});

describe('ESCC input validation', () => {
  it('runs its example', () => {
    expect(esccCalculator.run(esccCalculator.example).summary).toContain('ESCC grade 1b');
  });

  it.each([[2], ['4'], ['1d'], ['1A'], [null]])('rejects grade %j', (grade) => {
    expect(invalidInputPaths(() => esccCalculator.run({ grade }))).toEqual(['grade']);
  });

  it('rejects a missing grade', () => {
    expect(invalidInputPaths(() => esccCalculator.run({}))).toEqual(['grade']);
  });

  it('rejects unknown fields', () => {
    expect(invalidInputIssues(() => esccCalculator.run({ grade: '2', level: 'T4' }))).toContainEqual(
      expect.objectContaining({ path: ['level'], message: 'unknown field: level' }),
    );
  });
});
