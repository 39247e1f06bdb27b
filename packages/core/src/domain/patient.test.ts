import { describe, expect, it } from 'vitest';
import { rejectedPaths } from '../testing.js';
import { parseInput } from '../validation.js';
import { patientSchema } from './patient.js';

describe('patientSchema', () => {
  it('accepts a patient with and without birth date', () => {
    const patient = { id: 'P-001', sex: 'female', birthDate: '1961-07-04', synthetic: true };
    expect(parseInput(patientSchema, patient, 'patient')).toEqual(patient);
    expect(parseInput(patientSchema, { id: 'P-002', sex: 'unknown', synthetic: false }, 'patient').synthetic).toBe(
      false,
    );
  });

  it('requires the synthetic label', () => {
    expect(rejectedPaths(patientSchema, { id: 'P-001', sex: 'female' })).toEqual(['synthetic']);
    expect(rejectedPaths(patientSchema, { id: 'P-001', sex: 'female', synthetic: 'yes' })).toEqual(['synthetic']);
  });

  it('rejects bad fields by path', () => {
    expect(rejectedPaths(patientSchema, { id: '', sex: 'f', birthDate: '1961-02-30', synthetic: true })).toEqual([
      'birthDate',
      'id',
      'sex',
    ]);
    expect(rejectedPaths(patientSchema, { id: 'P', sex: 'female', synthetic: true, name: 'Jane' })).toEqual(['name']);
    expect(rejectedPaths(patientSchema, { sex: 'female', synthetic: true })).toEqual(['id']);
  });
});
