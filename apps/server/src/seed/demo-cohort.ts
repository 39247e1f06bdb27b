import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assess, patientStateSchema, RULE_SET_VERSION, type PatientState } from '@bonemet/clinical';
import { parseInput, parseJsonText, type SkeletalEvent, type Treatment } from '@bonemet/core';
import { eq } from 'drizzle-orm';
import type { Database } from '../db/open-database.js';
import { patients, recommendations } from '../db/schema.js';
import { shiftIsoDate } from '../privacy/deidentify.js';
import { insertPatient, type PatientRow } from '../patients/patient-store.js';
import type { LabRecord, PainScoreRecord } from '../records/record-schemas.js';
import { labStore, painScoreStore, skeletalEventStore, treatmentStore } from '../records/record-store.js';

/** The repository's example patient states (examples/*.json; the same relative path from src/ and dist/). */
export const EXAMPLES_DIR = fileURLToPath(new URL('../../../../examples/', import.meta.url));

/** Everything the seeder writes for one example, before it is stored. */
export interface DemoPatient {
  readonly mrn: string;
  readonly familyName: string;
  readonly givenName: string;
  readonly sex: 'female' | 'male';
  readonly birthDate: string;
  readonly treatments: readonly Treatment[];
  readonly skeletalEvents: readonly SkeletalEvent[];
  readonly labs: readonly LabRecord[];
  readonly painScores: readonly PainScoreRecord[];
  readonly state: PatientState;
}

const REGIMENS: Readonly<
  Record<
    Exclude<PatientState['systemicTherapy']['current'], 'none'>,
    { regimen: string; category: 'endocrine' | 'chemotherapy' | 'her2_targeted' | 'cdk4_6_inhibitor' | 'other' }
  >
> = {
  endocrine: { regimen: 'letrozole', category: 'endocrine' },
  endocrine_cdk4_6: { regimen: 'letrozole + palbociclib', category: 'cdk4_6_inhibitor' },
  chemotherapy: { regimen: 'capecitabine', category: 'chemotherapy' },
  her2_targeted: { regimen: 'trastuzumab + pertuzumab + docetaxel', category: 'her2_targeted' },
  other: { regimen: 'other systemic therapy', category: 'other' },
};

/** Labelled single doses: zoledronic acid 4 mg, denosumab 120 mg, pamidronate 90 mg (the SmPCs). */
const AGENT_DOSE_MG = { zoledronic_acid: 4, denosumab: 120, pamidronate: 90 } as const;

/** Most recent doses shown in the demo timeline. */
const MAX_DEMO_DOSES = 6;

function titleCase(stem: string): string {
  return stem
    .split('-')
    .map((word) => `${word[0]?.toUpperCase() ?? ''}${word.slice(1)}`)
    .join(' ');
}

/** Whole days from a month count, for synthetic timelines only (30 days a month is close enough there). */
const DAYS_PER_SYNTHETIC_MONTH = 30;

/**
 * Turns an example patient state into a synthetic patient with a timeline: the current systemic line,
 * the bone-targeted agent doses over the months on the agent, each prior radiotherapy course and surgery
 * (with their skeletal-related events), fractures and cord compression at the assessment date, the labs
 * and the pain with its opioids. Invented data, derived deterministically from the example.
 */
