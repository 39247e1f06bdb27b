/** The JSON sidecar that gives a PNG or TIFF whole-body image what DICOM would carry. */
import { z } from 'zod';

const storedOrientation = z.strictObject({
  headAtTop: z.boolean().describe('true when row 0 of the stored image is the head end'),
  patientLeftOn: z.enum(['image-left', 'image-right']).describe("side of the stored image holding the patient's left"),
});

export const wholeBodySidecarSchema = z.strictObject({
  pixelSpacingMm: z
    .tuple([z.number().positive(), z.number().positive()])
    .describe('[between rows, between columns] in mm, e.g. [2.26, 2.26]'),
  layout: z.enum(['single', 'side-by-side']).describe('one view, or two views side by side in one image'),
  views: z
    .array(z.enum(['anterior', 'posterior']))
    .min(1)
    .max(2)
    .describe('the views, left to right for a side-by-side image'),
  splitColumn: z.int().positive().optional().describe('first column of the right-hand view; default: half the width'),
  storedOrientation: z
    .array(storedOrientation)
    .optional()
    .describe('how each stored view lies; default: anterior seen from the front, posterior from behind, head up'),
  pixelValuesAreCounts: z
    .boolean()
    .describe('true when the pixel values are detected counts (a raw 16-bit export); false for display images'),
  totalCounts: z
    .array(z.number().positive().nullable())
    .optional()
    .describe('total counts per view as the camera recorded them, in the order of views; null when unknown'),
  acquisition: z
    .strictObject({
      scanSpeedCmPerMin: z.number().positive().optional().describe('table speed, cm/min'),
      uptakeTimeMin: z.number().nonnegative().optional().describe('injection to acquisition start, minutes'),
      radiopharmaceutical: z.string().min(1).optional().describe('e.g. 99mTc-HDP'),
      administeredActivityMBq: z.number().positive().optional().describe('administered activity, MBq'),
    })
    .optional()
    .describe('acquisition data when known'),
});

export type WholeBodySidecar = z.output<typeof wholeBodySidecarSchema>;
