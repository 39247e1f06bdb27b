/**
 * PERCIST 1.0 over more than two time points. Each follow-up is read against the baseline by the
 * two-time-point reading (`readPercist`, unchanged) and, for progression, against the nadir: the lowest
 * value so far (baseline included) of the SULpeak of the hottest lesion (default) or of the sum of up to 5
 * hottest lesions. Progression against the nadir uses the same PMD cut-offs (`meetsProgression`: > 30% and
 * > 0.8 SUL, or inclusive), as the brief and RECIST's nadir convention ask; Wahl 2009 words PMD against
 * baseline, so this is marked in the rule text.
 *
 * Confirmation (Wahl 2009 as reproduced in the reference note §1.1): PMD by new lesions, or with RECIST
 * progression, stands at once; other PMD needs a later PET that again shows PMD (against baseline or nadir).
 * The date of progression is the date of the first scan that showed it.
 */
import { parseInput, type Citation } from '@bonemet/core';
import { z } from 'zod';
import { meetsProgression, readPercist, type PercistReading, type ProgressionComparison } from './percist.js';
import { petTimePointSchema, type PetTimePoint } from './pet-time-point.js';
import { evaluateQualityGates, type ReferenceRegion } from './quality-gates.js';
import { changeMeasure, describeChange, type ChangeMeasure, type FiredRule } from './reading.js';
import { sources } from './sources.js';
import { hottestLesion, hottestLesionsForSum } from './target-lesions.js';
import { percistThresholds } from './thresholds.js';

export type NadirMeasure = 'hottest' | 'sum';

/** The fields of a PERCIST series, without the cross-field checks (`checkPercistSeries`). */
export const percistSeriesFieldsSchema = z.strictObject({
  timePoints: z
    .array(petTimePointSchema)
    .min(2, { error: 'give the baseline and at least one follow-up' })
    .describe('Quantified PET time points, baseline first, in date order'),
  referenceRegion: z.enum(['liver', 'blood_pool']).optional().describe('Reference region (default liver)'),
  progressionComparison: z
    .enum(['strict', 'inclusive'])
    .optional()
    .describe('PMD cut-offs: strict > 30% and > 0.8 SUL (default) or inclusive ≥'),
  nadirMeasure: z
    .enum(['hottest', 'sum'])
    .optional()
    .describe('Nadir by the SULpeak of the hottest lesion (default) or the sum of up to 5 hottest lesions'),
  anatomicProgressionDates: z
    .array(z.iso.date())
    .optional()
    .describe('Dates of follow-ups at which RECIST 1.1 shows progression (PMD then needs no confirmation)'),
});

/** Date order, blood-pool presence and no new lesion at baseline. */
export function checkPercistSeries(
  input: { readonly timePoints: readonly PetTimePoint[]; readonly referenceRegion?: ReferenceRegion | undefined },
  context: z.RefinementCtx,
): void {
  input.timePoints.forEach((timePoint, index) => {
    const previous = input.timePoints[index - 1];
    if (previous !== undefined && timePoint.studyDate <= previous.studyDate)
      context.addIssue({
        code: 'custom',
        path: ['timePoints', index, 'studyDate'],
        message: `dates out of order: ${timePoint.studyDate} is not after ${previous.studyDate}`,
      });
    if (input.referenceRegion === 'blood_pool' && timePoint.bloodPool === undefined)
      context.addIssue({
        code: 'custom',
        path: ['timePoints', index, 'bloodPool'],
        message: 'required field is missing: the blood-pool reference region needs bloodPool at every time point',
      });
  });
  input.timePoints[0]?.lesions.forEach((lesion, index) => {
    if (lesion.new === true)
      context.addIssue({
        code: 'custom',
        path: ['timePoints', 0, 'lesions', index, 'new'],
        message: 'a baseline lesion cannot be new',
      });
  });
}

export const percistSeriesInputSchema = percistSeriesFieldsSchema
  .superRefine(checkPercistSeries)
  .describe('PERCIST 1.0 over several PET time points');

export type PercistSeriesInput = z.output<typeof percistSeriesInputSchema>;

export type ProgressionStatus =
  'none' | 'confirmed' | 'confirmed_by_later_scan' | 'awaiting_confirmation' | 'not_confirmed';

export interface PercistSeriesPoint {
  readonly date: string;
  readonly vsBaseline: PercistReading;
  readonly nadir: { readonly date: string; readonly measure: NadirMeasure; readonly valueSul: number };
  readonly vsNadir: { readonly change: ChangeMeasure; readonly progression: boolean; readonly rule: FiredRule | null };
  /** Whether this follow-up shows PMD (against baseline or nadir), and whether that is confirmed. */
  readonly progression: ProgressionStatus;
  readonly progressionNote: string | null;
}

export interface PercistSeriesResult {
  readonly criteria: 'PERCIST 1.0';
  readonly baselineDate: string;
  readonly followUps: readonly PercistSeriesPoint[];
  /** First progression that is confirmed: its date (first scan showing it) and how it was confirmed. */
  readonly confirmedProgression: { readonly date: string; readonly confirmedOn: string; readonly rule: string } | null;
  readonly sources: readonly Citation[];
}

