import { parseInput } from '../validation.js';
import type { BsiRegionId } from './bsi.js';
import {
  boneDefinitions,
  findPart,
  ribStructureKeys,
  vertebraStructureKeys,
  vertebralBodyKeys,
  type PartDefinition,
} from './bones.js';
import { codedConcept, lateralityConcept, type CodedConcept, type SkeletalCodeKey } from './codes.js';
import {
  isRibNumber,
  isVertebralLevel,
  spinalSegmentOfLevel,
  type RibNumber,
  type SpinalSegment,
  type VertebralLevel,
} from './levels.js';
import { skeletalLocationSchema, type SkeletalLocation } from './skeletal-location.js';

/**
 * A skeletal location with its codes and the facts rules need. Flags are defined in `bones.ts`.
 * `structure` is the most specific verified code of the bone (or vertebra, or rib); `part` is the code
 * of the part when a verified one exists, and absent otherwise even when the location names a part
 * (the part's text is still in `display`).
 */
export interface ResolvedLocation {
  readonly location: SkeletalLocation;
  /** Readable location, e.g. "left femoral neck", "T7 vertebral body", "right 5th rib". */
  readonly display: string;
  /** Coarse region (DICOM CID 4031): cervical/thoracic/lumbar spine, sacrum, pelvis, chest, skull… */
  readonly region: CodedConcept;
  readonly structure: CodedConcept;
  /** Side qualifier; absent for an axial bone given without laterality. */
  readonly laterality?: CodedConcept;
  readonly part?: CodedConcept;
  readonly bsiRegion: BsiRegionId;
  readonly spinalLevel?: VertebralLevel;
  readonly spinalSegment?: SpinalSegment;
  /** Free limb the bone belongs to (not set for the shoulder and pelvic girdles). */
  readonly limb?: 'upper' | 'lower';
  readonly longBone: boolean;
  readonly weightBearing: boolean;
  readonly pelvic: boolean;
  readonly periacetabular: boolean;
  readonly peritrochanteric: boolean;
}

const regionBySegment = {
  cervical: 'cervicalSpine',
  thoracic: 'thoracicSpine',
  lumbar: 'lumbarSpine',
  sacral: 'sacrum',
} as const satisfies Record<Exclude<SpinalSegment, 'coccygeal'>, SkeletalCodeKey>;

function ordinal(n: number): string {
  const lastTwo = n % 100;
  if (lastTwo >= 11 && lastTwo <= 13) return `${n}th`;
  switch (n % 10) {
    case 1:
      return `${n}st`;
    case 2:
      return `${n}nd`;
    case 3:
      return `${n}rd`;
    default:
      return `${n}th`;
  }
}

interface Anatomy {
  readonly display: string;
  readonly region: SkeletalCodeKey;
  readonly structure: SkeletalCodeKey;
  readonly part?: SkeletalCodeKey;
  readonly spinalLevel?: VertebralLevel;
  readonly spinalSegment?: SpinalSegment;
  readonly pelvic?: true;
}

function vertebraAnatomy(level: VertebralLevel, side: string, part: PartDefinition | undefined): Anatomy {
  const segment = spinalSegmentOfLevel(level);
  // The vertebral body has level-specific codes for C3–L5 (TG-263); elsewhere the generic body code.
  const partCode = part?.id === 'body' ? (vertebralBodyKeys[level] ?? part.code) : part?.code;
  return {
    display: part === undefined ? `${level} vertebra` : `${side}${level} ${part.phrase}`,
    region: regionBySegment[segment],
    structure: vertebraStructureKeys[level],
    ...(partCode === undefined ? {} : { part: partCode }),
    spinalLevel: level,
    spinalSegment: segment,
    // The sacral segments belong to the bony pelvis as well as to the spine.
    ...(segment === 'sacral' ? { pelvic: true } : {}),
  };
}

function ribAnatomy(rib: RibNumber, side: string, part: PartDefinition | undefined, region: SkeletalCodeKey): Anatomy {
  const ribText = `${side}${ordinal(rib)} rib`;
  return {
    display: part === undefined ? ribText : `${ribText} ${part.phrase}`,
    region,
    structure: ribStructureKeys[rib],
    ...(part?.code === undefined ? {} : { part: part.code }),
  };
}

/**
 * Resolves a skeletal location to its display, codes, BSI region and flags. The location is validated
 * first (a `BonemetError('invalid_input')` names each problem by field), so a hand-built object that
 * breaks a rule is refused rather than resolved.
 */
export function resolveLocation(location: SkeletalLocation): ResolvedLocation {
  const valid = parseInput(skeletalLocationSchema, location, 'skeletal location');
  const definition = boneDefinitions[valid.bone];
  const part = valid.part === undefined ? undefined : findPart(valid.bone, valid.part);
  // Side words appear only for left and right; midline is implied by an axial bone.
  const side = valid.laterality === 'left' || valid.laterality === 'right' ? `${valid.laterality} ` : '';

  let anatomy: Anatomy;
  switch (definition.levelKind) {
    case 'vertebral':
      if (!isVertebralLevel(valid.level)) throw new Error('validated vertebra without a vertebral level');
      anatomy = vertebraAnatomy(valid.level, side, part);
      break;
    case 'rib':
      if (!isRibNumber(valid.level)) throw new Error('validated rib without a rib number');
      anatomy = ribAnatomy(valid.level, side, part, definition.region);
      break;
    case 'none':
      anatomy = {
        display: `${side}${part === undefined ? definition.name : part.phrase}`,
        region: definition.region,
        structure: definition.structure,
        ...(part?.code === undefined ? {} : { part: part.code }),
        ...(definition.spinalSegment === undefined ? {} : { spinalSegment: definition.spinalSegment }),
      };
      break;
  }

  return Object.freeze({
    location: valid,
    display: anatomy.display,
    region: codedConcept(anatomy.region),
    structure: codedConcept(anatomy.structure),
    ...(valid.laterality === undefined ? {} : { laterality: lateralityConcept(valid.laterality) }),
    ...(anatomy.part === undefined ? {} : { part: codedConcept(anatomy.part) }),
    bsiRegion: definition.bsiRegion,
    ...(anatomy.spinalLevel === undefined ? {} : { spinalLevel: anatomy.spinalLevel }),
    ...(anatomy.spinalSegment === undefined ? {} : { spinalSegment: anatomy.spinalSegment }),
    ...(definition.limb === undefined ? {} : { limb: definition.limb }),
    longBone: definition.longBone,
    weightBearing: definition.weightBearing,
    pelvic: definition.pelvic || anatomy.pelvic === true,
    periacetabular: valid.bone === 'acetabulum' || part?.periacetabular === true,
    peritrochanteric: part?.peritrochanteric === true,
  });
}
