import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analysisImageFolder } from '../analyses/analysis-images.js';
import { analysisResults } from '../db/schema.js';
import { queueJob, seedCohortImaging } from '../seed/cohort-imaging.js';
import { seedSyntheticCohort, type CohortPatient } from '../seed/synthetic-cohort.js';
import { startTestApp, type TestApp } from '../test-support/test-app.js';
import { createInProcessRunner } from './in-process-runner.js';
import { findJob } from './job-store.js';
import type { ResponseTimelinePayload } from './response-timeline-job.js';

let testApp: TestApp;
let dataDir: string;
let cohort: CohortPatient[];

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'bonemet-response-job-'));
  testApp = await startTestApp({ BONEMET_DATA_DIR: dataDir });
  cohort = await seedSyntheticCohort(testApp.handle.db);
}, 60_000);
afterAll(async () => {
  await testApp.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function patient(stem: string): CohortPatient {
  const found = cohort.find((entry) => entry.patient.story.stem === stem);
  if (found === undefined) throw new Error(`no ${stem} in the cohort`);
  return found;
}

/** Seeds the patient's images, runs their analyses, then the response-timeline job; returns that job. */
async function responseOf(
  entry: CohortPatient,
): Promise<{ runId: string; resultId: string | undefined; payload: ResponseTimelinePayload | undefined }> {
  const { db } = testApp.handle;
  const runner = createInProcessRunner({ db, config: testApp.config }, { concurrency: 1, queueLimit: 100 });
  try {
    const timePoints = await seedCohortImaging(db, testApp.config, runner, [entry]);
    await runner.idle();
    for (const point of timePoints) expect((await findJob(db, point.runId))?.status).toBe('succeeded');
    const runId = await queueJob(db, runner, { patientId: entry.row.id, kind: 'response-timeline', inputs: {} });
    await runner.idle();
    const [result] = await db.select().from(analysisResults).where(eq(analysisResults.runId, runId));
    return { runId, resultId: result?.id, payload: result?.payload as ResponseTimelinePayload | undefined };
  } finally {
    await runner.close();
  }
}

describe('the response-timeline job', () => {
  it('reads a partial metabolic response on two PET studies (SYN-MRN-009)', async () => {
    const { runId, payload } = await responseOf(patient('pet-responder'));
    expect((await findJob(testApp.handle.db, runId))?.status).toBe('succeeded');
    // Truth: L2 12 → 6 and the ilium 10 → 6 SUVbw, in the same patient (64 kg, 166 cm: one SUL factor for
    // both studies, Janmahasatian LBM = 9270 × 64 / (8780 + 244 × 64 / 1.66²) = 41.1 kg, 41.1 / 64 = 0.642).
    // Hottest lesion: 7.70 → 3.85 SUL, −50 % and −3.85 SUL: at least 30 % and 0.8 SUL down (Wahl 2009),
    // no new lesion: PMR.
    expect(payload?.summary).toEqual({
      date: '2026-07-06',
      category: 'PMR',
      criterion: 'PERCIST 1.0',
      responseStatus: 'response',
    });
    expect(payload?.points.map((point) => [point.date, point.assessment.percist?.vsBaseline])).toEqual([
      ['2026-07-06', 'PMR'],
    ]);
    expect(payload?.confirmedProgression).toBeNull();
    expect(payload?.assessedLine).toMatchObject({ lineNumber: 1, startDate: '2026-04-10' });
    // Both lesions tracked from baseline and still above the PERCIST threshold, both falling (−50 %, −40 %).
    const tracks = payload?.tracks ?? [];
    expect(tracks.map((track) => track.modality)).toEqual(['PT', 'PT']);
    for (const track of tracks) {
      expect(track.states.map((state) => [state.studyDate, state.state])).toEqual([
        ['2026-04-02', 'baseline'],
        ['2026-07-06', 'decreased'],
      ]);
      const [before, after] = track.states.map((state) => state.value ?? Number.NaN);
      expect(after).toBeLessThan(0.8 * (before ?? 0));
    }
    expect(payload?.disclaimer).toContain('Research use');
  }, 120_000);

  it('reads a worsening bone scan inside the flare window as a possible flare, with subtraction images (SYN-MRN-007)', async () => {
    const { resultId, payload } = await responseOf(patient('vertebral-compression-fracture'));
    // Truth: L1 rises from 3 to 4.2 times normal bone (an increased baseline lesion, a worsening), on
    // 2026-10-15, 175 days after letrozole + palbociclib started on 2026-04-23 (7 + 31 + 30 + 31 + 31 + 30 +
    // 15 days): inside the 182-day flare window, with no later scan to confirm it: progression not
    // confirmed, possible flare (Janicek 1994; the window of bone-scan-flare.ts).
    expect(payload?.points.map((point) => [point.date, point.assessment.boneScan?.status])).toEqual([
      ['2026-10-15', 'progression_not_confirmed_possible_flare'],
    ]);
    expect(payload?.summary).toMatchObject({ category: 'possible flare', responseStatus: 'stable' });
    const names = ['SUB-2026-04-15-2026-10-15-ANT', 'SUB-2026-04-15-2026-10-15-POST'];
    expect(payload?.subtractionImages).toEqual([{ earlierDate: '2026-04-15', laterDate: '2026-10-15', names }]);
    expect(payload?.images.map((image) => [image.name, image.widthPx, image.heightPx])).toEqual(
      names.map((name) => [name, 256, 1024]),
    );
    for (const name of names) {
      const png = readFileSync(join(analysisImageFolder(dataDir, resultId ?? ''), `${name}.png`));
      // PNG signature, then IHDR: width and height of the earlier scan's stored frame (256 × 1024 phantom).
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([256, 1024]);
    }
    for (const track of payload?.tracks ?? []) {
      expect(track.modality).toBe('NM');
      expect(['anterior', 'posterior']).toContain(track.view);
    }
  }, 120_000);

  it('fails with missing_data for a patient without two analysed studies, and stores nothing', async () => {
    const { db } = testApp.handle;
    const runner = createInProcessRunner({ db, config: testApp.config }, { concurrency: 1, queueLimit: 10 });
    const entry = patient('hypercalcaemia-renal-impairment');
    const runId = await queueJob(db, runner, { patientId: entry.row.id, kind: 'response-timeline', inputs: {} });
    await runner.idle();
    await runner.close();
    const job = await findJob(db, runId);
    expect(job?.status).toBe('failed');
    expect(job?.error?.code).toBe('missing_data');
    expect(job?.error?.message).toContain('two analysed bone scans or two analysed PET studies');
    expect(await db.select().from(analysisResults).where(eq(analysisResults.runId, runId))).toEqual([]);
  });

  it('refuses unknown inputs with invalid_input', async () => {
    const { db } = testApp.handle;
    const runner = createInProcessRunner({ db, config: testApp.config }, { concurrency: 1, queueLimit: 10 });
    const entry = patient('pet-responder');
    const runId = await queueJob(db, runner, {
      patientId: entry.row.id,
      kind: 'response-timeline',
      inputs: { studies: 'all' },
    });
    await runner.idle();
    await runner.close();
    const job = await findJob(db, runId);
    expect(job?.status).toBe('failed');
    expect(job?.error?.code).toBe('invalid_input');
  });
});
