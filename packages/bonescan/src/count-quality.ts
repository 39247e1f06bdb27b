/**
 * Count quality of a whole-body scan: total counts and count density per view, a warning below 1.0 million
 * counts per view and a refusal to quantify below 0.5 million.
 *
 * Why these cut-offs: in the pre-analytic validation of the automated Bone Scan Index (Anand 2016), the mean
 * absolute BSI error was 0.20 (SD 0.26) at 1.5 million counts per view, 0.57 (0.38) at 0.5 million and 4.67
 * (0.85) at 0.2 million; below 0.5 million the error exceeds the 0.30 upper confidence limit of test-retest
 * change, so a quantitative result would be noise. 1.0 million lies between the validated 1.5 million and
 * the 0.5 million where errors already nearly triple (the 1.0 million error itself was not published).
 */
import { BonemetError, type Citation } from '@bonemet/core';
import { bonescanSources } from './sources.js';
import type { ViewName, WholeBodyScan, WholeBodyView } from './whole-body-scan.js';

export const countWarningThreshold = 1_000_000;
export const countRefusalThreshold = 500_000;

export type CountQualityStatus = 'adequate' | 'low' | 'insufficient' | 'not-assessable';

export interface ViewCountQuality {
  readonly view: ViewName;
  readonly status: CountQualityStatus;
  /** Total counts of the view (null when not assessable). */
  readonly totalCounts: number | null;
  /** Where the total comes from: the sum of calibrated pixel counts, or a declared total (sidecar). */
  readonly countBasis: 'pixel-sum' | 'declared' | 'none';
  /** Total counts per cm² of the whole field of view. */
  readonly countDensityPerCm2: number | null;
  /** Counts per cm² inside the body outline (pixels above 5 % of the 99th-percentile pixel value). */
  readonly bodyCountDensityPerCm2: number | null;
  readonly message: string;
}

export interface CountQuality {
  readonly views: readonly ViewCountQuality[];
  /** False when any view is insufficient or not assessable. */
  readonly quantifiable: boolean;
  readonly scanSpeedCmPerMin?: number;
  readonly uptakeTimeMin?: number;
  readonly citations: readonly Citation[];
}

const source = bonescanSources['anand-2016-preanalytic'].short;

function percentile99(values: Float32Array): number {
  const sorted = Float32Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.floor(0.99 * sorted.length))] ?? 0;
}

function viewQuality(view: WholeBodyView): ViewCountQuality {
  const pixelAreaCm2 = (view.pixelSpacingMm[0] * view.pixelSpacingMm[1]) / 100;
  let pixelSum = 0;
  for (const value of view.counts) pixelSum += value;
  const total = view.countsAreCalibrated ? pixelSum : (view.declaredTotalCounts ?? null);
  const countBasis = view.countsAreCalibrated ? 'pixel-sum' : total === null ? 'none' : 'declared';
  if (total === null || (view.sourceKind === 'secondary-capture' && !view.countsAreCalibrated)) {
    const declared =
      view.declaredTotalCounts === undefined
        ? ''
        : ` The header records ${view.declaredTotalCounts} counts accumulated, but that is the original acquisition's figure and is not checked against this image.`;
    const why =
      view.sourceKind === 'secondary-capture'
        ? 'a Secondary Capture holds display values with no defined count meaning (DICOM PS3.3 A.8), possibly rescaled or lossy-compressed'
        : 'the image values are not counts and the sidecar declares no total counts';
    return {
      view: view.view,
      status: 'not-assessable',
      totalCounts: null,
      countBasis: 'none',
      countDensityPerCm2: null,
      bodyCountDensityPerCm2: null,
      message: `${view.view}: count quality cannot be checked: ${why}.${declared} Quantification needs ≥ ${countRefusalThreshold} counts per view (${source}); use the original NM object.`,
    };
  }
  const threshold = 0.05 * percentile99(view.counts);
  let bodyPixels = 0;
  let bodyCounts = 0;
  for (const value of view.counts) {
    if (value > threshold) {
      bodyPixels++;
      bodyCounts += value;
    }
  }
  const scale = view.countsAreCalibrated ? 1 : total / (pixelSum || 1);
  const millions = (total / 1e6).toFixed(2);
  const status: CountQualityStatus =
    total < countRefusalThreshold ? 'insufficient' : total < countWarningThreshold ? 'low' : 'adequate';
  const message =
    status === 'insufficient'
      ? `${view.view}: ${millions} million counts, below the 0.5 million per view under which quantification is refused: the Bone Scan Index error exceeds 0.57 points at 0.5 million and reaches 4.67 at 0.2 million counts (${source})`
      : status === 'low'
        ? `${view.view}: ${millions} million counts, below the 1.0 million per view recommended: results are noisier (mean BSI error 0.57 at 0.5 million vs 0.20 at 1.5 million counts, ${source})`
        : `${view.view}: ${millions} million counts, at or above 1.0 million per view`;
  return {
    view: view.view,
    status,
    totalCounts: total,
    countBasis,
    countDensityPerCm2: total / (view.rows * view.columns * pixelAreaCm2),
    bodyCountDensityPerCm2: bodyPixels === 0 ? 0 : (bodyCounts * scale) / (bodyPixels * pixelAreaCm2),
    message,
  };
}

/** Count quality of every view of `scan`, with scan speed and uptake time when recorded. */
export function assessCountQuality(scan: WholeBodyScan): CountQuality {
  const views = scan.views.map(viewQuality);
  return {
    views,
    quantifiable: views.every((v) => v.status === 'adequate' || v.status === 'low'),
    ...(scan.acquisition.scanSpeedCmPerMin === undefined
      ? {}
      : { scanSpeedCmPerMin: scan.acquisition.scanSpeedCmPerMin }),
    ...(scan.acquisition.uptakeTimeMin === undefined ? {} : { uptakeTimeMin: scan.acquisition.uptakeTimeMin }),
    citations: [bonescanSources['anand-2016-preanalytic']],
  };
}

/** Throws `invalid_input` naming each view that is insufficient or not assessable; returns otherwise. */
export function requireQuantifiableCounts(quality: CountQuality): void {
  const failing = quality.views.filter((v) => v.status === 'insufficient' || v.status === 'not-assessable');
  if (failing.length === 0) return;
  throw new BonemetError('invalid_input', `too few counts to quantify: ${failing.map((v) => v.message).join('; ')}`, {
    issues: failing.map((v) => ({
      path: ['views', v.view],
      message: v.message,
      hint: 'acquire more counts (slower scan speed) or use the original NM object',
    })),
  });
}
