import type { AnalysisListItem, PatientResponse } from '../api/analysis-schemas.js';
import { isIdentified, type PatientView, type ReportView } from '../api/schemas.js';

/**
 * What the printed tumour-board summary shows, decided apart from how it is drawn: identity as the role
 * allows (names and MRN for identified access only, the research id always), urgent alerts first, the
 * response status in one line, and the latest bone-scan and PET analyses whose images and numbers it prints.
 */
export interface TumourBoardSummary {
  readonly heading: string;
  readonly identity: readonly { readonly label: string; readonly value: string }[];
  readonly urgentAlerts: readonly string[];
  readonly otherOptions: readonly string[];
  readonly responseLine: string;
  readonly latestBoneScan: AnalysisListItem | undefined;
  readonly latestPet: AnalysisListItem | undefined;
  readonly assessmentDate: string | undefined;
}

function latestOfKind(
  items: readonly AnalysisListItem[],
  kind: AnalysisListItem['kind'],
): AnalysisListItem | undefined {
  let latest: AnalysisListItem | undefined;
  for (const item of items) {
    if (item.kind !== kind || item.studyDate === null) continue;
    if (
      latest?.studyDate === null ||
      latest?.studyDate === undefined ||
      item.studyDate > latest.studyDate ||
      (item.studyDate === latest.studyDate && item.createdAt >= latest.createdAt)
    )
      latest = item;
  }
  return latest;
}

function responseLine(response: PatientResponse | undefined): string {
  const timeline = response?.timeline ?? null;
  if (timeline === null) return 'No response assessment yet.';
  const progression = timeline.confirmedProgression ?? null;
  const points = timeline.points ?? [];
  const last = points.at(-1);
  const base = last === undefined ? 'Response assessed' : `Latest assessment ${last.date}`;
  return progression === null
    ? `${base}; no confirmed progression.`
    : `${base}; confirmed progression on ${progression.date} (${progression.criterion}).`;
}

export function composeSummary(input: {
  readonly patient: PatientView;
  readonly report: ReportView | undefined;
  readonly analyses: readonly AnalysisListItem[];
  readonly response: PatientResponse | undefined;
}): TumourBoardSummary {
  const { patient, report } = input;
  const identified = isIdentified(patient);
  const identity: { label: string; value: string }[] = [];
  if (identified) {
    identity.push({ label: 'Name', value: `${patient.familyName}, ${patient.givenName}` });
    identity.push({ label: 'MRN', value: patient.mrn });
    if (patient.birthDate !== undefined) identity.push({ label: 'Born', value: patient.birthDate });
  }
  identity.push({ label: 'Research id', value: patient.id });
  identity.push({ label: 'Sex', value: patient.sex });
  if (!identified && patient.ageYears !== undefined)
    identity.push({ label: 'Age', value: `${String(patient.ageYears)} years` });
  if (patient.synthetic) identity.push({ label: 'Data', value: 'Synthetic' });
  return {
    heading: identified ? `${patient.familyName}, ${patient.givenName}` : `Patient ${patient.id}`,
    identity,
    urgentAlerts: report?.alerts.map((option) => option.title) ?? [],
    otherOptions: report?.patientOptions.map((option) => `${option.strength.replace('_', ' ')}: ${option.title}`) ?? [],
    responseLine: responseLine(input.response),
    latestBoneScan: latestOfKind(input.analyses, 'bonescan-analyze'),
    latestPet: latestOfKind(input.analyses, 'pet-quantify'),
    assessmentDate: report?.assessmentDate,
  };
}
