import { describe, expect, it } from 'vitest';
import { codedConcept, lateralityConcept, SNOMED_CT, skeletalCodes, type SkeletalCodeKey } from './codes.js';

/**
 * Every (code, display) pair of the table, written out by hand from the reference note (interop A3.2)
 * and the value sets it cites (DICOM CID 4031, 7603, 6115; mCODE TG-263 list; mCODE laterality).
 */
const expectedPairs: readonly (readonly [string, string])[] = [
  // CID 4031 regions and bones
  ['122494005', 'Cervical spine'],
  ['122495006', 'Thoracic spine'],
  ['122496007', 'Lumbar spine'],
  ['54735007', 'Sacrum'],
  ['64688005', 'Coccyx'],
  ['816092008', 'Pelvis'],
  ['816094009', 'Chest'],
  ['16982005', 'Shoulder'],
  ['89546000', 'Skull'],
  ['91397008', 'Facial bones'],
  ['371195002', 'Bone of upper limb'],
  ['72001000', 'Bone of lower limb'],
  ['56873002', 'Sternum'],
  ['51299004', 'Clavicle'],
  ['79601000', 'Scapula'],
  ['85050009', 'Humerus'],
  ['22356005', 'Ilium'],
  ['71341001', 'Femur'],
  ['64234005', 'Patella'],
  ['87342007', 'Fibula'],
  ['80144004', 'Calcaneus'],
  ['91609006', 'Mandible'],
  ['59066005', 'Mastoid bone'],
  ['70925003', 'Maxilla'],
  ['13881006', 'Zygoma'],
  ['74386004', 'Nasal bone'],
  // CID 7603 vertebrae
  ['14806007', 'C1 vertebra'],
  ['39976000', 'C2 vertebra'],
  ['113205007', 'C3 vertebra'],
  ['5329002', 'C4 vertebra'],
  ['36978003', 'C5 vertebra'],
  ['36054005', 'C6 vertebra'],
  ['87391001', 'C7 vertebra'],
  ['64864005', 'T1 vertebra'],
  ['53733008', 'T2 vertebra'],
  ['1626008', 'T3 vertebra'],
  ['73071006', 'T4 vertebra'],
  ['56401006', 'T5 vertebra'],
  ['45296009', 'T6 vertebra'],
  ['62487009', 'T7 vertebra'],
  ['11068009', 'T8 vertebra'],
  ['82687006', 'T9 vertebra'],
  ['7610001', 'T10 vertebra'],
  ['12989004', 'T11 vertebra'],
  ['23215003', 'T12 vertebra'],
  ['66794005', 'L1 vertebra'],
  ['14293000', 'L2 vertebra'],
  ['36470004', 'L3 vertebra'],
  ['11994002', 'L4 vertebra'],
  ['49668003', 'L5 vertebra'],
  // TG-263 sacral segments
  ['65985001', 'Structure of first sacral vertebra'],
  ['11808007', 'Structure of second sacral vertebra'],
  ['49967005', 'Structure of third sacral vertebra'],
  ['69950008', 'Structure of fourth sacral vertebra'],
  ['21452006', 'Structure of fifth sacral vertebra'],
  // TG-263 vertebral bodies
  ['3572006', 'Structure of body of vertebra'],
  ['91116008', 'Structure of body of third cervical vertebra'],
  ['14705001', 'Structure of body of fourth cervical vertebra'],
  ['67479001', 'Structure of body of fifth cervical vertebra'],
  ['88298007', 'Structure of body of sixth cervical vertebra'],
  ['16126006', 'Structure of body of seventh cervical vertebra'],
  ['56094003', 'Structure of body of first thoracic vertebra'],
  ['50060007', 'Structure of body of second thoracic vertebra'],
  ['73138009', 'Structure of body of third thoracic vertebra'],
  ['86197001', 'Structure of body of fourth thoracic vertebra'],
  ['6105006', 'Structure of body of fifth thoracic vertebra'],
  ['32430008', 'Structure of body of sixth thoracic vertebra'],
  ['71737002', 'Structure of body of seventh thoracic vertebra'],
  ['77435000', 'Structure of body of eighth thoracic vertebra'],
  ['33766003', 'Structure of body of ninth thoracic vertebra'],
  ['48405002', 'Structure of body of tenth thoracic vertebra'],
  ['52120002', 'Structure of body of eleventh thoracic vertebra'],
  ['280849005', 'Structure of body of twelfth thoracic vertebra'],
  ['61032001', 'Structure of body of first lumbar vertebra'],
  ['53983007', 'Structure of body of second lumbar vertebra'],
  ['55492004', 'Structure of body of third lumbar vertebra'],
  ['71996003', 'Structure of body of fourth lumbar vertebra'],
  ['21799000', 'Structure of body of fifth lumbar vertebra'],
  ['1172006', 'Structure of odontoid process of axis'],
  // CID 6115 vertebral parts
  ['78972004', 'Pedicle of vertebra'],
  ['89340005', 'Lamina of vertebra'],
  ['40265002', 'Arch of vertebra'],
  ['55678000', 'Spinous process of vertebra'],
  ['73400003', 'Transverse process of vertebra'],
  ['317665004', 'Superior articular process of vertebra'],
  ['317766009', 'Inferior articular process of vertebra'],
  // TG-263 ribs
  ['48535007', 'Bone structure of first rib'],
  ['78247007', 'Bone structure of second rib'],
  ['25888004', 'Bone structure of third rib'],
  ['25523003', 'Bone structure of fourth rib'],
  ['15339008', 'Bone structure of fifth rib'],
  ['59558009', 'Bone structure of sixth rib'],
  ['24915002', 'Bone structure of seventh rib'],
  ['5953002', 'Bone structure of eighth rib'],
  ['22565002', 'Bone structure of ninth rib'],
  ['77644006', 'Bone structure of tenth rib'],
  ['58830002', 'Bone structure of eleventh rib'],
  ['43993008', 'Bone structure of twelfth rib'],
  // CID 6115 rib, sternal and scapular parts
  ['12872006', 'Head of rib'],
  ['72184008', 'Neck of rib'],
  ['113198008', 'Tubercle of rib'],
  ['14510004', 'Angle of rib'],
  ['41601005', 'Shaft of rib'],
  ['37285002', 'Manubrium of sternum'],
  ['52509009', 'Body of sternum'],
  ['20298003', 'Xiphoid process of sternum'],
  ['31934006', 'Acromion process of scapula'],
  ['8931003', 'Coracoid process of scapula'],
  ['46385009', 'Glenoid cavity of scapula'],
  // TG-263 and reference-note bones and parts
  ['62413002', 'Bone structure of radius'],
  ['23416004', 'Bone structure of ulna'],
  ['118645006', 'Structure of innominate bone and/or sacrum and/or coccyx'],
  ['85710004', 'Bone structure of ischium'],
  ['37783008', 'Bone structure of acetabulum'],
  ['2812003', 'Structure of head of femur'],
  ['29627003', 'Structure of neck of femur'],
  ['41111004', 'Bone structure of shaft of femur'],
  ['12611008', 'Bone structure of tibia'],
  ['74872008', 'Frontal bone structure'],
  ['24924006', 'Parietal bone structure'],
  ['60911003', 'Temporal bone structure'],
  ['31640002', 'Occipital bone structure'],
  ['73117003', 'Sphenoid bone structure'],
  ['52374004', 'Ethmoid bone structure'],
  // laterality qualifiers
  ['24028007', 'Right'],
  ['7771000', 'Left'],
  ['51440002', 'Right and left'],
  ['399488007', 'Midline'],
];

