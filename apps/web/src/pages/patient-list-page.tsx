import { useEffect, useState, type ReactElement } from 'react';
import { filteredPatientPageSchema, type PatientListItem, type ResponseStatus } from '../api/analysis-schemas.js';
import { apiRequest } from '../api/client.js';
import { isIdentified, type PatientView, type Session } from '../api/schemas.js';
import { ErrorMessage } from '../components/error-message.js';
import { navigate } from '../app.js';

const PAGE_SIZE = 25;

type SyntheticFilter = 'all' | 'true' | 'false';
const responseFilters = ['all', 'progression', 'stable', 'response', 'none'] as const;
type ResponseFilter = (typeof responseFilters)[number];
const alertFilters = ['all', 'urgent', 'any'] as const;
type AlertFilter = (typeof alertFilters)[number];

const RESPONSE_FILTER_LABELS: Readonly<Record<ResponseFilter, string>> = {
  all: 'Any status',
  progression: 'Progression',
  stable: 'Stable',
  response: 'Response',
  none: 'Not assessed yet',
};
const ALERT_FILTER_LABELS: Readonly<Record<AlertFilter, string>> = {
  all: 'All patients',
  urgent: 'With urgent alerts',
  any: 'With any alert',
};
const RESPONSE_STATUS_LABELS: Readonly<Record<ResponseStatus, string>> = {
  progression: 'Progression',
  stable: 'Stable',
  response: 'Response',
};

interface ListFilters {
  readonly q: string;
  readonly synthetic: SyntheticFilter;
  readonly response: ResponseFilter;
  readonly alerts: AlertFilter;
}

/** The list request: search, paging and the filters, all served by the API (GET /api/patients). */
export function listPath(filters: ListFilters, limit: number, offset: number): string {
  const params = new URLSearchParams({ limit: String(limit), offset: String(offset) });
  if (filters.q !== '') params.set('q', filters.q);
  if (filters.synthetic !== 'all') params.set('synthetic', filters.synthetic);
  if (filters.response !== 'all') params.set('response', filters.response);
  if (filters.alerts !== 'all') params.set('alerts', filters.alerts);
  return `/api/patients?${params.toString()}`;
}

function isOneOf<T extends string>(values: readonly T[], value: string): value is T {
  return (values as readonly string[]).includes(value);
}

function patientName(patient: PatientView): string {
  return isIdentified(patient) ? `${patient.familyName}, ${patient.givenName}` : patient.id;
}

