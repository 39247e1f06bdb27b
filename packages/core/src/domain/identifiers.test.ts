import { describe, expect, it } from 'vitest';
import { dicomUidSchema, identifierSchema } from './identifiers.js';

describe('dicomUidSchema', () => {
  it.each([
    '1.2.840.10008.1.2',
    '1.2.826.0.1.3680043.8.498.12345678901234567890',
    '2.25.329800735698586629295641978511506172918',
    '1.0.2',
  ])('accepts %s', (uid) => {
    expect(dicomUidSchema.parse(uid)).toBe(uid);
  });

  it('accepts exactly 64 characters and rejects 65', () => {
    const uid64 = `1.2.${'3'.repeat(60)}`;
    expect(uid64).toHaveLength(64);
    expect(dicomUidSchema.safeParse(uid64).success).toBe(true);
    expect(dicomUidSchema.safeParse(`${uid64}4`).success).toBe(false);
  });

  it.each(['1.02.3', '1..2', '1.2.', '.1.2', '1.2.a', '1', '1.2 ', 'urn:oid:1.2.3', ''])('rejects %j', (uid) => {
    expect(dicomUidSchema.safeParse(uid).success).toBe(false);
  });
});

describe('identifierSchema', () => {
  it('accepts a plain identifier and rejects empty, padded or over-long ones', () => {
    expect(identifierSchema.parse('lesion A')).toBe('lesion A');
    expect(identifierSchema.safeParse('').success).toBe(false);
    expect(identifierSchema.safeParse(' a').success).toBe(false);
    expect(identifierSchema.safeParse('a ').success).toBe(false);
    expect(identifierSchema.safeParse('x'.repeat(128)).success).toBe(true);
    expect(identifierSchema.safeParse('x'.repeat(129)).success).toBe(false);
  });
});
