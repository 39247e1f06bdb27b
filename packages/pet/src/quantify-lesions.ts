/**
 * PET lesion quantification: reference region, threshold, 26-connected regions, minimum volume,
 * physiological exclusion, and per lesion SUVmax, SUVpeak (global and local), SUVmean, MTV, TLG,
 * centroid and, with a CT on the same grid, whether it is osseous and its skeletal region (core's
 * location model, skeletal-region.ts). Lesions are listed hottest first (SUVmax). Every definition and
 * parameter used is returned with the numbers.
 */
import { BonemetError, parseInput, type Citation } from '@bonemet/core';
import { gridIndexToMm, voxelOfIndex, voxelVolumeMl, type Triple } from '@bonemet/imaging';
import { z } from 'zod';
import { analyseCtAnatomy, type CtAnatomy } from './ct-anatomy.js';
import {
  boneFraction,
  boneMask,
  defaultBoneHu,
  defaultOsseousFraction,
  dilateBoneMask,
  requireCtOnPetGrid,
  type CtImage,
} from './osseous.js';
import { validatePetImage, type PetImage, type SulConversion } from './pet-image.js';
import {
  automaticExclusions,
  physiologicalExclusionTest,
  type PhysiologicalOrgan,
  type PhysiologicalRegion,
} from './physiological-exclusion.js';
import { selectReference, referenceOptionsSchema, type ReferenceSelection } from './reference-selection.js';
import { regionsAboveThreshold, regionsPercentOfMax, type CandidateRegion } from './segment-lesions.js';
import { petSources } from './sources.js';
import {
  peakSphere,
  peakSphereRadiusMm,
  suvpeakGlobal,
  suvpeakLocal,
  type LocalSuvPeak,
  type SuvPeak,
} from './suvpeak.js';
import { skeletalRegionOfLesion, type SkeletalRegion } from './skeletal-region.js';
import { thresholdRuleSchema } from './threshold-rule.js';

export const quantifyOptionsSchema = z.strictObject({
  threshold: thresholdRuleSchema.describe('How lesion voxels are selected'),
  minimumVolumeMl: z
    .number()
    .nonnegative()
    .default(0.5)
    .describe(
      'Smallest lesion volume kept (ml); 0.5 ml ≈ a 10 mm sphere, below which partial volume dominates at PET resolution',
    ),
  connectivity: z
    .union([z.literal(6), z.literal(26)])
    .default(26)
    .describe('Voxel connectivity of a lesion (6 or 26)'),
  reference: referenceOptionsSchema.optional().describe('Reference region placement; needed for the PERCIST rule'),
  boneHu: z.number().default(defaultBoneHu).describe('CT bone threshold (HU) for the osseous test'),
  osseousFraction: z
    .number()
    .gt(0)
    .max(1)
    .default(defaultOsseousFraction)
    .describe('Fraction of lesion voxels in the dilated bone mask at or above which a lesion is osseous (unitless)'),
});

export type QuantifyOptions = z.input<typeof quantifyOptionsSchema>;

export interface LesionMeasurement {
  /** 1 = highest SUVmax. */
  readonly rank: number;
  readonly voxelCount: number;
  readonly suvmax: number;
  readonly suvmaxMm: Triple;
  readonly suvpeakGlobal: SuvPeak;
  readonly suvpeakLocal: LocalSuvPeak;
  readonly suvmean: number;
  readonly mtvMl: number;
  /** SUVmean × MTV, SUVbw·ml (= g when SUVbw is in g/ml). */
  readonly tlg: number;
  /** Unweighted centroid of the lesion voxels, patient mm (LPS). */
  readonly centroidMm: Triple;
  readonly thresholdSuvbw: number;
  readonly reachedGrowthLimit: boolean;
  /** In SUL when the image carries the conversion, else null. */
  readonly sul: {
    readonly max: number;
    readonly peakGlobal: number;
    readonly peakLocal: number;
    readonly mean: number;
  } | null;
  /** With a CT on the PET grid, else null. */
  readonly osseous: { readonly isOsseous: boolean; readonly boneFraction: number } | null;
  /** The bone the lesion overlaps or lies next to, in core's skeletal location model; null without a CT. */
  readonly skeletalRegion: SkeletalRegion | null;
}

