import { readdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generatePetCtPhantom, writePetCtPhantom } from '@bonemet/phantoms';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, instances, series, studies } from '../db/schema.js';
import { ingestInstances } from '../ingest/ingest-instances.js';
import { insertPatient, type PatientRow } from '../patients/patient-store.js';
import { startTestApp, userClient, type Client, type TestApp } from '../test-support/test-app.js';
import { phantomDicomFiles, STOW_CONTENT_TYPE, stowBody } from '../test-support/stow.js';

// A small phantom: 48 × 48 × 20 voxels of 8 mm, so 20 PET and 20 CT slices (one file each) in one study of
// two series.
const SLICES = 20;
const GRID = {
  dimensions: [48, 48, SLICES] as [number, number, number],
  spacingMm: [8, 8, 8] as [number, number, number],
};
// STOW-RS tags (PS3.18 Table 10.5.3-1).
const FAILED = '00081198';
const REFERENCED = '00081199';
const SOP_UID = '00081155';
const REASON = '00081197';

let testApp: TestApp;
let dataDir = '';
let clinician: Client;
let researcher: Client;
let patient: PatientRow;
let files: Buffer[] = [];
let otherFiles: Buffer[] = [];

async function storedFiles(): Promise<string[]> {
  const root = join(dataDir, 'dicom');
  const found: string[] = [];
  for (const sub of await readdir(root).catch(() => [])) {
    for (const name of await readdir(join(root, sub))) found.push(name);
  }
  return found;
}

async function instanceCount(): Promise<number> {
  return (await testApp.handle.db.select().from(instances)).length;
}

interface StowItem {
  [SOP_UID]?: { Value: [string] };
  [REASON]?: { Value: [number] };
}
type StowJson = Record<string, { Value: StowItem[] } | undefined>;

function stow(client: Client, parts: readonly Uint8Array[], url = '/api/dicomweb/studies') {
  return testApp.app.inject({
    method: 'POST',
    url,
    headers: { ...client.headers, 'content-type': STOW_CONTENT_TYPE },
    payload: stowBody(parts),
  });
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'bonemet-ingest-'));
  testApp = await startTestApp({ BONEMET_DATA_DIR: dataDir });
  clinician = await userClient(testApp, 'clin', 'clinician');
  researcher = await userClient(testApp, 'res', 'researcher');
  const phantomDir = join(dataDir, 'phantom');
  await writePetCtPhantom(generatePetCtPhantom(GRID), join(phantomDir, 'a'), 'siemens');
  await writePetCtPhantom(generatePetCtPhantom({ ...GRID, seed: 2 }), join(phantomDir, 'b'), 'siemens');
  files = await phantomDicomFiles(join(phantomDir, 'a'));
  otherFiles = await phantomDicomFiles(join(phantomDir, 'b'));
  // The phantom writes PatientID SYNTHETIC-<seed>.
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

