import { z } from 'zod';
import { defineCalculator, type CalculatorResult } from '../calculator.js';
import { sources } from '../sources.js';
import { describeComponents, sumPoints, type ScoreComponent } from './score-component.js';

// Tomita score: Tomita 2001 (Spine 26:298). The original table was not retrieved; points, bands and the
// goal/strategy pairs agree in two independent open-source implementations, band labels in a TrakCare form.
// Total 2-10.

// Rapid growth = 4: some reviews print 3, but the published range 2-10 is reached only with 4 + 4 + 2.
const primaryGrowthPoints = { slow: 1, moderate: 2, rapid: 4 } as const;
const primaryGrowthLabels = {
  slow: 'Slow growth (e.g. breast, thyroid, prostate)',
  moderate: 'Moderate growth (e.g. kidney, uterus)',
  rapid: 'Rapid growth (e.g. lung, stomach, liver, pancreas, colon)',
} as const;

const visceralPoints = { none: 0, treatable: 2, untreatable: 4 } as const;
const visceralLabels = { none: 'None', treatable: 'Treatable', untreatable: 'Untreatable' } as const;

const bonePoints = { solitary: 1, multiple: 2 } as const;
const boneLabels = { solitary: 'Solitary or isolated', multiple: 'Multiple' } as const;

export const tomitaInputSchema = z.strictObject({
  primaryGrowth: z
    .enum(['slow', 'moderate', 'rapid'])
    .describe(
      'Growth of the primary tumour: slow, e.g. breast, thyroid, prostate (1 point); moderate, e.g. kidney, uterus (2); rapid, e.g. lung, stomach, liver, pancreas, colon (4).',
    ),
  visceralMetastases: z
    .enum(['none', 'treatable', 'untreatable'])
    .describe('Visceral metastases: none (0 points), treatable (2), untreatable (4).'),
  boneMetastases: z
    .enum(['solitary', 'multiple'])
    .describe('Bone metastases including the spine: solitary or isolated (1 point), multiple (2).'),
});

export type TomitaInput = z.output<typeof tomitaInputSchema>;

export type TomitaBand = '2-3' | '4-5' | '6-7' | '8-10';

export interface TomitaResult extends CalculatorResult {
  readonly calculator: 'tomita';
  /** Total score, 2-10. */
  readonly total: number;
  readonly components: readonly ScoreComponent[];
  readonly band: TomitaBand;
  readonly treatmentGoal: string;
  readonly surgicalStrategy: string;
}

/** Band of a Tomita total: 2-3, 4-5, 6-7, 8-10. */
export function tomitaBand(total: number): TomitaBand {
  if (total <= 3) return '2-3';
  if (total <= 5) return '4-5';
  if (total <= 7) return '6-7';
  return '8-10';
}

const bandStrategies: Readonly<Record<TomitaBand, { readonly goal: string; readonly strategy: string }>> = {
  '2-3': {
    goal: 'Long-term local control',
    strategy: 'Wide or marginal excision (e.g. en bloc spondylectomy)',
  },
  '4-5': { goal: 'Middle-term local control', strategy: 'Marginal or intralesional excision' },
  '6-7': { goal: 'Short-term palliation', strategy: 'Palliative surgery' },
  '8-10': { goal: 'Terminal care', strategy: 'Non-operative supportive care' },
};

export function computeTomita(input: TomitaInput): TomitaResult {
  const components: ScoreComponent[] = [
    {
      item: 'Primary tumour',
      finding: primaryGrowthLabels[input.primaryGrowth],
      points: primaryGrowthPoints[input.primaryGrowth],
    },
    {
      item: 'Visceral metastases',
      finding: visceralLabels[input.visceralMetastases],
      points: visceralPoints[input.visceralMetastases],
    },
    {
      item: 'Bone metastases',
      finding: boneLabels[input.boneMetastases],
      points: bonePoints[input.boneMetastases],
    },
  ];
  const total = sumPoints(components);
  const band = tomitaBand(total);
  const { goal, strategy } = bandStrategies[band];

  const assumptions = [
    'The Tomita table (points, bands, goals and strategies) is from secondary copies only (two independent implementations and a form dictionary); it is unverified against Tomita 2001, whose tables were not retrieved.',
  ];
  if (input.primaryGrowth === 'rapid') {
    assumptions.push(
      'Rapid growth is scored 4, not 3 as some reviews print: the published total range of 2-10 requires 4.',
    );
  }

  return {
    calculator: 'tomita',
    summary: `Tomita ${total}/10: ${goal.toLowerCase()}; ${strategy.toLowerCase()}.`,
    details: [
      ...describeComponents(components),
      `Total ${total} of 10: band ${band} (2-3, 4-5, 6-7, 8-10).`,
      `Treatment goal: ${goal}. Surgical strategy: ${strategy}.`,
    ],
    sources: [sources['tomita-2001']],
    assumptions,
    total,
    components,
    band,
    treatmentGoal: goal,
    surgicalStrategy: strategy,
  };
}

export const tomitaCalculator = defineCalculator({
  id: 'tomita',
  title: 'Tomita score (surgical strategy for spinal metastases)',
  description:
    'Tomita score (2-10) from primary tumour growth, visceral and bone metastases, with treatment goal and surgical strategy.',
  input: tomitaInputSchema,
  example: { primaryGrowth: 'slow', visceralMetastases: 'none', boneMetastases: 'multiple' },
  compute: computeTomita,
});
