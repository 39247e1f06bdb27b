import { isAtLeast, isAtMost, isGreaterThan, type Citation } from '@bonemet/core';
import type { PetLesion, PetTimePoint } from './pet-time-point.js';
import type { QualityGate, ReferenceRegion } from './quality-gates.js';
import {
  changeMeasure,
  describeChange,
  lesionMeasure,
  sameTrackedLesion,
  type ChangeMeasure,
  type FiredRule,
  type LesionMeasure,
} from './reading.js';
import { assessResidualUptake, type ResidualUptakeStatus } from './residual-uptake.js';
import { sources } from './sources.js';
import { hottestLesion, hottestLesionsForSum } from './target-lesions.js';
import { percentChange, percistThresholds } from './thresholds.js';

export type PercistCategory = 'CMR' | 'PMR' | 'SMD' | 'PMD' | 'not_evaluable';

export const percistCategoryLabels: Readonly<Record<PercistCategory, string>> = Object.freeze({
  CMR: 'complete metabolic response',
  PMR: 'partial metabolic response',
  SMD: 'stable metabolic disease',
  PMD: 'progressive metabolic disease',
  not_evaluable: 'not evaluable by PERCIST',
});

/** How the PMD cut-offs compare: strict (> 30% and > 0.8 SUL, Wahl 2009 wording) or inclusive (≥). */
export type ProgressionComparison = 'strict' | 'inclusive';

export interface PercistOptions {
  readonly referenceRegion: ReferenceRegion;
  readonly progressionComparison: ProgressionComparison;
  /** RECIST 1.1 (anatomic) progression at follow-up: true, false, or null when not known. */
  readonly anatomicProgression: boolean | null;
  /** Reader-reported unequivocal progression of non-target lesions or visible increase in extent. */
  readonly unequivocalProgression: boolean | null;
}

export interface Measurability {
  readonly referenceRegion: ReferenceRegion;
  /** The formula with its numbers, e.g. "1.5 × 2.00 + 2 × 0.30 = 3.60 SUL". */
  readonly thresholdFormula: string;
  readonly thresholdSul: number;
  readonly baselineHottest: LesionMeasure | null;
  readonly measurable: boolean;
}

export interface Confirmation {
  readonly required: boolean;
  readonly reason: string | null;
}

export interface PercistReading {
  readonly criteria: 'PERCIST 1.0';
  readonly category: PercistCategory;
  readonly categoryLabel: string;
  /** Progression still to be confirmed, or a response to verify, with the reason. */
  readonly confirmation: Confirmation;
  readonly measurability: Measurability;
  /** Primary measure: SULpeak of the hottest lesion on each scan (not necessarily the same lesion). */
  readonly target: ChangeMeasure & {
    readonly baselineLesion: LesionMeasure | null;
    readonly followUpLesion: LesionMeasure | null;
    /** True or false when both lesions carry a tracking id; null when that is not known. */
    readonly sameLesion: boolean | null;
  };
  /** Secondary measure: sum of SULpeak of up to 5 hottest lesions, at most 2 per organ; TLG of the same lesions. */
  readonly sumOfHottest: {
    readonly baselineLesionIds: readonly string[];
    readonly followUpLesionIds: readonly string[];
    readonly sulPeak: ChangeMeasure;
    readonly tlg: ChangeMeasure;
  };
  readonly newLesionIds: readonly string[];
  readonly residualUptake: ResidualUptakeStatus;
  readonly rules: readonly FiredRule[];
  readonly warnings: readonly string[];
  readonly sources: readonly Citation[];
}

const percistSources = [sources['wahl-2009'], sources['costelloe-2010']] as const;

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

