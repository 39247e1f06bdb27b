import { describe, expect, it } from 'vitest';
import { rejectedPaths } from '../testing.js';
import { parseInput } from '../validation.js';
import { skeletalEventSchema } from './skeletal-event.js';

describe('skeletalEventSchema', () => {
  it('accepts each kind', () => {
    const events = [
      { kind: 'pathological_fracture', date: '2026-05-01', site: { bone: 'femur', laterality: 'right', part: 'neck' } },
      { kind: 'radiation_to_bone', date: '2026-05-02' },
      { kind: 'surgery_to_bone', date: '2026-05-03', site: { bone: 'humerus', laterality: 'left' } },
      { kind: 'spinal_cord_compression', date: '2026-05-04', site: { bone: 'vertebra', level: 'T5' } },
      { kind: 'spinal_cord_compression', date: '2026-05-04', site: { bone: 'sacrum' } },
      { kind: 'hypercalcaemia', date: '2026-05-05' },
    ];
    for (const event of events) expect(parseInput(skeletalEventSchema, event, 'skeletal event')).toEqual(event);
  });

  it('gives hypercalcaemia no site and cord compression a spinal site', () => {
    expect(
      rejectedPaths(skeletalEventSchema, { kind: 'hypercalcaemia', date: '2026-05-05', site: { bone: 'sternum' } }),
    ).toEqual(['site']);
    expect(
      rejectedPaths(skeletalEventSchema, {
        kind: 'spinal_cord_compression',
        date: '2026-05-04',
        site: { bone: 'rib', level: 5, laterality: 'left' },
      }),
    ).toEqual(['site.bone']);
  });

  it('rejects bad fields by path', () => {
    expect(rejectedPaths(skeletalEventSchema, { kind: 'fracture', date: '2026-02-30', note: 'x' })).toEqual([
      'date',
      'kind',
      'note',
    ]);
    expect(
      rejectedPaths(skeletalEventSchema, {
        kind: 'pathological_fracture',
        date: '2026-05-01',
        site: { bone: 'femur' },
      }),
    ).toEqual(['site.laterality']);
    expect(rejectedPaths(skeletalEventSchema, { kind: 'pathological_fracture' })).toEqual(['date']);
  });
});
