import type { Citation } from '@bonemet/core';
import type { PetLesion } from './pet-time-point.js';
import { percentChange } from './thresholds.js';

/** A rule that decided, or contributed to, a category: what it says, what was found, and its source. */
export interface FiredRule {
  readonly rule: string;
  readonly finding: string;
  readonly sources: readonly Citation[];
}

/** A lesion used as a measure, with the value taken from it. */
export interface LesionMeasure {
  readonly lesionId: string;
  readonly trackingId: string | null;
  readonly organ: string;
  readonly value: number;
}

/** A quantity at baseline and follow-up, with its absolute and percent change (follow-up minus baseline). */
export interface ChangeMeasure {
  /** SUL (g/mL, lean body mass), SUVbw (g/mL, body weight) or g (TLG). */
  readonly unit: 'SUL' | 'SUVbw' | 'g';
  readonly baseline: number | null;
  readonly followUp: number | null;
  readonly absoluteChange: number | null;
  /** Percent of baseline; null when a value is missing or the baseline is 0. */
  readonly percentChange: number | null;
}

export function changeMeasure(
  unit: ChangeMeasure['unit'],
  baseline: number | null,
  followUp: number | null,
): ChangeMeasure {
  if (baseline === null || followUp === null) {
    return { unit, baseline, followUp, absoluteChange: null, percentChange: null };
  }
  return {
    unit,
    baseline,
    followUp,
    absoluteChange: followUp - baseline,
    percentChange: percentChange(baseline, followUp),
  };
}

export function lesionMeasure(lesion: PetLesion | null, value: (lesion: PetLesion) => number): LesionMeasure | null {
  if (lesion === null) return null;
  return { lesionId: lesion.id, trackingId: lesion.trackingId ?? null, organ: lesion.organ, value: value(lesion) };
}

/**
 * Whether the two lesions are the same lesion: known only when both carry a tracking id (lesion ids are
 * per time point).
 */
export function sameTrackedLesion(a: LesionMeasure | null, b: LesionMeasure | null): boolean | null {
  if (a === null || b === null || a.trackingId === null || b.trackingId === null) return null;
  return a.trackingId === b.trackingId;
}

/** `+1.23` / `-1.23`: a signed number for text. */
export function signed(value: number, digits: number): string {
  return `${value >= 0 ? '+' : ''}${value.toFixed(digits)}`;
}

/** "10.00 → 6.00 SUL (-4.00, -40.0%)" for text output. */
export function describeChange(measure: ChangeMeasure, digits = 2): string {
  const unit = measure.unit;
  const text = (value: number | null): string => (value === null ? 'none' : value.toFixed(digits));
  const head = `${text(measure.baseline)} → ${text(measure.followUp)} ${unit}`;
  if (measure.absoluteChange === null) return head;
  const percent = measure.percentChange === null ? 'n/a' : `${signed(measure.percentChange, 1)}%`;
  return `${head} (${signed(measure.absoluteChange, digits)} ${unit}, ${percent})`;
}
