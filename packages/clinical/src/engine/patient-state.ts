import { boneTargetedAgents, isoDateSchema, lesionTypeSchema, skeletalLocationSchema } from '@bonemet/core';
import { z } from 'zod';
import { calciumLimitOfNormalSchema } from '../labs/ctcae-calcium.js';
import { opioidDoseSchema } from '../medication/oral-morphine-equivalent.js';
import { albuminQuantitySchema, calciumQuantitySchema, creatinineQuantitySchema } from '../labs/units.js';

/**
 * The patient state the recommendation engine reads: everything a tumour board weighs for a patient with
 * bone metastases of breast cancer. Published as JSON Schema (schemas/patient-state.schema.json).
 *
 * Nothing clinical is defaulted: a field that is absent is "not known", and rules that need it say so in the
 * report instead of assuming a value.
 */

const receptorStatus = z.enum(['positive', 'negative']);

const painSchema = z
  .strictObject({
    worstPain: z
      .number()
      .int()
      .min(0)
      .max(10)
      .describe('worst pain at this lesion over the last days, numeric rating scale 0 (none) to 10 (worst imaginable)'),
    mechanical: z
      .boolean()
      .describe(
        'pain with movement or loading and/or relieved by lying down (SINS "mechanical pain"; Mirels "functional")',
      ),
  })
  .describe('pain attributed to this lesion');

const priorRadiotherapySchema = z
  .strictObject({
    totalDoseGy: z.number().positive().max(100).describe('total physical dose delivered to this site, Gy'),
    fractions: z.number().int().min(1).max(50).describe('number of fractions'),
    endDate: isoDateSchema.describe('date of the last fraction (YYYY-MM-DD)'),
    technique: z
      .enum(['conventional', 'sbrt'])
      .describe('conventional external beam or stereotactic body radiotherapy'),
    painAtTreatment: z
      .strictObject({
        worstPain: z.number().int().min(0).max(10).describe('worst pain 0-10 at this site when radiotherapy started'),
        omedMgPerDay: z
          .number()
          .min(0)
          .describe('oral morphine equivalent daily dose, mg/day, when radiotherapy started'),
      })
      .optional()
      .describe('pain and analgesic use at the start of this course, for the International Consensus pain response'),
    doseLimitReached: z
      .boolean()
      .optional()
      .describe(
        'the treating radiation oncologist judges that this site has reached its dose limit (e.g. spinal cord)',
      ),
  })
  .describe('a previous radiotherapy course to this lesion');

const limbLesionSchema = z
  .strictObject({
    mirelsPain: z
      .enum(['mild', 'moderate', 'functional'])
      .describe('Mirels pain item: mild, moderate, or functional (aggravated by limb function)'),
    sizeFraction: z
      .enum(['lt_one_third', 'one_third_to_two_thirds', 'gt_two_thirds'])
      .describe('fraction of the bone diameter (plain radiograph) occupied by the lesion, Mirels size item'),
    pathologicalFracture: z.boolean().describe('a pathological fracture is already present at this lesion'),
  })
  .describe('long-bone findings for fracture-risk assessment (Mirels)');

const spinalLesionSchema = z
  .strictObject({
    alignment: z
      .enum(['subluxation_translation', 'de_novo_deformity', 'normal'])
      .describe('radiographic spinal alignment (SINS)'),
    collapse: z
      .enum(['gt_50_percent', 'lt_50_percent', 'no_collapse_gt_50_percent_body_involved', 'none'])
      .describe('vertebral body collapse (SINS)'),
    posterolateral: z
      .enum(['bilateral', 'unilateral', 'none'])
      .describe(
        'posterolateral involvement: facet, pedicle or costovertebral joint fracture or tumour replacement (SINS)',
      ),
    esccGrade: z
      .enum(['0', '1a', '1b', '1c', '2', '3'])
      .optional()
      .describe('epidural spinal cord compression grade on axial T2 MRI (Bilsky 2010); absent if no MRI'),
    compressionFracture: z.boolean().describe('a pathological vertebral compression fracture is present'),
    posteriorWallInvolved: z
      .boolean()
      .optional()
      .describe('tumour involves or disrupts the posterior vertebral body wall (relative contraindication to cement)'),
    collapsePercent: z
      .number()
      .min(0)
      .max(100)
      .optional()
      .describe('estimated loss of vertebral body height, percent (vertebra plana above about 70%)'),
  })
  .describe('spinal findings for stability and cord-compression assessment (SINS, ESCC)');

