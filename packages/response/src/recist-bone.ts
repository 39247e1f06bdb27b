/**
 * RECIST 1.1 applied to bone metastases (Eisenhauer 2009; reference note §1.5):
 * - measurability: a lytic or mixed lytic–blastic lesion with an identifiable soft-tissue component is
 *   measurable on CT/MRI when that component is ≥ 10 mm in longest diameter (or ≥ 2 × the slice thickness
 *   when slices are thicker than 5 mm); blastic lesions, and lesions without a soft-tissue component, are
 *   non-measurable (non-target);
 * - target sum: sum of the longest diameters of the soft-tissue components of the target lesions;
 * - CR all targets gone (0 mm) and non-targets absent; PR ≥ 30% decrease from the baseline sum;
 *   PD ≥ 20% increase from the nadir (smallest sum so far, baseline included) and ≥ 5 mm absolute, or a new
 *   lesion, or unequivocal progression of non-target lesions; SD otherwise.
 * The nodal short-axis rules do not apply to bone and are not used.
 */
import { identifierSchema, isAtLeast, isAtMost, isoDateSchema, parseInput, type Citation } from '@bonemet/core';
import { z } from 'zod';
import type { FiredRule } from './reading.js';
import { sources } from './sources.js';
import { percentChange } from './thresholds.js';

export const recistThresholds = Object.freeze({
  /** Minimum longest diameter of a measurable lesion, mm (CT slice ≤ 5 mm). */
  measurableMinMm: 10,
  /** With thicker slices the minimum is twice the slice thickness. */
  sliceThicknessFactor: 2,
  /** PR: decrease of at least 30% from the baseline sum. */
  responseDecreasePercent: 30,
  /** PD: increase of at least 20% from the nadir... */
  progressionIncreasePercent: 20,
  /** ...and at least 5 mm absolute. */
  progressionAbsoluteMm: 5,
  maxTargets: 5,
});

export type RecistCategory = 'CR' | 'PR' | 'SD' | 'PD' | 'NE';

export const recistBoneLesionSchema = z
  .strictObject({
    id: identifierSchema.describe('Lesion identifier, the same at every time point'),
    kind: z
      .enum(['lytic', 'mixed', 'blastic'])
      .describe('Bone lesion type on CT/MRI: lytic, mixed lytic–blastic, blastic'),
    softTissueComponentMm: z
      .number()
      .nonnegative()
      .optional()
      .describe(
        'Longest diameter of the identifiable soft-tissue component at baseline, mm; absent when there is none',
      ),
    sliceThicknessMm: z.number().positive().optional().describe('CT/MRI slice thickness, mm (default ≤ 5 mm)'),
  })
  .describe('A baseline bone lesion for RECIST 1.1 measurability');

export type RecistBoneLesion = z.output<typeof recistBoneLesionSchema>;

export interface Measurement {
  readonly lesionId: string;
  readonly measurable: boolean;
  readonly minimumMm: number;
  readonly reason: string;
}

/** RECIST 1.1 measurability of one bone lesion at baseline. */
export function recistBoneMeasurability(lesion: RecistBoneLesion): Measurement {
  const { measurableMinMm, sliceThicknessFactor } = recistThresholds;
  const slice = lesion.sliceThicknessMm;
  const minimumMm = slice !== undefined && slice > 5 ? sliceThicknessFactor * slice : measurableMinMm;
  const base = { lesionId: lesion.id, minimumMm };
  if (lesion.kind === 'blastic') return { ...base, measurable: false, reason: 'blastic lesions are non-measurable' };
  const size = lesion.softTissueComponentMm;
  if (size === undefined || size === 0)
    return { ...base, measurable: false, reason: `${lesion.kind} lesion without a soft-tissue component` };
  if (isAtLeast(size, minimumMm))
    return {
      ...base,
      measurable: true,
      reason: `${lesion.kind} lesion with a soft-tissue component of ${size.toFixed(1)} mm ≥ ${minimumMm.toFixed(1)} mm`,
    };
  return {
    ...base,
    measurable: false,
    reason: `${lesion.kind} lesion with a soft-tissue component of ${size.toFixed(1)} mm < ${minimumMm.toFixed(1)} mm`,
  };
}

