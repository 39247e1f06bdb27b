/**
 * Hotspot analysis of a whole-body bone scan: normalisation to normal bone, hotspot detection (hot and
 * photopenic with a rim), features, pairing of the two views, rule-based labels (metastasis or benign) with
 * a score and a reason, and the Bone Scan Index, plus the reader's edits kept apart from the automatic
 * result. The skeleton's region label map of each view is an input (from a segmentation or a phantom's
 * ground truth), in the same orientation convention as the view.
 *
 * This is a transparent rule-based analysis, not a trained classifier; research use, not a medical device.
 */
import { BonemetError, parseInput, type Citation } from '@bonemet/core';
import { z } from 'zod';
import { classifyHotspot, type HotspotClassification } from './classify-hotspot.js';
import { detectHotspots } from './detect-hotspots.js';
import { hotspotBoneScanIndex, type BoneScanIndexResult } from './hotspot-bone-scan-index.js';
import { hotspotFeatures, type HotspotFeatures } from './hotspot-features.js';
import { fitNormalBoneModel } from './normal-bone-model.js';
import { pairViewHotspots, type ViewPairing } from './pair-view-hotspots.js';
import { applyReaderEdits, type EditedHotspotResult } from './reader-edits.js';
import { validateRegionLabelMap, type RegionLabelMap } from './region-label-map.js';
import { skeletonGeometry, type JointPosition } from './skeleton-geometry.js';
import type { SkeletonRegionId } from './skeleton-regions.js';
import type { ViewName, WholeBodyScan } from './whole-body-scan.js';

export const hotspotAnalysisOptionsSchema = z.strictObject({
  cameraFwhmMm: z
    .number()
    .min(0)
    .max(30)
    .default(9)
    .describe(
      'camera system resolution, FWHM mm (LEHR about 7–10 mm at 10 cm, reference note §4.2); 0 for an unblurred image',
    ),
  smoothingSigmaMm: z.number().min(0).max(20).default(2).describe('noise smoothing before thresholding, Gaussian σ mm'),
  localWindowMm: z
    .number()
    .min(0)
    .max(300)
    .default(60)
    .describe(
      'side of the square window of the local normal-bone reference, mm (normal-bone-model.ts); 0 for one flat level per region',
    ),
  ridgeLineLengthMm: z
    .number()
    .min(0)
    .max(300)
    .default(90)
    .describe(
      'segment length of the ridge-aware reference that follows overlapping linear bones (ridge-reference.ts), mm; more than twice the largest focal lesion; 0 switches it off',
    ),
  hotRatioThreshold: z
    .number()
    .min(1.05)
    .max(10)
    .default(1.3)
    .describe(
      'ratio to normal bone from which a skeletal pixel is hot (faint metastases start at about 1.3×, reference note §4.2)',
    ),
  offSkeletonRatioThreshold: z
    .number()
    .min(1.05)
    .max(20)
    .default(1.5)
    .describe(
      'off the skeleton: 1 + excess over soft tissue and spill-in in units of normal bone, from which a pixel is hot',
    ),
  coldRatioThreshold: z
    .number()
    .min(0)
    .max(0.95)
    .default(0.6)
    .describe('ratio to normal bone up to which a skeletal pixel is photopenic'),
  rimRatioThreshold: z
    .number()
    .min(1)
    .max(10)
    .default(1.2)
    .describe('mean ratio of the ring around a photopenic area that makes it a lesion with a hot rim'),
  rimWidthMm: z.number().min(1).max(30).default(6).describe('width of the ring examined around a photopenic area, mm'),
  minAreaMm2: z
    .number()
    .min(0)
    .max(10000)
    .default(40)
    .describe('smallest hotspot kept, mm² (smaller components are noise)'),
  pairDistanceMm: z
    .number()
    .min(0)
    .max(200)
    .default(20)
    .describe('largest distance between the centroids of a hotspot in the two views for a pair, mm'),
});

export type HotspotAnalysisOptions = z.output<typeof hotspotAnalysisOptionsSchema>;
export type HotspotAnalysisOptionsInput = z.input<typeof hotspotAnalysisOptionsSchema>;

export interface AnalysedHotspot extends HotspotFeatures, HotspotClassification {
  /** The same hotspot in the other view, if found. */
  readonly otherView: ViewPairing | null;
}

export interface ViewNormalisation {
  readonly view: ViewName;
  /** The view's normal-bone level and soft tissue, counts per pixel. */
  readonly normalBoneCounts: number;
  readonly softTissueCounts: number;
  /** Normal uptake of each region, counts per pixel above soft tissue. */
  readonly regionReferenceCounts: Readonly<Partial<Record<SkeletonRegionId, number>>>;
  readonly midlineBasis: 'spine' | 'skeleton' | 'image';
  readonly joints: readonly JointPosition[];
}

export interface BoneScanHotspotAnalysis {
  readonly method: 'rule-based';
  readonly options: HotspotAnalysisOptions;
  readonly views: readonly ViewNormalisation[];
  /** The automatic result, never changed by edits. */
  readonly automatic: { readonly hotspots: readonly AnalysedHotspot[]; readonly bsi: BoneScanIndexResult };
  /** The result after the reader's edits; null when no edits were given. */
  readonly edited: EditedHotspotResult | null;
  /** Needed to apply edits later (applyReaderEdits); not part of a report. */
  readonly regionMaps: readonly RegionLabelMap[];
  readonly hotspotPixels: ReadonlyMap<string, Uint32Array>;
  readonly pixelSpacingMmByView: Readonly<Partial<Record<ViewName, readonly [number, number]>>>;
  readonly citations: readonly Citation[];
  /** Per-stage times, ms. */
  readonly timingsMs: Readonly<Record<string, number>>;
}

