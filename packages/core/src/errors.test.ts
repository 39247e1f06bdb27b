import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { BonemetError, formatIssuePath } from './errors.js';
import { parseInput, parseJsonText } from './validation.js';

describe('formatIssuePath', () => {
  it('writes keys with dots and indices in brackets', () => {
    expect(formatIssuePath(['lesions', 2, 'pain', 'score'])).toBe('lesions[2].pain.score');
    expect(formatIssuePath([])).toBe('(root)');
    expect(formatIssuePath([0, 'a'])).toBe('[0].a');
  });
});

describe('parseInput', () => {
  const schema = z.strictObject({ ageYears: z.number().int().min(18), sex: z.enum(['female', 'male']) });

  it('returns the parsed value when valid', () => {
    expect(parseInput(schema, { ageYears: 60, sex: 'female' }, 'patient')).toEqual({ ageYears: 60, sex: 'female' });
  });

  it('lists every problem by path, including unknown fields', () => {
    let caught: unknown;
    try {
      parseInput(schema, { ageYears: 12.5, weight: 3 }, 'patient');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(BonemetError);
    const error = caught as BonemetError;
    expect(error.code).toBe('invalid_input');
    const paths = error.issues.map((i) => formatIssuePath(i.path)).sort();
    expect(paths).toEqual(['ageYears', 'sex', 'weight']);
    expect(error.issues.find((i) => i.path[0] === 'weight')?.message).toBe('unknown field: weight');
  });
});

describe('parseJsonText', () => {
  it('parses valid JSON', () => {
    expect(parseJsonText('{"a":[1,2]}', 'input')).toEqual({ a: [1, 2] });
  });
  it('turns malformed JSON into a malformed_input error', () => {
    expect(() => parseJsonText('{"a": ', 'input')).toThrow(BonemetError);
    try {
      parseJsonText('{"a": ', 'input');
    } catch (error) {
      expect((error as BonemetError).code).toBe('malformed_input');
    }
  });
});
