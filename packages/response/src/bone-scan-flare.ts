/**
 * Bone-scan progression with flare, for breast cancer.
 *
 * A worsening bone scan (a new hot spot, or a baseline hot spot with increased uptake) within a flare window
 * after the start of a therapy is "progression not confirmed, possible flare": a healing flare is seen
 * 3.2 ± 1.4 months after the start of hormonal therapy or chemotherapy and stabilises by 6.2 ± 3.0 months
 * (Janicek 1994; 12% of patients), possible flare was seen in 29% at weeks 8-16 (Vogel 1995), and EANM 2016
 * warns about scans less than 6 months apart. The default window is 182 days (26 weeks, about the mean +
 * 2 SD of Janicek's onset, 3.2 + 2 × 1.4 = 6.0 months); it is configurable.
 *
 * Confirmation adapts the PCWG "2+2" rule of prostate cancer (Scher 2008/2016) to breast cancer; no
 * breast-specific equivalent was found (reference note bone-scintigraphy §3.3), so this is bonemet's
 * documented adaptation, not a published breast rule: the first scan at least 6 weeks (42 days) after the
 * worsening scan confirms progression when it shows at least 2 further new lesions (new-lesion count up by
 * ≥ 2 from the worsening scan) or a persisting increase (the number of hot spots new or increased since
 * baseline has not fallen below that of the worsening scan, whereas a flare fades). Progression is dated to
 * the worsening scan (PCWG convention). A worsening scan after the window is progression at once.
 */
import { isoDateSchema, parseInput, type Citation } from '@bonemet/core';
import { z } from 'zod';
import type { FiredRule } from './reading.js';
import { sources } from './sources.js';

export const flareDefaults = Object.freeze({
  /** Flare window after a therapy start, days (26 weeks; Janicek 1994, EANM 2016 "< 6 months"). */
  flareWindowDays: 182,
  /** Confirmation scan at least 6 weeks after the worsening scan (PCWG 2+2). */
  confirmationMinDays: 42,
  /** Further new lesions needed on the confirmation scan (PCWG 2+2). */
  furtherNewLesions: 2,
});

const countSchema = z.int().min(0, { error: 'a count is 0 or more' });

export const boneScanCountsSchema = z
  .strictObject({
    date: isoDateSchema.describe('Date of the bone scan, YYYY-MM-DD'),
    newCount: countSchema.describe('Hot spots new since the baseline scan (tracked)'),
    increasedCount: countSchema.describe('Baseline hot spots with increased uptake since baseline (tracked)'),
  })
  .describe('Tracked hot-spot counts of one follow-up bone scan against the baseline scan');

export const boneScanFlareInputSchema = z
  .strictObject({
    baselineDate: isoDateSchema.describe('Date of the baseline bone scan'),
    therapyStartDate: isoDateSchema.describe('Start of the therapy line the scans follow'),
    scans: z.array(boneScanCountsSchema).min(1).describe('Follow-up bone scans in date order'),
    flareWindowDays: z
      .int()
      .min(0)
      .max(730)
      .optional()
      .describe('Flare window after the therapy start, days (default 182)'),
    confirmationMinDays: z
      .int()
      .min(1)
      .max(365)
      .optional()
      .describe('Minimum days between a worsening scan and its confirmation scan (default 42, 6 weeks)'),
  })
  .superRefine((input, context) => {
    let previous = input.baselineDate;
    input.scans.forEach((scan, index) => {
      if (scan.date <= previous)
        context.addIssue({
          code: 'custom',
          path: ['scans', index, 'date'],
          message: `dates out of order: ${scan.date} is not after ${previous}`,
        });
      previous = scan.date;
    });
  })
  .describe('Bone-scan follow-ups for progression with flare');

export type BoneScanFlareInput = z.output<typeof boneScanFlareInputSchema>;

export type BoneScanProgressionStatus =
  | 'no_progression'
  | 'progression'
  | 'progression_not_confirmed_possible_flare'
  | 'progression_confirmed'
  | 'flare_not_confirmed';

export interface BoneScanFlarePoint {
  readonly date: string;
  readonly daysFromTherapyStart: number;
  readonly withinFlareWindow: boolean;
  readonly worsening: boolean;
  readonly status: BoneScanProgressionStatus;
  readonly rule: FiredRule | null;
  /** For a worsening within the window: the scan that confirmed or refuted it. */
  readonly confirmationDate: string | null;
  /** Information: probability that the new lesions are metastatic by their count (Jacobson 1990). */
  readonly newLesionProbability: NewLesionProbability | null;
}

export interface BoneScanFlareResult {
  readonly points: readonly BoneScanFlarePoint[];
  /** Date of progression (first worsening scan of a confirmed or out-of-window progression), or null. */
  readonly progressionDate: string | null;
  readonly progressionRule: string | null;
  readonly assumptions: readonly string[];
  readonly sources: readonly Citation[];
}

export interface NewLesionProbability {
  readonly newLesionCount: number;
  readonly probabilityPercent: number;
  readonly note: string;
  readonly source: Citation;
}

// Jacobson 1990 (Weill Cornell abstract, reference note bone-scintigraphy §3.3): 1,441 scans of 242 breast
// cancer patients without known metastases; share of new abnormalities that were metastases by count.
const probabilityByCount: readonly number[] = [11, 35, 45, 50, 100];

/**
 * Probability that new bone-scan lesions are metastatic by their count (1, 2, 3, 4, ≥ 5), as information.
 * Null for 0 new lesions.
 */
