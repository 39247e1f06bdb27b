import { z } from 'zod';
import { defineCalculator, type CalculatorResult } from '../calculator.js';
import { formatNumber, formatQuantity } from '../labs/format.js';
import { calciumQuantitySchema, calciumUnits } from '../labs/units.js';
import { sources } from '../sources.js';

/**
 * Denosumab 120 mg (Xgeva) for bone metastases of solid tumours (Xgeva US PI and EU SmPC; ASCO-CCO 2017):
 * 120 mg SC every 4 weeks, no renal dose adjustment, calcium and vitamin D, correction of pre-existing
 * hypocalcaemia, and the warnings that decide monitoring.
 * Not Prolia: the 60 mg osteoporosis product (and its biosimilars) has a different dose, schedule and boxed
 * warning.
 */

/** Xgeva label: higher risk of hypocalcaemia with CrCl < 30 mL/min and/or dialysis. */
const HYPOCALCAEMIA_RISK_CRCL_BELOW_ML_MIN = 30;

const calciumLimitSchema = z.strictObject({
  value: z
    .number()
    .positive()
    .describe('Limit of normal of the reporting laboratory, in the unit of correctedCalcium.'),
  unit: z.enum(calciumUnits).describe('Unit of the limit: mg/dL or mmol/L; must match correctedCalcium.'),
});

export const denosumabInputSchema = z
  .strictObject({
    crclMlMin: z
      .number()
      .min(0)
      .describe('Creatinine clearance in mL/min (Cockcroft-Gault); below 30 mL/min the hypocalcaemia risk is higher.'),
    dialysis: z.boolean().describe('true when the patient is on dialysis (higher hypocalcaemia risk).'),
    correctedCalcium: calciumQuantitySchema.describe(
      'Albumin-corrected serum calcium with its unit (mg/dL or mmol/L), measured before this dose.',
    ),
    lowerLimitOfNormal: calciumLimitSchema
      .optional()
      .describe(
        'Lower limit of normal for corrected calcium, same unit; give with upperLimitOfNormal to classify the calcium.',
      ),
    upperLimitOfNormal: calciumLimitSchema
      .optional()
      .describe(
        'Upper limit of normal for corrected calcium, same unit; give with lowerLimitOfNormal to classify the calcium.',
      ),
  })
  .superRefine((input, ctx) => {
    const { lowerLimitOfNormal: lln, upperLimitOfNormal: uln, correctedCalcium } = input;
    if ((lln === undefined) !== (uln === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: [lln === undefined ? 'lowerLimitOfNormal' : 'upperLimitOfNormal'],
        message: 'give both lowerLimitOfNormal and upperLimitOfNormal, or neither',
      });
      return;
    }
    if (lln === undefined || uln === undefined) return;
    for (const [field, limit] of [
      ['lowerLimitOfNormal', lln],
      ['upperLimitOfNormal', uln],
    ] as const) {
      if (limit.unit !== correctedCalcium.unit) {
        ctx.addIssue({
          code: 'custom',
          path: [field, 'unit'],
          message: `${field} is in ${limit.unit} but correctedCalcium is in ${correctedCalcium.unit}: give both in the same unit`,
        });
      }
    }
    if (lln.unit === uln.unit && lln.value >= uln.value) {
      ctx.addIssue({
        code: 'custom',
        path: ['lowerLimitOfNormal', 'value'],
        message: 'lowerLimitOfNormal must be below upperLimitOfNormal',
      });
    }
  });

export type DenosumabInput = z.output<typeof denosumabInputSchema>;

export type CalciumStatus = 'below_normal' | 'within_normal' | 'above_normal' | 'not_classified';
export type CalciumVitaminDAdvice = 'recommended' | 'not_while_hypercalcaemic' | 'recommended_unless_hypercalcaemic';