export function demoPatientFromState(state: PatientState, fileStem: string, index: number): DemoPatient {
  const day = state.assessmentDate;
  const number = String(index + 1).padStart(3, '0');
  const treatments: Treatment[] = [];
  const skeletalEvents: SkeletalEvent[] = [];
  const systemic = state.systemicTherapy.current;
  if (systemic !== 'none') {
    treatments.push({
      kind: 'systemic',
      lineNumber: state.systemicTherapy.previousChemotherapy ? 2 : 1,
      ...REGIMENS[systemic],
      startDate: shiftIsoDate(day, -6 * DAYS_PER_SYNTHETIC_MONTH),
    });
  }
  const agent = state.boneTargetedAgent.current;
  if (agent !== 'none') {
    const intervalDays = 7 * (state.boneTargetedAgent.intervalWeeks ?? 4);
    const months = state.boneTargetedAgent.monthsOnAgent ?? 1;
    const doses = Math.min(MAX_DEMO_DOSES, Math.max(1, Math.floor((months * DAYS_PER_SYNTHETIC_MONTH) / intervalDays)));
    for (let dose = doses; dose >= 1; dose -= 1) {
      treatments.push({
        kind: 'bone_targeted_agent',
        agent,
        date: shiftIsoDate(day, -dose * intervalDays),
        doseMg: AGENT_DOSE_MG[agent],
      });
    }
  }
  const painScores: PainScoreRecord[] = [];
  for (const lesion of state.lesions) {
    for (const course of lesion.priorRadiotherapy) {
      const startDate = shiftIsoDate(course.endDate, -(course.fractions - 1));
      treatments.push({
        kind: 'radiotherapy',
        site: lesion.location,
        totalDoseGy: course.totalDoseGy,
        fractions: course.fractions,
        startDate,
        endDate: course.endDate,
        technique: course.technique,
      });
      skeletalEvents.push({ kind: 'radiation_to_bone', date: startDate, site: lesion.location });
      if (course.painAtTreatment !== undefined) {
        painScores.push({
          assessedOn: startDate,
          worstPain: course.painAtTreatment.worstPain,
          // The example records the oral morphine equivalent; oral morphine is its own unit (factor 1).
          opioids:
            course.painAtTreatment.omedMgPerDay > 0
              ? [{ drug: 'morphine', dailyDose: course.painAtTreatment.omedMgPerDay }]
              : [],
        });
      }
    }
    const surgery = lesion.priorSurgery;
    if (
      surgery !== undefined &&
      (surgery.procedure === 'fixation' ||
        surgery.procedure === 'stabilisation' ||
        surgery.procedure === 'decompression')
    ) {
      treatments.push({
        kind: 'procedure',
        procedure: surgery.procedure === 'decompression' ? 'decompression' : 'surgery_fixation',
        site: lesion.location,
        date: surgery.date,
      });
      skeletalEvents.push({ kind: 'surgery_to_bone', date: surgery.date, site: lesion.location });
    }
    if (lesion.limb?.pathologicalFracture === true || lesion.spine?.compressionFracture === true) {
      skeletalEvents.push({ kind: 'pathological_fracture', date: day, site: lesion.location });
    }
    const cordCompression = lesion.spine?.esccGrade === '2' || lesion.spine?.esccGrade === '3';
    if (cordCompression && state.neurology.signs !== 'none') {
      skeletalEvents.push({ kind: 'spinal_cord_compression', date: day, site: lesion.location });
    }
  }
  const labs: LabRecord[] = [];
  const { serumCreatinine, totalCalcium, albumin, calciumUpperLimitOfNormal } = state.labs;
  if (serumCreatinine !== undefined)
    labs.push({ analyte: 'serum_creatinine', sampledOn: day, quantity: serumCreatinine });
  if (totalCalcium !== undefined) labs.push({ analyte: 'total_calcium', sampledOn: day, quantity: totalCalcium });
  if (albumin !== undefined) labs.push({ analyte: 'albumin', sampledOn: day, quantity: albumin });
  const baseline = state.boneTargetedAgent.baselineCreatinine;
  const firstDose = treatments.find((treatment) => treatment.kind === 'bone_targeted_agent');
  if (baseline !== undefined && firstDose?.kind === 'bone_targeted_agent') {
    labs.push({ analyte: 'serum_creatinine', sampledOn: firstDose.date, quantity: baseline });
  }
  // The example's upper limit of normal is in the unit of its total calcium (patient-state schema).
  if (
    totalCalcium !== undefined &&
    calciumUpperLimitOfNormal !== undefined &&
    totalCalcium.value > calciumUpperLimitOfNormal.value
  ) {
    skeletalEvents.push({ kind: 'hypercalcaemia', date: day });
  }
  painScores.push({
    assessedOn: day,
    worstPain: Math.max(...state.lesions.map((lesion) => lesion.pain.worstPain)),
    opioids: state.analgesia?.opioids ?? [],
  });
  const [year, month, dayOfMonth] = day.split('-').map(Number) as [number, number, number];
  return {
    mrn: `SYN-MRN-${number}`,
    familyName: 'Synthetic',
    givenName: `${titleCase(fileStem)} ${number}`,
    sex: state.patient.sex,
    // Born the day before the assessment's calendar day, `ageYears` years earlier (Date.UTC rolls day 0
    // back into the previous month): the age at the assessment date is exactly `ageYears`.
    birthDate: new Date(Date.UTC(year - state.patient.ageYears, month - 1, dayOfMonth - 1)).toISOString().slice(0, 10),
    treatments,
    skeletalEvents,
    labs,
    painScores,
    state,
  };
}

/** Reads and validates examples/*.json (patient states), in file-name order. */
export function readExampleStates(dir: string = EXAMPLES_DIR): { stem: string; state: PatientState }[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => {
      const text = readFileSync(join(dir, file), 'utf8');
      return { stem: basename(file, '.json'), state: parseInput(patientStateSchema, parseJsonText(text, file), file) };
    });
}

/**
 * Stores one synthetic patient in one transaction: the patient (flag `synthetic`), its treatments, events,
 * labs and pain scores, and the recommendation report of its state under the current rule set (`report`
 * when the caller has computed it already).
 */
export async function insertDemoPatient(
  db: Database,
  demo: DemoPatient,
  report: unknown = assess(demo.state),
): Promise<PatientRow> {
  return db.transaction(async (tx) => {
    const patient = await insertPatient(tx, {
      mrn: demo.mrn,
      familyName: demo.familyName,
      givenName: demo.givenName,
      sex: demo.sex,
      birthDate: demo.birthDate,
      synthetic: true,
    });
    for (const treatment of demo.treatments) await treatmentStore.create(tx, patient.id, treatment);
    for (const event of demo.skeletalEvents) await skeletalEventStore.create(tx, patient.id, event);
    for (const lab of demo.labs) await labStore.create(tx, patient.id, lab);
    for (const pain of demo.painScores) await painScoreStore.create(tx, patient.id, pain);
    await tx.insert(recommendations).values({
      patientId: patient.id,
      ruleSetVersion: RULE_SET_VERSION,
      assessmentDate: demo.state.assessmentDate,
      payload: report,
    });
    return patient;
  });
}

/**
 * Seeds the synthetic demo cohort: one patient per example patient state, labelled synthetic in the flag
 * and in the name ("Synthetic, <situation>"), with treatments, events, labs, pain scores and the
 * recommendation report of the current rule set. Patients whose MRN exists already are left as they are,
 * so seeding twice adds nothing. Returns the research ids of the patients created.
 */
export async function seedDemoCohort(db: Database, dir: string = EXAMPLES_DIR): Promise<string[]> {
  const created: string[] = [];
  for (const [index, { stem, state }] of readExampleStates(dir).entries()) {
    const demo = demoPatientFromState(state, stem, index);
    const [existing] = await db.select({ id: patients.id }).from(patients).where(eq(patients.mrn, demo.mrn));
    if (existing !== undefined) continue;
    const patient = await insertDemoPatient(db, demo);
    created.push(patient.researchId);
  }
  return created;
}
