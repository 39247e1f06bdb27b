/**
 * The whole bone-scan pipeline for one study, shared by the command line and the server: files → views →
 * count quality (refusal below the floor) → skeleton segmentation → superscan check → hotspots with labels
 * and reasons → Bone Scan Index, and with reader edits the edited result next to the automatic one.
 */
import { BonemetError, RESEARCH_USE_DISCLAIMER, type Citation } from '@bonemet/core';
import { analyzeBoneScanHotspots, type BoneScanHotspotAnalysis } from './analyze-hotspots.js';
import { assessCountQuality, type CountQuality } from './count-quality.js';
import type { HotspotLabel } from './classify-hotspot.js';
import type { BoneScanIndexResult } from './hotspot-bone-scan-index.js';
import { readWholeBodyScan, type ScanFile } from './read-whole-body-scan.js';
import type { EditedHotspotResult } from './reader-edits.js';
import { segmentSkeleton, type SkeletonSegmentation } from './segment-skeleton.js';
import { assessSuperscan, type SuperscanAssessment } from './segment-superscan.js';
import type { WholeBodyScan, WholeBodyView } from './whole-body-scan.js';

/** View names as the report's short keys (DICOM View Code meanings ANT/POST). */
export type ViewKey = 'ANT' | 'POST';

export interface ReportedHotspot {
  readonly id: string;
  /** View in the package's convention ('anterior' | 'posterior'). */
  readonly view: string;
  readonly region: string | null;
  /** Centre in the reading orientation (posterior mirrored to be seen from the front). */
  readonly columnPx: number;
  readonly rowPx: number;
  readonly areaMm2: number;
  readonly ratioMax: number;
  readonly label: HotspotLabel;
  readonly score: number;
  readonly rule: string;
  readonly reason: string;
  readonly otherViewId: string | null;
}

/** A hotspot as the issue-level JSON names it: x (column) and y (row) in pixels of the stored frame. */
export interface StoredFrameHotspot {
  readonly id: string;
  readonly view: ViewKey;
  readonly x: number;
  readonly y: number;
  readonly label: HotspotLabel;
  readonly score: number;
  readonly reason: string;
  readonly region: string | null;
}

export interface BoneScanReport {
  readonly disclaimer: string;
  readonly files: readonly string[];
  /** Total counts per view (null for a missing view or one whose counts cannot be known). */
  readonly counts: { readonly ANT: number | null; readonly POST: number | null };
  /** Automatic Bone Scan Index, % of skeletal mass. */
  readonly bsi: number;
  /** Automatic BSI per region, % of skeletal mass. */
  readonly bsiByRegion: Readonly<Record<string, number>>;
  /** Automatic hotspots with their centres in stored-frame pixels. */
  readonly hotspots: readonly StoredFrameHotspot[];
  readonly views: readonly {
    readonly view: string;
    readonly source: string;
    readonly sourceKind: string;
    readonly columns: number;
    readonly rows: number;
    readonly pixelSpacingMm: readonly [number, number];
    readonly viewBasis: string;
    /** Whether the stored frame was mirrored left-right / flipped top-bottom to reach the reading orientation. */
    readonly mirroredLeftRight: boolean;
    readonly flippedTopBottom: boolean;
  }[];
  readonly readWarnings: readonly string[];
  readonly countQuality: CountQuality;
  /** False when the count quality could not be checked (e.g. a Secondary Capture): read the numbers with care. */
  readonly countQualityAssessable: boolean;
  readonly segmentation: {
    readonly doubtful: boolean;
    readonly warnings: readonly string[];
    readonly views: readonly { readonly view: string; readonly boneCoverage: number; readonly labelsOnBone: number }[];
  };
  readonly superscan: SuperscanAssessment;
  readonly method: 'rule-based';
  readonly automatic: { readonly hotspots: readonly ReportedHotspot[]; readonly bsi: BoneScanIndexResult };
  readonly edited: EditedHotspotResult | null;
  readonly citations: readonly Citation[];
  /** Per-stage times, ms (read, quality, segmentation, superscan, and the hotspot stages). */
  readonly timingsMs: Readonly<Record<string, number>>;
}

/** Everything the pipeline computed, for callers that need more than the report (overlays, tracking). */
export interface WholeBodyScanAnalysis {
  readonly report: BoneScanReport;
  readonly scan: WholeBodyScan;
  readonly segmentation: SkeletonSegmentation;
  readonly hotspots: BoneScanHotspotAnalysis;
}

export interface AnalyzeWholeBodyScanOptions {
  /** Reader edits (`readerEditsSchema`), applied to a copy of the automatic result. */
  readonly edits?: unknown;
  /** Names reported in `files` (defaults to each file's source). */
  readonly fileNames?: readonly string[];
}

const viewKey = (view: string): ViewKey => (view === 'posterior' ? 'POST' : 'ANT');

