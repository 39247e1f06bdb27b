import { isAtMost, isGreaterThan, isLessThan, type Citation } from '@bonemet/core';
import type { PetTimePoint } from './pet-time-point.js';
import { sources } from './sources.js';
import { percentChange, percistQualityThresholds } from './thresholds.js';

export type GateStatus = 'pass' | 'fail' | 'unknown';

/** What a failed gate does to the PERCIST reading: makes it not evaluable, or only flags it. */
export type GateConsequence = 'not_evaluable' | 'flag';

export type ReferenceRegion = 'liver' | 'blood_pool';

export interface QualityGate {
  readonly id: 'uptake_time_difference' | 'reference_stability' | 'same_scanner';
  readonly title: string;
  /** The requirement, with its numbers. */
  readonly requirement: string;
  readonly status: GateStatus;
  /** What was measured, with the numbers, or why the gate could not be checked. */
  readonly finding: string;
  readonly onFailure: GateConsequence;
  readonly baseline: number | string | null;
  readonly followUp: number | string | null;
  /** Follow-up minus baseline, in `unit`, where a number applies. */
  readonly absoluteChange: number | null;
  readonly percentChange: number | null;
  readonly unit: string;
  readonly sources: readonly Citation[];
}

const gateSources = [sources['wahl-2009'], sources['o-2016']] as const;

function formatNumber(value: number, digits: number): string {
  return value.toFixed(digits);
}

function signed(value: number, digits: number): string {
  return `${value >= 0 ? '+' : ''}${value.toFixed(digits)}`;
}

// PERCIST 1.0: follow-up uptake time within 15 min of the baseline one, ideally (reference note §1.1, from
// memory of Wahl 2009, unverified). The wording is "ideally", so a failure flags the result only.
export function uptakeTimeGate(baseline: PetTimePoint, followUp: PetTimePoint): QualityGate {
  const limit = percistQualityThresholds.uptakeTimeDifferenceMaxMin;
  const common = {
    id: 'uptake_time_difference',
    title: 'Uptake time difference',
    requirement: `follow-up uptake time within ${limit} min of baseline (ideally)`,
    onFailure: 'flag',
    unit: 'min',
    sources: gateSources,
    percentChange: null,
  } as const;
  if (baseline.uptakeTimeMin === undefined || followUp.uptakeTimeMin === undefined) {
    const missing = [
      baseline.uptakeTimeMin === undefined ? 'baseline' : null,
      followUp.uptakeTimeMin === undefined ? 'follow-up' : null,
    ]
      .filter((name) => name !== null)
      .join(' and ');
    return {
      ...common,
      status: 'unknown',
      finding: `uptake time not given for ${missing}`,
      baseline: baseline.uptakeTimeMin ?? null,
      followUp: followUp.uptakeTimeMin ?? null,
      absoluteChange: null,
    };
  }
  const change = followUp.uptakeTimeMin - baseline.uptakeTimeMin;
  const pass = isAtMost(Math.abs(change), limit);
  return {
    ...common,
    status: pass ? 'pass' : 'fail',
    finding: `baseline ${formatNumber(baseline.uptakeTimeMin, 0)} min, follow-up ${formatNumber(followUp.uptakeTimeMin, 0)} min: difference ${signed(change, 0)} min (${pass ? 'within' : 'more than'} ${limit} min)`,
    baseline: baseline.uptakeTimeMin,
    followUp: followUp.uptakeTimeMin,
    absoluteChange: change,
  };
}

