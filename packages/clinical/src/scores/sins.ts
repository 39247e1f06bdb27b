import { vertebralLevels, type VertebralLevel } from '@bonemet/core';
import { z } from 'zod';
import { defineCalculator, type CalculatorResult } from '../calculator.js';
import { sources } from '../sources.js';
import { describeComponents, sumPoints, type ScoreComponent } from './score-component.js';

// Spinal Instability Neoplastic Score: Fisher 2010 (Spine 35:E1221), Table 1; the same table is reproduced
// identically by Radiopaedia, oxfordmedicaleducation and pacs.de. Total 0-18.

/** Spinal region of the SINS location item. */
export type SinsSpinalRegion = 'junctional' | 'mobile' | 'semi_rigid' | 'rigid';

// Fisher 2010 Table 1, location: junctional occiput-C2, C7-T2, T11-L1, L5-S1 (3); mobile C3-C6, L2-L4 (2);
// semi-rigid T3-T10 (1); rigid S2-S5 (0). The input starts at C1, so occiput-C2 is C1 and C2.
const junctionalLevels: ReadonlySet<VertebralLevel> = new Set<VertebralLevel>([
  'C1',
  'C2',
  'C7',
  'T1',
  'T2',
  'T11',
  'T12',
  'L1',
  'L5',
  'S1',
]);
const mobileLevels: ReadonlySet<VertebralLevel> = new Set<VertebralLevel>(['C3', 'C4', 'C5', 'C6', 'L2', 'L3', 'L4']);
const rigidLevels: ReadonlySet<VertebralLevel> = new Set<VertebralLevel>(['S2', 'S3', 'S4', 'S5']);

/** The SINS spinal region of a vertebral level (Fisher 2010, Table 1). */
export function sinsSpinalRegion(level: VertebralLevel): SinsSpinalRegion {
  if (junctionalLevels.has(level)) return 'junctional';
  if (mobileLevels.has(level)) return 'mobile';
  if (rigidLevels.has(level)) return 'rigid';
  return 'semi_rigid';
}

const regionPoints: Readonly<Record<SinsSpinalRegion, number>> = { junctional: 3, mobile: 2, semi_rigid: 1, rigid: 0 };
const regionLabels: Readonly<Record<SinsSpinalRegion, string>> = {
  junctional: 'junctional (occiput-C2, C7-T2, T11-L1, L5-S1)',
  mobile: 'mobile spine (C3-C6, L2-L4)',
  semi_rigid: 'semi-rigid (T3-T10)',
  rigid: 'rigid (S2-S5)',
};

// Pain 3/1/0 per Fisher 2010. neurosurgerynotes.bullet.site prints 3/2/1, a transcription error.
const painPoints = { mechanical: 3, occasional_non_mechanical: 1, pain_free: 0 } as const;
const painLabels = {
  mechanical: 'Mechanical pain (relief with recumbency and/or pain with movement or loading)',
  occasional_non_mechanical: 'Occasional pain, not mechanical',
  pain_free: 'Pain-free lesion',
} as const;

const boneLesionPoints = { lytic: 2, mixed: 1, blastic: 0 } as const;
const boneLesionLabels = { lytic: 'Lytic', mixed: 'Mixed (lytic/blastic)', blastic: 'Blastic' } as const;

const alignmentPoints = { subluxation_translation: 4, de_novo_deformity: 2, normal: 0 } as const;
const alignmentLabels = {
  subluxation_translation: 'Subluxation or translation present',
  de_novo_deformity: 'De novo deformity (kyphosis or scoliosis)',
  normal: 'Normal alignment',
} as const;

const collapsePoints = {
  gt_50_percent: 3,
  lt_50_percent: 2,
  no_collapse_gt_50_percent_body_involved: 1,
  none: 0,
} as const;
const collapseLabels = {
  gt_50_percent: '> 50% collapse',
  lt_50_percent: '< 50% collapse',
  no_collapse_gt_50_percent_body_involved: 'No collapse with > 50% of the body involved',
  none: 'None of the above',
} as const;

const posterolateralPoints = { bilateral: 3, unilateral: 1, none: 0 } as const;
const posterolateralLabels = { bilateral: 'Bilateral', unilateral: 'Unilateral', none: 'None of the above' } as const;

