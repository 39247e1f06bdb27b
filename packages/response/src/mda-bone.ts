/**
 * MD Anderson (MDA) bone response criteria for breast cancer (Hamaoka 2004), with the quantitative
 * thresholds of Costelloe 2010 (≥ 50% decrease in the sum of products of perpendicular diameters: PR;
 * ≥ 25% increase: PD). Each imaging modality gives one row; the overall category is the worst row.
 *
 * Rows and what decides them (reference note §1.4 and bone-scintigraphy §3.2):
 * - Bone scan (SS): CR disappearance of every hot spot; PR regression (≥ 50% decrease of the uptake sum
 *   when given, else at least one hot spot decreased or resolved with none increased); SD no change, no
 *   new lesion; PD new lesion or increased activity (≥ 25% increase of the uptake sum when given), which
 *   MDA calls only after excluding flare (see bone-scan-flare.ts).
 * - XR/CT: CR complete fill-in or sclerosis of lytic lesions, normalisation of blastic lesions; PR partial
 *   fill-in or sclerosis, sclerotic rim, decrease of blastic lesions, ≥ 50% decrease of measurable sums;
 *   PD increase of lytic or blastic lesions, ≥ 25% increase of measurable sums, new lesion.
 * - MRI: CR disappearance of tumour signal; PR regression (≥ 50% decrease of measurable sums); PD
 *   increase (≥ 25%) or new lesion.
 */
import { isAtLeast, isAtMost, parseInput, type Citation } from '@bonemet/core';
import { z } from 'zod';
import type { FiredRule } from './reading.js';
import { sources } from './sources.js';
import { percentChange } from './thresholds.js';

export type MdaCategory = 'CR' | 'PR' | 'SD' | 'PD' | 'not_evaluable';

export const mdaThresholds = Object.freeze({
  /** PR: decrease of at least 50% (Costelloe 2010). */
  responseDecreasePercent: 50,
  /** PD: increase of at least 25% (Costelloe 2010). */
  progressionIncreasePercent: 25,
});

const countSchema = z.int().min(0, { error: 'a count is 0 or more' });

export const mdaBoneScanRowSchema = z
  .strictObject({
    baselineLesionCount: countSchema.describe('Hot spots on the baseline bone scan'),
    newCount: countSchema.describe('Hot spots new since baseline (tracked)'),
    increasedCount: countSchema.describe('Baseline hot spots with increased uptake (tracked)'),
    stableCount: countSchema.describe('Baseline hot spots with unchanged uptake (tracked)'),
    decreasedCount: countSchema.describe('Baseline hot spots with decreased uptake (tracked)'),
    resolvedCount: countSchema.describe('Baseline hot spots no longer seen (tracked)'),
    uptakeSum: z
      .strictObject({
        baseline: z.number().nonnegative().describe('Sum of hot-spot uptake at baseline (any consistent unit)'),
        followUp: z.number().nonnegative().describe('Sum of the same measure at follow-up'),
      })
      .optional()
      .describe('Summed uptake of the hot spots (e.g. count-normalised counts or BSI), for the 50% / 25% rules'),
  })
  .superRefine((row, context) => {
    const tracked = row.increasedCount + row.stableCount + row.decreasedCount + row.resolvedCount;
    if (tracked !== row.baselineLesionCount) {
      context.addIssue({
        code: 'custom',
        path: ['baselineLesionCount'],
        message: `increased + stable + decreased + resolved (${String(tracked)}) must equal the baseline count ${String(row.baselineLesionCount)}: every baseline hot spot has one state`,
      });
    }
  })
  .describe('Bone-scan (skeletal scintigraphy) row from tracked hot spots, follow-up against baseline');

const measurableSumSchema = z
  .strictObject({
    baselineMm2: z
      .number()
      .positive({ error: 'the baseline sum is greater than 0 mm²' })
      .describe('Baseline sum of the products of perpendicular diameters of measurable lesions, mm²'),
    followUpMm2: z.number().nonnegative().describe('Follow-up sum of the same products, mm²'),
  })
  .describe('Measurable lesion sums (bidimensional), for the 50% decrease / 25% increase rules');