export function newLesionMetastasisProbability(newLesionCount: number): NewLesionProbability | null {
  if (!Number.isInteger(newLesionCount) || newLesionCount < 1) return null;
  const percent = probabilityByCount[Math.min(newLesionCount, 5) - 1] ?? 100;
  return {
    newLesionCount,
    probabilityPercent: percent,
    note: `${newLesionCount >= 5 ? '≥ 5' : String(newLesionCount)} new abnormalit${newLesionCount === 1 ? 'y' : 'ies'}: metastatic in ${String(percent)}% in breast-cancer patients without known metastases (information only, not a response rule)`,
    source: sources['jacobson-1990'],
  };
}

const MS_PER_DAY = 86_400_000;

/** Whole days from `start` to `end` (YYYY-MM-DD, UTC). */
export function daysBetweenDates(start: string, end: string): number {
  return Math.round((Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / MS_PER_DAY);
}

const flareSources = [sources['janicek-1994'], sources['vogel-1995'], sources['scher-2016']] as const;

/** Progression with flare over validated bone-scan follow-ups. */
export function computeBoneScanFlare(input: BoneScanFlareInput): BoneScanFlareResult {
  const windowDays = input.flareWindowDays ?? flareDefaults.flareWindowDays;
  const minDays = input.confirmationMinDays ?? flareDefaults.confirmationMinDays;
  const further = flareDefaults.furtherNewLesions;
  let progressionDate: string | null = null;
  let progressionRule: string | null = null;

  const points = input.scans.map((scan, index): BoneScanFlarePoint => {
    const daysFromStart = daysBetweenDates(input.therapyStartDate, scan.date);
    const within = daysFromStart >= 0 && daysFromStart <= windowDays;
    const worsening = scan.newCount > 0 || scan.increasedCount > 0;
    const worseningText = `${String(scan.newCount)} new, ${String(scan.increasedCount)} increased since baseline; day ${String(daysFromStart)} of therapy`;
    const base = {
      date: scan.date,
      daysFromTherapyStart: daysFromStart,
      withinFlareWindow: within,
      worsening,
      newLesionProbability: newLesionMetastasisProbability(scan.newCount),
    };
    if (!worsening) return { ...base, status: 'no_progression', rule: null, confirmationDate: null };
    if (!within) {
      const rule = `Progression: worsening bone scan outside the ${String(windowDays)}-day flare window`;
      if (progressionDate === null) {
        progressionDate = scan.date;
        progressionRule = rule;
      }
      return {
        ...base,
        status: 'progression',
        rule: { rule, finding: worseningText, sources: [sources['hamaoka-2004'], sources['janicek-1994']] },
        confirmationDate: null,
      };
    }
    const confirmation = input.scans
      .slice(index + 1)
      .find((later) => daysBetweenDates(scan.date, later.date) >= minDays);
    if (confirmation === undefined) {
      return {
        ...base,
        status: 'progression_not_confirmed_possible_flare',
        rule: {
          rule: `Worsening within ${String(windowDays)} days of the therapy start: progression not confirmed, possible flare; confirm with a scan ≥ ${String(minDays)} days later`,
          finding: worseningText,
          sources: flareSources,
        },
        confirmationDate: null,
      };
    }
    const furtherNew = confirmation.newCount - scan.newCount;
    const worsenedNow = confirmation.newCount + confirmation.increasedCount;
    const worsenedThen = scan.newCount + scan.increasedCount;
    const confirmFinding = `${confirmation.date}: ${String(furtherNew)} further new lesion(s); new or increased ${String(worsenedThen)} → ${String(worsenedNow)}`;
    if (furtherNew >= further || worsenedNow >= worsenedThen) {
      const rule = `Progression confirmed (2+2 adapted): ≥ ${String(further)} further new lesions or persisting increase on a scan ≥ ${String(minDays)} days later; dated to the first worsening scan`;
      if (progressionDate === null) {
        progressionDate = scan.date;
        progressionRule = rule;
      }
      return {
        ...base,
        status: 'progression_confirmed',
        rule: { rule, finding: `${worseningText}; ${confirmFinding}`, sources: flareSources },
        confirmationDate: confirmation.date,
      };
    }
    return {
      ...base,
      status: 'flare_not_confirmed',
      rule: {
        rule: `Not confirmed: fewer than ${String(further)} further new lesions and the increase did not persist (flare)`,
        finding: `${worseningText}; ${confirmFinding}`,
        sources: flareSources,
      },
      confirmationDate: confirmation.date,
    };
  });
  return {
    points,
    progressionDate,
    progressionRule,
    assumptions: [
      `Flare window ${String(windowDays)} days after the therapy start (default 182: Janicek 1994 onset 3.2 ± 1.4 months, EANM 2016 "< 6 months"; a synthesis, not a published rule).`,
      'The PCWG 2+2 rule is for prostate cancer; bonemet adapts it to breast cancer (≥ 2 further new lesions or persisting increase ≥ 6 weeks later).',
      'Counts are relative to the baseline scan; "persisting increase" means the number of hot spots new or increased since baseline has not fallen.',
    ],
    sources: [...flareSources, sources['jacobson-1990']],
  };
}

/** Validates `raw` (typed `invalid_input` error with every issue by path) and reads it. */
export function assessBoneScanFlare(raw: unknown): BoneScanFlareResult {
  return computeBoneScanFlare(parseInput(boneScanFlareInputSchema, raw, 'bone-scan flare input'));
}
