/**
 * Bone Scan Index (BSI) regions and their share of total skeletal mass.
 *
 * Imbriaco et al. (Clin Cancer Res 1998) defined the manual BSI as the sum over bones of (fraction of
 * the bone involved by tumour) × (that bone's percentage of total skeletal mass). The weights below are
 * the table used for the manual BSI, credited to Spiers 1968 (p. 120); BSI papers usually cite the
 * same figures as ICRP Publication 23 (Reference Man).
 *
 * Provenance: the weights were read from a secondary copy (medicalalgorithms.com, "Bone Scan Index (BSI)
 * for quantitation of metastatic tumor to bone"); they have not been checked against the Imbriaco paper
 * or Spiers' book. Anything that reports a BSI must say so.
 *
 * The published table sums to 100.1 %, not 100 % (rounding in the source). bonemet does not normalise
 * it: weights are used as published and the total is exported as `bsiTotalWeightPercent`.
 */
import { defineCitations, type Citation } from '../citation.js';
import { BonemetError } from '../errors.js';
import type { Laterality } from './laterality.js';

export const bsiRegionIds = [
  'skull',
  'mandible',
  'clavicle',
  'scapula',
  'sternum',
  'humerus',
  'ulna',
  'radius',
  'hand',
  'ribs',
  'spine_sacrum',
  'pelvis',
  'femur',
  'tibia',
  'fibula',
  'foot',
] as const;

export type BsiRegionId = (typeof bsiRegionIds)[number];

export interface BsiRegion {
  readonly id: BsiRegionId;
  /** Name of the region as the weight table gives it. */
  readonly name: string;
  /** True when the table gives one weight per side (left and right counted separately). */
  readonly paired: boolean;
  /** Percentage of total skeletal mass: per side for paired regions, for the whole region otherwise. */
  readonly weightPercent: number;
}

function region(id: BsiRegionId, name: string, paired: boolean, weightPercent: number): BsiRegion {
  return Object.freeze({ id, name, paired, weightPercent });
}

/** Skeletal-mass weights of the manual BSI (Imbriaco 1998; table credited to Spiers 1968). */
export const bsiRegions: Readonly<Record<BsiRegionId, BsiRegion>> = Object.freeze({
  skull: region('skull', 'skull without lower jaw', false, 16.6),
  mandible: region('mandible', 'lower jaw without teeth', false, 1.8),
  clavicle: region('clavicle', 'clavicle', true, 0.5),
  scapula: region('scapula', 'scapula', true, 1.5),
  sternum: region('sternum', 'sternum', false, 0.3),
  humerus: region('humerus', 'humerus', true, 3.3),
  ulna: region('ulna', 'ulna', true, 1.5),
  radius: region('radius', 'radius', true, 1.2),
  hand: region('hand', 'hand with wrist bones', true, 1.5),
  ribs: region('ribs', 'ribs (all 24)', false, 4.4),
  spine_sacrum: region('spine_sacrum', 'spine and sacrum', false, 8.3),
  pelvis: region('pelvis', 'pelvis', false, 7.5),
  femur: region('femur', 'femur', true, 8.9),
  tibia: region('tibia', 'tibia', true, 5.1),
  fibula: region('fibula', 'fibula', true, 1.3),
  foot: region('foot', 'foot bones', true, 5.8),
});

/**
 * Sum of all weights, both sides of paired regions counted: 100.1 as published (the source's rounding).
 * Computed from the table and rounded to its 0.1 % precision to remove floating-point noise.
 */
export const bsiTotalWeightPercent: number =
  Math.round(
    bsiRegionIds.reduce((sum, id) => {
      const { paired, weightPercent } = bsiRegions[id];
      return sum + (paired ? 2 : 1) * weightPercent;
    }, 0) * 10,
  ) / 10;

/**
 * The skeletal-mass weight (%) that a BSI contribution uses for `region`.
 *
 * - Paired region: `left` or `right` gives one side's weight; `bilateral` both sides (2 × per side).
 *   Without a side, or with `midline`, there is no defined weight and a `BonemetError` is thrown.
 * - Unpaired region (skull, mandible, sternum, ribs, spine and sacrum, pelvis): the weight of the whole
 *   region whatever the side, because the table gives no split. The involved fraction must then be taken
 *   over the whole region (e.g. over all 24 ribs, not over the ribs of one side).
 */
export function bsiWeightPercent(regionId: BsiRegionId, laterality?: Laterality): number {
  const { paired, weightPercent, name } = bsiRegions[regionId];
  if (!paired) return weightPercent;
  switch (laterality) {
    case 'left':
    case 'right':
      return weightPercent;
    case 'bilateral':
      return 2 * weightPercent;
    case 'midline':
    case undefined:
      throw new BonemetError(
        laterality === undefined ? 'missing_data' : 'invalid_input',
        `the BSI weight of the ${name} is given per side: say left, right or bilateral`,
        { issues: [{ path: ['laterality'], message: `${name} is a paired BSI region; a side is required` }] },
      );
  }
}

export const bsiCitations = defineCitations({
  'imbriaco-1998': {
    id: 'imbriaco-1998',
    short: 'Imbriaco 1998',
    reference:
      'Imbriaco M, Larson SM, Yeung HW, et al. A new parameter for measuring metastatic bone involvement by prostate cancer: the Bone Scan Index. Clin Cancer Res 1998;4(7):1765-1772.',
  },
  'spiers-1968': {
    id: 'spiers-1968',
    short: 'Spiers 1968',
    reference:
      'Spiers FW. Radioisotopes in the Human Body: Physical and Biological Aspects. New York: Academic Press; 1968. Skeletal weight table, p. 120 (usually cited as ICRP Publication 23, Reference Man).',
  },
  'medicalalgorithms-bsi': {
    id: 'medicalalgorithms-bsi',
    short: 'medicalalgorithms.com BSI table',
    reference:
      'Medical Algorithms Company. Bone Scan Index (BSI) for quantitation of metastatic tumor to bone (secondary copy of the weight table used here).',
    url: 'https://www.medicalalgorithms.com/bone-scan-index-bsi-for-quantitation-of-metastatic-tumor-to-bone',
  },
});

/** The BSI definition: Imbriaco M et al. Clin Cancer Res 1998;4(7):1765-1772. */
export const bsiCitation: Citation = bsiCitations['imbriaco-1998'];

/** Said with every BSI result: where the weights come from and how far they are verified. */
export const bsiWeightProvenance =
  'BSI skeletal-mass weights (Imbriaco 1998, table credited to Spiers 1968) are taken from a secondary copy and are not verified against the primary paper; the published weights sum to 100.1 %, used unnormalised.';