export function PatientListPage({ session }: { readonly session: Session }): ReactElement {
  const identified = session.user.role !== 'researcher';
  const [query, setQuery] = useState('');
  const [synthetic, setSynthetic] = useState<SyntheticFilter>('all');
  const [responseFilter, setResponseFilter] = useState<ResponseFilter>('all');
  const [alertFilter, setAlertFilter] = useState<AlertFilter>('all');
  const [offset, setOffset] = useState(0);
  const [list, setList] = useState<{ items: readonly PatientListItem[]; total: number } | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let current = true;
    const timer = window.setTimeout(() => {
      const filters = { q: query.trim(), synthetic, response: responseFilter, alerts: alertFilter };
      apiRequest('GET', listPath(filters, PAGE_SIZE, offset), filteredPatientPageSchema)
        .then((next) => {
          if (current) {
            setList({ items: next.items, total: next.total });
            setError(null);
          }
        })
        .catch((caught: unknown) => {
          if (current) setError(caught);
        });
    }, 200);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [query, synthetic, responseFilter, alertFilter, offset]);

  const resetPage = (): void => {
    setOffset(0);
  };

  return (
    <section aria-labelledby="patients-heading">
      <h1 id="patients-heading">Patients</h1>
      <form
        className="filters"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
        }}
      >
        {identified ? (
          <div>
            <label htmlFor="patient-search">Search by name or MRN</label>
            <input
              id="patient-search"
              type="search"
              value={query}
              onChange={(event) => {
                setQuery(event.target.value);
                resetPage();
              }}
            />
          </div>
        ) : (
          <p className="note">De-identified view: names and MRNs are not shown, and search by them is not available.</p>
        )}
        <div>
          <label htmlFor="synthetic-filter">Data</label>
          <select
            id="synthetic-filter"
            value={synthetic}
            onChange={(event) => {
              setSynthetic(event.target.value as SyntheticFilter);
              resetPage();
            }}
          >
            <option value="all">All patients</option>
            <option value="true">Synthetic only</option>
            <option value="false">Real only</option>
          </select>
        </div>
        <div>
          <label htmlFor="response-filter">Response</label>
          <select
            id="response-filter"
            value={responseFilter}
            onChange={(event) => {
              if (isOneOf(responseFilters, event.target.value)) setResponseFilter(event.target.value);
              resetPage();
            }}
          >
            {responseFilters.map((value) => (
              <option key={value} value={value}>
                {RESPONSE_FILTER_LABELS[value]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="alerts-filter">Alerts</label>
          <select
            id="alerts-filter"
            value={alertFilter}
            onChange={(event) => {
              if (isOneOf(alertFilters, event.target.value)) setAlertFilter(event.target.value);
              resetPage();
            }}
          >
            {alertFilters.map((value) => (
              <option key={value} value={value}>
                {ALERT_FILTER_LABELS[value]}
              </option>
            ))}
          </select>
        </div>
      </form>
      {error === null ? null : <ErrorMessage error={error} />}
      {list === undefined ? (
        <p aria-live="polite">Loading patients…</p>
      ) : (
        <>
          <p aria-live="polite" className="count">
            {list.total} patient{list.total === 1 ? '' : 's'}
          </p>
          <table className="patients">
            <thead>
              <tr>
                <th scope="col">{identified ? 'Patient' : 'Research id'}</th>
                {identified ? <th scope="col">MRN</th> : null}
                <th scope="col">Sex</th>
                <th scope="col">{identified ? 'Born' : 'Age'}</th>
                <th scope="col">Response</th>
                <th scope="col">Urgent alerts</th>
                <th scope="col">Data</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((patient) => {
                const alertCount = patient.alertCount ?? 0;
                return (
                  <tr key={patient.id} data-testid="patient-row">
                    <td>
                      <a
                        href={`/patients/${patient.id}`}
                        onClick={(event) => {
                          event.preventDefault();
                          navigate(`/patients/${patient.id}`);
                        }}
                      >
                        {patientName(patient)}
                      </a>
                    </td>
                    {isIdentified(patient) ? <td>{patient.mrn}</td> : null}
                    <td>{patient.sex}</td>
                    <td>
                      {isIdentified(patient)
                        ? (patient.birthDate ?? 'unknown')
                        : patient.ageYears === undefined
                          ? 'unknown'
                          : `${String(patient.ageYears)} y`}
                    </td>
                    <td data-testid="response-status">
                      {patient.responseStatus === null || patient.responseStatus === undefined ? (
                        'not assessed'
                      ) : (
                        <span className={`badge status-${patient.responseStatus}`}>
                          {RESPONSE_STATUS_LABELS[patient.responseStatus]}
                        </span>
                      )}
                    </td>
                    <td>{alertCount > 0 ? <span className="badge urgent">{alertCount} urgent</span> : 'none'}</td>
                    <td>{patient.synthetic ? <span className="badge synthetic">Synthetic</span> : 'Real'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <nav className="pager" aria-label="Pages">
            <button
              type="button"
              disabled={offset === 0}
              onClick={() => {
                setOffset(Math.max(0, offset - PAGE_SIZE));
              }}
            >
              Previous
            </button>
            <span>
              {list.total === 0 ? 0 : offset + 1}–{Math.min(offset + PAGE_SIZE, list.total)} of {list.total}
            </span>
            <button
              type="button"
              disabled={offset + PAGE_SIZE >= list.total}
              onClick={() => {
                setOffset(offset + PAGE_SIZE);
              }}
            >
              Next
            </button>
          </nav>
        </>
      )}
    </section>
  );
}
