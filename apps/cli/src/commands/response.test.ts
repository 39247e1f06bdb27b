// `bonemet response timeline` on a hand-made RECIST 1.1 timeline whose answer is worked out below.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DISCLAIMER, runCli } from '../test-support.js';
import type { TimelineReport } from './response.js';

const root = mkdtempSync(join(tmpdir(), 'bonemet-cli-response-'));
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

const ctDates = ['2025-12-20', '2026-03-02', '2026-06-22'];
// One target lytic lesion with a 50 mm soft-tissue component: 50 → 30 → 40 mm.
// By hand (RECIST 1.1, Eisenhauer 2009): 30 vs 50 = −40 % (≥ 30 % decrease: PR); 40 vs the nadir 30 =
// +33 % and +10 mm (≥ 20 % and ≥ 5 mm: PD) on 2026-06-22. Time to progression from the start of line 1
// (2026-01-01) to 2026-06-22: 31 + 28 + 31 + 30 + 31 + 21 = 172 days.
const timeline = {
  patientId: 'P1',
  studies: ctDates.map((date, index) => ({ id: `ct${String(index)}`, date, modality: 'CT' })),
  therapyLines: [{ lineNumber: 1, regimen: 'letrozole + palbociclib', startDate: '2026-01-01' }],
  recist: {
    lesions: [{ id: 'T1', kind: 'lytic', softTissueComponentMm: 50 }],
    targetIds: ['T1'],
    timePoints: [50, 30, 40].map((sum, index) => ({
      date: ctDates[index],
      targetDiametersMm: { T1: sum },
      newLesions: false,
      nonTarget: 'present',
    })),
  },
};
const file = join(root, 'timeline.json');
writeFileSync(file, JSON.stringify(timeline));

describe('bonemet response timeline', () => {
  it('--json: PR then PD, confirmed progression and time to progression as computed by hand', async () => {
    const run = await runCli(['response', 'timeline', file, '--json']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as TimelineReport;
    expect(report.disclaimer).toContain(DISCLAIMER);
    expect(report.points.map((p) => [p.date, p.assessment.recist?.category])).toEqual([
      ['2026-03-02', 'PR'],
      ['2026-06-22', 'PD'],
    ]);
    expect(report.points[0]?.assessment.recist?.percentFromBaseline).toBeCloseTo(-40, 6);
    expect(report.confirmedProgression).toMatchObject({ date: '2026-06-22', criterion: 'RECIST 1.1' });
    expect(report.confirmedProgression?.rule.length).toBeGreaterThan(0);
    expect(report.timeToProgression).toMatchObject({ days: 172, fromDate: '2026-01-01' });
    expect(report.citations['RECIST 1.1']?.map((c) => c.id)).toContain('eisenhauer-2009');
    expect(report.citations['PERCIST 1.0']).toBeUndefined();
  });

  it('text from standard input: each time point, the progression with its rule, TTP and sources', async () => {
    const run = await runCli(['response', 'timeline', '-'], JSON.stringify(timeline));
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(DISCLAIMER);
    expect(run.stdout).toMatch(/2026-03-02 .*\n {2}RECIST 1\.1 \[1\]\[2\]: PR; -40\.0 % from baseline/);
    expect(run.stdout).toMatch(/Confirmed progression \[1\]\[2\]: 2026-06-22 by RECIST 1\.1/);
    expect(run.stdout).toMatch(/Time to progression: 172 days/);
    expect(run.stdout).toMatch(/Sources:\n {2}\[1\] .*Eisenhauer/);
  });

  it('bonemet schema response-timeline prints the published schema', async () => {
    const run = await runCli(['schema', 'response-timeline']);
    expect(run.status).toBe(0);
    const schema = JSON.parse(run.stdout) as { $id: string; properties: Record<string, unknown> };
    expect(schema.$id).toBe('response-timeline.schema.json');
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['patientId', 'studies', 'recist']));
  });

  it.each([
    [['response', 'timeline'], ''],
    [['response', 'timelines', file], ''],
    [['response', 'timeline', '-'], '{"patientId": "P1"}'],
    [['response', 'timeline', '-'], 'not json'],
    [['response', 'timeline', join(root, 'missing.json')], ''],
  ])('bad input %j: status 2, nothing on standard output', async (argv, stdin) => {
    const run = await runCli(argv, stdin);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^bonemet: /);
  });

  it('a missing field is named by its path', async () => {
    const run = await runCli(['response', 'timeline', '-'], JSON.stringify({ ...timeline, studies: undefined }));
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/studies/);
  });
});
