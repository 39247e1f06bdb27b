import { describe, expect, it } from 'vitest';
import { statusOfAssessment, statusOfResponsePayload } from './response-status.js';

// The rules of response-status.ts applied by hand to one time point's assessment each.
describe('statusOfAssessment', () => {
  it.each([
    [{ percist: { vsBaseline: 'PMR', vsNadirProgression: false } }, 'response', 'PMR'],
    [{ percist: { vsBaseline: 'SMD', vsNadirProgression: true } }, 'progression', 'SMD'],
    [{ percist: { vsBaseline: 'CMR' }, boneScan: { status: 'progression_confirmed' } }, 'progression', 'CMR'],
    [
      { boneScan: { status: 'progression_not_confirmed_possible_flare' } },
      'stable',
      'progression_not_confirmed_possible_flare',
    ],
    [{ mda: { category: 'SD' }, recist: { category: 'PR' } }, 'response', 'SD'],
    [{ recist: { category: 'PD' } }, 'progression', 'PD'],
  ])('%j → %s (%s)', (assessment, status, category) => {
    expect(statusOfAssessment(assessment)).toEqual({ status, category });
  });

  it('has no status without an assessed criterion', () => {
    expect(statusOfAssessment({})).toEqual({ status: null, category: null });
    expect(statusOfAssessment(undefined)).toEqual({ status: null, category: null });
  });
});

describe('statusOfResponsePayload', () => {
  it("takes the job's own summary first, and the last point otherwise", () => {
    const points = [{ assessment: {} }, { assessment: { percist: { vsBaseline: 'PMD' } } }];
    expect(statusOfResponsePayload({ points, summary: { category: 'PR', responseStatus: 'response' } })).toEqual({
      status: 'response',
      category: 'PR',
    });
    expect(statusOfResponsePayload({ points })).toEqual({ status: 'progression', category: 'PMD' });
    expect(statusOfResponsePayload({ timeline: { points } })).toEqual({ status: 'progression', category: 'PMD' });
    expect(statusOfResponsePayload({ points: [] })).toEqual({ status: null, category: null });
    expect(statusOfResponsePayload(null)).toEqual({ status: null, category: null });
  });
});
