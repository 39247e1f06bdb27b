import { isAtLeast } from '@bonemet/core';
import { z } from 'zod';
import { defineCalculator, type CalculatorResult } from '../calculator.js';
import { formatNumber, formatSignedNumber } from '../labs/format.js';
import { sources } from '../sources.js';

/**
 * Pain response at an irradiated bone metastasis by the international consensus endpoints (Chow et al.
 * IJROBP 2012;82:1730-1737), from worst pain (0–10) and oral morphine equivalent daily dose (OMED):
 * - complete response: worst pain 0 with no increase in OMED;
 * - partial response: pain reduced by ≥ 2 without an OMED increase, or OMED reduced by ≥ 25% without an
 *   increase in pain;
 * - pain progression: pain increased by ≥ 2 with stable OMED, or OMED increased by ≥ 25% with pain stable
 *   or 1 point above baseline;
 * - indeterminate response: anything else.
 * Evaluated in that order.
 */

/** Smallest pain change (points) that counts as a reduction or an increase. */
const PAIN_CHANGE_POINTS = 2;
/** Smallest OMED change, as a fraction of baseline, that counts as a reduction or an increase. */
const OMED_CHANGE_FRACTION = 0.25;

function painAssessmentSchema(when: string) {
  return z.strictObject({
    worstPain: z
      .number()
      .int()
      .min(0)
      .max(10)
      .describe(`Worst pain at the irradiated site ${when}, 0–10 numeric rating scale (integer).`),
    omedMgPerDay: z
      .number()
      .min(0)
      .describe(
        `Oral morphine equivalent daily dose ${when}, mg/day (0 when no opioid; see oral-morphine-equivalent).`,
      ),
  });
}

/** Worst pain and analgesic use at one time point. */
export type PainAssessment = z.output<ReturnType<typeof painAssessmentSchema>>;

export const painResponseInputSchema = z.strictObject({
  baseline: painAssessmentSchema('before radiotherapy (baseline)').describe(
    'Pain and analgesic use before radiotherapy.',
  ),
  followUp: painAssessmentSchema('at the follow-up assessment').describe(
    'Pain and analgesic use at the follow-up assessment.',
  ),
});

export type PainResponseInput = z.output<typeof painResponseInputSchema>;

export type PainResponseCategory =
  'complete_response' | 'partial_response' | 'pain_progression' | 'indeterminate_response';

/** How OMED changed, in the terms the consensus uses. */
export type OmedChange = 'reduced_25_percent_or_more' | 'stable' | 'increased_25_percent_or_more';

export interface PainResponseResult extends CalculatorResult {
  readonly category: PainResponseCategory;
  /** Complete or partial response. */
  readonly responder: boolean;
  /** followUp − baseline worst pain, points (negative = better). */
  readonly painChange: number;
  /** followUp − baseline OMED, mg/day. */
  readonly omedChangeMgPerDay: number;
  /** OMED change as a percentage of baseline; null when baseline OMED is 0. */
  readonly omedChangePercent: number | null;
  /** True when follow-up OMED is above baseline (any amount). */
  readonly omedIncreased: boolean;
  readonly omedChange: OmedChange;
}

const CATEGORY_NAMES: Readonly<Record<PainResponseCategory, string>> = Object.freeze({
  complete_response: 'complete response',
  partial_response: 'partial response',
  pain_progression: 'pain progression',
  indeterminate_response: 'indeterminate response',
});

/** OMED change class; from a baseline of 0, any opioid is an increase of 25% or more (see assumptions). */
function classifyOmedChange(baselineMgPerDay: number, followUpMgPerDay: number): OmedChange {
  if (baselineMgPerDay === 0) return followUpMgPerDay > 0 ? 'increased_25_percent_or_more' : 'stable';
  const change = followUpMgPerDay - baselineMgPerDay;
  const threshold = OMED_CHANGE_FRACTION * baselineMgPerDay;
  if (isAtLeast(change, threshold)) return 'increased_25_percent_or_more';
  if (isAtLeast(-change, threshold)) return 'reduced_25_percent_or_more';
  return 'stable';
}

