import { describe, expect, it } from 'vitest';
import { calciumGradeWithoutLimit } from './ctcae-calcium.js';

// CTCAE v5.0 (secondary reproductions): hypercalcaemia grade 2 > 11.5-12.5 mg/dL (> 2.9-3.1 mmol/L), grade 3
// > 12.5-13.5 (> 3.1-3.4), grade 4 > 13.5 (> 3.4); hypocalcaemia grade 2 < 8.0-7.0 mg/dL (< 2.0-1.75 mmol/L),
// grade 3 < 7.0-6.0 (< 1.75-1.5), grade 4 < 6.0 (< 1.5). Grades 0 and 1 need the laboratory's limit.
describe('calciumGradeWithoutLimit', () => {
  const corrected = (value: number, unit: 'mg/dL' | 'mmol/L') => ({ kind: 'corrected_calcium' as const, value, unit });

  it.each([
    [11.5, undefined],
    [11.51, 2],
    [12.5, 2],
    [12.51, 3],
    [13.5, 3],
    [13.51, 4],
  ])('hypercalcaemia, corrected %s mg/dL → %s', (value, grade) => {
    expect(calciumGradeWithoutLimit('hypercalcaemia', corrected(value, 'mg/dL'))).toBe(grade);
  });

  it.each([
    [2.9, undefined],
    [2.91, 2],
    [3.11, 3],
    [3.41, 4],
  ])('hypercalcaemia, corrected %s mmol/L → %s', (value, grade) => {
    expect(calciumGradeWithoutLimit('hypercalcaemia', corrected(value, 'mmol/L'))).toBe(grade);
  });

  it.each([
    [8.0, undefined],
    [7.99, 2],
    [7.0, 2],
    [6.99, 3],
    [6.0, 3],
    [5.99, 4],
  ])('hypocalcaemia, corrected %s mg/dL → %s', (value, grade) => {
    expect(calciumGradeWithoutLimit('hypocalcaemia', corrected(value, 'mg/dL'))).toBe(grade);
  });

  it('grades ionised calcium on its own row', () => {
    expect(calciumGradeWithoutLimit('hypercalcaemia', { kind: 'ionised_calcium', value: 1.65, unit: 'mmol/L' })).toBe(
      3,
    );
    expect(calciumGradeWithoutLimit('hypocalcaemia', { kind: 'ionised_calcium', value: 0.79, unit: 'mmol/L' })).toBe(4);
  });
});
