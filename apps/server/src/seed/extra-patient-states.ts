import { patientStateSchema, type PatientState } from '@bonemet/clinical';
import { parseInput } from '@bonemet/core';
import type { z } from 'zod';

type StateInput = z.input<typeof patientStateSchema>;

/** Laboratory values within their reference ranges (conventional units, the ranges of the examples). */
const NORMAL_LABS: StateInput['labs'] = {
  serumCreatinine: { value: 0.8, unit: 'mg/dL' },
  totalCalcium: { value: 9.4, unit: 'mg/dL' },
  albumin: { value: 4.0, unit: 'g/dL' },
  calciumUpperLimitOfNormal: { value: 10.2, unit: 'mg/dL' },
  calciumLowerLimitOfNormal: { value: 8.5, unit: 'mg/dL' },
};

const NO_CONTRAINDICATIONS: StateInput['contraindications'] = {
  uncorrectableCoagulopathy: false,
  activeInfection: false,
  medicallyOperable: true,
};

type Overrides = Omit<StateInput, 'schemaVersion' | 'labs' | 'contraindications' | 'dental' | 'neurology'> &
  Partial<Pick<StateInput, 'labs' | 'contraindications' | 'dental' | 'neurology'>>;

/** A synthetic patient state with normal labs, cleared dentition and no neurological signs unless given. */
function state(overrides: Overrides): PatientState {
  return parseInput(
    patientStateSchema,
    {
      schemaVersion: '1',
      dental: { status: 'cleared' },
      neurology: { signs: 'none' },
      labs: NORMAL_LABS,
      contraindications: NO_CONTRAINDICATIONS,
      ...overrides,
    },
    `synthetic patient ${overrides.patient.id}`,
  );
}

/** SYN-008: ER-positive, bone-only disease; a flare on the first follow-up bone scan that settles. */
export const boneScanFlareState: PatientState = state({
  patient: { id: 'SYN-008', synthetic: true, ageYears: 52, sex: 'female', weightKg: 66 },
  assessmentDate: '2026-07-28',
  biology: { er: 'positive', pr: 'positive', her2: 'negative' },
  performance: { ecog: 1 },
  disease: { boneLesionCount: 3, vertebralLesionCount: 1, visceralMetastases: 'none' },
  systemicTherapy: { current: 'endocrine_cdk4_6', previousChemotherapy: false },
  boneTargetedAgent: { current: 'denosumab', monthsOnAgent: 6 },
  lesions: [
    {
      id: 'T6',
      location: { bone: 'vertebra', level: 'T6', part: 'body' },
      type: 'blastic',
      pain: { worstPain: 2, mechanical: false },
      spine: { alignment: 'normal', collapse: 'none', posterolateral: 'none', compressionFracture: false },
    },
    {
      id: 'IL',
      location: { bone: 'ilium', laterality: 'right' },
      type: 'blastic',
      pain: { worstPain: 1, mechanical: false },
    },
  ],
});

/** SYN-009: HER2-positive, bone-only disease; a metabolic response on PET after the first line. */
export const petResponderState: PatientState = state({
  patient: { id: 'SYN-009', synthetic: true, ageYears: 46, sex: 'female', weightKg: 64 },
  assessmentDate: '2026-07-10',
  biology: { er: 'negative', pr: 'negative', her2: 'positive' },
  performance: { ecog: 0 },
  disease: { boneLesionCount: 2, vertebralLesionCount: 1, visceralMetastases: 'none' },
  systemicTherapy: { current: 'her2_targeted', previousChemotherapy: false },
  boneTargetedAgent: { current: 'zoledronic_acid', monthsOnAgent: 3, intervalWeeks: 4 },
  lesions: [
    {
      id: 'L2',
      location: { bone: 'vertebra', level: 'L2', part: 'body' },
      type: 'lytic',
      pain: { worstPain: 2, mechanical: false },
      spine: { alignment: 'normal', collapse: 'none', posterolateral: 'none', compressionFracture: false },
    },
    {
      id: 'IL',
      location: { bone: 'ilium', laterality: 'left' },
      type: 'mixed',
      pain: { worstPain: 1, mechanical: false },
    },
  ],
});

/** SYN-010: triple-negative; stable on PET, then a new lesion (progression) and a second line. */
export const petProgressorState: PatientState = state({
  patient: { id: 'SYN-010', synthetic: true, ageYears: 61, sex: 'female', weightKg: 71 },
  assessmentDate: '2026-08-03',
  biology: { er: 'negative', pr: 'negative', her2: 'negative' },
  performance: { ecog: 1 },
  disease: { boneLesionCount: 3, vertebralLesionCount: 1, visceralMetastases: 'nodular', visceralTreatable: true },
  systemicTherapy: { current: 'other', previousChemotherapy: true },
  boneTargetedAgent: { current: 'denosumab', monthsOnAgent: 7 },
  analgesia: { opioids: [{ drug: 'oxycodone', dailyDose: 20 }] },
  lesions: [
    {
      id: 'SA',
      location: { bone: 'sacrum' },
      type: 'lytic',
      pain: { worstPain: 6, mechanical: false },
    },
    {
      id: 'T10',
      location: { bone: 'vertebra', level: 'T10', part: 'body' },
      type: 'lytic',
      pain: { worstPain: 3, mechanical: false },
      spine: { alignment: 'normal', collapse: 'none', posterolateral: 'none', compressionFracture: false },
    },
  ],
});

