/**
 * Normalisation to normal bone: a model of what each pixel would hold if the skeleton were normal, and the
 * ratio of the measured (smoothed) image to it.
 *
 * Method. Automated BSI systems express uptake relative to normal bone before thresholding hotspots: EXINI
 * normalises intensity to a reference level of healthy bone and applies region-specific thresholds (Sadik
 * 2008; reference note §1.2, marked there as not confirmed in a retrieved source). Normal uptake differs
 * several-fold between bones (the spine is the brightest normal bone, ribs and scapulae are faint), and
 * the camera's blur (LEHR system resolution about 7–10 mm FWHM, reference note §4.2) spills a bright
 * bone into its faint neighbours; a single per-view reference would call the whole lumbar spine "hot"
 * and every rib next to it. So the reference here is per region and spill-aware:
 *
 *   1. S = counts smoothed by a Gaussian of σ = `smoothingSigmaMm` (noise).
 *   2. bg = soft tissue: the 25th percentile of off-skeleton pixels inside the body outline (pixels above
 *      5 % of the view's 99th percentile, the outline of count-quality.ts).
 *   3. Each region r gets a normal uptake u_r, starting at the trimmed median of S − bg over its pixels
 *      (median of the pixels within 0.5–1.5 × the untrimmed median, so hotspots and cold lesions do not
 *      move it).
 *   4. B = Gaussian blur (σ² = σ_camera² + σ_smoothing²) of the piecewise-constant map u_r on region r;
 *      then, three times: bg ← median over the off-skeleton body pixels of S − B (soft tissue without the
 *      bone's spill-in), u_r ← u_r × median over r of (S − bg) / B, so that the median pixel of every
 *      region has ratio 1 whatever its width relative to the blur. Without blur, steps 2–3 stand.
 *   5. Local correction. Normal uptake is not flat inside a region: the bone's own profile, bones that
 *      overlap in projection and depth-dependent attenuation make it vary by tens of percent, and a flat
 *      u_r calls those variations hot. So B is multiplied by C, a large-scale smooth estimate of the measured-to-model
 *      ratio (S − bg) / B of normal bone: the mean of that ratio over the skeletal pixels (interior ones,
 *      B ≥ half of u_r) in a square window of `localWindowMm`, with robust rejection of outliers: a pixel
 *      whose ratio lies outside 0.8–1.25 × the current C (which starts at 1) is left out, and C is
 *      recomputed, three times in all, so that hot lesions and photopenic areas do not lift or lower
 *      their own reference. Where the window holds few interior skeletal pixels, C shrinks towards 1
 *      (a prior weight of `localPriorPixels` pixels at ratio 1). A lesion larger than about half the
 *      window is partly absorbed into C; the default window (60 mm) keeps the 8–40 mm lesions of
 *      breast-cancer bone scans (reference note §4.2) well inside it. C follows variations over several
 *      centimetres (attenuation, a long bone's profile, broad overlaps); it cannot follow structures
 *      narrower than the window, such as a rib (about 1 cm wide) crossing the scapula, which stay above
 *      the scapula's level. `localWindowMm` = 0 keeps the flat per-region model.
 *   6. Expected normal image E = B·C + bg on the body; ratio Q = 1 + (S − E) / D, with D = B·C on the
 *      skeleton (at least a quarter of u_r, the blurred edge) and D = the view's normal-bone level off the
 *      skeleton.
 *      On the skeleton Q is the ratio of the bone's uptake to normal bone (Q = 3: three times normal
 *      bone); off the skeleton it measures uptake in excess of soft tissue and spill-in in the same unit.
 *
 * The view's normal-bone level is the pixel-weighted median of the u_r (the "trimmed median of skeletal
 * pixels" of the brief, taken region by region).
 */
import { gaussianSmooth2d, sigmaOfFwhm } from './gaussian-smooth-2d.js';
import type { RegionLabelMap } from './region-label-map.js';
import { defaultRidgeReferenceOptions, ridgeExpectedLevels } from './ridge-reference.js';
import { maxSkeletonLabel, skeletonRegionOfLabel, type SkeletonRegionId } from './skeleton-regions.js';
import type { WholeBodyView } from './whole-body-scan.js';

export interface NormalBoneOptions {
  /** System resolution of the camera, FWHM in mm (0 when the image is not blurred, e.g. a drawn test image). */
  readonly cameraFwhmMm: number;
  /** Noise smoothing, Gaussian σ in mm (0: none). */
  readonly smoothingSigmaMm: number;
  /** Side of the square window of the local normal-bone correction, mm (0: flat per-region model; default 60). */
  readonly localWindowMm?: number;
  /** Segment length of the ridge-aware reference (ridge-reference.ts), mm (0: none; default 90). */
  readonly ridgeLineLengthMm?: number;
}

