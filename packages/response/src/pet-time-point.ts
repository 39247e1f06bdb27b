import { identifierSchema, isoDateSchema } from '@bonemet/core';
import { z } from 'zod';

// A quantified PET time point: what packages/pet measures on one FDG PET/CT study, in the units the
// response criteria need. PERCIST 1.0 works on SUL (SUV normalised to lean body mass; Wahl 2009), so the
// reference regions and SULpeak are in SUL; the other lesion figures are in SUVbw (g/mL) as bonemet
// reports them by default.

const sulSchema = z.number().nonnegative({ error: 'an SUL value is not negative' });
const suvSchema = z.number().nonnegative({ error: 'an SUV value is not negative' });

export const liverReferenceSchema = z
  .strictObject({
    sulMean: z
      .number()
      .positive({ error: 'the liver SULmean is greater than 0' })
      .describe('Mean SUL (SUV normalised to lean body mass, g/mL) in the liver reference VOI'),
    sulSd: sulSchema.describe('Standard deviation of SUL within the liver reference VOI (SUL units, g/mL)'),
    voxelCount: z
      .int()
      .positive({ error: 'the voxel count is at least 1' })
      .optional()
      .describe('Number of voxels in the liver reference VOI'),
    volumeMl: z
      .number()
      .positive({ error: 'the volume is greater than 0 mL' })
      .optional()
      .describe('Volume of the liver reference VOI in mL (PERCIST: a 3 cm sphere, about 14.1 mL)'),
  })
  .refine((liver) => liver.voxelCount !== undefined || liver.volumeMl !== undefined, {
    error: 'give the size of the liver reference VOI: voxelCount or volumeMl',
    path: ['volumeMl'],
  })
  .describe('Liver reference region: 3 cm sphere in the normal right lobe (PERCIST 1.0), SUL mean and SD');

export const bloodPoolReferenceSchema = z
  .strictObject({
    sulMean: z
      .number()
      .positive({ error: 'the blood-pool SULmean is greater than 0' })
      .describe('Mean SUL (g/mL) in the blood-pool VOI (1 cm x 2 cm cylinder in the descending thoracic aorta)'),
    sulSd: sulSchema.describe('Standard deviation of SUL within the blood-pool VOI (SUL units, g/mL)'),
  })
  .describe('Blood-pool reference region (descending thoracic aorta), used when the liver is abnormal');

export const petLesionSchema = z
  .strictObject({
    id: identifierSchema.describe('Lesion identifier within this time point'),
    trackingId: identifierSchema
      .optional()
      .describe('Identifier that follows the same lesion across time points (present when the lesion is tracked)'),
    organ: z
      .string()
      .min(1)
      .max(64)
      .regex(/^\S(?:.*\S)?$/, { error: 'an organ name is not empty and has no leading or trailing spaces' })
      .describe('Organ of the lesion, e.g. bone, liver, lung, lymph node (PERCIST counts at most 2 per organ)'),
    centroidMm: z
      .tuple([z.number(), z.number(), z.number()])
      .describe('Lesion centroid [x, y, z] in DICOM patient coordinates, mm'),
    sulPeak: sulSchema.describe('SULpeak (g/mL): mean SUL in a 1 cm³ sphere placed to maximise it (PERCIST 1.0)'),
    suvmax: suvSchema.describe('SUVmax (SUVbw, g/mL): hottest voxel of the lesion'),
    suvpeakGlobal: suvSchema.describe('SUVpeak (SUVbw, g/mL): IBSI global intensity peak, 1 cm³ sphere'),
    suvmean: suvSchema.describe('SUVmean (SUVbw, g/mL) over the lesion volume'),
    mtvMl: z.number().nonnegative({ error: 'a volume is not negative' }).describe('Metabolic tumour volume, mL'),
    tlg: z
      .number()
      .nonnegative({ error: 'TLG is not negative' })
      .describe('Total lesion glycolysis: SUVmean (SUVbw) x MTV, g (g/mL x mL)'),
    new: z
      .boolean()
      .optional()
      .describe('True when the reader judges the lesion new since baseline and typical of cancer (follow-up only)'),
  })
  .describe('A lesion quantified on one PET time point');

export const petTimePointSchema = z
  .strictObject({
    studyDate: isoDateSchema.describe('Date of the PET study, YYYY-MM-DD'),
    uptakeTimeMin: z
      .number()
      .positive({ error: 'the uptake time is greater than 0 minutes' })
      .optional()
      .describe('Uptake time: minutes from injection to the start of the acquisition'),
    scannerId: z
      .string()
      .min(1)
      .max(128)
      .optional()
      .describe('Scanner identifier (e.g. manufacturer, model and serial number) used to check the same scanner'),
    injectedDoseMBq: z
      .number()
      .positive({ error: 'the injected dose is greater than 0 MBq' })
      .optional()
      .describe('Injected FDG activity, MBq'),
    liver: liverReferenceSchema,
    bloodPool: bloodPoolReferenceSchema.optional(),
    lesions: z.array(petLesionSchema).describe('Lesions found on this time point (empty when none is found)'),
  })
  .superRefine((timePoint, context) => {
    const seenIds = new Set<string>();
    const seenTrackingIds = new Set<string>();
    timePoint.lesions.forEach((lesion, index) => {
      if (seenIds.has(lesion.id)) {
        context.addIssue({
          code: 'custom',
          path: ['lesions', index, 'id'],
          message: `duplicate lesion id ${lesion.id}`,
        });
      }
      seenIds.add(lesion.id);
      if (lesion.trackingId !== undefined) {
        if (seenTrackingIds.has(lesion.trackingId)) {
          context.addIssue({
            code: 'custom',
            path: ['lesions', index, 'trackingId'],
            message: `duplicate tracking id ${lesion.trackingId}: one lesion per tracking id and time point`,
          });
        }
        seenTrackingIds.add(lesion.trackingId);
      }
    });
  })
  .describe('A quantified FDG PET time point: study, reference regions and lesions');

export type LiverReference = z.output<typeof liverReferenceSchema>;
export type BloodPoolReference = z.output<typeof bloodPoolReferenceSchema>;
export type PetLesion = z.output<typeof petLesionSchema>;
export type PetTimePoint = z.output<typeof petTimePointSchema>;