// PERCIST 1.0 measurability (Wahl 2009 via the PMOD PSEG manual): SULpeak ≥ 1.5 × liver SULmean + 2 × SD,
// or with an abnormal liver ≥ 2.0 × blood-pool SULmean + 2 × SD.
export function measurabilityThreshold(
  baseline: PetTimePoint,
  region: ReferenceRegion,
): { thresholdSul: number; thresholdFormula: string } {
  const { liverMeanFactor, liverSdFactor, bloodPoolMeanFactor, bloodPoolSdFactor } = percistThresholds;
  if (region === 'liver') {
    const { sulMean, sulSd } = baseline.liver;
    const thresholdSul = liverMeanFactor * sulMean + liverSdFactor * sulSd;
    return {
      thresholdSul,
      thresholdFormula: `${liverMeanFactor} × liver SULmean ${sulMean.toFixed(2)} + ${liverSdFactor} × SD ${sulSd.toFixed(2)} = ${thresholdSul.toFixed(2)} SUL`,
    };
  }
  const bloodPool = baseline.bloodPool;
  if (bloodPool === undefined) {
    // The input schema refuses a blood-pool reading without blood-pool data; this is a programming error.
    throw new Error('blood-pool reference region requested without baseline blood-pool data');
  }
  const thresholdSul = bloodPoolMeanFactor * bloodPool.sulMean + bloodPoolSdFactor * bloodPool.sulSd;
  return {
    thresholdSul,
    thresholdFormula: `${bloodPoolMeanFactor.toFixed(1)} × blood-pool SULmean ${bloodPool.sulMean.toFixed(2)} + ${bloodPoolSdFactor} × SD ${bloodPool.sulSd.toFixed(2)} = ${thresholdSul.toFixed(2)} SUL`,
  };
}

/** Tracked lesions (same tracking id at both time points) whose SULpeak rose by more than 30%. */
function otherLesionsRisingOver30Percent(baseline: PetTimePoint, followUp: PetTimePoint): string[] {
  const byTrackingId = new Map<string, PetLesion>();
  for (const lesion of baseline.lesions)
    if (lesion.trackingId !== undefined) byTrackingId.set(lesion.trackingId, lesion);
  const rising: string[] = [];
  for (const lesion of followUp.lesions) {
    if (lesion.trackingId === undefined) continue;
    const before = byTrackingId.get(lesion.trackingId);
    if (before === undefined) continue;
    const change = percentChange(before.sulPeak, lesion.sulPeak);
    if (change !== null && isGreaterThan(change, percistThresholds.otherLesionIncreasePercent)) {
      rising.push(
        `${lesion.trackingId} ${before.sulPeak.toFixed(2)} → ${lesion.sulPeak.toFixed(2)} SUL (+${change.toFixed(1)}%)`,
      );
    }
  }
  return rising;
}

/** Whether a change meets the PERCIST PMD cut-offs (percent and SUL units, strict or inclusive). */
export function meetsProgression(target: ChangeMeasure, comparison: ProgressionComparison): boolean {
  const { absoluteChange, percentChange: changePercent } = target;
  if (absoluteChange === null || changePercent === null) return false;
  const { progressionPercent, progressionSul } = percistThresholds;
  return comparison === 'strict'
    ? isGreaterThan(changePercent, progressionPercent) && isGreaterThan(absoluteChange, progressionSul)
    : isAtLeast(changePercent, progressionPercent) && isAtLeast(absoluteChange, progressionSul);
}

function meetsResponse(target: ChangeMeasure): boolean {
  const { absoluteChange, percentChange: changePercent } = target;
  if (absoluteChange === null || changePercent === null) return false;
  return (
    isAtMost(changePercent, -percistThresholds.responsePercent) &&
    isAtMost(absoluteChange, -percistThresholds.responseSul)
  );
}

/**
 * PERCIST 1.0 reading of baseline against one follow-up (Wahl 2009; categories as reproduced in Costelloe
 * 2010 Table 3). `gates` are the comparability gates already evaluated: a failed gate whose consequence is
 * `not_evaluable` stops the quantitative rules.
 */
