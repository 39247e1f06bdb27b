/**
 * Builders of raw (unvalidated) PET response inputs for tests. Defaults are chosen so that every quality
 * gate passes and no rule fires by accident: liver SULmean 2.0 ± 0.3 at both scans (measurability
 * threshold 1.5 × 2.0 + 2 × 0.3 = 3.6 SUL), uptake 60 min, the same scanner, TLG 10 g per lesion.
 */

export interface RawLesion {
  id: string;
  trackingId?: string;
  organ: string;
  centroidMm: [number, number, number];
  sulPeak: number;
  suvmax: number;
  suvpeakGlobal: number;
  suvmean: number;
  mtvMl: number;
  tlg: number;
  new?: boolean;
}

export interface RawTimePoint {
  studyDate: string;
  uptakeTimeMin?: number;
  scannerId?: string;
  injectedDoseMBq?: number;
  liver: { sulMean: number; sulSd: number; voxelCount?: number; volumeMl?: number };
  bloodPool?: { sulMean: number; sulSd: number };
  lesions: RawLesion[];
}

export function rawLesion(id: string, sulPeak: number, overrides: Partial<RawLesion> = {}): RawLesion {
  return {
    id,
    organ: 'bone',
    centroidMm: [10, -20, 300],
    sulPeak,
    suvmax: sulPeak * 1.5,
    suvpeakGlobal: sulPeak * 1.3,
    suvmean: sulPeak,
    mtvMl: 5,
    tlg: 10,
    ...overrides,
  };
}

export function rawTimePoint(
  studyDate: string,
  lesions: RawLesion[],
  overrides: Partial<RawTimePoint> = {},
): RawTimePoint {
  return {
    studyDate,
    uptakeTimeMin: 60,
    scannerId: 'SITE-A PET/CT 1',
    injectedDoseMBq: 250,
    liver: { sulMean: 2.0, sulSd: 0.3, volumeMl: 14.1 },
    lesions,
    ...overrides,
  };
}

/** Baseline on 2026-01-05 and follow-up on 2026-02-16, each with the lesions given. */
export function rawPair(
  baselineLesions: RawLesion[],
  followUpLesions: RawLesion[],
  overrides: {
    baseline?: Partial<RawTimePoint>;
    followUp?: Partial<RawTimePoint>;
    options?: Record<string, unknown>;
  } = {},
): { baseline: RawTimePoint; followUp: RawTimePoint; options?: Record<string, unknown> } {
  const pair = {
    baseline: rawTimePoint('2026-01-05', baselineLesions, overrides.baseline),
    followUp: rawTimePoint('2026-02-16', followUpLesions, overrides.followUp),
  };
  return overrides.options === undefined ? pair : { ...pair, options: overrides.options };
}

/** A pair with one lesion (tracked as T1) of the given SULpeak at each scan. */
export function singleLesionPair(
  baselineSul: number,
  followUpSul: number,
  overrides: Parameters<typeof rawPair>[2] = {},
): ReturnType<typeof rawPair> {
  return rawPair(
    [rawLesion('b1', baselineSul, { trackingId: 'T1' })],
    [rawLesion('f1', followUpSul, { trackingId: 'T1' })],
    overrides,
  );
}
