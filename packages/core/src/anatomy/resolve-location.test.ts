import { describe, expect, it } from 'vitest';
import { invalidInputPaths } from '../testing.js';
import { boneDefinitions, boneIds, partIds } from './bones.js';
import { skeletalCodes } from './codes.js';
import { lateralities } from './laterality.js';
import { ribNumbers, vertebralLevels } from './levels.js';
import { resolveLocation, type ResolvedLocation } from './resolve-location.js';
import { skeletalLocationSchema, type SkeletalLocation } from './skeletal-location.js';

/** Codes only, for compact expectations. */
function codes(resolved: ResolvedLocation): Record<string, string | undefined> {
  return {
    region: resolved.region.code,
    structure: resolved.structure.code,
    laterality: resolved.laterality?.code,
    part: resolved.part?.code,
  };
}

interface Flags {
  longBone: boolean;
  weightBearing: boolean;
  pelvic: boolean;
  periacetabular: boolean;
  peritrochanteric: boolean;
}

function flags(resolved: ResolvedLocation): Flags {
  const { longBone, weightBearing, pelvic, periacetabular, peritrochanteric } = resolved;
  return { longBone, weightBearing, pelvic, periacetabular, peritrochanteric };
}

const none: Flags = {
  longBone: false,
  weightBearing: false,
  pelvic: false,
  periacetabular: false,
  peritrochanteric: false,
};

describe('resolveLocation: the examples users write', () => {
  it('T7 vertebral body', () => {
    const r = resolveLocation({ bone: 'vertebra', level: 'T7', part: 'body' });
    expect(r.display).toBe('T7 vertebral body');
    // Thoracic spine (CID 4031), T7 vertebra (CID 7603), body of 7th thoracic vertebra (TG-263).
    expect(codes(r)).toEqual({ region: '122495006', structure: '62487009', laterality: undefined, part: '71737002' });
    expect(r.spinalLevel).toBe('T7');
    expect(r.spinalSegment).toBe('thoracic');
    expect(r.bsiRegion).toBe('spine_sacrum');
    expect(r.limb).toBeUndefined();
    expect(flags(r)).toEqual({ ...none, weightBearing: true });
  });

  it('left femoral neck: Left (7771000), never the swapped side of the mCODE ConceptMap', () => {
    const r = resolveLocation({ bone: 'femur', laterality: 'left', part: 'neck' });
    expect(r.display).toBe('left femoral neck');
    expect(codes(r)).toEqual({ region: '72001000', structure: '71341001', laterality: '7771000', part: '29627003' });
    expect(r.laterality?.display).toBe('Left');
    expect(r.bsiRegion).toBe('femur');
    expect(r.limb).toBe('lower');
    expect(flags(r)).toEqual({ ...none, longBone: true, weightBearing: true });
  });

  it('right 5th rib', () => {
    const r = resolveLocation({ bone: 'rib', level: 5, laterality: 'right' });
    expect(r.display).toBe('right 5th rib');
    expect(codes(r)).toEqual({ region: '816094009', structure: '15339008', laterality: '24028007', part: undefined });
    expect(r.bsiRegion).toBe('ribs');
    expect(r.spinalLevel).toBeUndefined();
    expect(flags(r)).toEqual(none);
  });

  it('manubrium of sternum', () => {
    const r = resolveLocation({ bone: 'sternum', part: 'manubrium' });
    expect(r.display).toBe('manubrium of sternum');
    expect(codes(r)).toEqual({ region: '816094009', structure: '56873002', laterality: undefined, part: '37285002' });
    expect(r.bsiRegion).toBe('sternum');
  });
});