/** SYN-011: ER-positive oligometastatic disease treated with SBRT to both sites; complete metabolic response. */
export const oligometastaticSbrtState: PatientState = state({
  patient: { id: 'SYN-011', synthetic: true, ageYears: 57, sex: 'female', weightKg: 62 },
  assessmentDate: '2026-10-19',
  biology: { er: 'positive', pr: 'positive', her2: 'negative' },
  performance: { ecog: 0, karnofskyPercent: 90 },
  expectedSurvivalMonths: 48,
  disease: { boneLesionCount: 2, vertebralLesionCount: 1, visceralMetastases: 'none' },
  systemicTherapy: { current: 'endocrine_cdk4_6', previousChemotherapy: false },
  boneTargetedAgent: { current: 'zoledronic_acid', monthsOnAgent: 10, intervalWeeks: 12 },
  lesions: [
    {
      id: 'T11',
      location: { bone: 'vertebra', level: 'T11', part: 'body' },
      type: 'lytic',
      pain: { worstPain: 0, mechanical: false },
      spine: { alignment: 'normal', collapse: 'none', posterolateral: 'none', compressionFracture: false },
      priorRadiotherapy: [{ totalDoseGy: 27, fractions: 3, endDate: '2026-01-16', technique: 'sbrt' }],
    },
    {
      id: 'IL',
      location: { bone: 'ilium', laterality: 'right' },
      type: 'mixed',
      pain: { worstPain: 0, mechanical: false },
      priorRadiotherapy: [{ totalDoseGy: 30, fractions: 3, endDate: '2026-01-30', technique: 'sbrt' }],
    },
  ],
});

/** SYN-012: a pathological fracture of the right femur, fixed, with post-operative radiotherapy. */
export const femoralFractureState: PatientState = state({
  patient: { id: 'SYN-012', synthetic: true, ageYears: 72, sex: 'female', weightKg: 58 },
  assessmentDate: '2026-08-28',
  biology: { er: 'positive', pr: 'negative', her2: 'negative' },
  performance: { ecog: 2 },
  expectedSurvivalMonths: 18,
  disease: { boneLesionCount: 3, vertebralLesionCount: 1, visceralMetastases: 'none' },
  systemicTherapy: { current: 'endocrine', previousChemotherapy: false },
  boneTargetedAgent: { current: 'denosumab', monthsOnAgent: 7 },
  analgesia: { opioids: [{ drug: 'morphine', dailyDose: 20 }] },
  lesions: [
    {
      id: 'FR',
      location: { bone: 'femur', laterality: 'right', part: 'shaft' },
      type: 'lytic',
      pain: { worstPain: 3, mechanical: true },
      limb: { mirelsPain: 'moderate', sizeFraction: 'gt_two_thirds', pathologicalFracture: false },
      priorSurgery: { procedure: 'fixation', date: '2026-05-19' },
      priorRadiotherapy: [
        {
          totalDoseGy: 20,
          fractions: 5,
          endDate: '2026-06-19',
          technique: 'conventional',
          painAtTreatment: { worstPain: 6, omedMgPerDay: 40 },
        },
      ],
    },
    {
      id: 'L3',
      location: { bone: 'vertebra', level: 'L3', part: 'body' },
      type: 'blastic',
      pain: { worstPain: 2, mechanical: false },
      spine: { alignment: 'normal', collapse: 'none', posterolateral: 'none', compressionFracture: false },
    },
  ],
});

/** SYN-013: ER-positive, HER2-low; progression on a bone scan after the flare window, then a response. */
export const lateProgressionState: PatientState = state({
  patient: { id: 'SYN-013', synthetic: true, ageYears: 68, sex: 'female', weightKg: 75 },
  assessmentDate: '2026-07-05',
  biology: { er: 'positive', pr: 'positive', her2: 'low' },
  performance: { ecog: 1 },
  disease: { boneLesionCount: 4, vertebralLesionCount: 1, visceralMetastases: 'none' },
  systemicTherapy: { current: 'endocrine_cdk4_6', previousChemotherapy: false },
  boneTargetedAgent: { current: 'zoledronic_acid', monthsOnAgent: 14, intervalWeeks: 12 },
  lesions: [
    {
      id: 'T5',
      location: { bone: 'vertebra', level: 'T5', part: 'body' },
      type: 'blastic',
      pain: { worstPain: 2, mechanical: false },
      spine: { alignment: 'normal', collapse: 'none', posterolateral: 'none', compressionFracture: false },
    },
    {
      id: 'FL',
      location: { bone: 'femur', laterality: 'left', part: 'neck' },
      type: 'blastic',
      pain: { worstPain: 3, mechanical: true },
      limb: { mirelsPain: 'mild', sizeFraction: 'lt_one_third', pathologicalFracture: false },
    },
  ],
});
