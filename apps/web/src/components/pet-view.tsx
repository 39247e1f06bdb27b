import { useEffect, useState, type ReactElement } from 'react';
import type { AnalysisListItem, PetLesionView } from '../api/analysis-schemas.js';
import { useAnalysisDetail } from '../api/use-analysis-detail.js';
import { Citations } from './citations.js';
import { ErrorMessage } from './error-message.js';
import { FrameImage, type FrameMarker } from './frame-image.js';

const MIP_HEIGHT_PX = 640;
const MARKER_RADIUS_PX = 9;

function formatValue(value: number | null, digits: number): string {
  return value === null ? '—' : value.toFixed(digits);
}

/** The coronal MIP of a PET study with its lesions marked, and the lesion table; a row highlights its marker. */
export function PetView({ analyses }: { readonly analyses: readonly AnalysisListItem[] }): ReactElement {
  const studies = analyses.filter((item) => item.kind === 'pet-quantify');
  const [resultId, setResultId] = useState<string | undefined>(studies.at(-1)?.resultId);
  const { detail, error } = useAnalysisDetail(resultId);
  const [highlighted, setHighlighted] = useState<string | undefined>(undefined);

  useEffect(() => {
    if (resultId === undefined && studies.length > 0) setResultId(studies.at(-1)?.resultId);
  }, [resultId, studies]);

  if (studies.length === 0) {
    return (
      <section className="panel" aria-labelledby="pet-heading">
        <h2 id="pet-heading">PET</h2>
        <p>No PET analysis for this patient yet.</p>
      </section>
    );
  }
  const pet = detail?.pet ?? null;
  const mip = detail?.images.find((image) => image.name === 'MIP');
  const lesions: readonly PetLesionView[] = pet?.lesions ?? [];
  const markers: FrameMarker[] = lesions.flatMap((lesion) =>
    lesion.mip?.image !== 'MIP'
      ? []
      : [
          {
            id: lesion.lesionId,
            x: lesion.mip.x,
            y: lesion.mip.y,
            radiusPx: MARKER_RADIUS_PX,
            className: 'pet-lesion',
            label: `Lesion ${lesion.lesionId}, ${lesion.region ?? 'region unknown'}, SUVmax ${lesion.suvmax.toFixed(1)}`,
          },
        ],
  );
  return (
    <section className="panel" aria-labelledby="pet-heading">
      <h2 id="pet-heading">PET</h2>
      <label>
        Study{' '}
        <select
          aria-label="PET study"
          value={resultId ?? ''}
          onChange={(event) => {
            setResultId(event.target.value);
          }}
        >
          {studies.map((item) => (
            <option key={item.resultId} value={item.resultId}>
              {item.studyDate ?? 'date unknown'}
            </option>
          ))}
        </select>
      </label>
      {error === null ? null : <ErrorMessage error={error} />}
      {detail === undefined ? (
        error === null ? (
          <p aria-live="polite">Loading the PET study…</p>
        ) : null
      ) : pet === null ? (
        <p>This result holds no PET quantification.</p>
      ) : (
        <div className="pet-layout">
          {mip === undefined ? (
            <p>No MIP image for this result.</p>
          ) : (
            <FrameImage
              image={mip}
              displayHeightPx={MIP_HEIGHT_PX}
              markers={markers}
              highlighted={highlighted}
              onHighlight={setHighlighted}
              onSelect={setHighlighted}
              caption="Coronal MIP (SUVbw 0–10, inverted; patient's right on the image left)"
            />
          )}
          <div>
            <table className="data pet-lesions" data-testid="pet-lesion-table">
              <thead>
                <tr>
                  <th scope="col">Lesion</th>
                  <th scope="col">Region</th>
                  <th scope="col">SUVmax</th>
                  <th scope="col">SULpeak</th>
                  <th scope="col">MTV (ml)</th>
                  <th scope="col">TLG</th>
                </tr>
              </thead>
              <tbody>
                {lesions.map((lesion) => (
                  <tr
                    key={lesion.lesionId}
                    data-testid="pet-lesion-row"
                    className={highlighted === lesion.lesionId ? 'active' : undefined}
                    tabIndex={0}
                    aria-selected={highlighted === lesion.lesionId}
                    onClick={() => {
                      setHighlighted(lesion.lesionId);
                    }}
                    onMouseEnter={() => {
                      setHighlighted(lesion.lesionId);
                    }}
                    onFocus={() => {
                      setHighlighted(lesion.lesionId);
                    }}
                  >
                    <td>{lesion.lesionId}</td>
                    <td>{lesion.region ?? 'unknown'}</td>
                    <td>{lesion.suvmax.toFixed(2)}</td>
                    <td>{formatValue(lesion.sulPeak, 2)}</td>
                    <td>{formatValue(lesion.mtvMl, 1)}</td>
                    <td>{formatValue(lesion.tlg, 1)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {lesions.length === 0 ? <p>No lesions above the threshold.</p> : null}
            {pet.reference === null ? (
              <p className="note">No reference region measured: PERCIST thresholds not available.</p>
            ) : (
              <p className="note">
                Reference: {pet.reference.region}, SULmean {pet.reference.sulMean.toFixed(2)} (SD{' '}
                {pet.reference.sulSd.toFixed(2)})
              </p>
            )}
            <Citations citations={pet.citations} />
            <p className="disclaimer-inline">{detail.disclaimer}</p>
          </div>
        </div>
      )}
    </section>
  );
}
