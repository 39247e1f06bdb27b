import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { boneScanTimelineFile, generateBoneScanTimeline } from '@bonemet/phantoms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISCLAIMER, runCli } from '../test-support.js';
import { renderTrackReport, type TrackReport } from './track.js';

/** Replaces every occurrence of an ASCII text by another of the same length (header values of a test file). */
function patched(bytes: Uint8Array, from: string, to: string): Uint8Array {
  const out = Uint8Array.from(bytes);
  const f = Buffer.from(from, 'latin1');
  const t = Buffer.from(to, 'latin1');
  for (let i = 0; i + f.length <= out.length; i++) if (f.every((b, j) => out[i + j] === b)) out.set(t, i);
  return out;
}

describe('bonemet track', () => {
  // A progression timeline: the follow-up holds 1–3 new metastases (contrast 2–5, 15–30 mm).
  const timeline = generateBoneScanTimeline({ seed: 4242, timePoints: 2, scenario: 'progression' });
  let dir = '';
  let earlier = '';
  let laterFolder = '';
  let laterBytes: Uint8Array = new Uint8Array(0);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bonemet-track-'));
    earlier = join(dir, 'earlier.dcm');
    laterFolder = join(dir, 'later');
    await mkdir(laterFolder);
    await writeFile(earlier, boneScanTimelineFile(timeline, 0));
    laterBytes = boneScanTimelineFile(timeline, 1);
    await writeFile(join(laterFolder, 'scan.dcm'), laterBytes);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('tracks two studies: registration, hotspot states, new lesions with their probability, subtraction PNGs', async () => {
    const out = join(dir, 'out');
    const run = await runCli(['track', earlier, laterFolder, '--json', '--out', out]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as TrackReport;
    expect(report.disclaimer).toContain(DISCLAIMER);
    expect(report.earlier.date).toBe(timeline.points[0]?.date);
    expect(report.later.date).toBe(timeline.points[1]?.date);
    expect(report.later.patientId).toBe(timeline.patientId);
    expect(report.registration.map((r) => r.view).sort()).toEqual(['anterior', 'posterior']);
    for (const r of report.registration) {
      expect(r.residualMm).not.toBeNull();
      expect(r.residualMm ?? Infinity).toBeLessThan(10);
      // The truth rotations differ by |Δ| ≤ 6°; the registration finds the same rotation within 1°.
      const truth =
        (timeline.points[1]?.positioning.rotationDeg ?? 0) - (timeline.points[0]?.positioning.rotationDeg ?? 0);
      expect(Math.abs(r.rotationDeg - truth)).toBeLessThan(1);
    }
    // Every truth new lesion seen in the anterior view has a hotspot called new within 15 mm of it.
    const pixelMm = timeline.habitus.pixelSizeMm;
    const newTruth = (timeline.points[1]?.findings ?? []).filter(
      (f) => f.state === 'new' && f.views.includes('anterior'),
    );
    expect(newTruth.length).toBeGreaterThan(0);
    for (const finding of newTruth) {
      const [c, r] = finding.readingCentrePx.anterior;
      const found = report.hotspots.find(
        (h) =>
          h.view === 'anterior' &&
          h.state === 'new' &&
          h.laterPositionPx !== null &&
          Math.hypot(h.laterPositionPx[0] - c, h.laterPositionPx[1] - r) * pixelMm < 15,
      );
      expect(found, `new lesion ${finding.trackId} at [${String(c)}, ${String(r)}]`).toBeDefined();
    }
    // Jacobson 1990 by count: 1 → 11 %, 2 → 35 %, 3 → 45 %, 4 → 50 %, ≥ 5 → 100 %.
    const byCount = [11, 35, 45, 50, 100];
    if (report.summary.newLesionCount > 0)
      expect(report.newLesionProbability?.probabilityPercent).toBe(
        byCount[Math.min(report.summary.newLesionCount, 5) - 1],
      );
    for (const h of report.hotspots.filter((row) => row.confidence !== null)) {
      expect(h.confidence ?? -1).toBeGreaterThanOrEqual(0);
      expect(h.confidence ?? 2).toBeLessThanOrEqual(1);
    }
    expect(report.outputs.map((o) => o.view).sort()).toEqual(['anterior', 'posterior']);
    for (const output of report.outputs) {
      const png = await readFile(output.file);
      expect([...png.subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
      // IHDR width and height (big-endian at bytes 16 and 20) are the earlier scan's grid.
      expect(png.readUInt32BE(16)).toBe(timeline.points[0]?.phantom.columns);
      expect(png.readUInt32BE(20)).toBe(timeline.points[0]?.phantom.rows);
    }
    const text = renderTrackReport(report);
    expect(text).toContain('Registration of the later scan onto the earlier');
    expect(text).toContain(DISCLAIMER);
    expect(text).toMatch(/new abnormalit(y|ies): metastatic in \d+%/);
  }, 180_000);

  const expectRefused = async (argv: readonly string[], pattern: RegExp): Promise<void> => {
    const run = await runCli(argv);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(pattern);
  };

  it('refuses studies of different patients', async () => {
    const other = join(dir, 'other-patient.dcm');
    const otherId = `SYNTHETIC-TL-${String(1_000_000_000 + 9999)}`;
    expect(otherId.length).toBe(timeline.patientId.length);
    await writeFile(other, patched(laterBytes, timeline.patientId, otherId));
    await expectRefused(['track', earlier, other], /different patients/);
  });

  it('refuses a later study dated before the earlier one', async () => {
    await expectRefused(['track', laterFolder, earlier], /dates out of order/);
    await expectRefused(['track', earlier, laterFolder, '--later-date', '2020-01-01'], /dates out of order/);
  });

  it('refuses unknown files, missing paths, PET studies and bad usage', async () => {
    const text = join(dir, 'notes.txt');
    await writeFile(text, 'not an image');
    await expectRefused(['track', earlier, text], /unknown file/);
    await expectRefused(['track', earlier, join(dir, 'missing')], /no such file or folder/);
    const pet = join(dir, 'pet.dcm');
    await writeFile(pet, patched(laterBytes, 'CS\u0002\u0000NM', 'CS\u0002\u0000PT'));
    await expectRefused(['track', earlier, pet], /PET object/);
    await expectRefused(['track', earlier], /track needs two studies/);
    await expectRefused(['track', earlier, laterFolder, '--earlier-date', '1 May'], /not a YYYY-MM-DD date/);
    const help = await runCli(['track', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('bonemet track <earlier> <later>');
  });
});
