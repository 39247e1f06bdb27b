import { parseInput } from '@bonemet/core';
import { z } from 'zod';
import { defineCalculator, type CalculatorResult } from '../calculator.js';
import { sources } from '../sources.js';
import { formatNumber, formatQuantity } from './format.js';
import {
  albuminGDl,
  albuminQuantitySchema,
  CALCIUM_MG_DL_PER_MMOL_L,
  calciumMgDl,
  calciumQuantitySchema,
} from './units.js';

/**
 * Albumin-corrected ("adjusted") serum calcium. Both formulas add back the calcium that a low albumin
 * takes away, relative to a reference albumin of 4.0 g/dL; they differ in the slope:
 * - `label`: Zometa US PI hypercalcaemia-of-malignancy definition, cCa = Ca + 0.8 × (4.0 − albumin), mg/dL and g/dL.
 *   The UK "Payne" SI formula cCa = Ca + 0.02 × (40 − albumin g/L) mmol/L is this formula in SI units
 *   (0.02 mmol/L per g/L × 10 g/L per g/dL × 4.008 mg/dL per mmol/L = 0.8016 mg/dL per g/dL).
 * - `payne`: Payne et al. BMJ 1973;4:643, as published: adjusted Ca = Ca − albumin + 4.0 (mg/100 mL, g/100 mL),
 *   i.e. slope 1.0.
 */

export const correctedCalciumFormulas = ['label', 'payne'] as const;
export type CorrectedCalciumFormula = (typeof correctedCalciumFormulas)[number];

/** Reference albumin of both formulas, g/dL. */
const REFERENCE_ALBUMIN_G_DL = 4.0;

/** Slope in mg/dL of calcium per g/dL of albumin below the reference. */
const SLOPE_MG_DL_PER_G_DL: Readonly<Record<CorrectedCalciumFormula, number>> = Object.freeze({
  label: 0.8, // Zometa US PI, indication 1.1 (hypercalcaemia of malignancy)
  payne: 1.0, // Payne 1973 abstract: "Ca − albumin + 4.0"
});

const FORMULA_NAMES: Readonly<Record<CorrectedCalciumFormula, string>> = Object.freeze({
  label: 'Zometa label formula: Ca + 0.8 × (4.0 − albumin g/dL)',
  payne: 'Payne 1973 formula as published: Ca − albumin g/dL + 4.0',
});

export const correctedCalciumInputSchema = z.strictObject({
  totalCalcium: calciumQuantitySchema.describe('Measured total serum calcium with its unit (mg/dL or mmol/L).'),
  albumin: albuminQuantitySchema.describe('Serum albumin from the same sample, with its unit (g/dL or g/L).'),
  formula: z
    .enum(correctedCalciumFormulas)
    .optional()
    .describe(
      "Correction formula: 'label' (Zometa label, slope 0.8 mg/dL per g/dL; used when absent) or 'payne' (Payne 1973 as published, slope 1.0).",
    ),
});

export type CorrectedCalciumInput = z.output<typeof correctedCalciumInputSchema>;

export interface CorrectedCalciumResult extends CalculatorResult {
  readonly correctedCalciumMgDl: number;
  readonly correctedCalciumMmolL: number;
  readonly formula: CorrectedCalciumFormula;
  /** Human-readable formula, as applied. */
  readonly formulaName: string;
  /** Calcium added per g/dL of albumin below the reference (0.8 label, 1.0 Payne). */
  readonly slopeMgDlPerGDl: number;
  readonly referenceAlbuminGDl: number;
  readonly totalCalciumMgDl: number;
  readonly albuminGDl: number;
}

function correctMgDl(totalCalciumMgDl: number, albuminGDlValue: number, formula: CorrectedCalciumFormula): number {
  return totalCalciumMgDl + SLOPE_MG_DL_PER_G_DL[formula] * (REFERENCE_ALBUMIN_G_DL - albuminGDlValue);
}

/**
 * Albumin-corrected calcium in mg/dL, unrounded; `formula` defaults to the Zometa label formula. Validates
 * its input first.
 */
export function correctedCalciumMgDl(input: CorrectedCalciumInput): number {
  const valid = parseInput(correctedCalciumInputSchema, input, 'corrected calcium input');
  return correctMgDl(calciumMgDl(valid.totalCalcium), albuminGDl(valid.albumin), valid.formula ?? 'label');
}