const entries = Object.values(skeletalCodes);

describe('skeletal code table', () => {
  it('holds exactly the hand-checked (code, display) pairs', () => {
    const actual = entries.map((e) => `${e.code} | ${e.display}`).sort();
    const expected = expectedPairs.map(([code, display]) => `${code} | ${display}`).sort();
    expect(actual).toEqual(expected);
  });

  it('lists each code once, all SNOMED CT, each with its source', () => {
    const codes = entries.map((e) => e.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const entry of entries) {
      expect(entry.system).toBe(SNOMED_CT);
      expect(entry.source.length).toBeGreaterThan(0);
      expect(entry.code).toMatch(/^[1-9]\d{5,17}$/);
    }
  });

  it('is frozen', () => {
    expect(Object.isFrozen(skeletalCodes)).toBe(true);
    expect(Object.isFrozen(skeletalCodes.sternum)).toBe(true);
  });

  it('keeps out the wrong public pairs (reference note A3.4)', () => {
    const byCode = new Map(entries.map((e) => [e.code, e.display]));
    // 12611008 is the tibia, never the sternum; the sternum is 56873002.
    expect(byCode.get('12611008')).toBe('Bone structure of tibia');
    expect(skeletalCodes.sternum.code).toBe('56873002');
    // 816092008 is the pelvis, not the right lung.
    expect(byCode.get('816092008')).toBe('Pelvis');
    // 29836001 is the hip region, not the hip bone: not used at all.
    expect(byCode.has('29836001')).toBe(false);
    // 94222008 is a disorder (secondary malignant neoplasm of bone), not a body structure.
    expect(byCode.has('94222008')).toBe(false);
    // 3572006 is the body of a vertebra (any level), not "cervical vertebra".
    expect(byCode.get('3572006')).toBe('Structure of body of vertebra');
    // Codes with a single third-party source only: pubis, greater trochanter, iliac crest.
    for (const unverified of ['66040006', '30547004', '182034009']) expect(byCode.has(unverified)).toBe(false);
    // No body structure carries a side: laterality is a separate qualifier.
    const lateralityKeys = new Set(['left', 'right', 'rightAndLeft', 'midline']);
    for (const [key, { display }] of Object.entries(skeletalCodes)) {
      if (!lateralityKeys.has(key)) expect(display).not.toMatch(/\b(left|right)\b/i);
    }
  });

  it('returns concepts without their source', () => {
    expect(codedConcept('femoralNeck')).toEqual({
      system: SNOMED_CT,
      code: '29627003',
      display: 'Structure of neck of femur',
    });
  });

  it('maps each laterality to its qualifier', () => {
    const codeOf = (key: Parameters<typeof lateralityConcept>[0]): string => lateralityConcept(key).code;
    expect(codeOf('left')).toBe('7771000');
    expect(codeOf('right')).toBe('24028007');
    expect(codeOf('bilateral')).toBe('51440002');
    expect(codeOf('midline')).toBe('399488007');
  });

  it('names every key in camelCase', () => {
    for (const key of Object.keys(skeletalCodes) as SkeletalCodeKey[]) expect(key).toMatch(/^[a-z][A-Za-z0-9]*$/);
  });
});