export const boneLesionSchema = z
  .strictObject({
    id: z.string().min(1).max(64).describe('lesion identifier, unique within this patient'),
    location: skeletalLocationSchema,
    type: lesionTypeSchema.describe('radiographic lesion type: lytic, blastic or mixed'),
    pain: painSchema,
    softTissueComponentMm: z
      .number()
      .min(0)
      .max(500)
      .optional()
      .describe('longest diameter of the soft-tissue component, mm'),
    limb: limbLesionSchema.optional(),
    spine: spinalLesionSchema.optional(),
    priorSurgery: z
      .strictObject({
        procedure: z
          .enum(['fixation', 'decompression', 'stabilisation', 'arthroplasty', 'resection'])
          .describe('operation on this lesion'),
        date: isoDateSchema.describe('date of the operation (YYYY-MM-DD)'),
      })
      .optional()
      .describe('surgery to this lesion (post-operative radiotherapy follows fixation or decompression)'),
    radiotherapyUnsuitable: z
      .boolean()
      .optional()
      .describe(
        'radiotherapy to this site is not possible or declined by the patient (opens ablation as a first option)',
      ),
    priorRadiotherapy: z
      .array(priorRadiotherapySchema)
      .max(10)
      .default([])
      .describe('previous radiotherapy courses to this site'),
  })
  .describe('one bone metastasis');