export interface DenosumabResult extends CalculatorResult {
  readonly doseMg: 120;
  readonly route: 'subcutaneous';
  readonly intervalWeeks: 4;
  /** Xgeva: no dose adjustment for renal impairment. */
  readonly renalDoseAdjustment: false;
  /** True when CrCl < 30 mL/min or on dialysis (Xgeva label). */
  readonly hypocalcaemiaRiskWarning: boolean;
  /** Corrected calcium against the laboratory range, when one was given. */
  readonly calciumStatus: CalciumStatus;
  /** Correct hypocalcaemia before giving the dose (calcium below the lower limit of normal). */
  readonly correctHypocalcaemiaFirst: boolean;
  /** Daily calcium ≥ 500 mg and vitamin D ≥ 400 IU (EU SmPC), unless hypercalcaemic. */
  readonly calciumVitaminD: CalciumVitaminDAdvice;
  /** Safety warnings to act on or tell the patient about. */
  readonly warnings: readonly string[];
}

function classifyCalcium(input: DenosumabInput): CalciumStatus {
  const { lowerLimitOfNormal: lln, upperLimitOfNormal: uln, correctedCalcium } = input;
  if (lln === undefined || uln === undefined) return 'not_classified';
  if (correctedCalcium.value < lln.value) return 'below_normal';
  if (correctedCalcium.value > uln.value) return 'above_normal';
  return 'within_normal';
}

const SUPPLEMENT_TEXT: Readonly<Record<CalciumVitaminDAdvice, string>> = Object.freeze({
  recommended: 'Calcium at least 500 mg and vitamin D at least 400 IU daily.',
  not_while_hypercalcaemic:
    'Calcium is above the upper limit of normal: no calcium and vitamin D supplement while hypercalcaemic (the SmPC requires them unless hypercalcaemia is present); start them once calcium is normal.',
  recommended_unless_hypercalcaemic:
    'Calcium at least 500 mg and vitamin D at least 400 IU daily unless hypercalcaemia is present (calcium not classified: no laboratory range given).',
});

