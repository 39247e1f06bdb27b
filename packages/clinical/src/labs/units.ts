import { z } from 'zod';
import { formatUnit } from './format.js';

/**
 * Laboratory quantities with their units, and the conversions between units.
 *
 * Every quantity is an object `{ value, unit }` so a number never travels without its unit. Values outside a
 * wide plausibility range are rejected: they are almost always a unit mix-up (creatinine 90 entered as mg/dL
 * instead of µmol/L), and a dose computed from them would be wrong by a factor of ~90.
 */

/**
 * Creatinine: 1 mg/dL = 88.4 µmol/L (molar mass 113.12 g/mol: 10 mg/L ÷ 113.12 g/mol = 0.0884 mmol/L).
 * 88.42 is also published; the two differ by 0.02%, far below the imprecision of a creatinine assay.
 * 88.4 is used because it is the factor behind the EU SmPC's µmol/L figures for zoledronic acid
 * (124 µmol/L ≈ 1.4 mg/dL, 44 ≈ 0.5, 88 ≈ 1.0).
 */
export const CREATININE_UMOL_L_PER_MG_DL = 88.4;

/** Calcium: 1 mmol/L = 4.008 mg/dL (molar mass 40.08 g/mol: 1 mmol/L = 40.08 mg/L). */
export const CALCIUM_MG_DL_PER_MMOL_L = 4.008;

/** Albumin: 1 g/dL = 10 g/L (exact). */
export const ALBUMIN_G_L_PER_G_DL = 10;

interface PlausibleRange {
  readonly min: number;
  readonly max: number;
}

/** Adds a range check per unit, reported on the `value` field with a hint to check the unit. */
function checkPlausible<U extends string>(
  what: string,
  ranges: Readonly<Record<U, PlausibleRange>>,
): (quantity: { value: number; unit: U }, ctx: z.RefinementCtx) => void {
  return (quantity, ctx) => {
    const range = ranges[quantity.unit];
    if (quantity.value < range.min || quantity.value > range.max) {
      const unit = formatUnit(quantity.unit);
      ctx.addIssue({
        code: 'custom',
        path: ['value'],
        message: `${what} ${String(quantity.value)} ${unit} is outside the plausible range ${String(range.min)}–${String(range.max)} ${unit}: check the value and its unit`,
      });
    }
  };
}

export const creatinineUnits = ['mg/dL', 'umol/L'] as const;
export type CreatinineUnit = (typeof creatinineUnits)[number];

const creatinineRanges: Readonly<Record<CreatinineUnit, PlausibleRange>> = Object.freeze({
  'mg/dL': { min: 0.1, max: 30 },
  'umol/L': { min: 9, max: 2650 },
});

/** Serum creatinine with its unit. */
export const creatinineQuantitySchema = z
  .strictObject({
    value: z.number().describe('Serum creatinine value in the unit given (mg/dL: 0.1–30; umol/L: 9–2650).'),
    unit: z.enum(creatinineUnits).describe('Unit of the creatinine value: mg/dL or umol/L (micromol per litre).'),
  })
  .superRefine(checkPlausible('serum creatinine', creatinineRanges));
export type CreatinineQuantity = z.output<typeof creatinineQuantitySchema>;

/** Creatinine in mg/dL (µmol/L ÷ 88.4). */
export function creatinineMgDl(quantity: CreatinineQuantity): number {
  return quantity.unit === 'mg/dL' ? quantity.value : quantity.value / CREATININE_UMOL_L_PER_MG_DL;
}

export const calciumUnits = ['mg/dL', 'mmol/L'] as const;
export type CalciumUnit = (typeof calciumUnits)[number];

const totalCalciumRanges: Readonly<Record<CalciumUnit, PlausibleRange>> = Object.freeze({
  'mg/dL': { min: 2, max: 25 },
  'mmol/L': { min: 0.5, max: 6.25 },
});

/** Serum calcium (total, or albumin-corrected where a field says so) with its unit. */
export const calciumQuantitySchema = z
  .strictObject({
    value: z.number().describe('Serum calcium value in the unit given (mg/dL: 2–25; mmol/L: 0.5–6.25).'),
    unit: z.enum(calciumUnits).describe('Unit of the calcium value: mg/dL or mmol/L.'),
  })
  .superRefine(checkPlausible('serum calcium', totalCalciumRanges));
export type CalciumQuantity = z.output<typeof calciumQuantitySchema>;

/** Calcium in mg/dL (mmol/L × 4.008). */
export function calciumMgDl(quantity: CalciumQuantity): number {
  return quantity.unit === 'mg/dL' ? quantity.value : quantity.value * CALCIUM_MG_DL_PER_MMOL_L;
}

export const ionisedCalciumUnits = ['mmol/L'] as const;
export type IonisedCalciumUnit = (typeof ionisedCalciumUnits)[number];

const ionisedCalciumRanges: Readonly<Record<IonisedCalciumUnit, PlausibleRange>> = Object.freeze({
  'mmol/L': { min: 0.2, max: 3 },
});

/** Ionised (free) calcium, in mmol/L only. */
export const ionisedCalciumQuantitySchema = z
  .strictObject({
    value: z.number().describe('Ionised calcium in mmol/L (0.2–3).'),
    unit: z.enum(ionisedCalciumUnits).describe('Unit of the ionised calcium value: mmol/L.'),
  })
  .superRefine(checkPlausible('ionised calcium', ionisedCalciumRanges));
export type IonisedCalciumQuantity = z.output<typeof ionisedCalciumQuantitySchema>;

export const albuminUnits = ['g/dL', 'g/L'] as const;
export type AlbuminUnit = (typeof albuminUnits)[number];

const albuminRanges: Readonly<Record<AlbuminUnit, PlausibleRange>> = Object.freeze({
  'g/dL': { min: 0.5, max: 8 },
  'g/L': { min: 5, max: 80 },
});

/** Serum albumin with its unit. */
export const albuminQuantitySchema = z
  .strictObject({
    value: z.number().describe('Serum albumin value in the unit given (g/dL: 0.5–8; g/L: 5–80).'),
    unit: z.enum(albuminUnits).describe('Unit of the albumin value: g/dL or g/L.'),
  })
  .superRefine(checkPlausible('serum albumin', albuminRanges));
export type AlbuminQuantity = z.output<typeof albuminQuantitySchema>;

/** Albumin in g/dL (g/L ÷ 10). */
export function albuminGDl(quantity: AlbuminQuantity): number {
  return quantity.unit === 'g/dL' ? quantity.value : quantity.value / ALBUMIN_G_L_PER_G_DL;
}
