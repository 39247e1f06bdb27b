import { z } from 'zod';
import { lesionTypeSchema } from '../anatomy/lesion-type.js';
import { skeletalLocationSchema } from '../anatomy/skeletal-location.js';
import { isoDateSchema } from './dates.js';
import { dicomUidSchema, identifierSchema } from './identifiers.js';

export const lesionSchema = z
  .strictObject({
    id: identifierSchema.describe('Lesion identifier within this patient, the same at every time point'),
    trackingUid: dicomUidSchema
      .optional()
      .describe(
        'DICOM Tracking Unique Identifier (112040) of the lesion, the same in every SR and SEG at every time point',
      ),
    location: skeletalLocationSchema,
    type: lesionTypeSchema.optional(),
    firstSeen: isoDateSchema.optional().describe('Date of the first study that shows the lesion, YYYY-MM-DD'),
  })
  .describe('A bone lesion followed over time');

export type Lesion = z.output<typeof lesionSchema>;
