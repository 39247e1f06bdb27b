import { useCallback, useEffect, useState, type ReactElement } from 'react';
import { fetchAnalyses, fetchAnalysis, fetchResponse } from '../api/analyses.js';
import type { AnalysisImage, AnalysisListItem, PatientResponse } from '../api/analysis-schemas.js';
import { apiRequest, ApiRequestError } from '../api/client.js';
import {
  isIdentified,
  labListSchema,
  painScoreListSchema,
  patientViewSchema,
  recommendationListSchema,
  skeletalEventListSchema,
  studyListSchema,
  treatmentListSchema,
  type LabRecord,
  type PatientView,
  type ReportView,
  type Session,
  type StudySummary,
} from '../api/schemas.js';
import { navigate } from '../app.js';
import { BoneScanViewer } from '../components/bone-scan-viewer.js';
import { DecisionPanel } from '../components/decision-panel.js';
import { ErrorMessage } from '../components/error-message.js';
import { PetView } from '../components/pet-view.js';
import { ResponsePanel } from '../components/response-panel.js';
import { SkeletonMap } from '../components/skeleton-map.js';
import { SubtractionView } from '../components/subtraction-view.js';
import { TimelineView } from '../components/timeline-view.js';
import { TrendCharts, type PainPoint } from '../components/trend-charts.js';
import { buildTimeline, type TimelineItem } from '../timeline/timeline-events.js';
import { SummaryView } from './summary-page.js';

/** The sections of a patient, each at its own address: /patients/<id>, /patients/<id>/bone-scan, … */
export const patientSections = ['overview', 'bone-scan', 'pet', 'response', 'summary'] as const;
export type PatientSection = (typeof patientSections)[number];

const SECTION_TITLES: Readonly<Record<PatientSection, string>> = {
  overview: 'Overview',
  'bone-scan': 'Bone scan',
  pet: 'PET',
  response: 'Response',
  summary: 'Print summary',
};

export function sectionPath(patientId: string, section: PatientSection): string {
  return section === 'overview' ? `/patients/${patientId}` : `/patients/${patientId}/${section}`;
}

/** The analyses and the response of a patient; each may fail apart from the rest of the page. */
export interface AnalysisData {
  readonly analyses: readonly AnalysisListItem[] | undefined;
  readonly analysesError: unknown;
  readonly response: PatientResponse | undefined;
  readonly responseError: unknown;
}

function useAnalysisData(patientId: string, section: PatientSection): AnalysisData & { reload: () => void } {
  const [state, setState] = useState<AnalysisData>({
    analyses: undefined,
    analysesError: null,
    response: undefined,
    responseError: null,
  });
  const [version, setVersion] = useState(0);
  const reload = useCallback((): void => {
    setVersion((value) => value + 1);
  }, []);
  useEffect(() => {
    let current = true;
    Promise.allSettled([fetchAnalyses(patientId), fetchResponse(patientId)])
      .then(([analyses, response]) => {
        if (!current) return;
        setState({
          analyses: analyses.status === 'fulfilled' ? analyses.value : undefined,
          analysesError: analyses.status === 'rejected' ? (analyses.reason as unknown) : null,
          response: response.status === 'fulfilled' ? response.value : undefined,
          responseError: response.status === 'rejected' ? (response.reason as unknown) : null,
        });
      })
      .catch(() => undefined);
    return () => {
      current = false;
    };
    // The section is a dependency so that opening a section shows analyses finished since the page opened.
  }, [patientId, section, version]);
  return { ...state, reload };
}

/** The subtraction images of the latest response result. */
function SubtractionSection({ response }: { readonly response: PatientResponse | undefined }): ReactElement | null {
  const resultId = response?.resultId ?? null;
  const [images, setImages] = useState<readonly AnalysisImage[] | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (resultId === null) return;
    let current = true;
    fetchAnalysis(resultId)
      .then((detail) => {
        if (current) setImages(detail.images);
      })
      .catch((caught: unknown) => {
        if (current) setError(caught);
      });
    return () => {
      current = false;
    };
  }, [resultId]);
  if (error !== null) return <ErrorMessage error={error} />;
  if (resultId === null) return <SubtractionView images={[]} />;
  if (images === undefined) return <p aria-live="polite">Loading the subtraction images…</p>;
  return <SubtractionView images={images} />;
}

interface PatientData {
  readonly patient: PatientView;
  readonly timeline: readonly TimelineItem[];
  readonly labs: readonly LabRecord[];
  readonly pain: readonly PainPoint[];
  readonly report: ReportView | undefined;
  readonly studiesHidden: boolean;
}

/** Age in whole years on `today` from a YYYY-MM-DD birth date. */
function ageYears(birthDate: string, today: Date): number {
  const [year, month, day] = birthDate.split('-').map(Number) as [number, number, number];
  const hadBirthday =
    today.getUTCMonth() + 1 > month || (today.getUTCMonth() + 1 === month && today.getUTCDate() >= day);
  return today.getUTCFullYear() - year - (hadBirthday ? 0 : 1);
}

