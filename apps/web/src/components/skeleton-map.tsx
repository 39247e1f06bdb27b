import { useState, type ReactElement } from 'react';
import type { LesionTrackView } from '../api/analysis-schemas.js';
import type { LesionReportView } from '../api/schemas.js';
import { locationOfCodedLesion, pointOfLocation, viewX, type MapPoint } from '../skeleton/lesion-positions.js';
import { locationOfRegion } from '../skeleton/region-location.js';
import { latestMapState, MAP_STATE_LABELS, mapStates, type MapState } from '../skeleton/track-states.js';

/** A body outline in the map's units (200 × 440): head, neck, trunk, arms and legs. */
const BODY_OUTLINE =
  'M100 6 C86 6 80 18 80 32 C80 46 88 56 94 58 L94 66 L70 72 C58 76 54 84 52 96 L44 170 L36 232 ' +
  'L42 246 L50 234 L60 176 L66 126 L68 210 L66 250 L74 330 L72 414 L60 432 L92 432 L92 414 L96 330 L99 262 ' +
  'L101 262 L104 330 L108 414 L108 432 L140 432 L128 414 L126 330 L134 250 L132 210 L134 126 L140 176 ' +
  'L150 234 L158 246 L164 232 L156 170 L148 96 C146 84 142 76 130 72 L106 66 L106 58 C112 56 120 46 120 32 ' +
  'C120 18 114 6 100 6 Z';

/** One mark on the map: a reported lesion, or a tracked lesion with its latest state. */
interface MapMark {
  readonly id: string;
  readonly title: string;
  readonly point: MapPoint | undefined;
  readonly state: MapState;
  /** The body view a mark belongs to (a bone-scan track is per view); both views when undefined. */
  readonly view: 'anterior' | 'posterior' | undefined;
  readonly details: ReactElement;
}

function BodyView({
  view,
  marks,
  selected,
  onSelect,
}: {
  readonly view: 'anterior' | 'posterior';
  readonly marks: readonly MapMark[];
  readonly selected: string | undefined;
  readonly onSelect: (id: string) => void;
}): ReactElement {
  const title = view === 'anterior' ? 'Anterior' : 'Posterior';
  // Marks at one place are spread a little along the body's width so that each stays clickable.
  const seen = new Map<string, number>();
  return (
    <figure className="body-view">
      <figcaption>
        {title} <span className="note">(patient&apos;s right on the {view === 'anterior' ? 'left' : 'right'})</span>
      </figcaption>
      <svg viewBox="0 0 200 440" width={200} height={440} role="group" aria-label={`${title} view`}>
        <path d={BODY_OUTLINE} className="outline" />
        <line x1={100} y1={60} x2={100} y2={240} className="spine" />
        {marks.map((mark) => {
          if (mark.point === undefined || (mark.view !== undefined && mark.view !== view)) return null;
          const key = `${String(mark.point.sideOffset)}/${String(mark.point.y)}`;
          const order = seen.get(key) ?? 0;
          seen.set(key, order + 1);
          const nudge = order === 0 ? 0 : (order % 2 === 1 ? 1 : -1) * Math.ceil(order / 2) * 9;
          return (
            <circle
              key={mark.id}
              cx={viewX(mark.point, view) + nudge}
              cy={mark.point.y}
              r={selected === mark.id ? 8 : 6}
              className={`lesion state-${mark.state}${selected === mark.id ? ' selected' : ''}`}
              role="button"
              tabIndex={0}
              aria-label={`${mark.title} (${view} view)`}
              aria-pressed={selected === mark.id}
              onClick={() => {
                onSelect(mark.id);
              }}
              onKeyDown={(event) => {
                if (event.key === 'Enter' || event.key === ' ') {
                  event.preventDefault();
                  onSelect(mark.id);
                }
              }}
            >
              <title>{mark.title}</title>
            </circle>
          );
        })}
      </svg>
    </figure>
  );
}

