import { z } from 'zod';
import { defineCalculator, type CalculatorResult } from '../calculator.js';
import { sources } from '../sources.js';
import { describeComponents, sumPoints, type ScoreComponent } from './score-component.js';

// Mirels 1989, scoring table as reproduced by Jawad & Scully 2010 (CORR "Classifications in Brief"):
// four items, each 1-3 points, total 4-12.

const sitePoints = { upper_limb: 1, lower_limb: 2, peritrochanteric: 3 } as const;
const siteLabels = {
  upper_limb: 'Upper limb',
  lower_limb: 'Lower limb',
  peritrochanteric: 'Peritrochanteric (intertrochanteric) femur',
} as const;

const painPoints = { mild: 1, moderate: 2, functional: 3 } as const;
const painLabels = {
  mild: 'Mild',
  moderate: 'Moderate',
  functional: 'Functional (severe, aggravated by limb function)',
} as const;

const lesionTypePoints = { blastic: 1, mixed: 2, lytic: 3 } as const;
const lesionTypeLabels = { blastic: 'Blastic', mixed: 'Mixed', lytic: 'Lytic' } as const;

const sizePoints = { lt_one_third: 1, one_third_to_two_thirds: 2, gt_two_thirds: 3 } as const;
const sizeLabels = { lt_one_third: '< 1/3', one_third_to_two_thirds: '1/3 - 2/3', gt_two_thirds: '> 2/3' } as const;

const sizeDefinitionLabels = {
  bone_diameter: 'of the bone diameter',
  cortical_thickness: 'of the cortical thickness',
} as const;

export const mirelsInputSchema = z.strictObject({
  site: z
    .enum(['upper_limb', 'lower_limb', 'peritrochanteric'])
    .describe('Site of the long-bone lesion: upper limb (1 point), lower limb (2), peritrochanteric femur (3).'),
  pain: z
    .enum(['mild', 'moderate', 'functional'])
    .describe('Pain at the lesion: mild (1 point), moderate (2), functional, i.e. aggravated by limb function (3).'),
  lesionType: z
    .enum(['blastic', 'mixed', 'lytic'])
    .describe('Radiographic nature of the lesion: blastic (1 point), mixed (2), lytic (3).'),
  size: z
    .enum(['lt_one_third', 'one_third_to_two_thirds', 'gt_two_thirds'])
    .describe('Lesion size as a fraction of the bone on plain radiograph: < 1/3 (1 point), 1/3-2/3 (2), > 2/3 (3).'),
  sizeDefinition: z
    .enum(['bone_diameter', 'cortical_thickness'])
    .optional()
    .describe(
      'What `size` is a fraction of: the bone diameter or the cortical thickness (reproductions of Mirels 1989 disagree). When absent, the bone diameter is assumed and the result says so.',
    ),
});

export type MirelsInput = z.output<typeof mirelsInputSchema>;

/** Risk band: low (total ≤ 7), borderline (8), high (≥ 9). */
export type MirelsBand = 'low' | 'borderline' | 'high';

export interface MirelsResult extends CalculatorResult {
  readonly calculator: 'mirels';
  /** Total score, 4-12. */
  readonly total: number;
  readonly components: readonly ScoreComponent[];
  readonly band: MirelsBand;
  /** Prophylactic fixation indicated: total ≥ 9. */
  readonly fixationIndicated: boolean;
  readonly recommendation: string;
  /**
   * Fracture risk reported for this total by secondary tables, or null where no per-score figure is
   * supported (totals 10 and 11).
   */
  readonly reportedFractureRisk: string | null;
  /** The size definition the score was computed with (given, or assumed when absent). */
  readonly sizeDefinition: 'bone_diameter' | 'cortical_thickness';
}

/** Band of a Mirels total (Mirels 1989 thresholds: ≤ 7 low, 8 borderline, ≥ 9 fixation). */
export function mirelsBand(total: number): MirelsBand {
  if (total <= 7) return 'low';
  if (total === 8) return 'borderline';
  return 'high';
}

