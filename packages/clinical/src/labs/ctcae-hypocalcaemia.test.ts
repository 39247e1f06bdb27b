import { invalidInputPaths } from '@bonemet/core/testing';
import { describe, expect, it } from 'vitest';
import { computeCtcaeHypocalcaemia, ctcaeHypocalcaemiaCalculator } from './ctcae-hypocalcaemia.js';

// CTCAE v5.0 hypocalcemia: grade 1 < LLN – 8.0 mg/dL; < LLN – 2.0 mmol/L; ionised < LLN – 1.0 mmol/L.
// Grade 2 < 8.0 – 7.0 mg/dL; < 2.0 – 1.75 mmol/L; ionised < 1.0 – 0.9 mmol/L; symptomatic.
// Grade 3 < 7.0 – 6.0 mg/dL; < 1.75 – 1.5 mmol/L; ionised < 0.9 – 0.8 mmol/L; hospitalization indicated.
// Grade 4 < 6.0 mg/dL; < 1.5 mmol/L; ionised < 0.8 mmol/L; life-threatening consequences.
describe('CTCAE v5.0 hypocalcaemia lab grade: both sides of every cut-off', () => {
  it.each([
    [8.6, 0],
    [8.59, 1],
    [8.0, 1],
    [7.99, 2],
    [7.0, 2],
    [6.99, 3],
    [6.0, 3],
    [5.99, 4],
  ] as const)('corrected calcium %s mg/dL (LLN 8.6) → grade %s', (value, grade) => {
    const result = computeCtcaeHypocalcaemia({
      correctedCalcium: { value, unit: 'mg/dL' },
      lowerLimitOfNormal: { value: 8.6, unit: 'mg/dL' },
    });
    expect(result.labGrade).toBe(grade);
  });

  it.each([
    [2.15, 0],
    [2.14, 1],
    [2.0, 1],
    [1.99, 2],
    [1.75, 2],
    [1.74, 3],
    [1.5, 3],
    [1.49, 4],
  ] as const)('corrected calcium %s mmol/L (LLN 2.15) → grade %s', (value, grade) => {
    const result = computeCtcaeHypocalcaemia({
      correctedCalcium: { value, unit: 'mmol/L' },
      lowerLimitOfNormal: { value: 2.15, unit: 'mmol/L' },
    });
    expect(result.labGrade).toBe(grade);
  });

  it.each([
    [1.15, 0],
    [1.14, 1],
    [1.0, 1],
    [0.99, 2],
    [0.9, 2],
    [0.89, 3],
    [0.8, 3],
    [0.79, 4],
  ] as const)('ionised calcium %s mmol/L (LLN 1.15) → grade %s', (value, grade) => {
    const result = computeCtcaeHypocalcaemia({
      ionisedCalcium: { value, unit: 'mmol/L' },
      lowerLimitOfNormal: { value: 1.15, unit: 'mmol/L' },
    });
    expect(result.labGrade).toBe(grade);
    expect(result.measurement).toBe('ionised_calcium');
  });
});

describe('CTCAE hypocalcaemia result', () => {
  it.each([
    [8.7, null, '≥ LLN (8.6) mg/dL'],
    [8.2, null, '< LLN (8.6) – 8.0 mg/dL'],
    [7.5, 'symptomatic', '< 8.0 – 7.0 mg/dL'],
    [6.5, 'hospitalisation indicated', '< 7.0 – 6.0 mg/dL'],
    [5.5, 'life-threatening consequences', '< 6.0 mg/dL'],
  ] as const)('%s mg/dL → descriptor %s, criterion %s', (value, descriptor, criterion) => {
    const result = computeCtcaeHypocalcaemia({
      correctedCalcium: { value, unit: 'mg/dL' },
      lowerLimitOfNormal: { value: 8.6, unit: 'mg/dL' },
    });
    expect(result.clinicalDescriptor).toBe(descriptor);
    expect(result.labCriterion).toBe(criterion);
  });

  it('summarises as a lab grade with the clinical criterion to confirm', () => {
    const result = computeCtcaeHypocalcaemia({
      correctedCalcium: { value: 1.9, unit: 'mmol/L' },
      lowerLimitOfNormal: { value: 2.15, unit: 'mmol/L' },
    });
    expect(result.labGrade).toBe(2);
    expect(result.summary).toBe(
      'CTCAE v5.0 hypocalcaemia lab grade 2: corrected calcium 1.9 mmol/L (< 2.0 – 1.75 mmol/L); the grade\'s clinical criterion "symptomatic" is for the clinician to confirm.',
    );
    expect(result.lowerLimitOfNormal).toBe(2.15);
    expect(result.assumptions[0]).toMatch(/secondary/);
  });
});

describe('CTCAE hypocalcaemia input validation', () => {
  const run = (raw: unknown): unknown => ctcaeHypocalcaemiaCalculator.run(raw);
  const valid = { correctedCalcium: { value: 8.2, unit: 'mg/dL' }, lowerLimitOfNormal: { value: 8.6, unit: 'mg/dL' } };

  it('accepts the example', () => {
    expect(() => run(ctcaeHypocalcaemiaCalculator.example)).not.toThrow();
  });

  it('rejects mixed units (value in mg/dL, LLN in mmol/L)', () => {
    expect(invalidInputPaths(() => run({ ...valid, lowerLimitOfNormal: { value: 2.15, unit: 'mmol/L' } }))).toEqual([
      'lowerLimitOfNormal.unit',
    ]);
  });

  it('requires exactly one of corrected and ionised calcium', () => {
    expect(invalidInputPaths(() => run({ lowerLimitOfNormal: valid.lowerLimitOfNormal }))).toEqual([
      'correctedCalcium',
    ]);
    expect(invalidInputPaths(() => run({ ...valid, ionisedCalcium: { value: 1.1, unit: 'mmol/L' } }))).toEqual([
      'ionisedCalcium',
    ]);
  });

  it.each([
    [8.01, true],
    [8.0, false],
    [11.49, true],
    [11.5, false],
  ] as const)('LLN %s mg/dL → valid %s (must lie strictly between 8.0 and 11.5)', (lln, ok) => {
    const raw = { ...valid, lowerLimitOfNormal: { value: lln, unit: 'mg/dL' } };
    if (ok) expect(() => run(raw)).not.toThrow();
    else expect(invalidInputPaths(() => run(raw))).toEqual(['lowerLimitOfNormal.value']);
  });

  it('rejects missing LLN, wrong types, out-of-range values and unknown fields', () => {
    expect(invalidInputPaths(() => run({ correctedCalcium: valid.correctedCalcium }))).toEqual(['lowerLimitOfNormal']);
    expect(invalidInputPaths(() => run({ ...valid, correctedCalcium: { value: 'low', unit: 'mg/dL' } }))).toEqual([
      'correctedCalcium.value',
    ]);
    expect(invalidInputPaths(() => run({ ...valid, correctedCalcium: { value: 1.9, unit: 'mg/dL' } }))).toEqual([
      'correctedCalcium.value',
    ]);
    expect(invalidInputPaths(() => run({ ...valid, grade: 2 }))).toEqual(['grade']);
  });
});
