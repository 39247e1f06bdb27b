import { describe, expect, it } from 'vitest';
import { endBeforeStartMessage, isIsoDate, isoDateSchema } from './dates.js';

describe('isoDateSchema', () => {
  it.each(['2026-01-31', '2026-02-28', '2024-02-29', '2000-02-29', '2026-04-30', '2026-12-31', '1950-06-15'])(
    'accepts %s',
    (date) => {
      expect(isoDateSchema.parse(date)).toBe(date);
    },
  );

  it.each([
    '2026-02-30', // February has 28 days in 2026
    '2023-02-29', // not a leap year
    '1900-02-29', // divisible by 100, not by 400: not a leap year
    '2026-04-31', // April has 30 days
    '2026-13-01',
    '2026-00-10',
    '2026-01-00',
    '2026-1-01',
    '26-01-01',
    '2026/01/01',
    '2026-01-01T00:00:00Z',
    '',
  ])('rejects %s', (date) => {
    expect(isoDateSchema.safeParse(date).success).toBe(false);
  });

  it('rejects non-strings', () => {
    expect(isIsoDate(20260101)).toBe(false);
    expect(isIsoDate(new Date('2026-01-01'))).toBe(false);
    expect(isIsoDate(null)).toBe(false);
  });
});

describe('endBeforeStartMessage', () => {
  it('flags an end before the start, across months and years', () => {
    expect(endBeforeStartMessage('2026-03-10', '2026-03-09')).toBe(
      'end date 2026-03-09 is before the start date 2026-03-10',
    );
    expect(endBeforeStartMessage('2026-01-01', '2025-12-31')).toBeDefined();
    expect(endBeforeStartMessage('2026-10-01', '2026-09-30')).toBeDefined();
  });

  it('accepts the same day and later days', () => {
    expect(endBeforeStartMessage('2026-03-10', '2026-03-10')).toBeUndefined();
    expect(endBeforeStartMessage('2026-03-10', '2026-03-11')).toBeUndefined();
    expect(endBeforeStartMessage('2025-12-31', '2026-01-01')).toBeUndefined();
  });

  it('leaves absent or invalid dates to their own fields', () => {
    expect(endBeforeStartMessage('2026-03-10', undefined)).toBeUndefined();
    expect(endBeforeStartMessage('2026-03-10', '2026-02-30')).toBeUndefined();
  });
});
