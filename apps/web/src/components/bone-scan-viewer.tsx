import { useEffect, useState, type ReactElement } from 'react';
import { deleteReaderEdit, postReaderEdit } from '../api/analyses.js';
import type {
  AnalysisDetail,
  AnalysisImage,
  AnalysisListItem,
  BoneScanView,
  HotspotView,
  ReaderEditRequest,
} from '../api/analysis-schemas.js';
import { useAnalysisDetail } from '../api/use-analysis-detail.js';
import { displayRadiusOfDiameter, displaySizeForHeight } from '../viewer/frame-geometry.js';
import { currentHotspots, equivalentDiameterMm, hotspotMarkerStyle } from '../viewer/hotspot-markers.js';
import { Citations } from './citations.js';
import { ErrorMessage } from './error-message.js';
import { FrameImage, type FrameMarker } from './frame-image.js';

const ZOOM_HEIGHTS_PX = { fit: 640, double: 1280 } as const;
type Zoom = keyof typeof ZOOM_HEIGHTS_PX;
const ADD_DIAMETERS_MM = [10, 15, 20, 30] as const;
/** The reader's verdicts on a detected hotspot, as table buttons. */
const HOTSPOT_ACTIONS = [
  { action: 'confirm', label: 'Confirm' },
  { action: 'reject', label: 'Reject' },
] as const;

function formatPercent(value: number): string {
  return `${value.toFixed(2)} %`;
}

function markersOf(
  hotspots: readonly HotspotView[],
  view: 'ANT' | 'POST',
  image: AnalysisImage,
  heightPx: number,
): FrameMarker[] {
  const size = displaySizeForHeight(image, heightPx);
  return hotspots
    .filter((hotspot) => hotspot.view === view)
    .map((hotspot) => {
      const style = hotspotMarkerStyle(hotspot);
      return {
        id: hotspot.id,
        x: hotspot.x,
        y: hotspot.y,
        radiusPx: displayRadiusOfDiameter(equivalentDiameterMm(hotspot.areaMm2), size, image),
        className: style.className,
        label: `Hotspot ${hotspot.id}: ${style.description}, ${hotspot.region ?? 'region unknown'}`,
      };
    });
}

function BsiComparison({ boneScan }: { readonly boneScan: BoneScanView }): ReactElement {
  return (
    <dl className="bsi" data-testid="bsi">
      <div>
        <dt>BSI, automatic</dt>
        <dd data-testid="bsi-automatic">{formatPercent(boneScan.automatic.bsiPercent)}</dd>
        <dd className="note">{boneScan.automatic.metastasisCount} metastasis hotspots</dd>
      </div>
      <div>
        <dt>BSI, after reader edits</dt>
        <dd data-testid="bsi-edited">
          {boneScan.edited === null ? 'no edits' : formatPercent(boneScan.edited.bsiPercent)}
        </dd>
        {boneScan.edited === null ? null : (
          <dd className="note">{boneScan.edited.metastasisCount} metastasis hotspots</dd>
        )}
      </div>
    </dl>
  );
}

/**
 * A patient's bone scans one study at a time: anterior and posterior at their physical aspect with the
 * hotspots, the hotspot list in step with the markers, reader edits (confirm, reject, add, undo) for
 * identified access, and the automatic and edited Bone Scan Index side by side.
 */
