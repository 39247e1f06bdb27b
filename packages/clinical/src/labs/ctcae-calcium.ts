import { z } from 'zod';
import type { CalculatorResult } from '../calculator.js';
import { sources } from '../sources.js';
import { formatNumber, formatQuantity } from './format.js';
import {
  calciumQuantitySchema,
  calciumUnits,
  ionisedCalciumQuantitySchema,
  type CalciumQuantity,
  type CalciumUnit,
  type IonisedCalciumQuantity,
} from './units.js';

/**
 * Shared grading of CTCAE v5.0 hypercalcaemia and hypocalcaemia from a laboratory value (NCI CTCAE v5.0,
 * Metabolism and nutrition disorders). Grade 1 starts at the laboratory's own upper (lower) limit of normal,
 * so the limit is required. Cut-offs are applied exactly as the table writes them: "> 11.5 – 12.5" means
 * above 11.5 up to and including 12.5; "< 8.0 – 7.0" means below 8.0 down to and including 7.0.
 *
 * Each unit has its own row in CTCAE and the rows are rounded separately (11.5 mg/dL = 2.87 mmol/L, written
 * 2.9), so a value is graded against the row of the unit it was given in, never after conversion.
 */

export type CtcaeLabGrade = 0 | 1 | 2 | 3 | 4;
export type CalciumMeasurementKind = 'corrected_calcium' | 'ionised_calcium';
export type CalciumDisorder = 'hypercalcaemia' | 'hypocalcaemia';

type CutOffs = readonly [grade2: number, grade3: number, grade4: number];

interface CalciumGradeTable {
  readonly corrected: Readonly<Record<CalciumUnit, CutOffs>>;
  readonly ionised: { readonly 'mmol/L': CutOffs };
  /** Clinical descriptor that belongs to each grade besides the laboratory range. */
  readonly clinical: Readonly<Record<1 | 2 | 3 | 4, string | null>>;
}

/**
 * Boundary between grades 1|2, 2|3 and 3|4 for each measurement and unit.
 * CTCAE v5.0 tables as reproduced in secondary sources (see the assumptions each result carries).
 */
export const ctcaeCalciumTables: Readonly<Record<CalciumDisorder, CalciumGradeTable>> = Object.freeze({
  // Hypercalcemia: grade 1 > ULN – 11.5 mg/dL (> ULN – 2.9 mmol/L; ionised > ULN – 1.5 mmol/L);
  // grade 2 > 11.5 – 12.5 (> 2.9 – 3.1; ionised > 1.5 – 1.6), symptomatic;
  // grade 3 > 12.5 – 13.5 (> 3.1 – 3.4; ionised > 1.6 – 1.8), hospitalization indicated;
  // grade 4 > 13.5 (> 3.4; ionised > 1.8), life-threatening consequences; grade 5 death.
  hypercalcaemia: Object.freeze({
    corrected: Object.freeze({ 'mg/dL': [11.5, 12.5, 13.5], 'mmol/L': [2.9, 3.1, 3.4] } as const),
    ionised: Object.freeze({ 'mmol/L': [1.5, 1.6, 1.8] } as const),
    clinical: Object.freeze({
      1: null,
      2: 'symptomatic',
      3: 'hospitalisation indicated',
      4: 'life-threatening consequences',
    }),
  }),
  // Hypocalcemia: grade 1 < LLN – 8.0 mg/dL (< LLN – 2.0 mmol/L; ionised < LLN – 1.0 mmol/L);
  // grade 2 < 8.0 – 7.0 (< 2.0 – 1.75; ionised < 1.0 – 0.9), symptomatic;
  // grade 3 < 7.0 – 6.0 (< 1.75 – 1.5; ionised < 0.9 – 0.8), hospitalization indicated;
  // grade 4 < 6.0 (< 1.5; ionised < 0.8), life-threatening consequences; grade 5 death.
  hypocalcaemia: Object.freeze({
    corrected: Object.freeze({ 'mg/dL': [8.0, 7.0, 6.0], 'mmol/L': [2.0, 1.75, 1.5] } as const),
    ionised: Object.freeze({ 'mmol/L': [1.0, 0.9, 0.8] } as const),
    clinical: Object.freeze({
      1: null,
      2: 'symptomatic',
      3: 'hospitalisation indicated',
      4: 'life-threatening consequences',
    }),
  }),
});