export const mdaAnatomicRowSchema = z
  .strictObject({
    modality: z.enum(['XR', 'CT', 'MRI']).describe('Plain radiograph (XR), CT or MRI'),
    newLesions: z.boolean().describe('New bone lesion at follow-up'),
    lytic: z
      .enum(['none', 'complete_fill_in', 'partial_fill_in', 'sclerotic_rim', 'unchanged', 'increased'])
      .optional()
      .describe(
        'Lytic lesions (XR/CT): none present, complete fill-in or sclerosis, partial fill-in or sclerosis, sclerotic rim, unchanged, increased in size',
      ),
    blastic: z
      .enum(['none', 'normalised', 'decreased', 'unchanged', 'increased'])
      .optional()
      .describe('Blastic lesions (XR/CT): none present, normalised, decreased, unchanged, increased'),
    tumourSignal: z
      .enum(['disappeared', 'decreased', 'unchanged', 'increased'])
      .optional()
      .describe('MRI tumour signal: disappeared, decreased, unchanged, increased'),
    measurableSum: measurableSumSchema.optional(),
  })
  .superRefine((row, context) => {
    if (row.modality === 'MRI' && (row.lytic !== undefined || row.blastic !== undefined)) {
      context.addIssue({
        code: 'custom',
        path: [row.lytic === undefined ? 'blastic' : 'lytic'],
        message: 'lytic and blastic findings belong to XR or CT rows; an MRI row uses tumourSignal',
      });
    }
    if (row.modality !== 'MRI' && row.tumourSignal !== undefined) {
      context.addIssue({ code: 'custom', path: ['tumourSignal'], message: 'tumourSignal belongs to an MRI row' });
    }
    if (
      row.lytic === undefined &&
      row.blastic === undefined &&
      row.tumourSignal === undefined &&
      row.measurableSum === undefined &&
      !row.newLesions
    ) {
      context.addIssue({
        code: 'custom',
        path: ['modality'],
        message: 'the row has no finding: give lytic, blastic, tumourSignal or measurableSum',
      });
    }
  })
  .describe('X-ray, CT or MRI row from structured reader input, follow-up against baseline');

export const mdaBoneInputSchema = z
  .strictObject({
    boneScan: mdaBoneScanRowSchema.optional(),
    anatomic: z.array(mdaAnatomicRowSchema).optional().describe('X-ray, CT and MRI rows'),
  })
  .refine((input) => input.boneScan !== undefined || (input.anatomic?.length ?? 0) > 0, {
    error: 'give at least one row: boneScan or anatomic',
    path: ['boneScan'],
  })
  .describe('MD Anderson bone response input: one follow-up against baseline');

export type MdaBoneScanRow = z.output<typeof mdaBoneScanRowSchema>;
export type MdaAnatomicRow = z.output<typeof mdaAnatomicRowSchema>;
export type MdaBoneInput = z.output<typeof mdaBoneInputSchema>;

export interface MdaRowReading {
  readonly row: 'SS' | 'XR' | 'CT' | 'MRI';
  readonly category: MdaCategory;
  /** The table row that decided the category, with its numbers. */
  readonly decidingRule: FiredRule;
  readonly percentChange: number | null;
  readonly flareToExclude: boolean;
}

export interface MdaBoneReading {
  readonly criteria: 'MDA';
  readonly category: MdaCategory;
  readonly rows: readonly MdaRowReading[];
  readonly warnings: readonly string[];
  readonly sources: readonly Citation[];
}

const mdaSources = [sources['hamaoka-2004'], sources['costelloe-2010-mda']] as const;

function rule(text: string, finding: string): FiredRule {
  return { rule: text, finding, sources: mdaSources };
}

function sumFinding(label: string, baseline: number, followUp: number, change: number): string {
  return `${label} ${baseline.toFixed(1)} → ${followUp.toFixed(1)} (${change >= 0 ? '+' : ''}${change.toFixed(1)}%)`;
}

