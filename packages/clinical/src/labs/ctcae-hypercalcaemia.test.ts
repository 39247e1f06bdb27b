import { invalidInputPaths } from '@bonemet/core/testing';
import { describe, expect, it } from 'vitest';
import { computeCtcaeHypercalcaemia, ctcaeHypercalcaemiaCalculator } from './ctcae-hypercalcaemia.js';

// CTCAE v5.0 hypercalcemia: grade 1 > ULN – 11.5 mg/dL; > ULN – 2.9 mmol/L; ionised > ULN – 1.5 mmol/L.
// Grade 2 > 11.5 – 12.5 mg/dL; > 2.9 – 3.1 mmol/L; ionised > 1.5 – 1.6 mmol/L; symptomatic.
// Grade 3 > 12.5 – 13.5 mg/dL; > 3.1 – 3.4 mmol/L; ionised > 1.6 – 1.8 mmol/L; hospitalization indicated.
// Grade 4 > 13.5 mg/dL; > 3.4 mmol/L; ionised > 1.8 mmol/L; life-threatening consequences.
describe('CTCAE v5.0 hypercalcaemia lab grade: both sides of every cut-off', () => {
  it.each([
    [10.5, 0],
    [10.51, 1],
    [11.5, 1],
    [11.51, 2],
    [12.5, 2],
    [12.51, 3],
    [13.5, 3],
    [13.51, 4],
  ] as const)('corrected calcium %s mg/dL (ULN 10.5) → grade %s', (value, grade) => {
    const result = computeCtcaeHypercalcaemia({
      correctedCalcium: { value, unit: 'mg/dL' },
      upperLimitOfNormal: { value: 10.5, unit: 'mg/dL' },
    });
    expect(result.labGrade).toBe(grade);
  });

  it.each([
    [2.6, 0],
    [2.61, 1],
    [2.9, 1],
    [2.91, 2],
    [3.1, 2],
    [3.11, 3],
    [3.4, 3],
    [3.41, 4],
  ] as const)('corrected calcium %s mmol/L (ULN 2.6) → grade %s', (value, grade) => {
    const result = computeCtcaeHypercalcaemia({
      correctedCalcium: { value, unit: 'mmol/L' },
      upperLimitOfNormal: { value: 2.6, unit: 'mmol/L' },
    });
    expect(result.labGrade).toBe(grade);
  });

  it.each([
    [1.3, 0],
    [1.31, 1],
    [1.5, 1],
    [1.51, 2],
    [1.6, 2],
    [1.61, 3],
    [1.8, 3],
    [1.81, 4],
  ] as const)('ionised calcium %s mmol/L (ULN 1.3) → grade %s', (value, grade) => {
    const result = computeCtcaeHypercalcaemia({
      ionisedCalcium: { value, unit: 'mmol/L' },
      upperLimitOfNormal: { value: 1.3, unit: 'mmol/L' },
    });
    expect(result.labGrade).toBe(grade);
    expect(result.measurement).toBe('ionised_calcium');
  });

  it('grade 1 starts at the laboratory ULN, not at a fixed value', () => {
    const input = (uln: number) =>
      ({
        correctedCalcium: { value: 10.4, unit: 'mg/dL' },
        upperLimitOfNormal: { value: uln, unit: 'mg/dL' },
      }) as const;
    expect(computeCtcaeHypercalcaemia(input(10.2)).labGrade).toBe(1);
    expect(computeCtcaeHypercalcaemia(input(10.6)).labGrade).toBe(0);
  });
});

describe('CTCAE hypercalcaemia result', () => {
  it('gives the criterion, the clinical descriptor to confirm, and says "lab grade"', () => {
    const result = computeCtcaeHypercalcaemia({
      correctedCalcium: { value: 12.1, unit: 'mg/dL' },
      upperLimitOfNormal: { value: 10.5, unit: 'mg/dL' },
    });
    expect(result.labCriterion).toBe('> 11.5 – 12.5 mg/dL');
    expect(result.clinicalDescriptor).toBe('symptomatic');
    expect(result.summary).toContain('lab grade 2');
    expect(result.summary).toContain('symptomatic');
    expect(result.details.join(' ')).toContain('lab grade only');
    expect(result.sources.map((s) => s.id)).toEqual(['ctcae-v5']);
    expect(result.value).toBe(12.1);
    expect(result.unit).toBe('mg/dL');
    expect(result.upperLimitOfNormal).toBe(10.5);
  });

  it.each([
    [10.4, null, '≤ ULN (10.5) mg/dL'],
    [11.0, null, '> ULN (10.5) – 11.5 mg/dL'],
    [13.0, 'hospitalisation indicated', '> 12.5 – 13.5 mg/dL'],
    [14.2, 'life-threatening consequences', '> 13.5 mg/dL'],
  ] as const)('%s mg/dL → descriptor %s, criterion %s', (value, descriptor, criterion) => {
    const result = computeCtcaeHypercalcaemia({
      correctedCalcium: { value, unit: 'mg/dL' },
      upperLimitOfNormal: { value: 10.5, unit: 'mg/dL' },
    });
    expect(result.clinicalDescriptor).toBe(descriptor);
    expect(result.labCriterion).toBe(criterion);
  });

  it('grades on the row of the unit given, without conversion (11.6 mg/dL = 2.894 mmol/L)', () => {
    const mgDl = computeCtcaeHypercalcaemia({
      correctedCalcium: { value: 11.6, unit: 'mg/dL' },
      upperLimitOfNormal: { value: 10.5, unit: 'mg/dL' },
    });
    const mmolL = computeCtcaeHypercalcaemia({
      correctedCalcium: { value: 2.894, unit: 'mmol/L' },
      upperLimitOfNormal: { value: 2.6, unit: 'mmol/L' },
    });
    expect(mgDl.labGrade).toBe(2);
    expect(mmolL.labGrade).toBe(1);
    expect(mgDl.assumptions.some((a) => a.includes('without conversion'))).toBe(true);
  });

  it('marks the table as from secondary sources', () => {
    const result = computeCtcaeHypercalcaemia({
      correctedCalcium: { value: 10, unit: 'mg/dL' },
      upperLimitOfNormal: { value: 10.5, unit: 'mg/dL' },
    });
    expect(result.labGrade).toBe(0);
    expect(result.summary).toMatch(/^No hypercalcaemia/);
    expect(result.assumptions[0]).toMatch(/secondary/);
  });
});