export function computeCorrectedCalcium(input: CorrectedCalciumInput): CorrectedCalciumResult {
  const formula = input.formula ?? 'label';
  const slope = SLOPE_MG_DL_PER_G_DL[formula];
  const totalCalciumMgDl = calciumMgDl(input.totalCalcium);
  const albumin = albuminGDl(input.albumin);
  const corrected = correctMgDl(totalCalciumMgDl, albumin, formula);
  const correctedMmolL = corrected / CALCIUM_MG_DL_PER_MMOL_L;

  const details: string[] = [];
  if (input.totalCalcium.unit === 'mmol/L') {
    details.push(
      `Total calcium ${formatQuantity(input.totalCalcium.value, 'mmol/L', 3)} × ${String(CALCIUM_MG_DL_PER_MMOL_L)} = ${formatNumber(totalCalciumMgDl, 3)} mg/dL.`,
    );
  }
  if (input.albumin.unit === 'g/L') {
    details.push(`Albumin ${formatQuantity(input.albumin.value, 'g/L', 1)} ÷ 10 = ${formatNumber(albumin, 3)} g/dL.`);
  }
  details.push(
    formula === 'label'
      ? `Corrected calcium = Ca + 0.8 × (4.0 − albumin) = ${formatNumber(totalCalciumMgDl, 3)} + 0.8 × (4.0 − ${formatNumber(albumin, 3)}) = ${formatNumber(corrected, 3)} mg/dL.`
      : `Corrected calcium = Ca − albumin + 4.0 = ${formatNumber(totalCalciumMgDl, 3)} − ${formatNumber(albumin, 3)} + 4.0 = ${formatNumber(corrected, 3)} mg/dL.`,
    `In SI units: ${formatNumber(corrected, 3)} ÷ ${String(CALCIUM_MG_DL_PER_MMOL_L)} = ${formatNumber(correctedMmolL, 3)} mmol/L.`,
    'Albumin correction can mislead, particularly when eGFR < 60 mL/min/1.73 m² where it was no better than uncorrected total calcium (Lian & Åsberg 2018): prefer ionised calcium when available.',
  );

  const assumptions: string[] = [];
  if (input.formula === undefined) {
    assumptions.push('Formula not given: the Zometa label formula (slope 0.8 mg/dL per g/dL) was used.');
  }
  assumptions.push(
    formula === 'label'
      ? "Sources conflict on the slope: Payne 1973 published 1.0 mg/dL per g/dL; the Zometa label (and the SI formula most UK laboratories call 'Payne', 0.02 mmol/L per g/L) use 0.8. The label formula is followed because it defines hypercalcaemia of malignancy for bisphosphonate dosing; choose 'payne' for the original slope."
      : 'Payne 1973 as published (slope 1.0 mg/dL per g/dL) was requested; the Zometa label and most UK laboratories use 0.8, which gives a smaller correction, so results can differ from laboratory-reported adjusted calcium.',
    `Calcium converted with 1 mmol/L = ${String(CALCIUM_MG_DL_PER_MMOL_L)} mg/dL (molar mass 40.08 g/mol).`,
  );

  return {
    calculator: 'corrected-calcium',
    summary: `Corrected calcium ${formatNumber(corrected, 1)} mg/dL (${formatNumber(correctedMmolL, 2)} mmol/L) by the ${formula === 'label' ? 'Zometa label' : 'Payne 1973'} formula, from total calcium ${formatQuantity(input.totalCalcium.value, input.totalCalcium.unit, 3)} and albumin ${formatQuantity(input.albumin.value, input.albumin.unit, 2)}.`,
    details,
    sources:
      formula === 'label'
        ? [sources['zometa-label'], sources['payne-1973'], sources['lian-2018']]
        : [sources['payne-1973'], sources['zometa-label'], sources['lian-2018']],
    assumptions,
    correctedCalciumMgDl: corrected,
    correctedCalciumMmolL: correctedMmolL,
    formula,
    formulaName: FORMULA_NAMES[formula],
    slopeMgDlPerGDl: slope,
    referenceAlbuminGDl: REFERENCE_ALBUMIN_G_DL,
    totalCalciumMgDl,
    albuminGDl: albumin,
  };
}

export const correctedCalciumCalculator = defineCalculator({
  id: 'corrected-calcium',
  title: 'Albumin-corrected calcium',
  description:
    'Corrects total serum calcium for albumin by the Zometa label formula (slope 0.8) or Payne 1973 as published (slope 1.0), in mg/dL and mmol/L.',
  input: correctedCalciumInputSchema,
  example: { totalCalcium: { value: 2.6, unit: 'mmol/L' }, albumin: { value: 30, unit: 'g/L' }, formula: 'label' },
  compute: computeCorrectedCalcium,
});
