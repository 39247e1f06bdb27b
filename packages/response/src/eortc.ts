import { isAtMost, isGreaterThan, isLessThan, type Citation } from '@bonemet/core';
import type { PetLesion, PetTimePoint } from './pet-time-point.js';
import {
  changeMeasure,
  describeChange,
  lesionMeasure,
  type ChangeMeasure,
  type FiredRule,
  type LesionMeasure,
} from './reading.js';
import { assessResidualUptake } from './residual-uptake.js';
import { sources } from './sources.js';
import { hottestLesion } from './target-lesions.js';
import { eortcThresholds } from './thresholds.js';

export type EortcCategory = 'CMR' | 'PMR' | 'SMD' | 'PMD' | 'not_evaluable';

export const eortcCategoryLabels: Readonly<Record<EortcCategory, string>> = Object.freeze({
  CMR: 'complete metabolic response',
  PMR: 'partial metabolic response',
  SMD: 'stable metabolic disease',
  PMD: 'progressive metabolic disease',
  not_evaluable: 'not evaluable by EORTC 1999',
});

export interface EortcReading {
  readonly criteria: 'EORTC 1999';
  readonly category: EortcCategory;
  readonly categoryLabel: string;
  /** SUVmax (SUVbw) of the hottest lesion on each scan. */
  readonly target: ChangeMeasure & {
    readonly baselineLesion: LesionMeasure | null;
    readonly followUpLesion: LesionMeasure | null;
  };
  /** Treatment cycles between the scans, as given; null when not given. */
  readonly treatmentCycles: number | null;
  /** The PMR rule applied, e.g. "decrease ≥ 15% (after one cycle)". */
  readonly responseRule: string;
  readonly newLesionIds: readonly string[];
  readonly rules: readonly FiredRule[];
  readonly warnings: readonly string[];
  readonly sources: readonly Citation[];
}

const eortcSources = [sources['young-1999']] as const;

/**
 * EORTC 1999 PET response (Young 1999, categories as reproduced in PMC7046919 Table 6 and PMC7669926
 * Table 2): PMR a 15-25% SUV decrease after one cycle or > 25% after more than one; PMD an increase
 * > 25%, or new FDG-avid metastases; SMD in between; CMR complete resolution to background.
 *
 * EORTC names neither the lesions nor the SUV statistic; this reading uses the SUVmax (SUVbw) of the
 * hottest lesion on each scan, mirroring the PERCIST primary measure. The "> 20% increase in longest
 * dimension" PMD rule needs a diameter, which a quantified PET time point does not carry.
 */
export function readEortc(
  baseline: PetTimePoint,
  followUp: PetTimePoint,
  treatmentCycles: number | null,
): EortcReading {
  const warnings: string[] = [];
  const rules: FiredRule[] = [];
  const suvmax = (lesion: PetLesion): number => lesion.suvmax;
  const baselineLesion = lesionMeasure(hottestLesion(baseline.lesions, suvmax), suvmax);
  const followUpLesion = lesionMeasure(hottestLesion(followUp.lesions, suvmax), suvmax);
  const target = {
    ...changeMeasure('SUVbw', baselineLesion?.value ?? null, followUpLesion?.value ?? null),
    baselineLesion,
    followUpLesion,
  };
  const newLesions = followUp.lesions.filter((lesion) => lesion.new === true);
  const change = target.percentChange;

  const afterOneCycle = treatmentCycles === 1;
  const responseRule = afterOneCycle
    ? `decrease ≥ ${eortcThresholds.responseAfterOneCyclePercent}% (after one cycle)`
    : `decrease > ${eortcThresholds.responseAfterMoreCyclesPercent}% (after more than one cycle${treatmentCycles === null ? '; cycles not given' : ''})`;

  const progression: FiredRule[] = [];
  if (newLesions.length > 0) {
    progression.push({
      rule: 'PMD: new FDG-avid metastases',
      finding: `new lesion${newLesions.length === 1 ? '' : 's'}: ${newLesions.map((lesion) => lesion.id).join(', ')}`,
      sources: eortcSources,
    });
  }
  if (change !== null && isGreaterThan(change, eortcThresholds.progressionPercent)) {
    progression.push({
      rule: `PMD: SUV increase > ${eortcThresholds.progressionPercent}%`,
      finding: `hottest lesion SUVmax ${describeChange(target)}`,
      sources: eortcSources,
    });
  }

  let category: EortcCategory;
  if (progression.length > 0) {
    category = 'PMD';
    rules.push(...progression);
  } else if (baselineLesion === null || baselineLesion.value === 0) {
    category = 'not_evaluable';
    rules.push({
      rule: 'A baseline tumour with FDG uptake is needed to measure a change',
      finding: baselineLesion === null ? 'no lesion at baseline' : `baseline SUVmax of ${baselineLesion.lesionId} is 0`,
      sources: eortcSources,
    });
  } else {
    const residual = assessResidualUptake(followUp);
    const responded =
      change !== null &&
      (afterOneCycle
        ? isAtMost(change, -eortcThresholds.responseAfterOneCyclePercent)
        : isLessThan(change, -eortcThresholds.responseAfterMoreCyclesPercent));
    if (residual.status === 'resolved') {
      category = 'CMR';
      rules.push({
        rule: 'CMR: complete resolution of FDG uptake, indistinguishable from surrounding normal tissue',
        finding: residual.finding,
        sources: eortcSources,
      });
    } else if (responded) {
      category = 'PMR';
      rules.push({
        rule: `PMR: SUV ${responseRule}`,
        finding: `hottest lesion SUVmax ${describeChange(target)}`,
        sources: eortcSources,
      });
    } else {
      category = 'SMD';
      rules.push({
        rule: `SMD: neither CMR (complete resolution), PMR (${responseRule}) nor PMD (increase > ${eortcThresholds.progressionPercent}% or new lesions)`,
        finding: `hottest lesion SUVmax ${describeChange(target)}`,
        sources: eortcSources,
      });
      if (
        treatmentCycles === null &&
        change !== null &&
        isAtMost(change, -eortcThresholds.responseAfterOneCyclePercent)
      ) {
        warnings.push(
          `EORTC: the SUVmax decrease of ${(-change).toFixed(1)}% would be a partial metabolic response if the follow-up came after one treatment cycle (≥ 15%); give the number of cycles.`,
        );
      }
    }
    if (residual.status === 'unverifiable') {
      warnings.push(`EORTC complete response could not be assessed: ${residual.finding}.`);
    }
  }

  return {
    criteria: 'EORTC 1999',
    category,
    categoryLabel: eortcCategoryLabels[category],
    target,
    treatmentCycles,
    responseRule,
    newLesionIds: newLesions.map((lesion) => lesion.id),
    rules,
    warnings,
    sources: eortcSources,
  };
}
