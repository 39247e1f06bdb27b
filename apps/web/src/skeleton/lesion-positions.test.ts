import { describe, expect, it } from 'vitest';
import { locationOfCodedLesion, pointOfLocation, viewX } from './lesion-positions.js';

const SNOMED = 'http://snomed.info/sct';

describe('locationOfCodedLesion', () => {
  it('reads a vertebra back from its SNOMED CT structure (11068009 Structure of T8 vertebra)', () => {
    expect(locationOfCodedLesion({ structure: { system: SNOMED, code: '11068009', display: 'T8 vertebra' } })).toEqual({
      bone: 'vertebra',
      level: 'T8',
    });
  });

  it('keeps the side of a paired bone (71341001 Femur with 7771000 Left)', () => {
    expect(
      locationOfCodedLesion({
        structure: { system: SNOMED, code: '71341001', display: 'Femur' },
        laterality: { system: SNOMED, code: '7771000', display: 'Left' },
      }),
    ).toEqual({ bone: 'femur', laterality: 'left' });
  });

  it('gives undefined for a code outside the skeletal model (22298006 is myocardial infarction)', () => {
    expect(
      locationOfCodedLesion({ structure: { system: SNOMED, code: '22298006', display: 'Myocardial infarction' } }),
    ).toBeUndefined();
  });
});

describe('map placement', () => {
  it("puts the patient's left on the viewer's right in the anterior view and on the left in the posterior", () => {
    const point = pointOfLocation({ bone: 'femur', laterality: 'left' });
    // The femur sits 24 units from the midline (x = 100): 124 seen from the front, 76 from the back.
    expect(viewX(point, 'anterior')).toBe(124);
    expect(viewX(point, 'posterior')).toBe(76);
  });

  it('orders the spine from the neck down: C1 above T8 above L5, all on the midline', () => {
    const c1 = pointOfLocation({ bone: 'vertebra', level: 'C1' });
    const t8 = pointOfLocation({ bone: 'vertebra', level: 'T8' });
    const l5 = pointOfLocation({ bone: 'vertebra', level: 'L5' });
    expect(c1.y).toBeLessThan(t8.y);
    expect(t8.y).toBeLessThan(l5.y);
    expect([c1.sideOffset, t8.sideOffset, l5.sideOffset]).toEqual([0, 0, 0]);
  });
});