/** The bone-scan (SS) row: PD before CR before PR before SD. */
export function readMdaBoneScanRow(row: MdaBoneScanRow): MdaRowReading {
  const { progressionIncreasePercent: pd, responseDecreasePercent: pr } = mdaThresholds;
  const change = row.uptakeSum === undefined ? null : percentChange(row.uptakeSum.baseline, row.uptakeSum.followUp);
  const sumText =
    row.uptakeSum === undefined || change === null
      ? null
      : sumFinding('uptake sum', row.uptakeSum.baseline, row.uptakeSum.followUp, change);
  const reading = (category: MdaCategory, decidingRule: FiredRule, flareToExclude = false): MdaRowReading => ({
    row: 'SS',
    category,
    decidingRule,
    percentChange: change,
    flareToExclude,
  });
  if (row.newCount > 0) {
    return reading(
      'PD',
      rule('SS PD: new lesion (after excluding flare)', `${String(row.newCount)} new hot spot(s)`),
      true,
    );
  }
  if (change !== null && sumText !== null && isAtLeast(change, pd)) {
    return reading('PD', rule(`SS PD: uptake increase ≥ ${String(pd)}% (after excluding flare)`, sumText), true);
  }
  if (row.increasedCount > 0 && change === null) {
    return reading(
      'PD',
      rule('SS PD: increased activity (after excluding flare)', `${String(row.increasedCount)} hot spot(s) increased`),
      true,
    );
  }
  if (row.baselineLesionCount === 0) {
    return reading('not_evaluable', rule('SS: no hot spot at baseline and none new', 'nothing to follow'));
  }
  if (row.resolvedCount === row.baselineLesionCount) {
    return reading(
      'CR',
      rule('SS CR: disappearance of hot spots', `all ${String(row.baselineLesionCount)} baseline hot spot(s) resolved`),
    );
  }
  if (change !== null && sumText !== null) {
    if (isAtMost(change, -pr)) return reading('PR', rule(`SS PR: uptake decrease ≥ ${String(pr)}%`, sumText));
    return reading(
      'SD',
      rule(`SS SD: uptake change between −${String(pr)}% and +${String(pd)}%, no new lesion`, sumText),
    );
  }
  if (row.decreasedCount + row.resolvedCount > 0 && row.increasedCount === 0) {
    return reading(
      'PR',
      rule(
        'SS PR: regression of lesions (exclude rapid progression on XR/CT)',
        `${String(row.decreasedCount)} decreased, ${String(row.resolvedCount)} resolved, none increased or new`,
      ),
    );
  }
  return reading(
    'SD',
    rule(
      'SS SD: no change, no new lesion',
      `${String(row.stableCount)} stable, ${String(row.decreasedCount)} decreased, ${String(row.increasedCount)} increased`,
    ),
  );
}

