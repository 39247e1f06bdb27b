import { z } from 'zod';
import { defineCalculator, type CalculatorResult } from '../calculator.js';
import { sources } from '../sources.js';
import { describeComponents, sumPoints, type ScoreComponent } from './score-component.js';

// New Katagiri score: Katagiri 2014 (Cancer Med 3:1359). The six factors and the 1-/2-year and 6-month/1-year
// survival figures are from the abstract; the point values and laboratory cut-offs (Table) are corroborated only by
// an open-source implementation that transcribed the open-access paper. Total 0-10.

const primaryGrowthPoints = { slow: 0, moderate: 2, rapid: 3 } as const;
const primaryGrowthLabels = {
  slow: 'Slow growth (e.g. hormone-dependent breast or prostate cancer, thyroid cancer, myeloma, lymphoma)',
  moderate:
    'Moderate growth (e.g. lung cancer with molecularly targeted therapy, hormone-independent breast or prostate cancer, renal cell carcinoma, sarcoma)',
  rapid: 'Rapid growth (e.g. lung cancer without targeted therapy, colorectal, gastric, pancreatic, unknown origin)',
} as const;

const visceralPoints = { none: 0, nodular: 1, disseminated: 2 } as const;
const visceralLabels = {
  none: 'None',
  nodular: 'Nodular visceral or cerebral metastases',
  disseminated: 'Disseminated (pleural, peritoneal or leptomeningeal dissemination)',
} as const;

export type KatagiriLaboratoryCategory = 'normal' | 'abnormal' | 'critical';
const laboratoryPoints: Readonly<Record<KatagiriLaboratoryCategory, number>> = { normal: 0, abnormal: 1, critical: 2 };

// Laboratory cut-offs (Katagiri 2014 Table, secondary copy): abnormal CRP >= 0.4 mg/dL, LDH >= 250 IU/L or
// albumin < 3.7 g/dL; critical platelets < 100 000/uL, calcium >= 10.3 mg/dL or total bilirubin >= 1.4 mg/dL.
const abnormalCrpMgDl = 0.4;
const abnormalLdhIuL = 250;
const abnormalBelowAlbuminGDl = 3.7;
const criticalBelowPlateletsPerUl = 100_000;
const criticalCalciumMgDl = 10.3;
const criticalBilirubinMgDl = 1.4;

const laboratoryValuesSchema = z
  .strictObject({
    crpMgDl: z
      .number()
      .nonnegative()
      .max(100, { error: 'C-reactive protein above 100 mg/dL: check the unit (mg/dL; 1 mg/dL = 10 mg/L)' })
      .describe('C-reactive protein in mg/dL (1 mg/dL = 10 mg/L). Abnormal at 0.4 mg/dL or more.'),
    ldhIuL: z
      .number()
      .nonnegative()
      .max(100_000)
      .describe('Lactate dehydrogenase in IU/L. Abnormal at 250 IU/L or more.'),
    albuminGDl: z
      .number()
      .positive()
      .max(10, { error: 'albumin above 10 g/dL: is it in g/L? Give g/dL (1 g/dL = 10 g/L)' })
      .describe('Serum albumin in g/dL (1 g/dL = 10 g/L). Abnormal below 3.7 g/dL.'),
    plateletsPerUl: z
      .number()
      .min(1_000, { error: 'platelets below 1000 per µL: give the count per µL (e.g. 250000), not in 10³/µL' })
      .max(5_000_000)
      .describe(
        'Platelet count per µL (e.g. 250000; 250 × 10³/µL = 250 × 10⁹/L = 250000/µL). Critical below 100000/µL.',
      ),
    calciumMgDl: z
      .number()
      .min(4, { error: 'calcium below 4 mg/dL: is it in mmol/L? Give mg/dL (1 mmol/L = 4.008 mg/dL)' })
      .max(25)
      .describe(
        'Serum calcium in mg/dL (1 mmol/L = 4.008 mg/dL); whether Katagiri used total or albumin-corrected calcium is not confirmed. Critical at 10.3 mg/dL or more.',
      ),
    bilirubinMgDl: z
      .number()
      .nonnegative()
      .max(50, { error: 'bilirubin above 50 mg/dL: is it in µmol/L? Give mg/dL (1 mg/dL = 17.1 µmol/L)' })
      .describe('Total bilirubin in mg/dL (1 mg/dL = 17.1 µmol/L). Critical at 1.4 mg/dL or more.'),
  })
  .describe('Laboratory values, all required; the category is derived from them.');