export function BoneScanViewer({
  analyses,
  canEdit,
  onEdited,
}: {
  readonly analyses: readonly AnalysisListItem[];
  readonly canEdit: boolean;
  readonly onEdited?: (() => void) | undefined;
}): ReactElement {
  const studies = analyses.filter((item) => item.kind === 'bonescan-analyze');
  const [resultId, setResultId] = useState<string | undefined>(studies.at(-1)?.resultId);
  const { detail, setDetail, error, setError } = useAnalysisDetail(resultId);
  const [highlighted, setHighlighted] = useState<string | undefined>(undefined);
  const [adding, setAdding] = useState(false);
  const [addDiameterMm, setAddDiameterMm] = useState<number>(15);
  const [zoom, setZoom] = useState<Zoom>('fit');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (resultId === undefined && studies.length > 0) setResultId(studies.at(-1)?.resultId);
  }, [resultId, studies]);

  const apply = (request: Promise<AnalysisDetail>): void => {
    setBusy(true);
    setError(null);
    request
      .then((next) => {
        setDetail(next);
        onEdited?.();
      })
      .catch(setError)
      .finally(() => {
        setBusy(false);
      });
  };
  const edit = (body: ReaderEditRequest): void => {
    if (resultId !== undefined) apply(postReaderEdit(resultId, body));
  };

  if (studies.length === 0) {
    return (
      <section className="panel" aria-labelledby="bone-scan-heading">
        <h2 id="bone-scan-heading">Bone scan</h2>
        <p>No bone-scan analysis for this patient yet.</p>
      </section>
    );
  }

  const boneScan = detail?.boneScan ?? null;
  const hotspots = boneScan === null ? [] : currentHotspots(boneScan);
  const heightPx = ZOOM_HEIGHTS_PX[zoom];
  const views = (['ANT', 'POST'] as const).flatMap((view) => {
    const image = detail?.images.find((candidate) => candidate.name === view);
    return image === undefined ? [] : [{ view, image }];
  });
  const lastEdit = boneScan?.edits.at(-1);

  return (
    <section className="panel" aria-labelledby="bone-scan-heading">
      <h2 id="bone-scan-heading">Bone scan</h2>
      <div className="viewer-controls">
        <label>
          Study{' '}
          <select
            aria-label="Bone-scan study"
            value={resultId ?? ''}
            onChange={(event) => {
              setResultId(event.target.value);
              setAdding(false);
            }}
          >
            {studies.map((item) => (
              <option key={item.resultId} value={item.resultId}>
                {item.studyDate ?? 'date unknown'}
                {item.summary.bsiPercent === undefined ? '' : ` · BSI ${formatPercent(item.summary.bsiPercent)}`}
              </option>
            ))}
          </select>
        </label>
        <label>
          Zoom{' '}
          <select
            value={zoom}
            onChange={(event) => {
              setZoom(event.target.value === 'double' ? 'double' : 'fit');
            }}
          >
            <option value="fit">Fit</option>
            <option value="double">2×</option>
          </select>
        </label>
        {canEdit && boneScan !== null ? (
          <>
            <button
              type="button"
              aria-pressed={adding}
              onClick={() => {
                setAdding(!adding);
              }}
            >
              {adding ? 'Stop adding' : 'Add a hotspot'}
            </button>
            <label>
              Diameter{' '}
              <select
                value={addDiameterMm}
                onChange={(event) => {
                  setAddDiameterMm(Number(event.target.value));
                }}
              >
                {ADD_DIAMETERS_MM.map((diameter) => (
                  <option key={diameter} value={diameter}>
                    {diameter} mm
                  </option>
                ))}
              </select>
            </label>
            <button
              type="button"
              disabled={lastEdit === undefined || busy}
              onClick={() => {
                if (lastEdit !== undefined && resultId !== undefined)
                  apply(deleteReaderEdit(resultId, lastEdit.editId));
              }}
            >
              Undo last edit
            </button>
          </>
        ) : null}
        {busy ? <span aria-live="polite">Saving…</span> : null}
      </div>
      {error === null ? null : <ErrorMessage error={error} />}
      {detail === undefined ? (
        error === null ? (
          <p aria-live="polite">Loading the bone scan…</p>
        ) : null
      ) : boneScan === null ? (
        <p>This result holds no bone-scan analysis.</p>
      ) : (
        <>
          <BsiComparison boneScan={boneScan} />
          {adding ? (
            <p className="note" role="status">
              Click on a view to add a {addDiameterMm} mm metastasis hotspot there.
            </p>
          ) : null}
          <ul className="legend hotspot-legend" aria-label="Hotspot markers">
            <li>
              <svg width={14} height={14} aria-hidden="true">
                <circle cx={7} cy={7} r={5} className="hotspot metastasis" />
              </svg>{' '}
              Metastasis
            </li>
            <li>
              <svg width={14} height={14} aria-hidden="true">
                <circle cx={7} cy={7} r={5} className="hotspot benign" />
              </svg>{' '}
              Benign
            </li>
            <li>
              <svg width={14} height={14} aria-hidden="true">
                <circle cx={7} cy={7} r={5} className="hotspot metastasis reader" />
              </svg>{' '}
              Made or changed by a reader (dashed)
            </li>
          </ul>
          <div className="viewer-layout">
            <div className="bone-scan-views">
              {views.map(({ view, image }) => (
                <FrameImage
                  key={view}
                  image={image}
                  displayHeightPx={heightPx}
                  markers={markersOf(hotspots, view, image, heightPx)}
                  highlighted={highlighted}
                  onHighlight={setHighlighted}
                  onSelect={setHighlighted}
                  adding={adding}
                  onAdd={(point) => {
                    edit({ action: 'add', view, x: point.x, y: point.y, diameterMm: addDiameterMm });
                    setAdding(false);
                  }}
                />
              ))}
            </div>
            <div className="hotspot-list">
              <HotspotTable
                hotspots={hotspots}
                highlighted={highlighted}
                onHighlight={setHighlighted}
                canEdit={canEdit}
                busy={busy}
                onEdit={edit}
              />
            </div>
          </div>
          {boneScan.edits.length > 0 ? (
            <>
              <h3>Reader edits</h3>
              <ol className="edits" data-testid="edits">
                {boneScan.edits.map((item) => (
                  <li key={item.editId} data-action={item.action}>
                    {item.action} {item.hotspotId ?? '(new hotspot)'} by {item.userName}, {item.createdAt}
                    {canEdit ? (
                      <button
                        type="button"
                        disabled={busy}
                        onClick={() => {
                          if (resultId !== undefined) apply(deleteReaderEdit(resultId, item.editId));
                        }}
                      >
                        Undo
                      </button>
                    ) : null}
                  </li>
                ))}
              </ol>
            </>
          ) : null}
          <h3>Quality</h3>
          <ul className="quality" data-testid="count-quality">
            {boneScan.countQuality.map((quality) => (
              <li key={quality.view} className={`quality-${quality.status}`}>
                {quality.view === 'ANT' ? 'Anterior' : 'Posterior'}: {quality.status}
                {quality.totalCounts === null ? '' : ` (${quality.totalCounts.toLocaleString('en')} counts)`} —{' '}
                {quality.message}
              </li>
            ))}
            <li className={boneScan.superscan.superscan ? 'quality-low' : undefined}>
              Superscan: {boneScan.superscan.superscan ? 'yes' : 'no'} — {boneScan.superscan.message}
            </li>
          </ul>
          <Citations citations={boneScan.citations} />
          <p className="disclaimer-inline">{detail.disclaimer}</p>
        </>
      )}
    </section>
  );
}

