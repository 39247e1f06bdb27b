import type { SkeletalEvent, SkeletalLocation, Treatment } from '@bonemet/core';
import type { LabRecord, StudySummary } from '../api/schemas.js';

/** The rows of the timeline, top to bottom. */
export const timelineLanes = [
  { id: 'imaging', label: 'Imaging studies' },
  { id: 'systemic', label: 'Systemic therapy lines' },
  { id: 'bone_agent', label: 'Bone-targeted agent doses' },
  { id: 'radiotherapy', label: 'Radiotherapy courses' },
  { id: 'procedure', label: 'Procedures' },
  { id: 'event', label: 'Skeletal-related events' },
  { id: 'lab', label: 'Laboratory values' },
  { id: 'pain', label: 'Pain scores' },
] as const;
export type TimelineLaneId = (typeof timelineLanes)[number]['id'];

/** One mark on the timeline: a day, or a span from `date` to `endDate`. */
export interface TimelineItem {
  readonly lane: TimelineLaneId;
  readonly date: string;
  readonly endDate?: string;
  readonly label: string;
}

const words = (code: string): string => code.replaceAll('_', ' ');

/** `T8 vertebra`, `left femur`, `rib 5 right`: a short name of a coded location for labels. */
export function siteLabel(site: SkeletalLocation): string {
  const side = site.laterality === 'left' || site.laterality === 'right' ? `${site.laterality} ` : '';
  const level = site.level === undefined ? '' : ` ${String(site.level)}`;
  return `${side}${words(site.bone)}${level}`;
}

function treatmentItem(treatment: Treatment): TimelineItem {
  switch (treatment.kind) {
    case 'systemic':
      return {
        lane: 'systemic',
        date: treatment.startDate,
        ...(treatment.endDate === undefined ? {} : { endDate: treatment.endDate }),
        label: `Line ${String(treatment.lineNumber)}: ${treatment.regimen}${treatment.endDate === undefined ? ' (ongoing)' : ''}`,
      };
    case 'bone_targeted_agent':
      return {
        lane: 'bone_agent',
        date: treatment.date,
        label: `${words(treatment.agent)} ${String(treatment.doseMg)} mg`,
      };
    case 'radiotherapy':
      return {
        lane: 'radiotherapy',
        date: treatment.startDate,
        ...(treatment.endDate === undefined ? {} : { endDate: treatment.endDate }),
        label: `${siteLabel(treatment.site)}: ${String(treatment.totalDoseGy)} Gy in ${String(treatment.fractions)} fraction${treatment.fractions === 1 ? '' : 's'}${treatment.technique === 'sbrt' ? ' (SBRT)' : ''}`,
      };
    case 'procedure':
      return {
        lane: 'procedure',
        date: treatment.date,
        label: `${words(treatment.procedure)}: ${siteLabel(treatment.site)}`,
      };
  }
}

function eventItem(event: SkeletalEvent): TimelineItem {
  const site = 'site' in event && event.site !== undefined ? `: ${siteLabel(event.site)}` : '';
  return { lane: 'event', date: event.date, label: `${words(event.kind)}${site}` };
}

const ANALYTE_NAMES: Readonly<Record<LabRecord['analyte'], string>> = {
  serum_creatinine: 'Creatinine',
  total_calcium: 'Calcium (total)',
  ionised_calcium: 'Calcium (ionised)',
  albumin: 'Albumin',
};

export interface TimelineSources {
  readonly studies: readonly StudySummary[];
  readonly treatments: readonly Treatment[];
  readonly events: readonly SkeletalEvent[];
  readonly labs: readonly LabRecord[];
  readonly painScores: readonly { readonly assessedOn: string; readonly worstPain: number }[];
}

/** Every record of a patient as timeline items, in date order (studies without a date are left out). */
export function buildTimeline(sources: TimelineSources): TimelineItem[] {
  const items: TimelineItem[] = [
    ...sources.studies.flatMap((study): TimelineItem[] =>
      study.studyDate === null
        ? []
        : [
            {
              lane: 'imaging',
              date: study.studyDate.slice(0, 10),
              label: `${study.modalities ?? 'study'} (${String(study.instanceCount)} images)`,
            },
          ],
    ),
    ...sources.treatments.map(treatmentItem),
    ...sources.events.map(eventItem),
    ...sources.labs.map((lab): TimelineItem => ({
      lane: 'lab',
      date: lab.sampledOn,
      label: `${ANALYTE_NAMES[lab.analyte]} ${String(lab.quantity.value)} ${lab.quantity.unit}`,
    })),
    ...sources.painScores.map((pain): TimelineItem => ({
      lane: 'pain',
      date: pain.assessedOn,
      label: `Worst pain ${String(pain.worstPain)}/10`,
    })),
  ];
  return items.sort((a, b) => a.date.localeCompare(b.date));
}

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a YYYY-MM-DD date (UTC). */
export function dayNumber(isoDate: string): number {
  return Math.round(Date.parse(`${isoDate.slice(0, 10)}T00:00:00Z`) / DAY_MS);
}

/** The shared time axis: first and last day over all items, padded so that single days stay visible. */
export function timeAxis(items: readonly TimelineItem[]): { readonly startDay: number; readonly endDay: number } {
  if (items.length === 0) return { startDay: 0, endDay: 1 };
  const days = items.flatMap((item) => [dayNumber(item.date), dayNumber(item.endDate ?? item.date)]);
  const first = Math.min(...days);
  const last = Math.max(...days);
  const padDays = Math.max(7, Math.round((last - first) * 0.03));
  return { startDay: first - padDays, endDay: last + padDays };
}
