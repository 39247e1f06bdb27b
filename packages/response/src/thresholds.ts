/**
 * Response-criteria cut-offs as data, and percent change. Values at a cut-off are compared with the
 * floating-point-tolerant comparisons of @bonemet/core (`isAtLeast`, `isGreaterThan`, ...).
 */

/** Percent change from `baseline` to `followUp`, or null when the baseline is 0 (no ratio exists). */
export function percentChange(baseline: number, followUp: number): number | null {
  if (baseline === 0) return null;
  return (100 * (followUp - baseline)) / baseline;
}

// PERCIST 1.0 (Wahl 2009), as reproduced in Costelloe 2010 Table 3, Wikipedia (oldid 714520181) and the
// PMOD PSEG manual; the primary text was not retrieved.
export const percistThresholds = Object.freeze({
  /** Measurable at baseline: SULpeak ≥ 1.5 × liver SULmean + 2 × liver SD. */
  liverMeanFactor: 1.5,
  liverSdFactor: 2,
  /** Blood-pool alternative: SULpeak ≥ 2.0 × blood-pool SULmean + 2 × SD (PMOD PSEG manual). */
  bloodPoolMeanFactor: 2,
  bloodPoolSdFactor: 2,
  /** PMR: decrease of at least 30% and at least 0.8 SUL units of the hottest lesion SULpeak. */
  responsePercent: 30,
  responseSul: 0.8,
  /** PMD: increase of more than 30% and more than 0.8 SUL units (Wahl 2009 wording: "> 30%", "> 0.8"). */
  progressionPercent: 30,
  progressionSul: 0.8,
  /** PMR is withheld when another lesion's SULpeak rises by more than 30%. */
  otherLesionIncreasePercent: 30,
  /** PMD by extent: > 75% increase in TLG of the 5 most active lesions (Costelloe 2010 Table 3). */
  tlgIncreasePercent: 75,
  /** Secondary measure: up to 5 hottest lesions, no more than 2 per organ. */
  maxSumLesions: 5,
  maxSumLesionsPerOrgan: 2,
});

// PERCIST 1.0 comparability conditions as the reference note gives them (marked unverified there):
// follow-up uptake time within 15 min of baseline, liver SULmean within 20% and < 0.3 SUL units,
// uptake 50-70 min (target 60), same scanner.
export const percistQualityThresholds = Object.freeze({
  uptakeTimeDifferenceMaxMin: 15,
  referenceChangeMaxPercent: 20,
  /** Strict: the absolute change must be below 0.3 SUL units. */
  referenceChangeBelowSul: 0.3,
  uptakeWindowMinMin: 50,
  uptakeWindowMaxMin: 70,
});

// EORTC 1999 (Young 1999) as reproduced in PMC7046919 Table 6 and PMC7669926 Table 2.
export const eortcThresholds = Object.freeze({
  /** PMR after one cycle: decrease of 15% or more (the 15-25% band and beyond). */
  responseAfterOneCyclePercent: 15,
  /** PMR after more than one cycle: decrease of more than 25%. */
  responseAfterMoreCyclesPercent: 25,
  /** PMD: increase of more than 25%. */
  progressionPercent: 25,
});
