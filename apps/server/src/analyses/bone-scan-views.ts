/** The viewer's form of a bone-scan result: hotspots in stored-frame pixels, BSI, edits, quality. */
import type { EditedHotspot, ReaderEdit } from '@bonemet/bonescan';
import type { BoneScanResultView, BoneScanView, HotspotView, ReaderEditView } from './analysis-schemas.js';
import type { BoneScanEditedPayload, BoneScanResultPayload } from './bone-scan-result.js';

type ViewKey = 'ANT' | 'POST';
const viewKey = (view: string): ViewKey => (view === 'posterior' ? 'POST' : 'ANT');

/** Reading orientation ↔ stored frame: the analysis mirrors and flips views; both are their own inverse. */
export function readingToStoredFrame(
  payload: BoneScanResultPayload,
  view: string,
  columnPx: number,
  rowPx: number,
): { x: number; y: number } {
  const info = payload.report.views.find((v) => v.view === view);
  if (info === undefined) return { x: columnPx, y: rowPx };
  return {
    x: info.mirroredLeftRight ? info.columns - 1 - columnPx : columnPx,
    y: info.flippedTopBottom ? info.rows - 1 - rowPx : rowPx,
  };
}

function automaticHotspots(payload: BoneScanResultPayload): HotspotView[] {
  const stored = new Map(payload.report.hotspots.map((h) => [h.id, h]));
  return payload.report.automatic.hotspots.map((h) => {
    const frame = stored.get(h.id) ?? { ...readingToStoredFrame(payload, h.view, h.columnPx, h.rowPx) };
    return {
      id: h.id,
      view: viewKey(h.view),
      x: frame.x,
      y: frame.y,
      label: h.label,
      score: h.score,
      reason: h.reason,
      region: h.region,
      areaMm2: h.areaMm2,
      ratioMax: h.ratioMax,
      source: 'automatic',
      readerAction: null,
    };
  });
}

function readerActionOf(edit: ReaderEdit | null): HotspotView['readerAction'] {
  if (edit === null) return null;
  if (edit.action === 'add') return 'add';
  if (edit.action === 'relabel') return edit.label === 'metastasis' ? 'confirm' : 'reject';
  return null;
}

function editedHotspot(payload: BoneScanResultPayload, hotspot: EditedHotspot): HotspotView {
  const automatic = payload.report.automatic.hotspots.find((h) => h.id === hotspot.id);
  const frame = readingToStoredFrame(payload, hotspot.view, hotspot.columnPx, hotspot.rowPx);
  const action = readerActionOf(hotspot.edit);
  return {
    id: hotspot.id,
    view: viewKey(hotspot.view),
    x: frame.x,
    y: frame.y,
    label: hotspot.label,
    score: hotspot.source === 'reader' ? null : (automatic?.score ?? null),
    reason:
      action === 'add'
        ? 'added by the reader'
        : action === null
          ? (automatic?.reason ?? '')
          : `${action === 'confirm' ? 'confirmed' : 'rejected'} by the reader (automatic: ${automatic?.label ?? 'unknown'})`,
    region: hotspot.region,
    areaMm2: hotspot.areaMm2,
    ratioMax: hotspot.source === 'reader' ? null : (automatic?.ratioMax ?? null),
    source: hotspot.source,
    readerAction: action,
  };
}

export function automaticResultView(payload: BoneScanResultPayload): BoneScanResultView {
  const bsi = payload.report.automatic.bsi;
  return {
    bsiPercent: bsi.percent,
    bsiByRegion: { ...bsi.byRegion },
    metastasisCount: bsi.metastasisCount,
    hotspots: automaticHotspots(payload),
  };
}

export function editedResultView(payload: BoneScanResultPayload, edited: BoneScanEditedPayload): BoneScanResultView {
  const bsi = edited.edited.bsi;
  return {
    bsiPercent: bsi.percent,
    bsiByRegion: { ...bsi.byRegion },
    metastasisCount: bsi.metastasisCount,
    hotspots: edited.edited.hotspots.map((h) => editedHotspot(payload, h)),
  };
}

/** The bone-scan part of the analysis view. */
export function boneScanView(
  payload: BoneScanResultPayload,
  edited: BoneScanEditedPayload | null,
  edits: readonly ReaderEditView[],
): BoneScanView {
  const { report } = payload;
  return {
    automatic: automaticResultView(payload),
    edited: edited === null ? null : editedResultView(payload, edited),
    edits: [...edits],
    countQuality: report.countQuality.views.map((v) => ({
      view: viewKey(v.view),
      status: v.status,
      totalCounts: v.totalCounts,
      message: v.message,
    })),
    superscan: { superscan: report.superscan.superscan, message: report.superscan.message },
    citations: report.citations.map((c) => ({
      id: c.id,
      short: c.short,
      reference: c.reference,
      ...(c.url === undefined ? {} : { url: c.url }),
    })),
  };
}
