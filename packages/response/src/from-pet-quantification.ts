/**
 * A quantified PET study (@bonemet/pet `quantifyLesions`) as a response time point (`PetTimePoint`), the
 * input of the PERCIST and EORTC readings.
 *
 * Conventions (the sources are silent on how a quantification tool fills these fields):
 * - SULpeak is the PERCIST/IBSI global peak expressed in SUL (Wahl 2009: the 1 cm³ sphere placed to
 *   maximise the mean); the local peak is not used.
 * - The liver reference is the measured 3 cm sphere even when it was judged unusable (its values are kept
 *   so that the liver-stability gate can see them); the blood pool is given when it was measured.
 * - Organ, for the PERCIST "at most 2 lesions per organ" rule: "bone" when the CT shows the lesion
 *   osseous, "soft tissue" when the CT shows it is not (no finer organ is assigned), "unclassified" when
 *   there was no CT. Every non-osseous lesion therefore counts against one organ: the sum of lesions may
 *   hold fewer lesions than a reader who names each organ would choose.
 * - Lesion ids are "L" and the SUVmax rank of the lesion in this study ("L1" = hottest); no tracking id
 *   is assigned (lesion tracking across studies is not done here).
 */
import { BonemetError, parseInput } from '@bonemet/core';
import type { LesionMeasurement, PetQuantification } from '@bonemet/pet';
import { z } from 'zod';
import { petTimePointSchema, type PetLesion, type PetTimePoint } from './pet-time-point.js';

export const petTimePointMetaSchema = z
  .strictObject({
    studyDate: petTimePointSchema.shape.studyDate,
    uptakeTimeMin: petTimePointSchema.shape.uptakeTimeMin,
    scannerId: petTimePointSchema.shape.scannerId,
    injectedDoseMBq: petTimePointSchema.shape.injectedDoseMBq,
  })
  .describe('What the quantification does not hold: the study date, uptake time, scanner and dose');

export type PetTimePointMeta = z.input<typeof petTimePointMetaSchema>;

/** Organ names given to lesions, by the CT osseous test (see the module comment). */
export const lesionOrganFromOsseous = Object.freeze({
  osseous: 'bone',
  notOsseous: 'soft tissue',
  noCt: 'unclassified',
} as const);

function organOf(lesion: LesionMeasurement): string {
  if (lesion.osseous === null) return lesionOrganFromOsseous.noCt;
  return lesion.osseous.isOsseous ? lesionOrganFromOsseous.osseous : lesionOrganFromOsseous.notOsseous;
}

/** A quantified lesion as a lesion of a PET time point ("L<rank>", organ by the osseous test), given its SULpeak. */
export function petLesionOfMeasurement(lesion: LesionMeasurement, sulPeak: number): PetLesion {
  return {
    id: `L${String(lesion.rank)}`,
    organ: organOf(lesion),
    centroidMm: [...lesion.centroidMm],
    sulPeak,
    suvmax: lesion.suvmax,
    suvpeakGlobal: lesion.suvpeakGlobal.suvbw,
    suvmean: lesion.suvmean,
    mtvMl: lesion.mtvMl,
    tlg: lesion.tlg,
  };
}

function missing(message: string, path: readonly string[], hint: string): BonemetError {
  return new BonemetError('missing_data', message, { issues: [{ path, message, hint }] });
}

/**
 * Maps the quantification to a time point. Refuses (`missing_data`) a quantification without SUL (PERCIST
 * works on SUL) or without a measured liver sphere; the result is validated against `petTimePointSchema`.
 */
export function petTimePointFromQuantification(quantification: PetQuantification, meta: unknown): PetTimePoint {
  const study = parseInput(petTimePointMetaSchema, meta, 'time point metadata');
  if (quantification.sul === null) {
    throw missing(
      'the time point needs SUL values: the quantification has no SUL conversion',
      ['sul'],
      'the SUL conversion needs the patient height and sex',
    );
  }
  const liver = quantification.reference?.liver ?? null;
  const liverSulMean = liver?.sulMean ?? null;
  const liverSulSd = liver?.sulSd ?? null;
  if (liver === null || liverSulMean === null || liverSulSd === null) {
    throw missing(
      'the time point needs the liver reference: no liver sphere was measured',
      ['reference', 'liver'],
      'give the liver centre',
    );
  }
  const bloodPoolSulMean = quantification.reference?.bloodPool?.sulMean ?? null;
  const bloodPoolSulSd = quantification.reference?.bloodPool?.sulSd ?? null;
  const lesions = quantification.lesions.map((lesion) => {
    if (lesion.sul === null) {
      throw missing(
        `lesion ${String(lesion.rank)} has no SUL values`,
        ['lesions', String(lesion.rank - 1), 'sul'],
        'quantify with the SUL conversion',
      );
    }
    return petLesionOfMeasurement(lesion, lesion.sul.peakGlobal);
  });
  return parseInput(
    petTimePointSchema,
    {
      ...study,
      liver: { sulMean: liverSulMean, sulSd: liverSulSd, voxelCount: liver.voxelCount, volumeMl: liver.volumeMl },
      ...(bloodPoolSulMean === null || bloodPoolSulSd === null
        ? {}
        : { bloodPool: { sulMean: bloodPoolSulMean, sulSd: bloodPoolSulSd } }),
      lesions,
    },
    'PET time point',
  );
}
