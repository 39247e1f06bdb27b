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

/** CTCAE v5.0 hypocalcaemia laboratory grade (NCI CTCAE v5.0, Metabolism and nutrition disorders). */

export const ctcaeHypocalcaemiaInputSchema = z
  .strictObject({
    correctedCalcium: calciumQuantitySchema
      .optional()
      .describe('Albumin-corrected serum calcium with its unit (mg/dL or mmol/L). Give this or ionisedCalcium.'),
    ionisedCalcium: ionisedCalciumQuantitySchema
      .optional()
      .describe('Ionised calcium in mmol/L. Give this or correctedCalcium, not both.'),
    lowerLimitOfNormal: calciumLimitOfNormalSchema.describe(
      'Lower limit of normal of the reporting laboratory for the same measurement and unit (grade 1 starts below it).',
    ),
  })
  .superRefine(checkCalciumGradingInput('lowerLimitOfNormal'));

export type CtcaeHypocalcaemiaInput = z.output<typeof ctcaeHypocalcaemiaInputSchema>;

export interface CtcaeHypocalcaemiaResult extends CalculatorResult {
  /** Grade from the laboratory value alone (0 = within the CTCAE normal side of the limit). */
  readonly labGrade: CtcaeLabGrade;
  readonly measurement: CalciumMeasurementKind;
  readonly value: number;
  readonly unit: CalciumUnit;
  readonly lowerLimitOfNormal: number;
  /** The laboratory range of the grade as CTCAE writes it. */
  readonly labCriterion: string;
  /** Clinical descriptor of the grade, for the clinician to confirm; null for grades 0 and 1. */
  readonly clinicalDescriptor: string | null;
}

export function computeCtcaeHypocalcaemia(input: CtcaeHypocalcaemiaInput): CtcaeHypocalcaemiaResult {
  const measurement = measurementOf(input);
  // Validation guarantees exactly one measurement; this guards direct calls with unvalidated data.
  if (measurement === undefined)
    throw new TypeError('ctcae-hypocalcaemia: correctedCalcium or ionisedCalcium is required');
  const limit = input.lowerLimitOfNormal.value;
  const grading = gradeCalcium('hypocalcaemia', measurement, limit);
  const text = describeCalciumGrading('hypocalcaemia', measurement, grading);
  return {
    calculator: 'ctcae-hypocalcaemia',
    ...text,
    sources: [sources['ctcae-v5']],
    labGrade: grading.labGrade,
    measurement: measurement.kind,
    value: measurement.value,
    unit: measurement.unit,
    lowerLimitOfNormal: limit,
    labCriterion: grading.labCriterion,
    clinicalDescriptor: grading.clinicalDescriptor,
  };
}

export const ctcaeHypocalcaemiaCalculator = defineCalculator({
  id: 'ctcae-hypocalcaemia',
  title: 'CTCAE v5.0 hypocalcaemia (lab grade)',
  description:
    "Grades hypocalcaemia by CTCAE v5.0 laboratory criteria from albumin-corrected serum calcium or ionised calcium against the laboratory's lower limit of normal; the clinical part of the grade is left to the clinician.",
  input: ctcaeHypocalcaemiaInputSchema,
  example: { correctedCalcium: { value: 1.9, unit: 'mmol/L' }, lowerLimitOfNormal: { value: 2.15, unit: 'mmol/L' } },
  compute: computeCtcaeHypocalcaemia,
});
