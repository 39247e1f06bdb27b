import { invalidInputPaths } from '@bonemet/core/testing';
import { describe, expect, it } from 'vitest';
import {
  computeOralMorphineEquivalent,
  oralMorphineEquivalentCalculator,
  oralMorphineEquivalentFactors,
  oralMorphineEquivalentMgPerDay,
} from './oral-morphine-equivalent.js';

describe('CDC 2022 worked examples', () => {
  it('hydrocodone 5 mg four times a day = 20 mg/day = 20 MME/day', () => {
    const result = computeOralMorphineEquivalent({ opioids: [{ drug: 'hydrocodone', dailyDose: 5 * 4 }] });
    expect(result.omedMgPerDay).toBeCloseTo(20, 12);
  });

  it('oxycodone ER 10 mg twice a day = 20 mg/day = 30 MME/day', () => {
    const result = computeOralMorphineEquivalent({ opioids: [{ drug: 'oxycodone', dailyDose: 10 * 2 }] });
    expect(result.omedMgPerDay).toBeCloseTo(30, 12);
    expect(result.summary).toBe('Oral morphine equivalent 30 mg/day (oxycodone 20 mg/day; CDC 2022 factors).');
  });
});

describe('every row of the CDC 2022 factor table', () => {
  it.each([
    ['codeine', 200, 0.15, 30],
    ['fentanyl_transdermal', 25, 2.4, 60],
    ['hydrocodone', 20, 1.0, 20],
    ['hydromorphone', 8, 5.0, 40],
    ['methadone', 10, 4.7, 47],
    ['morphine', 60, 1.0, 60],
    ['oxycodone', 20, 1.5, 30],
    ['oxymorphone', 10, 3.0, 30],
    ['tapentadol', 100, 0.4, 40],
    ['tramadol', 200, 0.2, 40],
  ] as const)('%s %s × %s = %s mg/day', (drug, dailyDose, factor, omed) => {
    expect(oralMorphineEquivalentFactors.factors[drug].factor).toBe(factor);
    const result = computeOralMorphineEquivalent({ opioids: [{ drug, dailyDose }] });
    expect(result.omedMgPerDay).toBeCloseTo(omed, 10);
    expect(result.lines[0]?.factor).toBe(factor);
  });

  it('is frozen, versioned and gives fentanyl per mcg/h', () => {
    expect(oralMorphineEquivalentFactors.version).toBe('CDC 2022');
    expect(oralMorphineEquivalentFactors.source.id).toBe('cdc-2022-opioids');
    expect(Object.isFrozen(oralMorphineEquivalentFactors)).toBe(true);
    expect(Object.isFrozen(oralMorphineEquivalentFactors.factors)).toBe(true);
    expect(Object.isFrozen(oralMorphineEquivalentFactors.factors.morphine)).toBe(true);
    expect(oralMorphineEquivalentFactors.factors.fentanyl_transdermal.doseUnit).toBe('mcg/h');
    expect(oralMorphineEquivalentFactors.factors.oxycodone.doseUnit).toBe('mg/day');
    expect(Object.keys(oralMorphineEquivalentFactors.factors)).toHaveLength(10);
  });
});

describe('combinations and cautions', () => {
  it('sums several opioids: oxycodone 40 mg/day + fentanyl 12 mcg/h + tramadol 100 mg/day = 60 + 28.8 + 20', () => {
    const opioids = [
      { drug: 'oxycodone', dailyDose: 40 },
      { drug: 'fentanyl_transdermal', dailyDose: 12 },
      { drug: 'tramadol', dailyDose: 100 },
    ] as const;
    const result = computeOralMorphineEquivalent({ opioids: [...opioids] });
    expect(result.omedMgPerDay).toBeCloseTo(108.8, 10);
    expect(result.lines.map((l) => l.omedMgPerDay)).toEqual([60, expect.closeTo(28.8, 10), expect.closeTo(20, 10)]);
    expect(oralMorphineEquivalentMgPerDay([...opioids])).toBeCloseTo(108.8, 10);
    expect(result.factorTableVersion).toBe('CDC 2022');
  });

  it('accepts another versioned table for the plain function', () => {
    const cdc2016Hydromorphone = {
      ...oralMorphineEquivalentFactors,
      version: 'CDC 2016 (hydromorphone only)',
      factors: { ...oralMorphineEquivalentFactors.factors, hydromorphone: { factor: 4, doseUnit: 'mg/day' } },
    } as const;
    expect(oralMorphineEquivalentMgPerDay([{ drug: 'hydromorphone', dailyDose: 8 }], cdc2016Hydromorphone)).toBe(32);
  });

  it('always says it is not a switching tool; adds methadone and fentanyl cautions only when present', () => {
    const plain = computeOralMorphineEquivalent({ opioids: [{ drug: 'morphine', dailyDose: 30 }] }).details.join('\n');
    expect(plain).toContain('not a tool for switching opioids');
    expect(plain).not.toContain('methadone');
    expect(plain).not.toContain('transdermal fentanyl');
    const both = computeOralMorphineEquivalent({
      opioids: [
        { drug: 'methadone', dailyDose: 10 },
        { drug: 'fentanyl_transdermal', dailyDose: 25 },
      ],
    }).details.join('\n');
    expect(both).toContain('particular caution with methadone');
    expect(both).toContain('particular caution with transdermal fentanyl');
  });
});

describe('oral morphine equivalent input validation', () => {
  const run = (raw: unknown): unknown => oralMorphineEquivalentCalculator.run(raw);

  it('accepts the example', () => {
    expect(() => run(oralMorphineEquivalentCalculator.example)).not.toThrow();
  });

  it('rejects an empty list, zero or negative doses, unknown drugs and unknown fields', () => {
    expect(invalidInputPaths(() => run({ opioids: [] }))).toEqual(['opioids']);
    expect(invalidInputPaths(() => run({}))).toEqual(['opioids']);
    expect(invalidInputPaths(() => run({ opioids: [{ drug: 'morphine', dailyDose: 0 }] }))).toEqual([
      'opioids[0].dailyDose',
    ]);
    expect(invalidInputPaths(() => run({ opioids: [{ drug: 'morphine', dailyDose: -10 }] }))).toEqual([
      'opioids[0].dailyDose',
    ]);
    expect(invalidInputPaths(() => run({ opioids: [{ drug: 'buprenorphine', dailyDose: 10 }] }))).toEqual([
      'opioids[0].drug',
    ]);
    expect(invalidInputPaths(() => run({ opioids: [{ drug: 'morphine', dailyDose: 10, route: 'iv' }] }))).toEqual([
      'opioids[0].route',
    ]);
    expect(invalidInputPaths(() => run({ opioids: [{ drug: 'morphine', dailyDose: '10' }] }))).toEqual([
      'opioids[0].dailyDose',
    ]);
  });
});
