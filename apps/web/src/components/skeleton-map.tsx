import { useState, type ReactElement } from 'react';
import type { LesionReportView } from '../api/schemas.js';
import { locationOfCodedLesion, pointOfLocation, viewX, type MapPoint } from '../skeleton/lesion-positions.js';

/** Lesion states of a response assessment; none is known until an analysis has tracked the lesions. */
const STATE_LEGEND = [
  { id: 'new', label: 'New' },
  { id: 'stable', label: 'Stable' },
  { id: 'responding', label: 'Responding' },
  { id: 'progressing', label: 'Progressing' },
  { id: 'unknown', label: 'Not assessed' },
] as const;

/** A body outline in the map's units (200 × 440): head, neck, trunk, arms and legs. */
const BODY_OUTLINE =
  'M100 6 C86 6 80 18 80 32 C80 46 88 56 94 58 L94 66 L70 72 C58 76 54 84 52 96 L44 170 L36 232 ' +
  'L42 246 L50 234 L60 176 L66 126 L68 210 L66 250 L74 330 L72 414 L60 432 L92 432 L92 414 L96 330 L99 262 ' +
  'L101 262 L104 330 L108 414 L108 432 L140 432 L128 414 L126 330 L134 250 L132 210 L134 126 L140 176 ' +
  'L150 234 L158 246 L164 232 L156 170 L148 96 C146 84 142 76 130 72 L106 66 L106 58 C112 56 120 46 120 32 ' +
  'C120 18 114 6 100 6 Z';

interface PlacedLesion {
  readonly lesion: LesionReportView;
  readonly point: MapPoint | undefined;
}

function BodyView({
  view,
  lesions,
  selected,
  onSelect,
}: {
  readonly view: 'anterior' | 'posterior';
  readonly lesions: readonly PlacedLesion[];
  readonly selected: string | undefined;
  readonly onSelect: (lesionId: string) => void;
}): ReactElement {
  const title = view === 'anterior' ? 'Anterior' : 'Posterior';
  return (
    <figure className="body-view">
      <figcaption>
        {title} <span className="note">(patient&apos;s right on the {view === 'anterior' ? 'left' : 'right'})</span>
      </figcaption>
      <svg viewBox="0 0 200 440" width={200} height={440} role="group" aria-label={`${title} view`}>
        <path d={BODY_OUTLINE} className="outline" />
        <line x1={100} y1={60} x2={100} y2={240} className="spine" />
        {lesions.map(({ lesion, point }) =>
          point === undefined ? null : (
            <circle
              key={lesion.lesionId}
              cx={viewX(point, view)}
              cy={point.y}
              r={selected === lesion.lesionId ? 8 : 6}
              className={`lesion state-unknown${selected === lesion.lesionId ? ' selected' : ''}`}
              role="button"
              tabIndex={0}
              aria-label={`Lesion ${lesion.lesionId}, ${lesion.location.display} (${view} view)`}
              aria-pressed={selected === lesion.lesionId}
              onClick={() => {
                onSelect(lesion.lesionId);
              }}
              onKeyDown={(event) => {
                if (event.key === 'Enter' || event.key === ' ') {
                  event.preventDefault();
                  onSelect(lesion.lesionId);
                }
              }}
            >
              <title>{`${lesion.lesionId}: ${lesion.location.display}`}</title>
            </circle>
          ),
        )}
      </svg>
    </figure>
  );
}

/** Anterior and posterior outlines with each lesion at its coded location; a click shows its details. */
export function SkeletonMap({ lesions }: { readonly lesions: readonly LesionReportView[] }): ReactElement {
  const [selected, setSelected] = useState<string | undefined>(undefined);
  const placed: PlacedLesion[] = lesions.map((lesion) => {
    const location = locationOfCodedLesion(lesion.location);
    return { lesion, point: location === undefined ? undefined : pointOfLocation(location) };
  });
  const current = placed.find((item) => item.lesion.lesionId === selected)?.lesion;
  const unplaced = placed.filter((item) => item.point === undefined);
  return (
    <section className="panel" aria-labelledby="skeleton-heading">
      <h2 id="skeleton-heading">Skeleton map</h2>
      <div className="skeleton">
        <BodyView view="anterior" lesions={placed} selected={selected} onSelect={setSelected} />
        <BodyView view="posterior" lesions={placed} selected={selected} onSelect={setSelected} />
        <div className="lesion-details" aria-live="polite">
          <ul className="legend" aria-label="Lesion state colours">
            {STATE_LEGEND.map((state) => (
              <li key={state.id}>
                <svg width={12} height={12} aria-hidden="true">
                  <circle cx={6} cy={6} r={5} className={`lesion state-${state.id}`} />
                </svg>{' '}
                {state.label}
              </li>
            ))}
          </ul>
          <p className="note">No tracked analysis yet: every lesion is shown as not assessed.</p>
          {current === undefined ? (
            <p>{lesions.length === 0 ? 'No lesions recorded.' : 'Select a lesion to see its details.'}</p>
          ) : (
            <div data-testid="lesion-details">
              <h3>
                Lesion {current.lesionId}: {current.location.display}
              </h3>
              <p>
                Region: {current.location.region.display}; structure: {current.location.structure.display} (SNOMED CT{' '}
                {current.location.structure.code})
                {current.location.laterality === undefined ? '' : `; side: ${current.location.laterality.display}`}
              </p>
              <ul>
                {current.options.map((option) => (
                  <li key={option.id}>
                    {option.strength.replace('_', ' ')}: {option.title}
                  </li>
                ))}
              </ul>
            </div>
          )}
          {unplaced.length > 0 ? (
            <p className="note">
              Not placed on the map (location not in the skeletal model):{' '}
              {unplaced.map((item) => item.lesion.location.display).join(', ')}
            </p>
          ) : null}
        </div>
      </div>
    </section>
  );
}
