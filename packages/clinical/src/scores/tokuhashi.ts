import type { Citation } from '@bonemet/core';
import { z } from 'zod';
import { defineCalculator, type CalculatorResult } from '../calculator.js';
import { sources } from '../sources.js';
import { describeComponents, sumPoints, type ScoreComponent } from './score-component.js';

// Revised Tokuhashi score: Tokuhashi 2005 (Spine 30:2186), Table 1, read through the NICE CG75 Appendix 3
// reproduction (corrected with the author's permission). Rows that are illegible there (extraspinal 0 = 2;
// vertebral 2 = 1 and 1 = 2; organs unremovable 0 / removable 1; primary "others" 2, rectum 4) come from
// secondary copies (cliot, neurosurgerynotes, two open-source implementations). Total 0-15.

export const tokuhashiPrimarySites = [
  'lung',
  'osteosarcoma',
  'stomach',
  'bladder',
  'oesophagus',
  'pancreas',
  'liver',
  'gallbladder',
  'unidentified',
  'other',
  'kidney',
  'uterus',
  'rectum',
  'thyroid',
  'breast',
  'prostate',
  'carcinoid',
] as const;
export type TokuhashiPrimarySite = (typeof tokuhashiPrimarySites)[number];

const primarySitePoints: Readonly<Record<TokuhashiPrimarySite, number>> = {
  lung: 0,
  osteosarcoma: 0,
  stomach: 0,
  bladder: 0,
  oesophagus: 0,
  pancreas: 0,
  liver: 1,
  gallbladder: 1,
  unidentified: 1,
  other: 2,
  kidney: 3,
  uterus: 3,
  rectum: 4,
  thyroid: 5,
  breast: 5,
  prostate: 5,
  carcinoid: 5,
};

const frankelPoints = { A: 0, B: 0, C: 1, D: 1, E: 2 } as const;
const frankelLabels = {
  A: 'Frankel A (complete)',
  B: 'Frankel B (complete)',
  C: 'Frankel C (incomplete)',
  D: 'Frankel D (incomplete)',
  E: 'Frankel E (none)',
} as const;

const majorOrganPoints = { unremovable: 0, removable: 1, none: 2 } as const;
const majorOrganLabels = {
  unremovable: 'Unremovable metastases',
  removable: 'Removable metastases',
  none: 'No metastases',
} as const;

export const tokuhashiInputSchema = z.strictObject({
  karnofskyPercent: z
    .number()
    .int()
    .min(10)
    .max(100)
    .multipleOf(10)
    .describe(
      'Karnofsky performance status in percent, 10-100 in steps of 10: 10-40 (0 points), 50-70 (1), 80-100 (2).',
    ),
  extraspinalBoneMetastases: z
    .number()
    .int()
    .nonnegative()
    .describe('Number of extraspinal bone metastatic foci: 3 or more (0 points), 1-2 (1), none (2).'),
  vertebralBodyMetastases: z
    .number()
    .int()
    .min(1)
    .describe('Number of metastases in the vertebral bodies, at least 1: 3 or more (0 points), 2 (1), 1 (2).'),
  majorOrganMetastases: z
    .enum(['none', 'removable', 'unremovable'])
    .describe(
      'Metastases to major internal organs (e.g. lung, liver, kidney, brain): unremovable (0 points), removable (1), none (2).',
    ),
  primarySite: z
    .enum(tokuhashiPrimarySites)
    .describe(
      'Primary site: lung, osteosarcoma, stomach, bladder, oesophagus, pancreas (0 points); liver, gallbladder, unidentified (1); other (2); kidney, uterus (3); rectum (4); thyroid, breast, prostate, carcinoid (5).',
    ),
  frankelGrade: z
    .enum(['A', 'B', 'C', 'D', 'E'])
    .describe('Spinal cord palsy, Frankel grade: A or B complete (0 points), C or D incomplete (1), E none (2).'),
});

export type TokuhashiInput = z.output<typeof tokuhashiInputSchema>;

export type TokuhashiBand = '0-8' | '9-11' | '12-15';
export type TokuhashiPredictedSurvival = '< 6 months' | '≥ 6 months' | '≥ 1 year';
export type TokuhashiTreatmentApproach = 'conservative_or_palliative' | 'excisional';

