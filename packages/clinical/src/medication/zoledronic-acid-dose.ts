import type { Citation } from '@bonemet/core';
import { z } from 'zod';
import { defineCalculator, type CalculatorResult } from '../calculator.js';
import { formatNumber } from '../labs/format.js';
import { sources } from '../sources.js';

/**
 * Zoledronic acid (Zometa 4 mg) for bone metastases of solid tumours: dose by baseline creatinine clearance
 * (Zometa US PI section 2.2 Table 1 and EU SmPC section 4.2; Cockcroft-Gault CrCl), administration,
 * monitoring, supplements, and the dosing intervals supported by ASCO-CCO 2017 and the interval trials.
 */

export interface ZoledronicAcidDoseBand {
  /** The band as the label writes it. */
  readonly crclBand: string;
  /** Lowest CrCl of the band in mL/min, and whether the band includes it. */
  readonly minMlMin: number;
  readonly minInclusive: boolean;
  readonly doseMg: number;
  /** Volume of the 4 mg/5 mL concentrate that holds the dose (EU SmPC: 4.4, 4.1, 3.8 mL). */
  readonly volumeMl: number;
}

/**
 * Zometa US PI Table 1 / EU SmPC 4.2: reduced doses by baseline CrCl, calculated for a target AUC of
 * 0.66 mg·h/L (the exposure at CrCl 75 mL/min). Searched top to bottom; CrCl < 30 mL/min is not recommended.
 * The label writes integer bands (50–60, 40–49, 30–39); non-integer CrCl falls in half-open intervals
 * [50, 60], [40, 50), [30, 40).
 */
export const zoledronicAcidRenalDoseTable: readonly ZoledronicAcidDoseBand[] = Object.freeze([
  Object.freeze({ crclBand: '> 60 mL/min', minMlMin: 60, minInclusive: false, doseMg: 4.0, volumeMl: 5.0 }),
  Object.freeze({ crclBand: '50–60 mL/min', minMlMin: 50, minInclusive: true, doseMg: 3.5, volumeMl: 4.4 }),
  Object.freeze({ crclBand: '40–49 mL/min', minMlMin: 40, minInclusive: true, doseMg: 3.3, volumeMl: 4.1 }),
  Object.freeze({ crclBand: '30–39 mL/min', minMlMin: 30, minInclusive: true, doseMg: 3.0, volumeMl: 3.8 }),
]);

/** Zometa label: CrCl < 30 mL/min is not recommended in the bone-metastasis setting. */
const NOT_RECOMMENDED_BELOW_ML_MIN = 30;

/** Zometa label: single IV infusion over no less than 15 minutes. */
const MINIMUM_INFUSION_MINUTES = 15;

export interface ZoledronicAcidSchedule {
  readonly intervalWeeksMin: number;
  readonly intervalWeeksMax: number;
  readonly description: string;
  /** The evidence behind the interval, one line per source. */
  readonly evidence: readonly string[];
  readonly sources: readonly Citation[];
}

/** Dosing intervals for bone metastases of breast cancer. */
export const zoledronicAcidSchedules: readonly ZoledronicAcidSchedule[] = Object.freeze([
  Object.freeze({
    intervalWeeksMin: 3,
    intervalWeeksMax: 4,
    description: 'every 3–4 weeks',
    evidence: Object.freeze([
      'Zometa label: 4 mg every 3–4 weeks for bone metastases of solid tumours.',
      'ASCO-CCO 2017: zoledronic acid 4 mg IV every 12 weeks or every 3–4 weeks.',
    ]),
    sources: Object.freeze([sources['zometa-label'], sources['asco-2017-bma']]),
  }),
  Object.freeze({
    intervalWeeksMin: 12,
    intervalWeeksMax: 12,
    description: 'every 12 weeks',
    evidence: Object.freeze([
      'ASCO-CCO 2017: zoledronic acid 4 mg IV every 12 weeks or every 3–4 weeks.',
      'CALGB 70604 (Himelstein 2017): 1822 patients (855 breast cancer), 2 years; at least one skeletal-related event in 29.5% every 4 weeks vs 28.6% every 12 weeks; every 12 weeks non-inferior.',
      'OPTIMIZE-2 (Hortobagyi 2017): 416 breast-cancer patients after ≥ 9 doses in the first 10–15 months; skeletal-related event rate 22.0% every 4 weeks vs 23.2% every 12 weeks; non-inferior.',
      'ZOOM (Amadori 2013): 425 breast-cancer patients after 12–15 months of monthly treatment; skeletal morbidity rate 0.26 every 12 weeks vs 0.22 every 4 weeks; non-inferior.',
    ]),
    sources: Object.freeze([
      sources['asco-2017-bma'],
      sources['himelstein-2017'],
      sources['hortobagyi-2017'],
      sources['amadori-2013'],
    ]),
  }),
]);

export const zoledronicAcidDoseInputSchema = z.strictObject({
  crclMlMin: z
    .number()
    .min(0)
    .describe(
      'Baseline creatinine clearance in mL/min by Cockcroft-Gault (see the cockcroft-gault calculator), before the first dose.',
    ),
});

export type ZoledronicAcidDoseInput = z.output<typeof zoledronicAcidDoseInputSchema>;

