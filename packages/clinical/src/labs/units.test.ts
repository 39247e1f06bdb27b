import { parseInput } from '@bonemet/core';
import { invalidInputIssues, invalidInputPaths } from '@bonemet/core/testing';
import { describe, expect, it } from 'vitest';
import {
  albuminGDl,
  albuminQuantitySchema,
  CALCIUM_MG_DL_PER_MMOL_L,
  calciumMgDl,
  calciumQuantitySchema,
  CREATININE_UMOL_L_PER_MG_DL,
  creatinineMgDl,
  creatinineQuantitySchema,
  ionisedCalciumQuantitySchema,
} from './units.js';

describe('conversion factors', () => {
  it('creatinine: 1 mg/dL = 88.4 µmol/L (10 mg/L ÷ 113.12 g/mol = 0.0884 mmol/L)', () => {
    expect(CREATININE_UMOL_L_PER_MG_DL).toBe(88.4);
    expect(creatinineMgDl({ value: 88.4, unit: 'umol/L' })).toBeCloseTo(1.0, 12);
    expect(creatinineMgDl({ value: 1.2, unit: 'mg/dL' })).toBe(1.2);
    // 123.76 µmol/L is 1.4 mg/dL × 88.4; the SmPC rounds it to 124.
    expect(creatinineMgDl({ value: 123.76, unit: 'umol/L' })).toBeCloseTo(1.4, 12);
  });

  it('calcium: 1 mmol/L = 4.008 mg/dL (molar mass 40.08 g/mol)', () => {
    expect(CALCIUM_MG_DL_PER_MMOL_L).toBe(4.008);
    expect(calciumMgDl({ value: 2.5, unit: 'mmol/L' })).toBeCloseTo(10.02, 12);
    expect(calciumMgDl({ value: 9.4, unit: 'mg/dL' })).toBe(9.4);
  });

  it('albumin: 1 g/dL = 10 g/L', () => {
    expect(albuminGDl({ value: 35, unit: 'g/L' })).toBeCloseTo(3.5, 12);
    expect(albuminGDl({ value: 3.5, unit: 'g/dL' })).toBe(3.5);
  });
});

describe('plausibility ranges catch unit mix-ups', () => {
  it.each([
    [0.1, 'mg/dL', true],
    [0.09, 'mg/dL', false],
    [30, 'mg/dL', true],
    [30.1, 'mg/dL', false],
    // 90 is a normal creatinine in µmol/L and impossible in mg/dL
    [90, 'mg/dL', false],
    [9, 'umol/L', true],
    [8.9, 'umol/L', false],
    [2650, 'umol/L', true],
    [2651, 'umol/L', false],
  ] as const)('creatinine %s %s → valid %s', (value, unit, valid) => {
    const parse = (): unknown => parseInput(creatinineQuantitySchema, { value, unit }, 'creatinine');
    if (valid) expect(parse()).toEqual({ value, unit });
    else expect(invalidInputPaths(parse)).toEqual(['value']);
  });

  it.each([
    [2, 'mg/dL', true],
    [1.99, 'mg/dL', false],
    [25, 'mg/dL', true],
    [25.1, 'mg/dL', false],
    [0.5, 'mmol/L', true],
    [0.49, 'mmol/L', false],
    [6.25, 'mmol/L', true],
    // 9.5 is a normal calcium in mg/dL and impossible in mmol/L
    [9.5, 'mmol/L', false],
  ] as const)('calcium %s %s → valid %s', (value, unit, valid) => {
    const parse = (): unknown => parseInput(calciumQuantitySchema, { value, unit }, 'calcium');
    if (valid) expect(parse()).toEqual({ value, unit });
    else expect(invalidInputPaths(parse)).toEqual(['value']);
  });

  it.each([
    [0.5, 'g/dL', true],
    [0.49, 'g/dL', false],
    [8, 'g/dL', true],
    // 35 is a normal albumin in g/L and impossible in g/dL
    [35, 'g/dL', false],
    [5, 'g/L', true],
    [4.9, 'g/L', false],
    [80, 'g/L', true],
    [80.1, 'g/L', false],
  ] as const)('albumin %s %s → valid %s', (value, unit, valid) => {
    const parse = (): unknown => parseInput(albuminQuantitySchema, { value, unit }, 'albumin');
    if (valid) expect(parse()).toEqual({ value, unit });
    else expect(invalidInputPaths(parse)).toEqual(['value']);
  });

  it.each([
    [0.2, true],
    [0.19, false],
    [3, true],
    [3.01, false],
  ] as const)('ionised calcium %s mmol/L → valid %s', (value, valid) => {
    const parse = (): unknown => parseInput(ionisedCalciumQuantitySchema, { value, unit: 'mmol/L' }, 'ionised');
    if (valid) expect(parse()).toEqual({ value, unit: 'mmol/L' });
    else expect(invalidInputPaths(parse)).toEqual(['value']);
  });

  it('names the plausible range and asks to check the unit', () => {
    const issues = invalidInputIssues(() =>
      parseInput(creatinineQuantitySchema, { value: 90, unit: 'mg/dL' }, 'creatinine'),
    );
    expect(issues[0]?.message).toBe(
      'serum creatinine 90 mg/dL is outside the plausible range 0.1–30 mg/dL: check the value and its unit',
    );
  });

  it('rejects unknown units, wrong types, missing and unknown fields', () => {
    expect(invalidInputPaths(() => parseInput(creatinineQuantitySchema, { value: 1, unit: 'mmol/L' }, 'c'))).toEqual([
      'unit',
    ]);
    expect(
      invalidInputPaths(() => parseInput(ionisedCalciumQuantitySchema, { value: 1.2, unit: 'mg/dL' }, 'c')),
    ).toEqual(['unit']);
    expect(invalidInputPaths(() => parseInput(calciumQuantitySchema, { value: '2.4', unit: 'mmol/L' }, 'c'))).toEqual([
      'value',
    ]);
    expect(invalidInputPaths(() => parseInput(albuminQuantitySchema, { value: 35 }, 'c'))).toEqual(['unit']);
    expect(
      invalidInputPaths(() => parseInput(albuminQuantitySchema, { value: 35, unit: 'g/L', flag: 'L' }, 'c')),
    ).toEqual(['flag']);
  });
});
