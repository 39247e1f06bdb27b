import { parseInput, RESEARCH_USE_DISCLAIMER, type Citation } from '@bonemet/core';
import { z } from 'zod';
import { readEortc, type EortcReading } from './eortc.js';
import { readPercist, type PercistReading } from './percist.js';
import { petTimePointSchema } from './pet-time-point.js';
import { evaluateQualityGates, uptakeWindowWarnings, type QualityGate } from './quality-gates.js';
import { describeChange } from './reading.js';
import { sources } from './sources.js';

export const petResponseOptionsSchema = z
  .strictObject({
    referenceRegion: z
      .enum(['liver', 'blood_pool'])
      .optional()
      .describe(
        'Reference region for measurability and the stability gate: liver (default) or blood_pool when the liver is abnormal (e.g. liver metastases); blood_pool needs bloodPool at both time points',
      ),
    progressionComparison: z
      .enum(['strict', 'inclusive'])
      .optional()
      .describe(
        'PERCIST PMD cut-offs: strict (default; increase > 30% and > 0.8 SUL, the Wahl 2009 wording) or inclusive (≥ 30% and ≥ 0.8 SUL, as some later tables write it)',
      ),
    treatmentCyclesBeforeFollowUp: z
      .int()
      .min(1, { error: 'at least 1 treatment cycle between the scans' })
      .optional()
      .describe(
        'Treatment cycles between baseline and follow-up, for the EORTC PMR threshold (1 cycle: decrease ≥ 15%; more: > 25%); when absent the > 25% threshold is used',
      ),
    anatomicProgression: z
      .boolean()
      .optional()
      .describe(
        'Whether anatomic (RECIST 1.1) assessment at the follow-up shows progression; decides whether a PERCIST response or progression needs confirmation',
      ),
    unequivocalProgression: z
      .boolean()
      .optional()
      .describe(
        'Reader judgement: unequivocal progression of non-target lesions or visible increase in extent of FDG uptake (PERCIST PMD)',
      ),
  })
  .describe('Reading options');

export const petResponseInputSchema = z
  .strictObject({
    baseline: petTimePointSchema.describe('Baseline PET time point (before treatment)'),
    followUp: petTimePointSchema.describe('Follow-up PET time point compared with the baseline'),
    options: petResponseOptionsSchema.optional(),
  })
  .superRefine((input, context) => {
    if (input.followUp.studyDate <= input.baseline.studyDate) {
      context.addIssue({
        code: 'custom',
        path: ['followUp', 'studyDate'],
        message: `the follow-up study date ${input.followUp.studyDate} is not after the baseline date ${input.baseline.studyDate}`,
      });
    }
    input.baseline.lesions.forEach((lesion, index) => {
      if (lesion.new === true) {
        context.addIssue({
          code: 'custom',
          path: ['baseline', 'lesions', index, 'new'],
          message: 'a baseline lesion cannot be new; mark new lesions on the follow-up',
        });
      }
    });
    if (input.options?.referenceRegion === 'blood_pool') {
      for (const timePoint of ['baseline', 'followUp'] as const) {
        if (input[timePoint].bloodPool === undefined) {
          context.addIssue({
            code: 'custom',
            path: [timePoint, 'bloodPool'],
            message: 'required field is missing: the blood-pool reference region needs bloodPool at both time points',
          });
        }
      }
    }
  })
  .describe('Two quantified FDG PET time points to compare by PERCIST 1.0 and EORTC 1999');

export type PetResponseInput = z.output<typeof petResponseInputSchema>;

export interface PetResponseResult {
  readonly summary: string;
  readonly baselineDate: string;
  readonly followUpDate: string;
  readonly intervalDays: number;
  readonly percist: PercistReading;
  readonly eortc: EortcReading;
  readonly gates: readonly QualityGate[];
  readonly warnings: readonly string[];
  readonly assumptions: readonly string[];
  readonly sources: readonly Citation[];
  readonly disclaimer: string;
}

const MS_PER_DAY = 86_400_000;

function daysBetween(startDate: string, endDate: string): number {
  return Math.round((Date.parse(`${endDate}T00:00:00Z`) - Date.parse(`${startDate}T00:00:00Z`)) / MS_PER_DAY);
}

