import { invalidInputPaths } from '@bonemet/core/testing';
import { describe, expect, it } from 'vitest';
import { computePainResponse, painResponseCalculator, type PainResponseCategory } from './pain-response.js';

function category(baseline: [number, number], followUp: [number, number]): PainResponseCategory {
  return computePainResponse({
    baseline: { worstPain: baseline[0], omedMgPerDay: baseline[1] },
    followUp: { worstPain: followUp[0], omedMgPerDay: followUp[1] },
  }).category;
}

// Each case: [baseline pain, baseline OMED] → [follow-up pain, follow-up OMED], with the rule it tests.
describe('complete response: pain 0 and no OMED increase', () => {
  it.each([
    [[6, 60], [0, 60], 'complete_response', 'pain 0, OMED unchanged'],
    [[6, 60], [0, 30], 'complete_response', 'pain 0, OMED decreased'],
    [[6, 0], [0, 0], 'complete_response', 'pain 0, no opioid before or after'],
    // any OMED increase rules out complete and partial response; not ≥ 25% → not progression
    [[6, 60], [0, 60.5], 'indeterminate_response', 'pain 0 but OMED increased slightly'],
    [[6, 60], [1, 60], 'partial_response', 'pain 1, not 0 (partial by the 5-point reduction)'],
  ] as const)('%j → %j: %s (%s)', (baseline, followUp, expected, _reason) => {
    expect(category([...baseline], [...followUp])).toBe(expected);
  });
});

describe('partial response', () => {
  it.each([
    // by pain: reduction ≥ 2 without OMED increase
    [[6, 60], [4, 60], 'partial_response'],
    [[6, 60], [5, 60], 'indeterminate_response'],
    [[6, 60], [4, 40], 'partial_response'],
    [[6, 60], [4, 61], 'indeterminate_response'],
    // by OMED: reduction ≥ 25% without pain increase
    [[6, 60], [6, 45], 'partial_response'],
    [[6, 60], [6, 45.1], 'indeterminate_response'],
    [[6, 60], [5, 45], 'partial_response'],
    [[6, 60], [7, 30], 'indeterminate_response'],
    // 1.2 → 0.9 is 0.29999999999999993 in floating point: still exactly 25%
    [[6, 1.2], [6, 0.9], 'partial_response'],
  ] as const)('%j → %j: %s', (baseline, followUp, expected) => {
    expect(category([...baseline], [...followUp])).toBe(expected);
  });
});

describe('pain progression', () => {
  it.each([
    // by pain: increase ≥ 2 with stable OMED (change < 25% either way)
    [[4, 60], [6, 60], 'pain_progression'],
    [[4, 60], [5, 60], 'indeterminate_response'],
    [[4, 60], [6, 74.9], 'pain_progression'],
    [[4, 60], [6, 75], 'indeterminate_response'],
    [[4, 60], [6, 45.1], 'pain_progression'],
    [[4, 60], [6, 45], 'indeterminate_response'],
    // by OMED: increase ≥ 25% with pain stable or 1 point above baseline
    [[5, 60], [5, 75], 'pain_progression'],
    [[5, 60], [6, 75], 'pain_progression'],
    [[5, 60], [7, 75], 'indeterminate_response'],
    [[5, 60], [4, 75], 'indeterminate_response'],
    [[5, 60], [5, 74.9], 'indeterminate_response'],
    // 2.0 − 1.6 is 0.3999999999999999 in floating point: still exactly 25%
    [[5, 1.6], [5, 2.0], 'pain_progression'],
  ] as const)('%j → %j: %s', (baseline, followUp, expected) => {
    expect(category([...baseline], [...followUp])).toBe(expected);
  });
});

describe('baseline OMED 0', () => {
  it.each([
    [[6, 0], [8, 0], 'pain_progression', 'no opioid before or after is stable OMED'],
    [[5, 0], [5, 10], 'pain_progression', 'starting any opioid is an increase of ≥ 25%'],
    [[6, 0], [3, 10], 'indeterminate_response', 'pain better but an opioid was started'],
    [[6, 0], [4, 0], 'partial_response', 'pain 2 points better without opioid'],
  ] as const)('%j → %j: %s (%s)', (baseline, followUp, expected, _reason) => {
    expect(category([...baseline], [...followUp])).toBe(expected);
  });

  it('reports no percentage when baseline OMED is 0', () => {
    const result = computePainResponse({
      baseline: { worstPain: 5, omedMgPerDay: 0 },
      followUp: { worstPain: 5, omedMgPerDay: 10 },
    });
    expect(result.omedChangePercent).toBeNull();
    expect(result.omedChange).toBe('increased_25_percent_or_more');
  });
});