function marksOfReport(lesions: readonly LesionReportView[]): MapMark[] {
  return lesions.map((lesion) => {
    const location = locationOfCodedLesion(lesion.location);
    return {
      id: lesion.lesionId,
      title: `Lesion ${lesion.lesionId}, ${lesion.location.display}`,
      point: location === undefined ? undefined : pointOfLocation(location),
      state: 'unknown',
      view: undefined,
      details: (
        <div data-testid="lesion-details">
          <h3>
            Lesion {lesion.lesionId}: {lesion.location.display}
          </h3>
          <p>
            Region: {lesion.location.region.display}; structure: {lesion.location.structure.display} (SNOMED CT{' '}
            {lesion.location.structure.code})
            {lesion.location.laterality === undefined ? '' : `; side: ${lesion.location.laterality.display}`}
          </p>
          <ul>
            {lesion.options.map((option) => (
              <li key={option.id}>
                {option.strength.replace('_', ' ')}: {option.title}
              </li>
            ))}
          </ul>
        </div>
      ),
    };
  });
}

function marksOfTracks(tracks: readonly LesionTrackView[]): MapMark[] {
  return tracks.map((track, index) => {
    const location = locationOfRegion(track.region);
    const state = latestMapState(track.states);
    const region = track.region?.replaceAll('_', ' ') ?? 'region unknown';
    const modality = track.modality === 'NM' ? 'bone scan' : 'PET';
    const view = track.view === 'anterior' || track.view === 'posterior' ? track.view : undefined;
    return {
      id: `${track.trackingUid}#${String(index)}`,
      title: `Tracked lesion ${String(index + 1)}, ${region}, ${modality}: ${MAP_STATE_LABELS[state]}`,
      point: location === undefined ? undefined : pointOfLocation(location),
      state,
      view,
      details: (
        <div data-testid="lesion-details">
          <h3>
            Tracked lesion {index + 1}: {region} ({modality}
            {view === undefined ? '' : `, ${view} view`})
          </h3>
          <p className="note">Tracking UID {track.trackingUid}</p>
          <ol>
            {[...track.states]
              .sort((a, b) => a.studyDate.localeCompare(b.studyDate))
              .map((entry) => (
                <li key={entry.studyDate}>
                  {entry.studyDate}: {entry.state}
                  {entry.value === undefined || entry.value === null ? '' : ` (${entry.value.toFixed(2)})`}
                </li>
              ))}
          </ol>
        </div>
      ),
    };
  });
}

/**
 * Anterior and posterior outlines with each lesion at its location; a click shows its details. Tracked
 * lesions (from the response assessment) are coloured by their latest state; without tracks, the lesions of
 * the stored recommendation are shown as not assessed.
 */
export function SkeletonMap({
  lesions,
  tracks = [],
}: {
  readonly lesions: readonly LesionReportView[];
  readonly tracks?: readonly LesionTrackView[] | undefined;
}): ReactElement {
  const [selected, setSelected] = useState<string | undefined>(undefined);
  const tracked = tracks.length > 0;
  const marks = tracked ? marksOfTracks(tracks) : marksOfReport(lesions);
  const current = marks.find((mark) => mark.id === selected);
  const unplaced = marks.filter((mark) => mark.point === undefined);
  return (
    <section className="panel" aria-labelledby="skeleton-heading" data-testid="skeleton-map">
      <h2 id="skeleton-heading">Skeleton map</h2>
      <div className="skeleton">
        <BodyView view="anterior" marks={marks} selected={selected} onSelect={setSelected} />
        <BodyView view="posterior" marks={marks} selected={selected} onSelect={setSelected} />
        <div className="lesion-details" aria-live="polite">
          <ul className="legend" aria-label="Lesion state colours">
            {mapStates.map((state) => (
              <li key={state}>
                <svg width={12} height={12} aria-hidden="true">
                  <circle cx={6} cy={6} r={5} className={`lesion state-${state}`} />
                </svg>{' '}
                {MAP_STATE_LABELS[state]}
              </li>
            ))}
          </ul>
          {tracked ? (
            <p className="note">Tracked lesions of the latest response assessment, by their latest state.</p>
          ) : (
            <p className="note">No tracked analysis yet: every lesion is shown as not assessed.</p>
          )}
          {current === undefined ? (
            <p>{marks.length === 0 ? 'No lesions recorded.' : 'Select a lesion to see its details.'}</p>
          ) : (
            current.details
          )}
          {unplaced.length > 0 ? (
            <p className="note">
              Not placed on the map (location not in the skeletal model):{' '}
              {unplaced.map((mark) => mark.title).join(', ')}
            </p>
          ) : null}
        </div>
      </div>
    </section>
  );
}