describe('CTCAE hypercalcaemia input validation', () => {
  const run = (raw: unknown): unknown => ctcaeHypercalcaemiaCalculator.run(raw);
  const valid = { correctedCalcium: { value: 11, unit: 'mg/dL' }, upperLimitOfNormal: { value: 10.5, unit: 'mg/dL' } };

  it('accepts the example', () => {
    expect(() => run(ctcaeHypercalcaemiaCalculator.example)).not.toThrow();
  });

  it('rejects mixed units (value in mg/dL, ULN in mmol/L)', () => {
    expect(invalidInputPaths(() => run({ ...valid, upperLimitOfNormal: { value: 2.6, unit: 'mmol/L' } }))).toEqual([
      'upperLimitOfNormal.unit',
    ]);
  });

  it('rejects ionised calcium with a ULN in mg/dL, and ionised calcium in mg/dL', () => {
    expect(
      invalidInputPaths(() =>
        run({ ionisedCalcium: { value: 1.4, unit: 'mmol/L' }, upperLimitOfNormal: { value: 5.2, unit: 'mg/dL' } }),
      ),
    ).toEqual(['upperLimitOfNormal.unit']);
    expect(
      invalidInputPaths(() =>
        run({ ionisedCalcium: { value: 5.6, unit: 'mg/dL' }, upperLimitOfNormal: { value: 5.2, unit: 'mg/dL' } }),
      ),
    ).toEqual(['ionisedCalcium.unit']);
  });

  it('requires exactly one of corrected and ionised calcium', () => {
    expect(invalidInputPaths(() => run({ upperLimitOfNormal: valid.upperLimitOfNormal }))).toEqual([
      'correctedCalcium',
    ]);
    expect(invalidInputPaths(() => run({ ...valid, ionisedCalcium: { value: 1.4, unit: 'mmol/L' } }))).toEqual([
      'ionisedCalcium',
    ]);
  });

  it.each([
    [11.49, true],
    [11.5, false],
    [8.01, true],
    [8.0, false],
  ] as const)('ULN %s mg/dL → valid %s (must lie strictly between 8.0 and 11.5)', (uln, ok) => {
    const raw = { ...valid, upperLimitOfNormal: { value: uln, unit: 'mg/dL' } };
    if (ok) expect(() => run(raw)).not.toThrow();
    else expect(invalidInputPaths(() => run(raw))).toEqual(['upperLimitOfNormal.value']);
  });

  it('rejects a ULN outside the window in mmol/L and for ionised calcium', () => {
    expect(
      invalidInputPaths(() =>
        run({ correctedCalcium: { value: 2.7, unit: 'mmol/L' }, upperLimitOfNormal: { value: 2.9, unit: 'mmol/L' } }),
      ),
    ).toEqual(['upperLimitOfNormal.value']);
    expect(
      invalidInputPaths(() =>
        run({ ionisedCalcium: { value: 1.4, unit: 'mmol/L' }, upperLimitOfNormal: { value: 1.5, unit: 'mmol/L' } }),
      ),
    ).toEqual(['upperLimitOfNormal.value']);
  });

  it('rejects missing ULN, wrong types and unknown fields', () => {
    expect(invalidInputPaths(() => run({ correctedCalcium: valid.correctedCalcium }))).toEqual(['upperLimitOfNormal']);
    expect(invalidInputPaths(() => run({ ...valid, upperLimitOfNormal: 10.5 }))).toEqual(['upperLimitOfNormal']);
    expect(invalidInputPaths(() => run({ ...valid, symptomatic: true }))).toEqual(['symptomatic']);
  });
});
