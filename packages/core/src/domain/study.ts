import { z } from 'zod';
import { isoDateSchema } from './dates.js';
import { dicomUidSchema, identifierSchema } from './identifiers.js';

/** DICOM Modality (0008,0060) defined terms for the imaging bonemet reads. */
export const modalities = ['NM', 'PT', 'CT', 'MR', 'CR', 'DX', 'MG', 'US', 'OT'] as const;

export type Modality = (typeof modalities)[number];

/** Radiopharmaceuticals of bone scintigraphy and PET in breast cancer. */
export const radiopharmaceuticals = [
  'tc99m_medronate',
  'tc99m_oxidronate',
  'f18_fdg',
  'f18_sodium_fluoride',
  'f18_fluoroestradiol',
  'other',
] as const;

export type Radiopharmaceutical = (typeof radiopharmaceuticals)[number];

const nuclearMedicineModalities: readonly string[] = ['NM', 'PT'];

export const studySchema = z
  .strictObject({
    studyInstanceUid: dicomUidSchema.describe('Study Instance UID (0020,000D)'),
    date: isoDateSchema.describe('Study date (0008,0020), YYYY-MM-DD'),
    modality: z
      .enum(modalities)
      .describe(
        'DICOM modality of the study: NM (bone scintigraphy, SPECT), PT (PET), CT, MR, CR, DX, MG, US or OT (other)',
      ),
    description: z.string().min(1).max(64).optional().describe('Study description (0008,1030), at most 64 characters'),
    radiopharmaceutical: z
      .enum(radiopharmaceuticals)
      .optional()
      .describe(
        'Radiopharmaceutical of an NM or PT study: tc99m_medronate (MDP), tc99m_oxidronate (HDP), f18_fdg, f18_sodium_fluoride, f18_fluoroestradiol (FES) or other',
      ),
  })
  .superRefine((study, context) => {
    if (study.radiopharmaceutical !== undefined && !nuclearMedicineModalities.includes(study.modality)) {
      context.addIssue({
        code: 'custom',
        path: ['radiopharmaceutical'],
        message: `a radiopharmaceutical applies to an NM or PT study, not to ${study.modality}`,
      });
    }
  })
  .describe('An imaging study');

export type Study = z.output<typeof studySchema>;

export const timePointSchema = z
  .strictObject({
    id: identifierSchema.describe('Time point identifier within this patient, e.g. baseline, follow-up-1'),
    date: isoDateSchema.describe('Reference date of the time point (usually the date of its main study), YYYY-MM-DD'),
    studyUids: z
      .array(dicomUidSchema)
      .min(1, { error: 'a time point groups at least one study' })
      .describe('Study Instance UIDs of the studies assessed together at this time point'),
  })
  .superRefine((timePoint, context) => {
    const seen = new Set<string>();
    timePoint.studyUids.forEach((uid, index) => {
      if (seen.has(uid)) {
        context.addIssue({ code: 'custom', path: ['studyUids', index], message: `study ${uid} is listed twice` });
      }
      seen.add(uid);
    });
  })
  .describe('A time point: the studies assessed together for response');

export type TimePoint = z.output<typeof timePointSchema>;
