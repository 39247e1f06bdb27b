import type { ReactElement } from 'react';
import { ApiRequestError } from '../api/client.js';

/** An API error as readable lines: the message with its code, then each problem by field. */
export function ErrorMessage({ error }: { readonly error: unknown }): ReactElement {
  const lines =
    error instanceof ApiRequestError ? error.describe() : [error instanceof Error ? error.message : String(error)];
  return (
    <div className="error" role="alert">
      {lines.map((line, index) => (
        <p key={index}>{line}</p>
      ))}
    </div>
  );
}
