/**
 * Options of the whole-body bone-scan phantom, validated at the edge. A field left out is drawn from the
 * seed (habitus, acquisition, findings), so `{ seed }` alone gives a varied, reproducible study; every
 * field can also be fixed.
 */
import { z } from 'zod';
import { boneScanParts } from '@bonemet/bonescan';

const partIds = boneScanParts.map((part) => part.id) as [string, ...string[]];

export const boneScanFindingKinds = ['metastasis', 'lytic-metastasis', 'degenerative-joint', 'rib-fracture'] as const;
export type BoneScanFindingKind = (typeof boneScanFindingKinds)[number];

export const boneScanLesionSchema = z
  .strictObject({
    kind: z
      .enum(boneScanFindingKinds)
      .describe(
        'metastasis (focal increased uptake), lytic-metastasis (photopenic centre with a hot rim), degenerative-joint or rib-fracture (benign)',
      ),
    part: z.enum(partIds).describe('skeleton part that holds the finding (a label of the region maps)'),
    diameterMm: z.number().min(4).max(60).describe('diameter of the finding, mm'),
    contrast: z
      .number()
      .min(0)
      .max(20)
      .describe(
        'uptake of the finding as a multiple of the normal uptake of its bone; for a lytic metastasis the uptake of its photopenic centre (below 1)',
      ),
    rimContrast: z
      .number()
      .min(1)
      .max(20)
      .default(2)
      .describe('lytic metastasis only: uptake of the hot rim as a multiple of normal bone'),
    rimWidthMm: z.number().min(1).max(15).default(4).describe('lytic metastasis only: width of the hot rim, mm'),
    centrePx: z
      .tuple([z.number().int().min(0), z.number().int().min(0)])
      .optional()
      .describe(
        '[column, row] of the centre in the anterior view; default: the pixel of the part nearest to the part’s centroid',
      ),
  })
  .describe('a finding placed by the caller');

export const boneScanPhantomOptionsSchema = z.strictObject({
  seed: z
    .number()
    .int()
    .min(0)
    .max(4294967295)
    .default(1)
    .describe('seed of the pseudo-random generator; the same options give the same study bit for bit'),
  sex: z.enum(['F', 'M']).optional().describe('habitus: F (narrower shoulders, wider pelvis) or M; default drawn'),
  heightCm: z.number().min(150).max(195).optional().describe('body height, cm; default drawn in 150–195'),
  armPose: z
    .enum(['sides', 'apart'])
    .optional()
    .describe(
      'arms at the sides (0–2° abduction) or apart from the body (4–7°, clear of the thighs; wider abduction would leave a 256-column field); default drawn',
    ),
  rotationDeg: z
    .number()
    .min(-5)
    .max(5)
    .optional()
    .describe('in-plane rotation of the body, degrees, positive turning the head to the patient’s left; default drawn'),
  pixelSizeMm: z.number().min(2).max(3).optional().describe('square pixel size, mm; default drawn in 2.0–3.0'),
  columns: z
    .union([z.literal(256), z.literal(512)])
    .default(256)
    .describe('image columns (the rows are 1024, or more when the body needs them)'),
  totalCountsPerView: z
    .number()
    .min(400_000)
    .max(3_000_000)
    .optional()
    .describe('expected total counts of each view; default drawn in 0.4–3 million'),
  blurFwhmMm: z
    .number()
    .min(0)
    .max(20)
    .default(8.5)
    .describe(
      'camera resolution, FWHM of a Gaussian, mm; default 8.5, within the 7–10 mm of a LEHR collimator at 10 cm (reference note §4.2); 0 = no blur',
    ),
  poissonNoise: z
    .boolean()
    .default(true)
    .describe('draw Poisson counts (true) or store the rounded expected counts (false)'),
  softTissue: z
    .boolean()
    .default(true)
    .describe('include soft-tissue background, kidneys, bladder and injection site; false leaves the skeleton alone'),
  injectionArm: z
    .enum(['left', 'right'])
    .optional()
    .describe('arm of the injection (antecubital fossa); default drawn'),
  superscan: z
    .boolean()
    .optional()
    .describe('diffusely high skeletal uptake with faint kidneys and bladder; default drawn (3 % of studies)'),
  metastases: z
    .number()
    .int()
    .min(0)
    .max(40)
    .optional()
    .describe('number of randomly placed hot metastases (8–40 mm, 1.3–8×); default drawn (none in a third)'),
  lyticMetastases: z
    .number()
    .int()
    .min(0)
    .max(10)
    .optional()
    .describe('number of randomly placed cold lytic metastases with a hot rim; default drawn'),
  degenerativeJoints: z
    .boolean()
    .optional()
    .describe('symmetric degenerative uptake in knees, shoulders and/or lower lumbar facets; default drawn'),
  ribFractures: z
    .number()
    .int()
    .min(0)
    .max(4)
    .refine((n) => n !== 1, 'aligned rib fractures involve 0 or 2–4 consecutive ribs')
    .optional()
    .describe('number of consecutive ribs with aligned fractures (0 or 2–4); default drawn'),
  lesions: z
    .array(boneScanLesionSchema)
    .max(40)
    .default([])
    .describe('findings placed by the caller, added to the random ones'),
  scanSpeedCmPerMin: z.number().min(5).max(30).default(12).describe('table speed, cm/min (written as Scan Velocity)'),
  uptakeMinutes: z.number().min(60).max(360).default(180).describe('time from injection to the scan, minutes'),
  administeredActivityMBq: z.number().min(100).max(1200).default(740).describe('99mTc-HDP activity, MBq'),
});

export type BoneScanPhantomOptionsInput = z.input<typeof boneScanPhantomOptionsSchema>;
export type BoneScanPhantomOptions = z.output<typeof boneScanPhantomOptionsSchema>;
export type BoneScanLesionOptions = z.output<typeof boneScanLesionSchema>;