/**
 * A limit of normal must lie strictly between the hypocalcaemia grade-1|2 cut-off and the hypercalcaemia
 * grade-1|2 cut-off of its row; otherwise a grade-1 band would be empty or a "normal" value would carry a
 * grade. This also catches a limit typed in the wrong unit.
 */
function limitWindow(kind: CalciumMeasurementKind, unit: CalciumUnit): readonly [number, number] {
  const hypo = ctcaeCalciumTables.hypocalcaemia;
  const hyper = ctcaeCalciumTables.hypercalcaemia;
  if (kind === 'ionised_calcium') return [hypo.ionised['mmol/L'][0], hyper.ionised['mmol/L'][0]];
  return [hypo.corrected[unit][0], hyper.corrected[unit][0]];
}

/** A limit of normal of the laboratory, in the unit of the calcium value it applies to. */
export const calciumLimitOfNormalSchema = z.strictObject({
  value: z.number().describe('Limit of normal of the reporting laboratory, in the same unit as the calcium value.'),
  unit: z.enum(calciumUnits).describe('Unit of the limit: mg/dL or mmol/L; must match the unit of the calcium value.'),
});
export type CalciumLimitOfNormal = z.output<typeof calciumLimitOfNormalSchema>;

/** The calcium measurement fields of both grading inputs: one of the two is given, validated together. */
export const calciumMeasurementFields = Object.freeze({
  correctedCalcium: calciumQuantitySchema
    .optional()
    .describe('Albumin-corrected serum calcium with its unit (mg/dL or mmol/L). Give this or ionisedCalcium.'),
  ionisedCalcium: ionisedCalciumQuantitySchema
    .optional()
    .describe('Ionised calcium in mmol/L. Give this or correctedCalcium, not both.'),
});

interface CalciumGradingFields {
  readonly correctedCalcium?: CalciumQuantity | undefined;
  readonly ionisedCalcium?: IonisedCalciumQuantity | undefined;
}

/**
 * Cross-field checks shared by both grading inputs: exactly one calcium measurement, the limit in the
 * measurement's unit, and the limit inside its plausible window.
 */
export function checkCalciumGradingInput<F extends 'upperLimitOfNormal' | 'lowerLimitOfNormal'>(
  limitField: F,
): (input: CalciumGradingFields & Readonly<Record<F, CalciumLimitOfNormal>>, ctx: z.RefinementCtx) => void {
  return (input, ctx) => {
    const { correctedCalcium, ionisedCalcium } = input;
    if (correctedCalcium !== undefined && ionisedCalcium !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['ionisedCalcium'],
        message: 'give either correctedCalcium or ionisedCalcium, not both: each is graded on its own CTCAE row',
      });
      return;
    }
    const measurement = measurementOf(input);
    if (measurement === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['correctedCalcium'],
        message: 'required: correctedCalcium (albumin-corrected serum calcium) or ionisedCalcium',
      });
      return;
    }
    const limit = input[limitField];
    if (limit.unit !== measurement.unit) {
      ctx.addIssue({
        code: 'custom',
        path: [limitField, 'unit'],
        message: `${limitField} is in ${limit.unit} but the calcium value is in ${measurement.unit}: give both in the same unit`,
      });
      return;
    }
    const [low, high] = limitWindow(measurement.kind, measurement.unit);
    if (!(limit.value > low && limit.value < high)) {
      ctx.addIssue({
        code: 'custom',
        path: [limitField, 'value'],
        message: `${limitField} ${String(limit.value)} ${limit.unit} must lie between ${String(low)} and ${String(high)} ${limit.unit} (exclusive) for the CTCAE grades to be defined: check the value and its unit`,
      });
    }
  };
}

export interface CalciumMeasurement {
  readonly kind: CalciumMeasurementKind;
  readonly value: number;
  readonly unit: CalciumUnit;
}

/** The one calcium measurement of a grading input (validation guarantees there is exactly one). */
export function measurementOf(input: CalciumGradingFields): CalciumMeasurement | undefined {
  if (input.correctedCalcium !== undefined) {
    return { kind: 'corrected_calcium', value: input.correctedCalcium.value, unit: input.correctedCalcium.unit };
  }
  if (input.ionisedCalcium !== undefined) {
    return { kind: 'ionised_calcium', value: input.ionisedCalcium.value, unit: input.ionisedCalcium.unit };
  }
  return undefined;
}

