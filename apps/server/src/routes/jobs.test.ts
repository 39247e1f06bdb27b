import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generatePetCtPhantom, writePetCtPhantom, type PetCtPhantom } from '@bonemet/phantoms';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOrthanc, type RunningOrthanc } from '../../../../packages/dicom/src/test-support/orthanc.js';
import { analysisResults, analysisRuns, auditEvents, instances } from '../db/schema.js';
import { sha256Hex } from '../ingest/content-store.js';
import { executeJob } from '../jobs/execute-job.js';
import { insertPatient, type PatientRow } from '../patients/patient-store.js';
import { startTestApp, userClient, type Client, type TestApp } from '../test-support/test-app.js';
import { phantomDicomFiles, STOW_CONTENT_TYPE, stowBody } from '../test-support/stow.js';

// Quantified phantom: the default 96 × 96 × 48 grid of 4 mm voxels (48 PET + 48 CT files, as the CLI's
// tests use), no blur, no noise: background SUVbw 1, liver 2.2 (uniform), hot spheres at SUVbw 4 and 8.
// Pulled phantom: a 48 × 48 × 20 grid of 8 mm voxels (20 PET + 20 CT files).
const GRID = { dimensions: [48, 48, 20] as [number, number, number], spacingMm: [8, 8, 8] as [number, number, number] };

let testApp: TestApp;
let dataDir = '';
let clinician: Client;
let phantom: PetCtPhantom;
let petCtFiles: Buffer[] = [];
let patient: PatientRow;

interface JobView {
  id: string;
  status: string;
  progress: number;
  stage: string;
  attempts: number;
  error: { code: string; message: string } | null;
  results: { id: string; schemaName: string }[];
}

async function waitForJob(id: string, on: TestApp = testApp, as: Client = clinician): Promise<JobView> {
  for (let attempt = 0; attempt < 600; attempt++) {
    const response = await on.app.inject({ method: 'GET', url: `/api/jobs/${id}`, headers: as.headers });
    expect(response.statusCode).toBe(200);
    const job = response.json<JobView>();
    if (job.status === 'succeeded' || job.status === 'failed') return job;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`job ${id} did not finish`);
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'bonemet-jobs-'));
  testApp = await startTestApp({ BONEMET_DATA_DIR: dataDir });
  clinician = await userClient(testApp, 'clin', 'clinician');
  phantom = generatePetCtPhantom({});
  await writePetCtPhantom(phantom, join(dataDir, 'phantom'), 'siemens');
  petCtFiles = await phantomDicomFiles(join(dataDir, 'phantom'));
  patient = await insertPatient(testApp.handle.db, {
    mrn: 'SYNTHETIC-1',
    familyName: 'Phantom',
    givenName: 'One',
    sex: 'female',
    synthetic: true,
  });
}, 60_000);

