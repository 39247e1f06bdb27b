import { assess, RULE_SET_VERSION } from '@bonemet/clinical';
import { eq } from 'drizzle-orm';
import type { Database } from '../db/open-database.js';
import { patients, recommendations } from '../db/schema.js';
import { insertPatient, type PatientRow } from '../patients/patient-store.js';
import { labStore, painScoreStore, skeletalEventStore, treatmentStore } from '../records/record-store.js';
import { patientFromStory, type StoryPatient } from './cohort-story.js';
import { cohortStories } from './cohort-stories.js';
import { EXAMPLES_DIR } from './demo-cohort.js';

/** A cohort patient with its database row (created now or found from an earlier seeding). */
export interface CohortPatient {
  readonly row: PatientRow;
  readonly patient: StoryPatient;
  readonly created: boolean;
}

/** The cohort's patients with their stories, in cohort order (SYN-MRN-001 …). */
export function syntheticCohort(dir: string = EXAMPLES_DIR): StoryPatient[] {
  return cohortStories(dir).map((story, index) => patientFromStory(story, index));
}

/**
 * Seeds the synthetic cohort's records: each patient (flag `synthetic`, family name "Synthetic", MRN
 * SYN-MRN-<number>) with its treatment lines, bone-targeted agent doses, radiotherapy courses,
 * procedures, skeletal-related events, labs, pain scores and the recommendation report of the current rule
 * set, one transaction per patient. A patient whose MRN exists already is left as it is (seeding twice adds
 * nothing) and returned with `created: false`. The images are seeded apart (`seedCohortImaging`).
 */
export async function seedSyntheticCohort(db: Database, dir: string = EXAMPLES_DIR): Promise<CohortPatient[]> {
  const seeded: CohortPatient[] = [];
  for (const patient of syntheticCohort(dir)) {
    const [existing] = await db.select().from(patients).where(eq(patients.mrn, patient.mrn));
    if (existing !== undefined) {
      seeded.push({ row: existing, patient, created: false });
      continue;
    }
    const row = await db.transaction(async (tx) => {
      const inserted = await insertPatient(tx, {
        mrn: patient.mrn,
        familyName: patient.familyName,
        givenName: patient.givenName,
        sex: patient.sex,
        birthDate: patient.birthDate,
        synthetic: true,
      });
      for (const treatment of patient.treatments) await treatmentStore.create(tx, inserted.id, treatment);
      for (const event of patient.skeletalEvents) await skeletalEventStore.create(tx, inserted.id, event);
      for (const lab of patient.labs) await labStore.create(tx, inserted.id, lab);
      for (const pain of patient.painScores) await painScoreStore.create(tx, inserted.id, pain);
      await tx.insert(recommendations).values({
        patientId: inserted.id,
        ruleSetVersion: RULE_SET_VERSION,
        assessmentDate: patient.state.assessmentDate,
        payload: assess(patient.state),
      });
      return inserted;
    });
    seeded.push({ row, patient, created: true });
  }
  return seeded;
}
