import { describe, expect, it } from 'vitest';
import { rejectedPaths } from '../testing.js';
import { parseInput } from '../validation.js';
import { lesionSchema } from './lesion.js';
import { measurementSchema } from './measurement.js';

describe('lesionSchema', () => {
  it('accepts a located, typed, tracked lesion', () => {
    const lesion = {
      id: 'L1',
      trackingUid: '2.25.1234567890',
      location: { bone: 'vertebra', level: 'T7', part: 'body' },
      type: 'lytic',
      firstSeen: '2026-03-02',
    };
    expect(parseInput(lesionSchema, lesion, 'lesion')).toEqual(lesion);
    expect(parseInput(lesionSchema, { id: 'L2', location: { bone: 'sacrum' } }, 'lesion').id).toBe('L2');
  });

  it('reports location problems inside the location', () => {
    expect(rejectedPaths(lesionSchema, { id: 'L1', location: { bone: 'femur', part: 'neck' } })).toEqual([
      'location.laterality',
    ]);
    expect(rejectedPaths(lesionSchema, { id: 'L1', location: { bone: 'vertebra', level: 'T13' } })).toEqual([
      'location.level',
    ]);
  });

  it('rejects bad fields by path', () => {
    expect(
      rejectedPaths(lesionSchema, {
        id: 'L1',
        trackingUid: '1.2.03',
        location: { bone: 'sternum' },
        type: 'osteolytic',
        firstSeen: '2026-02-30',
        size: 3,
      }),
    ).toEqual(['firstSeen', 'size', 'trackingUid', 'type']);
    expect(rejectedPaths(lesionSchema, { id: 'L1' })).toEqual(['location']);
  });
});

describe('measurementSchema', () => {
  it('accepts lesion and patient-level measurements', () => {
    const suv = { lesionId: 'L1', timePointId: 'baseline', quantity: 'SUVmax', value: 7.4, unit: 'g/mL{SUVbw}' };
    expect(parseInput(measurementSchema, suv, 'measurement')).toEqual(suv);
    const bsi = { quantity: 'BSI', value: 1.2, unit: '%', method: 'manual BSI (Imbriaco 1998 weights)' };
    expect(parseInput(measurementSchema, bsi, 'measurement')).toEqual(bsi);
    expect(parseInput(measurementSchema, { quantity: 'MTV', value: 0, unit: 'mL' }, 'measurement').value).toBe(0);
  });

  it('rejects bad fields by path', () => {
    expect(rejectedPaths(measurementSchema, { quantity: 'SUVmax', value: '7.4', unit: 'g/mL {SUVbw}' })).toEqual([
      'unit',
      'value',
    ]);
    expect(rejectedPaths(measurementSchema, { quantity: '', value: Number.NaN, unit: '' })).toEqual([
      'quantity',
      'unit',
      'value',
    ]);
    expect(rejectedPaths(measurementSchema, { quantity: 'SUVmax', value: Infinity, unit: 'g/mL{SUVbw}' })).toEqual([
      'value',
    ]);
    expect(rejectedPaths(measurementSchema, { quantity: 'SUVmax', value: 7, unit: 'g/mL{SUVbw}', sd: 1 })).toEqual([
      'sd',
    ]);
    expect(rejectedPaths(measurementSchema, { quantity: 'SUVmax', value: 7 })).toEqual(['unit']);
  });
});
