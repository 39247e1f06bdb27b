/**
 * The bones a lesion can be located on, their parts, and what bonemet needs to know about each:
 * side (paired or axial), level, coded structure and region, Bone Scan Index region and the flags used
 * by fracture-risk and treatment rules.
 *
 * Flags (defined here once; `resolveLocation` reports them for every location):
 * - `longBone`: a tubular long bone of the free limbs, the bones Mirels' score addresses: humerus, radius,
 *   ulna, femur, tibia, fibula. The clavicle (anatomically a long bone), the patella and the short tubular
 *   bones of hand and foot are not.
 * - `weightBearing`: the bone lies in the load path of standing and walking: every vertebra, the sacrum,
 *   the innominate bones (ilium, ischium, pubis, acetabulum), femur, tibia and the foot. Not the coccyx,
 *   patella (extensor mechanism), fibula (conventionally non-weight-bearing) or any upper-limb bone.
 *   Bone-level flag: within the pelvis the load passes through the sacroiliac and periacetabular bone,
 *   and iliac-wing and pubic/ischial-ramus lesions are often treated as non-weight-bearing; use
 *   `periacetabular` where that distinction matters.
 * - `pelvic`: part of the bony pelvis (SNOMED CT 118645006, "innominate bone and/or sacrum and/or
 *   coccyx"): ilium, ischium, pubis, acetabulum, sacrum, coccyx and the sacral segments S1–S5.
 * - `periacetabular` (per part): the acetabulum itself (any part) and the part of the ilium, ischium or
 *   pubis named `periacetabular` (the bone around the acetabulum). False when the part is not given.
 * - `peritrochanteric` (per part): the femur's `trochanteric` (intertrochanteric and greater-trochanter
 *   region) and `subtrochanteric` parts. This is Mirels' highest-scoring site ("peritrochanteric",
 *   glossed as intertrochanteric in the reproduced table); including the subtrochanteric femur is this
 *   project's convention, and the femoral neck and head are not included.
 */
import type { BsiRegionId } from './bsi.js';
import type { SkeletalCodeKey } from './codes.js';
import type { RibNumber, SpinalSegment, VertebralLevel } from './levels.js';

export const boneIds = [
  'skull',
  'facial_bones',
  'mandible',
  'vertebra',
  'sacrum',
  'coccyx',
  'rib',
  'sternum',
  'clavicle',
  'scapula',
  'humerus',
  'radius',
  'ulna',
  'hand',
  'ilium',
  'ischium',
  'pubis',
  'acetabulum',
  'femur',
  'patella',
  'tibia',
  'fibula',
  'foot',
] as const;

export type BoneId = (typeof boneIds)[number];

/** Every part name any bone accepts; which bone takes which is in `boneDefinitions`. */
export const partIds = [
  // vertebra
  'body',
  'pedicle',
  'lamina',
  'spinous_process',
  'transverse_process',
  'superior_articular_process',
  'inferior_articular_process',
  'posterior_elements',
  'dens',
  // rib
  'head',
  'neck',
  'tubercle',
  'angle',
  'shaft',
  // sternum
  'manubrium',
  'xiphoid',
  // long bones and clavicle
  'proximal',
  'distal',
  'medial',
  'lateral',
  'trochanteric',
  'subtrochanteric',
  // scapula
  'spine',
  'acromion',
  'coracoid',
  'glenoid',
  // hand and foot
  'carpus',
  'metacarpus',
  'phalanges',
  'calcaneus',
  'tarsus',
  'metatarsus',
  // pelvis
  'ala',
  'crest',
  'wing',
  'periacetabular',
  'tuberosity',
  'ramus',
  'superior_ramus',
  'inferior_ramus',
  'roof',
  'medial_wall',
  'anterior_column',
  'posterior_column',
  // skull, face, mandible
  'frontal',
  'parietal',
  'temporal',
  'occipital',
  'sphenoid',
  'ethmoid',
  'mastoid',
  'maxilla',
  'zygoma',
  'nasal',
  'condyle',
] as const;

export type PartId = (typeof partIds)[number];