export function computeDenosumab(input: DenosumabInput): DenosumabResult {
  const calciumStatus = classifyCalcium(input);
  const lowCrcl = input.crclMlMin < HYPOCALCAEMIA_RISK_CRCL_BELOW_ML_MIN;
  const hypocalcaemiaRiskWarning = lowCrcl || input.dialysis;
  const correctHypocalcaemiaFirst = calciumStatus === 'below_normal';
  const calciumVitaminD: CalciumVitaminDAdvice =
    calciumStatus === 'above_normal'
      ? 'not_while_hypercalcaemic'
      : calciumStatus === 'not_classified'
        ? 'recommended_unless_hypercalcaemic'
        : 'recommended';

  const calciumText = formatQuantity(input.correctedCalcium.value, input.correctedCalcium.unit, 3);
  const rangeText =
    input.lowerLimitOfNormal === undefined || input.upperLimitOfNormal === undefined
      ? ''
      : ` (normal ${formatNumber(input.lowerLimitOfNormal.value, 3)}–${formatQuantity(input.upperLimitOfNormal.value, input.upperLimitOfNormal.unit, 3)})`;

  const riskReasons = [
    ...(lowCrcl ? [`creatinine clearance ${formatNumber(input.crclMlMin, 1)} mL/min < 30 mL/min`] : []),
    ...(input.dialysis ? ['on dialysis'] : []),
  ];

  const warnings: string[] = [];
  if (correctHypocalcaemiaFirst) {
    warnings.push(
      `Corrected calcium ${calciumText} is below normal${rangeText}: correct hypocalcaemia before the dose.`,
    );
  }
  if (hypocalcaemiaRiskWarning) {
    warnings.push(
      `Higher risk of hypocalcaemia (${riskReasons.join(', ')}): monitor calcium closely and make sure calcium and vitamin D are taken.`,
    );
  }
  warnings.push(
    'Hypocalcaemia can occur during treatment, including severe symptomatic cases: monitor calcium, especially in the first weeks.',
    'Osteonecrosis of the jaw: dental examination with preventive dentistry before starting, good oral hygiene, avoid invasive dental procedures during treatment; if it develops, refer to a dentist or oral surgeon and consider interrupting treatment (see dental-check).',
    'Atypical femoral fracture has been reported: evaluate new thigh or groin pain.',
    'Multiple vertebral fractures have been reported after stopping treatment: evaluate the risk of vertebral fracture when stopping.',
  );

  const details = [
    'Denosumab (Xgeva) 120 mg subcutaneously every 4 weeks (upper arm, upper thigh or abdomen); ASCO-CCO 2017 lists the same regimen for bone metastases of breast cancer.',
    `No dose adjustment for renal impairment; creatinine clearance ${formatNumber(input.crclMlMin, 1)} mL/min${input.dialysis ? ', on dialysis' : ''}.`,
    `Corrected calcium ${calciumText}${rangeText}: ${calciumStatus.replace(/_/g, ' ')}.`,
    SUPPLEMENT_TEXT[calciumVitaminD],
    'Correct pre-existing hypocalcaemia before starting.',
    ...warnings,
    'Hypercalcaemia of malignancy refractory to bisphosphonates and giant cell tumour of bone use a different schedule (extra 120 mg doses on days 8 and 15 of the first month): not computed here.',
    'This is Xgeva, not Prolia: Prolia 60 mg (and its biosimilars) is an osteoporosis product with a different dose and schedule and its own boxed warning on severe hypocalcaemia in advanced kidney disease.',
  ];

  const assumptions: string[] = [];
  if (calciumStatus === 'not_classified') {
    assumptions.push(
      'No laboratory range given: corrected calcium was not classified as low, normal or high; confirm it is not low before the dose.',
    );
  } else {
    assumptions.push(
      'Calcium classified against the laboratory range given: strictly below the lower limit is low, strictly above the upper limit is high.',
    );
  }
  assumptions.push(
    "Supplement doses (≥ 500 mg calcium, ≥ 400 IU vitamin D, unless hypercalcaemic) are the EU SmPC's; the US label says only to give calcium and vitamin D as necessary.",
    'The CrCl < 30 mL/min risk threshold is applied to the CrCl given (strictly below 30).',
  );

  const summaryParts = [
    'Denosumab (Xgeva) 120 mg SC every 4 weeks, no renal dose adjustment',
    correctHypocalcaemiaFirst ? 'correct hypocalcaemia before the dose' : undefined,
    calciumVitaminD === 'not_while_hypercalcaemic'
      ? 'no calcium supplement while hypercalcaemic'
      : 'calcium ≥ 500 mg and vitamin D ≥ 400 IU daily',
    hypocalcaemiaRiskWarning ? `high hypocalcaemia risk (${riskReasons.join(', ')})` : undefined,
  ].filter((part): part is string => part !== undefined);

  return {
    calculator: 'denosumab',
    summary: `${summaryParts.join('; ')}.`,
    details,
    sources: [sources['xgeva-label'], sources['asco-2017-bma']],
    assumptions,
    doseMg: 120,
    route: 'subcutaneous',
    intervalWeeks: 4,
    renalDoseAdjustment: false,
    hypocalcaemiaRiskWarning,
    calciumStatus,
    correctHypocalcaemiaFirst,
    calciumVitaminD,
    warnings,
  };
}

export const denosumabCalculator = defineCalculator({
  id: 'denosumab',
  title: 'Denosumab (Xgeva) regimen and calcium safety',
  description:
    'Denosumab 120 mg (Xgeva) regimen for bone metastases with calcium and vitamin D advice and the hypocalcaemia, jaw osteonecrosis and fracture warnings, from creatinine clearance, dialysis and corrected calcium.',
  input: denosumabInputSchema,
  example: {
    crclMlMin: 25,
    dialysis: false,
    correctedCalcium: { value: 2.3, unit: 'mmol/L' },
    lowerLimitOfNormal: { value: 2.15, unit: 'mmol/L' },
    upperLimitOfNormal: { value: 2.55, unit: 'mmol/L' },
  },
  compute: computeDenosumab,
});
