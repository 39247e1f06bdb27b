import type { z } from 'zod';
import { defineCalculator, type CalculatorResult } from '../calculator.js';
import type { CreatinineUnit } from '../labs/units.js';
import {
  assessBisphosphonateRenalFunction,
  bisphosphonateRenalCheckInputSchema,
  type BisphosphonateRenalAction,
} from './bisphosphonate-renal-check.js';

/**
 * Zoledronic acid renal hold/resume before each dose (Zometa US PI 2.2; EU SmPC 4.2 for the numeric split of
 * normal and abnormal baseline creatinine). The rule itself is shared with pamidronate.
 */

export const zoledronicAcidRenalCheckInputSchema = bisphosphonateRenalCheckInputSchema;

export type ZoledronicAcidRenalCheckInput = z.output<typeof zoledronicAcidRenalCheckInputSchema>;

export interface ZoledronicAcidRenalCheckResult extends CalculatorResult {
  readonly action: BisphosphonateRenalAction;
  /** The unit of the numbers below (the inputs' unit, or mg/dL when they differ). */
  readonly unit: CreatinineUnit;
  readonly baselineCreatinine: number;
  readonly currentCreatinine: number;
  readonly baselineCategory: 'normal' | 'abnormal';
  readonly increase: number;
  readonly withholdIncreaseThreshold: number;
  readonly resumeLimit: number;
}

export function computeZoledronicAcidRenalCheck(input: ZoledronicAcidRenalCheckInput): ZoledronicAcidRenalCheckResult {
  const assessment = assessBisphosphonateRenalFunction(input, 'zoledronic_acid');
  return { calculator: 'zoledronic-acid-renal-check', ...assessment };
}

export const zoledronicAcidRenalCheckCalculator = defineCalculator({
  id: 'zoledronic-acid-renal-check',
  title: 'Zoledronic acid renal check before a dose',
  description:
    'Decides from baseline and current serum creatinine whether to give, withhold or resume zoledronic acid (Zometa label renal-deterioration rule).',
  input: zoledronicAcidRenalCheckInputSchema,
  example: { baselineCreatinine: { value: 0.9, unit: 'mg/dL' }, currentCreatinine: { value: 1.5, unit: 'mg/dL' } },
  compute: computeZoledronicAcidRenalCheck,
});