export interface TokuhashiResult extends CalculatorResult {
  readonly calculator: 'tokuhashi';
  /** Total score, 0-15. */
  readonly total: number;
  readonly components: readonly ScoreComponent[];
  readonly band: TokuhashiBand;
  readonly predictedSurvival: TokuhashiPredictedSurvival;
  readonly treatmentApproach: TokuhashiTreatmentApproach;
  /** The suggested treatment in words, with the rule of the 2005 abstract that gave it. */
  readonly suggestedTreatment: string;
}

function karnofskyPoints(karnofskyPercent: number): number {
  if (karnofskyPercent <= 40) return 0;
  if (karnofskyPercent <= 70) return 1;
  return 2;
}

function karnofskyLabel(karnofskyPercent: number): string {
  if (karnofskyPercent <= 40) return `Karnofsky ${karnofskyPercent}% (poor)`;
  if (karnofskyPercent <= 70) return `Karnofsky ${karnofskyPercent}% (moderate)`;
  return `Karnofsky ${karnofskyPercent}% (good)`;
}

function extraspinalPoints(count: number): number {
  if (count >= 3) return 0;
  if (count >= 1) return 1;
  return 2;
}

// Vertebral body metastases: >= 3 = 0, 2 = 1, 1 = 2. Reproductions are reported to disagree (>= 3 / 2 / 1 vs
// >= 3 / 1-2 / 0). Every copy retrieved uses >= 3 / 2 / 1; the other reading duplicates the extraspinal row and
// needs "0 vertebral metastases", impossible in a score for spinal metastases. Unverified against Spine 2005 Table 1.
function vertebralPoints(count: number): number {
  if (count >= 3) return 0;
  if (count === 2) return 1;
  return 2;
}

/** Band of a revised Tokuhashi total (Tokuhashi 2005; NICE CG75 reproduction). */
export function tokuhashiBand(total: number): TokuhashiBand {
  if (total <= 8) return '0-8';
  if (total <= 11) return '9-11';
  return '12-15';
}

const predictedSurvivalByBand: Readonly<Record<TokuhashiBand, TokuhashiPredictedSurvival>> = {
  '0-8': '< 6 months',
  '9-11': '≥ 6 months',
  '12-15': '≥ 1 year',
};

