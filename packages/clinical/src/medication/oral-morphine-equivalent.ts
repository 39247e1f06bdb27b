import type { Citation } from '@bonemet/core';
import { z } from 'zod';
import { defineCalculator, type CalculatorResult } from '../calculator.js';
import { formatNumber } from '../labs/format.js';
import { sources } from '../sources.js';

/**
 * Oral morphine equivalent daily dose (OMED; the CDC calls it morphine milligram equivalents, MME):
 * each opioid's daily dose times its conversion factor, summed. CDC Clinical Practice Guideline for
 * Prescribing Opioids for Pain, 2022 (MMWR Recomm Rep 71(3)), table of MME conversion factors.
 */

export const opioidDrugs = [
  'codeine',
  'fentanyl_transdermal',
  'hydrocodone',
  'hydromorphone',
  'methadone',
  'morphine',
  'oxycodone',
  'oxymorphone',
  'tapentadol',
  'tramadol',
] as const;
export type OpioidDrug = (typeof opioidDrugs)[number];

export type OpioidDoseUnit = 'mg/day' | 'mcg/h';

export interface OpioidConversionFactor {
  /** Multiply the daily dose (or the patch rate in mcg/h) by this to get oral morphine mg/day. */
  readonly factor: number;
  readonly doseUnit: OpioidDoseUnit;
}

/** A versioned conversion table: factors differ between sources, so the version travels with every result. */
export interface OpioidConversionTable {
  readonly version: string;
  readonly source: Citation;
  readonly factors: Readonly<Record<OpioidDrug, OpioidConversionFactor>>;
}

/** CDC 2022 table: oral opioids in mg/day; transdermal fentanyl in mcg/h. */
export const oralMorphineEquivalentFactors: OpioidConversionTable = Object.freeze({
  version: 'CDC 2022',
  source: sources['cdc-2022-opioids'],
  factors: Object.freeze({
    codeine: Object.freeze({ factor: 0.15, doseUnit: 'mg/day' }),
    fentanyl_transdermal: Object.freeze({ factor: 2.4, doseUnit: 'mcg/h' }),
    hydrocodone: Object.freeze({ factor: 1.0, doseUnit: 'mg/day' }),
    hydromorphone: Object.freeze({ factor: 5.0, doseUnit: 'mg/day' }),
    methadone: Object.freeze({ factor: 4.7, doseUnit: 'mg/day' }),
    morphine: Object.freeze({ factor: 1.0, doseUnit: 'mg/day' }),
    oxycodone: Object.freeze({ factor: 1.5, doseUnit: 'mg/day' }),
    oxymorphone: Object.freeze({ factor: 3.0, doseUnit: 'mg/day' }),
    tapentadol: Object.freeze({ factor: 0.4, doseUnit: 'mg/day' }),
    tramadol: Object.freeze({ factor: 0.2, doseUnit: 'mg/day' }),
  }),
});

const DRUG_NAMES: Readonly<Record<OpioidDrug, string>> = Object.freeze({
  codeine: 'codeine',
  fentanyl_transdermal: 'transdermal fentanyl',
  hydrocodone: 'hydrocodone',
  hydromorphone: 'hydromorphone',
  methadone: 'methadone',
  morphine: 'morphine',
  oxycodone: 'oxycodone',
  oxymorphone: 'oxymorphone',
  tapentadol: 'tapentadol',
  tramadol: 'tramadol',
});

export const opioidDoseSchema = z.strictObject({
  drug: z
    .enum(opioidDrugs)
    .describe('Opioid, oral unless stated (fentanyl_transdermal is the patch); parenteral opioids are not covered.'),
  dailyDose: z
    .number()
    .positive()
    .describe('Total daily dose in mg/day; for fentanyl_transdermal the patch rate in mcg/h.'),
});
export type OpioidDose = z.output<typeof opioidDoseSchema>;

export const oralMorphineEquivalentInputSchema = z.strictObject({
  opioids: z
    .array(opioidDoseSchema)
    .min(1)
    .describe('Regular opioids taken now, one entry per drug and formulation (at least one).'),
});

export type OralMorphineEquivalentInput = z.output<typeof oralMorphineEquivalentInputSchema>;

export interface OralMorphineEquivalentLine {
  readonly drug: OpioidDrug;
  readonly dailyDose: number;
  readonly doseUnit: OpioidDoseUnit;
  readonly factor: number;
  readonly omedMgPerDay: number;
}