describe('resolveLocation: spine', () => {
  it.each([
    // [location, display, region, structure, part]
    [{ level: 'C1' }, 'C1 vertebra', '122494005', '14806007', undefined],
    [{ level: 'C1', part: 'transverse_process' }, 'C1 transverse process', '122494005', '14806007', '73400003'],
    [{ level: 'C2', part: 'dens' }, 'C2 dens', '122494005', '39976000', '1172006'],
    // C2 has no level-specific body code: the generic body of vertebra.
    [{ level: 'C2', part: 'body' }, 'C2 vertebral body', '122494005', '39976000', '3572006'],
    [{ level: 'C3', part: 'body' }, 'C3 vertebral body', '122494005', '113205007', '91116008'],
    [{ level: 'C7', part: 'body' }, 'C7 vertebral body', '122494005', '87391001', '16126006'],
    [{ level: 'T1', part: 'body' }, 'T1 vertebral body', '122495006', '64864005', '56094003'],
    [{ level: 'T12', part: 'pedicle' }, 'T12 pedicle', '122495006', '23215003', '78972004'],
    [{ level: 'L1', part: 'body' }, 'L1 vertebral body', '122496007', '66794005', '61032001'],
    [{ level: 'L3', part: 'lamina' }, 'L3 lamina', '122496007', '36470004', '89340005'],
    [{ level: 'L4', part: 'spinous_process' }, 'L4 spinous process', '122496007', '11994002', '55678000'],
    [{ level: 'L5', part: 'body' }, 'L5 vertebral body', '122496007', '49668003', '21799000'],
    [{ level: 'T4', part: 'posterior_elements' }, 'T4 posterior elements', '122495006', '73071006', '40265002'],
    [
      { level: 'T9', part: 'superior_articular_process' },
      'T9 superior articular process',
      '122495006',
      '82687006',
      '317665004',
    ],
    [
      { level: 'T10', part: 'inferior_articular_process' },
      'T10 inferior articular process',
      '122495006',
      '7610001',
      '317766009',
    ],
    [{ level: 'S1' }, 'S1 vertebra', '54735007', '65985001', undefined],
    [{ level: 'S1', part: 'body' }, 'S1 vertebral body', '54735007', '65985001', '3572006'],
    [{ level: 'S5' }, 'S5 vertebra', '54735007', '21452006', undefined],
  ] as const)('%o → %s', (where, display, region, structure, part) => {
    const r = resolveLocation({ bone: 'vertebra', ...where });
    expect(r.display).toBe(display);
    expect(codes(r)).toEqual({ region, structure, laterality: undefined, part });
    expect(r.spinalLevel).toBe(where.level);
  });

  it('puts the sacral segments in the spine and the bony pelvis', () => {
    const s1 = resolveLocation({ bone: 'vertebra', level: 'S1' });
    expect(s1.spinalSegment).toBe('sacral');
    expect(flags(s1)).toEqual({ ...none, weightBearing: true, pelvic: true });
    const l5 = resolveLocation({ bone: 'vertebra', level: 'L5' });
    expect(l5.spinalSegment).toBe('lumbar');
    expect(l5.pelvic).toBe(false);
  });

  it('codes the midline qualifier when given and nothing when omitted', () => {
    expect(resolveLocation({ bone: 'vertebra', level: 'T7', laterality: 'midline' }).laterality?.code).toBe(
      '399488007',
    );
    expect(resolveLocation({ bone: 'vertebra', level: 'T7' }).laterality).toBeUndefined();
    expect(resolveLocation({ bone: 'vertebra', level: 'T7', laterality: 'midline' }).display).toBe('T7 vertebra');
  });

  it('resolves the whole sacrum and the coccyx without a level', () => {
    const sacrum = resolveLocation({ bone: 'sacrum' });
    expect(codes(sacrum)).toEqual({
      region: '54735007',
      structure: '54735007',
      laterality: undefined,
      part: undefined,
    });
    expect(sacrum.spinalSegment).toBe('sacral');
    expect(sacrum.spinalLevel).toBeUndefined();
    expect(flags(sacrum)).toEqual({ ...none, weightBearing: true, pelvic: true });
    expect(resolveLocation({ bone: 'sacrum', part: 'ala' }).display).toBe('sacral ala');

    const coccyx = resolveLocation({ bone: 'coccyx', laterality: 'midline' });
    expect(codes(coccyx)).toEqual({
      region: '64688005',
      structure: '64688005',
      laterality: '399488007',
      part: undefined,
    });
    expect(coccyx.spinalSegment).toBe('coccygeal');
    expect(coccyx.bsiRegion).toBe('spine_sacrum');
    expect(flags(coccyx)).toEqual({ ...none, pelvic: true });
  });
});

describe('resolveLocation: ribs', () => {
  it.each([
    [1, '1st', '48535007'],
    [2, '2nd', '78247007'],
    [3, '3rd', '25888004'],
    [4, '4th', '25523003'],
    [5, '5th', '15339008'],
    [6, '6th', '59558009'],
    [7, '7th', '24915002'],
    [8, '8th', '5953002'],
    [9, '9th', '22565002'],
    [10, '10th', '77644006'],
    [11, '11th', '58830002'],
    [12, '12th', '43993008'],
  ] as const)('rib %i is the %s rib (%s)', (level, nth, structure) => {
    const r = resolveLocation({ bone: 'rib', level, laterality: 'left' });
    expect(r.display).toBe(`left ${nth} rib`);
    expect(r.structure.code).toBe(structure);
  });

  it.each([
    ['head', '12872006'],
    ['neck', '72184008'],
    ['tubercle', '113198008'],
    ['angle', '14510004'],
    ['shaft', '41601005'],
  ] as const)('rib %s is coded %s', (part, code) => {
    const r = resolveLocation({ bone: 'rib', level: 3, laterality: 'right', part });
    expect(r.display).toBe(`right 3rd rib ${part}`);
    expect(r.part?.code).toBe(code);
  });
});

