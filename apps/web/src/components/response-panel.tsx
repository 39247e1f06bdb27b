import type { ReactElement } from 'react';
import type { PatientResponse } from '../api/analysis-schemas.js';
import { responseRows, words } from '../response/response-rows.js';

/**
 * The response assessment per time point: each criterion's category, the numbers it used, the rule in
 * words and its sources; the bone-scan flare status, the confirmed progression and the time to progression.
 */
export function ResponsePanel({
  response,
  compact = false,
}: {
  readonly response: PatientResponse | undefined;
  readonly compact?: boolean;
}): ReactElement {
  const timeline = response?.timeline ?? null;
  return (
    <section className="panel response" aria-labelledby="response-heading" data-testid="response-panel">
      <h2 id="response-heading">Response</h2>
      {timeline === null ? (
        <p>No response assessment yet.</p>
      ) : (
        <>
          <dl className="facts">
            <div>
              <dt>Confirmed progression</dt>
              <dd data-testid="confirmed-progression">
                {timeline.confirmedProgression === null || timeline.confirmedProgression === undefined
                  ? 'none'
                  : `${timeline.confirmedProgression.date} (${timeline.confirmedProgression.criterion}, confirmed ${timeline.confirmedProgression.confirmedOn})`}
              </dd>
            </div>
            <div>
              <dt>Time to progression</dt>
              <dd>
                {timeline.timeToProgression === null || timeline.timeToProgression === undefined
                  ? 'not reached'
                  : `${String(timeline.timeToProgression.days)} days from ${timeline.timeToProgression.fromDate} (${words(timeline.timeToProgression.from)})`}
              </dd>
            </div>
          </dl>
          {timeline.confirmedProgression === null || timeline.confirmedProgression === undefined ? null : (
            <p className="note">Rule: {timeline.confirmedProgression.rule}</p>
          )}
          {responseRows(timeline).map((point) => (
            <div key={point.date} className="response-point" data-testid="response-point">
              <h3>
                {point.date}
                {point.flare === undefined ? null : (
                  <span className="note"> · bone-scan flare status: {point.flare}</span>
                )}
              </h3>
              {point.criteria.length === 0 ? (
                <p>No criterion assessed at this time point.</p>
              ) : (
                <table className="data">
                  <thead>
                    <tr>
                      <th scope="col">Criterion</th>
                      <th scope="col">Category</th>
                      <th scope="col">Numbers used</th>
                      {compact ? null : <th scope="col">Rule</th>}
                    </tr>
                  </thead>
                  <tbody>
                    {point.criteria.map((row) => (
                      <tr key={row.criterion}>
                        <td>{row.criterion}</td>
                        <td>
                          <strong>{row.category}</strong>
                        </td>
                        <td>
                          {row.numbers.length === 0
                            ? '—'
                            : row.numbers.map((number) => `${number.name}: ${number.value}`).join('; ')}
                        </td>
                        {compact ? null : (
                          <td>
                            {row.rule ?? '—'}
                            {row.citations.length > 0 ? (
                              <span className="note"> ({row.citations.join('; ')})</span>
                            ) : null}
                          </td>
                        )}
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </div>
          ))}
          {compact || (timeline.assumptions ?? []).length === 0 ? null : (
            <details>
              <summary>Assumptions</summary>
              <ul>
                {(timeline.assumptions ?? []).map((assumption, index) => (
                  <li key={index}>{assumption}</li>
                ))}
              </ul>
            </details>
          )}
          {response === undefined ? null : <p className="disclaimer-inline">{response.disclaimer}</p>}
        </>
      )}
    </section>
  );
}