export interface PartDefinition {
  readonly id: PartId;
  /**
   * How the part reads in a location's display. For a vertebra it follows the level ("T7 vertebral
   * body"), for a rib it follows the rib ("right 5th rib head"); for other bones it is the whole phrase
   * after the side ("left femoral neck").
   */
  readonly phrase: string;
  /** Code table key of the part; absent where no verified code exists (the part stays uncoded). */
  readonly code?: SkeletalCodeKey;
  readonly periacetabular?: true;
  readonly peritrochanteric?: true;
  /**
   * A part that exists on each side of an axial bone (a pedicle, the sacral ala, the temporal bone): such a
   * location may name its side, left or right.
   */
  readonly sided?: true;
}

interface BoneCommon {
  readonly id: BoneId;
  /** The bone in a display when no part is given: "femur", "facial bones". */
  readonly name: string;
  /** Paired bones need laterality left or right; axial bones take none or midline. */
  readonly paired: boolean;
  readonly parts: readonly PartDefinition[];
  readonly bsiRegion: BsiRegionId;
  readonly limb?: 'upper' | 'lower';
  readonly longBone: boolean;
  readonly weightBearing: boolean;
  readonly pelvic: boolean;
}

export type BoneDefinition =
  | (BoneCommon & {
      readonly levelKind: 'none';
      readonly region: SkeletalCodeKey;
      readonly structure: SkeletalCodeKey;
      readonly spinalSegment?: SpinalSegment;
    })
  /** Region, structure and segment follow the level; `pelvic` is true for the sacral segments. */
  | (BoneCommon & { readonly levelKind: 'vertebral' })
  /** Structure follows the rib number. */
  | (BoneCommon & { readonly levelKind: 'rib'; readonly region: SkeletalCodeKey });

function part(id: PartId, phrase: string, code?: SkeletalCodeKey): PartDefinition {
  return Object.freeze(code === undefined ? { id, phrase } : { id, phrase, code });
}

/** A part of an axial bone that has a left and a right (see `PartDefinition.sided`). */
function sidedPart(id: PartId, phrase: string, code?: SkeletalCodeKey): PartDefinition {
  return Object.freeze({ ...part(id, phrase, code), sided: true });
}

function periacetabularPart(phrase: string): PartDefinition {
  return Object.freeze({ id: 'periacetabular', phrase, periacetabular: true });
}

function peritrochantericPart(id: 'trochanteric' | 'subtrochanteric', phrase: string): PartDefinition {
  return Object.freeze({ id, phrase, peritrochanteric: true });
}

/** Proximal end, shaft and distal end of a long bone; the shaft is named from its adjective ("radial shaft"). */
function longBoneSegments(noun: string, adjective: string): readonly PartDefinition[] {
  return [part('proximal', `proximal ${noun}`), part('shaft', `${adjective} shaft`), part('distal', `distal ${noun}`)];
}

/**
 * Vertebral parts. `body` is coded per level in `resolveLocation` (level-specific body codes for C3–L5,
 * the generic vertebral-body code otherwise). Posterior elements = the vertebral arch with its processes.
 */
const vertebralParts: readonly PartDefinition[] = [
  part('body', 'vertebral body', 'vertebralBody'),
  sidedPart('pedicle', 'pedicle', 'pedicle'),
  sidedPart('lamina', 'lamina', 'lamina'),
  part('spinous_process', 'spinous process', 'spinousProcess'),
  sidedPart('transverse_process', 'transverse process', 'transverseProcess'),
  sidedPart('superior_articular_process', 'superior articular process', 'superiorArticularProcess'),
  sidedPart('inferior_articular_process', 'inferior articular process', 'inferiorArticularProcess'),
  part('posterior_elements', 'posterior elements', 'vertebralArch'),
  part('dens', 'dens', 'dens'),
];

/**
 * Parts each level accepts, by anatomy: the atlas (C1) has no body, pedicles, laminae, spinous or
 * articular processes (only arches, lateral masses and transverse processes); the axis (C2) has the dens
 * and superior articular facets rather than superior articular processes; the fused sacral segments
 * are described by their body only.
 */