const recistTimePointSchema = z
  .strictObject({
    date: isoDateSchema.describe('Date of the CT/MRI, YYYY-MM-DD'),
    targetDiametersMm: z
      .record(identifierSchema, z.number().nonnegative())
      .describe('Longest diameter of the soft-tissue component of each target lesion, mm (0 when gone)'),
    newLesions: z.boolean().describe('Unequivocal new lesion at this time point'),
    nonTarget: z
      .enum(['absent', 'present', 'unequivocal_progression'])
      .describe('Non-target lesions: all absent, present (not progressing), unequivocal progression'),
  })
  .describe('One RECIST time point');

export const recistBoneInputSchema = z
  .strictObject({
    lesions: z.array(recistBoneLesionSchema).min(1).describe('Baseline bone lesions'),
    targetIds: z.array(identifierSchema).max(recistThresholds.maxTargets).describe('Target lesions (at most 5)'),
    timePoints: z
      .array(recistTimePointSchema)
      .min(2, { error: 'give the baseline and at least one follow-up' })
      .describe('Baseline first, then follow-ups in date order'),
  })
  .superRefine((input, context) => {
    const lesions = new Map(input.lesions.map((lesion) => [lesion.id, lesion]));
    input.targetIds.forEach((id, index) => {
      const lesion = lesions.get(id);
      if (lesion === undefined) {
        context.addIssue({ code: 'custom', path: ['targetIds', index], message: `no baseline lesion ${id}` });
      } else if (!recistBoneMeasurability(lesion).measurable) {
        context.addIssue({
          code: 'custom',
          path: ['targetIds', index],
          message: `${id} is not measurable and cannot be a target: ${recistBoneMeasurability(lesion).reason}`,
        });
      }
    });
    input.timePoints.forEach((timePoint, index) => {
      const previous = input.timePoints[index - 1];
      if (previous !== undefined && timePoint.date <= previous.date) {
        context.addIssue({
          code: 'custom',
          path: ['timePoints', index, 'date'],
          message: `dates out of order: ${timePoint.date} is not after ${previous.date}`,
        });
      }
      for (const id of Object.keys(timePoint.targetDiametersMm)) {
        if (!input.targetIds.includes(id))
          context.addIssue({
            code: 'custom',
            path: ['timePoints', index, 'targetDiametersMm', id],
            message: `${id} is not a target lesion`,
          });
      }
    });
    const first = input.timePoints[0];
    for (const id of input.targetIds) {
      if (first !== undefined && first.targetDiametersMm[id] === undefined)
        context.addIssue({
          code: 'custom',
          path: ['timePoints', 0, 'targetDiametersMm', id],
          message: `the baseline needs the diameter of target ${id}`,
        });
    }
    if (first?.newLesions === true)
      context.addIssue({
        code: 'custom',
        path: ['timePoints', 0, 'newLesions'],
        message: 'a baseline has no new lesion',
      });
  })
  .describe('RECIST 1.1 bone assessment over time');

export type RecistBoneInput = z.output<typeof recistBoneInputSchema>;

export interface RecistReading {
  readonly date: string;
  readonly category: RecistCategory;
  readonly sumMm: number | null;
  readonly baselineSumMm: number;
  readonly nadirSumMm: number;
  readonly nadirDate: string;
  readonly percentFromBaseline: number | null;
  readonly percentFromNadir: number | null;
  readonly absoluteFromNadirMm: number | null;
  readonly rules: readonly FiredRule[];
}

export interface RecistBoneResult {
  readonly criteria: 'RECIST 1.1';
  readonly measurability: readonly Measurement[];
  readonly baselineSumMm: number;
  /** One reading per follow-up, in date order. */
  readonly followUps: readonly RecistReading[];
  readonly sources: readonly Citation[];
}

const recistSources = [sources['eisenhauer-2009'], sources['costelloe-2010-mda']] as const;

function sumOf(timePoint: z.output<typeof recistTimePointSchema>, targetIds: readonly string[]): number | null {
  let total = 0;
  for (const id of targetIds) {
    const value = timePoint.targetDiametersMm[id];
    if (value === undefined) return null;
    total += value;
  }
  return total;
}

