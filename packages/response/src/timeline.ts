/**
 * A patient's response timeline: studies, therapy lines, and per time point the assessment against the
 * baseline and the nadir by each criterion given (PERCIST 1.0 series, RECIST 1.1 bone rules, MDA rows,
 * bone-scan progression with flare), the date of confirmed progression and the time to progression.
 *
 * Conventions:
 * - Progression is the earliest of: PERCIST confirmed progression (dated to the first PMD scan), RECIST PD
 *   (needs no confirmation), MDA PD on an XR/CT/MRI row, and bone-scan progression (out of the flare window,
 *   or confirmed by the adapted 2+2 rule, dated to the first worsening scan). MDA bone-scan PD is left to the
 *   flare rule, as MDA calls it only after excluding flare.
 * - Time to progression counts days from the start of the therapy line in effect at the baseline (the last
 *   line started on or before the first follow-up), or from the baseline date when no line has started or
 *   when `timeToProgressionFrom` is `baseline`.
 * - The flare window runs from that same therapy start.
 * - Lesion trajectories (for a plot of each tracked lesion over time): the PET lesions that carry a trackingId,
 *   by SULpeak, and the tracks given in `lesionTracks` (e.g. bone-scan hotspot intensity ratios).
 */
import { BonemetError, identifierSchema, isoDateSchema, modalities, parseInput, type Modality } from '@bonemet/core';
import { z } from 'zod';
import {
  boneScanCountsSchema,
  computeBoneScanFlare,
  daysBetweenDates,
  type BoneScanProgressionStatus,
} from './bone-scan-flare.js';
import { computeMdaBoneResponse, mdaBoneInputSchema, type MdaCategory } from './mda-bone.js';
import {
  checkPercistSeries,
  computePercistSeries,
  percistSeriesFieldsSchema,
  type ProgressionStatus,
} from './percist-series.js';
import type { PercistCategory } from './percist.js';
import { computeRecistBone, recistBoneInputSchema, type RecistCategory } from './recist-bone.js';

export const timelineStudySchema = z
  .strictObject({
    id: identifierSchema.describe('Study identifier (e.g. accession number or Study Instance UID)'),
    date: isoDateSchema.describe('Study date, YYYY-MM-DD'),
    modality: z.enum(modalities).describe('DICOM modality: NM (bone scan), PT (PET), CT, MR, CR, DX, MG, US, OT'),
    description: z.string().min(1).max(64).optional().describe('Study description'),
    files: z
      .array(z.string().min(1).max(4096).describe('A file path'))
      .min(1)
      .max(64)
      .optional()
      .describe(
        'Image files of a bone-scan (NM) study: its DICOM NM objects, or an image and its JSON sidecar; paths relative to the timeline file. Read for the temporal subtraction images of `bonemet response --out`',
      ),
  })
  .refine((study) => study.files === undefined || study.modality === 'NM', {
    error: 'files are read for bone-scan (NM) studies only',
    path: ['files'],
  })
  .describe('One imaging study of the patient');

export const therapyLineSchema = z
  .strictObject({
    lineNumber: z.int().min(1).max(20).describe('Line of therapy for metastatic disease (1 = first line)'),
    regimen: z.string().min(1).max(200).describe('Regimen, e.g. "letrozole + palbociclib"'),
    startDate: isoDateSchema.describe('First day of the line, YYYY-MM-DD'),
    endDate: isoDateSchema.optional().describe('Last day of the line, YYYY-MM-DD; absent while ongoing'),
  })
  .refine((line) => line.endDate === undefined || line.endDate >= line.startDate, {
    error: 'the end date is before the start date',
    path: ['endDate'],
  })
  .describe('A therapy line with its start and end');

