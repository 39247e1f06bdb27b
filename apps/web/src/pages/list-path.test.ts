import { describe, expect, it } from 'vitest';
import { listPath } from './patient-list-page.js';

describe('listPath', () => {
  it('sends only the filters that are set, with the paging', () => {
    expect(listPath({ q: '', synthetic: 'all', response: 'all', alerts: 'all' }, 25, 0)).toBe(
      '/api/patients?limit=25&offset=0',
    );
    expect(listPath({ q: 'cord', synthetic: 'true', response: 'progression', alerts: 'urgent' }, 25, 50)).toBe(
      '/api/patients?limit=25&offset=50&q=cord&synthetic=true&response=progression&alerts=urgent',
    );
  });
});
