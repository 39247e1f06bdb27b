import { describe, expect, it } from 'vitest';
import type { AnalysisListItem } from '../api/analysis-schemas.js';
import type { PatientView, ReportView } from '../api/schemas.js';
import { composeSummary } from './compose-summary.js';

const identified: PatientView = {
  id: 'R-0123456789',
  sex: 'female',
  birthDate: '1960-03-04',
  synthetic: true,
  mrn: 'SYN-MRN-1',
  familyName: 'Example',
  givenName: 'Ada',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};
const deidentified: PatientView = { id: 'R-0123456789', sex: 'female', synthetic: true, ageYears: 66 };

const option = (title: string, strength: 'urgent' | 'recommended') => ({
  id: title,
  kind: 'k',
  strength,
  title,
  reasons: [],
  cautions: [],
  assumptions: [],
  rule: { id: 'r', statement: 's' },
  firedBy: [],
  sources: [],
});

const report: ReportView = {
  ruleSetVersion: '1',
  disclaimer: 'd',
  synthetic: true,
  assessmentDate: '2026-05-01',
  alerts: [option('Urgent MRI of the whole spine', 'urgent')],
  patientOptions: [option('Denosumab 120 mg every 4 weeks', 'recommended')],
  lesions: [],
  notAssessed: [],
};

const analysis = (
  kind: AnalysisListItem['kind'],
  studyDate: string,
  createdAt = '2026-06-01T00:00:00.000Z',
): AnalysisListItem => ({
  resultId: `${kind}-${studyDate}-${createdAt}`,
  runId: 'run',
  kind,
  studyId: 's',
  studyDate,
  modality: kind === 'pet-quantify' ? 'PT' : 'NM',
  createdAt,
  summary: {},
});

describe('composeSummary', () => {
  it('shows names and MRN for identified access, alerts before the other options', () => {
    const summary = composeSummary({ patient: identified, report, analyses: [], response: undefined });
    expect(summary.heading).toBe('Example, Ada');
    expect(summary.identity).toContainEqual({ label: 'MRN', value: 'SYN-MRN-1' });
    expect(summary.urgentAlerts).toEqual(['Urgent MRI of the whole spine']);
    expect(summary.otherOptions).toEqual(['recommended: Denosumab 120 mg every 4 weeks']);
    expect(summary.responseLine).toBe('No response assessment yet.');
  });

  it('shows researchers the research id and age, never a name or MRN', () => {
    const summary = composeSummary({ patient: deidentified, report: undefined, analyses: [], response: undefined });
    expect(summary.heading).toBe('Patient R-0123456789');
    const text = JSON.stringify(summary);
    expect(text).not.toContain('Example');
    expect(text).not.toContain('MRN');
    expect(summary.identity).toContainEqual({ label: 'Age', value: '66 years' });
    expect(summary.urgentAlerts).toEqual([]);
  });

  it('picks the latest bone scan and PET by study date (then the newest result)', () => {
    const summary = composeSummary({
      patient: identified,
      report,
      analyses: [
        analysis('bonescan-analyze', '2026-01-01'),
        analysis('bonescan-analyze', '2026-04-01', '2026-06-01T00:00:00.000Z'),
        analysis('bonescan-analyze', '2026-04-01', '2026-06-02T00:00:00.000Z'),
        analysis('bonescan-analyze', '2026-02-01'),
        analysis('pet-quantify', '2026-03-01'),
      ],
      response: undefined,
    });
    expect(summary.latestBoneScan?.resultId).toBe('bonescan-analyze-2026-04-01-2026-06-02T00:00:00.000Z');
    expect(summary.latestPet?.studyDate).toBe('2026-03-01');
  });

  it('states the confirmed progression from the response timeline', () => {
    const summary = composeSummary({
      patient: identified,
      report,
      analyses: [],
      response: {
        disclaimer: 'd',
        resultId: 'x',
        timeline: {
          points: [{ date: '2026-04-01', assessment: {} }],
          confirmedProgression: { date: '2026-04-01', confirmedOn: '2026-06-01', criterion: 'PERCIST 1.0', rule: 'r' },
        },
      },
    });
    expect(summary.responseLine).toBe(
      'Latest assessment 2026-04-01; confirmed progression on 2026-04-01 (PERCIST 1.0).',
    );
  });
});