export type KatagiriLaboratoryValues = z.output<typeof laboratoryValuesSchema>;

const laboratoryBranches = ['category', 'values'] as const;

// A plain union reports only "Invalid input" when neither form matches; name the field that is wrong in the form
// the user chose (told apart by its key).
function laboratoryError(issue: z.core.$ZodRawIssue): string {
  const expected =
    'expected either { "category": "normal" | "abnormal" | "critical" } or { "values": { crpMgDl, ldhIuL, albuminGDl, plateletsPerUl, calciumMgDl, bilirubinMgDl } }';
  const input = issue.input;
  if (issue.code !== 'invalid_union' || typeof input !== 'object' || input === null) return expected;
  const branch = laboratoryBranches.findIndex((key) => key in input);
  const branchIssues = issue.errors[branch];
  if (branchIssues === undefined || branchIssues.length === 0) return expected;
  return branchIssues
    .map((branchIssue) =>
      branchIssue.path.length === 0 ? branchIssue.message : `${branchIssue.path.join('.')}: ${branchIssue.message}`,
    )
    .join('; ');
}

export const katagiriInputSchema = z.strictObject({
  primaryGrowth: z
    .enum(['slow', 'moderate', 'rapid'])
    .describe(
      'Primary lesion growth: slow, e.g. hormone-dependent breast cancer (0 points); moderate, e.g. hormone-independent breast cancer (2); rapid, e.g. lung cancer without targeted therapy (3).',
    ),
  visceralMetastases: z
    .enum(['none', 'nodular', 'disseminated'])
    .describe(
      'Visceral or cerebral metastases: none (0 points); nodular visceral or cerebral (1); disseminated, i.e. pleural, peritoneal or leptomeningeal dissemination (2).',
    ),
  laboratory: z
    .union(
      [
        z.strictObject({
          category: z
            .enum(['normal', 'abnormal', 'critical'])
            .describe(
              'Laboratory category: normal (0 points); abnormal, i.e. CRP ≥ 0.4 mg/dL, LDH ≥ 250 IU/L or albumin < 3.7 g/dL (1); critical, i.e. platelets < 100000/µL, calcium ≥ 10.3 mg/dL or total bilirubin ≥ 1.4 mg/dL (2).',
            ),
        }),
        z.strictObject({ values: laboratoryValuesSchema }),
      ],
      { error: laboratoryError },
    )
    .describe('Laboratory data: either the category, or the six values from which it is derived.'),
  ecogPerformanceStatus: z
    .number()
    .int()
    .min(0)
    .max(4)
    .describe('ECOG performance status, 0-4: 3 or 4 scores 1 point.'),
  previousChemotherapy: z.boolean().describe('Previous chemotherapy (1 point).'),
  multipleSkeletalMetastases: z.boolean().describe('Multiple skeletal metastases (1 point).'),
});

export type KatagiriInput = z.output<typeof katagiriInputSchema>;

export type KatagiriBand = 'low' | 'intermediate' | 'high';

/** A survival figure reported for a band, with how it was verified. */
export interface KatagiriReportedSurvival {
  readonly horizonMonths: 6 | 12 | 24;
  readonly survivalPercent: number;
  /** `verified`: read in the Katagiri 2014 abstract; `secondary`: from a secondary copy only. */
  readonly status: 'verified' | 'secondary';
}

export interface KatagiriResult extends CalculatorResult {
  readonly calculator: 'katagiri';
  /** Total score, 0-10. */
  readonly total: number;
  readonly components: readonly ScoreComponent[];
  readonly band: KatagiriBand;
  readonly laboratoryCategory: KatagiriLaboratoryCategory;
  /** Only the figures verified in the abstract or reported by a secondary copy; unverified ones are left out. */
  readonly reportedSurvival: readonly KatagiriReportedSurvival[];
}

