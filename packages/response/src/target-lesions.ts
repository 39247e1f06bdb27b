import type { PetLesion } from './pet-time-point.js';
import { percistThresholds } from './thresholds.js';

/**
 * Lesions ordered hottest first by `value`; ties are broken by lesion id so that the order does not
 * depend on the order of the input.
 */
function hottestFirst(lesions: readonly PetLesion[], value: (lesion: PetLesion) => number): PetLesion[] {
  return [...lesions].sort((a, b) => value(b) - value(a) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * The single hottest lesion of one scan by `value` (PERCIST 1.0 primary measure: the hottest lesion on
 * each scan, not necessarily the same lesion; Wahl 2009 via Costelloe 2010 Table 3), or null when the scan
 * has no lesion.
 */
export function hottestLesion(
  lesions: readonly PetLesion[],
  value: (lesion: PetLesion) => number = (lesion) => lesion.sulPeak,
): PetLesion | null {
  return hottestFirst(lesions, value)[0] ?? null;
}

/** The organ key used for the per-organ limit: case and inner spacing do not make a different organ. */
export function organKey(organ: string): string {
  return organ.trim().toLowerCase().replace(/\s+/g, ' ');
}

/**
 * PERCIST 1.0 secondary measure: the up to 5 hottest lesions by SULpeak, no more than 2 per organ
 * (Wahl 2009 via Costelloe 2010 Table 3 footnote). Lesions are taken hottest first; a lesion whose organ
 * already has 2 is skipped and the next hottest is considered.
 */
export function hottestLesionsForSum(lesions: readonly PetLesion[]): PetLesion[] {
  const selected: PetLesion[] = [];
  const perOrgan = new Map<string, number>();
  for (const lesion of hottestFirst(lesions, (candidate) => candidate.sulPeak)) {
    if (selected.length === percistThresholds.maxSumLesions) break;
    const key = organKey(lesion.organ);
    const count = perOrgan.get(key) ?? 0;
    if (count === percistThresholds.maxSumLesionsPerOrgan) continue;
    perOrgan.set(key, count + 1);
    selected.push(lesion);
  }
  return selected;
}
