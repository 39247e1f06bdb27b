import type { ReactElement } from 'react';

interface Source {
  readonly id: string;
  readonly short: string;
  readonly reference: string;
  readonly url?: string | undefined;
}

/** Short names of sources separated by "; ", each linked where it has an address, the full reference on hover. */
export function SourceList({ sources }: { readonly sources: readonly Source[] }): ReactElement {
  return (
    <>
      {sources.map((source, index) => (
        <span key={source.id} title={source.reference}>
          {index > 0 ? '; ' : ''}
          {source.url === undefined ? (
            source.short
          ) : (
            <a href={source.url} rel="noreferrer noopener" target="_blank">
              {source.short}
            </a>
          )}
        </span>
      ))}
    </>
  );
}

/** The sources of a result, each linked where it has an address. */
export function Citations({ citations }: { readonly citations: readonly Source[] }): ReactElement | null {
  // One source may back several findings of a result: each is listed once.
  const unique = citations.filter((source, index) => citations.findIndex((other) => other.id === source.id) === index);
  if (unique.length === 0) return null;
  return (
    <p className="sources">
      Sources: <SourceList sources={unique} />
    </p>
  );
}