export const lesionTrackSchema = z
  .strictObject({
    trackId: identifierSchema.describe('Tracking identifier of the lesion (e.g. its tracking UID)'),
    label: z.string().min(1).max(64).optional().describe('Short label for displays, e.g. "L3 pelvis"'),
    modality: z
      .enum(['PT', 'NM'])
      .describe('PT: the measure is PET SULpeak (g/ml); NM: the bone-scan hotspot intensity ratio to normal bone'),
    observations: z
      .array(
        z
          .strictObject({
            date: isoDateSchema.describe('Study date, YYYY-MM-DD'),
            value: z
              .number()
              .nonnegative()
              .nullable()
              .describe('SULpeak (PT) or intensity ratio (NM) at this study; null when the lesion is not seen'),
          })
          .describe('The lesion at one study'),
      )
      .min(1)
      .describe('Observations in date order'),
  })
  .superRefine((track, context) => {
    track.observations.forEach((observation, index) => {
      const previous = track.observations[index - 1];
      if (previous !== undefined && observation.date <= previous.date)
        context.addIssue({
          code: 'custom',
          path: ['observations', index, 'date'],
          message: `dates out of order: ${observation.date} is not after ${previous.date}`,
        });
    });
  })
  .describe('One tracked lesion and its measure over time');

export const timelineInputSchema = z
  .strictObject({
    patientId: identifierSchema.describe('Patient pseudonym'),
    studies: z.array(timelineStudySchema).min(1).describe('Imaging studies of this patient'),
    therapyLines: z.array(therapyLineSchema).describe('Therapy lines (may be empty)'),
    pet: percistSeriesFieldsSchema
      .omit({ anatomicProgressionDates: true })
      .superRefine(checkPercistSeries)
      .optional()
      .describe('PET time points for PERCIST 1.0 (RECIST PD dates are taken from the recist section)'),
    recist: recistBoneInputSchema.optional().describe('RECIST 1.1 bone lesions and measurements'),
    mda: z
      .array(
        z
          .strictObject({
            date: isoDateSchema.describe('Date of the follow-up the rows describe'),
            rows: mdaBoneInputSchema.describe('MDA rows of this follow-up against baseline'),
          })
          .describe('MDA rows of one follow-up'),
      )
      .optional()
      .describe('MD Anderson bone criteria rows per follow-up'),
    boneScan: z
      .strictObject({
        baselineDate: isoDateSchema.describe('Date of the baseline bone scan'),
        scans: z.array(boneScanCountsSchema).min(1).describe('Follow-up bone scans with tracked counts'),
        flareWindowDays: z.int().min(0).max(730).optional().describe('Flare window, days (default 182)'),
        confirmationMinDays: z.int().min(1).max(365).optional().describe('Confirmation delay, days (default 42)'),
      })
      .optional()
      .describe('Bone-scan follow-ups for progression with flare'),
    timeToProgressionFrom: z
      .enum(['therapy_start', 'baseline'])
      .optional()
      .describe('Start of the time to progression: therapy start (default) or baseline date'),
    lesionTracks: z
      .array(lesionTrackSchema)
      .optional()
      .describe(
        'Tracked lesions with their measure per study, for trajectories (PET lesions with a trackingId are added)',
      ),
  })
  .superRefine((input, context) => {
    const byDate = new Map<string, Set<Modality>>();
    for (const study of input.studies) {
      const set = byDate.get(study.date) ?? new Set<Modality>();
      set.add(study.modality);
      byDate.set(study.date, set);
    }
    const needStudy = (date: string, allowed: readonly Modality[], path: (string | number)[]): void => {
      const present = byDate.get(date);
      if (present === undefined || !allowed.some((modality) => present.has(modality))) {
        context.addIssue({
          code: 'custom',
          path,
          message: `no ${allowed.join('/')} study on ${date} in studies`,
        });
      }
    };
    input.pet?.timePoints.forEach((timePoint, index) => {
      needStudy(timePoint.studyDate, ['PT'], ['pet', 'timePoints', index, 'studyDate']);
    });
    input.recist?.timePoints.forEach((timePoint, index) => {
      needStudy(timePoint.date, ['CT', 'MR'], ['recist', 'timePoints', index, 'date']);
    });
    if (input.boneScan !== undefined) {
      needStudy(input.boneScan.baselineDate, ['NM'], ['boneScan', 'baselineDate']);
      input.boneScan.scans.forEach((scan, index) => {
        needStudy(scan.date, ['NM'], ['boneScan', 'scans', index, 'date']);
      });
      let previous = input.boneScan.baselineDate;
      input.boneScan.scans.forEach((scan, index) => {
        if (scan.date <= previous)
          context.addIssue({
            code: 'custom',
            path: ['boneScan', 'scans', index, 'date'],
            message: `dates out of order: ${scan.date} is not after ${previous}`,
          });
        previous = scan.date;
      });
    }
    input.lesionTracks?.forEach((track, index) => {
      track.observations.forEach((observation, position) => {
        needStudy(observation.date, [track.modality], ['lesionTracks', index, 'observations', position, 'date']);
      });
    });
    input.mda?.forEach((entry, index) => {
      const previous = input.mda?.[index - 1];
      if (previous !== undefined && entry.date <= previous.date)
        context.addIssue({
          code: 'custom',
          path: ['mda', index, 'date'],
          message: `dates out of order: ${entry.date} is not after ${previous.date}`,
        });
      if (!byDate.has(entry.date))
        context.addIssue({ code: 'custom', path: ['mda', index, 'date'], message: `no study on ${entry.date}` });
    });
    if (
      input.pet === undefined &&
      input.recist === undefined &&
      input.mda === undefined &&
      input.boneScan === undefined
    )
      context.addIssue({
        code: 'custom',
        path: ['pet'],
        message: 'give at least one assessment: pet, recist, mda or boneScan',
      });
  })
  .describe('A patient response timeline: studies, therapy lines and the inputs of each criterion');

