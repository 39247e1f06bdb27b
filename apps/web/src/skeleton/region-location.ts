import { boneIds, vertebralLevels, type BoneId, type SkeletalLocation } from '@bonemet/core';

/**
 * The skeletal location of a tracked lesion's region, for the skeleton map. Two spellings reach the
 * dashboard: the bone-scan analysis's skeleton parts (`femur_right`, `thoracic_spine`, `pelvis`, `ribs`) and
 * the PET quantification's readable locations from core's model (`L3 vertebra`, `right ilium`, `left rib 6`).
 * A spine segment without a level is placed at its middle vertebra; the bone-scan "pelvis" at the ilium and
 * "ribs" at the sixth rib on the midline side, the middle of the rib cage.
 */
const SPINE_SEGMENT_MIDDLE: Readonly<Record<string, (typeof vertebralLevels)[number]>> = {
  cervical_spine: 'C4',
  thoracic_spine: 'T6',
  lumbar_spine: 'L3',
};

const BONE_SCAN_ALIASES: Readonly<Record<string, BoneId>> = { pelvis: 'ilium', ribs: 'rib' };

function isBoneId(word: string): word is BoneId {
  return (boneIds as readonly string[]).includes(word);
}

function isVertebralLevel(word: string): word is (typeof vertebralLevels)[number] {
  return (vertebralLevels as readonly string[]).includes(word);
}

function sideOf(words: readonly string[]): 'left' | 'right' | undefined {
  if (words.includes('left')) return 'left';
  if (words.includes('right')) return 'right';
  return undefined;
}

export function locationOfRegion(region: string | null | undefined): SkeletalLocation | undefined {
  if (region === null || region === undefined) return undefined;
  const trimmed = region.trim();
  const segmentLevel = SPINE_SEGMENT_MIDDLE[trimmed];
  if (segmentLevel !== undefined) return { bone: 'vertebra', level: segmentLevel };
  const level = trimmed.split(/[\s_]+/).find((word) => isVertebralLevel(word.toUpperCase()));
  if (level !== undefined) return { bone: 'vertebra', level: level.toUpperCase() } as SkeletalLocation;

  const words = trimmed.toLowerCase().split(/[\s_]+/);
  const laterality = sideOf(words);
  const joined = words.filter((word) => word !== 'left' && word !== 'right').join('_');
  const bone: BoneId | undefined = isBoneId(joined)
    ? joined
    : (BONE_SCAN_ALIASES[joined] ??
      words.map((word) => (word === 'ribs' ? 'rib' : word)).find((word): word is BoneId => isBoneId(word)));
  if (bone === undefined) return undefined;
  if (bone === 'vertebra') return undefined;
  if (bone === 'rib') {
    const number = words.map(Number).find((value) => Number.isInteger(value) && value >= 1 && value <= 12) ?? 6;
    return { bone, level: number, ...(laterality === undefined ? {} : { laterality }) };
  }
  return { bone, ...(laterality === undefined ? {} : { laterality }) };
}