describe('pain response result', () => {
  it('reports responder status, changes and the reason', () => {
    const result = computePainResponse({
      baseline: { worstPain: 7, omedMgPerDay: 60 },
      followUp: { worstPain: 3, omedMgPerDay: 45 },
    });
    expect(result.category).toBe('partial_response');
    expect(result.responder).toBe(true);
    expect(result.painChange).toBe(-4);
    expect(result.omedChangeMgPerDay).toBe(-15);
    expect(result.omedChangePercent).toBeCloseTo(-25, 12);
    expect(result.omedIncreased).toBe(false);
    expect(result.omedChange).toBe('reduced_25_percent_or_more');
    expect(result.summary).toBe(
      'International Consensus pain response: partial response (responder): worst pain 7 → 3, OMED 60 → 45 mg/day.',
    );
    expect(result.details).toContain('partial response: pain reduced by 4 points (≥ 2) with no increase in OMED.');
    expect(result.sources.map((s) => s.id)).toEqual(['chow-2012']);
  });

  it.each([
    ['complete_response', true],
    ['partial_response', true],
    ['pain_progression', false],
    ['indeterminate_response', false],
  ] as const)('%s → responder %s', (expected, responder) => {
    const cases: Record<PainResponseCategory, [[number, number], [number, number]]> = {
      complete_response: [
        [6, 60],
        [0, 60],
      ],
      partial_response: [
        [6, 60],
        [4, 60],
      ],
      pain_progression: [
        [4, 60],
        [6, 60],
      ],
      indeterminate_response: [
        [6, 60],
        [5, 60],
      ],
    };
    const [baseline, followUp] = cases[expected];
    const result = computePainResponse({
      baseline: { worstPain: baseline[0], omedMgPerDay: baseline[1] },
      followUp: { worstPain: followUp[0], omedMgPerDay: followUp[1] },
    });
    expect(result.category).toBe(expected);
    expect(result.responder).toBe(responder);
  });

  it('states the verification status of the definitions and the conventions', () => {
    const { assumptions } = computePainResponse({
      baseline: { worstPain: 6, omedMgPerDay: 60 },
      followUp: { worstPain: 4, omedMgPerDay: 60 },
    });
    expect(assumptions[0]).toContain('complete and partial response: from a secondary copy only');
    expect(assumptions[0]).toContain('pain progression and indeterminate response: unverified');
    const text = assumptions.join('\n');
    expect(text).toContain('"No increase in OMED"');
    expect(text).toContain('"Stable OMED"');
    expect(text).toContain('Baseline OMED 0');
  });

  it('flags a baseline that was barely painful', () => {
    const result = computePainResponse({
      baseline: { worstPain: 1, omedMgPerDay: 0 },
      followUp: { worstPain: 0, omedMgPerDay: 0 },
    });
    expect(result.category).toBe('complete_response');
    expect(result.details.some((d) => d.includes('Baseline worst pain 1'))).toBe(true);
  });
});

describe('pain response input validation', () => {
  const run = (raw: unknown): unknown => painResponseCalculator.run(raw);
  const valid = { baseline: { worstPain: 6, omedMgPerDay: 60 }, followUp: { worstPain: 3, omedMgPerDay: 60 } };

  it('accepts the example', () => {
    expect(() => run(painResponseCalculator.example)).not.toThrow();
  });

  it.each([
    [{ ...valid, followUp: { worstPain: 11, omedMgPerDay: 60 } }, 'followUp.worstPain'],
    [{ ...valid, followUp: { worstPain: -1, omedMgPerDay: 60 } }, 'followUp.worstPain'],
    [{ ...valid, baseline: { worstPain: 5.5, omedMgPerDay: 60 } }, 'baseline.worstPain'],
    [{ ...valid, baseline: { worstPain: 5, omedMgPerDay: -1 } }, 'baseline.omedMgPerDay'],
    [{ ...valid, baseline: { worstPain: 5 } }, 'baseline.omedMgPerDay'],
    [{ baseline: valid.baseline }, 'followUp'],
    [{ ...valid, baseline: { ...valid.baseline, site: 'T8' } }, 'baseline.site'],
    [{ ...valid, weeks: 8 }, 'weeks'],
  ])('%j → issue at %s', (raw, path) => {
    expect(invalidInputPaths(() => run(raw))).toEqual([path]);
  });
});