const recommendations: Readonly<Record<MirelsBand, string>> = {
  low: 'Observation, with radiotherapy as indicated; prophylactic fixation not indicated by the score',
  borderline: 'Borderline: use clinical judgement on prophylactic fixation',
  high: 'Prophylactic fixation recommended: refer to orthopaedic surgery',
};

// Per-score fracture risks come only from secondary tables (roentgenrayreader, mdapp, epomedicine);
// Mirels' own per-score rates were not retrieved, so 10 and 11 get no figure.
function reportedFractureRisk(total: number): string | null {
  if (total <= 7) return 'about 4% (secondary tables: < 4%, 0-4%)';
  if (total === 8) return 'about 15%';
  if (total === 9) return 'about 33%';
  if (total === 12) return 'up to 100% (secondary copies)';
  return null;
}

export function computeMirels(input: MirelsInput): MirelsResult {
  const components: ScoreComponent[] = [
    { item: 'Site', finding: siteLabels[input.site], points: sitePoints[input.site] },
    { item: 'Pain', finding: painLabels[input.pain], points: painPoints[input.pain] },
    { item: 'Lesion type', finding: lesionTypeLabels[input.lesionType], points: lesionTypePoints[input.lesionType] },
    {
      item: 'Size',
      finding: `${sizeLabels[input.size]} ${sizeDefinitionLabels[input.sizeDefinition ?? 'bone_diameter']}`,
      points: sizePoints[input.size],
    },
  ];
  const total = sumPoints(components);
  const band = mirelsBand(total);
  const fixationIndicated = total >= 9;
  const risk = reportedFractureRisk(total);
  const recommendation = recommendations[band];

  const assumptions: string[] = [];
  if (input.sizeDefinition === undefined) {
    assumptions.push(
      'Size was read as the fraction of the bone diameter involved (not given). Reproductions of Mirels 1989 disagree: "bone diameter" (Radiopaedia, gpnotebook, cliot) vs "cortical thickness" (roentgenrayreader, epomedicine table); the original wording is unverified.',
    );
  } else {
    assumptions.push(
      `Size was scored as a fraction ${sizeDefinitionLabels[input.sizeDefinition]}, as given. Reproductions of Mirels 1989 disagree on this definition; the original wording is unverified.`,
    );
  }
  if (risk === null) {
    assumptions.push(
      'No per-score fracture risk is given for totals 10 and 11: secondary tables report only a range of 33% to 100% for scores of 9 or more, and Mirels per-score rates were not retrieved.',
    );
  } else {
    assumptions.push(
      `The reported fracture risk (${risk}) is a figure from secondary tables only (roentgenrayreader, mdapp, epomedicine); it is unverified against Mirels 1989.`,
    );
  }

  const details = [
    ...describeComponents(components),
    `Total ${total} of 12: ${band} (≤ 7 low, 8 borderline, ≥ 9 high; prophylactic fixation indicated at ≥ 9).`,
    `Recommendation: ${recommendation}.`,
    risk === null
      ? 'Reported fracture risk: no per-score figure for this total (secondary tables: 33% to 100% for 9 or more).'
      : `Reported fracture risk: ${risk}.`,
  ];

  return {
    calculator: 'mirels',
    summary: `Mirels ${total}/12: ${band} risk of pathological fracture. ${recommendation}.`,
    details,
    sources: [sources['mirels-1989'], sources['jawad-2010']],
    assumptions,
    total,
    components,
    band,
    fixationIndicated,
    recommendation,
    reportedFractureRisk: risk,
    sizeDefinition: input.sizeDefinition ?? 'bone_diameter',
  };
}

export const mirelsCalculator = defineCalculator({
  id: 'mirels',
  title: 'Mirels score (impending pathological fracture of a long bone)',
  description:
    'Mirels score (4-12) from site, pain, radiographic lesion type and size of a long-bone metastasis, with the fixation threshold.',
  input: mirelsInputSchema,
  example: {
    site: 'peritrochanteric',
    pain: 'functional',
    lesionType: 'lytic',
    size: 'one_third_to_two_thirds',
    sizeDefinition: 'bone_diameter',
  },
  compute: computeMirels,
});
