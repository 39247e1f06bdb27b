import { z } from 'zod';
import { skeletalLocationSchema } from '../anatomy/skeletal-location.js';
import { endBeforeStartMessage, isoDateSchema } from './dates.js';

/** Adds an issue at `endDate` when it precedes `startDate`. */
function checkDateOrder(
  course: { readonly startDate: string; readonly endDate?: string | undefined },
  context: { addIssue: (issue: { code: 'custom'; path: string[]; message: string }) => void },
): void {
  const message = endBeforeStartMessage(course.startDate, course.endDate);
  if (message !== undefined) context.addIssue({ code: 'custom', path: ['endDate'], message });
}

export const systemicTherapyCategories = [
  'endocrine',
  'chemotherapy',
  'her2_targeted',
  'cdk4_6_inhibitor',
  'other',
] as const;

export const systemicTherapySchema = z
  .strictObject({
    kind: z.literal('systemic').describe('Systemic anticancer therapy'),
    lineNumber: z
      .int()
      .min(1)
      .max(20)
      .describe('Line of therapy for metastatic disease: 1 for first line, 2 for second line, …'),
    regimen: z.string().min(1).max(200).describe('Regimen name, e.g. "letrozole + palbociclib"'),
    category: z
      .enum(systemicTherapyCategories)
      .describe('Main category: endocrine, chemotherapy, her2_targeted, cdk4_6_inhibitor or other'),
    startDate: isoDateSchema.describe('First day of the regimen, YYYY-MM-DD'),
    endDate: isoDateSchema.optional().describe('Last day of the regimen, YYYY-MM-DD; absent while ongoing'),
  })
  .superRefine(checkDateOrder);

export const boneTargetedAgents = ['zoledronic_acid', 'denosumab', 'pamidronate'] as const;

/**
 * One administration of a bone-targeted agent. The dose bound (0 < dose ≤ 200 mg) is a plausibility
 * check against unit slips (µg entered as mg), not a dosing rule: the labelled single doses are
 * zoledronic acid 4 mg, denosumab 120 mg and pamidronate 90 mg; dosing rules live in @bonemet/clinical.
 */
export const boneTargetedAgentSchema = z.strictObject({
  kind: z.literal('bone_targeted_agent').describe('Administration of a bone-targeted agent'),
  agent: z.enum(boneTargetedAgents).describe('Agent: zoledronic_acid, denosumab or pamidronate'),
  date: isoDateSchema.describe('Date of administration, YYYY-MM-DD'),
  doseMg: z
    .number()
    .positive()
    .max(200, { error: 'a single dose of a bone-targeted agent is at most 200 mg; check the unit (mg)' })
    .describe('Dose given, in mg (zoledronic acid 4 mg, denosumab 120 mg, pamidronate 90 mg when not reduced)'),
});

const radiotherapyCourseShape = {
  site: skeletalLocationSchema,
  totalDoseGy: z
    .number()
    .positive()
    .max(100, { error: 'a total dose above 100 Gy is not a bone radiotherapy course; check the unit (Gy)' })
    .describe('Total prescribed dose of the course, in Gy (e.g. 8 for 8 Gy × 1, 30 for 3 Gy × 10)'),
  fractions: z.int().min(1).max(50).describe('Number of fractions (1–50)'),
  startDate: isoDateSchema.describe('Date of the first fraction, YYYY-MM-DD'),
  endDate: isoDateSchema
    .optional()
    .describe('Date of the last fraction, YYYY-MM-DD; not before startDate; absent while ongoing'),
  technique: z
    .enum(['conventional', 'sbrt'])
    .optional()
    .describe('conventional external-beam radiotherapy or sbrt (stereotactic body radiotherapy)'),
};

/** A course of external-beam radiotherapy to one skeletal site. */
export const radiotherapyCourseSchema = z
  .strictObject(radiotherapyCourseShape)
  .superRefine(checkDateOrder)
  .describe('A course of radiotherapy to one skeletal site');

export type RadiotherapyCourse = z.output<typeof radiotherapyCourseSchema>;

/** A radiotherapy course as a treatment record (with `kind`). */
export const radiotherapyTreatmentSchema = z
  .strictObject({
    kind: z.literal('radiotherapy').describe('Radiotherapy course'),
    ...radiotherapyCourseShape,
  })
  .superRefine(checkDateOrder);

export const boneProcedures = [
  'surgery_fixation',
  'decompression',
  'vertebral_augmentation',
  'cementoplasty',
  'radiofrequency_ablation',
  'cryoablation',
  'mrgfus',
  'photodynamic_therapy',
] as const;

export const boneProcedureSchema = z.strictObject({
  kind: z.literal('procedure').describe('Surgical or minimally invasive procedure on bone'),
  procedure: z
    .enum(boneProcedures)
    .describe(
      'Procedure: surgery_fixation, decompression, vertebral_augmentation (vertebroplasty/kyphoplasty), cementoplasty, radiofrequency_ablation, cryoablation, mrgfus (MR-guided focused ultrasound) or photodynamic_therapy',
    ),
  site: skeletalLocationSchema,
  date: isoDateSchema.describe('Date of the procedure, YYYY-MM-DD'),
});

/** Any treatment, told apart by `kind`: systemic, bone_targeted_agent, radiotherapy or procedure. */
export const treatmentSchema = z
  .discriminatedUnion('kind', [
    systemicTherapySchema,
    boneTargetedAgentSchema,
    radiotherapyTreatmentSchema,
    boneProcedureSchema,
  ])
  .describe('A treatment: systemic, bone_targeted_agent, radiotherapy or procedure (field "kind")');

export type SystemicTherapy = z.output<typeof systemicTherapySchema>;
export type BoneTargetedAgentAdministration = z.output<typeof boneTargetedAgentSchema>;
export type RadiotherapyTreatment = z.output<typeof radiotherapyTreatmentSchema>;
export type BoneProcedure = z.output<typeof boneProcedureSchema>;
export type Treatment = z.output<typeof treatmentSchema>;