/** An XR, CT or MRI row: PD before CR before PR before SD. */
export function readMdaAnatomicRow(row: MdaAnatomicRow): MdaRowReading {
  const { progressionIncreasePercent: pd, responseDecreasePercent: pr } = mdaThresholds;
  const label = row.modality;
  const sum = row.measurableSum;
  const change = sum === undefined ? null : percentChange(sum.baselineMm2, sum.followUpMm2);
  const sumText =
    sum === undefined || change === null
      ? ''
      : sumFinding('sum of products of diameters', sum.baselineMm2, sum.followUpMm2, change) + ' mm²';
  const reading = (category: MdaCategory, text: string, finding: string): MdaRowReading => ({
    row: label,
    category,
    decidingRule: rule(`${label} ${category}: ${text}`, finding),
    percentChange: change,
    flareToExclude: false,
  });

  if (row.newLesions) return reading('PD', 'new lesion', 'new bone lesion reported');
  if (change !== null && isAtLeast(change, pd))
    return reading('PD', `increase ≥ ${String(pd)}% in measurable lesions`, sumText);
  if (row.lytic === 'increased') return reading('PD', 'increase in size of lytic lesion', 'lytic: increased');
  if (row.blastic === 'increased') return reading('PD', 'increase in blastic lesion', 'blastic: increased');
  if (row.tumourSignal === 'increased') return reading('PD', 'increase of tumour', 'tumour signal: increased');

  // CR: every finding given is at its complete-response level, and measurable lesions (if any) are gone.
  const lyticComplete = row.lytic === undefined || row.lytic === 'none' || row.lytic === 'complete_fill_in';
  const blasticComplete = row.blastic === undefined || row.blastic === 'none' || row.blastic === 'normalised';
  const signalComplete = row.tumourSignal === undefined || row.tumourSignal === 'disappeared';
  const sumComplete = sum === undefined || sum.followUpMm2 === 0;
  const anyLesionFinding =
    (row.lytic !== undefined && row.lytic !== 'none') ||
    (row.blastic !== undefined && row.blastic !== 'none') ||
    row.tumourSignal !== undefined ||
    sum !== undefined;
  if (anyLesionFinding && lyticComplete && blasticComplete && signalComplete && sumComplete) {
    const text =
      label === 'MRI'
        ? 'disappearance of tumour signal'
        : 'complete fill-in or sclerosis of lytic lesions, normalisation of blastic lesions';
    return reading(
      'CR',
      text,
      `lytic: ${row.lytic ?? 'n/a'}, blastic: ${row.blastic ?? 'n/a'}, signal: ${row.tumourSignal ?? 'n/a'}`,
    );
  }
  if (change !== null && isAtMost(change, -pr))
    return reading('PR', `decrease ≥ ${String(pr)}% in measurable lesions`, sumText);
  if (row.lytic === 'partial_fill_in' || row.lytic === 'sclerotic_rim' || row.lytic === 'complete_fill_in')
    return reading('PR', 'sclerotic rim or partial fill-in or sclerosis of lytic lesion', `lytic: ${row.lytic}`);
  if (row.blastic === 'decreased' || row.blastic === 'normalised')
    return reading('PR', 'decrease in blastic lesion', `blastic: ${row.blastic}`);
  if (row.tumourSignal === 'decreased' || row.tumourSignal === 'disappeared')
    return reading('PR', 'regression of measurable lesion', `tumour signal: ${row.tumourSignal}`);
  return reading(
    'SD',
    `no change (less than ${String(pr)}% decrease and less than ${String(pd)}% increase), no new lesion`,
    sumText === '' ? 'no change reported' : sumText,
  );
}

/**
 * The overall MDA category: PD when any row is PD; otherwise CR only when every evaluable row is CR;
 * otherwise PR when any row is PR; otherwise SD (the worst-row convention; Hamaoka 2004 gives the rows,
 * not how to combine them).
 */
export function combineMdaRows(rows: readonly MdaRowReading[]): MdaCategory {
  const evaluable = rows.filter((row) => row.category !== 'not_evaluable');
  if (evaluable.length === 0) return 'not_evaluable';
  if (evaluable.some((row) => row.category === 'PD')) return 'PD';
  if (evaluable.every((row) => row.category === 'CR')) return 'CR';
  if (evaluable.some((row) => row.category === 'PR')) return 'PR';
  return 'SD';
}

/** MDA bone response of one follow-up against baseline from validated rows. */
export function computeMdaBoneResponse(input: MdaBoneInput): MdaBoneReading {
  const rows: MdaRowReading[] = [];
  if (input.boneScan !== undefined) rows.push(readMdaBoneScanRow(input.boneScan));
  for (const row of input.anatomic ?? []) rows.push(readMdaAnatomicRow(row));
  const warnings: string[] = [];
  if (rows.some((row) => row.flareToExclude)) {
    warnings.push(
      'Bone-scan progression counts under MDA only after excluding flare: check the flare window and confirmation (bone-scan progression with flare).',
    );
  }
  const scan = rows.find((row) => row.row === 'SS');
  if (scan?.category === 'PR' && rows.some((row) => row.row !== 'SS' && row.category === 'PD')) {
    warnings.push(
      'Bone-scan regression with progression on XR/CT/MRI: MDA excludes SS PR when XR/CT shows rapid progression.',
    );
  }
  return { criteria: 'MDA', category: combineMdaRows(rows), rows, warnings, sources: mdaSources };
}

/** Validates `raw` (typed `invalid_input` error with every issue by path) and reads it. */
export function assessMdaBoneResponse(raw: unknown): MdaBoneReading {
  return computeMdaBoneResponse(parseInput(mdaBoneInputSchema, raw, 'MDA bone response input'));
}
