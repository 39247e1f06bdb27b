import { isAtLeast, isAtMost, type Citation } from '@bonemet/core';
import { z } from 'zod';
import { formatQuantity, formatSignedNumber, formatUnit } from '../labs/format.js';
import { creatinineMgDl, creatinineQuantitySchema, type CreatinineUnit } from '../labs/units.js';
import { sources } from '../sources.js';

/**
 * Renal hold and resume rule for intravenous bisphosphonates, shared by zoledronic acid and pamidronate.
 *
 * Zometa US PI 2.2 (and Aredia US PI, same definitions): measure serum creatinine before each dose; withhold
 * for renal deterioration, defined in the clinical studies as an increase of 0.5 mg/dL from a normal baseline
 * or 1.0 mg/dL from an abnormal baseline; resume only when creatinine returns to within 10% of baseline, at
 * the same dose as before the interruption. The US PI gives no number for "normal"; the Zometa EU SmPC 4.2
 * does: normal < 1.4 mg/dL (< 124 µmol/L) → +0.5 mg/dL (44 µmol/L); abnormal > 1.4 mg/dL (> 124 µmol/L)
 * → +1.0 mg/dL (88 µmol/L).
 */

export interface BisphosphonateRenalThresholds {
  /** A baseline below this is normal; at or above it, abnormal. */
  readonly normalBaselineBelow: number;
  readonly increaseFromNormalBaseline: number;
  readonly increaseFromAbnormalBaseline: number;
}

/** Zometa EU SmPC 4.2, in each unit as the SmPC writes it (µmol/L figures are the SmPC's own roundings). */
export const bisphosphonateRenalThresholds: Readonly<Record<CreatinineUnit, BisphosphonateRenalThresholds>> =
  Object.freeze({
    'mg/dL': Object.freeze({
      normalBaselineBelow: 1.4,
      increaseFromNormalBaseline: 0.5,
      increaseFromAbnormalBaseline: 1.0,
    }),
    'umol/L': Object.freeze({
      normalBaselineBelow: 124,
      increaseFromNormalBaseline: 44,
      increaseFromAbnormalBaseline: 88,
    }),
  });

/** Resume when creatinine is within 10% of baseline (Zometa US PI 2.2, Aredia US PI). */
const RESUME_WITHIN_FRACTION_OF_BASELINE = 0.1;

export const bisphosphonateRenalCheckInputSchema = z.strictObject({
  baselineCreatinine: creatinineQuantitySchema.describe(
    'Serum creatinine at baseline, before the first dose of the bisphosphonate, with its unit (mg/dL or umol/L).',
  ),
  currentCreatinine: creatinineQuantitySchema.describe(
    'Serum creatinine measured before the dose now due, with its unit (mg/dL or umol/L).',
  ),
  withheld: z
    .boolean()
    .optional()
    .describe(
      'true when treatment is currently on hold for renal deterioration; false or absent when treatment is ongoing.',
    ),
});

export type BisphosphonateRenalCheckInput = z.output<typeof bisphosphonateRenalCheckInputSchema>;

export type BisphosphonateRenalAction = 'give' | 'withhold' | 'resume' | 'continue_holding';
export type BisphosphonateDrug = 'zoledronic_acid' | 'pamidronate';

export interface BisphosphonateRenalAssessment {
  readonly action: BisphosphonateRenalAction;
  /** The unit the comparison was made in (the inputs' unit, or mg/dL when they differ). */
  readonly unit: CreatinineUnit;
  readonly baselineCreatinine: number;
  readonly currentCreatinine: number;
  readonly baselineCategory: 'normal' | 'abnormal';
  /** current − baseline, in `unit`. */
  readonly increase: number;
  /** The increase at or above which treatment is withheld, in `unit`. */
  readonly withholdIncreaseThreshold: number;
  /** The highest creatinine at which a withheld treatment may resume (baseline + 10%), in `unit`. */
  readonly resumeLimit: number;
  readonly summary: string;
  readonly details: readonly string[];
  readonly assumptions: readonly string[];
  readonly sources: readonly Citation[];
}

const DRUG_NAMES: Readonly<Record<BisphosphonateDrug, string>> = Object.freeze({
  zoledronic_acid: 'zoledronic acid',
  pamidronate: 'pamidronate',
});

