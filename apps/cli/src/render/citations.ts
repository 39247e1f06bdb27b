import { formatCitation, type Citation } from '@bonemet/core';

/** Numbers citations in order of first use so that text output can refer to them as [1], [2], ... */
export class CitationList {
  readonly #order: Citation[] = [];
  readonly #index = new Map<string, number>();

  /** Returns the reference marks for `citations`, e.g. "[1][3]". */
  mark(citations: readonly Citation[]): string {
    return citations
      .map((c) => {
        let n = this.#index.get(c.id);
        if (n === undefined) {
          this.#order.push(c);
          n = this.#order.length;
          this.#index.set(c.id, n);
        }
        return `[${String(n)}]`;
      })
      .join('');
  }

  lines(): string[] {
    return this.#order.map((c, i) => `  [${String(i + 1)}] ${formatCitation(c)}`);
  }
}
