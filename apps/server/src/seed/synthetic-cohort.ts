import { eq } from 'drizzle-orm';
import type { Database } from '../db/open-database.js';
import { patients } from '../db/schema.js';
import type { PatientRow } from '../patients/patient-store.js';
import { patientFromStory, type StoryPatient } from './cohort-story.js';
import { cohortStories } from './cohort-stories.js';
import { EXAMPLES_DIR, insertDemoPatient } from './demo-cohort.js';

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
    const row = await insertDemoPatient(db, patient);
    seeded.push({ row, patient, created: true });
  }
  return seeded;
}
