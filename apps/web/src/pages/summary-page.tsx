import type { ReactElement } from 'react';
import type { AnalysisListItem, PatientResponse } from '../api/analysis-schemas.js';
import type { PatientView, ReportView } from '../api/schemas.js';
import { useAnalysisDetail } from '../api/use-analysis-detail.js';
import { Disclaimer } from '../components/disclaimer.js';
import { ErrorMessage } from '../components/error-message.js';
import { FrameImage } from '../components/frame-image.js';
import { ResponsePanel } from '../components/response-panel.js';
import { SkeletonMap } from '../components/skeleton-map.js';
import { AnalysisCharts } from '../components/trend-charts.js';
import { composeSummary } from '../summary/compose-summary.js';
import { displayRadiusOfDiameter, displaySizeForHeight } from '../viewer/frame-geometry.js';
import { currentHotspots, equivalentDiameterMm, hotspotMarkerStyle } from '../viewer/hotspot-markers.js';

const PRINT_IMAGE_HEIGHT_PX = 520;

function LatestBoneScan({ item }: { readonly item: AnalysisListItem | undefined }): ReactElement {
  const { detail, error } = useAnalysisDetail(item?.resultId);
  if (item === undefined) return <p>No bone-scan analysis yet.</p>;
  if (error !== null) return <ErrorMessage error={error} />;
  if (detail === undefined || detail.boneScan === null) return <p aria-live="polite">Loading the latest bone scan…</p>;
  const boneScan = detail.boneScan;
  const hotspots = currentHotspots(boneScan);
  return (
    <div data-testid="summary-bone-scan">
      <p>
        Study of {item.studyDate ?? 'unknown date'}: BSI {boneScan.automatic.bsiPercent.toFixed(2)} % automatic
        {boneScan.edited === null
          ? ' (no reader edits)'
          : `, ${boneScan.edited.bsiPercent.toFixed(2)} % after reader edits`}
        ; {(boneScan.edited ?? boneScan.automatic).metastasisCount} metastasis hotspots.
        {boneScan.superscan.superscan ? ` ${boneScan.superscan.message}` : ''}
      </p>
      <div className="bone-scan-views">
        {(['ANT', 'POST'] as const).map((view) => {
          const image = detail.images.find((candidate) => candidate.name === view);
          if (image === undefined) return null;
          const size = displaySizeForHeight(image, PRINT_IMAGE_HEIGHT_PX);
          return (
            <FrameImage
              key={view}
              image={image}
              displayHeightPx={PRINT_IMAGE_HEIGHT_PX}
              markers={hotspots
                .filter((hotspot) => hotspot.view === view)
                .map((hotspot) => ({
                  id: hotspot.id,
                  x: hotspot.x,
                  y: hotspot.y,
                  radiusPx: displayRadiusOfDiameter(equivalentDiameterMm(hotspot.areaMm2), size, image),
                  className: hotspotMarkerStyle(hotspot).className,
                  label: `Hotspot ${hotspot.id}: ${hotspotMarkerStyle(hotspot).description}`,
                }))}
            />
          );
        })}
      </div>
    </div>
  );
}

/**
 * The printable tumour-board summary of one patient: identity as the role allows, urgent alerts and options,
 * response, skeleton map, key trends and the latest bone scan with its hotspots. The print stylesheet
 * repeats the disclaimer on every printed page.
 */
export function SummaryView({
  patient,
  report,
  analyses,
  response,
  onBack,
}: {
  readonly patient: PatientView;
  readonly report: ReportView | undefined;
  readonly analyses: readonly AnalysisListItem[];
  readonly response: PatientResponse | undefined;
  readonly onBack: () => void;
}): ReactElement {
  const summary = composeSummary({ patient, report, analyses, response });
  return (
    <article className="summary" data-testid="print-summary">
      <div className="screen-only summary-actions">
        <button type="button" onClick={onBack}>
          Back to the patient
        </button>
        <button
          type="button"
          onClick={() => {
            window.print();
          }}
        >
          Print
        </button>
      </div>
      <header>
        <h1>Tumour-board summary: {summary.heading}</h1>
        <Disclaimer />
        <dl className="facts">
          {summary.identity.map((entry) => (
            <div key={entry.label}>
              <dt>{entry.label}</dt>
              <dd>{entry.value}</dd>
            </div>
          ))}
          <div>
            <dt>Printed</dt>
            <dd>{new Date().toISOString().slice(0, 10)}</dd>
          </div>
        </dl>
      </header>
      <section className="panel" aria-labelledby="summary-decision-heading">
        <h2 id="summary-decision-heading">Decision support</h2>
        {report === undefined ? (
          <p>No stored recommendation for this patient.</p>
        ) : (
          <>
            <p className="meta">
              Assessment of {summary.assessmentDate}, rule set {report.ruleSetVersion}.
            </p>
            <h3>Urgent alerts</h3>
            {summary.urgentAlerts.length === 0 ? (
              <p>None.</p>
            ) : (
              <ul className="urgent-list" data-testid="summary-alerts">
                {report.alerts.map((option) => (
                  <li key={option.id}>
                    <strong>{option.title}</strong> — {option.reasons.join('; ')} (
                    {option.sources.map((source) => source.short).join('; ')})
                  </li>
                ))}
              </ul>
            )}
            <h3>Options</h3>
            {summary.otherOptions.length === 0 ? (
              <p>None.</p>
            ) : (
              <ul>
                {summary.otherOptions.map((line, index) => (
                  <li key={index}>{line}</li>
                ))}
              </ul>
            )}
          </>
        )}
      </section>
      {response?.timeline === null || response?.timeline === undefined ? null : (
        <p className="response-line">{summary.responseLine}</p>
      )}
      <ResponsePanel response={response} compact />
      <SkeletonMap lesions={report?.lesions ?? []} tracks={response?.timeline?.tracks} />
      <section className="panel" aria-labelledby="summary-trends-heading">
        <h2 id="summary-trends-heading">Key trends</h2>
        <div className="charts">
          <AnalysisCharts analyses={analyses} widthPx={330} heightPx={190} />
        </div>
      </section>
      <section className="panel" aria-labelledby="summary-bone-scan-heading">
        <h2 id="summary-bone-scan-heading">Latest bone scan</h2>
        <LatestBoneScan item={summary.latestBoneScan} />
      </section>
      {summary.latestPet === undefined ? null : (
        <p>
          Latest PET of {summary.latestPet.studyDate}: hottest SULpeak{' '}
          {summary.latestPet.summary.hottestSulPeak?.toFixed(2) ?? 'not measured'},{' '}
          {summary.latestPet.summary.petLesionCount ?? 'unknown number of'} lesions.
        </p>
      )}
    </article>
  );
}