/** Band of a Katagiri total: low 0-3, intermediate 4-6, high 7-10. */
export function katagiriBand(total: number): KatagiriBand {
  if (total <= 3) return 'low';
  if (total <= 6) return 'intermediate';
  return 'high';
}

// Katagiri 2014 abstract: score <= 3, 1-year 91% and 2-year 78%; score >= 7, 6-month 27% and 1-year 6%.
// Intermediate band 1-year 49%: an open-source implementation quoting the derivation cohort (secondary).
const reportedSurvivalByBand: Readonly<Record<KatagiriBand, readonly KatagiriReportedSurvival[]>> = Object.freeze({
  low: [
    { horizonMonths: 12, survivalPercent: 91, status: 'verified' },
    { horizonMonths: 24, survivalPercent: 78, status: 'verified' },
  ],
  intermediate: [{ horizonMonths: 12, survivalPercent: 49, status: 'secondary' }],
  high: [
    { horizonMonths: 6, survivalPercent: 27, status: 'verified' },
    { horizonMonths: 12, survivalPercent: 6, status: 'verified' },
  ],
});

/** Laboratory category from values: each tier is any-of, and critical outranks abnormal. */
export function katagiriLaboratoryCategory(values: KatagiriLaboratoryValues): {
  readonly category: KatagiriLaboratoryCategory;
  readonly findings: readonly string[];
} {
  const critical: string[] = [];
  if (values.plateletsPerUl < criticalBelowPlateletsPerUl) {
    critical.push(`platelets ${values.plateletsPerUl}/µL < 100000/µL`);
  }
  if (values.calciumMgDl >= criticalCalciumMgDl) critical.push(`calcium ${values.calciumMgDl} mg/dL ≥ 10.3 mg/dL`);
  if (values.bilirubinMgDl >= criticalBilirubinMgDl) {
    critical.push(`total bilirubin ${values.bilirubinMgDl} mg/dL ≥ 1.4 mg/dL`);
  }
  const abnormal: string[] = [];
  if (values.crpMgDl >= abnormalCrpMgDl) abnormal.push(`CRP ${values.crpMgDl} mg/dL ≥ 0.4 mg/dL`);
  if (values.ldhIuL >= abnormalLdhIuL) abnormal.push(`LDH ${values.ldhIuL} IU/L ≥ 250 IU/L`);
  if (values.albuminGDl < abnormalBelowAlbuminGDl) abnormal.push(`albumin ${values.albuminGDl} g/dL < 3.7 g/dL`);

  if (critical.length > 0) return { category: 'critical', findings: [...critical, ...abnormal] };
  if (abnormal.length > 0) return { category: 'abnormal', findings: abnormal };
  return { category: 'normal', findings: [] };
}

/**
 * Katagiri primary-lesion group of a breast cancer: hormone-dependent (receptor-positive) is slow growth
 * (0 points), hormone-independent (receptor-negative) is moderate growth (2 points).
 */
export function katagiriPrimaryGrowthForBreast(hormoneReceptor: 'positive' | 'negative'): 'slow' | 'moderate' {
  return hormoneReceptor === 'positive' ? 'slow' : 'moderate';
}

const horizonLabels = { 6: '6-month', 12: '1-year', 24: '2-year' } as const;

function describeSurvival(figure: KatagiriReportedSurvival): string {
  const status =
    figure.status === 'verified' ? 'Katagiri 2014 abstract' : 'secondary source only, unverified against the paper';
  return `${horizonLabels[figure.horizonMonths]} survival ${figure.survivalPercent}% (${status})`;
}

