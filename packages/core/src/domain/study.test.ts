import { describe, expect, it } from 'vitest';
import { rejectedPaths } from '../testing.js';
import { parseInput } from '../validation.js';
import { studySchema, timePointSchema } from './study.js';

const boneScan = {
  studyInstanceUid: '1.2.826.0.1.3680043.8.498.1',
  date: '2026-03-02',
  modality: 'NM',
  description: 'Whole-body bone scan',
  radiopharmaceutical: 'tc99m_medronate',
};

describe('studySchema', () => {
  it('accepts a bone scan, a PET and a CT', () => {
    expect(parseInput(studySchema, boneScan, 'study')).toEqual(boneScan);
    const pet = { studyInstanceUid: '1.2.3.4', date: '2026-03-05', modality: 'PT', radiopharmaceutical: 'f18_fdg' };
    expect(parseInput(studySchema, pet, 'study')).toEqual(pet);
    expect(
      parseInput(studySchema, { studyInstanceUid: '1.2.3.5', date: '2026-03-05', modality: 'CT' }, 'study').modality,
    ).toBe('CT');
  });

  it('rejects bad fields by path', () => {
    expect(
      rejectedPaths(studySchema, { studyInstanceUid: '1.02.3', date: '2026-02-30', modality: 'PET', extra: 1 }),
    ).toEqual(['date', 'extra', 'modality', 'studyInstanceUid']);
    expect(rejectedPaths(studySchema, { ...boneScan, description: 'x'.repeat(65) })).toEqual(['description']);
  });

  it('allows a radiopharmaceutical only on NM and PT studies', () => {
    expect(rejectedPaths(studySchema, { ...boneScan, modality: 'CT' })).toEqual(['radiopharmaceutical']);
    expect(rejectedPaths(studySchema, { ...boneScan, radiopharmaceutical: 'tc99m' })).toEqual(['radiopharmaceutical']);
  });
});

describe('timePointSchema', () => {
  it('accepts a time point with its studies', () => {
    const timePoint = { id: 'baseline', date: '2026-03-02', studyUids: ['1.2.3.4', '1.2.3.5'] };
    expect(parseInput(timePointSchema, timePoint, 'time point')).toEqual(timePoint);
  });

  it('rejects an empty, duplicated or malformed study list', () => {
    expect(rejectedPaths(timePointSchema, { id: 't', date: '2026-03-02', studyUids: [] })).toEqual(['studyUids']);
    expect(rejectedPaths(timePointSchema, { id: 't', date: '2026-03-02', studyUids: ['1.2.3', '1.2.3'] })).toEqual([
      'studyUids[1]',
    ]);
    expect(rejectedPaths(timePointSchema, { id: 't', date: '2026-03-02', studyUids: ['1.2.3', 'abc'] })).toEqual([
      'studyUids[1]',
    ]);
    expect(rejectedPaths(timePointSchema, { id: 't', date: '2026-02-29', studyUids: ['1.2.3'] })).toEqual(['date']);
  });
});
