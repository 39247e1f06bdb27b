// `bonemet response timeline` on a hand-made RECIST 1.1 timeline whose answer is worked out below.
import { caughtBonemetError, decodePng } from '@bonemet/core/testing';
import { boneScanTimelineFile, generateBoneScanTimeline } from '@bonemet/phantoms';
import { timelineReportSchema } from '@bonemet/response';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { trajectoryPlotPng, TRAJECTORY_PLOT_LAYOUT } from '../render/trajectory-plot.js';
import { DISCLAIMER, runCli } from '../test-support.js';
import { TRAJECTORY_PLOT_FILE, type TimelineReport } from './response.js';

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

  it('bonemet response <file> is the same as bonemet response timeline <file>, and its output fits the published result schema', async () => {
    const direct = await runCli(['response', file, '--json']);
    const alias = await runCli(['response', 'timeline', file, '--json']);
    expect(direct.status).toBe(0);
    expect(direct.stdout).toBe(alias.stdout);
    expect(() => timelineReportSchema.parse(JSON.parse(direct.stdout))).not.toThrow();
  });

  it('bonemet schema response-timeline-result prints the output schema', async () => {
    const run = await runCli(['schema', 'response-timeline-result']);
    expect(run.status).toBe(0);
    const schema = JSON.parse(run.stdout) as { $id: string; properties: Record<string, unknown> };
    expect(schema.$id).toBe('response-timeline-result.schema.json');
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(['points', 'confirmedProgression', 'lesionTrajectories', 'disclaimer', 'outputs']),
    );
  });
});