export interface CalciumLabGrading {
  readonly labGrade: CtcaeLabGrade;
  /** The laboratory range of the grade as CTCAE writes it, e.g. `> 11.5 – 12.5 mg/dL`. */
  readonly labCriterion: string;
  /** The clinical descriptor that belongs to the grade (to be confirmed by the clinician), or null. */
  readonly clinicalDescriptor: string | null;
}

/** Grades one calcium value against its CTCAE row. */
export function gradeCalcium(
  disorder: CalciumDisorder,
  measurement: CalciumMeasurement,
  limitOfNormal: number,
): CalciumLabGrading {
  const table = ctcaeCalciumTables[disorder];
  const cutOffs: CutOffs =
    measurement.kind === 'ionised_calcium' ? table.ionised['mmol/L'] : table.corrected[measurement.unit];
  const [c2, c3, c4] = cutOffs;
  const v = measurement.value;
  const u = measurement.unit;
  // Cut-offs as CTCAE writes them: at least one decimal (8.0, 11.5, 1.75).
  const n = (x: number): string => {
    const text = formatNumber(x, 3);
    return text.includes('.') ? text : `${text}.0`;
  };

  let labGrade: CtcaeLabGrade;
  let labCriterion: string;
  if (disorder === 'hypercalcaemia') {
    if (v <= limitOfNormal) [labGrade, labCriterion] = [0, `≤ ULN (${n(limitOfNormal)}) ${u}`];
    else if (v <= c2) [labGrade, labCriterion] = [1, `> ULN (${n(limitOfNormal)}) – ${n(c2)} ${u}`];
    else if (v <= c3) [labGrade, labCriterion] = [2, `> ${n(c2)} – ${n(c3)} ${u}`];
    else if (v <= c4) [labGrade, labCriterion] = [3, `> ${n(c3)} – ${n(c4)} ${u}`];
    else [labGrade, labCriterion] = [4, `> ${n(c4)} ${u}`];
  } else {
    if (v >= limitOfNormal) [labGrade, labCriterion] = [0, `≥ LLN (${n(limitOfNormal)}) ${u}`];
    else if (v >= c2) [labGrade, labCriterion] = [1, `< LLN (${n(limitOfNormal)}) – ${n(c2)} ${u}`];
    else if (v >= c3) [labGrade, labCriterion] = [2, `< ${n(c2)} – ${n(c3)} ${u}`];
    else if (v >= c4) [labGrade, labCriterion] = [3, `< ${n(c3)} – ${n(c4)} ${u}`];
    else [labGrade, labCriterion] = [4, `< ${n(c4)} ${u}`];
  }
  return { labGrade, labCriterion, clinicalDescriptor: labGrade === 0 ? null : table.clinical[labGrade] };
}

const MEASUREMENT_NAMES: Readonly<Record<CalciumMeasurementKind, string>> = Object.freeze({
  corrected_calcium: 'corrected calcium',
  ionised_calcium: 'ionised calcium',
});

