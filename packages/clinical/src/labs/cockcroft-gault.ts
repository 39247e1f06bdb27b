import { parseInput } from '@bonemet/core';
import { z } from 'zod';
import { defineCalculator, type CalculatorResult } from '../calculator.js';
import { sources } from '../sources.js';
import { formatNumber, formatQuantity } from './format.js';
import { CREATININE_UMOL_L_PER_MG_DL, creatinineMgDl, creatinineQuantitySchema } from './units.js';

/**
 * Creatinine clearance by Cockcroft & Gault (Nephron 1976;16:31-41):
 *   CrCl (mL/min) = (140 − age) × weight (kg) / (72 × serum creatinine (mg/dL)), × 0.85 if female.
 * The Zometa US PI and EU SmPC dose zoledronic acid by this formula.
 */

/** Cockcroft & Gault 1976: the female result is 85% of the male one (lower muscle mass). */
const FEMALE_FACTOR = 0.85;

export const cockcroftGaultInputSchema = z.strictObject({
  ageYears: z.number().min(18).max(120).describe('Age in years (18–120); the formula was derived in adults.'),
  weightKg: z
    .number()
    .min(20)
    .max(400)
    .describe('Actual body weight in kilograms (20–400); it is used as given, without ideal or adjusted weight.'),
  sex: z.enum(['female', 'male']).describe('Sex as used by the formula: female multiplies the result by 0.85.'),
  serumCreatinine: creatinineQuantitySchema.describe(
    'Serum creatinine at steady state, with its unit (mg/dL or umol/L; umol/L is divided by 88.4).',
  ),
});

export type CockcroftGaultInput = z.output<typeof cockcroftGaultInputSchema>;

export interface CockcroftGaultResult extends CalculatorResult {
  /** Estimated creatinine clearance in mL/min, unrounded (dose bands are applied to this value). */
  readonly crclMlMin: number;
  /** Serum creatinine in mg/dL as entered into the formula. */
  readonly serumCreatinineMgDl: number;
  /** Which body weight the estimate used. */
  readonly weightBasis: 'actual_body_weight';
}

function crclMlMinFromMgDl(input: CockcroftGaultInput, serumCreatinineMgDl: number): number {
  const maleMlMin = ((140 - input.ageYears) * input.weightKg) / (72 * serumCreatinineMgDl);
  return input.sex === 'female' ? maleMlMin * FEMALE_FACTOR : maleMlMin;
}

/**
 * Creatinine clearance in mL/min (Cockcroft-Gault, actual body weight), unrounded. Validates its input
 * first, so it is safe to call with data that has not been through the calculator.
 */
export function cockcroftGaultMlMin(input: CockcroftGaultInput): number {
  const valid = parseInput(cockcroftGaultInputSchema, input, 'Cockcroft-Gault input');
  return crclMlMinFromMgDl(valid, creatinineMgDl(valid.serumCreatinine));
}

export function computeCockcroftGault(input: CockcroftGaultInput): CockcroftGaultResult {
  const serumCreatinineMgDl = creatinineMgDl(input.serumCreatinine);
  const crclMlMin = crclMlMinFromMgDl(input, serumCreatinineMgDl);
  const isFemale = input.sex === 'female';

  const details: string[] = [];
  if (input.serumCreatinine.unit === 'umol/L') {
    details.push(
      `Serum creatinine ${formatQuantity(input.serumCreatinine.value, 'umol/L', 2)} ÷ ${String(CREATININE_UMOL_L_PER_MG_DL)} = ${formatNumber(serumCreatinineMgDl, 3)} mg/dL.`,
    );
  }
  details.push(
    `CrCl = (140 − age) × weight / (72 × creatinine)${isFemale ? ' × 0.85' : ''} = (140 − ${formatNumber(input.ageYears, 1)}) × ${formatNumber(input.weightKg, 1)} / (72 × ${formatNumber(serumCreatinineMgDl, 3)})${isFemale ? ' × 0.85' : ''} = ${formatNumber(crclMlMin, 2)} mL/min.`,
    'Doses that depend on CrCl (e.g. zoledronic acid bands) use the unrounded value.',
  );

  const assumptions = [
    'Weight: actual body weight as entered. The Zometa US PI and EU SmPC text retrieved say only that CrCl is calculated with the Cockcroft-Gault formula, not which body weight to use (secondary copies of the label; the full label could not be read). Actual body weight overestimates clearance in obesity.',
    'Serum creatinine is assumed to be at steady state; the formula does not apply while creatinine is changing (e.g. acute kidney injury). It is used as reported, with no adjustment for the assay method.',
  ];
  if (input.serumCreatinine.unit === 'umol/L') {
    assumptions.push(
      `Creatinine converted with 1 mg/dL = ${String(CREATININE_UMOL_L_PER_MG_DL)} µmol/L (88.42 is also used; the difference is 0.02%).`,
    );
  }

  return {
    calculator: 'cockcroft-gault',
    summary: `Creatinine clearance ${formatNumber(crclMlMin, 1)} mL/min (Cockcroft-Gault; ${input.sex}, ${formatNumber(input.ageYears, 1)} years, ${formatNumber(input.weightKg, 1)} kg actual body weight, serum creatinine ${formatQuantity(input.serumCreatinine.value, input.serumCreatinine.unit, 2)}).`,
    details,
    sources: [sources['cockcroft-gault-1976'], sources['zometa-label']],
    assumptions,
    crclMlMin,
    serumCreatinineMgDl,
    weightBasis: 'actual_body_weight',
  };
}

export const cockcroftGaultCalculator = defineCalculator({
  id: 'cockcroft-gault',
  title: 'Creatinine clearance (Cockcroft-Gault)',
  description:
    'Estimates creatinine clearance in mL/min from age, actual body weight, sex and serum creatinine (Cockcroft & Gault 1976), the method the zoledronic acid label uses for dosing.',
  input: cockcroftGaultInputSchema,
  example: { ageYears: 60, weightKg: 72, sex: 'female', serumCreatinine: { value: 88.4, unit: 'umol/L' } },
  compute: computeCockcroftGault,
});