/** Applies the hold/resume rule to one creatinine measurement. */
export function assessBisphosphonateRenalFunction(
  input: BisphosphonateRenalCheckInput,
  drug: BisphosphonateDrug,
): BisphosphonateRenalAssessment {
  const name = DRUG_NAMES[drug];
  const sameUnit = input.baselineCreatinine.unit === input.currentCreatinine.unit;
  const unit: CreatinineUnit = sameUnit ? input.baselineCreatinine.unit : 'mg/dL';
  const baseline = sameUnit ? input.baselineCreatinine.value : creatinineMgDl(input.baselineCreatinine);
  const current = sameUnit ? input.currentCreatinine.value : creatinineMgDl(input.currentCreatinine);
  const thresholds = bisphosphonateRenalThresholds[unit];

  // EU SmPC: normal is "< 1.4 mg/dl"; exactly 1.4 is therefore not normal and is classed abnormal.
  const baselineCategory = baseline < thresholds.normalBaselineBelow ? 'normal' : 'abnormal';
  const withholdIncreaseThreshold =
    baselineCategory === 'normal' ? thresholds.increaseFromNormalBaseline : thresholds.increaseFromAbnormalBaseline;
  const increase = current - baseline;
  const resumeLimit = baseline * (1 + RESUME_WITHIN_FRACTION_OF_BASELINE);
  const withheld = input.withheld ?? false;

  let action: BisphosphonateRenalAction;
  if (withheld) action = isAtMost(current, resumeLimit) ? 'resume' : 'continue_holding';
  else action = isAtLeast(increase, withholdIncreaseThreshold) ? 'withhold' : 'give';

  // Enough decimals that a value on either side of a limit never prints as the limit itself.
  const decimals = unit === 'mg/dL' ? 3 : 1;
  const q = (value: number): string => formatQuantity(value, unit, decimals);
  const increaseText = `${formatSignedNumber(increase, decimals)} ${formatUnit(unit)}`;
  const baselineText = `${baselineCategory === 'normal' ? 'a normal' : 'an abnormal'} baseline of ${q(baseline)}`;

  let summary: string;
  switch (action) {
    case 'give':
      summary = `Give ${name}: creatinine ${q(current)} is ${increaseText} from ${baselineText}, below the withholding increase of ${q(withholdIncreaseThreshold)}.`;
      break;
    case 'withhold':
      summary = `Withhold ${name} for renal deterioration: creatinine ${q(current)} is ${increaseText} from ${baselineText} (withhold at an increase of ${q(withholdIncreaseThreshold)} or more).`;
      break;
    case 'resume':
      summary = `Resume ${name} at the same dose as before the interruption: creatinine ${q(current)} is within 10% of the baseline ${q(baseline)} (≤ ${q(resumeLimit)}).`;
      break;
    case 'continue_holding':
      summary = `Keep withholding ${name}: creatinine ${q(current)} has not returned to within 10% of the baseline ${q(baseline)} (needs ≤ ${q(resumeLimit)}).`;
      break;
  }

  const details = [
    `Baseline creatinine ${q(baseline)}: ${baselineCategory} (normal is < ${q(thresholds.normalBaselineBelow)}, EU SmPC) → withhold when creatinine rises by ${q(withholdIncreaseThreshold)} or more.`,
    `Current creatinine ${q(current)}: change ${increaseText}.`,
    withheld
      ? `Treatment is on hold: resume only when creatinine is within 10% of baseline (≤ ${q(resumeLimit)}), at the same dose as before the interruption.`
      : `If withheld, resume only when creatinine returns to within 10% of baseline (≤ ${q(resumeLimit)}), at the same dose as before the interruption.`,
    'Measure serum creatinine before each dose.',
  ];
  if (baseline === thresholds.normalBaselineBelow) {
    details.push(
      `Baseline exactly ${q(baseline)} is not classified by the label; classed abnormal (the SmPC's normal is < ${q(baseline)}). Classed normal, an increase of ${q(thresholds.increaseFromNormalBaseline)} would already withhold.`,
    );
  }
  if (drug === 'pamidronate') {
    details.push('The Aredia label states the hold rule for patients treated for bone metastases.');
  }

  const assumptions: string[] = [
    drug === 'zoledronic_acid'
      ? 'The US PI does not give a number for a "normal" baseline creatinine; the EU SmPC split is used: normal < 1.4 mg/dL (< 124 µmol/L), abnormal > 1.4 mg/dL.'
      : 'The Aredia label gives the same +0.5 / +1.0 mg/dL definitions without a number for a "normal" baseline; the Zometa EU SmPC split is borrowed: normal < 1.4 mg/dL (< 124 µmol/L).',
    'A baseline of exactly 1.4 mg/dL (124 µmol/L) is not classified by either label; it is treated as abnormal because the SmPC defines normal as strictly below 1.4 mg/dL (124 µmol/L).',
    'The labels say "an increase of" 0.5 (1.0) mg/dL; an increase of exactly that amount counts as deterioration (≥).',
    '"Within 10% of baseline" is read as current creatinine ≤ 1.10 × baseline; a value at or below baseline qualifies.',
    'Both labels describe the rule as practised "in the clinical studies"; the label texts were read through secondary copies.',
  ];
  if (!sameUnit) {
    assumptions.push(
      'Baseline and current creatinine were given in different units: both were converted to mg/dL (1 mg/dL = 88.4 µmol/L) and the mg/dL thresholds applied.',
    );
  } else if (unit === 'umol/L') {
    assumptions.push(
      'Values in µmol/L were compared with the SmPC’s own µmol/L thresholds (124, 44 and 88 µmol/L), which are rounded conversions of 1.4, 0.5 and 1.0 mg/dL.',
    );
  }
  if (input.withheld === undefined) {
    assumptions.push('"withheld" not given: treatment is taken to be ongoing, not on hold.');
  }

  return {
    action,
    unit,
    baselineCreatinine: baseline,
    currentCreatinine: current,
    baselineCategory,
    increase,
    withholdIncreaseThreshold,
    resumeLimit,
    summary,
    details,
    assumptions,
    sources:
      drug === 'zoledronic_acid' ? [sources['zometa-label']] : [sources['aredia-label'], sources['zometa-label']],
  };
}