/** Text shared by both calculators: summary, details and assumptions. */
export function describeCalciumGrading(
  disorder: CalciumDisorder,
  measurement: CalciumMeasurement,
  grading: CalciumLabGrading,
): { summary: string; details: string[]; assumptions: string[] } {
  const name = MEASUREMENT_NAMES[measurement.kind];
  const valueText = formatQuantity(measurement.value, measurement.unit, 3);
  const clinical = ctcaeCalciumTables[disorder].clinical;
  const summary =
    grading.labGrade === 0
      ? `No ${disorder} by CTCAE v5.0 laboratory criteria: ${name} ${valueText} (${grading.labCriterion}).`
      : `CTCAE v5.0 ${disorder} lab grade ${String(grading.labGrade)}: ${name} ${valueText} (${grading.labCriterion})${
          grading.clinicalDescriptor === null
            ? '.'
            : `; the grade's clinical criterion "${grading.clinicalDescriptor}" is for the clinician to confirm.`
        }`;
  const details = [
    `${name[0]?.toUpperCase() ?? ''}${name.slice(1)} ${valueText} graded on the CTCAE v5.0 ${measurement.unit} row for ${name}: ${grading.labCriterion} → lab grade ${String(grading.labGrade)}.`,
    `CTCAE grades combine the laboratory value with the clinical state (grade 2 ${String(clinical[2])}; grade 3 ${String(clinical[3])}; grade 4 ${String(clinical[4])}; grade 5 death). This is a lab grade only: the clinician confirms the final grade, which can be higher than the lab grade.`,
  ];
  const assumptions = [
    'CTCAE v5.0 calcium rows from secondary reproductions only: the NCI v5.0 document itself was not retrieved; that the v5.0 rows equal v4.03 is corroborated by secondary sources.',
    "Graded on the row of the unit given, without conversion: CTCAE's mg/dL and mmol/L cut-offs are rounded separately (11.5 mg/dL = 2.87 mmol/L, written 2.9), so a value can grade differently after conversion.",
  ];
  return { summary, details, assumptions };
}

/** The limit of normal each disorder is graded from: grade 1 starts beyond it. */
const limitFields = Object.freeze({
  hypercalcaemia: 'upperLimitOfNormal',
  hypocalcaemia: 'lowerLimitOfNormal',
} as const);
export type CalciumLimitField<D extends CalciumDisorder> = (typeof limitFields)[D];

/** What the hypercalcaemia and hypocalcaemia calculators both return, besides their own limit of normal. */
export interface CalciumGradeResult extends CalculatorResult {
  /** Grade from the laboratory value alone (0 = within the CTCAE normal side of the limit). */
  readonly labGrade: CtcaeLabGrade;
  readonly measurement: CalciumMeasurementKind;
  readonly value: number;
  readonly unit: CalciumUnit;
  /** The laboratory range of the grade as CTCAE writes it. */
  readonly labCriterion: string;
  /** Clinical descriptor of the grade, for the clinician to confirm; null for grades 0 and 1. */
  readonly clinicalDescriptor: string | null;
}

/**
 * The result of the `ctcae-<disorder>` calculator for a validated input: the grade of its one calcium
 * measurement against the laboratory's limit of normal, with the limit under its own field name.
 */
export function computeCalciumGrade<D extends CalciumDisorder>(
  disorder: D,
  input: CalciumGradingFields & Readonly<Record<CalciumLimitField<D>, CalciumLimitOfNormal>>,
): CalciumGradeResult & Readonly<Record<CalciumLimitField<D>, number>> {
  const calculator = `ctcae-${disorder}`;
  const measurement = measurementOf(input);
  // Validation guarantees exactly one measurement; this guards direct calls with unvalidated data.
  if (measurement === undefined) throw new TypeError(`${calculator}: correctedCalcium or ionisedCalcium is required`);
  const limitField: CalciumLimitField<D> = limitFields[disorder];
  const limit = input[limitField].value;
  const grading = gradeCalcium(disorder, measurement, limit);
  const text = describeCalciumGrading(disorder, measurement, grading);
  const limitOfNormal = { [limitField]: limit } as Record<CalciumLimitField<D>, number>;
  // The limit sits after the unit, where each calculator has always listed it.
  return {
    calculator,
    ...text,
    sources: [sources['ctcae-v5']],
    labGrade: grading.labGrade,
    measurement: measurement.kind,
    value: measurement.value,
    unit: measurement.unit,
    ...limitOfNormal,
    labCriterion: grading.labCriterion,
    clinicalDescriptor: grading.clinicalDescriptor,
  };
}

/**
 * The CTCAE lab grade where it does not depend on the laboratory's limit of normal: grades 2-4 use fixed
 * cut-offs; only the boundary between grade 0 and grade 1 needs the ULN or LLN. Returns undefined when the
 * value is at grade 0 or 1 (the limit is needed to tell which).
 */
export function calciumGradeWithoutLimit(
  disorder: CalciumDisorder,
  measurement: CalciumMeasurement,
): 2 | 3 | 4 | undefined {
  const table = ctcaeCalciumTables[disorder];
  const [c2, c3, c4] =
    measurement.kind === 'ionised_calcium' ? table.ionised['mmol/L'] : table.corrected[measurement.unit];
  const v = measurement.value;
  if (disorder === 'hypercalcaemia') {
    if (v > c4) return 4;
    if (v > c3) return 3;
    return v > c2 ? 2 : undefined;
  }
  if (v < c4) return 4;
  if (v < c3) return 3;
  return v < c2 ? 2 : undefined;
}
