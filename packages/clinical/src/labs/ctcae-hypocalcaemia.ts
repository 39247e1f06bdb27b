import { z } from 'zod';
import { defineCalculator } from '../calculator.js';
import {
  calciumLimitOfNormalSchema,
  calciumMeasurementFields,
  checkCalciumGradingInput,
  computeCalciumGrade,
  type CalciumGradeResult,
} from './ctcae-calcium.js';

/** CTCAE v5.0 hypocalcaemia laboratory grade (NCI CTCAE v5.0, Metabolism and nutrition disorders). */

export const ctcaeHypocalcaemiaInputSchema = z
  .strictObject({
    ...calciumMeasurementFields,
    lowerLimitOfNormal: calciumLimitOfNormalSchema.describe(
      'Lower limit of normal of the reporting laboratory for the same measurement and unit (grade 1 starts below it).',
    ),
  })
  .superRefine(checkCalciumGradingInput('lowerLimitOfNormal'));

export type CtcaeHypocalcaemiaInput = z.output<typeof ctcaeHypocalcaemiaInputSchema>;

export interface CtcaeHypocalcaemiaResult extends CalciumGradeResult {
  readonly lowerLimitOfNormal: number;
}

export function computeCtcaeHypocalcaemia(input: CtcaeHypocalcaemiaInput): CtcaeHypocalcaemiaResult {
  return computeCalciumGrade('hypocalcaemia', input);
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