export const patientStateSchema = z
  .strictObject({
    schemaVersion: z.literal('1').describe('version of this input schema'),
    patient: z
      .strictObject({
        id: z.string().min(1).max(64).describe('pseudonymous identifier (no names or record numbers)'),
        synthetic: z.boolean().describe('true for synthetic (invented) patients; shown on every report'),
        ageYears: z.number().int().min(18).max(120).describe('age in whole years'),
        sex: z.enum(['female', 'male']).describe('sex used by Cockcroft-Gault'),
        weightKg: z.number().min(20).max(400).optional().describe('actual body weight, kg'),
      })
      .describe('the patient'),
    assessmentDate: isoDateSchema.describe('date on which this state holds (YYYY-MM-DD); timing rules count from it'),
    biology: z
      .strictObject({
        er: receptorStatus.describe('oestrogen receptor status'),
        pr: receptorStatus.describe('progesterone receptor status'),
        her2: z.enum(['positive', 'low', 'negative']).describe('HER2 status (low = IHC 1+ or 2+/ISH negative)'),
      })
      .describe('tumour biology of the metastatic disease'),
    performance: z
      .strictObject({
        ecog: z.number().int().min(0).max(4).describe('ECOG performance status 0-4'),
        karnofskyPercent: z
          .number()
          .int()
          .min(10)
          .max(100)
          .multipleOf(10)
          .optional()
          .describe('Karnofsky performance status, percent (needed for the revised Tokuhashi score)'),
      })
      .describe('performance status'),
    expectedSurvivalMonths: z
      .number()
      .min(0)
      .max(240)
      .optional()
      .describe("the treating team's estimate of survival, months; rules needing it say so when absent"),
    disease: z
      .strictObject({
        boneLesionCount: z
          .number()
          .int()
          .min(1)
          .max(1000)
          .describe('number of bone metastases seen on imaging (may exceed the lesions listed)'),
        vertebralLesionCount: z.number().int().min(0).max(24).optional().describe('number of vertebrae involved'),
        visceralMetastases: z
          .enum(['none', 'nodular', 'disseminated'])
          .describe(
            'visceral or cerebral metastases: none, nodular, or disseminated (pleural, peritoneal, leptomeningeal)',
          ),
        visceralTreatable: z
          .boolean()
          .optional()
          .describe('visceral metastases judged treatable/removable (Tomita, Tokuhashi); ignored when there are none'),
      })
      .describe('extent of disease'),
    neurology: z
      .strictObject({
        signs: z
          .enum(['none', 'radicular_pain', 'sensory_deficit', 'motor_deficit', 'sphincter_dysfunction'])
          .describe('most severe new neurological symptom or sign attributable to the spine'),
        frankelGrade: z.enum(['A', 'B', 'C', 'D', 'E']).optional().describe('Frankel grade (E = normal)'),
        paraplegiaOver48h: z.boolean().optional().describe('complete paraplegia lasting more than 48 hours'),
      })
      .describe('neurological status'),
    systemicTherapy: z
      .strictObject({
        current: z
          .enum(['none', 'endocrine', 'endocrine_cdk4_6', 'chemotherapy', 'her2_targeted', 'other'])
          .describe('current systemic treatment category'),
        previousChemotherapy: z.boolean().describe('any chemotherapy before now (Katagiri)'),
      })
      .describe('systemic therapy'),
    boneTargetedAgent: z
      .strictObject({
        current: z.enum(['none', ...boneTargetedAgents]).describe('bone-targeted agent now'),
        monthsOnAgent: z.number().min(0).max(240).optional().describe('months on the current agent'),
        baselineCreatinine: creatinineQuantitySchema
          .optional()
          .describe('serum creatinine before the first dose of the current bisphosphonate'),
        withheldForRenalDeterioration: z
          .boolean()
          .optional()
          .describe('the current bisphosphonate is on hold for renal deterioration'),
        intervalWeeks: z
          .number()
          .int()
          .min(1)
          .max(26)
          .optional()
          .describe('current dosing interval of the agent, weeks (e.g. 4 or 12)'),
      })
      .describe('bone-targeted agent history'),
    dental: z
      .strictObject({
        status: z
          .enum([
            'cleared',
            'not_assessed',
            'invasive_procedure_planned',
            'active_dental_infection',
            'osteonecrosis_of_jaw',
          ])
          .describe('dental status for osteonecrosis-of-the-jaw prevention'),
      })
      .describe('dental status'),
    labs: z
      .strictObject({
        serumCreatinine: creatinineQuantitySchema.optional().describe('serum creatinine'),
        totalCalcium: calciumQuantitySchema.optional().describe('total serum calcium (not albumin-corrected)'),
        albumin: albuminQuantitySchema.optional().describe('serum albumin'),
        calciumUpperLimitOfNormal: calciumLimitOfNormalSchema
          .optional()
          .describe('upper limit of normal for serum calcium of the reporting laboratory, in the unit of totalCalcium'),
        calciumLowerLimitOfNormal: calciumLimitOfNormalSchema
          .optional()
          .describe('lower limit of normal for serum calcium of the reporting laboratory, in the unit of totalCalcium'),
        onDialysis: z.boolean().optional().describe('on renal replacement therapy'),
        crpMgDl: z.number().min(0).max(100).optional().describe('C-reactive protein, mg/dL (new Katagiri score)'),
        ldhIuL: z.number().min(0).max(20000).optional().describe('lactate dehydrogenase, IU/L (new Katagiri score)'),
        plateletsPerUl: z
          .number()
          .min(0)
          .max(5_000_000)
          .optional()
          .describe('platelet count per microlitre (new Katagiri score)'),
        bilirubinMgDl: z.number().min(0).max(50).optional().describe('total bilirubin, mg/dL (new Katagiri score)'),
      })
      .describe('most recent laboratory values'),
    analgesia: z
      .strictObject({
        opioids: z.array(opioidDoseSchema).max(10).describe('regular opioids now'),
      })
      .optional()
      .describe('current analgesia'),
    contraindications: z
      .strictObject({
        uncorrectableCoagulopathy: z.boolean().describe('coagulopathy that cannot be corrected'),
        activeInfection: z.boolean().describe('active local or systemic infection'),
        medicallyOperable: z.boolean().describe('fit for open surgery under general anaesthesia'),
        cementAllergy: z
          .boolean()
          .optional()
          .describe('known allergy to bone cement (PMMA): an absolute contraindication to cement procedures'),
      })
      .describe('procedural fitness'),
    lesions: z.array(boneLesionSchema).min(1).max(100).describe('the bone metastases to assess, one entry each'),
  })
  .superRefine((state, ctx) => {
    const seen = new Set<string>();
    state.lesions.forEach((lesion, index) => {
      if (seen.has(lesion.id)) {
        ctx.addIssue({ code: 'custom', path: ['lesions', index, 'id'], message: `duplicate lesion id "${lesion.id}"` });
      }
      seen.add(lesion.id);
      const isSpine = lesion.location.bone === 'vertebra';
      if (lesion.spine !== undefined && !isSpine) {
        ctx.addIssue({
          code: 'custom',
          path: ['lesions', index, 'spine'],
          message: 'spinal findings are only valid for a vertebral location',
        });
      }
      if (lesion.priorSurgery !== undefined && lesion.priorSurgery.date > state.assessmentDate) {
        ctx.addIssue({
          code: 'custom',
          path: ['lesions', index, 'priorSurgery', 'date'],
          message: 'surgery date is after the assessment date',
        });
      }
      lesion.priorRadiotherapy.forEach((course, courseIndex) => {
        if (course.endDate > state.assessmentDate) {
          ctx.addIssue({
            code: 'custom',
            path: ['lesions', index, 'priorRadiotherapy', courseIndex, 'endDate'],
            message: 'radiotherapy end date is after the assessment date',
          });
        }
      });
    });
    const { frankelGrade, signs } = state.neurology;
    if (frankelGrade !== undefined && frankelGrade !== 'E' && (signs === 'none' || signs === 'radicular_pain')) {
      ctx.addIssue({
        code: 'custom',
        path: ['neurology', 'signs'],
        message: `Frankel grade ${frankelGrade} means a motor or sensory deficit, but neurology.signs is "${signs}"`,
      });
    }
    if (state.lesions.length > state.disease.boneLesionCount) {
      ctx.addIssue({
        code: 'custom',
        path: ['disease', 'boneLesionCount'],
        message: `boneLesionCount (${String(state.disease.boneLesionCount)}) is less than the ${String(state.lesions.length)} lesions listed`,
      });
    }
  })
  .describe('bonemet patient state for the bone-metastasis recommendation engine');

export type PatientState = z.output<typeof patientStateSchema>;
export type BoneLesion = z.output<typeof boneLesionSchema>;
export type PriorRadiotherapy = BoneLesion['priorRadiotherapy'][number];
