import { z } from 'zod';
import { defineCalculator, type CalculatorResult } from '../calculator.js';
import { formatQuantity } from '../labs/format.js';
import { calciumMgDl, calciumQuantitySchema } from '../labs/units.js';
import { sources } from '../sources.js';
import {
  assessBisphosphonateRenalFunction,
  bisphosphonateRenalCheckInputSchema,
  type BisphosphonateRenalAssessment,
} from './bisphosphonate-renal-check.js';

/**
 * Pamidronate (Aredia US PI): osteolytic bone metastases of breast cancer 90 mg IV over 2 hours every
 * 3–4 weeks; hypercalcaemia of malignancy 60–90 mg for moderate (corrected Ca 12–13.5 mg/dL) or 90 mg for
 * severe (> 13.5 mg/dL) hypercalcaemia, as a single infusion over 2–24 hours; single doses above 90 mg are
 * not recommended; renal hold/resume as for zoledronic acid.
 */

/** Aredia label: HCM severity bands of albumin-corrected calcium, mg/dL. */
const HCM_MODERATE_FROM_MG_DL = 12.0;
const HCM_SEVERE_ABOVE_MG_DL = 13.5;
/** Aredia label: single doses above 90 mg are not recommended. */
const MAX_SINGLE_DOSE_MG = 90;

export const pamidronateIndications = ['breast_osteolytic_metastases', 'hypercalcaemia_of_malignancy'] as const;
export type PamidronateIndication = (typeof pamidronateIndications)[number];

export const pamidronateInputSchema = z
  .strictObject({
    indication: z
      .enum(pamidronateIndications)
      .describe(
        "What pamidronate is for: 'breast_osteolytic_metastases' (osteolytic bone metastases of breast cancer) or 'hypercalcaemia_of_malignancy'.",
      ),
    correctedCalcium: calciumQuantitySchema
      .optional()
      .describe(
        'Albumin-corrected serum calcium with its unit (mg/dL or mmol/L); required for hypercalcaemia_of_malignancy.',
      ),
    renal: bisphosphonateRenalCheckInputSchema
      .optional()
      .describe('Baseline and current serum creatinine for the renal hold/resume check before this dose (optional).'),
  })
  .superRefine((input, ctx) => {
    if (input.indication === 'hypercalcaemia_of_malignancy' && input.correctedCalcium === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['correctedCalcium'],
        message: 'required for hypercalcaemia_of_malignancy: the dose depends on the corrected calcium',
      });
    }
  });

export type PamidronateInput = z.output<typeof pamidronateInputSchema>;

export type HypercalcaemiaSeverity = 'below_label_bands' | 'moderate' | 'severe';

export interface PamidronateResult extends CalculatorResult {
  readonly indication: PamidronateIndication;
  /** Dose range in mg (equal for a fixed dose), or null when the label gives no dose for the input. */
  readonly doseMgMin: number | null;
  readonly doseMgMax: number | null;
  readonly infusionHoursMin: number;
  readonly infusionHoursMax: number;
  /** Interval between doses in weeks; null for hypercalcaemia (single dose, retreat on response). */
  readonly intervalWeeksMin: number | null;
  readonly intervalWeeksMax: number | null;
  readonly maxSingleDoseMg: 90;
  /** Hypercalcaemia severity band for hypercalcaemia_of_malignancy, otherwise null. */
  readonly hypercalcaemiaSeverity: HypercalcaemiaSeverity | null;
  /** The renal hold/resume assessment, when creatinine values were given. */
  readonly renal: BisphosphonateRenalAssessment | null;
}

interface Regimen {
  readonly doseMgMin: number | null;
  readonly doseMgMax: number | null;
  readonly infusionHoursMin: number;
  readonly infusionHoursMax: number;
  readonly intervalWeeksMin: number | null;
  readonly intervalWeeksMax: number | null;
  readonly hypercalcaemiaSeverity: HypercalcaemiaSeverity | null;
  readonly text: string;
  readonly details: readonly string[];
}

function breastRegimen(): Regimen {
  return {
    doseMgMin: 90,
    doseMgMax: 90,
    infusionHoursMin: 2,
    infusionHoursMax: 2,
    intervalWeeksMin: 3,
    intervalWeeksMax: 4,
    hypercalcaemiaSeverity: null,
    text: 'Pamidronate 90 mg IV over 2 hours every 3–4 weeks',
    details: [
      'Osteolytic bone metastases of breast cancer: 90 mg as a 2-hour IV infusion every 3–4 weeks (Aredia label; ASCO-CCO 2017 lists pamidronate 90 mg IV every 3–4 weeks).',
    ],
  };
}