export function computePainResponse(input: PainResponseInput): PainResponseResult {
  const { baseline, followUp } = input;
  const painChange = followUp.worstPain - baseline.worstPain;
  const omedChangeMgPerDay = followUp.omedMgPerDay - baseline.omedMgPerDay;
  const omedIncreased = followUp.omedMgPerDay > baseline.omedMgPerDay;
  const omedChange = classifyOmedChange(baseline.omedMgPerDay, followUp.omedMgPerDay);
  const omedChangePercent = baseline.omedMgPerDay === 0 ? null : (100 * omedChangeMgPerDay) / baseline.omedMgPerDay;

  // Chow 2012 definitions, checked in the consensus order.
  const completeResponse = followUp.worstPain === 0 && !omedIncreased;
  const partialByPain = painChange <= -PAIN_CHANGE_POINTS && !omedIncreased;
  const partialByOmed = omedChange === 'reduced_25_percent_or_more' && painChange <= 0;
  const progressionByPain = painChange >= PAIN_CHANGE_POINTS && omedChange === 'stable';
  const progressionByOmed = omedChange === 'increased_25_percent_or_more' && (painChange === 0 || painChange === 1);

  let category: PainResponseCategory;
  let reason: string;
  if (completeResponse) {
    category = 'complete_response';
    reason = 'worst pain 0 with no increase in OMED';
  } else if (partialByPain || partialByOmed) {
    category = 'partial_response';
    reason = partialByPain
      ? `pain reduced by ${String(-painChange)} points (≥ 2) with no increase in OMED`
      : 'OMED reduced by 25% or more with no increase in pain';
  } else if (progressionByPain || progressionByOmed) {
    category = 'pain_progression';
    reason = progressionByPain
      ? `pain increased by ${String(painChange)} points (≥ 2) with stable OMED`
      : `OMED increased by 25% or more with pain ${painChange === 0 ? 'stable' : '1 point above baseline'}`;
  } else {
    category = 'indeterminate_response';
    reason = 'not captured by the complete response, partial response or pain progression definitions';
  }

  const omedPercentText = omedChangePercent === null ? 'baseline 0' : `${formatSignedNumber(omedChangePercent, 1)}%`;
  const details = [
    `Worst pain ${String(baseline.worstPain)} → ${String(followUp.worstPain)} (${formatSignedNumber(painChange, 0)} points).`,
    `OMED ${formatNumber(baseline.omedMgPerDay, 2)} → ${formatNumber(followUp.omedMgPerDay, 2)} mg/day (${formatSignedNumber(omedChangeMgPerDay, 2)} mg/day, ${omedPercentText}): ${omedChange.replace(/_/g, ' ')}.`,
    `${CATEGORY_NAMES[category]}: ${reason}.`,
    'Responders are complete plus partial responses; pain progression and indeterminate responses are non-responders.',
  ];
  if (baseline.worstPain < PAIN_CHANGE_POINTS) {
    details.push(
      `Baseline worst pain ${String(baseline.worstPain)}: a 2-point reduction is not possible; the consensus categories describe the response of a painful site.`,
    );
  }

  return {
    calculator: 'pain-response',
    summary: `International Consensus pain response: ${CATEGORY_NAMES[category]} (${category === 'complete_response' || category === 'partial_response' ? 'responder' : 'non-responder'}): worst pain ${String(baseline.worstPain)} → ${String(followUp.worstPain)}, OMED ${formatNumber(baseline.omedMgPerDay, 1)} → ${formatNumber(followUp.omedMgPerDay, 1)} mg/day.`,
    details,
    sources: [sources['chow-2012']],
    assumptions: [
      'Definitions of complete and partial response: from a secondary copy only (a systematic review quoting the consensus wording), not checked against Chow 2012. Definitions of pain progression and indeterminate response: unverified against the primary paper.',
      '"No increase in OMED" (complete and partial response): follow-up OMED equal to or below baseline; any increase, however small, counts as an increase.',
      '"Stable OMED" (pain progression by pain): OMED changed by less than 25% of baseline in either direction, 25% being the smallest OMED change the consensus counts.',
      'Changes of exactly 2 pain points or exactly 25% of baseline OMED count (≥); the 25% is computed on the baseline OMED.',
      '"Pain stable or 1 point above baseline" (pain progression by OMED): a pain change of 0 or +1 point; "no increase in pain" (partial response by OMED): a change of 0 or less.',
      'Baseline OMED 0: a 25% reduction is impossible, and any opioid at follow-up counts as an increase of 25% or more.',
    ],
    category,
    responder: category === 'complete_response' || category === 'partial_response',
    painChange,
    omedChangeMgPerDay,
    omedChangePercent,
    omedIncreased,
    omedChange,
  };
}

export const painResponseCalculator = defineCalculator({
  id: 'pain-response',
  title: 'Pain response after radiotherapy (International Consensus)',
  description:
    'Classifies pain response at an irradiated bone metastasis as complete, partial, progression or indeterminate from worst pain and oral morphine equivalent before and after (Chow 2012).',
  input: painResponseInputSchema,
  example: { baseline: { worstPain: 7, omedMgPerDay: 60 }, followUp: { worstPain: 3, omedMgPerDay: 45 } },
  compute: computePainResponse,
});