export interface HotspotAnalysisInput {
  readonly scan: WholeBodyScan;
  /** One region label map per view of the scan (matched by `view`). */
  readonly regionMaps: readonly unknown[];
  readonly options?: HotspotAnalysisOptionsInput;
  /** Reader edits (`readerEditsSchema`), applied to a copy of the automatic result. */
  readonly edits?: unknown;
}

/** Analyses the hotspots of a whole-body scan (see the module comment). */
export function analyzeBoneScanHotspots(input: HotspotAnalysisInput): BoneScanHotspotAnalysis {
  const options = parseInput(hotspotAnalysisOptionsSchema, input.options ?? {}, 'hotspot analysis options');
  const timingsMs: Record<string, number> = {};
  const time = <T>(stage: string, run: () => T): T => {
    const start = performance.now();
    const out = run();
    timingsMs[stage] = (timingsMs[stage] ?? 0) + performance.now() - start;
    return out;
  };
  if (input.scan.views.length === 0) {
    throw new BonemetError('missing_data', 'the scan has no view to analyse', {
      issues: [
        {
          path: ['scan', 'views'],
          message: 'no anterior or posterior view',
          hint: 'read a whole-body scan with at least one view',
        },
      ],
    });
  }
  const perView = input.scan.views.map((view) => {
    const index = input.regionMaps.findIndex(
      (m) => typeof m === 'object' && m !== null && (m as { view?: unknown }).view === view.view,
    );
    if (index < 0) {
      throw new BonemetError('missing_data', `no region label map for the ${view.view} view`, {
        issues: [
          {
            path: ['regionMaps'],
            message: `missing the ${view.view} map`,
            hint: 'segment the skeleton of every view first',
          },
        ],
      });
    }
    const map = validateRegionLabelMap(input.regionMaps[index], view, ['regionMaps', index]);
    const model = time('normalisation', () => fitNormalBoneModel(view, map, options));
    const geometry = time('geometry', () => skeletonGeometry(map));
    const detected = time('detection', () => detectHotspots(view, map, model, options));
    const features = time('features', () => hotspotFeatures(view, detected, model, geometry));
    return { view, map, model, geometry, detected, features };
  });

  const anterior = perView.find((v) => v.view.view === 'anterior');
  const posterior = perView.find((v) => v.view.view === 'posterior');
  const pairs = time('pairing', () =>
    anterior !== undefined && posterior !== undefined
      ? pairViewHotspots(
          { view: anterior.view, hotspots: anterior.features },
          { view: posterior.view, hotspots: posterior.features },
          options.pairDistanceMm,
        )
      : new Map<string, ViewPairing>(),
  );

  const hotspots: AnalysedHotspot[] = [];
  const hotspotPixels = new Map<string, Uint32Array>();
  time('classification', () => {
    for (const v of perView) {
      const byId = new Map(v.features.map((f) => [f.id, f]));
      v.features.forEach((features, k) => {
        const pairing = pairs.get(features.id);
        hotspots.push({
          ...features,
          ...classifyHotspot(features, v.geometry, byId, pairing),
          otherView: pairing ?? null,
        });
        hotspotPixels.set(features.id, v.detected[k]?.pixels ?? new Uint32Array(0));
      });
    }
  });
  const labelOf = new Map(hotspots.map((h) => [h.id, h.label]));
  let pairedMetastases = 0;
  for (const [a, partner] of pairs) {
    if (a < partner.hotspotId && labelOf.get(a) === 'metastasis' && labelOf.get(partner.hotspotId) === 'metastasis') {
      pairedMetastases++;
    }
  }
  const regionMaps = perView.map((v) => v.map);
  const bsi = time('bsi', () =>
    hotspotBoneScanIndex(
      regionMaps,
      hotspots.map((h) => ({ view: h.view, label: h.label, pixels: hotspotPixels.get(h.id) ?? [] })),
      pairedMetastases,
    ),
  );
  const pixelSpacingMmByView: Partial<Record<ViewName, readonly [number, number]>> = {};
  for (const v of perView) pixelSpacingMmByView[v.view.view] = v.view.pixelSpacingMm;

  const editable = {
    regionMaps,
    pixelSpacingMmByView,
    hotspotPixels,
    hotspots: hotspots.map((h) => ({ ...h, pairedWith: h.otherView?.hotspotId ?? null })),
  };
  const edited = input.edits === undefined ? null : time('edits', () => applyReaderEdits(editable, input.edits));
  const citations = [
    ...new Map([...hotspots.flatMap((h) => h.citations), ...bsi.citations].map((c) => [c.id, c])).values(),
  ];
  return {
    method: 'rule-based',
    options,
    views: perView.map((v) => ({
      view: v.view.view,
      normalBoneCounts: v.model.normalBoneCounts,
      softTissueCounts: v.model.softTissueCounts,
      regionReferenceCounts: v.model.regionReferenceCounts,
      midlineBasis: v.geometry.midline.basis,
      joints: v.geometry.joints,
    })),
    automatic: { hotspots, bsi },
    edited,
    regionMaps,
    hotspotPixels,
    pixelSpacingMmByView,
    citations,
    timingsMs,
  };
}

/** Applies reader edits to a finished analysis: the automatic result stays as it was; the edited one is returned. */
export function reviseBoneScanHotspots(analysis: BoneScanHotspotAnalysis, edits: unknown): EditedHotspotResult {
  return applyReaderEdits(
    {
      regionMaps: analysis.regionMaps,
      pixelSpacingMmByView: analysis.pixelSpacingMmByView,
      hotspotPixels: analysis.hotspotPixels,
      hotspots: analysis.automatic.hotspots.map((h) => ({ ...h, pairedWith: h.otherView?.hotspotId ?? null })),
    },
    edits,
  );
}