export function readPercist(
  baseline: PetTimePoint,
  followUp: PetTimePoint,
  options: PercistOptions,
  gates: readonly QualityGate[],
): PercistReading {
  const warnings: string[] = [];
  const rules: FiredRule[] = [];
  const sul = (lesion: PetLesion): number => lesion.sulPeak;

  // Measurability at baseline.
  const { thresholdSul, thresholdFormula } = measurabilityThreshold(baseline, options.referenceRegion);
  const baselineHottest = hottestLesion(baseline.lesions);
  const measurable = baselineHottest !== null && isAtLeast(baselineHottest.sulPeak, thresholdSul);
  const measurability: Measurability = {
    referenceRegion: options.referenceRegion,
    thresholdFormula,
    thresholdSul,
    baselineHottest: lesionMeasure(baselineHottest, sul),
    measurable,
  };

  // Primary measure: the hottest lesion on each scan.
  const followUpHottest = hottestLesion(followUp.lesions);
  const baselineLesion = lesionMeasure(baselineHottest, sul);
  const followUpLesion = lesionMeasure(followUpHottest, sul);
  const targetChange = changeMeasure('SUL', baselineLesion?.value ?? null, followUpLesion?.value ?? null);
  const target = {
    ...targetChange,
    baselineLesion,
    followUpLesion,
    sameLesion: sameTrackedLesion(baselineLesion, followUpLesion),
  };
  if (target.sameLesion === false) {
    warnings.push(
      `The hottest lesion differs between scans (baseline ${baselineLesion?.lesionId ?? ''}, follow-up ${followUpLesion?.lesionId ?? ''}): PERCIST compares the hottest lesion of each scan, as intended.`,
    );
  }

  // Secondary measure: up to 5 hottest lesions, at most 2 per organ.
  const baselineSum = hottestLesionsForSum(baseline.lesions);
  const followUpSum = hottestLesionsForSum(followUp.lesions);
  const sumOfHottest = {
    baselineLesionIds: baselineSum.map((lesion) => lesion.id),
    followUpLesionIds: followUpSum.map((lesion) => lesion.id),
    sulPeak: changeMeasure('SUL', sum(baselineSum.map(sul)), sum(followUpSum.map(sul))),
    tlg: changeMeasure('g', sum(baselineSum.map((lesion) => lesion.tlg)), sum(followUpSum.map((lesion) => lesion.tlg))),
  };

  const newLesions = followUp.lesions.filter((lesion) => lesion.new === true);
  const residual = assessResidualUptake(followUp);

  // Comparability: a failed gate that makes the pair not evaluable stops the quantitative rules.
  const blockingGates = gates.filter((gate) => gate.status === 'fail' && gate.onFailure === 'not_evaluable');
  for (const gate of blockingGates) {
    rules.push({
      rule: `Comparability: ${gate.requirement}; otherwise the SUL comparison is not evaluable`,
      finding: gate.finding,
      sources: gate.sources,
    });
  }
  const quantitative = blockingGates.length === 0 && measurable;
  if (!measurable) {
    rules.push({
      rule: `Measurability: the hottest baseline lesion needs SULpeak ≥ ${thresholdFormula}`,
      finding:
        baselineHottest === null
          ? 'no lesion at baseline'
          : `hottest baseline lesion ${baselineHottest.id} SULpeak ${baselineHottest.sulPeak.toFixed(2)} < ${thresholdSul.toFixed(2)} SUL: not measurable`,
      sources: [sources['wahl-2009'], sources['o-2016']],
    });
  }

  // PMD rules.
  const progression: FiredRule[] = [];
  if (newLesions.length > 0) {
    progression.push({
      rule: 'PMD: new FDG-avid lesions typical of cancer',
      finding: `new lesion${newLesions.length === 1 ? '' : 's'}: ${newLesions.map((lesion) => lesion.id).join(', ')}`,
      sources: percistSources,
    });
  }
  if (quantitative && meetsProgression(target, options.progressionComparison)) {
    const sign = options.progressionComparison === 'strict' ? '>' : '≥';
    progression.push({
      rule: `PMD: hottest lesion SULpeak increase ${sign} ${percistThresholds.progressionPercent}% and ${sign} ${percistThresholds.progressionSul} SUL units`,
      finding: describeChange(target),
      sources: percistSources,
    });
  }
  const tlgChange = sumOfHottest.tlg.percentChange;
  if (quantitative && tlgChange !== null && isGreaterThan(tlgChange, percistThresholds.tlgIncreasePercent)) {
    progression.push({
      rule: `PMD: > ${percistThresholds.tlgIncreasePercent}% increase in TLG of the 5 most active lesions (visible increase in extent)`,
      finding: describeChange(sumOfHottest.tlg, 1),
      sources: [sources['costelloe-2010']],
    });
  }
  if (options.unequivocalProgression === true) {
    progression.push({
      rule: 'PMD: unequivocal progression of non-target lesions or visible increase in extent of FDG uptake',
      finding: 'reported by the reader',
      sources: percistSources,
    });
  }

  let category: PercistCategory;
  let confirmation: Confirmation = { required: false, reason: null };
  if (progression.length > 0) {
    category = 'PMD';
    rules.push(...progression);
    // Except for new lesions, PMD is confirmed by a follow-up study (about 1 month) unless anatomic
    // criteria also show progression (reference note §1.1; wording from secondary copies and memory).
    if (newLesions.length === 0 && options.anatomicProgression !== true) {
      confirmation = {
        required: true,
        reason:
          options.anatomicProgression === false
            ? 'progression without new lesions while anatomic (RECIST) criteria do not show progression: confirm with a follow-up PET in about 1 month'
            : 'progression without new lesions and anatomic (RECIST) status not given: confirm with a follow-up PET in about 1 month unless RECIST shows progression',
      };
    }
  } else if (!quantitative) {
    category = 'not_evaluable';
  } else if (residual.status === 'resolved') {
    category = 'CMR';
    rules.push({
      rule: 'CMR: uptake in the target lesion below mean liver activity and at blood-pool level; all other lesions at blood-pool level; no new lesions',
      finding: residual.finding,
      sources: percistSources,
    });
  } else if (meetsResponse(target)) {
    const rising = otherLesionsRisingOver30Percent(baseline, followUp);
    if (rising.length === 0) {
      category = 'PMR';
      rules.push({
        rule: `PMR: hottest lesion SULpeak decrease ≥ ${percistThresholds.responsePercent}% and ≥ ${percistThresholds.responseSul} SUL units; no other lesion up > 30%; no new lesions`,
        finding: describeChange(target),
        sources: percistSources,
      });
    } else {
      category = 'SMD';
      rules.push({
        rule: `PMR withheld: no other lesion may rise by more than ${percistThresholds.otherLesionIncreasePercent}% in SUL`,
        finding: `target ${describeChange(target)}; rising: ${rising.join('; ')}`,
        sources: percistSources,
      });
    }
  } else {
    category = 'SMD';
    rules.push({
      rule: 'SMD: neither CMR, PMR nor PMD',
      finding: describeChange(target),
      sources: percistSources,
    });
  }

  if (residual.status === 'unverifiable' && category !== 'PMD') {
    warnings.push(`Complete metabolic response could not be assessed: ${residual.finding}.`);
  }
  if ((category === 'CMR' || category === 'PMR') && options.anatomicProgression === true) {
    confirmation = {
      required: true,
      reason:
        'metabolic response while anatomic (RECIST) criteria show progression: verify with a follow-up study in about 1 month',
    };
  }
  if (category === 'not_evaluable' && newLesions.length === 0 && !measurable) {
    warnings.push('PERCIST needs a measurable lesion at baseline; only new lesions can still show progression.');
  }

  return {
    criteria: 'PERCIST 1.0',
    category,
    categoryLabel: percistCategoryLabels[category],
    confirmation,
    measurability,
    target,
    sumOfHottest,
    newLesionIds: newLesions.map((lesion) => lesion.id),
    residualUptake: residual.status,
    rules,
    warnings,
    sources: [sources['wahl-2009'], sources['o-2016'], sources['costelloe-2010']],
  };
}
