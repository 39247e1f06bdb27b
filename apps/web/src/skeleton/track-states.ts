import type { TrackState } from '../api/analysis-schemas.js';

/**
 * The states the skeleton map colours. A tracked lesion's latest state maps onto them: new → new;
 * increased → progressing; decreased and resolved → responding; stable and baseline (only one time point
 * seen) → stable. The words follow the lesion-level states of the tracking (new, increased, stable,
 * decreased, resolved), grouped as the tumour board reads them.
 */
export const mapStates = ['new', 'stable', 'responding', 'progressing', 'unknown'] as const;
export type MapState = (typeof mapStates)[number];

export const MAP_STATE_LABELS: Readonly<Record<MapState, string>> = {
  new: 'New',
  stable: 'Stable',
  responding: 'Responding',
  progressing: 'Progressing',
  unknown: 'Not assessed',
};

/** Colours of the states (the skeleton map's CSS classes state-* use the same values). */
export const MAP_STATE_COLOURS: Readonly<Record<MapState, string>> = {
  new: '#d81b60',
  stable: '#f0a500',
  responding: '#00897b',
  progressing: '#7f0000',
  unknown: '#7e57c2',
};

export function mapStateOfTrackState(state: TrackState | undefined): MapState {
  switch (state) {
    case 'new':
      return 'new';
    case 'increased':
      return 'progressing';
    case 'decreased':
    case 'resolved':
      return 'responding';
    case 'stable':
    case 'baseline':
      return 'stable';
    case undefined:
      return 'unknown';
  }
}

/** The state of a track at its latest time point (states sorted by date, the last one counts). */
export function latestMapState(
  states: readonly { readonly studyDate: string; readonly state: TrackState }[],
): MapState {
  const latest = [...states].sort((a, b) => a.studyDate.localeCompare(b.studyDate)).at(-1);
  return mapStateOfTrackState(latest?.state);
}
