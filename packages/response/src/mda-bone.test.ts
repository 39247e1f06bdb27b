import { BonemetError } from '@bonemet/core';
import { describe, expect, it } from 'vitest';
import { assessMdaBoneResponse } from './mda-bone.js';
import { issuesOf } from './test-support/issues.js';

// Tracked hot-spot counts: increased + stable + decreased + resolved must equal the baseline count.
function scan(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    baselineLesionCount: 4,
    newCount: 0,
    increasedCount: 0,
    stableCount: 4,
    decreasedCount: 0,
    resolvedCount: 0,
    ...overrides,
  };
}

function ssRow(overrides: Record<string, unknown>) {
  const reading = assessMdaBoneResponse({ boneScan: scan(overrides) });
  const row = reading.rows[0];
  if (row === undefined) throw new Error('no row');
  return { reading, row };
}

function anatomic(row: Record<string, unknown>) {
  const reading = assessMdaBoneResponse({ anatomic: [{ modality: 'CT', newLesions: false, ...row }] });
  const first = reading.rows[0];
  if (first === undefined) throw new Error('no row');
  return first;
}

describe('MDA bone-scan (SS) row', () => {
  it('a new hot spot is PD, flagged to exclude flare', () => {
    const { reading, row } = ssRow({ newCount: 1 });
    expect(row.category).toBe('PD');
    expect(row.flareToExclude).toBe(true);
    expect(row.decidingRule.rule).toContain('new lesion');
    expect(reading.warnings.join(' ')).toContain('flare');
  });

  it('every baseline hot spot resolved and none new is CR', () => {
    expect(ssRow({ stableCount: 0, resolvedCount: 4 }).row.category).toBe('CR');
  });

  it('regression without uptake sums: a decreased spot with none increased is PR', () => {
    expect(ssRow({ stableCount: 3, decreasedCount: 1 }).row.category).toBe('PR');
  });

  it('no change is SD', () => {
    expect(ssRow({}).row.category).toBe('SD');
  });

  it('an increased spot without uptake sums is PD (increased activity)', () => {
    expect(ssRow({ stableCount: 3, increasedCount: 1 }).row.category).toBe('PD');
  });

  // Uptake sum 200 at baseline: 100 is −50% (PR), 101 is −49.5% (SD), 250 is +25% (PD), 249 is +24.5% (SD).
  it.each([
    [100, 'PR'],
    [101, 'SD'],
    [250, 'PD'],
    [249, 'SD'],
  ])('uptake sum 200 → %d is %s (50% / 25% cut-offs)', (followUp, category) => {
    const { row } = ssRow({
      stableCount: 2,
      decreasedCount: 1,
      increasedCount: 1,
      uptakeSum: { baseline: 200, followUp },
    });
    expect(row.category).toBe(category);
  });

  it('no hot spot at baseline and none new is not evaluable', () => {
    const { row } = ssRow({ baselineLesionCount: 0, stableCount: 0 });
    expect(row.category).toBe('not_evaluable');
  });

  it('counts that do not add up are refused with the path', () => {
    try {
      assessMdaBoneResponse({ boneScan: scan({ stableCount: 3 }) });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(BonemetError);
      expect((error as BonemetError).code).toBe('invalid_input');
      expect((error as BonemetError).issues[0]?.path).toEqual(['boneScan', 'baselineLesionCount']);
    }
  });
});

describe('MDA XR/CT/MRI rows', () => {
  // Sum of products 1000 mm² at baseline: 500 is −50% (PR), 510 −49% (SD), 1250 +25% (PD), 1240 +24% (SD).
  it.each([
    [500, 'PR'],
    [510, 'SD'],
    [1250, 'PD'],
    [1240, 'SD'],
  ])('measurable sum 1000 → %d mm² is %s', (followUpMm2, category) => {
    expect(anatomic({ measurableSum: { baselineMm2: 1000, followUpMm2 } }).category).toBe(category);
  });

  it('a new lesion is PD whatever else', () => {
    expect(anatomic({ newLesions: true, lytic: 'complete_fill_in' }).category).toBe('PD');
  });

  it('complete fill-in of lytic and normalised blastic lesions is CR', () => {
    expect(anatomic({ lytic: 'complete_fill_in', blastic: 'normalised' }).category).toBe('CR');
  });

  it('a sclerotic rim is PR; an increased blastic lesion is PD; unchanged is SD', () => {
    expect(anatomic({ lytic: 'sclerotic_rim' }).category).toBe('PR');
    expect(anatomic({ lytic: 'partial_fill_in', blastic: 'increased' }).category).toBe('PD');
    expect(anatomic({ lytic: 'unchanged', blastic: 'unchanged' }).category).toBe('SD');
  });

  it('MRI: disappeared signal is CR, decreased PR', () => {
    expect(anatomic({ modality: 'MRI', tumourSignal: 'disappeared' }).category).toBe('CR');
    expect(anatomic({ modality: 'MRI', tumourSignal: 'decreased' }).category).toBe('PR');
  });

  it('refuses lytic findings on an MRI row and a row without findings', () => {
    expect(() =>
      assessMdaBoneResponse({ anatomic: [{ modality: 'MRI', newLesions: false, lytic: 'unchanged' }] }),
    ).toThrow(BonemetError);
    expect(issuesOf(() => assessMdaBoneResponse({ anatomic: [{ modality: 'CT', newLesions: false }] })).lines).toEqual([
      'anatomic.0.modality: the row has no finding: give lytic, blastic, tumourSignal or measurableSum',
    ]);
    expect(() => assessMdaBoneResponse({})).toThrow(BonemetError);
  });
});

describe('MDA overall category (worst row)', () => {
  it('SS PR with CT PD is PD, with a warning about rapid progression', () => {
    const reading = assessMdaBoneResponse({
      boneScan: scan({ stableCount: 3, decreasedCount: 1 }),
      anatomic: [{ modality: 'CT', newLesions: false, lytic: 'increased' }],
    });
    expect(reading.category).toBe('PD');
    expect(reading.warnings.join(' ')).toContain('rapid progression');
  });

  it('CR needs every row CR; CR with PR is PR; PR with SD is PR', () => {
    const cr = scan({ stableCount: 0, resolvedCount: 4 });
    expect(
      assessMdaBoneResponse({
        boneScan: cr,
        anatomic: [{ modality: 'CT', newLesions: false, lytic: 'complete_fill_in' }],
      }).category,
    ).toBe('CR');
    expect(
      assessMdaBoneResponse({ boneScan: cr, anatomic: [{ modality: 'CT', newLesions: false, lytic: 'sclerotic_rim' }] })
        .category,
    ).toBe('PR');
    expect(
      assessMdaBoneResponse({
        boneScan: scan({}),
        anatomic: [{ modality: 'XR', newLesions: false, blastic: 'decreased' }],
      }).category,
    ).toBe('PR');
  });

  it('cites Hamaoka 2004 and Costelloe 2010', () => {
    const reading = assessMdaBoneResponse({ boneScan: scan({}) });
    expect(reading.sources.map((source) => source.id)).toEqual(['hamaoka-2004', 'costelloe-2010-mda']);
  });
});