/** Refuses a scan with a view below the count floor; a view whose counts cannot be checked is reported, not refused. */
function refuseInsufficientCounts(quality: CountQuality): void {
  const failing = quality.views.filter((v) => v.status === 'insufficient');
  if (failing.length === 0) return;
  throw new BonemetError('invalid_input', `too few counts to quantify: ${failing.map((v) => v.message).join('; ')}`, {
    issues: failing.map((v) => ({
      path: ['views', v.view],
      message: v.message,
      hint: 'acquire more counts (slower scan speed or longer acquisition)',
    })),
  });
}

/** A reading-orientation pixel centre back in the stored frame (undoing the mirror and flip of orient-view). */
export function toStoredFrame(view: WholeBodyView, columnPx: number, rowPx: number): { x: number; y: number } {
  return {
    x: view.orientation.mirroredLeftRight ? view.columns - 1 - columnPx : columnPx,
    y: view.orientation.flippedTopBottom ? view.rows - 1 - rowPx : rowPx,
  };
}

function timed<T>(timings: Record<string, number>, stage: string, run: () => T): T {
  const start = performance.now();
  const result = run();
  timings[stage] = performance.now() - start;
  return result;
}

/** Runs the bone-scan pipeline on one study's files (see the module comment). Throws BonemetError on bad input. */
export function analyzeWholeBodyScan(
  files: readonly ScanFile[],
  options: AnalyzeWholeBodyScanOptions = {},
): WholeBodyScanAnalysis {
  const timings: Record<string, number> = {};
  const scan = timed(timings, 'read', () => readWholeBodyScan(files));
  const countQuality = timed(timings, 'countQuality', () => assessCountQuality(scan));
  refuseInsufficientCounts(countQuality);
  const segmentation = timed(timings, 'segmentation', () => segmentSkeleton(scan));
  const superscan = timed(timings, 'superscan', () => assessSuperscan(scan, segmentation));
  const analysis = analyzeBoneScanHotspots({
    scan,
    regionMaps: segmentation.views.map((v) => ({ view: v.view, columns: v.columns, rows: v.rows, labels: v.labels })),
    ...(options.edits === undefined ? {} : { edits: options.edits }),
  });
  for (const [stage, ms] of Object.entries(analysis.timingsMs)) timings[`hotspots.${stage}`] = ms;
  const citations = new Map<string, Citation>();
  for (const c of [...countQuality.citations, ...superscan.citations, ...analysis.citations]) citations.set(c.id, c);
  const viewByName = new Map(scan.views.map((v) => [v.view, v]));
  const countOf = (name: 'anterior' | 'posterior'): number | null =>
    countQuality.views.find((v) => v.view === name)?.totalCounts ?? null;
  const hotspots: StoredFrameHotspot[] = [];
  for (const h of analysis.automatic.hotspots) {
    const view = viewByName.get(h.view);
    if (view === undefined) continue;
    const { x, y } = toStoredFrame(view, h.columnPx, h.rowPx);
    hotspots.push({
      id: h.id,
      view: viewKey(h.view),
      x,
      y,
      label: h.label,
      score: h.score,
      reason: h.reason,
      region: h.region,
    });
  }
  const report: BoneScanReport = {
    disclaimer: RESEARCH_USE_DISCLAIMER,
    files: options.fileNames ?? files.map((f) => f.source),
    counts: { ANT: countOf('anterior'), POST: countOf('posterior') },
    bsi: analysis.automatic.bsi.percent,
    bsiByRegion: analysis.automatic.bsi.byRegion,
    hotspots,
    views: scan.views.map((v) => ({
      view: v.view,
      source: v.source,
      sourceKind: v.sourceKind,
      columns: v.columns,
      rows: v.rows,
      pixelSpacingMm: v.pixelSpacingMm,
      viewBasis: v.viewBasis,
      mirroredLeftRight: v.orientation.mirroredLeftRight,
      flippedTopBottom: v.orientation.flippedTopBottom,
    })),
    readWarnings: scan.warnings,
    countQuality,
    countQualityAssessable: countQuality.views.every((v) => v.status !== 'not-assessable'),
    segmentation: {
      doubtful: segmentation.doubtful,
      warnings: segmentation.warnings,
      views: segmentation.views.map((v) => ({
        view: v.view,
        boneCoverage: v.boneCoverage,
        labelsOnBone: v.labelsOnBone,
      })),
    },
    superscan,
    method: analysis.method,
    automatic: {
      hotspots: analysis.automatic.hotspots.map((h) => ({
        id: h.id,
        view: h.view,
        region: h.region,
        columnPx: h.columnPx,
        rowPx: h.rowPx,
        areaMm2: h.areaMm2,
        ratioMax: h.ratioMax,
        label: h.label,
        score: h.score,
        rule: h.rule,
        reason: h.reason,
        otherViewId: h.otherView?.hotspotId ?? null,
      })),
      bsi: analysis.automatic.bsi,
    },
    edited: analysis.edited,
    citations: [...citations.values()],
    timingsMs: timings,
  };
  return { report, scan, segmentation, hotspots: analysis };
}
