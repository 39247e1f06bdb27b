/** Options of the PET/CT phantom, validated at the edge; the schema is the single source of the type. */
import { z } from 'zod';

const positiveMm = z.number().positive().max(50);

const dicomDate = z
  .string()
  .regex(/^\d{8}$/)
  .describe('date, DICOM DA YYYYMMDD');
const dicomTime = z
  .string()
  .regex(/^\d{6}$/)
  .describe('time of day, DICOM TM HHMMSS');

export const osseousLesionSchema = z
  .strictObject({
    site: z
      .enum(['spine', 'pelvis', 'sacrum'])
      .describe('bone that holds the lesion: a vertebral body, the os coxae of the pelvic ring, or the sacrum'),
    diameterMm: z.number().min(6).max(24).describe('sphere diameter, mm; the whole sphere lies inside the bone'),
    suvbw: z.number().positive().max(100).describe('true SUVbw of the lesion, g/ml'),
    ctAppearance: z
      .enum(['lytic', 'blastic'])
      .describe('CT appearance: lytic (lesion HU below bone) or blastic (sclerotic, HU above bone)'),
  })
  .describe('an osseous metastasis');

export const petCtPhantomOptionsSchema = z.strictObject({
  seed: z
    .number()
    .int()
    .min(0)
    .max(4294967295)
    .default(1)
    .describe('seed of the pseudo-random generator (lesion placement, noise); the same seed gives identical files'),
  dimensions: z
    .tuple([z.number().int().min(32).max(1024), z.number().int().min(32).max(1024), z.number().int().min(8).max(2000)])
    .default([96, 96, 48])
    .describe('[columns (x), rows (y), slices (z)] of the PET and CT grids, voxels'),
  spacingMm: z
    .tuple([positiveMm, positiveMm, positiveMm])
    .default([4, 4, 4])
    .describe('voxel size [x (between columns), y (between rows), z (between slice centres)], mm'),
  blurFwhmMm: z
    .number()
    .min(0)
    .max(30)
    .default(0)
    .describe('PET resolution: full width at half maximum of an isotropic 3-D Gaussian, mm; 0 = no blur'),
  noiseCv: z
    .number()
    .min(0)
    .max(1)
    .default(0)
    .describe(
      'PET noise: coefficient of variation at the soft-tissue background concentration; the SD at concentration c is cv·sqrt(c·c_background) (count-like); 0 = no noise',
    ),
  ctNoiseSdHu: z.number().min(0).max(200).default(0).describe('CT noise: SD of white Gaussian noise, HU; 0 = none'),
  patient: z
    .strictObject({
      weightKg: z.number().min(20).max(300).describe("Patient's Weight, kg"),
      heightM: z.number().min(1).max(2.5).describe("Patient's Size (height), m"),
      sex: z.enum(['F', 'M', 'O']).describe("Patient's Sex"),
    })
    .default({ weightKg: 70, heightM: 1.65, sex: 'F' })
    .describe('the synthetic patient'),
  injectedActivityMBq: z
    .number()
    .positive()
    .max(2000)
    .default(370)
    .describe('Radionuclide Total Dose at the injection time, MBq'),
  halfLifeS: z
    .number()
    .positive()
    .default(6586.2)
    .describe('Radionuclide Half Life, s (default: fluorine-18, 109.77 min)'),
  scanDate: dicomDate.default('20240115').describe('date of injection and scan, DICOM DA YYYYMMDD'),
  scanStartTime: dicomTime.default('103000').describe('start of the first bed position, DICOM TM HHMMSS'),
  uptakeMinutes: z
    .number()
    .min(1)
    .max(600)
    .default(60)
    .describe('time from injection to the start of the scan, minutes (the injection is on the scan date)'),
  bedDurationS: z.number().int().min(10).max(3600).default(120).describe('acquisition time per bed position, s'),
  bedLengthMm: z.number().min(50).max(400).default(160).describe('axial length of one bed position, mm'),
  uptake: z
    .strictObject({
      backgroundSuvbw: z.number().positive().describe('soft-tissue background SUVbw, g/ml'),
      liverSuvbw: z.number().positive().describe('liver SUVbw, g/ml'),
      boneMarrowSuvbw: z.number().positive().describe('SUVbw of the spine, sacrum and pelvis (bone marrow), g/ml'),
      lungSuvbw: z
        .number()
        .positive()
        .default(0.5)
        .describe(
          'lung parenchyma SUVbw, g/ml; aerated lung holds little tissue, so its SUV is low (below blood pool)',
        ),
      kidneySuvbw: z
        .number()
        .positive()
        .default(2)
        .describe('renal parenchyma SUVbw, g/ml; representative value, kept below the liver'),
      urineSuvbw: z
        .number()
        .positive()
        .default(20)
        .describe(
          'urine in the renal collecting systems and the bladder, SUVbw, g/ml: FDG is excreted in urine, so these are the hottest normal structures (Engel 1996; Shreve 1999); the value varies widely with hydration and voiding, 20 is representative',
        ),
      brainSuvbw: z
        .number()
        .positive()
        .default(8)
        .describe(
          'brain SUVbw, g/ml, when the head is in the volume; cerebellum SUVmean 8.0 ± 2.2 in the normal-tissue atlas of Wang et al. (Mol Imaging Biol 2007;9:83–90)',
        ),
    })
    .default({
      backgroundSuvbw: 1,
      liverSuvbw: 2.2,
      boneMarrowSuvbw: 1.6,
      lungSuvbw: 0.5,
      kidneySuvbw: 2,
      urineSuvbw: 20,
      brainSuvbw: 8,
    })
    .describe('true uptake of the normal tissues'),
  hotSphereDiametersMm: z
    .array(z.number().min(5).max(60))
    .max(12)
    .default([10, 13, 17, 22, 28, 37])
    .describe('diameters of the hot spheres in soft tissue, mm (default: the NEMA NU 2 / IEC body phantom set)'),
  hotSphereContrasts: z
    .array(z.number().min(1).max(50))
    .max(4)
    .default([4, 8])
    .describe('sphere-to-background activity ratios; every diameter is placed once at each ratio'),
  osseousLesions: z
    .array(osseousLesionSchema)
    .max(20)
    .default([
      { site: 'spine', diameterMm: 12, suvbw: 8, ctAppearance: 'lytic' },
      { site: 'spine', diameterMm: 14, suvbw: 5, ctAppearance: 'blastic' },
      { site: 'pelvis', diameterMm: 16, suvbw: 10, ctAppearance: 'lytic' },
      { site: 'pelvis', diameterMm: 10, suvbw: 4, ctAppearance: 'blastic' },
    ])
    .describe('osseous metastases'),
  ctHu: z
    .strictObject({
      air: z.number().describe('outside the body, HU'),
      softTissue: z.number().describe('soft tissue, HU'),
      liver: z.number().describe('liver, HU'),
      bone: z.number().describe('vertebral bodies, sacrum and pelvis (cortex and marrow averaged), HU'),
      lyticLesion: z.number().describe('lytic lesion, HU'),
      blasticLesion: z.number().describe('blastic lesion, HU'),
      lung: z.number().default(-800).describe('aerated lung, HU (typically −700 to −900)'),
      kidney: z.number().default(30).describe('renal parenchyma without contrast, HU (typically 30–50)'),
      urine: z.number().default(10).describe('urine, HU (water-like, 0–20)'),
      brain: z.number().default(35).describe('brain, grey and white matter averaged, HU (typically 30–45)'),
      skull: z.number().default(900).describe('skull vault, cortical and diploic bone averaged, HU'),
    })
    .default({
      air: -1000,
      softTissue: 40,
      liver: 60,
      bone: 400,
      lyticLesion: 30,
      blasticLesion: 1100,
      lung: -800,
      kidney: 30,
      urine: 10,
      brain: 35,
      skull: 900,
    })
    .describe(
      'CT attenuation of each tissue; the defaults are approximate textbook values of unenhanced CT (water 0 and air −1000 by the definition of the Hounsfield scale)',
    ),
});

export type PetCtPhantomOptions = z.output<typeof petCtPhantomOptionsSchema>;
export type PetCtPhantomOptionsInput = z.input<typeof petCtPhantomOptionsSchema>;
export type OsseousLesionOptions = z.output<typeof osseousLesionSchema>;
