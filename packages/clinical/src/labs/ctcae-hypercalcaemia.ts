import { z } from 'zod';
import { defineCalculator } from '../calculator.js';
import {
  calciumLimitOfNormalSchema,
  calciumMeasurementFields,
  checkCalciumGradingInput,
  computeCalciumGrade,
  type CalciumGradeResult,
} from './ctcae-calcium.js';

/** CTCAE v5.0 hypercalcaemia laboratory grade (NCI CTCAE v5.0, Metabolism and nutrition disorders). */

export const ctcaeHypercalcaemiaInputSchema = z
  .strictObject({
    ...calciumMeasurementFields,
    upperLimitOfNormal: calciumLimitOfNormalSchema.describe(
      'Upper limit of normal of the reporting laboratory for the same measurement and unit (grade 1 starts above it).',
    ),
  })
  .superRefine(checkCalciumGradingInput('upperLimitOfNormal'));

export type CtcaeHypercalcaemiaInput = z.output<typeof ctcaeHypercalcaemiaInputSchema>;

export interface CtcaeHypercalcaemiaResult extends CalciumGradeResult {
  readonly upperLimitOfNormal: number;
}

export function computeCtcaeHypercalcaemia(input: CtcaeHypercalcaemiaInput): CtcaeHypercalcaemiaResult {
  return computeCalciumGrade('hypercalcaemia', input);
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