describe('resolveLocation: limbs, girdles and pelvis', () => {
  it.each([
    // [location, display, region, structure, part, bsi region]
    [
      { bone: 'femur', laterality: 'right', part: 'head' },
      'right femoral head',
      '72001000',
      '71341001',
      '2812003',
      'femur',
    ],
    [
      { bone: 'femur', laterality: 'right', part: 'shaft' },
      'right femoral shaft',
      '72001000',
      '71341001',
      '41111004',
      'femur',
    ],
    [
      { bone: 'femur', laterality: 'left', part: 'distal' },
      'left distal femur',
      '72001000',
      '71341001',
      undefined,
      'femur',
    ],
    [{ bone: 'femur', laterality: 'left' }, 'left femur', '72001000', '71341001', undefined, 'femur'],
    [
      { bone: 'humerus', laterality: 'right', part: 'proximal' },
      'right proximal humerus',
      '371195002',
      '85050009',
      undefined,
      'humerus',
    ],
    [
      { bone: 'humerus', laterality: 'left', part: 'head' },
      'left humeral head',
      '371195002',
      '85050009',
      undefined,
      'humerus',
    ],
    [
      { bone: 'radius', laterality: 'left', part: 'shaft' },
      'left radial shaft',
      '371195002',
      '62413002',
      undefined,
      'radius',
    ],
    [
      { bone: 'ulna', laterality: 'right', part: 'distal' },
      'right distal ulna',
      '371195002',
      '23416004',
      undefined,
      'ulna',
    ],
    [
      { bone: 'hand', laterality: 'left', part: 'metacarpus' },
      'left metacarpals',
      '371195002',
      '371195002',
      undefined,
      'hand',
    ],
    [
      { bone: 'tibia', laterality: 'right', part: 'proximal' },
      'right proximal tibia',
      '72001000',
      '12611008',
      undefined,
      'tibia',
    ],
    [
      { bone: 'fibula', laterality: 'left', part: 'shaft' },
      'left fibular shaft',
      '72001000',
      '87342007',
      undefined,
      'fibula',
    ],
    [{ bone: 'patella', laterality: 'right' }, 'right patella', '72001000', '64234005', undefined, 'femur'],
    [
      { bone: 'foot', laterality: 'right', part: 'calcaneus' },
      'right calcaneus',
      '72001000',
      '72001000',
      '80144004',
      'foot',
    ],
    [{ bone: 'foot', laterality: 'left' }, 'left foot', '72001000', '72001000', undefined, 'foot'],
    [
      { bone: 'clavicle', laterality: 'left', part: 'lateral' },
      'left lateral clavicle',
      '16982005',
      '51299004',
      undefined,
      'clavicle',
    ],
    [
      { bone: 'scapula', laterality: 'right', part: 'glenoid' },
      'right glenoid',
      '16982005',
      '79601000',
      '46385009',
      'scapula',
    ],
    [
      { bone: 'scapula', laterality: 'right', part: 'acromion' },
      'right acromion',
      '16982005',
      '79601000',
      '31934006',
      'scapula',
    ],
    [
      { bone: 'scapula', laterality: 'left', part: 'coracoid' },
      'left coracoid process',
      '16982005',
      '79601000',
      '8931003',
      'scapula',
    ],
    [
      { bone: 'ilium', laterality: 'left', part: 'wing' },
      'left iliac wing',
      '816092008',
      '22356005',
      undefined,
      'pelvis',
    ],
    [
      { bone: 'ischium', laterality: 'right', part: 'tuberosity' },
      'right ischial tuberosity',
      '816092008',
      '85710004',
      undefined,
      'pelvis',
    ],
    // No verified pubis code: the bony pelvis code, with "pubis" kept in the display.
    [
      { bone: 'pubis', laterality: 'left', part: 'superior_ramus' },
      'left superior pubic ramus',
      '816092008',
      '118645006',
      undefined,
      'pelvis',
    ],
    [{ bone: 'pubis', laterality: 'right' }, 'right pubis', '816092008', '118645006', undefined, 'pelvis'],
    [
      { bone: 'acetabulum', laterality: 'right', part: 'roof' },
      'right acetabular roof',
      '816092008',
      '37783008',
      undefined,
      'pelvis',
    ],
  ] as const)('%o → %s', (location, display, region, structure, part, bsiRegion) => {
    const r = resolveLocation(location);
    expect(r.display).toBe(display);
    expect(r.region.code).toBe(region);
    expect(r.structure.code).toBe(structure);
    expect(r.part?.code).toBe(part);
    expect(r.laterality?.code).toBe(location.laterality === 'left' ? '7771000' : '24028007');
    expect(r.bsiRegion).toBe(bsiRegion);
  });

  it('flags Mirels\u2019 peritrochanteric site: trochanteric and subtrochanteric femur only', () => {
    const trochanteric = resolveLocation({ bone: 'femur', laterality: 'right', part: 'trochanteric' });
    expect(trochanteric.display).toBe('right femoral trochanteric region');
    expect(trochanteric.part).toBeUndefined(); // no verified code: femur code, part uncoded
    expect(trochanteric.structure.code).toBe('71341001');
    expect(flags(trochanteric)).toEqual({ ...none, longBone: true, weightBearing: true, peritrochanteric: true });
    const subtrochanteric = resolveLocation({ bone: 'femur', laterality: 'left', part: 'subtrochanteric' });
    expect(subtrochanteric.display).toBe('left subtrochanteric femur');
    expect(subtrochanteric.peritrochanteric).toBe(true);
    for (const part of ['head', 'neck', 'shaft', 'distal'] as const) {
      expect(resolveLocation({ bone: 'femur', laterality: 'left', part }).peritrochanteric).toBe(false);
    }
    expect(resolveLocation({ bone: 'femur', laterality: 'left' }).peritrochanteric).toBe(false);
  });

  it('flags periacetabular bone: the acetabulum and the periacetabular part of ilium, ischium, pubis', () => {
    const periacetabular = (location: SkeletalLocation): boolean => resolveLocation(location).periacetabular;
    expect(periacetabular({ bone: 'acetabulum', laterality: 'left' })).toBe(true);
    expect(periacetabular({ bone: 'acetabulum', laterality: 'left', part: 'medial_wall' })).toBe(true);
    for (const bone of ['ilium', 'ischium', 'pubis'] as const) {
      expect(periacetabular({ bone, laterality: 'right', part: 'periacetabular' })).toBe(true);
      expect(periacetabular({ bone, laterality: 'right' })).toBe(false);
    }
    expect(resolveLocation({ bone: 'ilium', laterality: 'left', part: 'periacetabular' }).display).toBe(
      'left periacetabular ilium',
    );
    expect(periacetabular({ bone: 'ilium', laterality: 'left', part: 'crest' })).toBe(false);
    expect(periacetabular({ bone: 'femur', laterality: 'left', part: 'head' })).toBe(false);
  });

  it('sets limb for free-limb bones only, not the girdles', () => {
    const limb = (location: SkeletalLocation): string | undefined => resolveLocation(location).limb;
    expect(limb({ bone: 'humerus', laterality: 'left' })).toBe('upper');
    expect(limb({ bone: 'hand', laterality: 'left' })).toBe('upper');
    expect(limb({ bone: 'tibia', laterality: 'left' })).toBe('lower');
    expect(limb({ bone: 'foot', laterality: 'left' })).toBe('lower');
    expect(limb({ bone: 'clavicle', laterality: 'left' })).toBeUndefined();
    expect(limb({ bone: 'scapula', laterality: 'left' })).toBeUndefined();
    expect(limb({ bone: 'ilium', laterality: 'left' })).toBeUndefined();
  });
});

