import type { ReactElement } from 'react';

/** The sources of a result, each linked where it has an address. */
export function Citations({
  citations,
}: {
  readonly citations: readonly {
    readonly id: string;
    readonly short: string;
    readonly reference: string;
    readonly url?: string | undefined;
  }[];
}): ReactElement | null {
  // One source may back several findings of a result: each is listed once.
  const unique = citations.filter((source, index) => citations.findIndex((other) => other.id === source.id) === index);
  if (unique.length === 0) return null;
  return (
    <p className="sources">
      Sources:{' '}
      {unique.map((source, index) => (
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
    </p>
  );
}