/** RECIST 1.1 bone reading of every follow-up against the baseline and the nadir. */
export function computeRecistBone(input: RecistBoneInput): RecistBoneResult {
  const { responseDecreasePercent: pr, progressionIncreasePercent: pd, progressionAbsoluteMm: pdMm } = recistThresholds;
  const measurability = input.lesions.map(recistBoneMeasurability);
  const [baseline, ...followUps] = input.timePoints;
  if (baseline === undefined) throw new Error('the schema guarantees a baseline time point');
  const baselineSum = sumOf(baseline, input.targetIds);
  if (baselineSum === null) throw new Error('the schema guarantees every baseline target diameter');
  let nadirSum = baselineSum;
  let nadirDate = baseline.date;
  const readings: RecistReading[] = [];
  for (const timePoint of followUps) {
    const sum = sumOf(timePoint, input.targetIds);
    const fromBaseline = sum === null ? null : percentChange(baselineSum, sum);
    const fromNadir = sum === null ? null : percentChange(nadirSum, sum);
    const absoluteFromNadir = sum === null ? null : sum - nadirSum;
    const sumText =
      sum === null
        ? 'a target lesion was not measured'
        : `sum ${sum.toFixed(1)} mm; baseline ${baselineSum.toFixed(1)} mm (${fromBaseline === null ? 'n/a' : fromBaseline.toFixed(1)}%); nadir ${nadirSum.toFixed(1)} mm on ${nadirDate} (${fromNadir === null ? 'n/a' : fromNadir.toFixed(1)}%, ${absoluteFromNadir === null ? '' : absoluteFromNadir.toFixed(1)} mm)`;
    const rules: FiredRule[] = [];
    const fire = (text: string, finding: string): void => {
      rules.push({ rule: text, finding, sources: recistSources });
    };
    if (timePoint.newLesions) fire('PD: new lesion', 'new lesion reported');
    if (timePoint.nonTarget === 'unequivocal_progression')
      fire('PD: unequivocal progression of non-target lesions', 'reported by the reader');
    // With a nadir of 0 mm the percent is undefined; any reappearance of ≥ 5 mm is then progression.
    if (
      absoluteFromNadir !== null &&
      isAtLeast(absoluteFromNadir, pdMm) &&
      (fromNadir === null || isAtLeast(fromNadir, pd))
    ) {
      fire(`PD: sum of diameters ≥ ${String(pd)}% above the nadir and ≥ ${String(pdMm)} mm`, sumText);
    }
    let category: RecistCategory;
    if (rules.length > 0) category = 'PD';
    else if (sum === null) {
      category = 'NE';
      fire('NE: a target lesion was not assessed', sumText);
    } else if (sum === 0 && input.targetIds.length > 0 && timePoint.nonTarget === 'absent') {
      category = 'CR';
      fire('CR: disappearance of all target and non-target lesions', sumText);
    } else if (fromBaseline !== null && isAtMost(fromBaseline, -pr)) {
      category = 'PR';
      fire(`PR: sum of diameters ≥ ${String(pr)}% below the baseline`, sumText);
    } else if (input.targetIds.length === 0 && timePoint.nonTarget === 'absent') {
      category = 'CR';
      fire('CR: disappearance of all non-target lesions (no target lesion)', 'non-target lesions absent');
    } else {
      category = 'SD';
      fire(
        input.targetIds.length === 0
          ? 'Non-CR/non-PD: non-target lesions only (reported as SD here)'
          : `SD: neither ≥ ${String(pr)}% decrease from baseline nor ≥ ${String(pd)}% and ≥ ${String(pdMm)} mm increase from the nadir`,
        sumText,
      );
    }
    readings.push({
      date: timePoint.date,
      category,
      sumMm: sum,
      baselineSumMm: baselineSum,
      nadirSumMm: nadirSum,
      nadirDate,
      percentFromBaseline: fromBaseline,
      percentFromNadir: fromNadir,
      absoluteFromNadirMm: absoluteFromNadir,
      rules,
    });
    if (sum !== null && sum < nadirSum) {
      nadirSum = sum;
      nadirDate = timePoint.date;
    }
  }
  return {
    criteria: 'RECIST 1.1',
    measurability,
    baselineSumMm: baselineSum,
    followUps: readings,
    sources: recistSources,
  };
}

/** Validates `raw` (typed `invalid_input` error with every issue by path) and reads it. */
export function assessRecistBone(raw: unknown): RecistBoneResult {
  return computeRecistBone(parseInput(recistBoneInputSchema, raw, 'RECIST 1.1 bone input'));
}
