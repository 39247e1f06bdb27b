import { describe, expect, it } from 'vitest';
import { petLesionSchema, type PetLesion } from './pet-time-point.js';
import { hottestLesion, hottestLesionsForSum, organKey } from './target-lesions.js';
import { rawLesion } from './test-support/pet-fixtures.js';

function lesion(id: string, sulPeak: number, organ = 'bone'): PetLesion {
  return petLesionSchema.parse(rawLesion(id, sulPeak, { organ }));
}

describe('hottest lesion', () => {
  it('is null without lesions', () => {
    expect(hottestLesion([])).toBeNull();
  });

  it('breaks ties by lesion id, whatever the input order', () => {
    expect(hottestLesion([lesion('b', 5), lesion('a', 5)])?.id).toBe('a');
    expect(hottestLesion([lesion('a', 5), lesion('b', 5)])?.id).toBe('a');
  });
});

describe('up to 5 hottest lesions, at most 2 per organ', () => {
  it('skips a third lesion of the same organ and takes the next hottest', () => {
    const selected = hottestLesionsForSum([
      lesion('b1', 9),
      lesion('b2', 8),
      lesion('b3', 7),
      lesion('l1', 3, 'liver'),
    ]);
    expect(selected.map((item) => item.id)).toEqual(['b1', 'b2', 'l1']);
  });

  it('stops at 5 lesions', () => {
    const selected = hottestLesionsForSum([
      lesion('a', 9, 'bone'),
      lesion('b', 8, 'liver'),
      lesion('c', 7, 'lung'),
      lesion('d', 6, 'adrenal'),
      lesion('e', 5, 'brain'),
      lesion('f', 4, 'skin'),
    ]);
    expect(selected.map((item) => item.id)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('treats organ names case- and spacing-insensitively', () => {
    expect(organKey(' Lymph  Node ')).toBe('lymph node');
    const selected = hottestLesionsForSum([lesion('a', 9, 'Bone'), lesion('b', 8, 'bone'), lesion('c', 7, 'BONE')]);
    expect(selected.map((item) => item.id)).toEqual(['a', 'b']);
  });
});