const partsByVertebralLevelGroup = {
  atlas: ['posterior_elements', 'transverse_process'],
  axis: [
    'body',
    'pedicle',
    'lamina',
    'spinous_process',
    'transverse_process',
    'inferior_articular_process',
    'posterior_elements',
    'dens',
  ],
  typical: [
    'body',
    'pedicle',
    'lamina',
    'spinous_process',
    'transverse_process',
    'superior_articular_process',
    'inferior_articular_process',
    'posterior_elements',
  ],
  sacral: ['body'],
} as const satisfies Record<string, readonly PartId[]>;

/** The part names a vertebra accepts at `level`. */
export function vertebralPartIdsAt(level: VertebralLevel): readonly PartId[] {
  if (level === 'C1') return partsByVertebralLevelGroup.atlas;
  if (level === 'C2') return partsByVertebralLevelGroup.axis;
  if (level.startsWith('S')) return partsByVertebralLevelGroup.sacral;
  return partsByVertebralLevelGroup.typical;
}

const definitions: readonly BoneDefinition[] = [
  {
    id: 'skull',
    name: 'skull',
    paired: false,
    levelKind: 'none',
    region: 'skull',
    structure: 'skull',
    parts: [
      part('frontal', 'frontal bone', 'frontalBone'),
      sidedPart('parietal', 'parietal bone', 'parietalBone'),
      sidedPart('temporal', 'temporal bone', 'temporalBone'),
      part('occipital', 'occipital bone', 'occipitalBone'),
      part('sphenoid', 'sphenoid bone', 'sphenoidBone'),
      part('ethmoid', 'ethmoid bone', 'ethmoidBone'),
      sidedPart('mastoid', 'mastoid', 'mastoid'),
    ],
    bsiRegion: 'skull',
    longBone: false,
    weightBearing: false,
    pelvic: false,
  },
  {
    // BSI: the weight table's "skull without lower jaw" includes the facial skeleton.
    id: 'facial_bones',
    name: 'facial bones',
    paired: false,
    levelKind: 'none',
    region: 'facialBones',
    structure: 'facialBones',
    parts: [
      sidedPart('maxilla', 'maxilla', 'maxilla'),
      sidedPart('zygoma', 'zygoma', 'zygoma'),
      part('nasal', 'nasal bone', 'nasalBone'),
    ],
    bsiRegion: 'skull',
    longBone: false,
    weightBearing: false,
    pelvic: false,
  },
  {
    // Region: the mandible belongs to the facial skeleton.
    id: 'mandible',
    name: 'mandible',
    paired: false,
    levelKind: 'none',
    region: 'facialBones',
    structure: 'mandible',
    parts: [
      part('body', 'mandibular body'),
      sidedPart('ramus', 'mandibular ramus'),
      sidedPart('condyle', 'mandibular condyle'),
    ],
    bsiRegion: 'mandible',
    longBone: false,
    weightBearing: false,
    pelvic: false,
  },
  {
    id: 'vertebra',
    name: 'vertebra',
    paired: false,
    levelKind: 'vertebral',
    parts: vertebralParts,
    bsiRegion: 'spine_sacrum',
    longBone: false,
    weightBearing: true,
    pelvic: false,
  },
  {
    id: 'sacrum',
    name: 'sacrum',
    paired: false,
    levelKind: 'none',
    region: 'sacrum',
    structure: 'sacrum',
    spinalSegment: 'sacral',
    parts: [sidedPart('ala', 'sacral ala')],
    bsiRegion: 'spine_sacrum',
    longBone: false,
    weightBearing: true,
    pelvic: true,
  },
  {
    // BSI: the coccyx is the end of the vertebral column, so it joins "spine and sacrum", not "pelvis"
    // (the weight table is silent; convention of this project).
    id: 'coccyx',
    name: 'coccyx',
    paired: false,
    levelKind: 'none',
    region: 'coccyx',
    structure: 'coccyx',
    spinalSegment: 'coccygeal',
    parts: [],
    bsiRegion: 'spine_sacrum',
    longBone: false,
    weightBearing: false,
    pelvic: true,
  },
  {
    id: 'rib',
    name: 'rib',
    paired: true,
    levelKind: 'rib',
    region: 'chest',
    parts: [
      part('head', 'head', 'ribHead'),
      part('neck', 'neck', 'ribNeck'),
      part('tubercle', 'tubercle', 'ribTubercle'),
      part('angle', 'angle', 'ribAngle'),
      part('shaft', 'shaft', 'ribShaft'),
    ],
    bsiRegion: 'ribs',
    longBone: false,
    weightBearing: false,
    pelvic: false,
  },
  {
    id: 'sternum',
    name: 'sternum',
    paired: false,
    levelKind: 'none',
    region: 'chest',
    structure: 'sternum',
    parts: [
      part('manubrium', 'manubrium of sternum', 'manubrium'),
      part('body', 'sternal body', 'sternalBody'),
      part('xiphoid', 'xiphoid process', 'xiphoidProcess'),
    ],
    bsiRegion: 'sternum',
    longBone: false,
    weightBearing: false,
    pelvic: false,
  },
  {
    id: 'clavicle',
    name: 'clavicle',
    paired: true,
    levelKind: 'none',
    region: 'shoulder',
    structure: 'clavicle',
    parts: [part('medial', 'medial clavicle'), part('shaft', 'clavicular shaft'), part('lateral', 'lateral clavicle')],
    bsiRegion: 'clavicle',
    longBone: false,
    weightBearing: false,
    pelvic: false,
  },
  {
    id: 'scapula',
    name: 'scapula',
    paired: true,
    levelKind: 'none',
    region: 'shoulder',
    structure: 'scapula',
    parts: [
      part('body', 'scapular body'),
      part('spine', 'scapular spine'),
      part('acromion', 'acromion', 'acromion'),
      part('coracoid', 'coracoid process', 'coracoidProcess'),
      part('glenoid', 'glenoid', 'glenoid'),
    ],
    bsiRegion: 'scapula',
    longBone: false,
    weightBearing: false,
    pelvic: false,
  },
  {
    // Proximal = metaphysis with surgical neck and tuberosities.
    id: 'humerus',
    name: 'humerus',
    paired: true,
    levelKind: 'none',
    region: 'upperLimbBone',
    structure: 'humerus',
    parts: [part('head', 'humeral head'), ...longBoneSegments('humerus', 'humeral')],
    bsiRegion: 'humerus',
    limb: 'upper',
    longBone: true,
    weightBearing: false,
    pelvic: false,
  },
  {
    id: 'radius',
    name: 'radius',
    paired: true,
    levelKind: 'none',
    region: 'upperLimbBone',
    structure: 'radius',
    parts: longBoneSegments('radius', 'radial'),
    bsiRegion: 'radius',
    limb: 'upper',
    longBone: true,
    weightBearing: false,
    pelvic: false,
  },
  {
    id: 'ulna',
    name: 'ulna',
    paired: true,
    levelKind: 'none',
    region: 'upperLimbBone',
    structure: 'ulna',
    parts: longBoneSegments('ulna', 'ulnar'),
    bsiRegion: 'ulna',
    limb: 'upper',
    longBone: true,
    weightBearing: false,
    pelvic: false,
  },
  {
    // No verified code for the hand's bones: structure is "bone of upper limb".
    id: 'hand',
    name: 'hand',
    paired: true,
    levelKind: 'none',
    region: 'upperLimbBone',
    structure: 'upperLimbBone',
    parts: [part('carpus', 'carpal bones'), part('metacarpus', 'metacarpals'), part('phalanges', 'finger phalanges')],
    bsiRegion: 'hand',
    limb: 'upper',
    longBone: false,
    weightBearing: false,
    pelvic: false,
  },
  {
    id: 'ilium',
    name: 'ilium',
    paired: true,
    levelKind: 'none',
    region: 'pelvis',
    structure: 'ilium',
    parts: [part('crest', 'iliac crest'), part('wing', 'iliac wing'), periacetabularPart('periacetabular ilium')],
    bsiRegion: 'pelvis',
    longBone: false,
    weightBearing: true,
    pelvic: true,
  },
  {
    id: 'ischium',
    name: 'ischium',
    paired: true,
    levelKind: 'none',
    region: 'pelvis',
    structure: 'ischium',
    parts: [
      periacetabularPart('periacetabular ischium'),
      part('tuberosity', 'ischial tuberosity'),
      part('ramus', 'ischial ramus'),
    ],
    bsiRegion: 'pelvis',
    longBone: false,
    weightBearing: true,
    pelvic: true,
  },
  {
    // No verified code for the pubis (66040006 has a single third-party source): the bony pelvis code
    // stands for it and the display keeps "pubis".
    id: 'pubis',
    name: 'pubis',
    paired: true,
    levelKind: 'none',
    region: 'pelvis',
    structure: 'bonyPelvis',
    parts: [
      periacetabularPart('periacetabular pubis'),
      part('superior_ramus', 'superior pubic ramus'),
      part('inferior_ramus', 'inferior pubic ramus'),
      part('body', 'pubic body'),
    ],
    bsiRegion: 'pelvis',
    longBone: false,
    weightBearing: true,
    pelvic: true,
  },
  {
    id: 'acetabulum',
    name: 'acetabulum',
    paired: true,
    levelKind: 'none',
    region: 'pelvis',
    structure: 'acetabulum',
    parts: [
      part('roof', 'acetabular roof'),
      part('medial_wall', 'acetabular medial wall'),
      part('anterior_column', 'acetabular anterior column'),
      part('posterior_column', 'acetabular posterior column'),
    ],
    bsiRegion: 'pelvis',
    longBone: false,
    weightBearing: true,
    pelvic: true,
  },
  {
    id: 'femur',
    name: 'femur',
    paired: true,
    levelKind: 'none',
    region: 'lowerLimbBone',
    structure: 'femur',
    parts: [
      part('head', 'femoral head', 'femoralHead'),
      part('neck', 'femoral neck', 'femoralNeck'),
      peritrochantericPart('trochanteric', 'femoral trochanteric region'),
      peritrochantericPart('subtrochanteric', 'subtrochanteric femur'),
      part('shaft', 'femoral shaft', 'femoralShaft'),
      part('distal', 'distal femur'),
    ],
    bsiRegion: 'femur',
    limb: 'lower',
    longBone: true,
    weightBearing: true,
    pelvic: false,
  },
  {
    // BSI: the weight table has no patella. It joins the femur, the only bone it articulates with and the
    // bone it overlies on an anterior bone scan (convention of this project).
    id: 'patella',
    name: 'patella',
    paired: true,
    levelKind: 'none',
    region: 'lowerLimbBone',
    structure: 'patella',
    parts: [],
    bsiRegion: 'femur',
    limb: 'lower',
    longBone: false,
    weightBearing: false,
    pelvic: false,
  },
  {
    id: 'tibia',
    name: 'tibia',
    paired: true,
    levelKind: 'none',
    region: 'lowerLimbBone',
    structure: 'tibia',
    parts: longBoneSegments('tibia', 'tibial'),
    bsiRegion: 'tibia',
    limb: 'lower',
    longBone: true,
    weightBearing: true,
    pelvic: false,
  },
  {
    id: 'fibula',
    name: 'fibula',
    paired: true,
    levelKind: 'none',
    region: 'lowerLimbBone',
    structure: 'fibula',
    parts: longBoneSegments('fibula', 'fibular'),
    bsiRegion: 'fibula',
    limb: 'lower',
    longBone: true,
    weightBearing: false,
    pelvic: false,
  },
  {
    // No verified code for the foot's bones except the calcaneus: structure is "bone of lower limb".
    id: 'foot',
    name: 'foot',
    paired: true,
    levelKind: 'none',
    region: 'lowerLimbBone',
    structure: 'lowerLimbBone',
    parts: [
      part('calcaneus', 'calcaneus', 'calcaneus'),
      part('tarsus', 'tarsal bones'),
      part('metatarsus', 'metatarsals'),
      part('phalanges', 'toe phalanges'),
    ],
    bsiRegion: 'foot',
    limb: 'lower',
    longBone: false,
    weightBearing: true,
    pelvic: false,
  },
];

