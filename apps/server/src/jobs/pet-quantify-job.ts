import { BonemetError } from '@bonemet/core';
import { z } from 'zod';
import { storeResultWithImages } from '../analyses/store-result.js';
import { sharedComputePool } from './compute-pool.js';
import type { JobContext, JobProgress } from './job-context.js';
import { readStoredStudyFiles } from './stored-study-files.js';

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
  // The files are parsed in the compute worker.
  const files = await readStoredStudyFiles(
    context,
    patientId,
    { studyInstanceUid: inputs.studyInstanceUid },
    async (index, count) => {
      if (index % 16 === 0) await progress((0.5 * index) / count, `reading ${String(count)} DICOM files`);
    },
  );
  if (files.length === 0) {
    throw new BonemetError('not_found', `study ${inputs.studyInstanceUid} is not stored for this patient`, {
      issues: [{ path: ['studyInstanceUid'], message: 'no stored instances', hint: 'upload or pull the study first' }],
    });
  }
  // Parsed, converted, segmented and rendered in a worker thread so the server keeps answering.
  const computed = await sharedComputePool().run('pet-quantify', { files, ...inputs }, { onProgress: progress });
  const { quantification, mip } = computed;
  await progress(0.95, 'saving the result');
  const { png: _png, ...mipImage } = mip.image;
  await storeResultWithImages(context.db, context.config.dataDir, {
    runId,
    schemaName: PET_QUANTIFICATION_RESULT_SCHEMA,
    schemaVersion: '1',
    images: [mip.image],
    payload: () => ({
      studyInstanceUid: inputs.studyInstanceUid,
      petSeriesInstanceUid: computed.petSeriesInstanceUid,
      ctSeriesInstanceUid: computed.ctSeriesInstanceUid,
      quantification,
      images: [mipImage],
      mip: { image: mipImage.name, markers: mip.markers },
    }),
  });
}
