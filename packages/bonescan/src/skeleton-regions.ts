/**
 * Skeleton regions of a whole-body view as the hotspot analysis uses them: the parts of skeleton-parts.ts
 * (the labels of the region label maps, shared with the segmentation and the phantom's ground truth) with
 * the Bone Scan Index unit each counts in and that unit's skeletal-mass weight.
 */
import {
  boneScanParts,
  bsiUnitKey,
  bsiUnitWeightPercent,
  type BoneScanPartId,
  type BoneScanSide,
} from './skeleton-parts.js';
import type { BsiRegionId } from '@bonemet/core';

export type SkeletonRegionId = BoneScanPartId;

export interface SkeletonRegion {
  /** Label value in a region label map. */
  readonly label: number;
  readonly id: SkeletonRegionId;
  readonly bsiRegion: BsiRegionId;
  readonly side: BoneScanSide;
  /**
   * The BSI unit the region counts in: the BSI region with its side for paired bones ("femur/left"), the
   * region alone otherwise (the spine segments and the sacrum share "spine_sacrum").
   */
  readonly bsiUnit: string;
  /** Skeletal-mass weight of the BSI unit, % (core's table: per side for paired bones). */
  readonly bsiUnitWeightPercent: number;
}

/** Every region, in label order. */
export const skeletonRegions: readonly SkeletonRegion[] = Object.freeze(
  boneScanParts.map((part): SkeletonRegion => ({
    label: part.label,
    id: part.id,
    bsiRegion: part.bsiRegion,
    side: part.side,
    bsiUnit: bsiUnitKey(part),
    bsiUnitWeightPercent: bsiUnitWeightPercent(part),
  })),
);

/** Largest label value in use. */
export const maxSkeletonLabel = skeletonRegions.length;

const regionById = new Map<string, SkeletonRegion>(skeletonRegions.map((region) => [region.id, region]));

/** The region of a label value; undefined for 0 and for values outside the table. */
export function skeletonRegionOfLabel(label: number): SkeletonRegion | undefined {
  return label >= 1 ? skeletonRegions[label - 1] : undefined;
}

/** The region of an identifier; undefined for an unknown identifier. */
export function skeletonRegionById(id: string): SkeletonRegion | undefined {
  return regionById.get(id);
}

/** The spine segments, whose pixels define the body midline. */
export const spineRegionIds: readonly SkeletonRegionId[] = [
  'cervical_spine',
  'thoracic_spine',
  'lumbar_spine',
  'sacrum',
];
