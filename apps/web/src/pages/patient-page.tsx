import { useEffect, useState, type ReactElement } from 'react';
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
import { DecisionPanel } from '../components/decision-panel.js';
import { ErrorMessage } from '../components/error-message.js';
import { SkeletonMap } from '../components/skeleton-map.js';
import { TimelineView } from '../components/timeline-view.js';
import { TrendCharts, type PainPoint } from '../components/trend-charts.js';
import { buildTimeline, type TimelineItem } from '../timeline/timeline-events.js';

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
}: {
  readonly patientId: string;
  readonly session: Session;
}): ReactElement {
  const identified = session.user.role !== 'researcher';
  const [data, setData] = useState<PatientData | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);

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
      <div className="patient-grid">
        <DecisionPanel report={data.report} />
        <div>
          <SkeletonMap lesions={data.report?.lesions ?? []} />
        </div>
      </div>
      <TimelineView items={data.timeline} />
      {data.studiesHidden ? <p className="note">Imaging studies are listed for identified access only.</p> : null}
      <TrendCharts pain={data.pain} labs={data.labs} />
    </article>
  );
}