/** Every bone's definition, keyed by id. */
export const boneDefinitions: Readonly<Record<BoneId, BoneDefinition>> = Object.freeze(
  Object.fromEntries(
    definitions.map((definition) => [
      definition.id,
      Object.freeze({ ...definition, parts: Object.freeze([...definition.parts]) }),
    ]),
  ) as Record<BoneId, BoneDefinition>,
);

/** Bones that need laterality left or right. */
export const pairedBoneIds: readonly BoneId[] = Object.freeze(boneIds.filter((id) => boneDefinitions[id].paired));

export function isBoneId(value: unknown): value is BoneId {
  return typeof value === 'string' && (boneIds as readonly string[]).includes(value);
}

export function isPartId(value: unknown): value is PartId {
  return typeof value === 'string' && (partIds as readonly string[]).includes(value);
}

/**
 * The part names `bone` accepts; for a vertebra with a level, those of that level (C1 and C2 and the
 * sacral segments accept fewer).
 */
export function bonePartIds(bone: BoneId, level?: VertebralLevel): readonly PartId[] {
  if (bone === 'vertebra' && level !== undefined) return vertebralPartIdsAt(level);
  return boneDefinitions[bone].parts.map((p) => p.id);
}

export function findPart(bone: BoneId, partId: PartId): PartDefinition | undefined {
  return boneDefinitions[bone].parts.find((p) => p.id === partId);
}