// PERCIST 1.0: the reference SULmean at follow-up within 20% (and < 0.3 SUL units) of baseline for the
// pair to be evaluable (reference note §1.1, from memory of Wahl 2009, unverified). Applied to the region
// the measurability threshold uses: the liver, or the blood pool when the liver is abnormal.
export function referenceStabilityGate(
  baseline: PetTimePoint,
  followUp: PetTimePoint,
  region: ReferenceRegion,
): QualityGate {
  const { referenceChangeMaxPercent: maxPercent, referenceChangeBelowSul: belowSul } = percistQualityThresholds;
  const regionName = region === 'liver' ? 'Liver' : 'Blood-pool';
  const common = {
    id: 'reference_stability',
    title: `${regionName} SULmean stability`,
    requirement: `${regionName.toLowerCase()} SULmean at follow-up within ${maxPercent}% and less than ${belowSul} SUL units of baseline`,
    onFailure: 'not_evaluable',
    unit: 'SUL',
    sources: gateSources,
  } as const;
  const baselineMean = region === 'liver' ? baseline.liver.sulMean : baseline.bloodPool?.sulMean;
  const followUpMean = region === 'liver' ? followUp.liver.sulMean : followUp.bloodPool?.sulMean;
  if (baselineMean === undefined || followUpMean === undefined) {
    return {
      ...common,
      status: 'unknown',
      finding: 'blood-pool SULmean not given for both time points',
      baseline: baselineMean ?? null,
      followUp: followUpMean ?? null,
      absoluteChange: null,
      percentChange: null,
    };
  }
  const change = followUpMean - baselineMean;
  // Both means are > 0 (schema), so the percent change exists.
  const changePercent = percentChange(baselineMean, followUpMean) ?? 0;
  const withinPercent = isAtMost(Math.abs(changePercent), maxPercent);
  const withinSul = isLessThan(Math.abs(change), belowSul);
  const pass = withinPercent && withinSul;
  const reasons: string[] = [];
  if (!withinPercent) reasons.push(`more than ${maxPercent}%`);
  if (!withinSul) reasons.push(`not less than ${belowSul} SUL units`);
  return {
    ...common,
    status: pass ? 'pass' : 'fail',
    finding: `baseline ${formatNumber(baselineMean, 2)}, follow-up ${formatNumber(followUpMean, 2)} SUL: change ${signed(change, 2)} SUL (${signed(changePercent, 1)}%)${pass ? '' : `: ${reasons.join(' and ')}`}`,
    baseline: baselineMean,
    followUp: followUpMean,
    absoluteChange: change,
    percentChange: changePercent,
  };
}

// PERCIST 1.0: "Same scanner, or same scanner model at same site, ... should be used" (quoted in the
// reference note from a secondary copy). A recommendation, so a different scanner flags the result only.
export function sameScannerGate(baseline: PetTimePoint, followUp: PetTimePoint): QualityGate {
  const common = {
    id: 'same_scanner',
    title: 'Same scanner',
    requirement: 'the same scanner (or the same model at the same site) at both time points (recommended)',
    onFailure: 'flag',
    unit: '',
    sources: gateSources,
    absoluteChange: null,
    percentChange: null,
    baseline: baseline.scannerId ?? null,
    followUp: followUp.scannerId ?? null,
  } as const;
  if (baseline.scannerId === undefined || followUp.scannerId === undefined) {
    return { ...common, status: 'unknown', finding: 'scanner id not given for both time points' };
  }
  const pass = baseline.scannerId.trim() === followUp.scannerId.trim();
  return {
    ...common,
    status: pass ? 'pass' : 'fail',
    finding: pass
      ? `same scanner: ${baseline.scannerId}`
      : `different scanners: baseline ${baseline.scannerId}, follow-up ${followUp.scannerId}`,
  };
}

/** The three PERCIST comparability gates, in a fixed order. */
export function evaluateQualityGates(
  baseline: PetTimePoint,
  followUp: PetTimePoint,
  region: ReferenceRegion,
): QualityGate[] {
  return [
    uptakeTimeGate(baseline, followUp),
    referenceStabilityGate(baseline, followUp, region),
    sameScannerGate(baseline, followUp),
  ];
}

/**
 * Warnings for uptake times outside 50-70 min (PERCIST 1.0 target 60 min; reference note §1.1, from
 * memory of Wahl 2009, unverified). Informational: they do not change the category.
 */
export function uptakeWindowWarnings(baseline: PetTimePoint, followUp: PetTimePoint): string[] {
  const { uptakeWindowMinMin: low, uptakeWindowMaxMin: high } = percistQualityThresholds;
  const warnings: string[] = [];
  for (const [name, timePoint] of [
    ['Baseline', baseline],
    ['Follow-up', followUp],
  ] as const) {
    const uptake = timePoint.uptakeTimeMin;
    if (uptake !== undefined && (isLessThan(uptake, low) || isGreaterThan(uptake, high))) {
      warnings.push(
        `${name} uptake time ${formatNumber(uptake, 0)} min is outside the ${low}-${high} min window PERCIST 1.0 asks for (target 60 min).`,
      );
    }
  }
  return warnings;
}
