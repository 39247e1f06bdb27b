import { describe, expect, it } from 'vitest';
import { BonemetError } from '../errors.js';
import { boneDefinitions, boneIds, type BoneId } from './bones.js';
import {
  bsiCitation,
  bsiRegionIds,
  bsiRegions,
  bsiTotalWeightPercent,
  bsiWeightPercent,
  type BsiRegionId,
} from './bsi.js';

// Manual BSI weights (% of skeletal mass), written out from the published table (Imbriaco 1998, credited
// to Spiers 1968): [weight, paired (weight given per side)].
const publishedWeights: Record<BsiRegionId, readonly [number, boolean]> = {
  skull: [16.6, false],
  mandible: [1.8, false],
  clavicle: [0.5, true],
  scapula: [1.5, true],
  sternum: [0.3, false],
  humerus: [3.3, true],
  ulna: [1.5, true],
  radius: [1.2, true],
  hand: [1.5, true],
  ribs: [4.4, false],
  spine_sacrum: [8.3, false],
  pelvis: [7.5, false],
  femur: [8.9, true],
  tibia: [5.1, true],
  fibula: [1.3, true],
  foot: [5.8, true],
};

describe('BSI regions', () => {
  it('has every published weight and side rule', () => {
    expect([...bsiRegionIds].sort()).toEqual(Object.keys(publishedWeights).sort());
    for (const id of bsiRegionIds) {
      const [weight, paired] = publishedWeights[id];
      expect(bsiRegions[id].weightPercent).toBe(weight);
      expect(bsiRegions[id].paired).toBe(paired);
      expect(bsiRegions[id].id).toBe(id);
    }
  });

  it('sums to 100.1 % over both sides, as published (not normalised)', () => {
    // Unpaired: 16.6 + 1.8 + 0.3 + 4.4 + 8.3 + 7.5 = 38.9
    // Paired, per side: 0.5 + 1.5 + 3.3 + 1.5 + 1.2 + 1.5 + 8.9 + 5.1 + 1.3 + 5.8 = 30.6; both sides 61.2
    // Total 38.9 + 61.2 = 100.1
    expect(bsiTotalWeightPercent).toBe(100.1);
  });

  it('is frozen', () => {
    expect(Object.isFrozen(bsiRegions)).toBe(true);
    expect(Object.isFrozen(bsiRegions.femur)).toBe(true);
  });
});

describe('bsiWeightPercent', () => {
  it('gives one side of a paired region, or both for bilateral', () => {
    expect(bsiWeightPercent('femur', 'left')).toBe(8.9);
    expect(bsiWeightPercent('femur', 'right')).toBe(8.9);
    expect(bsiWeightPercent('femur', 'bilateral')).toBeCloseTo(17.8, 10);
    expect(bsiWeightPercent('clavicle', 'bilateral')).toBeCloseTo(1.0, 10);
  });

  it('gives the whole weight of an unpaired region whatever the side', () => {
    expect(bsiWeightPercent('ribs')).toBe(4.4);
    expect(bsiWeightPercent('ribs', 'left')).toBe(4.4);
    expect(bsiWeightPercent('spine_sacrum', 'midline')).toBe(8.3);
    expect(bsiWeightPercent('skull')).toBe(16.6);
  });

  it('refuses a paired region without a side, or with midline', () => {
    const codeOf = (run: () => number): string | undefined => {
      try {
        run();
      } catch (error) {
        if (error instanceof BonemetError) return error.code;
      }
      return undefined;
    };
    expect(codeOf(() => bsiWeightPercent('humerus'))).toBe('missing_data');
    expect(codeOf(() => bsiWeightPercent('humerus', 'midline'))).toBe('invalid_input');
  });

  it('cites Imbriaco 1998', () => {
    expect(bsiCitation.reference).toContain('Clin Cancer Res 1998;4(7):1765-1772');
  });
});

describe('bone to BSI region', () => {
  // Written out by hand; conventions where the table is silent: facial bones → skull ("skull without
  // lower jaw"), coccyx → spine and sacrum, patella → femur, sacral segments and sacrum → spine and sacrum.
  const expected: Record<BoneId, BsiRegionId> = {
    skull: 'skull',
    facial_bones: 'skull',
    mandible: 'mandible',
    vertebra: 'spine_sacrum',
    sacrum: 'spine_sacrum',
    coccyx: 'spine_sacrum',
    rib: 'ribs',
    sternum: 'sternum',
    clavicle: 'clavicle',
    scapula: 'scapula',
    humerus: 'humerus',
    radius: 'radius',
    ulna: 'ulna',
    hand: 'hand',
    ilium: 'pelvis',
    ischium: 'pelvis',
    pubis: 'pelvis',
    acetabulum: 'pelvis',
    femur: 'femur',
    patella: 'femur',
    tibia: 'tibia',
    fibula: 'fibula',
    foot: 'foot',
  };

  it('maps every bone to the region written out above', () => {
    for (const bone of boneIds) expect(boneDefinitions[bone].bsiRegion).toBe(expected[bone]);
  });

  it('uses every BSI region', () => {
    const used = new Set(boneIds.map((bone) => boneDefinitions[bone].bsiRegion));
    expect([...used].sort()).toEqual([...bsiRegionIds].sort());
  });

  it('agrees on sides: a paired bone maps to a paired region unless the region is whole (ribs, pelvis)', () => {
    for (const bone of boneIds) {
      const region = bsiRegions[boneDefinitions[bone].bsiRegion];
      if (region.paired) expect(boneDefinitions[bone].paired).toBe(true);
    }
  });
});