export interface ExcludedRegion {
  readonly organ: PhysiologicalOrgan;
  /** The rule that matched: a given mask or centre, or an automatic CT rule (physiological-exclusion.ts). */
  readonly rule: string;
  readonly voxelCount: number;
  readonly suvmax: number;
  readonly centroidMm: Triple;
}

export interface PetQuantification {
  readonly quantity: 'SUVbw';
  readonly sul: SulConversion | null;
  readonly reference: ReferenceSelection | null;
  readonly threshold: { readonly rule: string; readonly suvbw: number | null; readonly sul: number | null };
  readonly lesions: readonly LesionMeasurement[];
  readonly excludedPhysiological: readonly ExcludedRegion[];
  readonly belowMinimumVolume: number;
  readonly parameters: {
    readonly peakSphereRadiusMm: number;
    readonly peakSphereVoxelCount: number;
    readonly peakSphereVolumeMl: number;
    readonly connectivity: 6 | 26;
    readonly minimumVolumeMl: number;
    readonly voxelVolumeMl: number;
    readonly boneHu: number | null;
    readonly osseousFraction: number | null;
  };
  readonly definitions: Readonly<Record<string, string>>;
  readonly notes: readonly string[];
  readonly sources: readonly Citation[];
}

export interface QuantifyInputs {
  readonly pet: PetImage;
  readonly ct?: CtImage;
  readonly physiological?: readonly PhysiologicalRegion[];
}

const definitions = {
  suvmax: 'highest voxel SUVbw in the lesion',
  suvpeakGlobal:
    'PERCIST/IBSI global peak: highest mean over voxel centres within 6.2035 mm (1 ml sphere) of any lesion voxel, neighbourhood from the whole image, clipped at the image border',
  suvpeakLocal:
    'IBSI local peak: mean over voxel centres within 6.2035 mm of the maximum voxel; among tied maxima the highest mean',
  suvmean: 'mean SUVbw of the lesion voxels',
  mtvMl: 'lesion voxel count × voxel volume, ml',
  tlg: 'SUVmean × MTV (SUVbw·ml)',
  centroidMm: 'unweighted mean position of the lesion voxel centres, patient mm (DICOM LPS)',
  osseous: 'fraction of lesion voxels in the CT bone mask (HU ≥ boneHu, dilated by one voxel) ≥ osseousFraction',
  skeletalRegion:
    'bone overlapped by the lesion (HU ≥ boneHu), or the nearest bone within 10 mm, classified by its position relative to the spinal column, sacrum and pelvis found on the CT (vertebral levels counted upward from the sacrum)',
} as const;

function describeRule(rule: z.output<typeof thresholdRuleSchema>, reference: ReferenceSelection | null): string {
  switch (rule.kind) {
    case 'percist':
      return reference?.used?.kind === 'blood-pool'
        ? 'PERCIST, blood-pool fallback: 2.0 × mean + 2 × SD'
        : 'PERCIST: 1.5 × liver mean + 2 × SD';
    case 'fixed':
      return `fixed SUVbw ${rule.suvbw}`;
    case 'percent-of-max':
      return `${(rule.fraction * 100).toFixed(0)}% of each lesion's SUVmax, seeds ≥ SUVbw ${rule.seedSuvbw}, growth margin ${rule.growthMarginMm} mm`;
  }
}