export function computeTokuhashi(input: TokuhashiInput): TokuhashiResult {
  const components: ScoreComponent[] = [
    {
      item: 'General condition',
      finding: karnofskyLabel(input.karnofskyPercent),
      points: karnofskyPoints(input.karnofskyPercent),
    },
    {
      item: 'Extraspinal bone metastatic foci',
      finding: String(input.extraspinalBoneMetastases),
      points: extraspinalPoints(input.extraspinalBoneMetastases),
    },
    {
      item: 'Metastases in the vertebral body',
      finding: String(input.vertebralBodyMetastases),
      points: vertebralPoints(input.vertebralBodyMetastases),
    },
    {
      item: 'Metastases to major internal organs',
      finding: majorOrganLabels[input.majorOrganMetastases],
      points: majorOrganPoints[input.majorOrganMetastases],
    },
    { item: 'Primary site', finding: input.primarySite, points: primarySitePoints[input.primarySite] },
    { item: 'Palsy', finding: frankelLabels[input.frankelGrade], points: frankelPoints[input.frankelGrade] },
  ];
  const total = sumPoints(components);
  const band = tokuhashiBand(total);
  const predictedSurvival = predictedSurvivalByBand[band];
  const multipleVertebral = input.vertebralBodyMetastases >= 2;

  const assumptions: string[] = [];
  const details = [
    ...describeComponents(components),
    `Total ${total} of 15: band ${band}, predicted survival ${predictedSurvival} (0-8 < 6 months, 9-11 ≥ 6 months, 12-15 ≥ 1 year).`,
  ];

  // Treatment, Tokuhashi 2005 abstract: conservative or palliative for a total of 8 or less or for multiple
  // vertebral metastases; excisional for 12 or more, or for 9-11 with metastasis in a single vertebra.
  let treatmentApproach: TokuhashiTreatmentApproach;
  let suggestedTreatment: string;
  if (total <= 8) {
    treatmentApproach = 'conservative_or_palliative';
    suggestedTreatment = 'Conservative treatment or palliative procedures (total 8 or less)';
  } else if (multipleVertebral) {
    treatmentApproach = 'conservative_or_palliative';
    suggestedTreatment = `Conservative treatment or palliative procedures (multiple vertebral metastases: ${input.vertebralBodyMetastases})`;
    if (total >= 12) {
      suggestedTreatment +=
        '; the total alone (12 or more) would indicate excisional procedures, and the 2005 abstract does not say which rule prevails';
      assumptions.push(
        'Total of 12 or more with multiple vertebral metastases: the two rules of the 2005 abstract conflict (multiple vertebral metastases: conservative or palliative; total 12 or more: excisional). The less invasive rule is reported and the conflict is stated; the paper body was not retrieved.',
      );
    }
  } else {
    treatmentApproach = 'excisional';
    suggestedTreatment =
      total >= 12
        ? 'Excisional procedures (total 12 or more)'
        : 'Excisional procedures (total 9-11 with metastasis in a single vertebra)';
    if (total <= 11 && input.majorOrganMetastases !== 'none') {
      assumptions.push(
        'Total 9-11 with a single vertebral metastasis and metastases to major internal organs: excisional procedures per the 2005 abstract; secondary copies add "and no metastases to major internal organs" to this rule, which is unverified against the paper.',
      );
      suggestedTreatment +=
        '; secondary copies restrict this to patients without metastases to major internal organs (unverified)';
    }
  }
  details.push(`Suggested treatment (Tokuhashi 2005): ${suggestedTreatment}.`);

  const citations: Citation[] = [sources['tokuhashi-2005']];
  if (input.primarySite === 'breast') {
    details.push(
      `Informational: the 2014 modified Tokuhashi score gives hormone-receptor-negative and triple-negative breast cancer 3 points for the primary site instead of 5 (the total would be ${total - 2}); the revised 2005 score above is unchanged.`,
    );
    citations.push(sources['tokuhashi-breast-2017']);
  }

  // Rows not legible in the NICE CG75 reproduction of Table 1 (secondary copies only).
  const secondaryRows: string[] = [];
  if (input.extraspinalBoneMetastases === 0) secondaryRows.push('no extraspinal bone metastases = 2');
  if (input.vertebralBodyMetastases === 2) secondaryRows.push('2 vertebral body metastases = 1');
  if (input.vertebralBodyMetastases === 1) secondaryRows.push('1 vertebral body metastasis = 2');
  if (input.majorOrganMetastases === 'unremovable') secondaryRows.push('unremovable organ metastases = 0');
  if (input.majorOrganMetastases === 'removable') secondaryRows.push('removable organ metastases = 1');
  if (input.primarySite === 'other') secondaryRows.push('primary site "others" = 2');
  if (input.primarySite === 'rectum') secondaryRows.push('rectum = 4');
  if (secondaryRows.length > 0) {
    assumptions.push(
      `Points taken from secondary copies of the table only (illegible in the NICE CG75 reproduction of Tokuhashi 2005): ${secondaryRows.join('; ')}.`,
    );
  }
  if (input.vertebralBodyMetastases === 1) {
    assumptions.push(
      'Vertebral body item read as 3 or more = 0, 2 = 1, 1 = 2, as in every copy retrieved; reproductions are reported to disagree (3 or more = 0, 1-2 = 1, 0 = 2), which would give 1 point instead of 2 here. That reading duplicates the extraspinal row and needs a count of 0, impossible for spinal metastases; unverified against Spine 2005 Table 1.',
    );
  }

  return {
    calculator: 'tokuhashi',
    summary: `Revised Tokuhashi ${total}/15: predicted survival ${predictedSurvival}. ${suggestedTreatment}.`,
    details,
    sources: citations,
    assumptions,
    total,
    components,
    band,
    predictedSurvival,
    treatmentApproach,
    suggestedTreatment,
  };
}

export const tokuhashiCalculator = defineCalculator({
  id: 'tokuhashi',
  title: 'Revised Tokuhashi score (spinal metastases prognosis)',
  description:
    'Revised Tokuhashi score (0-15) from performance status, bone and organ metastases, primary site and palsy, with predicted survival and the treatment suggested by Tokuhashi 2005.',
  input: tokuhashiInputSchema,
  example: {
    karnofskyPercent: 70,
    extraspinalBoneMetastases: 1,
    vertebralBodyMetastases: 1,
    majorOrganMetastases: 'none',
    primarySite: 'breast',
    frankelGrade: 'E',
  },
  compute: computeTokuhashi,
});
