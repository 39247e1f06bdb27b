import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BonemetError, isBonemetError } from '@bonemet/core';
import {
  groupImagesBySeries,
  petSuvSliceFromDataset,
  petSuvVolume,
  readDicomFile,
  sulJanmahasatianFactors,
  type DicomSeries,
} from '@bonemet/dicom';
import { ctOnPetGrid, petImageFromSuvVolume, quantifyLesions, type ThresholdRule } from '@bonemet/pet';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { instances, series, studies } from '../db/schema.js';
import type { JobContext, JobProgress } from './job-context.js';
import { renderPetMip } from '../analyses/render-pet-mip.js';
import { storeResultWithImages } from '../analyses/store-result.js';

const point = z.tuple([z.number(), z.number(), z.number()]);

export const petQuantifyInputsSchema = z.strictObject({
  studyInstanceUid: z.string().min(1).max(64).describe('A stored PET/CT study of the patient'),
  seriesInstanceUid: z.string().min(1).max(64).optional().describe('The PET series, when the study has several'),
  threshold: z.enum(['percist', '41', '2.5']).default('percist').describe('Lesion threshold rule (as the CLI)'),
  liverCentreMm: point.optional().describe('Liver reference sphere centre, patient mm (LPS); automatic when absent'),
  bloodPoolCentreMm: point.optional().describe('Blood-pool reference centre, patient mm (LPS)'),
  minimumVolumeMl: z.number().min(0).optional().describe('Smallest lesion volume kept, ml'),
});
export type PetQuantifyInputs = z.output<typeof petQuantifyInputsSchema>;

export const PET_QUANTIFICATION_RESULT_SCHEMA = 'bonemet.pet-quantification';

/** The threshold rules by name, as `bonemet pet quantify --threshold` selects them (packages/pet). */
const thresholdRules: Readonly<Record<PetQuantifyInputs['threshold'], ThresholdRule>> = {
  percist: { kind: 'percist' },
  '41': { kind: 'percent-of-max', fraction: 0.41, seedSuvbw: 2.5, growthMarginMm: 10 },
  '2.5': { kind: 'fixed', suvbw: 2.5 },
};

/** The stored series of a patient's study, read from the data folder. */
async function readStoredStudy(
  context: JobContext,
  patientId: string,
  studyInstanceUid: string,
  progress: JobProgress,
): Promise<DicomSeries[]> {
  const rows = await context.db
    .select({ filePath: instances.filePath, sopInstanceUid: instances.sopInstanceUid })
    .from(instances)
    .innerJoin(series, eq(series.id, instances.seriesId))
    .innerJoin(studies, eq(studies.id, series.studyId))
    .where(and(eq(studies.patientId, patientId), eq(studies.studyInstanceUid, studyInstanceUid)));
  if (rows.length === 0) {
    throw new BonemetError('not_found', `study ${studyInstanceUid} is not stored for this patient`, {
      issues: [{ path: ['studyInstanceUid'], message: 'no stored instances', hint: 'upload or pull the study first' }],
    });
  }
  const images = [];
  for (const [index, row] of rows.entries()) {
    if (index % 16 === 0) await progress((0.5 * index) / rows.length, `reading ${String(rows.length)} DICOM files`);
    images.push(readDicomFile(await readFile(join(context.config.dataDir, row.filePath)), row.sopInstanceUid));
  }
  return groupImagesBySeries(images);
}

/**
 * Quantifies the lesions of a stored PET/CT study with @bonemet/pet, as `bonemet pet quantify` does
 * (SUVbw volume, SUL factors when the header allows, CT on the PET grid for the osseous test), and stores
 * the quantification once as the run's `bonemet.pet-quantification` result with the coronal MIP (MIP.png
 * beside it on disk, each lesion's marker position on it in `mip.markers`).
 */
export async function runPetQuantify(
  context: JobContext,
  runId: string,
  patientId: string,
  rawInputs: unknown,
  progress: JobProgress,
): Promise<void> {
  const inputs = petQuantifyInputsSchema.parse(rawInputs);
  const all = await readStoredStudy(context, patientId, inputs.studyInstanceUid, progress);
  const petSeries = all.filter(
    (s) =>
      s.modality === 'PT' &&
      (inputs.seriesInstanceUid === undefined || s.seriesInstanceUid === inputs.seriesInstanceUid),
  );
  const [chosen, ...others] = petSeries;
  if (chosen === undefined || others.length > 0) {
    throw new BonemetError(
      chosen === undefined ? 'not_found' : 'invalid_input',
      chosen === undefined
        ? `no PET series in study ${inputs.studyInstanceUid}`
        : `study ${inputs.studyInstanceUid} has ${String(petSeries.length)} PET series`,
      { issues: [{ path: ['seriesInstanceUid'], message: 'name the PET series to quantify' }] },
    );
  }
  await progress(0.5, 'converting PET to SUV');
  const suvVolume = petSuvVolume(chosen.images);
  let sul;
  try {
    sul = sulJanmahasatianFactors(suvVolume.volume.slices.map(petSuvSliceFromDataset));
  } catch (error) {
    if (!isBonemetError(error)) throw error;
    sul = undefined;
  }
  const pet = petImageFromSuvVolume(suvVolume, sul);
  const ct = ctOnPetGrid(suvVolume.volume, all);
  await progress(0.7, 'segmenting lesions');
  const quantification = quantifyLesions(ct.ct === null ? { pet } : { pet, ct: ct.ct }, {
    threshold: thresholdRules[inputs.threshold],
    ...(inputs.minimumVolumeMl === undefined ? {} : { minimumVolumeMl: inputs.minimumVolumeMl }),
    reference: {
      liverCentreMm: inputs.liverCentreMm ?? 'automatic',
      ...(inputs.bloodPoolCentreMm === undefined ? {} : { bloodPoolCentreMm: inputs.bloodPoolCentreMm }),
    },
  });
  await progress(0.9, 'rendering the coronal MIP');
  const mip = renderPetMip(pet, quantification.lesions);
  await progress(0.95, 'saving the result');
  const { png: _png, ...mipImage } = mip.image;
  await storeResultWithImages(context.db, context.config.dataDir, {
    runId,
    schemaName: PET_QUANTIFICATION_RESULT_SCHEMA,
    schemaVersion: '1',
    images: [mip.image],
    payload: () => ({
      studyInstanceUid: inputs.studyInstanceUid,
      petSeriesInstanceUid: chosen.seriesInstanceUid,
      ctSeriesInstanceUid: ct.seriesInstanceUid,
      quantification,
      images: [mipImage],
      mip: { image: mipImage.name, markers: mip.markers },
    }),
  });
}
