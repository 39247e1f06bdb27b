import { BonemetError } from '@bonemet/core';
import { quantifyLesions, type PetQuantification, type ThresholdRule } from '@bonemet/pet';
import { renderPetMip, type RenderedPetMip } from '../analyses/render-pet-mip.js';
import type { ComputeProgress } from './compute-progress.js';
import { petCtImages, seriesOfFiles } from './pet-ct-images.js';

export type PetThresholdName = 'percist' | '41' | '2.5';

/** The threshold rules by name, as `bonemet pet quantify --threshold` selects them (packages/pet). */
const thresholdRules: Readonly<Record<PetThresholdName, ThresholdRule>> = {
  percist: { kind: 'percist' },
  '41': { kind: 'percent-of-max', fraction: 0.41, seedSuvbw: 2.5, growthMarginMm: 10 },
  '2.5': { kind: 'fixed', suvbw: 2.5 },
};

export interface PetQuantifyComputeInput {
  /** Every stored file of the study, with its SOP Instance UID (its name in errors). */
  readonly files: readonly { readonly bytes: Uint8Array; readonly sopInstanceUid: string }[];
  readonly studyInstanceUid: string;
  readonly seriesInstanceUid?: string | undefined;
  readonly threshold: PetThresholdName;
  readonly liverCentreMm?: readonly [number, number, number] | undefined;
  readonly bloodPoolCentreMm?: readonly [number, number, number] | undefined;
  readonly minimumVolumeMl?: number | undefined;
}

export interface PetQuantifyComputeOutput {
  readonly petSeriesInstanceUid: string;
  readonly ctSeriesInstanceUid: string | null;
  readonly quantification: PetQuantification;
  readonly mip: RenderedPetMip;
}

/**
 * Everything the `pet-quantify` job computes before it stores, as `bonemet pet quantify` does: the study's
 * files parsed and grouped by series, the PET series chosen, its SUVbw volume (SUL factors when the header
 * allows), CT on the PET grid for the osseous test, the lesions quantified and the coronal MIP rendered.
 * Pure: runs in a compute worker.
 */
export function computePetQuantification(
  input: PetQuantifyComputeInput,
  progress: ComputeProgress,
): PetQuantifyComputeOutput {
  const all = seriesOfFiles(input.files);
  const petSeries = all.filter(
    (s) =>
      s.modality === 'PT' && (input.seriesInstanceUid === undefined || s.seriesInstanceUid === input.seriesInstanceUid),
  );
  const [chosen, ...others] = petSeries;
  if (chosen === undefined || others.length > 0) {
    throw new BonemetError(
      chosen === undefined ? 'not_found' : 'invalid_input',
      chosen === undefined
        ? `no PET series in study ${input.studyInstanceUid}`
        : `study ${input.studyInstanceUid} has ${String(petSeries.length)} PET series`,
      { issues: [{ path: ['seriesInstanceUid'], message: 'name the PET series to quantify' }] },
    );
  }
  progress(0.5, 'converting PET to SUV');
  const { pet, ct } = petCtImages(chosen, all);
  progress(0.7, 'segmenting lesions');
  const quantification = quantifyLesions(ct.ct === null ? { pet } : { pet, ct: ct.ct }, {
    threshold: thresholdRules[input.threshold],
    ...(input.minimumVolumeMl === undefined ? {} : { minimumVolumeMl: input.minimumVolumeMl }),
    reference: {
      liverCentreMm: input.liverCentreMm ?? 'automatic',
      ...(input.bloodPoolCentreMm === undefined ? {} : { bloodPoolCentreMm: input.bloodPoolCentreMm }),
    },
  });
  progress(0.9, 'rendering the coronal MIP');
  return {
    petSeriesInstanceUid: chosen.seriesInstanceUid,
    ctSeriesInstanceUid: ct.seriesInstanceUid,
    quantification,
    mip: renderPetMip(pet, quantification.lesions),
  };
}