// Conventions and source caveats stated with every result (see docs in the module comments).
function assumptionsFor(input: PetResponseInput): string[] {
  const options = input.options ?? {};
  const assumptions = [
    'PERCIST 1.0 rules (measurability, CMR/PMR/SMD/PMD, hottest lesion and sum of 5) are taken from secondary copies of Wahl 2009 (Costelloe 2010 Table 3, Wikipedia, PMOD manual); the primary text was not retrieved.',
    'The comparability numbers (uptake time within 15 min, liver SULmean within 20% and < 0.3 SUL units, uptake 50-70 min, same scanner) are unverified against Wahl 2009 and Practical PERCIST (O 2016). A failed liver/blood-pool stability gate makes the SUL comparison not evaluable; a different uptake time or scanner only flags the result, as the sources word those as ideals and recommendations.',
    'Only baseline against one follow-up: with more than two time points, comparison with the nadir or the previous scan is not made by this reading.',
    'Cut-offs are compared with a tolerance of 1e-9 so that decimal values exactly at 30%, 0.8 SUL, 25% or 15% count as at the cut-off.',
    'CMR: "at the level of the blood pool" is read as SULpeak ≤ blood-pool SULmean + 2 SD, and a follow-up without any lesion as complete resolution (this relies on the lesion detection threshold of the quantification). Without a blood-pool measurement, residual lesions below the liver mean do not make a CMR.',
    'PMR is withheld when a tracked lesion (same tracking id) rises by more than 30% in SULpeak; the size part of that rule is not assessed (no diameters in a PET time point).',
    'The > 75% increase in TLG of the 5 most active lesions as PMD comes from Costelloe 2010 Table 3 (a secondary table); TLG is summed over the lesions of the PERCIST sum (up to 5, at most 2 per organ).',
    'Except for new lesions, PERCIST PMD is marked as needing confirmation (follow-up PET in about 1 month) unless anatomic criteria also show progression; this wording is from secondary copies and is unverified.',
    'When the baseline has no measurable lesion, or the stability gate fails, new lesions still give PMD (they do not depend on the SUL comparison); otherwise the PERCIST reading is not evaluable.',
    'EORTC 1999 names neither the lesions nor the SUV statistic: the SUVmax (SUVbw) of the hottest lesion on each scan is used. EORTC thresholds are from secondary tables (PMC7046919, PMC7669926); its > 20% longest-dimension PMD rule is not assessed. The stability gate does not change the EORTC reading.',
  ];
  assumptions.push(
    options.progressionComparison === 'inclusive'
      ? 'PMD cut-offs applied inclusively (≥ 30% and ≥ 0.8 SUL), as requested; Wahl 2009 as reproduced writes > 30% and > 0.8 SUL.'
      : 'PMD cut-offs applied strictly (> 30% and > 0.8 SUL) as Wahl 2009 is reproduced, while PMR uses ≥ 30% and ≥ 0.8 SUL; some later tables write ≥ 30% for PMD (option progressionComparison: inclusive).',
  );
  if (options.referenceRegion === 'blood_pool') {
    assumptions.push(
      'Blood pool used as the reference region (2.0 × SULmean + 2 SD, PMOD PSEG manual, secondary copy); the 20%/0.3 SUL stability gate is applied to the blood pool by analogy with the liver.',
    );
  }
  if (options.treatmentCyclesBeforeFollowUp === undefined) {
    assumptions.push(
      'Treatment cycles between the scans not given: the EORTC PMR threshold for more than one cycle (decrease > 25%) is used, the stricter of the two.',
    );
  }
  return assumptions;
}

function summaryOf(percist: PercistReading, eortc: EortcReading): string {
  const percistPart =
    percist.category === 'not_evaluable'
      ? 'PERCIST 1.0 not evaluable'
      : `PERCIST 1.0 ${percist.category} (${percist.categoryLabel}${percist.confirmation.required ? ', needs confirmation' : ''})`;
  const target =
    percist.target.absoluteChange === null ? '' : `; hottest lesion SULpeak ${describeChange(percist.target)}`;
  const eortcPart = eortc.category === 'not_evaluable' ? 'EORTC 1999 not evaluable' : `EORTC 1999 ${eortc.category}`;
  return `${percistPart}${target}. ${eortcPart}.`;
}

/** Compares two validated time points by PERCIST 1.0 and EORTC 1999. */
export function computePetResponse(input: PetResponseInput): PetResponseResult {
  const { baseline, followUp } = input;
  const options = input.options ?? {};
  const referenceRegion = options.referenceRegion ?? 'liver';
  const gates = evaluateQualityGates(baseline, followUp, referenceRegion);
  const percist = readPercist(
    baseline,
    followUp,
    {
      referenceRegion,
      progressionComparison: options.progressionComparison ?? 'strict',
      anatomicProgression: options.anatomicProgression ?? null,
      unequivocalProgression: options.unequivocalProgression ?? null,
    },
    gates,
  );
  const eortc = readEortc(baseline, followUp, options.treatmentCyclesBeforeFollowUp ?? null);

  const warnings: string[] = [];
  for (const gate of gates) {
    if (gate.status === 'fail') {
      warnings.push(
        `${gate.title} failed (${gate.finding})${gate.onFailure === 'not_evaluable' ? ': the PERCIST SUL comparison is not evaluable' : ': interpret the change with care'}.`,
      );
    } else if (gate.status === 'unknown') {
      warnings.push(`${gate.title} could not be checked: ${gate.finding}.`);
    }
  }
  warnings.push(...uptakeWindowWarnings(baseline, followUp), ...percist.warnings, ...eortc.warnings);

  return {
    summary: summaryOf(percist, eortc),
    baselineDate: baseline.studyDate,
    followUpDate: followUp.studyDate,
    intervalDays: daysBetween(baseline.studyDate, followUp.studyDate),
    percist,
    eortc,
    gates,
    warnings,
    assumptions: assumptionsFor(input),
    sources: [sources['wahl-2009'], sources['o-2016'], sources['costelloe-2010'], sources['young-1999']],
    disclaimer: RESEARCH_USE_DISCLAIMER,
  };
}

/** Validates `raw` (throwing `BonemetError('invalid_input')` with every issue by path) and compares. */
export function comparePetTimePoints(raw: unknown): PetResponseResult {
  return computePetResponse(parseInput(petResponseInputSchema, raw, 'PET response input'));
}