export type TimelineInput = z.output<typeof timelineInputSchema>;

export interface TimelineAssessment {
  readonly percist?: {
    readonly vsBaseline: PercistCategory;
    readonly vsNadirProgression: boolean;
    readonly nadirDate: string;
    readonly progression: ProgressionStatus;
  };
  readonly recist?: {
    readonly category: RecistCategory;
    readonly percentFromBaseline: number | null;
    readonly percentFromNadir: number | null;
    readonly nadirDate: string;
  };
  readonly mda?: { readonly category: MdaCategory; readonly decidingRules: readonly string[] };
  readonly boneScan?: { readonly status: BoneScanProgressionStatus; readonly rule: string | null };
}

export interface TimelinePoint {
  readonly date: string;
  readonly studyIds: readonly string[];
  readonly therapyLine: number | null;
  readonly assessment: TimelineAssessment;
}

export interface ProgressionEvent {
  readonly date: string;
  readonly confirmedOn: string;
  readonly criterion: 'PERCIST 1.0' | 'RECIST 1.1' | 'MDA' | 'bone scan (flare-aware)';
  readonly rule: string;
}

export interface LesionTrajectory {
  readonly trackId: string;
  readonly label: string;
  readonly modality: 'PT' | 'NM';
  readonly measure: 'SULpeak' | 'intensity ratio';
  readonly unit: 'g/ml' | 'ratio';
  /** One point per study of the modality from the lesion's first observation on; null when it is not seen. */
  readonly points: readonly { readonly date: string; readonly value: number | null }[];
}

