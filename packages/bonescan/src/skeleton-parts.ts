/**
 * The skeleton parts of a whole-body bone scan, their label values in the region maps, and the Bone Scan
 * Index region (with side) each belongs to. Every BSI region of @bonemet/core is covered, so that the
 * weights of the parts found in a label map add up to the whole table (`bsiTotalWeightPercent`).
 */
import { bsiWeightPercent, type BsiRegionId } from '@bonemet/core';

export type BoneScanSide = 'left' | 'right' | 'midline';

export interface BoneScanPart {
  /** Label value in the region maps (0 is background). */
  readonly label: number;
  readonly id: BoneScanPartId;
  readonly bsiRegion: BsiRegionId;
  readonly side: BoneScanSide;
}

const unpaired = [
  ['skull', 'skull'],
  ['mandible', 'mandible'],
  ['cervical_spine', 'spine_sacrum'],
  ['thoracic_spine', 'spine_sacrum'],
  ['lumbar_spine', 'spine_sacrum'],
  ['sacrum', 'spine_sacrum'],
  ['pelvis', 'pelvis'],
  ['ribs', 'ribs'],
  ['sternum', 'sternum'],
] as const;

const paired = [
  'clavicle',
  'scapula',
  'humerus',
  'radius',
  'ulna',
  'hand',
  'femur',
  'tibia',
  'fibula',
  'foot',
] as const satisfies readonly BsiRegionId[];

type PairedRegion = (typeof paired)[number];
export type BoneScanPartId = (typeof unpaired)[number][0] | `${PairedRegion}_${'left' | 'right'}`;

/** All parts, in label order: the unpaired ones, then each paired region right then left. */
export const boneScanParts: readonly BoneScanPart[] = Object.freeze([
  ...unpaired.map(([id, bsiRegion], index): BoneScanPart => ({ label: index + 1, id, bsiRegion, side: 'midline' })),
  ...paired.flatMap((region, index): BoneScanPart[] =>
    (['right', 'left'] as const).map((side, s) => ({
      label: unpaired.length + 1 + 2 * index + s,
      id: `${region}_${side}`,
      bsiRegion: region,
      side,
    })),
  ),
]);

const partById = new Map(boneScanParts.map((part) => [part.id, part]));

/** The part of an id (every id of the type exists). */
export function boneScanPart(id: BoneScanPartId): BoneScanPart {
  const part = partById.get(id);
  if (part === undefined) throw new RangeError(`unknown bone-scan part ${id}`);
  return part;
}

/** The part of a label value, or undefined for background and unknown values. */
export function boneScanPartOfLabel(label: number): BoneScanPart | undefined {
  return boneScanParts[label - 1];
}

/** Key of a BSI unit: a region with its side for paired regions ("femur/left"), the region alone otherwise. */
export function bsiUnitKey(part: BoneScanPart): string {
  return part.side === 'midline' ? part.bsiRegion : `${part.bsiRegion}/${part.side}`;
}

/** Skeletal-mass weight (%) of a part's BSI unit: core's per-side weight, or the whole region's weight. */
export function bsiUnitWeightPercent(part: BoneScanPart): number {
  return part.side === 'midline' ? bsiWeightPercent(part.bsiRegion) : bsiWeightPercent(part.bsiRegion, part.side);
}

/**
 * Label priority where parts overlap in projection, anterior view (later wins): a pixel carries the label of
 * the part drawn last. The sternum and the spine win over the ribs; the scapula is kept whole under the ribs;
 * the arms lie over the pelvis and femora. In the posterior view the spine wins over the sternum (the bone
 * nearer the camera). One convention for the segmentation's label maps and the phantom's ground truth.
 */
export const anteriorProjectionOrder = [
  'pelvis',
  'femur',
  'tibia',
  'fibula',
  'foot',
  'ribs',
  'scapula',
  'humerus',
  'clavicle',
  'radius',
  'ulna',
  'hand',
  'skull',
  'mandible',
  'sacrum',
  'lumbar_spine',
  'thoracic_spine',
  'cervical_spine',
  'sternum',
] as const;