describe('resolveLocation: flags for every bone', () => {
  // Written out from the definitions in bones.ts: [longBone, weightBearing, pelvic].
  const expected: Record<(typeof boneIds)[number], readonly [boolean, boolean, boolean]> = {
    skull: [false, false, false],
    facial_bones: [false, false, false],
    mandible: [false, false, false],
    vertebra: [false, true, false], // at T7; sacral levels are pelvic
    sacrum: [false, true, true],
    coccyx: [false, false, true],
    rib: [false, false, false],
    sternum: [false, false, false],
    clavicle: [false, false, false],
    scapula: [false, false, false],
    humerus: [true, false, false],
    radius: [true, false, false],
    ulna: [true, false, false],
    hand: [false, false, false],
    ilium: [false, true, true],
    ischium: [false, true, true],
    pubis: [false, true, true],
    acetabulum: [false, true, true],
    femur: [true, true, false],
    patella: [false, false, false],
    tibia: [true, true, false],
    fibula: [true, false, false],
    foot: [false, true, false],
  };

  it.each(boneIds)('%s', (bone) => {
    const location: SkeletalLocation =
      bone === 'vertebra'
        ? { bone, level: 'T7' }
        : bone === 'rib'
          ? { bone, level: 7, laterality: 'left' }
          : ['skull', 'facial_bones', 'mandible', 'sacrum', 'coccyx', 'sternum'].includes(bone)
            ? { bone }
            : { bone, laterality: 'left' };
    const r = resolveLocation(location);
    expect([r.longBone, r.weightBearing, r.pelvic]).toEqual(expected[bone]);
  });
});