/** The SUL value a nadir is taken on: 0 when the scan has no lesion. */
export function nadirValueSul(timePoint: PetTimePoint, measure: NadirMeasure): number {
  if (measure === 'hottest') return hottestLesion(timePoint.lesions)?.sulPeak ?? 0;
  return hottestLesionsForSum(timePoint.lesions).reduce((total, lesion) => total + lesion.sulPeak, 0);
}

/** PERCIST 1.0 reading of each follow-up against baseline and nadir, with confirmation of progression. */
export function computePercistSeries(input: PercistSeriesInput): PercistSeriesResult {
  const [baseline, ...followUps] = input.timePoints;
  if (baseline === undefined) throw new Error('the schema guarantees a baseline time point');
  const referenceRegion: ReferenceRegion = input.referenceRegion ?? 'liver';
  const comparison: ProgressionComparison = input.progressionComparison ?? 'strict';
  const measure: NadirMeasure = input.nadirMeasure ?? 'hottest';
  const anatomic = new Set(input.anatomicProgressionDates ?? []);
  const sign = comparison === 'strict' ? '>' : '≥';

  let nadir = { date: baseline.studyDate, measure, valueSul: nadirValueSul(baseline, measure) };
  const points: {
    date: string;
    vsBaseline: PercistReading;
    nadir: typeof nadir;
    vsNadir: PercistSeriesPoint['vsNadir'];
    pmd: boolean;
    needsConfirmation: boolean;
  }[] = [];
  for (const followUp of followUps) {
    const vsBaseline = readPercist(
      baseline,
      followUp,
      {
        referenceRegion,
        progressionComparison: comparison,
        anatomicProgression: anatomic.has(followUp.studyDate) ? true : null,
        unequivocalProgression: null,
      },
      evaluateQualityGates(baseline, followUp, referenceRegion),
    );
    const value = nadirValueSul(followUp, measure);
    const change = changeMeasure('SUL', nadir.valueSul, value);
    const nadirProgression = nadir.date !== baseline.studyDate && meetsProgression(change, comparison);
    const rule: FiredRule | null = nadirProgression
      ? {
          rule: `PMD against the nadir: ${measure === 'hottest' ? 'hottest lesion SULpeak' : 'sum of SULpeak'} increase ${sign} ${String(percistThresholds.progressionPercent)}% and ${sign} ${String(percistThresholds.progressionSul)} SUL from the nadir of ${nadir.date} (nadir convention applied to the PERCIST cut-offs)`,
          finding: describeChange(change),
          sources: [sources['wahl-2009'], sources['eisenhauer-2009']],
        }
      : null;
    const pmd = vsBaseline.category === 'PMD' || nadirProgression;
    const immediate = vsBaseline.category === 'PMD' && !vsBaseline.confirmation.required;
    points.push({
      date: followUp.studyDate,
      vsBaseline,
      nadir,
      vsNadir: { change, progression: nadirProgression, rule },
      pmd,
      needsConfirmation: pmd && !immediate && !anatomic.has(followUp.studyDate),
    });
    if (value < nadir.valueSul) nadir = { date: followUp.studyDate, measure, valueSul: value };
  }

  let confirmedProgression: PercistSeriesResult['confirmedProgression'] = null;
  const results: PercistSeriesPoint[] = points.map((point, index) => {
    let progression: ProgressionStatus = 'none';
    let note: string | null = null;
    if (point.pmd && !point.needsConfirmation) {
      progression = 'confirmed';
      note = 'PMD by new lesions or with anatomic progression: no confirmation needed';
      confirmedProgression ??= { date: point.date, confirmedOn: point.date, rule: note };
    } else if (point.pmd) {
      const next = points[index + 1];
      if (next === undefined) {
        progression = 'awaiting_confirmation';
        note = 'PMD to confirm with a later PET (about 1 month)';
      } else if (next.pmd) {
        progression = 'confirmed_by_later_scan';
        note = `confirmed by PMD on ${next.date}; progression dated to the first scan showing it`;
        confirmedProgression ??= { date: point.date, confirmedOn: next.date, rule: note };
      } else {
        progression = 'not_confirmed';
        note = `not confirmed: ${next.date} does not show PMD`;
      }
    }
    return {
      date: point.date,
      vsBaseline: point.vsBaseline,
      nadir: point.nadir,
      vsNadir: point.vsNadir,
      progression,
      progressionNote: note,
    };
  });
  return {
    criteria: 'PERCIST 1.0',
    baselineDate: baseline.studyDate,
    followUps: results,
    confirmedProgression,
    sources: [sources['wahl-2009'], sources['o-2016'], sources['costelloe-2010']],
  };
}

/** Validates `raw` (typed `invalid_input` error with every issue by path) and reads the series. */
export function assessPercistSeries(raw: unknown): PercistSeriesResult {
  return computePercistSeries(parseInput(percistSeriesInputSchema, raw, 'PERCIST series input'));
}