/** Runs the whole quantification. */
export function quantifyLesions(inputs: QuantifyInputs, rawOptions: unknown): PetQuantification {
  const { pet } = inputs;
  validatePetImage(pet);
  const options = parseInput(quantifyOptionsSchema, rawOptions, 'quantification options');
  const notes: string[] = [];
  const sources: Citation[] = [petSources['lodge-2012-suvpeak'], petSources['ibsi-2020']];
  const rule = options.threshold;

  const ct = inputs.ct;
  if (ct !== undefined) requireCtOnPetGrid(pet, ct);
  const anatomy: CtAnatomy | null = ct === undefined ? null : analyseCtAnatomy(ct, options.boneHu);
  // The anatomy holds the undilated bone mask already: dilate that one rather than threshold the CT again.
  const bone =
    ct === undefined ? null : anatomy === null ? boneMask(pet, ct, options.boneHu) : dilateBoneMask(anatomy.bone, ct);
  if (bone === null) notes.push('no CT given: osseous and the skeletal region are not assessed');
  if (ct !== undefined && anatomy === null) {
    notes.push(
      'the CT grid is not axial: the CT-guided liver, the automatic exclusion and the skeletal region are not assessed',
    );
  }
  if (anatomy !== null) notes.push(...anatomy.notes.map((note) => `CT anatomy: ${note}`));
  const ctGuide = ct === undefined || anatomy === null ? undefined : { ct, anatomy };

  const reference =
    options.reference !== undefined || rule.kind === 'percist'
      ? selectReference(pet, options.reference ?? {}, ctGuide)
      : null;
  if (reference !== null) sources.push(petSources['wahl-2009-percist'], petSources['tahari-2014-liver']);
  if (rule.kind === 'percent-of-max') {
    sources.push(petSources['boellaard-2015-eanm']);
    notes.push(
      '41% of SUVmax: EANM 2015 guideline, read from a secondary copy only (unverified against the primary text)',
    );
  }
  if (rule.kind === 'fixed') notes.push('fixed SUVbw 2.5 is a common convention, not part of PERCIST');

  let regions: CandidateRegion[];
  let thresholdSuvbw: number | null = null;
  if (rule.kind === 'percist') {
    const used = reference?.used ?? null;
    if (used === null) {
      throw new BonemetError('missing_data', 'the PERCIST threshold needs a usable liver or blood-pool reference', {
        issues: [
          {
            path: ['reference'],
            message: reference?.notes.join('; ') ?? 'no reference',
            hint: 'give liverCentreMm or bloodPoolCentreMm, or use another threshold rule',
          },
        ],
      });
    }
    thresholdSuvbw = used.percistThresholdSuvbw;
    regions = regionsAboveThreshold(pet, thresholdSuvbw, options.connectivity);
  } else if (rule.kind === 'fixed') {
    thresholdSuvbw = rule.suvbw;
    regions = regionsAboveThreshold(pet, thresholdSuvbw, options.connectivity);
  } else {
    regions = regionsPercentOfMax(pet, rule.fraction, rule.seedSuvbw, rule.growthMarginMm, options.connectivity);
  }

  const voxelMl = voxelVolumeMl(pet);
  const exclusion = physiologicalExclusionTest(pet, inputs.physiological ?? []);
  if ((inputs.physiological ?? []).length > 0) {
    notes.push(
      'a region was excluded as physiological when it shares a voxel with a given organ mask or has a voxel within the given radius (default 15 mm) of a given organ centre',
    );
  }
  if (anatomy !== null && bone !== null) {
    notes.push(
      'automatic physiological exclusion from the CT: urinary bladder, kidneys and brain by position relative to the skeleton, size and uptake (rules listed with each excluded region); a region touching the CT bone mask is never excluded as bladder or kidney, and a brain region must lie mostly in the cranial cavity and not be osseous',
    );
  } else if ((inputs.physiological ?? []).length === 0) {
    notes.push(
      'no CT and no physiological organ (brain, kidneys, bladder) given: nothing was excluded, and physiological uptake may be listed among the lesions',
    );
  } else {
    notes.push('no CT: no automatic physiological exclusion beyond the given organs');
  }
  const sphere = peakSphere(pet);
  const ratio = pet.sul?.perSuvbw;

  const kept: Omit<LesionMeasurement, 'rank'>[] = [];
  const excludedPhysiological: ExcludedRegion[] = [];
  let belowMinimumVolume = 0;
  // First pass: the summaries the exclusion rules need; the automatic rules compare regions (kidney pairs).
  const summaries: {
    region: CandidateRegion;
    mtvMl: number;
    sum: number;
    max: number;
    maxIndex: number;
    centroidMm: Triple;
  }[] = [];
  for (const region of regions) {
    const mtvMl = region.voxels.length * voxelMl;
    if (mtvMl < options.minimumVolumeMl) {
      belowMinimumVolume++;
      continue;
    }
    let sum = 0;
    let max = -Infinity;
    let maxIndex = 0;
    const centroid = [0, 0, 0];
    for (const n of region.voxels) {
      const value = pet.voxels[n] ?? Number.NaN;
      sum += value;
      if (value > max) {
        max = value;
        maxIndex = n;
      }
      const [i, j, k] = voxelOfIndex(pet.dimensions, n);
      centroid[0] = (centroid[0] ?? 0) + i;
      centroid[1] = (centroid[1] ?? 0) + j;
      centroid[2] = (centroid[2] ?? 0) + k;
    }
    const count = region.voxels.length;
    const centroidMm = gridIndexToMm(pet, [
      (centroid[0] ?? 0) / count,
      (centroid[1] ?? 0) / count,
      (centroid[2] ?? 0) / count,
    ]);
    summaries.push({ region, mtvMl, sum, max, maxIndex, centroidMm });
  }
  const automatic =
    anatomy === null || bone === null
      ? summaries.map(() => null)
      : automaticExclusions(
          anatomy,
          anatomy.bone,
          summaries.map((s) => ({
            voxels: s.region.voxels,
            centroidMm: s.centroidMm,
            volumeMl: s.mtvMl,
            suvmax: s.max,
          })),
          options.osseousFraction,
        );

  summaries.forEach(({ region, mtvMl, sum, max, maxIndex, centroidMm }, index) => {
    const count = region.voxels.length;
    const match = exclusion(region.voxels) ?? automatic[index] ?? null;
    if (match !== null) {
      excludedPhysiological.push({ organ: match.organ, rule: match.rule, voxelCount: count, suvmax: max, centroidMm });
      return;
    }
    const suvmean = sum / count;
    const peakGlobal = suvpeakGlobal(pet, region.voxels, sphere);
    const peakLocal = suvpeakLocal(pet, region.voxels, sphere);
    const fraction = bone === null ? null : boneFraction(bone, region.voxels);
    kept.push({
      voxelCount: count,
      suvmax: max,
      suvmaxMm: gridIndexToMm(pet, voxelOfIndex(pet.dimensions, maxIndex)),
      suvpeakGlobal: peakGlobal,
      suvpeakLocal: peakLocal,
      suvmean,
      mtvMl,
      tlg: suvmean * mtvMl,
      centroidMm,
      thresholdSuvbw: region.thresholdSuvbw,
      reachedGrowthLimit: region.reachedGrowthLimit,
      sul:
        ratio === undefined
          ? null
          : {
              max: max * ratio,
              peakGlobal: peakGlobal.suvbw * ratio,
              peakLocal: peakLocal.suvbw * ratio,
              mean: suvmean * ratio,
            },
      osseous: fraction === null ? null : { isOsseous: fraction >= options.osseousFraction, boneFraction: fraction },
      skeletalRegion: anatomy === null ? null : skeletalRegionOfLesion(anatomy, region.voxels),
    });
  });
  kept.sort((a, b) => b.suvmax - a.suvmax);
  if (kept.some((lesion) => lesion.reachedGrowthLimit)) {
    notes.push('some lesions reached the edge of their growth box: their 41% region may be cut off there');
  }
  if (ratio === undefined) notes.push('no SUL conversion given: SUL values are not reported');

  return {
    quantity: 'SUVbw',
    sul: pet.sul ?? null,
    reference,
    threshold: {
      rule: describeRule(rule, reference),
      suvbw: thresholdSuvbw,
      sul: thresholdSuvbw === null || ratio === undefined ? null : thresholdSuvbw * ratio,
    },
    lesions: kept.map((lesion, index) => ({ rank: index + 1, ...lesion })),
    excludedPhysiological,
    belowMinimumVolume,
    parameters: {
      peakSphereRadiusMm,
      peakSphereVoxelCount: sphere.count,
      peakSphereVolumeMl: sphere.volumeMl,
      connectivity: options.connectivity,
      minimumVolumeMl: options.minimumVolumeMl,
      voxelVolumeMl: voxelMl,
      boneHu: bone === null ? null : options.boneHu,
      osseousFraction: bone === null ? null : options.osseousFraction,
    },
    definitions,
    notes: [...(reference?.notes ?? []), ...notes],
    sources,
  };
}
