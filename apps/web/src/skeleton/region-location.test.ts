import { describe, expect, it } from 'vitest';
import { locationOfRegion } from './region-location.js';

describe('locationOfRegion', () => {
  it('reads the bone-scan skeleton parts', () => {
    expect(locationOfRegion('femur_right')).toEqual({ bone: 'femur', laterality: 'right' });
    expect(locationOfRegion('humerus_left')).toEqual({ bone: 'humerus', laterality: 'left' });
    expect(locationOfRegion('thoracic_spine')).toEqual({ bone: 'vertebra', level: 'T6' });
    expect(locationOfRegion('lumbar_spine')).toEqual({ bone: 'vertebra', level: 'L3' });
    expect(locationOfRegion('pelvis')).toEqual({ bone: 'ilium' });
    expect(locationOfRegion('ribs')).toEqual({ bone: 'rib', level: 6 });
    expect(locationOfRegion('skull')).toEqual({ bone: 'skull' });
  });

  it('reads the PET quantification’s readable locations', () => {
    expect(locationOfRegion('L3 vertebra')).toEqual({ bone: 'vertebra', level: 'L3' });
    expect(locationOfRegion('right ilium')).toEqual({ bone: 'ilium', laterality: 'right' });
    expect(locationOfRegion('left rib 7')).toEqual({ bone: 'rib', level: 7, laterality: 'left' });
  });

  it('gives undefined for nothing or a place outside the skeleton', () => {
    expect(locationOfRegion(null)).toBeUndefined();
    expect(locationOfRegion('liver')).toBeUndefined();
    expect(locationOfRegion('')).toBeUndefined();
  });
});