describe('STOW-RS ingest', () => {
  it('stores the phantom study once, even when it is sent twice', async () => {
    expect(files).toHaveLength(2 * SLICES);
    const first = await stow(clinician, files);
    expect(first.statusCode).toBe(200);
    expect(first.headers['content-type']).toMatch(/^application\/dicom\+json/);
    const body = first.json<StowJson>();
    expect(body[REFERENCED]?.Value).toHaveLength(2 * SLICES);
    expect(body[FAILED]).toBeUndefined();
    expect(await instanceCount()).toBe(2 * SLICES);
    expect(await storedFiles()).toHaveLength(2 * SLICES);

    const again = await stow(clinician, files);
    expect(again.statusCode).toBe(200);
    expect(again.json<StowJson>()[REFERENCED]?.Value).toHaveLength(2 * SLICES);
    expect(await instanceCount()).toBe(2 * SLICES);
    expect(await storedFiles()).toHaveLength(2 * SLICES);

    const list = await testApp.app.inject({
      method: 'GET',
      url: `/api/patients/${patient.researchId}/studies`,
      headers: clinician.headers,
    });
    expect(list.statusCode).toBe(200);
    // One study with a PET and a CT series of SLICES files each.
    expect(list.json()).toEqual([
      expect.objectContaining({ modalities: 'CT\\PT', seriesCount: 2, instanceCount: 2 * SLICES }),
    ]);
    const audits = await testApp.handle.db.select().from(auditEvents).where(eq(auditEvents.action, 'study.ingest'));
    expect(
      audits.filter((row) => row.outcome === 'success' && row.patientResearchId === patient.researchId),
    ).toHaveLength(2);
  });

  it('lists a truncated and a non-DICOM part as failed and stores nothing of them', async () => {
    const before = await storedFiles();
    const truncated = (otherFiles[0] ?? Buffer.alloc(0)).subarray(0, 400);
    const notDicom = Buffer.from('this is a text file, not DICOM', 'utf8');
    const response = await stow(clinician, [truncated, notDicom, files[0] ?? Buffer.alloc(0)]);
    // One part stored (already present), two failed: 202 Accepted (PS3.18 §10.5.3).
    expect(response.statusCode).toBe(202);
    const failed = response.json<StowJson>()[FAILED]?.Value ?? [];
    // C000H "Cannot understand" for both unreadable parts.
    expect(failed.map((item) => item[REASON]?.Value[0])).toEqual([0xc000, 0xc000]);
    expect(await storedFiles()).toEqual(before);
    expect(await instanceCount()).toBe(2 * SLICES);
  });

  it('refuses a different file with a stored SOPInstanceUID (409, Duplicate SOP Instance)', async () => {
    const original = files[0] ?? Buffer.alloc(0);
    const altered = Buffer.from(original);
    // The last byte is pixel data: same header and SOPInstanceUID, different content.
    altered[altered.length - 1] = (altered[altered.length - 1] ?? 0) ^ 0xff;
    const response = await stow(clinician, [altered]);
    expect(response.statusCode).toBe(409);
    expect(response.json<StowJson>()[FAILED]?.Value[0]?.[REASON]?.Value[0]).toBe(0x0111);
    expect(await storedFiles()).toHaveLength(2 * SLICES);
  });

  it('refuses files of another PatientID unless assigned, and unknown patients', async () => {
    const unknown = await stow(clinician, otherFiles.slice(0, 1));
    expect(unknown.statusCode).toBe(409);
    const url = `/api/patients/${patient.researchId}/studies`;
    const mismatch = await stow(clinician, otherFiles.slice(0, 1), url);
    expect(mismatch.statusCode).toBe(409);
    expect(mismatch.json<StowJson>()[FAILED]?.Value[0]?.[REASON]?.Value[0]).toBe(0x0110);
    expect(await instanceCount()).toBe(2 * SLICES);
    const assigned = await stow(clinician, otherFiles.slice(0, 1), `${url}?assign=true`);
    expect(assigned.statusCode).toBe(200);
    expect(await instanceCount()).toBe(2 * SLICES + 1);
  });

  it('leaves neither rows nor files when the ingest fails before commit', async () => {
    const rowsBefore = await instanceCount();
    const filesBefore = await storedFiles();
    const studiesBefore = (await testApp.handle.db.select().from(studies)).length;
    const seriesBefore = (await testApp.handle.db.select().from(series)).length;
    await expect(
      ingestInstances(
        testApp.handle.db,
        otherFiles.slice(1).map((bytes, index) => ({ source: `file ${String(index)}`, bytes })),
        {
          dataDir,
          fileLimitBytes: 10_000_000,
          patient,
          assignToPatient: true,
          beforeCommit: () => Promise.reject(new Error('disk full')),
        },
      ),
    ).rejects.toThrow('disk full');
    expect(await instanceCount()).toBe(rowsBefore);
    expect(await storedFiles()).toEqual(filesBefore);
    expect((await testApp.handle.db.select().from(studies)).length).toBe(studiesBefore);
    expect((await testApp.handle.db.select().from(series)).length).toBe(seriesBefore);
  });

  it('refuses researchers (403, audited), other media types (415) and malformed multipart (400)', async () => {
    const denied = await stow(researcher, files.slice(0, 1));
    expect(denied.statusCode).toBe(403);
    const audits = await testApp.handle.db.select().from(auditEvents).where(eq(auditEvents.username, 'res'));
    expect(audits.some((row) => row.action === 'study.ingest' && row.outcome === 'denied')).toBe(true);
    const wrongType = await testApp.app.inject({
      method: 'POST',
      url: '/api/dicomweb/studies',
      headers: { ...clinician.headers, 'content-type': `multipart/related; type="application/json"; boundary=x` },
      payload: 'x',
    });
    expect(wrongType.statusCode).toBe(415);
    const malformed = await testApp.app.inject({
      method: 'POST',
      url: '/api/dicomweb/studies',
      headers: { ...clinician.headers, 'content-type': STOW_CONTENT_TYPE },
      payload: 'no boundary in here',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json<{ error: { code: string } }>().error.code).toBe('malformed_input');
  });
});

describe('STOW-RS size limits', () => {
  it('answers 413 for a request over the limit and stores nothing', async () => {
    const small = await startTestApp({ BONEMET_DATA_DIR: dataDir, BONEMET_INGEST_REQUEST_LIMIT_BYTES: '1000' });
    try {
      const client = await userClient(small, 'clin2', 'clinician');
      const response = await small.app.inject({
        method: 'POST',
        url: '/api/dicomweb/studies',
        headers: { ...client.headers, 'content-type': STOW_CONTENT_TYPE },
        payload: stowBody(files.slice(0, 1)),
      });
      expect(response.statusCode).toBe(413);
      expect((await small.handle.db.select().from(instances)).length).toBe(0);
    } finally {
      await small.close();
    }
  }, 30_000);
});
