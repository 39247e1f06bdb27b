/**
 * A published source behind a rule: paper, drug label, guideline or standard.
 * Every clinical rule carries its citations into its output so that a reader can check it.
 */
export interface Citation {
  /** Stable key, e.g. `mirels-1989`. */
  readonly id: string;
  /** Short form shown next to a result, e.g. `Mirels 1989`. */
  readonly short: string;
  /** Full reference. */
  readonly reference: string;
  /** DOI, PMID/PMC or official URL where one is known. */
  readonly url?: string;
}

/** Defines a frozen table of citations keyed by id, checking that each key matches its `id`. */
export function defineCitations<const K extends string>(table: { readonly [P in K]: Citation & { readonly id: P } }): {
  readonly [P in K]: Citation & { readonly id: P };
} {
  for (const value of Object.values<Citation>(table)) Object.freeze(value);
  return Object.freeze(table);
}

/** Formats a citation for text output: `Mirels 1989 — Mirels H. Clin Orthop … (https://…)`. */
export function formatCitation(citation: Citation): string {
  const url = citation.url === undefined ? '' : ` (${citation.url})`;
  return `${citation.short}: ${citation.reference}${url}`;
}