export interface NormalBoneModel {
  /** Smoothed counts S. */
  readonly smoothed: Float32Array;
  /** Expected normal image E (counts). */
  readonly expected: Float32Array;
  /** Ratio to normal bone Q (see the module comment). */
  readonly ratio: Float32Array;
  /** Local normal-bone model B·C (counts, soft tissue excluded; see the module comment). */
  readonly bone: Float32Array;
  /** Normal uptake of each region present, counts per pixel above soft tissue. */
  readonly regionReferenceCounts: Readonly<Partial<Record<SkeletonRegionId, number>>>;
  /** The view's normal-bone level, counts per pixel above soft tissue. */
  readonly normalBoneCounts: number;
  /** Soft-tissue level, counts per pixel. */
  readonly softTissueCounts: number;
}

/** Default segment length of the ridge-aware reference, mm. */
export const defaultRidgeLineLengthMm = defaultRidgeReferenceOptions.lineLengthMm;
/**
 * Skeletal pixels whose ratio to the region model reaches this value are re-examined by the ridge-aware
 * reference (step 7); below it the region model already calls them normal.
 */
const ridgeCandidateRatio = 1.15;

/** Default side of the local-correction window, mm. */
export const defaultLocalWindowMm = 60;
/** Robust rejection band of the local correction: ratios outside [low, high] × the current estimate are outliers. */
const localRejectLow = 0.8;
const localRejectHigh = 1.25;
const localIterations = 3;
/** Prior weight (pixels at ratio 1) that pulls the correction towards the region model where bone is sparse. */
const localPriorPixels = 8;

/** Sums of `values` over a (2h + 1)² window around every pixel (zero outside the image), separable running sums. */
function boxSum(values: Float32Array, columns: number, rows: number, h: number): Float32Array {
  const rowPass = new Float32Array(values.length);
  for (let r = 0; r < rows; r++) {
    const base = r * columns;
    let sum = 0;
    for (let c = 0; c <= Math.min(h, columns - 1); c++) sum += values[base + c] ?? 0;
    for (let c = 0; c < columns; c++) {
      rowPass[base + c] = sum;
      const enter = c + h + 1;
      const leave = c - h;
      if (enter < columns) sum += values[base + enter] ?? 0;
      if (leave >= 0) sum -= values[base + leave] ?? 0;
    }
  }
  const out = new Float32Array(values.length);
  for (let c = 0; c < columns; c++) {
    let sum = 0;
    for (let r = 0; r <= Math.min(h, rows - 1); r++) sum += rowPass[r * columns + c] ?? 0;
    for (let r = 0; r < rows; r++) {
      out[r * columns + c] = sum;
      const enter = r + h + 1;
      const leave = r - h;
      if (enter < rows) sum += rowPass[enter * columns + c] ?? 0;
      if (leave >= 0) sum -= rowPass[leave * columns + c] ?? 0;
    }
  }
  return out;
}

/**
 * Local correction C of the module comment (step 5): a robust windowed mean of the ratio of measured
 * bone uptake to the region model over interior skeletal pixels (1 = the region model stands).
 */
function localCorrection(
  smoothed: Float32Array,
  bone: Float32Array,
  labels: Uint8Array | Uint16Array,
  uptake: Float64Array,
  softTissueCounts: number,
  columns: number,
  rows: number,
  halfWidthPx: number,
): Float32Array {
  const n = columns * rows;
  const measured = new Float32Array(n);
  const interior = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const label = labels[i] ?? 0;
    const b = bone[i] ?? 0;
    if (label === 0 || b <= 0 || b < 0.5 * (uptake[label] ?? 0)) continue;
    interior[i] = 1;
    measured[i] = ((smoothed[i] ?? 0) - softTissueCounts) / b;
  }
  let correction = new Float32Array(n).fill(1);
  const weighted = new Float32Array(n);
  const weight = new Float32Array(n);
  for (let iteration = 0; iteration < localIterations; iteration++) {
    for (let i = 0; i < n; i++) {
      const m = measured[i] ?? 0;
      const c = correction[i] ?? 1;
      const kept = interior[i] === 1 && m >= localRejectLow * c && m <= localRejectHigh * c;
      weight[i] = kept ? 1 : 0;
      weighted[i] = kept ? m : 0;
    }
    const sums = boxSum(weighted, columns, rows, halfWidthPx);
    const counts = boxSum(weight, columns, rows, halfWidthPx);
    const next = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      next[i] = ((sums[i] ?? 0) + localPriorPixels) / ((counts[i] ?? 0) + localPriorPixels);
    }
    correction = next;
  }
  return correction;
}

