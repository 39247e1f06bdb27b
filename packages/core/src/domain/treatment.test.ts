import { describe, expect, it } from 'vitest';
import { rejectedPaths } from '../testing.js';
import { parseInput } from '../validation.js';
import { radiotherapyCourseSchema, treatmentSchema } from './treatment.js';

const course = {
  site: { bone: 'femur', laterality: 'left', part: 'trochanteric' },
  totalDoseGy: 8,
  fractions: 1,
  startDate: '2026-04-01',
  endDate: '2026-04-01',
  technique: 'conventional',
};

describe('radiotherapyCourseSchema', () => {
  it('accepts single-fraction, multi-fraction and SBRT courses', () => {
    expect(parseInput(radiotherapyCourseSchema, course, 'course')).toEqual(course);
    const tenFractions = { ...course, totalDoseGy: 30, fractions: 10, endDate: '2026-04-14' };
    expect(parseInput(radiotherapyCourseSchema, tenFractions, 'course').fractions).toBe(10);
    const sbrt = {
      site: { bone: 'vertebra', level: 'L2' },
      totalDoseGy: 24,
      fractions: 2,
      startDate: '2026-04-01',
      technique: 'sbrt',
    };
    expect(parseInput(radiotherapyCourseSchema, sbrt, 'course')).toEqual(sbrt);
  });

  it('checks dose and fractions at both sides of each bound', () => {
    expect(parseInput(radiotherapyCourseSchema, { ...course, totalDoseGy: 100 }, 'course').totalDoseGy).toBe(100);
    expect(rejectedPaths(radiotherapyCourseSchema, { ...course, totalDoseGy: 100.5 })).toEqual(['totalDoseGy']);
    expect(rejectedPaths(radiotherapyCourseSchema, { ...course, totalDoseGy: 0 })).toEqual(['totalDoseGy']);
    expect(rejectedPaths(radiotherapyCourseSchema, { ...course, totalDoseGy: -8 })).toEqual(['totalDoseGy']);
    expect(rejectedPaths(radiotherapyCourseSchema, { ...course, totalDoseGy: 800 })).toEqual(['totalDoseGy']);
    expect(parseInput(radiotherapyCourseSchema, { ...course, fractions: 50 }, 'course').fractions).toBe(50);
    expect(rejectedPaths(radiotherapyCourseSchema, { ...course, fractions: 51 })).toEqual(['fractions']);
    expect(rejectedPaths(radiotherapyCourseSchema, { ...course, fractions: 0 })).toEqual(['fractions']);
    expect(rejectedPaths(radiotherapyCourseSchema, { ...course, fractions: 1.5 })).toEqual(['fractions']);
  });

  it('rejects an end before the start, and impossible dates', () => {
    expect(rejectedPaths(radiotherapyCourseSchema, { ...course, endDate: '2026-03-31' })).toEqual(['endDate']);
    expect(rejectedPaths(radiotherapyCourseSchema, { ...course, startDate: '2026-02-30' })).toEqual(['startDate']);
  });

  it('rejects unknown fields, a bad site and a bad technique', () => {
    expect(rejectedPaths(radiotherapyCourseSchema, { ...course, doseGy: 8 })).toEqual(['doseGy']);
    expect(rejectedPaths(radiotherapyCourseSchema, { ...course, site: { bone: 'femur' } })).toEqual([
      'site.laterality',
    ]);
    expect(rejectedPaths(radiotherapyCourseSchema, { ...course, technique: 'imrt' })).toEqual(['technique']);
    expect(rejectedPaths(radiotherapyCourseSchema, { ...course, kind: 'radiotherapy' })).toEqual(['kind']);
  });
});

describe('treatmentSchema', () => {
  it('accepts each kind', () => {
    const treatments = [
      {
        kind: 'systemic',
        lineNumber: 1,
        regimen: 'letrozole + palbociclib',
        category: 'cdk4_6_inhibitor',
        startDate: '2026-01-10',
      },
      { kind: 'bone_targeted_agent', agent: 'denosumab', date: '2026-01-15', doseMg: 120 },
      { kind: 'bone_targeted_agent', agent: 'zoledronic_acid', date: '2026-01-15', doseMg: 3.3 },
      { kind: 'radiotherapy', ...course },
      {
        kind: 'procedure',
        procedure: 'vertebral_augmentation',
        site: { bone: 'vertebra', level: 'L1' },
        date: '2026-02-01',
      },
    ];
    for (const treatment of treatments) expect(parseInput(treatmentSchema, treatment, 'treatment')).toEqual(treatment);
  });

  it('rejects an unknown kind at kind', () => {
    expect(rejectedPaths(treatmentSchema, { kind: 'hormone', startDate: '2026-01-10' })).toEqual(['kind']);
  });

  it('checks systemic therapy dates and line', () => {
    const systemic = {
      kind: 'systemic',
      lineNumber: 2,
      regimen: 'capecitabine',
      category: 'chemotherapy',
      startDate: '2026-01-10',
      endDate: '2026-01-09',
    };
    expect(rejectedPaths(treatmentSchema, systemic)).toEqual(['endDate']);
    expect(rejectedPaths(treatmentSchema, { ...systemic, endDate: '2026-05-01', lineNumber: 0 })).toEqual([
      'lineNumber',
    ]);
    expect(rejectedPaths(treatmentSchema, { ...systemic, endDate: undefined, category: 'hormonal' })).toEqual([
      'category',
    ]);
  });

  it('checks bone-targeted agent doses at both sides of the bound', () => {
    const dose = { kind: 'bone_targeted_agent', agent: 'pamidronate', date: '2026-01-15', doseMg: 200 };
    expect(parseInput(treatmentSchema, dose, 'treatment')).toEqual(dose);
    expect(rejectedPaths(treatmentSchema, { ...dose, doseMg: 200.1 })).toEqual(['doseMg']);
    expect(rejectedPaths(treatmentSchema, { ...dose, doseMg: 4000 })).toEqual(['doseMg']);
    expect(rejectedPaths(treatmentSchema, { ...dose, doseMg: 0 })).toEqual(['doseMg']);
    expect(rejectedPaths(treatmentSchema, { ...dose, agent: 'ibandronate' })).toEqual(['agent']);
  });

  it('checks radiotherapy as a treatment like a course', () => {
    expect(rejectedPaths(treatmentSchema, { kind: 'radiotherapy', ...course, endDate: '2026-03-01' })).toEqual([
      'endDate',
    ]);
    expect(rejectedPaths(treatmentSchema, { kind: 'radiotherapy', ...course, totalDoseGy: 120 })).toEqual([
      'totalDoseGy',
    ]);
  });

  it('checks procedures', () => {
    const procedure = {
      kind: 'procedure',
      procedure: 'cryoablation',
      site: { bone: 'ilium', laterality: 'left' },
      date: '2026-02-01',
    };
    expect(parseInput(treatmentSchema, procedure, 'treatment')).toEqual(procedure);
    expect(rejectedPaths(treatmentSchema, { ...procedure, procedure: 'kyphoplasty' })).toEqual(['procedure']);
    expect(rejectedPaths(treatmentSchema, { ...procedure, site: { bone: 'ilium', laterality: 'bilateral' } })).toEqual([
      'site.laterality',
    ]);
    expect(rejectedPaths(treatmentSchema, { ...procedure, date: undefined })).toEqual(['date']);
  });
});