function HotspotTable({
  hotspots,
  highlighted,
  onHighlight,
  canEdit,
  busy,
  onEdit,
}: {
  readonly hotspots: readonly HotspotView[];
  readonly highlighted: string | undefined;
  readonly onHighlight: (id: string | undefined) => void;
  readonly canEdit: boolean;
  readonly busy: boolean;
  readonly onEdit: (edit: ReaderEditRequest) => void;
}): ReactElement {
  if (hotspots.length === 0) return <p>No hotspots found.</p>;
  return (
    <table className="data hotspots" data-testid="hotspot-table">
      <thead>
        <tr>
          <th scope="col">Hotspot</th>
          <th scope="col">View</th>
          <th scope="col">Region</th>
          <th scope="col">Label</th>
          <th scope="col">Score</th>
          <th scope="col">Reason</th>
          {canEdit ? <th scope="col">Reader</th> : null}
        </tr>
      </thead>
      <tbody>
        {hotspots.map((hotspot) => {
          const style = hotspotMarkerStyle(hotspot);
          return (
            <tr
              key={hotspot.id}
              data-testid="hotspot-row"
              data-hotspot={hotspot.id}
              className={highlighted === hotspot.id ? 'active' : undefined}
              onMouseEnter={() => {
                onHighlight(hotspot.id);
              }}
              onMouseLeave={() => {
                onHighlight(undefined);
              }}
              onClick={() => {
                onHighlight(hotspot.id);
              }}
            >
              <td>{hotspot.id}</td>
              <td>{hotspot.view === 'ANT' ? 'Anterior' : 'Posterior'}</td>
              <td>{hotspot.region?.replaceAll('_', ' ') ?? 'unknown'}</td>
              <td>
                <span className={`badge ${hotspot.label}`}>{hotspot.label}</span>
                {style.readerChanged ? <span className="note"> ({style.description.split(', ')[1]})</span> : null}
              </td>
              <td>{hotspot.score === null ? '—' : hotspot.score.toFixed(2)}</td>
              <td>{hotspot.reason}</td>
              {canEdit ? (
                <td className="actions">
                  {hotspot.source === 'reader' ? (
                    <span className="note">undo the edit to remove</span>
                  ) : (
                    HOTSPOT_ACTIONS.map(({ action, label }) => (
                      <button
                        key={action}
                        type="button"
                        disabled={busy || hotspot.readerAction === action}
                        aria-label={`${label} hotspot ${hotspot.id}`}
                        onClick={(event) => {
                          event.stopPropagation();
                          onEdit({ action, hotspotId: hotspot.id });
                        }}
                      >
                        {label}
                      </button>
                    ))
                  )}
                </td>
              ) : null}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