export const sinsInputSchema = z.strictObject({
  level: z
    .enum(vertebralLevels)
    .describe(
      'Vertebral level scored (C1-C7, T1-T12, L1-L5, S1-S5); for a lesion spanning several levels, the most unstable level. Junctional occiput-C2, C7-T2, T11-L1, L5-S1 (3 points); mobile C3-C6, L2-L4 (2); semi-rigid T3-T10 (1); rigid S2-S5 (0).',
    ),
  pain: z
    .enum(['mechanical', 'occasional_non_mechanical', 'pain_free'])
    .describe(
      'Pain: mechanical, i.e. relieved by recumbency and/or with movement or loading (3 points); occasional but not mechanical (1); pain-free lesion (0).',
    ),
  boneLesion: z
    .enum(['lytic', 'mixed', 'blastic'])
    .describe('Bone lesion quality on CT: lytic (2 points), mixed lytic/blastic (1), blastic (0).'),
  alignment: z
    .enum(['subluxation_translation', 'de_novo_deformity', 'normal'])
    .describe(
      'Radiographic spinal alignment: subluxation/translation (4 points), de novo kyphosis or scoliosis (2), normal (0).',
    ),
  collapse: z
    .enum(['gt_50_percent', 'lt_50_percent', 'no_collapse_gt_50_percent_body_involved', 'none'])
    .describe(
      'Vertebral body collapse: > 50% (3 points), < 50% (2), no collapse with > 50% of the body involved (1), none of these (0).',
    ),
  posterolateral: z
    .enum(['bilateral', 'unilateral', 'none'])
    .describe(
      'Posterolateral involvement (facet, pedicle or costovertebral joint fracture or replacement with tumour): bilateral (3 points), unilateral (1), none (0).',
    ),
});

export type SinsInput = z.output<typeof sinsInputSchema>;

/** SINS category: stable (0-6), potentially unstable (7-12), unstable (13-18). */
export type SinsCategory = 'stable' | 'potentially_unstable' | 'unstable';

export interface SinsResult extends CalculatorResult {
  readonly calculator: 'sins';
  /** Total score, 0-18. */
  readonly total: number;
  readonly components: readonly ScoreComponent[];
  readonly spinalRegion: SinsSpinalRegion;
  readonly category: SinsCategory;
  /** Surgical consultation recommended: total ≥ 7 (Fisher 2010). */
  readonly surgicalConsultation: boolean;
}

/** SINS category of a total (Fisher 2010): 0-6 stable, 7-12 potentially unstable, 13-18 unstable. */
export function sinsCategory(total: number): SinsCategory {
  if (total <= 6) return 'stable';
  if (total <= 12) return 'potentially_unstable';
  return 'unstable';
}

const categoryLabels: Readonly<Record<SinsCategory, string>> = {
  stable: 'stable',
  potentially_unstable: 'potentially unstable (indeterminate)',
  unstable: 'unstable',
};

export function computeSins(input: SinsInput): SinsResult {
  const spinalRegion = sinsSpinalRegion(input.level);
  const components: ScoreComponent[] = [
    { item: 'Location', finding: `${input.level}: ${regionLabels[spinalRegion]}`, points: regionPoints[spinalRegion] },
    { item: 'Pain', finding: painLabels[input.pain], points: painPoints[input.pain] },
    { item: 'Bone lesion', finding: boneLesionLabels[input.boneLesion], points: boneLesionPoints[input.boneLesion] },
    {
      item: 'Radiographic spinal alignment',
      finding: alignmentLabels[input.alignment],
      points: alignmentPoints[input.alignment],
    },
    {
      item: 'Vertebral body collapse',
      finding: collapseLabels[input.collapse],
      points: collapsePoints[input.collapse],
    },
    {
      item: 'Posterolateral involvement',
      finding: posterolateralLabels[input.posterolateral],
      points: posterolateralPoints[input.posterolateral],
    },
  ];
  const total = sumPoints(components);
  const category = sinsCategory(total);
  const surgicalConsultation = total >= 7;
  const action = surgicalConsultation ? 'surgical consultation recommended' : 'no surgical consultation indicated';

  return {
    calculator: 'sins',
    summary: `SINS ${total}/18 at ${input.level}: ${categoryLabels[category]}; ${action}.`,
    details: [
      ...describeComponents(components),
      `Total ${total} of 18: ${categoryLabels[category]} (0-6 stable, 7-12 potentially unstable, 13-18 unstable).`,
      `A total of 7 or more warrants surgical consultation: ${action}.`,
    ],
    sources: [sources['fisher-2010']],
    assumptions: [
      'A lesion spanning several levels is assumed to be scored at its most unstable level: a convention (SINS is scored per level), not verified against Fisher 2010.',
      'Pain is scored 3 / 1 / 0 (mechanical / occasional non-mechanical / pain-free) as in Fisher 2010 and three concordant reproductions; a public page printing 3 / 2 / 1 (neurosurgerynotes) is a transcription error and is not followed.',
    ],
    total,
    components,
    spinalRegion,
    category,
    surgicalConsultation,
  };
}

export const sinsCalculator = defineCalculator({
  id: 'sins',
  title: 'Spinal Instability Neoplastic Score (SINS)',
  description:
    'SINS (0-18) from level, pain, bone lesion, alignment, vertebral body collapse and posterolateral involvement, with stability category and the surgical-consultation threshold.',
  input: sinsInputSchema,
  example: {
    level: 'T12',
    pain: 'mechanical',
    boneLesion: 'lytic',
    alignment: 'normal',
    collapse: 'lt_50_percent',
    posterolateral: 'unilateral',
  },
  compute: computeSins,
});
