import {
  boneDefinitions,
  boneIds,
  resolveLocation,
  ribNumbers,
  vertebralLevels,
  type BoneId,
  type SkeletalLocation,
} from '@bonemet/core';
import type { CodedConceptView } from '../api/schemas.js';

/**
 * Where a coded skeletal location sits on the body outlines. Coordinates are in the outline's own units
 * (200 wide, 440 tall, midline at x = 100), given as the distance from the midline towards the patient's
 * side (`sideOffset`) and the height (`y`): the anterior view puts the patient's right on the viewer's
 * left, the posterior view on the viewer's right (the radiological display of whole-body bone scans).
 */
export interface MapPoint {
  readonly sideOffset: number;
  readonly y: number;
}

export const MIDLINE_X = 100;

const BONE_POINTS: Readonly<Record<Exclude<BoneId, 'vertebra' | 'rib'>, MapPoint>> = {
  skull: { sideOffset: 0, y: 26 },
  facial_bones: { sideOffset: 0, y: 42 },
  mandible: { sideOffset: 0, y: 54 },
  sacrum: { sideOffset: 0, y: 228 },
  coccyx: { sideOffset: 0, y: 246 },
  sternum: { sideOffset: 0, y: 108 },
  clavicle: { sideOffset: 22, y: 84 },
  scapula: { sideOffset: 30, y: 108 },
  humerus: { sideOffset: 52, y: 135 },
  radius: { sideOffset: 62, y: 190 },
  ulna: { sideOffset: 55, y: 192 },
  hand: { sideOffset: 66, y: 236 },
  ilium: { sideOffset: 26, y: 212 },
  ischium: { sideOffset: 14, y: 250 },
  pubis: { sideOffset: 7, y: 244 },
  acetabulum: { sideOffset: 24, y: 236 },
  femur: { sideOffset: 24, y: 292 },
  patella: { sideOffset: 24, y: 336 },
  tibia: { sideOffset: 21, y: 378 },
  fibula: { sideOffset: 30, y: 378 },
  foot: { sideOffset: 26, y: 426 },
};

/** The spine from C1 (y 62) to S5 (y 240), one step per level. */
function vertebraY(level: string): number {
  const index = (vertebralLevels as readonly string[]).indexOf(level);
  const first = 62;
  const last = 240;
  return first + ((last - first) * Math.max(0, index)) / (vertebralLevels.length - 1);
}

/** The map point of a location: by bone, with the level along the spine or down the rib cage. */
export function pointOfLocation(location: SkeletalLocation): MapPoint {
  const sign = location.laterality === 'left' ? 1 : location.laterality === 'right' ? -1 : 0;
  if (location.bone === 'vertebra') return { sideOffset: 0, y: vertebraY(String(location.level)) };
  if (location.bone === 'rib') {
    const rib = typeof location.level === 'number' ? location.level : 6;
    return { sideOffset: sign * (18 + Math.min(rib, 8)), y: 88 + rib * 8 };
  }
  const point = BONE_POINTS[location.bone];
  return { sideOffset: sign * point.sideOffset, y: point.y };
}

/** x in a view: the anterior view shows the patient's left on the viewer's right, the posterior the reverse. */
export function viewX(point: MapPoint, view: 'anterior' | 'posterior'): number {
  return view === 'anterior' ? MIDLINE_X + point.sideOffset : MIDLINE_X - point.sideOffset;
}

const conceptKey = (structureCode: string, lateralityCode: string | undefined): string =>
  `${structureCode}|${lateralityCode ?? ''}`;

let codedIndex: Map<string, SkeletalLocation> | undefined;

/** Every bone, level and side of core's skeletal model, keyed by its coded structure and laterality. */
function buildCodedIndex(): Map<string, SkeletalLocation> {
  const index = new Map<string, SkeletalLocation>();
  for (const bone of boneIds) {
    const definition = boneDefinitions[bone];
    const levels: readonly (string | number | undefined)[] =
      definition.levelKind === 'vertebral'
        ? vertebralLevels
        : definition.levelKind === 'rib'
          ? ribNumbers
          : [undefined];
    const sides = definition.paired ? (['left', 'right'] as const) : ([undefined] as const);
    for (const level of levels) {
      for (const laterality of sides) {
        const location = {
          bone,
          ...(level === undefined ? {} : { level }),
          ...(laterality === undefined ? {} : { laterality }),
        } as SkeletalLocation;
        const resolved = resolveLocation(location);
        const key = conceptKey(resolved.structure.code, resolved.laterality?.code);
        if (!index.has(key)) index.set(key, location);
      }
    }
  }
  return index;
}

/**
 * The skeletal location (bone, level, side) of a lesion as a report codes it (SNOMED CT structure and
 * laterality), or undefined when the code is not one of core's skeletal model.
 */
export function locationOfCodedLesion(location: {
  readonly structure: CodedConceptView;
  readonly laterality?: CodedConceptView | undefined;
}): SkeletalLocation | undefined {
  codedIndex ??= buildCodedIndex();
  return (
    codedIndex.get(conceptKey(location.structure.code, location.laterality?.code)) ??
    codedIndex.get(conceptKey(location.structure.code, undefined))
  );
}