afterAll(async () => {
  await testApp.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('pet-quantify job', () => {
  it('quantifies an uploaded PET/CT phantom study as the phantom truth says, and stores one result', async () => {
    const upload = await testApp.app.inject({
      method: 'POST',
      url: `/api/patients/${patient.researchId}/studies`,
      headers: {
        ...clinician.headers,
        'content-type': STOW_CONTENT_TYPE,
      },
      payload: stowBody(petCtFiles),
    });
    expect(upload.statusCode).toBe(200);
    const [study] = (
      await testApp.app.inject({
        method: 'GET',
        url: `/api/patients/${patient.researchId}/studies`,
        headers: clinician.headers,
      })
    ).json<{ studyInstanceUid: string }[]>();
    const liver = phantom.truth.tissues.liver.centreMm;
    const started = await testApp.app.inject({
      method: 'POST',
      url: `/api/patients/${patient.researchId}/jobs`,
      headers: clinician.headers,
      payload: {
        kind: 'pet-quantify',
        inputs: { studyInstanceUid: study?.studyInstanceUid, liverCentreMm: [liver[0], liver[1], liver[2]] },
      },
    });
    expect(started.statusCode).toBe(202);
    const job = await waitForJob(started.json<JobView>().id);
    expect(job.error).toBeNull();
    expect(job).toMatchObject({ status: 'succeeded', progress: 1, stage: 'done', attempts: 1 });
    expect(job.results.map((r) => r.schemaName)).toEqual(['bonemet.pet-quantification']);

    const results = await testApp.app.inject({
      method: 'GET',
      url: `/api/jobs/${job.id}/results`,
      headers: clinician.headers,
    });
    interface Payload {
      ctSeriesInstanceUid: string | null;
      quantification: {
        reference: { liver: { suvbwMean: number; suvbwSd: number } };
        threshold: { suvbw: number };
        lesions: { suvmax: number; centroidMm: [number, number, number]; osseous: unknown }[];
      };
    }
    const [result] = results.json<{ payload: Payload }[]>();
    const q = result?.payload.quantification;
    // The liver sphere lies in the uniform liver: mean = truth 2.2, SD 0; PERCIST threshold
    // 1.5 × 2.2 + 2 × 0 = 3.3 SUVbw (Wahl et al. 2009).
    expect(q?.reference.liver.suvbwMean).toBeCloseTo(phantom.truth.tissues.liverSuvbw, 3);
    expect(q?.threshold.suvbw).toBeCloseTo(1.5 * phantom.truth.tissues.liverSuvbw, 3);
    // The largest hot sphere holds whole voxels at its true SUVbw: its lesion's SUVmax is that value.
    const largest = [...phantom.truth.lesions].sort((a, b) => b.diameterMm - a.diameterMm)[0];
    const nearest = [...(q?.lesions ?? [])].sort(
      (a, b) => distance(a.centroidMm, largest?.centreMm) - distance(b.centroidMm, largest?.centreMm),
    )[0];
    expect(distance(nearest?.centroidMm, largest?.centreMm)).toBeLessThan(8);
    expect(nearest?.suvmax).toBeCloseTo(largest?.suvbw ?? Number.NaN, 2);
    expect(result?.payload.ctSeriesInstanceUid).not.toBeNull();

    // A retry of the finished run (as after a crash that lost the acknowledgement) adds no second result.
    await testApp.handle.db.update(analysisRuns).set({ status: 'running' }).where(eq(analysisRuns.id, job.id));
    await executeJob({ db: testApp.handle.db, config: testApp.config }, job.id);
    const rows = await testApp.handle.db.select().from(analysisResults).where(eq(analysisResults.runId, job.id));
    expect(rows).toHaveLength(1);

    const audits = await testApp.handle.db.select().from(auditEvents).where(eq(auditEvents.action, 'job.create'));
    expect(audits.map((row) => row.patientResearchId)).toEqual([patient.researchId]);
  }, 60_000);

  it('records a failed job with its reason for a study that is not stored', async () => {
    const started = await testApp.app.inject({
      method: 'POST',
      url: `/api/patients/${patient.researchId}/jobs`,
      headers: clinician.headers,
      payload: { kind: 'pet-quantify', inputs: { studyInstanceUid: '1.2.3.4' } },
    });
    const job = await waitForJob(started.json<JobView>().id);
    expect(job.status).toBe('failed');
    expect(job.error?.code).toBe('not_found');
    expect(job.results).toEqual([]);
  });
});

function distance(a: readonly number[] | undefined, b: readonly number[] | undefined): number {
  if (a === undefined || b === undefined) return Number.POSITIVE_INFINITY;
  return Math.hypot((a[0] ?? 0) - (b[0] ?? 0), (a[1] ?? 0) - (b[1] ?? 0), (a[2] ?? 0) - (b[2] ?? 0));
}

describe('dicomweb-pull job from a real Orthanc', () => {
  let orthanc: RunningOrthanc | undefined;
  let pullApp: TestApp | undefined;
  let pullClinician: Client;
  afterAll(async () => {
    await pullApp?.close();
    await orthanc?.stop();
  });

  it('pulls a study byte for byte, shows progress, and stores it once when pulled again', async () => {
    orthanc = await startOrthanc();
    // A server whose configured PACS is this Orthanc: pulls fetch only under its DICOMweb base.
    pullApp = await startTestApp({ BONEMET_DATA_DIR: dataDir, BONEMET_PACS_URL: orthanc.dicomWebUrl });
    const app = pullApp;
    pullClinician = await userClient(app, 'clin', 'clinician');
    const other = generatePetCtPhantom({ ...GRID, seed: 3 });
    await writePetCtPhantom(other, join(dataDir, 'pacs'), 'ge');
    const files = await phantomDicomFiles(join(dataDir, 'pacs'));
    let studyOrthancId = '';
    for (const file of files) studyOrthancId = (await orthanc.upload(file)).ParentStudy;
    const studyInfo = (await (await fetch(`${orthanc.url}/studies/${studyOrthancId}`)).json()) as {
      MainDicomTags: { StudyInstanceUID: string };
    };
    const pullPatient = await insertPatient(app.handle.db, {
      mrn: 'SYNTHETIC-3',
      familyName: 'Phantom',
      givenName: 'Three',
      sex: 'female',
      synthetic: true,
    });
    const pull = (): Promise<JobView> =>
      app.app
        .inject({
          method: 'POST',
          url: `/api/patients/${pullPatient.researchId}/studies/pull`,
          headers: pullClinician.headers,
          payload: { url: `${orthanc?.dicomWebUrl ?? ''}/studies/${studyInfo.MainDicomTags.StudyInstanceUID}` },
        })
        .then((response) => {
          expect(response.statusCode).toBe(202);
          return waitForJob(response.json<JobView>().id, app, pullClinician);
        });
    const job = await pull();
    expect(job.error).toBeNull();
    expect(job).toMatchObject({ status: 'succeeded', progress: 1 });
    // Orthanc serves the stored files unchanged (transfer-syntax=*): the SHA-256 of every stored instance
    // is that of a file uploaded to it.
    const uploaded = new Set(files.map((file) => sha256Hex(file)));
    const list = await app.app.inject({
      method: 'GET',
      url: `/api/patients/${pullPatient.researchId}/studies`,
      headers: pullClinician.headers,
    });
    expect(list.json()).toEqual([expect.objectContaining({ seriesCount: 2, instanceCount: files.length })]);
    const stored = await app.handle.db.select().from(instances);
    const pulledHashes = stored.map((row) => row.sha256).filter((sha) => uploaded.has(sha));
    expect(pulledHashes).toHaveLength(files.length);

    const again = await pull();
    expect(again.status).toBe('succeeded');
    expect((await app.handle.db.select().from(instances)).length).toBe(stored.length);

    const jobs = await app.app.inject({
      method: 'GET',
      url: `/api/patients/${pullPatient.researchId}/jobs`,
      headers: pullClinician.headers,
    });
    expect(jobs.json<JobView[]>().map((j) => j.status)).toEqual(['succeeded', 'succeeded']);
  }, 120_000);

  it('refuses a pull URL outside the configured PACS (422), and stores no job', async () => {
    const app = pullApp;
    if (app === undefined) throw new Error('the Orthanc test did not start the server');
    const pullPatient = await insertPatient(app.handle.db, {
      mrn: 'SYNTHETIC-4',
      familyName: 'Phantom',
      givenName: 'Four',
      sex: 'female',
      synthetic: true,
    });
    const jobsBefore = (await app.handle.db.select().from(analysisRuns)).length;
    // The cloud metadata address, the database port on loopback, and a sibling path on the PACS host.
    for (const url of [
      'http://169.254.169.254/dicom-web/studies/1.2.3',
      'http://127.0.0.1:5432/dicom-web/studies/1.2.3',
      `${new URL(orthanc?.dicomWebUrl ?? 'http://x').origin}/tools/studies/1.2.3`,
    ]) {
      const response = await app.app.inject({
        method: 'POST',
        url: `/api/patients/${pullPatient.researchId}/studies/pull`,
        headers: pullClinician.headers,
        payload: { url },
      });
      expect(response.statusCode).toBe(422);
      expect(response.json()).toMatchObject({
        error: {
          code: 'invalid_input',
          issues: [{ path: ['url'], message: 'it is not under a configured PACS DICOMweb base URL' }],
        },
      });
    }
    expect((await app.handle.db.select().from(analysisRuns)).length).toBe(jobsBefore);
  });

  it('refuses every pull URL when no PACS is configured (422)', async () => {
    const response = await testApp.app.inject({
      method: 'POST',
      url: `/api/patients/${patient.researchId}/studies/pull`,
      headers: clinician.headers,
      payload: { url: 'http://127.0.0.1:8042/dicom-web/studies/1.2.3' },
    });
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ error: { code: 'unsupported', issues: [{ path: ['url'] }] } });
  });

  it('refuses a pull by StudyInstanceUID when no PACS is configured (422)', async () => {
    const response = await testApp.app.inject({
      method: 'POST',
      url: `/api/patients/${patient.researchId}/studies/pull`,
      headers: clinician.headers,
      payload: { studyInstanceUid: '1.2.3' },
    });
    expect(response.statusCode).toBe(422);
  });
});
