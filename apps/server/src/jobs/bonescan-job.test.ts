import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodePng } from '@bonemet/core/testing';
import { generateBoneScanPhantom, writeBoneScanPhantom, type BoneScanPhantom } from '@bonemet/phantoms';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analysisResults, lesions, measurements, studies } from '../db/schema.js';
import { insertPatient, type PatientRow } from '../patients/patient-store.js';
import { startTestPostgres, type TestPostgres } from '../test-support/postgres-server.js';
import { STOW_CONTENT_TYPE, stowBody } from '../test-support/stow.js';
import { startTestApp, userClient, type Client, type TestApp } from '../test-support/test-app.js';
import { executeJob } from './execute-job.js';
import { createJob } from './job-store.js';

// The bonescan-analyze job on a real PostgreSQL server (a throwaway cluster on loopback), as it runs in a
// deployment with DATABASE_URL: STOW the bone-scan phantom, run the job, check it against the phantom truth.
// One hot metastasis of 30 mm at 5× normal bone in the right femur, nothing else hot on bone.
let postgres: TestPostgres | undefined;
let testApp: TestApp | undefined;
let folder = '';
let clinician: Client;
let patient: PatientRow;
let phantom: BoneScanPhantom;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'bonemet-bonescan-job-'));
  postgres = await startTestPostgres();
  testApp = await startTestApp({
    DATABASE_URL: postgres.url,
    BONEMET_DATA_DIR: join(folder, 'data'),
    BONEMET_SESSION_SECRET: 's'.repeat(40),
    BONEMET_LOG_LEVEL: 'silent',
  });
  clinician = await userClient(testApp, 'clin', 'clinician');
  patient = await insertPatient(testApp.handle.db, {
    mrn: 'SYNTHETIC-PG1',
    familyName: 'Phantom',
    givenName: 'Postgres',
    sex: 'female',
    synthetic: true,
  });
  phantom = generateBoneScanPhantom({
    seed: 11,
    totalCountsPerView: 2_000_000,
    metastases: 0,
    lyticMetastases: 0,
    ribFractures: 0,
    degenerativeJoints: false,
    superscan: false,
    lesions: [{ kind: 'metastasis', part: 'femur_right', diameterMm: 30, contrast: 5 }],
  });
}, 120_000);

afterAll(async () => {
  await testApp?.close();
  await postgres?.stop();
  await rm(folder, { recursive: true, force: true });
}, 30_000);

describe('bonescan-analyze on PostgreSQL', () => {
  it('stores the report, lesions, the BSI measurement and the images; edits work as on PGlite', async () => {
    if (testApp === undefined) throw new Error('setup failed');
    const { app: server, config } = testApp;
    const db = testApp.handle.db;
    const written = await writeBoneScanPhantom(phantom, join(folder, 'phantom'));
    const upload = await server.inject({
      method: 'POST',
      url: `/api/patients/${patient.researchId}/studies?assign=true`,
      headers: { ...clinician.headers, 'content-type': STOW_CONTENT_TYPE },
      payload: stowBody([await readFile(written.nmFile)]),
    });
    expect(upload.statusCode).toBe(200);
    const [study] = await db.select().from(studies).where(eq(studies.patientId, patient.id));
    // Run the job here, as a worker does, and record its progress stages.
    const job = await createJob(db, {
      patientId: patient.id,
      kind: 'bonescan-analyze',
      inputs: { studyId: study?.id },
    });
    const stages: string[] = [];
    await executeJob({ db, config }, job.id, {
      onProgress: (_runId, _fraction, stage) => {
        stages.push(stage);
        return Promise.resolve();
      },
    });
    const [result] = await db.select().from(analysisResults).where(eq(analysisResults.runId, job.id));
    // Progress per stage: reading, analysing, rendering, saving.
    expect(stages).toEqual([
      'reading the stored bone-scan files',
      'analysing: count quality, skeleton segmentation, hotspots, Bone Scan Index',
      'rendering the anterior and posterior images',
      'saving the result',
    ]);
    expect(result?.schemaName).toBe('bonescan-analysis');
    const resultId = result?.id ?? '';

    const [bsi] = await db
      .select()
      .from(measurements)
      .where(and(eq(measurements.runId, job.id), eq(measurements.quantity, 'bsi')));
    expect(bsi).toMatchObject({ unit: '%', patientId: patient.id, studyId: study?.id });
    expect(bsi?.value).toBeGreaterThan(0);
    // The femur lesion is a lesion row with its core location (right femur).
    const rows = await db.select().from(lesions).where(eq(lesions.runId, job.id));
    expect(rows.map((row) => row.payload.location)).toContainEqual({ bone: 'femur', laterality: 'right' });

    const detail = await server.inject({ method: 'GET', url: `/api/analyses/${resultId}`, headers: clinician.headers });
    expect(detail.statusCode).toBe(200);
    interface Hotspot {
      id: string;
      view: string;
      x: number;
      y: number;
      label: string;
      region: string | null;
    }
    const body = detail.json<{ boneScan: { automatic: { bsiPercent: number; hotspots: Hotspot[] } } }>();
    expect(body.boneScan.automatic.bsiPercent).toBe(bsi?.value);
    const finding = phantom.truth.findings.find((f) => f.part === 'femur_right' && f.malignant);
    const [column, row] = finding?.centrePx.anterior ?? [0, 0];
    const femur = body.boneScan.automatic.hotspots.find(
      (h) => h.view === 'ANT' && h.label === 'metastasis' && Math.hypot(h.x - column, h.y - row) <= 4,
    );
    expect(femur?.region).toBe('femur_right');

    const edit = await server.inject({
      method: 'POST',
      url: `/api/analyses/${resultId}/edits`,
      headers: clinician.headers,
      payload: { action: 'reject', hotspotId: femur?.id },
    });
    expect(edit.statusCode).toBe(200);
    const edited = edit.json<{ boneScan: { automatic: { bsiPercent: number }; edited: { bsiPercent: number } } }>();
    expect(edited.boneScan.automatic.bsiPercent).toBe(bsi?.value);
    expect(edited.boneScan.edited.bsiPercent).toBeLessThanOrEqual(bsi?.value ?? 0);

    // The list reads its numbers by JSON path in SQL: the same numbers on a PostgreSQL server.
    const list = await server.inject({
      method: 'GET',
      url: `/api/patients/${patient.researchId}/analyses`,
      headers: clinician.headers,
    });
    expect(list.json<{ items: { resultId: string; summary: Record<string, unknown> }[] }>().items).toEqual([
      expect.objectContaining({
        resultId,
        summary: expect.objectContaining({
          bsiPercent: bsi?.value,
          bsiPercentEdited: edited.boneScan.edited.bsiPercent,
        }) as unknown,
      }),
    ]);

    const png = await server.inject({
      method: 'GET',
      url: `/api/analyses/${resultId}/images/POST.png`,
      headers: clinician.headers,
    });
    expect(png.statusCode).toBe(200);
    const decoded = decodePng(png.rawPayload);
    expect([decoded.width, decoded.height]).toEqual([phantom.columns, phantom.rows]);
    expect((await readdir(join(folder, 'data', 'analyses', resultId))).sort()).toEqual([
      'ANT.png',
      'POST.png',
      'editable.json.gz',
      'images.json',
    ]);
  }, 120_000);
});