function hypercalcaemiaRegimen(correctedMgDl: number, valueText: string): Regimen {
  const single = { infusionHoursMin: 2, infusionHoursMax: 24, intervalWeeksMin: null, intervalWeeksMax: null };
  if (correctedMgDl > HCM_SEVERE_ABOVE_MG_DL) {
    return {
      ...single,
      doseMgMin: 90,
      doseMgMax: 90,
      hypercalcaemiaSeverity: 'severe',
      text: `Pamidronate 90 mg IV as a single infusion over 2–24 hours (severe hypercalcaemia, corrected calcium ${valueText})`,
      details: [`Corrected calcium ${valueText} > 13.5 mg/dL (severe): 90 mg as a single infusion over 2–24 hours.`],
    };
  }
  if (correctedMgDl >= HCM_MODERATE_FROM_MG_DL) {
    return {
      ...single,
      doseMgMin: 60,
      doseMgMax: 90,
      hypercalcaemiaSeverity: 'moderate',
      text: `Pamidronate 60–90 mg IV as a single infusion over 2–24 hours (moderate hypercalcaemia, corrected calcium ${valueText})`,
      details: [
        `Corrected calcium ${valueText} in 12.0–13.5 mg/dL (moderate): 60–90 mg as a single infusion over 2–24 hours.`,
      ],
    };
  }
  return {
    ...single,
    doseMgMin: null,
    doseMgMax: null,
    hypercalcaemiaSeverity: 'below_label_bands',
    text: `No pamidronate dose from the label: corrected calcium ${valueText} is below the label's moderate band (12.0–13.5 mg/dL)`,
    details: [
      `Corrected calcium ${valueText} < 12.0 mg/dL: below the label's moderate (12.0–13.5 mg/dL) and severe (> 13.5 mg/dL) bands; the label gives no dose.`,
    ],
  };
}

export function computePamidronate(input: PamidronateInput): PamidronateResult {
  let regimen: Regimen;
  const assumptions: string[] = [];
  if (input.indication === 'hypercalcaemia_of_malignancy') {
    const corrected = input.correctedCalcium;
    // Validation requires correctedCalcium for this indication; this guards direct calls.
    if (corrected === undefined) throw new TypeError('pamidronate: correctedCalcium is required for hypercalcaemia');
    const correctedMgDl = calciumMgDl(corrected);
    const valueText =
      corrected.unit === 'mg/dL'
        ? formatQuantity(corrected.value, 'mg/dL', 2)
        : `${formatQuantity(corrected.value, 'mmol/L', 3)} = ${formatQuantity(correctedMgDl, 'mg/dL', 2)}`;
    regimen = hypercalcaemiaRegimen(correctedMgDl, valueText);
    assumptions.push(
      'Band edges: corrected calcium of exactly 12.0 or 13.5 mg/dL is in the moderate band (12.0–13.5 mg/dL); severe starts above 13.5 mg/dL.',
    );
    if (corrected.unit === 'mmol/L') {
      assumptions.push('The label bands are in mg/dL: calcium converted with 1 mmol/L = 4.008 mg/dL.');
    }
  } else {
    regimen = breastRegimen();
  }

  const renal = input.renal === undefined ? null : assessBisphosphonateRenalFunction(input.renal, 'pamidronate');
  const hold = renal !== null && (renal.action === 'withhold' || renal.action === 'continue_holding');

  const details = [
    ...regimen.details,
    `Single doses above ${String(MAX_SINGLE_DOSE_MG)} mg are not recommended.`,
    'Dosing in severe renal impairment is not covered here: check the label.',
  ];
  if (input.indication === 'breast_osteolytic_metastases') {
    details.push('Calcium and vitamin D supplements for patients at risk of hypocalcaemia.');
    if (input.correctedCalcium !== undefined) {
      details.push('Corrected calcium was given but is not used for this indication.');
    }
  }
  if (renal !== null) {
    details.push(`Renal check: ${renal.summary}`, ...renal.details);
    assumptions.push(...renal.assumptions);
  } else {
    details.push(
      'No creatinine values given: the renal check before this dose was not done. Measure serum creatinine before each dose; withhold for renal deterioration (+0.5 mg/dL from a normal, +1.0 mg/dL from an abnormal baseline) and resume when within 10% of baseline.',
    );
  }
  assumptions.push('Aredia label text read through secondary copies (label mirror, drug-information summaries).');

  const summary = hold
    ? `${regimen.text}; withhold this dose: ${renal.summary}`
    : renal?.action === 'resume'
      ? `${regimen.text}; ${renal.summary}`
      : `${regimen.text}.`;

  return {
    calculator: 'pamidronate',
    summary,
    details,
    sources: [sources['aredia-label'], sources['asco-2017-bma'], ...(renal === null ? [] : [sources['zometa-label']])],
    assumptions,
    indication: input.indication,
    doseMgMin: regimen.doseMgMin,
    doseMgMax: regimen.doseMgMax,
    infusionHoursMin: regimen.infusionHoursMin,
    infusionHoursMax: regimen.infusionHoursMax,
    intervalWeeksMin: regimen.intervalWeeksMin,
    intervalWeeksMax: regimen.intervalWeeksMax,
    maxSingleDoseMg: MAX_SINGLE_DOSE_MG,
    hypercalcaemiaSeverity: regimen.hypercalcaemiaSeverity,
    renal,
  };
}

export const pamidronateCalculator = defineCalculator({
  id: 'pamidronate',
  title: 'Pamidronate dose and renal check',
  description:
    'Pamidronate (Aredia) regimen for osteolytic breast-cancer bone metastases or hypercalcaemia of malignancy (by corrected calcium), with the renal hold/resume check.',
  input: pamidronateInputSchema,
  example: {
    indication: 'breast_osteolytic_metastases',
    renal: { baselineCreatinine: { value: 80, unit: 'umol/L' }, currentCreatinine: { value: 95, unit: 'umol/L' } },
  },
  compute: computePamidronate,
});