describe('bonemet response --out (lesion-trajectory plot)', () => {
  const petDates = ['2026-01-05', '2026-03-02', '2026-05-04'];
  const nmDates = ['2026-01-04', '2026-03-01'];
  const lesion = (id: string, trackingId: string, sulPeak: number): Record<string, unknown> => ({
    id,
    trackingId,
    organ: 'bone',
    centroidMm: [10, -20, 300],
    sulPeak,
    suvmax: sulPeak * 1.5,
    suvpeakGlobal: sulPeak * 1.3,
    suvmean: sulPeak,
    mtvMl: 5,
    tlg: 10,
  });
  const timePoint = (studyDate: string, lesions: Record<string, unknown>[]): Record<string, unknown> => ({
    studyDate,
    uptakeTimeMin: 60,
    scannerId: 'SITE-A PET/CT 1',
    liver: { sulMean: 2.0, sulSd: 0.3, volumeMl: 14.1 },
    lesions,
  });
  // Two PET lesions: T1 9 → 6 → 5 SULpeak; T2 7 → 8 → not seen. One bone-scan hotspot H1: ratio 2.5 → 3.1.
  const tracked = {
    patientId: 'P2',
    studies: [
      ...petDates.map((date, index) => ({ id: `pt${String(index)}`, date, modality: 'PT' })),
      ...nmDates.map((date, index) => ({ id: `nm${String(index)}`, date, modality: 'NM' })),
    ],
    therapyLines: [{ lineNumber: 1, regimen: 'letrozole + palbociclib', startDate: '2026-01-12' }],
    pet: {
      timePoints: [
        timePoint(petDates[0] ?? '', [lesion('L1', 'T1', 9), lesion('L2', 'T2', 7)]),
        timePoint(petDates[1] ?? '', [lesion('L1', 'T1', 6), lesion('L2', 'T2', 8)]),
        timePoint(petDates[2] ?? '', [lesion('L1', 'T1', 5)]),
      ],
    },
    lesionTracks: [
      {
        trackId: 'H1',
        label: 'H1 L3',
        modality: 'NM',
        observations: nmDates.map((date, index) => ({ date, value: [2.5, 3.1][index] })),
      },
    ],
  };
  const trackedFile = join(root, 'tracked.json');
  writeFileSync(trackedFile, JSON.stringify(tracked));

  it('writes a PNG of the expected size that is not blank, and lists it', async () => {
    const out = join(root, 'out-tracked');
    const run = await runCli(['response', trackedFile, '--json', '--out', out]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as TimelineReport;
    const plotFile = join(out, TRAJECTORY_PLOT_FILE);
    expect(report.outputs).toEqual([expect.objectContaining({ kind: 'lesion-trajectory-plot', file: plotFile })]);
    expect(report.lesionTrajectories.map((t) => [t.trackId, t.points.map((p) => p.value)])).toEqual([
      ['T1', [9, 6, 5]],
      ['T2', [7, 8, null]],
      ['H1', [2.5, 3.1]],
    ]);
    const png = decodePng(readFileSync(plotFile));
    // Two panels (PET SULpeak, bone-scan ratio): 80 + 2 × 420 + 60 = 980 px high, 1200 px wide.
    const { widthPx, headerPx, panelPx, footerPx } = TRAJECTORY_PLOT_LAYOUT;
    expect([png.width, png.height]).toEqual([widthPx, headerPx + 2 * panelPx + footerPx]);
    expect([png.width, png.height]).toEqual([1200, 980]);
    let dark = 0;
    let firstTrackColour = 0;
    for (let n = 0; n < png.width * png.height; n++) {
      const [r, g, b] = [png.rgba[4 * n] ?? 0, png.rgba[4 * n + 1] ?? 0, png.rgba[4 * n + 2] ?? 0];
      if (r + g + b < 384) dark++;
      // #0072B2, the first lesion's colour (blue), with a tolerance for antialiasing.
      if (Math.abs(r - 0x00) < 12 && Math.abs(g - 0x72) < 12 && Math.abs(b - 0xb2) < 12) firstTrackColour++;
    }
    const fraction = dark / (png.width * png.height);
    expect(fraction).toBeGreaterThan(0.005);
    expect(fraction).toBeLessThan(0.3);
    expect(firstTrackColour).toBeGreaterThan(100);
  });

  it('text: the tracked lesions and the file written', async () => {
    const out = join(root, 'out-text');
    const run = await runCli(['response', trackedFile, '--out', out]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(
      /Tracked lesions:\n {2}L1 bone \(PT SULpeak\): 2026-01-05 9\.00 → 2026-03-02 6\.00 → 2026-05-04 5\.00/,
    );
    expect(run.stdout).toMatch(/L2 bone \(PT SULpeak\): .* → 2026-05-04 not seen/);
    expect(run.stdout).toContain(`Files written:\n  ${join(out, TRAJECTORY_PLOT_FILE)}`);
  });

  it('writes no plot for a timeline without a tracked lesion', async () => {
    const out = join(root, 'out-none');
    const run = await runCli(['response', file, '--json', '--out', out]);
    expect(run.status).toBe(0);
    expect((JSON.parse(run.stdout) as TimelineReport).outputs).toEqual([]);
    expect(existsSync(join(out, TRAJECTORY_PLOT_FILE))).toBe(false);
  });

  it('refuses an --out that is a file, and an empty --out', async () => {
    const notAFolder = join(root, 'plain-file');
    writeFileSync(notAFolder, 'x');
    const run = await runCli(['response', trackedFile, '--out', notAFolder]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/cannot write/);
    const empty = await runCli(['response', trackedFile, '--out=']);
    expect(empty.status).toBe(2);
    expect(empty.stderr).toMatch(/--out needs a folder/);
  });

  it('says clearly when the font file is missing', () => {
    const error = caughtBonemetError(() =>
      trajectoryPlotPng(
        { patientId: 'P2', trajectories: [], therapyLines: [], disclaimer: DISCLAIMER },
        join(root, 'no-such-font.ttf'),
      ),
    );
    expect(error.code).toBe('missing_data');
    expect(error.message).toContain('no-such-font.ttf');
    expect(error.issues[0]?.hint).toMatch(/fonts-dejavu/);
  });
});

describe('bonemet response --out (bone-scan subtraction images)', () => {
  // Two bone scans of one synthetic patient (generateBoneScanTimeline), each written as its NM file.
  const scans = generateBoneScanTimeline({ seed: 7, timePoints: 2 });
  const folder = join(root, 'bone-scans');
  mkdirSync(folder);
  for (let index = 0; index < scans.points.length; index++)
    writeFileSync(join(folder, `nm${String(index)}.dcm`), boneScanTimelineFile(scans, index));
  const [first, second] = scans.points;
  const withFiles = {
    patientId: scans.patientId,
    studies: scans.points.map((point, index) => ({
      id: `nm${String(index)}`,
      date: point.date,
      modality: 'NM',
      files: [`bone-scans/nm${String(index)}.dcm`],
    })),
    therapyLines: [{ lineNumber: 1, regimen: 'letrozole', startDate: scans.therapyStartDate }],
    boneScan: {
      baselineDate: first?.date,
      scans: [{ date: second?.date, newCount: second?.newCount, increasedCount: second?.increasedCount }],
    },
  };
  const withFilesPath = join(root, 'with-files.json');
  writeFileSync(withFilesPath, JSON.stringify(withFiles));

  it("writes one subtraction PNG per view, on the earlier scan's grid, mostly mid-grey", async () => {
    const out = join(root, 'out-subtraction');
    const run = await runCli(['response', withFilesPath, '--json', '--out', out]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as TimelineReport;
    const images = (report.outputs ?? []).filter((output) => output.kind === 'subtraction-image');
    expect(images.map((image) => image.file).sort()).toEqual(
      ['anterior', 'posterior'].map((view) =>
        join(out, `subtraction-${view}-${second?.date ?? ''}-minus-${first?.date ?? ''}.png`),
      ),
    );
    for (const image of images) {
      expect(image.description).toMatch(/mid-grey = no change/);
      const png = decodePng(readFileSync(image.file));
      // The earlier scan's grid: the phantom's columns × rows.
      expect([png.width, png.height]).toEqual([first?.phantom.columns, first?.phantom.rows]);
      // Where nothing changed (outside the body, most of the image) the difference is 0: mid-grey.
      const histogram = new Map<number, number>();
      for (let n = 0; n < png.width * png.height; n++) {
        const grey = png.rgba[4 * n] ?? 0;
        histogram.set(grey, (histogram.get(grey) ?? 0) + 1);
      }
      const [mode] = [...histogram.entries()].sort((a, b) => b[1] - a[1])[0] ?? [0];
      expect(Math.abs(mode - 128)).toBeLessThanOrEqual(2);
      expect(histogram.size).toBeGreaterThan(10);
    }
  }, 120_000);

  it('names the study whose file is missing', async () => {
    const broken = { ...withFiles, studies: withFiles.studies.map((s) => ({ ...s, files: ['bone-scans/none.dcm'] })) };
    const brokenPath = join(root, 'broken.json');
    writeFileSync(brokenPath, JSON.stringify(broken));
    const run = await runCli(['response', brokenPath, '--out', join(root, 'out-broken')]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/studies\.nm0\.files: .*none\.dcm: no such file/);
  });

  it('refuses files on a study that is not a bone scan', async () => {
    const wrong = {
      ...withFiles,
      studies: [...withFiles.studies, { id: 'ct0', date: first?.date, modality: 'CT', files: ['x.dcm'] }],
    };
    const run = await runCli(['response', '-'], JSON.stringify(wrong));
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/studies\[2\]\.files: files are read for bone-scan \(NM\) studies only/);
  });
});