/** Fit iterations of the region uptakes and the soft tissue (region uptakes within 1–2 % of the truth on the blurred test image). */
const fitIterations = 4;

function medianOf(values: Float32Array | number[], count: number): number {
  if (count === 0) return 0;
  const sorted =
    values instanceof Float32Array ? values.slice(0, count).sort() : Float32Array.from(values.slice(0, count)).sort();
  const middle = count >> 1;
  return count % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

function trimmedMedian(values: Float32Array, count: number): number {
  const untrimmed = medianOf(values, count);
  const kept = new Float32Array(count);
  let n = 0;
  for (let i = 0; i < count; i++) {
    const v = values[i] ?? 0;
    if (v >= 0.5 * untrimmed && v <= 1.5 * untrimmed) kept[n++] = v;
  }
  return n > 0 ? medianOf(kept, n) : untrimmed;
}

function percentile(values: Float32Array, fraction: number): number {
  if (values.length === 0) return 0;
  const sorted = Float32Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? 0;
}

/** Fits the normal-bone model of one view (see the module comment). */
export function fitNormalBoneModel(
  view: WholeBodyView,
  map: RegionLabelMap,
  options: NormalBoneOptions,
): NormalBoneModel {
  const { columns, rows, pixelSpacingMm } = view;
  const n = columns * rows;
  const labels = map.labels;
  const smoothed = gaussianSmooth2d(view.counts, columns, rows, pixelSpacingMm, options.smoothingSigmaMm);

  // Systematic samples (every 4th pixel for the 99th percentile, every 3rd for soft tissue) keep the sorts cheap.
  const sample = new Float32Array(Math.ceil(n / 4));
  for (let i = 0, k = 0; i < n; i += 4) sample[k++] = smoothed[i] ?? 0;
  const bodyThreshold = 0.05 * percentile(sample, 0.99);
  const offSkeleton: number[] = [];
  for (let i = 0; i < n; i++) {
    if (i % 3 === 0 && (labels[i] ?? 0) === 0 && (smoothed[i] ?? 0) > bodyThreshold) offSkeleton.push(smoothed[i] ?? 0);
  }
  let softTissueCounts = offSkeleton.length > 0 ? percentile(Float32Array.from(offSkeleton), 0.25) : 0;
  const body = new Uint8Array(n);
  for (let i = 0; i < n; i++) body[i] = (labels[i] ?? 0) !== 0 || (smoothed[i] ?? 0) > bodyThreshold ? 1 : 0;

  // Pixels of each label, as index lists.
  const sizes = new Int32Array(maxSkeletonLabel + 1);
  for (let i = 0; i < n; i++) sizes[labels[i] ?? 0] = (sizes[labels[i] ?? 0] ?? 0) + 1;
  const pixelsOf: Int32Array[] = Array.from({ length: maxSkeletonLabel + 1 }, (_, label) =>
    label === 0 ? new Int32Array(0) : new Int32Array(sizes[label] ?? 0),
  );
  const fill = new Int32Array(maxSkeletonLabel + 1);
  for (let i = 0; i < n; i++) {
    const label = labels[i] ?? 0;
    if (label === 0) continue;
    const list = pixelsOf[label];
    const at = fill[label] ?? 0;
    if (list !== undefined) list[at] = i;
    fill[label] = at + 1;
  }

  const scratch = new Float32Array(Math.max(1, ...Array.from(sizes.subarray(1))));
  const uptake = new Float64Array(maxSkeletonLabel + 1);
  for (let label = 1; label <= maxSkeletonLabel; label++) {
    const list = pixelsOf[label] ?? new Int32Array(0);
    for (let k = 0; k < list.length; k++) scratch[k] = (smoothed[list[k] ?? 0] ?? 0) - softTissueCounts;
    uptake[label] = Math.max(0, trimmedMedian(scratch, list.length));
  }

  const blurSigmaMm = Math.hypot(sigmaOfFwhm(options.cameraFwhmMm), options.smoothingSigmaMm);
  const modelMap = new Float32Array(n);
  let bone: Float32Array = new Float32Array(n);
  const offSkeletonBody = new Float32Array(offSkeleton.length);
  for (let iteration = 0; iteration < fitIterations; iteration++) {
    for (let i = 0; i < n; i++) modelMap[i] = uptake[labels[i] ?? 0] ?? 0;
    bone = gaussianSmooth2d(modelMap, columns, rows, pixelSpacingMm, blurSigmaMm);
    if (iteration === fitIterations - 1 || blurSigmaMm === 0) break;
    // Soft tissue: what is left off the skeleton once the spill-in of the modelled bone is removed.
    let m = 0;
    for (let i = 0; i < n; i++) {
      // Every third pixel: the median of a systematic sample is as good and the sort three times cheaper.
      if (i % 3 === 0 && (labels[i] ?? 0) === 0 && body[i] === 1)
        offSkeletonBody[m++] = (smoothed[i] ?? 0) - (bone[i] ?? 0);
    }
    if (m > 0) softTissueCounts = Math.max(0, medianOf(offSkeletonBody, m));
    for (let label = 1; label <= maxSkeletonLabel; label++) {
      const list = pixelsOf[label] ?? new Int32Array(0);
      let k = 0;
      for (const i of list) {
        const b = bone[i] ?? 0;
        if (b > 0) scratch[k++] = ((smoothed[i] ?? 0) - softTissueCounts) / b;
      }
      if (k > 0) uptake[label] = (uptake[label] ?? 0) * medianOf(scratch, k);
    }
  }

  const localWindowMm = options.localWindowMm ?? defaultLocalWindowMm;
  if (localWindowMm > 0) {
    const halfWidthPx = Math.max(1, Math.round(localWindowMm / 2 / Math.min(pixelSpacingMm[0], pixelSpacingMm[1])));
    const correction = localCorrection(smoothed, bone, labels, uptake, softTissueCounts, columns, rows, halfWidthPx);
    for (let i = 0; i < n; i++) bone[i] = (bone[i] ?? 0) * (correction[i] ?? 1);
  }

  // The view's normal-bone level: median of the region uptakes weighted by pixel count.
  const weighted = Array.from({ length: maxSkeletonLabel }, (_, k) => [uptake[k + 1] ?? 0, sizes[k + 1] ?? 0] as const)
    .filter(([, size]) => size > 0)
    .sort((a, b) => a[0] - b[0]);
  const totalSize = weighted.reduce((sum, [, size]) => sum + size, 0);
  let normalBoneCounts = 0;
  let cumulative = 0;
  for (const [value, size] of weighted) {
    cumulative += size;
    normalBoneCounts = value;
    if (cumulative >= totalSize / 2) break;
  }

  const expected = new Float32Array(n);
  const ratio = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const label = labels[i] ?? 0;
    const b = bone[i] ?? 0;
    const e = b + (body[i] === 1 ? softTissueCounts : 0);
    expected[i] = e;
    const unit = label === 0 ? normalBoneCounts : Math.max(b, 0.25 * (uptake[label] ?? 0));
    ratio[i] = unit > 0 ? 1 + ((smoothed[i] ?? 0) - e) / unit : 1;
  }

  const ridgeLineLengthMm = options.ridgeLineLengthMm ?? defaultRidgeLineLengthMm;
  if (ridgeLineLengthMm > 0) {
    const candidates: number[] = [];
    for (let i = 0; i < n; i++) {
      if ((labels[i] ?? 0) !== 0 && (ratio[i] ?? 1) >= ridgeCandidateRatio) candidates.push(i);
    }
    const levels = ridgeExpectedLevels(smoothed, columns, rows, pixelSpacingMm, candidates, {
      ...defaultRidgeReferenceOptions,
      lineLengthMm: ridgeLineLengthMm,
    });
    candidates.forEach((i, k) => {
      const level = levels[k] ?? 0;
      const e = expected[i] ?? 0;
      if (level <= e) return;
      const label = labels[i] ?? 0;
      const unit = Math.max(bone[i] ?? 0, 0.25 * (uptake[label] ?? 0));
      expected[i] = level;
      bone[i] = Math.max(0, level - softTissueCounts);
      ratio[i] = unit > 0 ? 1 + ((smoothed[i] ?? 0) - level) / unit : 1;
    });
  }

  const regionReferenceCounts: Partial<Record<SkeletonRegionId, number>> = {};
  for (let label = 1; label <= maxSkeletonLabel; label++) {
    const region = skeletonRegionOfLabel(label);
    if (region !== undefined && (sizes[label] ?? 0) > 0) regionReferenceCounts[region.id] = uptake[label] ?? 0;
  }
  return {
    smoothed,
    expected,
    ratio,
    bone,
    regionReferenceCounts,
    normalBoneCounts,
    softTissueCounts,
  };
}
