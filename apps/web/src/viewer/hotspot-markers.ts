import type { HotspotView } from '../api/analysis-schemas.js';

/** How a hotspot marker is drawn: by its current label, and apart when a reader made or changed it. */
export interface HotspotMarkerStyle {
  readonly label: HotspotView['label'];
  readonly readerChanged: boolean;
  readonly className: string;
  readonly description: string;
}

export function hotspotMarkerStyle(hotspot: HotspotView): HotspotMarkerStyle {
  const readerChanged = hotspot.source === 'reader' || hotspot.readerAction !== null;
  const action =
    hotspot.readerAction === 'add'
      ? 'added by a reader'
      : hotspot.readerAction === 'confirm'
        ? 'confirmed by a reader'
        : hotspot.readerAction === 'reject'
          ? 'rejected by a reader'
          : hotspot.source === 'reader'
            ? 'drawn by a reader'
            : 'automatic';
  return {
    label: hotspot.label,
    readerChanged,
    className: `hotspot ${hotspot.label}${readerChanged ? ' reader' : ''}`,
    description: `${hotspot.label}, ${action}`,
  };
}

/** Diameter (mm) of the circle with the hotspot's area: d = 2·√(A/π). */
export function equivalentDiameterMm(areaMm2: number): number {
  return 2 * Math.sqrt(Math.max(0, areaMm2) / Math.PI);
}

/** The hotspots a reader works on: the edited result's when there are edits, the automatic ones otherwise. */
export function currentHotspots(boneScan: {
  readonly automatic: { readonly hotspots: readonly HotspotView[] };
  readonly edited: { readonly hotspots: readonly HotspotView[] } | null;
}): readonly HotspotView[] {
  return (boneScan.edited ?? boneScan.automatic).hotspots;
}
