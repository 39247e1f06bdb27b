import type { PatientState } from '@bonemet/clinical';
import type { SkeletalEvent, SystemicTherapy, Treatment } from '@bonemet/core';
import type { BoneScanFindingKind } from '@bonemet/phantoms';
import type { LabRecord, PainScoreRecord } from '../records/record-schemas.js';
import { demoPatientFromState, type DemoPatient } from './demo-cohort.js';

/** A finding drawn on a bone scan of the story (one per skeleton part, at the part's centre). */
export interface StoryBoneScanFinding {
  /** The lesion's name in the story, the same at every time point. */
  readonly id: string;
  readonly kind?: BoneScanFindingKind;
  /** Skeleton part of the bone-scan phantom (`boneScanParts` of @bonemet/bonescan). */
  readonly part: string;
  readonly diameterMm: number;
  /** Uptake as a multiple of the normal uptake of its bone. */
  readonly contrast: number;
}

export interface StoryBoneScan {
  readonly modality: 'NM';
  readonly date: string;
  readonly findings: readonly StoryBoneScanFinding[];
  /** Diffusely high skeletal uptake with faint kidneys (a superscan). */
  readonly superscan?: boolean;
}

/** An osseous PET lesion of the story; its place is the same at every PET time point. */
export interface StoryPetLesion {
  readonly id: string;
  readonly site: 'spine' | 'pelvis' | 'sacrum';
  readonly diameterMm: number;
  readonly ctAppearance: 'lytic' | 'blastic';
}

export interface StoryPetScan {
  readonly modality: 'PT';
  readonly date: string;
  /** True SUVbw of each story lesion at this time point; a lesion left out has the marrow's uptake (not seen). */
  readonly suvbw: Readonly<Record<string, number>>;
}

export type StoryImaging = StoryBoneScan | StoryPetScan;

/**
 * One synthetic patient's course: the current state (as `bonemet assess` reads it), the therapy lines, the
 * imaging time points with what each shows, and the records the state alone does not give.
 */
export interface CohortStory {
  /** Short name of the situation, used in the synthetic name ("Bone Scan Flare 008"). */
  readonly stem: string;
  /** The course in words: what happened and what response pattern the images show. */
  readonly course: string;
  readonly state: PatientState;
  readonly heightCm: number;
  readonly therapyLines: readonly Omit<SystemicTherapy, 'kind'>[];
  readonly imaging: readonly StoryImaging[];
  readonly petLesions?: readonly StoryPetLesion[];
  readonly treatments?: readonly Treatment[];
  readonly skeletalEvents?: readonly SkeletalEvent[];
  readonly labs?: readonly LabRecord[];
  readonly painScores?: readonly PainScoreRecord[];
}

/** Everything the seeder writes for one story patient, before it is stored. */
export interface StoryPatient extends DemoPatient {
  readonly story: CohortStory;
}

const byDate = <T>(date: (item: T) => string): ((a: T, b: T) => number) => {
  return (a, b) => (date(a) < date(b) ? -1 : date(a) > date(b) ? 1 : 0);
};

function treatmentDate(treatment: Treatment): string {
  return treatment.kind === 'bone_targeted_agent' || treatment.kind === 'procedure'
    ? treatment.date
    : treatment.startDate;
}

function eventKey(event: SkeletalEvent): string {
  return `${event.kind}/${event.date}`;
}

/**
 * The patient of a story: the records derived from its state (`demoPatientFromState`: agent doses, prior
 * radiotherapy and surgery with their events, labs and pain at the assessment), with the systemic therapy
 * replaced by the story's therapy lines and the story's own records added, each list in date order.
 */
export function patientFromStory(story: CohortStory, index: number): StoryPatient {
  const base = demoPatientFromState(story.state, story.stem, index);
  const treatments: Treatment[] = [
    ...story.therapyLines.map((line): Treatment => ({ kind: 'systemic', ...line })),
    ...base.treatments.filter((treatment) => treatment.kind !== 'systemic'),
    ...(story.treatments ?? []),
  ].sort(byDate(treatmentDate));
  const seen = new Set(base.skeletalEvents.map(eventKey));
  const skeletalEvents = [
    ...base.skeletalEvents,
    ...(story.skeletalEvents ?? []).filter((event) => !seen.has(eventKey(event))),
  ].sort(byDate((event) => event.date));
  const labs = [...base.labs, ...(story.labs ?? [])].sort(byDate((lab) => lab.sampledOn));
  const painScores = [...base.painScores, ...(story.painScores ?? [])].sort(byDate((pain) => pain.assessedOn));
  return { ...base, treatments, skeletalEvents, labs, painScores, story };
}