/** Code table keys of whole vertebrae (CID 7603) and sacral segments (TG-263). */
export const vertebraStructureKeys = Object.freeze({
  C1: 'vertebraC1',
  C2: 'vertebraC2',
  C3: 'vertebraC3',
  C4: 'vertebraC4',
  C5: 'vertebraC5',
  C6: 'vertebraC6',
  C7: 'vertebraC7',
  T1: 'vertebraT1',
  T2: 'vertebraT2',
  T3: 'vertebraT3',
  T4: 'vertebraT4',
  T5: 'vertebraT5',
  T6: 'vertebraT6',
  T7: 'vertebraT7',
  T8: 'vertebraT8',
  T9: 'vertebraT9',
  T10: 'vertebraT10',
  T11: 'vertebraT11',
  T12: 'vertebraT12',
  L1: 'vertebraL1',
  L2: 'vertebraL2',
  L3: 'vertebraL3',
  L4: 'vertebraL4',
  L5: 'vertebraL5',
  S1: 'sacralVertebraS1',
  S2: 'sacralVertebraS2',
  S3: 'sacralVertebraS3',
  S4: 'sacralVertebraS4',
  S5: 'sacralVertebraS5',
} as const satisfies Record<VertebralLevel, SkeletalCodeKey>);

/** Level-specific vertebral-body codes (TG-263 lists them for C3–L5 only). */
export const vertebralBodyKeys: Readonly<Partial<Record<VertebralLevel, SkeletalCodeKey>>> = Object.freeze({
  C3: 'vertebralBodyC3',
  C4: 'vertebralBodyC4',
  C5: 'vertebralBodyC5',
  C6: 'vertebralBodyC6',
  C7: 'vertebralBodyC7',
  T1: 'vertebralBodyT1',
  T2: 'vertebralBodyT2',
  T3: 'vertebralBodyT3',
  T4: 'vertebralBodyT4',
  T5: 'vertebralBodyT5',
  T6: 'vertebralBodyT6',
  T7: 'vertebralBodyT7',
  T8: 'vertebralBodyT8',
  T9: 'vertebralBodyT9',
  T10: 'vertebralBodyT10',
  T11: 'vertebralBodyT11',
  T12: 'vertebralBodyT12',
  L1: 'vertebralBodyL1',
  L2: 'vertebralBodyL2',
  L3: 'vertebralBodyL3',
  L4: 'vertebralBodyL4',
  L5: 'vertebralBodyL5',
});

/** Code table keys of the ribs by number (TG-263). */
export const ribStructureKeys = Object.freeze({
  1: 'rib1',
  2: 'rib2',
  3: 'rib3',
  4: 'rib4',
  5: 'rib5',
  6: 'rib6',
  7: 'rib7',
  8: 'rib8',
  9: 'rib9',
  10: 'rib10',
  11: 'rib11',
  12: 'rib12',
} as const satisfies Record<RibNumber, SkeletalCodeKey>);