async function loadPatientData(patientId: string, identified: boolean): Promise<PatientData> {
  const base = `/api/patients/${patientId}`;
  const [patient, treatments, events, labs, pain, recommendations, studies] = await Promise.all([
    apiRequest('GET', base, patientViewSchema),
    apiRequest('GET', `${base}/treatments`, treatmentListSchema),
    apiRequest('GET', `${base}/skeletal-events`, skeletalEventListSchema),
    apiRequest('GET', `${base}/labs`, labListSchema),
    apiRequest('GET', `${base}/pain-scores`, painScoreListSchema),
    apiRequest('GET', `${base}/recommendations`, recommendationListSchema),
    // Study lists are for identified access; the researcher view shows the imaging lane empty.
    identified
      ? apiRequest('GET', `${base}/studies`, studyListSchema).catch((error: unknown): StudySummary[] | null => {
          if (error instanceof ApiRequestError && error.status === 403) return null;
          throw error;
        })
      : Promise.resolve(null),
  ]);
  const labRecords = labs.items.map((item) => item.record);
  return {
    patient,
    labs: labRecords,
    pain: pain.items.map((item) => ({
      date: item.record.assessedOn,
      worstPain: item.record.worstPain,
      omeMgPerDay: item.derived?.oralMorphineEquivalentMgPerDay,
    })),
    timeline: buildTimeline({
      studies: studies ?? [],
      treatments: treatments.items.map((item) => item.record),
      events: events.items.map((item) => item.record),
      labs: labRecords,
      painScores: pain.items.map((item) => item.record),
    }),
    report: recommendations.items[0]?.report,
    studiesHidden: studies === null,
  };
}

export function PatientPage({
  patientId,
  session,
  section = 'overview',
}: {
  readonly patientId: string;
  readonly session: Session;
  readonly section?: PatientSection;
}): ReactElement {
  const identified = session.user.role !== 'researcher';
  const canEdit = session.user.role !== 'researcher';
  const [data, setData] = useState<PatientData | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const analysis = useAnalysisData(patientId, section);

  useEffect(() => {
    let current = true;
    setData(undefined);
    loadPatientData(patientId, identified)
      .then((next) => {
        if (current) setData(next);
      })
      .catch((caught: unknown) => {
        if (current) setError(caught);
      });
    return () => {
      current = false;
    };
  }, [patientId, identified]);

  if (error !== null) return <ErrorMessage error={error} />;
  if (data === undefined) return <p aria-live="polite">Loading patient…</p>;
  const { patient } = data;
  const age = isIdentified(patient)
    ? patient.birthDate === undefined
      ? undefined
      : ageYears(patient.birthDate, new Date())
    : patient.ageYears;
  if (section === 'summary') {
    return (
      <SummaryView
        patient={patient}
        report={data.report}
        analyses={analysis.analyses ?? []}
        response={analysis.response}
        onBack={() => {
          navigate(sectionPath(patientId, 'overview'));
        }}
      />
    );
  }
  const analysisErrors = [analysis.analysesError, analysis.responseError].filter((item) => item !== null);
  return (
    <article className="patient">
      <header className="patient-header">
        <h1>
          {isIdentified(patient) ? `${patient.familyName}, ${patient.givenName}` : `Patient ${patient.id}`}
          {patient.synthetic ? <span className="badge synthetic">Synthetic</span> : null}
        </h1>
        <dl className="facts">
          {isIdentified(patient) ? (
            <div>
              <dt>MRN</dt>
              <dd>{patient.mrn}</dd>
            </div>
          ) : null}
          <div>
            <dt>Research id</dt>
            <dd>{patient.id}</dd>
          </div>
          <div>
            <dt>Age</dt>
            <dd>{age === undefined ? 'unknown' : `${String(age)} years`}</dd>
          </div>
          <div>
            <dt>Sex</dt>
            <dd>{patient.sex}</dd>
          </div>
          <div>
            <dt>Tumour biology</dt>
            <dd>not in the stored record</dd>
          </div>
        </dl>
      </header>
      <nav className="tabs" aria-label="Patient sections">
        {patientSections.map((candidate) => (
          <a
            key={candidate}
            href={sectionPath(patientId, candidate)}
            aria-current={candidate === section ? 'page' : undefined}
            onClick={(event) => {
              event.preventDefault();
              navigate(sectionPath(patientId, candidate));
            }}
          >
            {SECTION_TITLES[candidate]}
          </a>
        ))}
      </nav>
      {analysisErrors.map((item, index) => (
        <ErrorMessage key={index} error={item} />
      ))}
      {section === 'overview' ? (
        <>
          <div className="patient-grid">
            <DecisionPanel report={data.report} />
            <div>
              <SkeletonMap lesions={data.report?.lesions ?? []} tracks={analysis.response?.timeline?.tracks} />
            </div>
          </div>
          <TimelineView items={data.timeline} />
          {data.studiesHidden ? <p className="note">Imaging studies are listed for identified access only.</p> : null}
          <TrendCharts pain={data.pain} labs={data.labs} analyses={analysis.analyses} />
        </>
      ) : null}
      {section === 'bone-scan' ? (
        analysis.analyses === undefined ? (
          <p aria-live="polite">Loading analyses…</p>
        ) : (
          <>
            <BoneScanViewer analyses={analysis.analyses} canEdit={canEdit} onEdited={analysis.reload} />
            <SubtractionSection response={analysis.response} />
          </>
        )
      ) : null}
      {section === 'pet' ? (
        analysis.analyses === undefined ? (
          <p aria-live="polite">Loading analyses…</p>
        ) : (
          <PetView analyses={analysis.analyses} />
        )
      ) : null}
      {section === 'response' ? (
        analysis.response === undefined && analysis.responseError === null ? (
          <p aria-live="polite">Loading the response assessment…</p>
        ) : (
          <ResponsePanel response={analysis.response} />
        )
      ) : null}
    </article>
  );
}
