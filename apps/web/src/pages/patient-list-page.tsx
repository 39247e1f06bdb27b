import { useEffect, useState, type ReactElement } from 'react';
import { apiRequest } from '../api/client.js';
import { alertSummarySchema, isIdentified, patientPageSchema, type PatientView, type Session } from '../api/schemas.js';
import { ErrorMessage } from '../components/error-message.js';
import { navigate } from '../app.js';

const PAGE_SIZE = 25;
/** The alerts filter pages through the whole list (100 per request, the API's largest page) up to this many. */
const MAX_FILTERED_PATIENTS = 2000;

type SyntheticFilter = 'all' | 'true' | 'false';

interface ListState {
  readonly items: readonly PatientView[];
  readonly total: number;
  readonly truncated: boolean;
}

function listPath(q: string, synthetic: SyntheticFilter, limit: number, offset: number): string {
  const params = new URLSearchParams({ limit: String(limit), offset: String(offset) });
  if (q !== '') params.set('q', q);
  if (synthetic !== 'all') params.set('synthetic', synthetic);
  return `/api/patients?${params.toString()}`;
}

async function loadList(
  q: string,
  synthetic: SyntheticFilter,
  alertsOnly: boolean,
  offset: number,
  alerts: ReadonlyMap<string, number>,
): Promise<ListState> {
  if (!alertsOnly) {
    const page = await apiRequest('GET', listPath(q, synthetic, PAGE_SIZE, offset), patientPageSchema);
    return { items: page.items, total: page.total, truncated: false };
  }
  const all: PatientView[] = [];
  let total = Infinity;
  while (all.length < total && all.length < MAX_FILTERED_PATIENTS) {
    const page = await apiRequest('GET', listPath(q, synthetic, 100, all.length), patientPageSchema);
    total = page.total;
    all.push(...page.items);
    if (page.items.length === 0) break;
  }
  const withAlerts = all.filter((patient) => (alerts.get(patient.id) ?? 0) > 0);
  return {
    items: withAlerts.slice(offset, offset + PAGE_SIZE),
    total: withAlerts.length,
    truncated: all.length < total,
  };
}

function patientName(patient: PatientView): string {
  return isIdentified(patient) ? `${patient.familyName}, ${patient.givenName}` : patient.id;
}

export function PatientListPage({ session }: { readonly session: Session }): ReactElement {
  const identified = session.user.role !== 'researcher';
  const [query, setQuery] = useState('');
  const [synthetic, setSynthetic] = useState<SyntheticFilter>('all');
  const [alertsOnly, setAlertsOnly] = useState(false);
  const [offset, setOffset] = useState(0);
  const [alerts, setAlerts] = useState<ReadonlyMap<string, number> | undefined>(undefined);
  const [list, setList] = useState<ListState | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    apiRequest('GET', '/api/recommendations/alerts', alertSummarySchema)
      .then((summary) => {
        setAlerts(new Map(summary.items.map((item) => [item.patientId, item.urgentAlerts])));
      })
      .catch(setError);
  }, []);

  useEffect(() => {
    if (alerts === undefined) return;
    let current = true;
    const timer = window.setTimeout(() => {
      loadList(query.trim(), synthetic, alertsOnly, offset, alerts)
        .then((next) => {
          if (current) {
            setList(next);
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
  }, [query, synthetic, alertsOnly, offset, alerts]);

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
        <div className="checkbox">
          <input
            id="alerts-filter"
            type="checkbox"
            checked={alertsOnly}
            onChange={(event) => {
              setAlertsOnly(event.target.checked);
              resetPage();
            }}
          />
          <label htmlFor="alerts-filter">Only patients with urgent alerts</label>
        </div>
      </form>
      {error === null ? null : <ErrorMessage error={error} />}
      {list === undefined ? (
        <p aria-live="polite">Loading patients…</p>
      ) : (
        <>
          <p aria-live="polite" className="count">
            {list.total} patient{list.total === 1 ? '' : 's'}
            {list.truncated ? ` (the alert filter looked at the first ${String(MAX_FILTERED_PATIENTS)} only)` : ''}
          </p>
          <table className="patients">
            <thead>
              <tr>
                <th scope="col">{identified ? 'Patient' : 'Research id'}</th>
                {identified ? <th scope="col">MRN</th> : null}
                <th scope="col">Sex</th>
                <th scope="col">{identified ? 'Born' : 'Age'}</th>
                <th scope="col">Urgent alerts</th>
                <th scope="col">Data</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((patient) => {
                const alertCount = alerts?.get(patient.id) ?? 0;
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
