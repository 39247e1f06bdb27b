import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analysisResults, analysisRuns } from '../db/schema.js';
import { insertPatient, type PatientRow } from '../patients/patient-store.js';
import { startTestApp, type TestApp } from '../test-support/test-app.js';
import { executeJob } from './execute-job.js';
import { createJob, findJob } from './job-store.js';

// What a queue worker does with a redelivered job, on the embedded database: the job row decides.
let testApp: TestApp;
let patient: PatientRow;

beforeAll(async () => {
  testApp = await startTestApp({ BONEMET_JOB_CONCURRENCY: '1' });
  patient = await insertPatient(testApp.handle.db, {
    mrn: 'SYNTHETIC-E1',
    familyName: 'Phantom',
    givenName: 'Exhausted',
    sex: 'female',
    synthetic: true,
  });
  // Opening the embedded database and running the migrations takes seconds when other suites share the cores.
}, 60_000);

afterAll(async () => {
  await testApp.close();
});

async function runningJob(attempts: number): Promise<string> {
  const job = await createJob(testApp.handle.db, {
    patientId: patient.id,
    kind: 'pet-quantify',
    inputs: { studyInstanceUid: '1.2.3.4' },
  });
  // As left by workers that died mid-job: still `running`, started `attempts` times.
  await testApp.handle.db.update(analysisRuns).set({ status: 'running', attempts }).where(eq(analysisRuns.id, job.id));
  return job.id;
}

describe('executeJob with maxAttempts', () => {
  it('marks a job started maxAttempts times failed with the reason, without running it again', async () => {
    const id = await runningJob(3);
    await executeJob({ db: testApp.handle.db, config: testApp.config }, id, { maxAttempts: 3 });
    const job = await findJob(testApp.handle.db, id);
    expect(job).toMatchObject({ status: 'failed', attempts: 3, stage: 'failed' });
    expect(job?.error?.code).toBe('attempts_exhausted');
    expect(job?.error?.message).toContain('started 3 times without finishing');
    expect(await testApp.handle.db.select().from(analysisResults).where(eq(analysisResults.runId, id))).toEqual([]);
  });

  it('runs a job below the limit again and counts the attempt (here it fails: the study is not stored)', async () => {
    const id = await runningJob(2);
    await executeJob({ db: testApp.handle.db, config: testApp.config }, id, { maxAttempts: 3 });
    const job = await findJob(testApp.handle.db, id);
    expect(job).toMatchObject({ status: 'failed', attempts: 3 });
    expect(job?.error?.code).toBe('not_found');
  });

  it('leaves an ended job as it is: no attempt counted, no status change', async () => {
    const id = await runningJob(1);
    await testApp.handle.db.update(analysisRuns).set({ status: 'succeeded' }).where(eq(analysisRuns.id, id));
    await executeJob({ db: testApp.handle.db, config: testApp.config }, id, { maxAttempts: 3 });
    expect(await findJob(testApp.handle.db, id)).toMatchObject({ status: 'succeeded', attempts: 1, error: null });
  });
});
