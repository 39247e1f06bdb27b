/**
 * Spinal levels and rib numbers used to locate a lesion on a vertebra or a rib.
 *
 * S1–S5 are the five sacral segments (fused sacral vertebrae); a lesion in the sacrum that is not
 * assigned to a segment uses the bone `sacrum` instead. The coccyx has no levels here.
 */

// prettier-ignore
export const vertebralLevels = [
  'C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7',
  'T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T12',
  'L1', 'L2', 'L3', 'L4', 'L5',
  'S1', 'S2', 'S3', 'S4', 'S5',
] as const;

export type VertebralLevel = (typeof vertebralLevels)[number];

export const spinalSegments = ['cervical', 'thoracic', 'lumbar', 'sacral', 'coccygeal'] as const;

export type SpinalSegment = (typeof spinalSegments)[number];

/** Rib numbers 1–12 (the 13th rib, a rare variant, is not modelled). */
export const ribNumbers = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] as const;

export type RibNumber = (typeof ribNumbers)[number];

const segmentByLetter = {
  C: 'cervical',
  T: 'thoracic',
  L: 'lumbar',
  S: 'sacral',
} as const satisfies Record<string, SpinalSegment>;

/** The spinal segment a vertebral level belongs to: `T7` → `thoracic`, `S1` → `sacral`. */
export function spinalSegmentOfLevel(level: VertebralLevel): Exclude<SpinalSegment, 'coccygeal'> {
  const letter = level.charAt(0);
  switch (letter) {
    case 'C':
    case 'T':
    case 'L':
    case 'S':
      return segmentByLetter[letter];
    default:
      throw new Error(`not a vertebral level: ${level}`);
  }
}

export function isVertebralLevel(value: unknown): value is VertebralLevel {
  return typeof value === 'string' && (vertebralLevels as readonly string[]).includes(value);
}

export function isRibNumber(value: unknown): value is RibNumber {
  return typeof value === 'number' && (ribNumbers as readonly number[]).includes(value);
}
