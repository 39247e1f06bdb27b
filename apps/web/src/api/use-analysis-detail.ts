import { useEffect, useState, type Dispatch, type SetStateAction } from 'react';
import { fetchAnalysis } from './analyses.js';
import type { AnalysisDetail } from './analysis-schemas.js';

export interface AnalysisDetailState {
  /** The loaded analysis; undefined while it loads (or with no result id). */
  readonly detail: AnalysisDetail | undefined;
  readonly setDetail: Dispatch<SetStateAction<AnalysisDetail | undefined>>;
  /** The error of the last load, or null. */
  readonly error: unknown;
  readonly setError: Dispatch<SetStateAction<unknown>>;
}

/**
 * Loads the stored analysis of `resultId` (nothing while it is undefined). A new id clears the previous
 * detail and error; the answer of a request for an id no longer shown is dropped.
 */
export function useAnalysisDetail(resultId: string | undefined): AnalysisDetailState {
  const [detail, setDetail] = useState<AnalysisDetail | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (resultId === undefined) return;
    let current = true;
    setDetail(undefined);
    setError(null);
    fetchAnalysis(resultId)
      .then((next) => {
        if (current) setDetail(next);
      })
      .catch((caught: unknown) => {
        if (current) setError(caught);
      });
    return () => {
      current = false;
    };
  }, [resultId]);
  return { detail, setDetail, error, setError };
}
