import type { ReactElement } from 'react';
import type { OptionView, ReportView } from '../api/schemas.js';
import { SourceList } from './citations.js';

const STRENGTH_LABELS: Readonly<Record<OptionView['strength'], string>> = {
  urgent: 'Urgent',
  recommended: 'Recommended',
  consider: 'Consider',
  information: 'Information',
  not_recommended: 'Not recommended',
};

function OptionCard({ option }: { readonly option: OptionView }): ReactElement {
  return (
    <article className={`option strength-${option.strength}`} data-testid={`option-${option.strength}`}>
      <h4>
        <span className={`badge ${option.strength}`}>{STRENGTH_LABELS[option.strength]}</span> {option.title}
      </h4>
      <ul className="reasons">
        {option.reasons.map((reason, index) => (
          <li key={index}>{reason}</li>
        ))}
      </ul>
      {option.cautions.length > 0 ? (
        <p className="cautions">
          <strong>Cautions:</strong> {option.cautions.join('; ')}
        </p>
      ) : null}
      <details>
        <summary>
          Rule <code>{option.rule.id}</code> and the inputs that fired it
        </summary>
        <p>{option.rule.statement}</p>
        <dl className="inputs">
          {option.firedBy.map((input) => (
            <div key={input.path}>
              <dt>
                <code>{input.path}</code>
              </dt>
              <dd>{input.value}</dd>
            </div>
          ))}
        </dl>
      </details>
      <p className="sources">
        Sources: <SourceList sources={option.sources} />
      </p>
    </article>
  );
}

/** The stored recommendation: urgent alerts on top, then patient-level and lesion-level options. */
export function DecisionPanel({ report }: { readonly report: ReportView | undefined }): ReactElement {
  return (
    <section className="panel decision" aria-labelledby="decision-heading">
      <h2 id="decision-heading">Decision support</h2>
      {report === undefined ? (
        <p>No stored recommendation for this patient.</p>
      ) : (
        <>
          <p className="meta">
            Assessment of {report.assessmentDate}, rule set {report.ruleSetVersion}. {report.disclaimer}
          </p>
          <h3>Urgent alerts</h3>
          {report.alerts.length === 0 ? (
            <p>None.</p>
          ) : (
            <div className="alerts" data-testid="alerts">
              {report.alerts.map((option) => (
                <OptionCard key={option.id} option={option} />
              ))}
            </div>
          )}
          <h3>Patient-level options</h3>
          {report.patientOptions.length === 0 ? <p>None.</p> : null}
          {report.patientOptions.map((option) => (
            <OptionCard key={option.id} option={option} />
          ))}
          {report.lesions.map((lesion) => (
            <div key={lesion.lesionId}>
              <h3>
                Lesion {lesion.lesionId}: {lesion.location.display}
              </h3>
              {lesion.options.length === 0 ? <p>No options.</p> : null}
              {lesion.options.map((option) => (
                <OptionCard key={option.id} option={option} />
              ))}
            </div>
          ))}
          {report.notAssessed.length > 0 ? (
            <>
              <h3>Not assessed</h3>
              <ul>
                {report.notAssessed.map((item, index) => (
                  <li key={index}>
                    {item.item}: {item.reason}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </>
      )}
    </section>
  );
}
