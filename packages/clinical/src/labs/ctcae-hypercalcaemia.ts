import { z } from 'zod';
import { defineCalculator, type CalculatorResult } from '../calculator.js';
import { sources } from '../sources.js';
import {
  calciumLimitOfNormalSchema,
  checkCalciumGradingInput,
  describeCalciumGrading,
  gradeCalcium,
  measurementOf,
  type CalciumMeasurementKind,
  type CtcaeLabGrade,
} from './ctcae-calcium.js';
import type { CalciumUnit } from './units.js';
import { calciumQuantitySchema, ionisedCalciumQuantitySchema } from './units.js';

/** CTCAE v5.0 hypercalcaemia laboratory grade (NCI CTCAE v5.0, Metabolism and nutrition disorders). */

export const ctcaeHypercalcaemiaInputSchema = z
  .strictObject({
    correctedCalcium: calciumQuantitySchema
      .optional()
      .describe('Albumin-corrected serum calcium with its unit (mg/dL or mmol/L). Give this or ionisedCalcium.'),
    ionisedCalcium: ionisedCalciumQuantitySchema
      .optional()
      .describe('Ionised calcium in mmol/L. Give this or correctedCalcium, not both.'),
    upperLimitOfNormal: calciumLimitOfNormalSchema.describe(
      'Upper limit of normal of the reporting laboratory for the same measurement and unit (grade 1 starts above it).',
    ),
  })
  .superRefine(checkCalciumGradingInput('upperLimitOfNormal'));

export type CtcaeHypercalcaemiaInput = z.output<typeof ctcaeHypercalcaemiaInputSchema>;

export interface CtcaeHypercalcaemiaResult extends CalculatorResult {
  /** Grade from the laboratory value alone (0 = within the CTCAE normal side of the limit). */
  readonly labGrade: CtcaeLabGrade;
  readonly measurement: CalciumMeasurementKind;
  readonly value: number;
  readonly unit: CalciumUnit;
  readonly upperLimitOfNormal: number;
  /** The laboratory range of the grade as CTCAE writes it. */
  readonly labCriterion: string;
  /** Clinical descriptor of the grade, for the clinician to confirm; null for grades 0 and 1. */
  readonly clinicalDescriptor: string | null;
}

export function computeCtcaeHypercalcaemia(input: CtcaeHypercalcaemiaInput): CtcaeHypercalcaemiaResult {
  const measurement = measurementOf(input);
  // Validation guarantees exactly one measurement; this guards direct calls with unvalidated data.
  if (measurement === undefined)
    throw new TypeError('ctcae-hypercalcaemia: correctedCalcium or ionisedCalcium is required');
  const limit = input.upperLimitOfNormal.value;
  const grading = gradeCalcium('hypercalcaemia', measurement, limit);
  const text = describeCalciumGrading('hypercalcaemia', measurement, grading);
  return {
    calculator: 'ctcae-hypercalcaemia',
    ...text,
    sources: [sources['ctcae-v5']],
    labGrade: grading.labGrade,
    measurement: measurement.kind,
    value: measurement.value,
    unit: measurement.unit,
    upperLimitOfNormal: limit,
    labCriterion: grading.labCriterion,
    clinicalDescriptor: grading.clinicalDescriptor,
  };
}

export const ctcaeHypercalcaemiaCalculator = defineCalculator({
  id: 'ctcae-hypercalcaemia',
  title: 'CTCAE v5.0 hypercalcaemia (lab grade)',
  description:
    "Grades hypercalcaemia by CTCAE v5.0 laboratory criteria from albumin-corrected serum calcium or ionised calcium against the laboratory's upper limit of normal; the clinical part of the grade is left to the clinician.",
  input: ctcaeHypercalcaemiaInputSchema,
  example: { correctedCalcium: { value: 12.1, unit: 'mg/dL' }, upperLimitOfNormal: { value: 10.5, unit: 'mg/dL' } },
  compute: computeCtcaeHypercalcaemia,
});