export function computeKatagiri(input: KatagiriInput): KatagiriResult {
  const assumptions = [
    'Point values and laboratory cut-offs are from a secondary copy of the Katagiri 2014 table (an open-source transcription of the open-access paper); only the six factors are verified in the abstract.',
  ];
  const details: string[] = [];

  let laboratoryCategory: KatagiriLaboratoryCategory;
  let laboratoryFinding: string;
  if ('values' in input.laboratory) {
    const { category, findings } = katagiriLaboratoryCategory(input.laboratory.values);
    laboratoryCategory = category;
    laboratoryFinding =
      findings.length === 0 ? 'Normal (no cut-off reached)' : `${capitalise(category)}: ${findings.join('; ')}`;
    assumptions.push(
      'Laboratory item: each tier is met by any one of its values, and critical outranks abnormal, so the item scores 0, 1 or 2 (secondary copy).',
      'Whether Katagiri used total or albumin-corrected serum calcium is not confirmed; the calcium given was compared with 10.3 mg/dL as given.',
    );
  } else {
    laboratoryCategory = input.laboratory.category;
    laboratoryFinding = `${capitalise(laboratoryCategory)} (category given)`;
    assumptions.push(
      'The laboratory category was given directly and is assumed to follow the Katagiri cut-offs (abnormal: CRP ≥ 0.4 mg/dL, LDH ≥ 250 IU/L or albumin < 3.7 g/dL; critical: platelets < 100000/µL, calcium ≥ 10.3 mg/dL or total bilirubin ≥ 1.4 mg/dL).',
    );
  }

  const poorPerformance = input.ecogPerformanceStatus >= 3;
  const components: ScoreComponent[] = [
    {
      item: 'Primary lesion',
      finding: primaryGrowthLabels[input.primaryGrowth],
      points: primaryGrowthPoints[input.primaryGrowth],
    },
    {
      item: 'Visceral or cerebral metastases',
      finding: visceralLabels[input.visceralMetastases],
      points: visceralPoints[input.visceralMetastases],
    },
    { item: 'Laboratory data', finding: laboratoryFinding, points: laboratoryPoints[laboratoryCategory] },
    {
      item: 'ECOG performance status 3 or 4',
      finding: `ECOG ${input.ecogPerformanceStatus}`,
      points: poorPerformance ? 1 : 0,
    },
    {
      item: 'Previous chemotherapy',
      finding: input.previousChemotherapy ? 'Yes' : 'No',
      points: input.previousChemotherapy ? 1 : 0,
    },
    {
      item: 'Multiple skeletal metastases',
      finding: input.multipleSkeletalMetastases ? 'Yes' : 'No',
      points: input.multipleSkeletalMetastases ? 1 : 0,
    },
  ];
  const total = sumPoints(components);
  const band = katagiriBand(total);
  // A copy, so that a caller changing its result cannot change the shared table.
  const reportedSurvival = reportedSurvivalByBand[band].map((figure) => ({ ...figure }));

  if (reportedSurvival.some((figure) => figure.status === 'secondary')) {
    assumptions.push(
      'The intermediate-band 1-year survival (49%) is from a secondary copy quoting the derivation cohort; it is unverified against Katagiri 2014.',
    );
  }

  details.push(
    ...describeComponents(components),
    `Total ${total} of 10: ${band} (0-3 low, 4-6 intermediate, 7-10 high).`,
    `Reported survival for this band (derivation cohort): ${reportedSurvival.map(describeSurvival).join('; ')}. Other time points are not shown: they are unverified.`,
  );

  return {
    calculator: 'katagiri',
    summary: `New Katagiri ${total}/10: ${band} risk; ${reportedSurvival.map(describeSurvival).join('; ')}.`,
    details,
    sources: [sources['katagiri-2014']],
    assumptions,
    total,
    components,
    band,
    laboratoryCategory,
    reportedSurvival,
  };
}

function capitalise(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}

export const katagiriCalculator = defineCalculator({
  id: 'katagiri',
  title: 'New Katagiri score (survival with skeletal metastases)',
  description:
    'New Katagiri score (0-10) from primary lesion growth, visceral metastases, laboratory data, performance status, previous chemotherapy and multiple skeletal metastases, with the survival reported for its band.',
  input: katagiriInputSchema,
  example: {
    primaryGrowth: 'slow',
    visceralMetastases: 'none',
    laboratory: {
      values: {
        crpMgDl: 0.2,
        ldhIuL: 180,
        albuminGDl: 4.1,
        plateletsPerUl: 240_000,
        calciumMgDl: 9.4,
        bilirubinMgDl: 0.6,
      },
    },
    ecogPerformanceStatus: 1,
    previousChemotherapy: true,
    multipleSkeletalMetastases: true,
  },
  compute: computeKatagiri,
});