export interface OralMorphineEquivalentResult extends CalculatorResult {
  /** Total oral morphine equivalent, mg/day, unrounded. */
  readonly omedMgPerDay: number;
  readonly lines: readonly OralMorphineEquivalentLine[];
  /** Version of the conversion table used, e.g. `CDC 2022`. */
  readonly factorTableVersion: string;
}

function convert(opioids: readonly OpioidDose[], table: OpioidConversionTable): OralMorphineEquivalentLine[] {
  return opioids.map((opioid) => {
    const { factor, doseUnit } = table.factors[opioid.drug];
    return {
      drug: opioid.drug,
      dailyDose: opioid.dailyDose,
      doseUnit,
      factor,
      omedMgPerDay: opioid.dailyDose * factor,
    };
  });
}

/**
 * Total oral morphine equivalent in mg/day (unrounded). Uses the CDC 2022 factors unless another versioned
 * table is given. Doses must be positive (mg/day; mcg/h for transdermal fentanyl).
 */
export function oralMorphineEquivalentMgPerDay(
  opioids: readonly OpioidDose[],
  table: OpioidConversionTable = oralMorphineEquivalentFactors,
): number {
  return convert(opioids, table).reduce((sum, line) => sum + line.omedMgPerDay, 0);
}

export function computeOralMorphineEquivalent(input: OralMorphineEquivalentInput): OralMorphineEquivalentResult {
  const table = oralMorphineEquivalentFactors;
  const lines = convert(input.opioids, table);
  const omedMgPerDay = lines.reduce((sum, line) => sum + line.omedMgPerDay, 0);
  const drugs = new Set(lines.map((line) => line.drug));

  const details = [
    ...lines.map(
      (line) =>
        `${DRUG_NAMES[line.drug]} ${formatNumber(line.dailyDose, 2)} ${line.doseUnit} × ${String(line.factor)} = ${formatNumber(line.omedMgPerDay, 2)} mg/day oral morphine equivalent.`,
    ),
    `Total ${formatNumber(omedMgPerDay, 2)} mg/day (factors: ${table.version}).`,
    'CDC 2022: equianalgesic conversions are estimates and cannot account for individual variability in genetics and pharmacokinetics.',
    'CDC 2022: not a tool for switching opioids: the new opioid is usually started well below the calculated equivalent because cross-tolerance is incomplete.',
  ];
  if (drugs.has('methadone')) {
    details.push(
      'CDC 2022: particular caution with methadone: its half-life is long and variable, and peak respiratory depression comes later and lasts longer than peak analgesia.',
    );
  }
  if (drugs.has('fentanyl_transdermal')) {
    details.push(
      'CDC 2022: particular caution with transdermal fentanyl: it is dosed in mcg/h, not mg/day, and its absorption is affected by heat and other factors.',
    );
  }

  return {
    calculator: 'oral-morphine-equivalent',
    summary: `Oral morphine equivalent ${formatNumber(omedMgPerDay, 1)} mg/day (${lines
      .map((line) => `${DRUG_NAMES[line.drug]} ${formatNumber(line.dailyDose, 2)} ${line.doseUnit}`)
      .join(' + ')}; ${table.version} factors).`,
    details,
    sources: [table.source],
    assumptions: [
      `Conversion factors: ${table.version} (oral opioids; transdermal fentanyl per mcg/h). Other tables differ (CDC 2016: hydromorphone 4, methadone tiered by dose, tramadol 0.1; palliative-care tables: e.g. oxycodone 1.5–2, fentanyl 25 mcg/h ≈ 60–90 mg/day); the international consensus on bone-metastasis pain endpoints (Chow 2012) does not prescribe factors (unverified).`,
      'Only regular opioids listed are counted; breakthrough doses count only if included in the daily dose given.',
    ],
    omedMgPerDay,
    lines,
    factorTableVersion: table.version,
  };
}

export const oralMorphineEquivalentCalculator = defineCalculator({
  id: 'oral-morphine-equivalent',
  title: 'Oral morphine equivalent daily dose',
  description:
    'Sums opioid daily doses as oral morphine equivalent (mg/day) with the CDC 2022 conversion factors, for pain-response assessment; not for switching opioids.',
  input: oralMorphineEquivalentInputSchema,
  example: {
    opioids: [
      { drug: 'oxycodone', dailyDose: 20 },
      { drug: 'fentanyl_transdermal', dailyDose: 25 },
    ],
  },
  compute: computeOralMorphineEquivalent,
});
