/**
 * The per-slice header values the SUV conversion reads (the calculate-suv "instance" shape, with units
 * in the names). Built from a read DICOM image by `petSuvSliceFromDataset`, or given as JSON and
 * validated by `petSuvSliceSchema`.
 */
import { BonemetError } from '@bonemet/core';
import { z } from 'zod';
import type { DicomImageDataset } from '../dataset.js';

const optionalText = (description: string) => z.string().describe(description).optional();
const optionalNumber = (description: string) => z.number().describe(description).optional();

export const petSuvSliceSchema = z
  .strictObject({
    units: optionalText('Units (0054,1001): BQML, CNTS, GML, CM2ML; others are refused'),
    decayCorrection: optionalText('Decay Correction (0054,1102): START, ADMIN or NONE'),
    correctedImage: z
      .array(z.string())
      .readonly()
      .describe('Corrected Image (0028,0051) values, e.g. ATTN, DECY')
      .optional(),
    suvType: optionalText('SUV Type (0054,1006) for Units GML: BW (default), LBM, LBMJAMES128, LBMJANMA, IBW'),
    seriesDate: optionalText('Series Date (0008,0021), DA YYYYMMDD'),
    seriesTime: optionalText('Series Time (0008,0031), TM HHMMSS.FFFFFF'),
    acquisitionDate: optionalText('Acquisition Date (0008,0022) of this slice, DA'),
    acquisitionTime: optionalText('Acquisition Time (0008,0032) of this slice (start of its frame), TM'),
    frameReferenceTimeMs: optionalNumber(
      'Frame Reference Time (0054,1300), ms from the decay reference time to the mean-count time of the frame',
    ),
    actualFrameDurationMs: optionalNumber('Actual Frame Duration (0018,1242), ms'),
    patientWeightKg: optionalNumber("Patient's Weight (0010,1030), kg (values above 1000 are taken as grams)"),
    patientSizeM: optionalNumber("Patient's Size (0010,1020), m (values above 3 are taken as cm)"),
    patientSex: optionalText("Patient's Sex (0010,0040): M, F or O"),
    radionuclideTotalDoseBq: optionalNumber(
      'Radionuclide Total Dose (0018,1074), Bq (values below 1e5 are taken as MBq)',
    ),
    radionuclideHalfLifeS: optionalNumber('Radionuclide Half Life (0018,1075), s'),
    radiopharmaceuticalStartTime: optionalText('Radiopharmaceutical Start Time (0018,1072), TM'),
    radiopharmaceuticalStartDateTime: optionalText('Radiopharmaceutical Start DateTime (0018,1078), DT'),
    philipsSuvScaleFactor: optionalNumber('Philips private (7053,1000) SUV Scale Factor, SUVbw per rescaled unit'),
    philipsActivityConcentrationScaleFactor: optionalNumber(
      'Philips private (7053,1009) Activity Concentration Scale Factor, Bq/ml per rescaled unit',
    ),
    geScanDateTime: optionalText('GE private (0009,100D) "GEMS_PETD_01" scan datetime, DT'),
  })
  .describe('SUV-relevant header values of one PET slice');

export type PetSuvSlice = z.output<typeof petSuvSliceSchema>;

/** The SUV input of a whole series: its slices in any order; factors come back in the same order. */
export const petSuvSeriesSchema = z.array(petSuvSliceSchema).min(1).describe('the slices of one PET series');

/** Takes the SUV header values of a read PET image. */
export function petSuvSliceFromDataset(dataset: DicomImageDataset): PetSuvSlice {
  const pet = dataset.pet;
  if (pet === undefined) {
    throw new BonemetError('invalid_input', `${dataset.source}: Modality is ${dataset.modality}, PT expected`, {
      issues: [{ path: ['Modality'], message: `${dataset.modality} given where PT is required` }],
    });
  }
  if (pet.radiopharmaceuticals.length > 1) {
    throw new BonemetError(
      'unsupported',
      `${dataset.source}: ${pet.radiopharmaceuticals.length} radiopharmaceuticals (multi-tracer); SUV is defined for one`,
      { issues: [{ path: ['RadiopharmaceuticalInformationSequence'], message: 'more than one item' }] },
    );
  }
  const rp = pet.radiopharmaceuticals[0];
  const slice: { -readonly [K in keyof PetSuvSlice]: PetSuvSlice[K] } = {};
  const set = <K extends keyof PetSuvSlice>(key: K, value: PetSuvSlice[K] | undefined): void => {
    if (value !== undefined) slice[key] = value;
  };
  set('units', pet.units);
  set('decayCorrection', pet.decayCorrection);
  set('correctedImage', pet.correctedImage);
  set('suvType', pet.suvType);
  set('seriesDate', dataset.seriesDate);
  set('seriesTime', dataset.seriesTime);
  set('acquisitionDate', dataset.acquisitionDate);
  set('acquisitionTime', dataset.acquisitionTime);
  set('frameReferenceTimeMs', pet.frameReferenceTimeMs);
  set('actualFrameDurationMs', pet.actualFrameDurationMs);
  set('patientWeightKg', dataset.patientWeightKg);
  set('patientSizeM', dataset.patientSizeM);
  set('patientSex', dataset.patientSex);
  set('radionuclideTotalDoseBq', rp?.radionuclideTotalDoseBq);
  set('radionuclideHalfLifeS', rp?.radionuclideHalfLifeS);
  set('radiopharmaceuticalStartTime', rp?.radiopharmaceuticalStartTime);
  set('radiopharmaceuticalStartDateTime', rp?.radiopharmaceuticalStartDateTime);
  set('philipsSuvScaleFactor', pet.philipsSuvScaleFactor);
  set('philipsActivityConcentrationScaleFactor', pet.philipsActivityConcentrationScaleFactor);
  set('geScanDateTime', pet.geScanDateTime);
  return slice;
}
