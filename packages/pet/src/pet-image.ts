/** The PET input of the quantification: SUVbw voxels on a placed grid, with the SUL conversion when known. */
import { BonemetError } from '@bonemet/core';
import type { SuvFactors, SuvVolume } from '@bonemet/dicom';
import { validateVolume, type PlacedGrid, type ScalarVolume } from '@bonemet/imaging';

export type SulFormula = 'Janmahasatian' | 'James128';

/** SUL = SUVbw × `perSuvbw` (lean body mass / body weight, one number per study). */
export interface SulConversion {
  readonly perSuvbw: number;
  readonly formula: SulFormula;
}

export interface PetImage extends PlacedGrid, ScalarVolume {
  /** SUVbw (g/ml) per voxel, i fastest. */
  readonly voxels: Float32Array;
  /** How to express SUVbw as SUL; absent when the lean body mass is not known. */
  readonly sul?: SulConversion;
}

/** Checks the grid, the number of values and the SUL ratio. */
export function validatePetImage(image: PetImage): void {
  validateVolume(image, 'pet');
  const ratio = image.sul?.perSuvbw;
  if (ratio !== undefined && (!Number.isFinite(ratio) || ratio <= 0 || ratio > 1.5)) {
    throw new BonemetError('invalid_input', `SUL/SUVbw ratio ${ratio} is not a lean-body-mass fraction`, {
      issues: [{ path: ['pet', 'sul', 'perSuvbw'], message: 'expected LBM / weight, a number in (0, 1.5]' }],
    });
  }
}

const sulFormulas: Partial<Record<SuvFactors['quantity'], SulFormula>> = {
  SULjanmahasatian: 'Janmahasatian',
  SULjames128: 'James128',
};

/**
 * Builds the PET input from an SUVbw volume of @bonemet/dicom and, optionally, the SUL factors of the
 * same series (whose ratio to SUVbw must be the same on every slice: it is LBM / weight).
 */
export function petImageFromSuvVolume(suv: SuvVolume, sulFactors?: SuvFactors): PetImage {
  if (suv.factors.quantity !== 'SUVbw') {
    throw new BonemetError('invalid_input', `the PET volume holds ${suv.factors.quantity}, SUVbw is expected`, {
      issues: [{ path: ['pet', 'quantity'], message: 'convert with suvbwFactors' }],
    });
  }
  const base = {
    dimensions: suv.volume.dimensions,
    spacingMm: suv.volume.spacingMm,
    originMm: suv.volume.originMm,
    directions: suv.volume.directions,
    voxels: suv.suv,
  };
  if (sulFactors === undefined) return base;
  const formula = sulFormulas[sulFactors.quantity];
  if (formula === undefined) {
    throw new BonemetError('invalid_input', `${sulFactors.quantity} is not an SUL`, {
      issues: [{ path: ['sulFactors', 'quantity'], message: 'expected SULjanmahasatian or SULjames128' }],
    });
  }
  const ratios = sulFactors.factorsPerSlice.map((factor, k) => factor / (suv.factors.factorsPerSlice[k] ?? NaN));
  const first = ratios[0] ?? NaN;
  if (
    ratios.length !== suv.factors.factorsPerSlice.length ||
    ratios.some((r) => !(Math.abs(r - first) <= 1e-9 * first))
  ) {
    throw new BonemetError('invalid_input', 'the SUL factors are not a constant multiple of the SUVbw factors', {
      issues: [{ path: ['sulFactors'], message: 'give the SUL factors of the same series' }],
    });
  }
  return { ...base, sul: { perSuvbw: first, formula } };
}