export interface Timeline {
  readonly patientId: string;
  readonly studies: readonly z.output<typeof timelineStudySchema>[];
  readonly therapyLines: readonly z.output<typeof therapyLineSchema>[];
  readonly points: readonly TimelinePoint[];
  /** Every progression found, earliest first; the first is the patient's confirmed progression. */
  readonly progressionEvents: readonly ProgressionEvent[];
  readonly confirmedProgression: ProgressionEvent | null;
  readonly timeToProgression: {
    readonly days: number;
    readonly fromDate: string;
    readonly from: string;
    readonly rule: string;
  } | null;
  readonly assumptions: readonly string[];
  /** Each tracked lesion's measure over time (PET SULpeak, bone-scan intensity ratio). */
  readonly lesionTrajectories: readonly LesionTrajectory[];
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function lineOn(lines: TimelineInput['therapyLines'], date: string): TimelineInput['therapyLines'][number] | null {
  let current: TimelineInput['therapyLines'][number] | null = null;
  for (const line of lines) {
    if (line.startDate <= date && (current === null || line.startDate > current.startDate)) current = line;
  }
  return current;
}

/**
 * Trajectories: PET lesions grouped by trackingId (SULpeak at every PET time point from the first observation
 * on, null where the lesion is absent; labelled by the lesion id and organ at its first observation), then the
 * given lesion tracks.
 */
export function lesionTrajectories(input: TimelineInput): LesionTrajectory[] {
  const trajectories: LesionTrajectory[] = [];
  const petPoints = input.pet?.timePoints ?? [];
  const firstSeen = new Map<string, { index: number; label: string }>();
  petPoints.forEach((timePoint, index) => {
    for (const lesion of timePoint.lesions)
      if (lesion.trackingId !== undefined && !firstSeen.has(lesion.trackingId))
        firstSeen.set(lesion.trackingId, { index, label: `${lesion.id} ${lesion.organ}` });
  });
  for (const [trackId, first] of firstSeen) {
    trajectories.push({
      trackId,
      label: first.label,
      modality: 'PT',
      measure: 'SULpeak',
      unit: 'g/ml',
      points: petPoints.slice(first.index).map((timePoint) => ({
        date: timePoint.studyDate,
        value: timePoint.lesions.find((lesion) => lesion.trackingId === trackId)?.sulPeak ?? null,
      })),
    });
  }
  for (const track of input.lesionTracks ?? []) {
    trajectories.push({
      trackId: track.trackId,
      label: track.label ?? track.trackId,
      modality: track.modality,
      measure: track.modality === 'PT' ? 'SULpeak' : 'intensity ratio',
      unit: track.modality === 'PT' ? 'g/ml' : 'ratio',
      points: track.observations.map((observation) => ({ date: observation.date, value: observation.value })),
    });
  }
  return trajectories;
}

/** Builds the timeline from validated input. */
export function buildTimeline(input: TimelineInput): Timeline {
  const studies = [...input.studies].sort((a, b) =>
    a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : 1,
  );
  const therapyLines = [...input.therapyLines].sort((a, b) => (a.startDate < b.startDate ? -1 : 1));
  const assessments = new Map<string, Mutable<TimelineAssessment>>();
  const at = (date: string): Mutable<TimelineAssessment> => {
    const existing = assessments.get(date);
    if (existing !== undefined) return existing;
    const created: Mutable<TimelineAssessment> = {};
    assessments.set(date, created);
    return created;
  };
  const events: ProgressionEvent[] = [];
  const baselineDates: string[] = [];
  const firstFollowUps: string[] = [];

  let recistPdDates: string[] = [];
  if (input.recist !== undefined) {
    const recist = computeRecistBone(input.recist);
    baselineDates.push(input.recist.timePoints[0]?.date ?? '');
    for (const reading of recist.followUps) {
      at(reading.date).recist = {
        category: reading.category,
        percentFromBaseline: reading.percentFromBaseline,
        percentFromNadir: reading.percentFromNadir,
        nadirDate: reading.nadirDate,
      };
    }
    firstFollowUps.push(recist.followUps[0]?.date ?? '');
    recistPdDates = recist.followUps.filter((reading) => reading.category === 'PD').map((reading) => reading.date);
    const firstPd = recist.followUps.find((reading) => reading.category === 'PD');
    if (firstPd !== undefined)
      events.push({
        date: firstPd.date,
        confirmedOn: firstPd.date,
        criterion: 'RECIST 1.1',
        rule: firstPd.rules.map((rule) => rule.rule).join('; '),
      });
  }

  if (input.pet !== undefined) {
    const series = computePercistSeries({ ...input.pet, anatomicProgressionDates: recistPdDates });
    baselineDates.push(series.baselineDate);
    firstFollowUps.push(series.followUps[0]?.date ?? '');
    for (const point of series.followUps) {
      at(point.date).percist = {
        vsBaseline: point.vsBaseline.category,
        vsNadirProgression: point.vsNadir.progression,
        nadirDate: point.nadir.date,
        progression: point.progression,
      };
    }
    if (series.confirmedProgression !== null) events.push({ ...series.confirmedProgression, criterion: 'PERCIST 1.0' });
  }

  for (const entry of input.mda ?? []) {
    const reading = computeMdaBoneResponse(entry.rows);
    at(entry.date).mda = {
      category: reading.category,
      decidingRules: reading.rows.map((row) => row.decidingRule.rule),
    };
    const anatomicPd = reading.rows.find((row) => row.row !== 'SS' && row.category === 'PD');
    if (anatomicPd !== undefined && !events.some((event) => event.criterion === 'MDA'))
      events.push({ date: entry.date, confirmedOn: entry.date, criterion: 'MDA', rule: anatomicPd.decidingRule.rule });
  }
  if (input.mda?.[0] !== undefined) firstFollowUps.push(input.mda[0].date);

  const firstFollowUp = firstFollowUps.filter((date) => date !== '').sort()[0] ?? null;
  const line = firstFollowUp === null ? null : lineOn(therapyLines, firstFollowUp);
  const assumptions: string[] = [];

  if (input.boneScan !== undefined) {
    baselineDates.push(input.boneScan.baselineDate);
    const scanLine = lineOn(therapyLines, input.boneScan.scans[0]?.date ?? input.boneScan.baselineDate);
    if (scanLine === null) {
      throw new BonemetError(
        'missing_data',
        'the bone-scan flare rule needs a therapy start before the first follow-up scan',
        {
          issues: [
            {
              path: ['therapyLines'],
              message: 'no therapy line starts on or before the first follow-up bone scan',
              hint: 'add the therapy line the scans follow, with its start date',
            },
          ],
        },
      );
    }
    const flare = computeBoneScanFlare({
      baselineDate: input.boneScan.baselineDate,
      therapyStartDate: scanLine.startDate,
      scans: input.boneScan.scans,
      ...(input.boneScan.flareWindowDays === undefined ? {} : { flareWindowDays: input.boneScan.flareWindowDays }),
      ...(input.boneScan.confirmationMinDays === undefined
        ? {}
        : { confirmationMinDays: input.boneScan.confirmationMinDays }),
    });
    for (const point of flare.points)
      at(point.date).boneScan = { status: point.status, rule: point.rule?.rule ?? null };
    const progressionPoint = flare.points.find(
      (point) => point.status === 'progression' || point.status === 'progression_confirmed',
    );
    if (progressionPoint !== undefined && flare.progressionRule !== null)
      events.push({
        date: progressionPoint.date,
        confirmedOn: progressionPoint.confirmationDate ?? progressionPoint.date,
        criterion: 'bone scan (flare-aware)',
        rule: flare.progressionRule,
      });
    assumptions.push(...flare.assumptions);
  }

  events.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const confirmedProgression = events[0] ?? null;
  const baselineDate = baselineDates.filter((date) => date !== '').sort()[0] ?? studies[0]?.date ?? '';
  let timeToProgression: Timeline['timeToProgression'] = null;
  if (confirmedProgression !== null) {
    const therapyLine = (input.timeToProgressionFrom ?? 'therapy_start') === 'therapy_start' ? line : null;
    const fromDate = therapyLine === null ? baselineDate : therapyLine.startDate;
    timeToProgression = {
      days: daysBetweenDates(fromDate, confirmedProgression.date),
      fromDate,
      from:
        therapyLine === null
          ? 'baseline date'
          : `start of therapy line ${String(therapyLine.lineNumber)} (${therapyLine.regimen})`,
      rule: `days from ${fromDate} to the date of the first scan showing the confirmed progression (${confirmedProgression.criterion})`,
    };
  }
  assumptions.push(
    'Confirmed progression is the earliest of PERCIST (confirmed), RECIST 1.1 PD, MDA PD on XR/CT/MRI and flare-aware bone-scan progression; MDA bone-scan PD is left to the flare rule.',
    'Time to progression counts from the start of the therapy line in effect at the first follow-up, else from the baseline date.',
  );

  const dates = [...assessments.keys()].sort();
  const points: TimelinePoint[] = dates.map((date) => ({
    date,
    studyIds: studies.filter((study) => study.date === date).map((study) => study.id),
    therapyLine: lineOn(therapyLines, date)?.lineNumber ?? null,
    assessment: assessments.get(date) ?? {},
  }));
  return {
    patientId: input.patientId,
    studies,
    therapyLines,
    points,
    progressionEvents: events,
    confirmedProgression,
    timeToProgression,
    assumptions,
    lesionTrajectories: lesionTrajectories(input),
  };
}

/** Validates `raw` (typed `invalid_input` error with every issue by path) and builds the timeline. */
export function assessTimeline(raw: unknown): Timeline {
  return buildTimeline(parseInput(timelineInputSchema, raw, 'response timeline'));
}