export interface ZoledronicAcidDoseResult extends CalculatorResult {
  readonly recommended: boolean;
  /** Dose in mg, or null when not recommended. */
  readonly doseMg: number | null;
  /** Volume of the 4 mg/5 mL concentrate, or null when not recommended. */
  readonly volumeMl: number | null;
  readonly infusionMinutesMin: 15;
  /** The label band the CrCl fell in, e.g. `50–60 mL/min`, or `< 30 mL/min`. */
  readonly crclBand: string;
  /** Dosing intervals to choose from (empty when not recommended). */
  readonly schedules: readonly ZoledronicAcidSchedule[];
}

function bandFor(crclMlMin: number): ZoledronicAcidDoseBand | undefined {
  return zoledronicAcidRenalDoseTable.find((band) =>
    band.minInclusive ? crclMlMin >= band.minMlMin : crclMlMin > band.minMlMin,
  );
}

const ADMINISTRATION = [
  'Dilute in 100 mL of 0.9% sodium chloride or 5% dextrose; give as a single IV infusion over no less than 15 minutes, in a line separate from other drugs; do not mix with calcium-containing or other divalent-cation solutions (e.g. lactated Ringer’s).',
  'Measure serum creatinine before each dose and withhold for renal deterioration (see zoledronic-acid-renal-check); after an interruption restart at the same dose as before.',
  'Give oral calcium 500 mg and a multivitamin containing vitamin D 400 IU daily.',
  'A dental examination with preventive dentistry is advised before starting (see dental-check).',
] as const;

export function computeZoledronicAcidDose(input: ZoledronicAcidDoseInput): ZoledronicAcidDoseResult {
  const crclText = `${formatNumber(input.crclMlMin, 1)} mL/min`;
  const band = bandFor(input.crclMlMin);
  const assumptions = [
    'Non-integer CrCl: the label bands (> 60, 50–60, 40–49, 30–39, < 30 mL/min) are read as half-open intervals: > 60 → 4.0 mg; [50, 60] → 3.5 mg (exactly 60 is in the 50–60 band); [40, 50) → 3.3 mg; [30, 40) → 3.0 mg; < 30 not recommended. The unrounded CrCl is compared.',
    'Dose table, administration and monitoring text from secondary copies of the US PI and EU SmPC (the FDA/EMA documents could not be read here).',
    'The CrCl is taken as given: the label expects Cockcroft-Gault on the baseline serum creatinine.',
  ];
  const scope =
    'Applies to bone metastases of solid tumours (and multiple myeloma). Hypercalcaemia of malignancy is dosed differently: 4 mg, with no renal adjustment when serum creatinine < 4.5 mg/dL (400 µmol/L).';

  if (band === undefined || input.crclMlMin < NOT_RECOMMENDED_BELOW_ML_MIN) {
    return {
      calculator: 'zoledronic-acid-dose',
      summary: `Zoledronic acid not recommended: baseline creatinine clearance ${crclText} is below 30 mL/min (Zometa label).`,
      details: [
        `CrCl ${crclText} < 30 mL/min: the label does not recommend zoledronic acid in severe renal impairment in the bone-metastasis setting; patients with serum creatinine > 3.0 mg/dL (265 µmol/L) were excluded from the trials.`,
        scope,
      ],
      sources: [sources['zometa-label']],
      assumptions,
      recommended: false,
      doseMg: null,
      volumeMl: null,
      infusionMinutesMin: MINIMUM_INFUSION_MINUTES,
      crclBand: '< 30 mL/min',
      schedules: [],
    };
  }

  return {
    calculator: 'zoledronic-acid-dose',
    summary: `Zoledronic acid ${formatNumber(band.doseMg, 1)} mg (${formatNumber(band.volumeMl, 1)} mL of 4 mg/5 mL concentrate) IV over at least 15 minutes, every 3–4 weeks or every 12 weeks: baseline creatinine clearance ${crclText} (label band ${band.crclBand}).`,
    details: [
      `Baseline CrCl ${crclText} → label band ${band.crclBand}: ${formatNumber(band.doseMg, 1)} mg = ${formatNumber(band.volumeMl, 1)} mL of the 4 mg/5 mL concentrate.`,
      'Reduced doses were calculated by the manufacturer to give the same exposure (AUC 0.66 mg·h/L) as 4 mg at CrCl 75 mL/min.',
      ...ADMINISTRATION,
      // Evidence for both intervals, each line once (ASCO-CCO 2017 supports both).
      ...new Set(zoledronicAcidSchedules.flatMap((schedule) => schedule.evidence)),
      scope,
    ],
    sources: [
      sources['zometa-label'],
      sources['asco-2017-bma'],
      sources['himelstein-2017'],
      sources['hortobagyi-2017'],
      sources['amadori-2013'],
    ],
    assumptions,
    recommended: true,
    doseMg: band.doseMg,
    volumeMl: band.volumeMl,
    infusionMinutesMin: MINIMUM_INFUSION_MINUTES,
    crclBand: band.crclBand,
    schedules: zoledronicAcidSchedules,
  };
}

export const zoledronicAcidDoseCalculator = defineCalculator({
  id: 'zoledronic-acid-dose',
  title: 'Zoledronic acid dose by creatinine clearance',
  description:
    'Zoledronic acid (Zometa) dose for bone metastases from baseline Cockcroft-Gault creatinine clearance, with administration, monitoring and the every 3–4 or every 12 weeks schedules.',
  input: zoledronicAcidDoseInputSchema,
  example: { crclMlMin: 55 },
  compute: computeZoledronicAcidDose,
});
