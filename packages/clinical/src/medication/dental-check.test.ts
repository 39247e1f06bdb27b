import { invalidInputPaths } from '@bonemet/core/testing';
import { describe, expect, it } from 'vitest';
import { computeDentalCheck, dentalCheckCalculator } from './dental-check.js';

describe('dental check before a bone-targeted agent', () => {
  it.each([
    ['cleared', 'yes'],
    ['not_assessed', 'after_dental_review'],
    ['invasive_procedure_planned', 'defer'],
    ['active_dental_infection', 'defer'],
    ['osteonecrosis_of_jaw', 'contraindicated_pending_specialist'],
  ] as const)('%s → %s', (dentalStatus, proceed) => {
    const result = computeDentalCheck({ dentalStatus });
    expect(result.proceed).toBe(proceed);
    expect(result.dentalStatus).toBe(dentalStatus);
    const ids = result.sources.map((s) => s.id);
    expect(ids[0]).toBe('asco-2011-bma');
    // ESMO 2020's dental wording could not be checked, so it is not cited.
    expect(ids).not.toContain('esmo-2020-bone');
    expect(ids).toContain('zometa-label');
    expect(ids).toContain('xgeva-label');
  });

  it('gives reasons: ASCO 2011 preventive dentistry, label precautions', () => {
    const result = computeDentalCheck({ dentalStatus: 'not_assessed', agent: 'zoledronic_acid' });
    expect(result.summary).toBe(
      'Before zoledronic acid: start after a dental examination and any preventive dentistry.',
    );
    expect(result.details[0]).toContain('ASCO 2011');
    expect(result.details.at(-1)).toContain('avoid invasive dental procedures');
    expect(result.sources.map((s) => s.id)).toEqual(['asco-2011-bma', 'zometa-label']);
  });

  it('existing ONJ needs specialist review', () => {
    const result = computeDentalCheck({ dentalStatus: 'osteonecrosis_of_jaw', agent: 'denosumab' });
    expect(result.summary).toContain('specialist review');
    expect(result.details.join(' ')).toContain('dentist or oral surgeon');
    expect(result.sources.map((s) => s.id)).toEqual(['asco-2011-bma', 'xgeva-label']);
  });

  it('marks the unverified parts', () => {
    const result = computeDentalCheck({ dentalStatus: 'cleared', agent: 'pamidronate' });
    expect(result.assumptions.some((a) => a.includes('Aredia'))).toBe(true);
    expect(result.sources.map((s) => s.id)).toContain('aredia-label');
  });

  it('validates its input', () => {
    const run = (raw: unknown): unknown => dentalCheckCalculator.run(raw);
    expect(() => run(dentalCheckCalculator.example)).not.toThrow();
    expect(invalidInputPaths(() => run({}))).toEqual(['dentalStatus']);
    expect(invalidInputPaths(() => run({ dentalStatus: 'fine' }))).toEqual(['dentalStatus']);
    expect(invalidInputPaths(() => run({ dentalStatus: 'cleared', agent: 'romosozumab' }))).toEqual(['agent']);
    expect(invalidInputPaths(() => run({ dentalStatus: 'cleared', dentist: 'Dr A' }))).toEqual(['dentist']);
  });
});
