import { describe, expect, it } from 'vitest';
import { ageInYears, deidentifiedPatient, randomDateShiftDays, shiftIsoDate, shiftRecordDates } from './deidentify.js';

describe('date shifting', () => {
  it('shifts across month, year and leap-day boundaries', () => {
    expect(shiftIsoDate('2026-03-01', -1)).toBe('2026-02-28');
    expect(shiftIsoDate('2024-03-01', -1)).toBe('2024-02-29');
    expect(shiftIsoDate('2026-01-05', -10)).toBe('2025-12-26');
    expect(shiftIsoDate('2026-01-01', -365)).toBe('2025-01-01');
  });

  it('shifts every date field at any depth and nothing else', () => {
    const record = {
      kind: 'radiotherapy',
      startDate: '2026-04-01',
      endDate: '2026-04-10',
      fractions: 10,
      nested: [{ date: '2026-01-01', note: '2026-01-01' }],
    };
    expect(shiftRecordDates(record, -31)).toEqual({
      kind: 'radiotherapy',
      startDate: '2026-03-01',
      endDate: '2026-03-10',
      fractions: 10,
      nested: [{ date: '2025-12-01', note: '2026-01-01' }],
    });
    expect(record.startDate).toBe('2026-04-01');
  });

  it('draws offsets from 1 to 365 days back, never zero', () => {
    expect(randomDateShiftDays(() => 0)).toBe(-1);
    expect(randomDateShiftDays(() => 0.999999)).toBe(-365);
  });
});

describe('age', () => {
  it('counts whole years, the birthday from its day', () => {
    expect(ageInYears('1961-07-04', '2026-07-03')).toBe(64);
    expect(ageInYears('1961-07-04', '2026-07-04')).toBe(65);
    expect(ageInYears('2000-02-29', '2026-02-28')).toBe(25);
    expect(ageInYears('2000-02-29', '2026-03-01')).toBe(26);
  });

  it('keeps the pseudonym, sex and synthetic label; drops the birth date; caps the age at 90', () => {
    expect(
      deidentifiedPatient(
        { researchId: 'R-1', sex: 'female', birthDate: '1930-05-05', synthetic: false },
        '2026-05-05',
      ),
    ).toEqual({
      id: 'R-1',
      sex: 'female',
      synthetic: false,
      ageYears: 90,
    });
    expect(
      deidentifiedPatient({ researchId: 'R-2', sex: 'male', birthDate: null, synthetic: true }, '2026-05-05'),
    ).toEqual({
      id: 'R-2',
      sex: 'male',
      synthetic: true,
    });
  });
});