describe('resolveLocation over every accepted combination', () => {
  const accepted: SkeletalLocation[] = [];
  for (const bone of boneIds)
    for (const level of [undefined, ...vertebralLevels, ...ribNumbers])
      for (const laterality of [undefined, ...lateralities])
        for (const part of [undefined, ...partIds]) {
          const candidate = {
            bone,
            ...(level === undefined ? {} : { level }),
            ...(laterality === undefined ? {} : { laterality }),
            ...(part === undefined ? {} : { part }),
          };
          const result = skeletalLocationSchema.safeParse(candidate);
          if (result.success) accepted.push(result.data);
        }

  it('resolves all 1008 (see skeletal-location.test.ts for the count) with a display, codes from the table and consistent fields', () => {
    expect(accepted).toHaveLength(1008);
    const tableCodes = new Set(Object.values(skeletalCodes).map((entry) => entry.code));
    const displays = new Set<string>();
    const problems: string[] = [];
    for (const location of accepted) {
      const r = resolveLocation(location);
      const concepts = [r.region, r.structure, r.laterality, r.part].filter((c) => c !== undefined);
      if (!concepts.every((c) => tableCodes.has(c.code))) problems.push(`code outside table: ${r.display}`);
      if (r.display.trim() !== r.display || r.display.includes('  ')) problems.push(`display spacing: ${r.display}`);
      if (r.location.bone === 'vertebra' && r.spinalLevel !== r.location.level) problems.push(`level: ${r.display}`);
      // Without its part an axial bone also loses any side (only its sided parts take one).
      const wholeBone = boneDefinitions[location.bone].paired
        ? { ...location, part: undefined }
        : { ...location, part: undefined, laterality: undefined };
      if (r.location.part !== undefined && r.display === resolveLocation(wholeBone).display)
        problems.push(`part lost from display: ${r.display}`);
      const side = r.location.laterality;
      if ((side === 'left' || side === 'right') && !r.display.startsWith(`${side} `))
        problems.push(`side: ${r.display}`);
      displays.add(`${r.display}|${side === 'midline' ? 'midline' : ''}`);
    }
    expect(problems).toEqual([]);
    // Different locations read differently (midline and no laterality read the same).
    expect(displays.size).toBe(accepted.length);
  });

  it('uses every code in the table (Right and left only for fields that span both sides)', () => {
    const used = new Set<string>();
    for (const location of accepted) {
      const r = resolveLocation(location);
      for (const c of [r.region, r.structure, r.laterality, r.part]) if (c !== undefined) used.add(c.code);
    }
    const unused = Object.values(skeletalCodes)
      .map((entry) => entry.code)
      .filter((code) => !used.has(code));
    expect(unused).toEqual([skeletalCodes.rightAndLeft.code]);
  });
});

describe('resolveLocation refuses an invalid location', () => {
  it.each([
    [{ bone: 'vertebra' }, 'level'],
    [{ bone: 'femur', laterality: 'bilateral' }, 'laterality'],
    [{ bone: 'sternum', part: 'neck' }, 'part'],
  ] as const)('%o (field %s)', (location, field) => {
    expect(invalidInputPaths(() => resolveLocation(location))).toEqual([field]);
  });
});

describe('sided parts of axial bones', () => {
  it('puts the side before the part and codes it', () => {
    const r = resolveLocation({ bone: 'vertebra', level: 'T7', part: 'pedicle', laterality: 'right' });
    expect(r.display).toBe('right T7 pedicle');
    expect(r.laterality?.code).toBe('24028007');
    expect(r.part?.code).toBe('78972004');
  });
});
