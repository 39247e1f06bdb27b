import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RESEARCH_USE_DISCLAIMER } from '@bonemet/core';
import { decodePng } from '@bonemet/core/testing';
import {
  generateBoneScanPhantom,
  generatePetCtPhantom,
  writeBoneScanPhantom,
  writePetCtPhantom,
  type BoneScanPhantom,
  type PetCtPhantom,
} from '@bonemet/phantoms';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analysisResults, analysisRuns, auditEvents, recommendations, studies } from '../db/schema.js';
import { insertPatient, type PatientRow } from '../patients/patient-store.js';
import { shiftIsoDate } from '../privacy/deidentify.js';
import { phantomDicomFiles, STOW_CONTENT_TYPE, stowBody } from '../test-support/stow.js';
import { startTestApp, userClient, type Client, type TestApp } from '../test-support/test-app.js';

// One hot metastasis of 30 mm at 5× normal bone in the right femur and nothing else that could be hot on
// bone (no random findings, no degenerative joints, no superscan), 2 million counts per view: the bone-scan
// phantom the command line's tests use, whose truth gives the lesion centre in each view's stored pixels.
const FEMUR_LESION = { kind: 'metastasis', part: 'femur_right', diameterMm: 30, contrast: 5 } as const;

let testApp: TestApp;
let dataDir = '';
let clinician: Client;
let researcher: Client;
let patient: PatientRow;
let other: PatientRow;
let phantom: BoneScanPhantom;
let pet: PetCtPhantom;
let boneResultId = '';
let petResultId = '';

interface JobView {
  id: string;
  status: string;
  progress: number;
  stage: string;
  error: { code: string; message: string } | null;
  results: { id: string; schemaName: string }[];
}

interface HotspotView {
  id: string;
  view: 'ANT' | 'POST';
  x: number;
  y: number;
  label: string;
  score: number | null;
  region: string | null;
  source: string;
  readerAction: string | null;
}
interface BoneResult {
  bsiPercent: number;
  bsiByRegion: Record<string, number>;
  metastasisCount: number;
  hotspots: HotspotView[];
}
interface Detail {
  disclaimer: string;
  resultId: string;
  patientId: string;
  kind: string;
  studyId: string | null;
  studyDate: string | null;
  createdAt: string;
  images: { name: string; widthPx: number; heightPx: number; pixelSpacingMm: [number, number]; url: string }[];
  boneScan: {
    automatic: BoneResult;
    edited: BoneResult | null;
    edits: { editId: string; action: string; hotspotId: string | null; userName: string }[];
    countQuality: { view: string; status: string }[];
    superscan: { superscan: boolean };
    citations: { id: string }[];
  } | null;
  pet: {
    lesions: { lesionId: string; suvmax: number; mip: { image: string; x: number; y: number } | null }[];
  } | null;
  response: unknown;
}
interface ListItem {
  resultId: string;
  kind: string;
  studyId: string | null;
  studyDate: string | null;
  modality: string | null;
  summary: Record<string, unknown>;
}

async function waitForJob(id: string): Promise<JobView> {
  for (let attempt = 0; attempt < 1200; attempt++) {
    const response = await testApp.app.inject({ method: 'GET', url: `/api/jobs/${id}`, headers: clinician.headers });
    const job = response.json<JobView>();
    if (job.status === 'succeeded' || job.status === 'failed') return job;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`job ${id} did not finish`);
}

async function stow(files: readonly Uint8Array[], to: PatientRow = patient): Promise<void> {
  const upload = await testApp.app.inject({
    method: 'POST',
    url: `/api/patients/${to.researchId}/studies?assign=true`,
    headers: { ...clinician.headers, 'content-type': STOW_CONTENT_TYPE },
    payload: stowBody(files),
  });
  expect(upload.statusCode).toBe(200);
}

async function startJob(kind: string, inputs: Record<string, unknown>, to: PatientRow = patient): Promise<JobView> {
  const started = await testApp.app.inject({
    method: 'POST',
    url: `/api/patients/${to.researchId}/jobs`,
    headers: clinician.headers,
    payload: { kind, inputs },
  });
  expect(started.statusCode).toBe(202);
  return waitForJob(started.json<JobView>().id);
}

const get = (url: string, as: Client = clinician) => testApp.app.inject({ method: 'GET', url, headers: as.headers });
const detail = async (as: Client = clinician): Promise<Detail> => {
  const response = await get(`/api/analyses/${boneResultId}`, as);
  expect(response.statusCode).toBe(200);
  return response.json<Detail>();
};
const postEdit = (body: unknown, as: Client = clinician) =>
  testApp.app.inject({
    method: 'POST',
    url: `/api/analyses/${boneResultId}/edits`,
    headers: as.headers,
    payload: body as Record<string, unknown>,
  });

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'bonemet-analyses-'));
  testApp = await startTestApp({ BONEMET_DATA_DIR: dataDir });
  clinician = await userClient(testApp, 'clin', 'clinician');
  researcher = await userClient(testApp, 'res', 'researcher');
  patient = await insertPatient(testApp.handle.db, {
    mrn: 'SYNTHETIC-A1',
    familyName: 'Phantomova',
    givenName: 'Analysa',
    sex: 'female',
    birthDate: '1961-04-12',
    synthetic: true,
  });
  other = await insertPatient(testApp.handle.db, {
    mrn: 'SYNTHETIC-A2',
    familyName: 'Otherwise',
    givenName: 'Bea',
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
    lesions: [FEMUR_LESION],
  });
  const written = await writeBoneScanPhantom(phantom, join(dataDir, 'bone-phantom'));
  await stow([await readFile(written.nmFile)]);
  pet = generatePetCtPhantom({});
  await writePetCtPhantom(pet, join(dataDir, 'pet-phantom'), 'siemens');
  await stow(await phantomDicomFiles(join(dataDir, 'pet-phantom')));
}, 120_000);

afterAll(async () => {
  await testApp.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function studyOf(modality: string): Promise<{ id: string; studyInstanceUid: string; studyDate: string | null }> {
  const rows = await testApp.handle.db.select().from(studies).where(eq(studies.patientId, patient.id));
  const study = rows.find((row) => (row.modality ?? '').includes(modality));
  if (study === undefined) throw new Error(`no ${modality} study stored`);
  return study;
}

describe('bonescan-analyze job and the analysis views', () => {
  it('analyses the stored bone scan: the femur metastasis at its true place, BSI > 0, both views as PNG', async () => {
    const study = await studyOf('NM');
    const job = await startJob('bonescan-analyze', { studyId: study.id });
    expect(job.error).toBeNull();
    expect(job).toMatchObject({ status: 'succeeded', progress: 1, stage: 'done' });
    expect(job.results.map((r) => r.schemaName)).toEqual(['bonescan-analysis']);
    boneResultId = job.results[0]?.id ?? '';

    const body = await detail();
    expect(body.disclaimer).toBe(RESEARCH_USE_DISCLAIMER);
    expect(body).toMatchObject({ kind: 'bonescan-analyze', studyId: study.id, studyDate: study.studyDate });
    expect(body.patientId).toBe(patient.researchId);
    // The images are the stored frames: the phantom's columns × rows, its square pixel size.
    expect(body.images.map((i) => [i.name, i.widthPx, i.heightPx])).toEqual([
      ['ANT', phantom.columns, phantom.rows],
      ['POST', phantom.columns, phantom.rows],
    ]);
    expect(body.images[0]?.pixelSpacingMm[0]).toBeCloseTo(phantom.pixelSizeMm, 3);
    expect(body.images[0]?.url).toBe(`/api/analyses/${boneResultId}/images/ANT.png`);

    const scan = body.boneScan;
    expect(scan?.countQuality.map((q) => q.status)).toEqual(['adequate', 'adequate']);
    expect(scan?.superscan.superscan).toBe(false);
    expect(scan?.edited).toBeNull();
    expect(scan?.citations.length).toBeGreaterThan(0);
    // Truth: the lesion's centre in each view's stored pixels. The hotspot centre found there is within 4
    // pixels (about 10 mm, a third of the 30 mm lesion) in every view that shows the lesion.
    const finding = phantom.truth.findings.find((f) => f.part === 'femur_right' && f.malignant);
    expect(finding).toBeDefined();
    for (const view of finding?.views ?? []) {
      const key = view === 'anterior' ? 'ANT' : 'POST';
      const [column, row] = finding?.centrePx[view] ?? [0, 0];
      const near = scan?.automatic.hotspots.filter(
        (h) => h.view === key && h.label === 'metastasis' && Math.hypot(h.x - column, h.y - row) <= 4,
      );
      expect(near, `${key} hotspot at (${String(column)}, ${String(row)})`).toHaveLength(1);
      expect(near?.[0]?.region).toBe('femur_right');
      expect(near?.[0]).toMatchObject({ source: 'automatic', readerAction: null });
    }
    // The truth has a BSI > 0 (the femur lesion); the automatic one must be too, with a femur share.
    expect(phantom.truth.bsi.percent).toBeGreaterThan(0);
    expect(scan?.automatic.bsiPercent).toBeGreaterThan(0);
    expect(scan?.automatic.bsiByRegion.femur).toBeGreaterThan(0);
    expect(scan?.automatic.metastasisCount).toBeGreaterThanOrEqual(1);

    // Stored with it: the BSI measurement (%) and the images under the data folder, nothing in the database.
    const files = await readdir(join(dataDir, 'analyses', boneResultId));
    expect(files.sort()).toEqual(['ANT.png', 'POST.png', 'editable.json.gz', 'images.json']);
  }, 120_000);

  it('serves each view as a PNG of the stored frame, windowed 0 … 99.5th percentile and inverted', async () => {
    for (const [index, name] of ['ANT', 'POST'].entries()) {
      const response = await get(`/api/analyses/${boneResultId}/images/${name}.png`);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('image/png');
      expect(response.headers['cache-control']).toBe('private, max-age=3600');
      const png = decodePng(response.rawPayload);
      expect([png.width, png.height]).toEqual([phantom.columns, phantom.rows]);
      // Expected grey of every pixel, from the phantom's stored counts of this view (row by row, as the DICOM
      // frame holds them): high = the 99.5th percentile by nearest rank, grey = 255 − round(255 · min(1, c / high)).
      const counts = phantom.views[index]?.counts ?? new Uint16Array(0);
      const sorted = Float32Array.from(counts).sort();
      const high = sorted[Math.ceil(0.995 * sorted.length) - 1] ?? 0;
      let mismatches = 0;
      counts.forEach((c, i) => {
        const grey = 255 - Math.round(255 * Math.min(1, c / high));
        if (png.rgba[4 * i] !== grey || png.rgba[4 * i + 3] !== 255) mismatches++;
      });
      expect(mismatches).toBe(0);
    }
    const missing = await get(`/api/analyses/${boneResultId}/images/MIP.png`);
    expect(missing.statusCode).toBe(404);
    expect(missing.json<{ error: { code: string } }>().error.code).toBe('not_found');
    const traversal = await get(`/api/analyses/${boneResultId}/images/..%2Fsecret.png`);
    expect(traversal.statusCode).toBe(400);
  });

  it('lists the analysis with its numbers for the trend charts', async () => {
    const response = await get(`/api/patients/${patient.researchId}/analyses`);
    expect(response.statusCode).toBe(200);
    const body = response.json<{ disclaimer: string; items: ListItem[] }>();
    expect(body.disclaimer).toBe(RESEARCH_USE_DISCLAIMER);
    const item = body.items.find((i) => i.resultId === boneResultId);
    const scan = (await detail()).boneScan;
    expect(item).toMatchObject({ kind: 'bonescan-analyze', modality: 'NM' });
    expect(item?.summary).toEqual({
      bsiPercent: scan?.automatic.bsiPercent,
      bsiPercentEdited: null,
      metastasisHotspots: scan?.automatic.metastasisCount,
    });
  });

  it('reject edits lower the edited BSI and leave the automatic one; delete undoes; add puts a reader hotspot', async () => {
    const before = await detail();
    const automatic = before.boneScan?.automatic;
    const femur = automatic?.hotspots.filter((h) => h.label === 'metastasis' && h.region?.startsWith('femur_')) ?? [];
    expect(femur.length).toBeGreaterThan(0);

    const first = await postEdit({ action: 'reject', hotspotId: femur[0]?.id });
    expect(first.statusCode).toBe(200);
    let body = first.json<Detail>();
    expect(body.boneScan?.automatic).toEqual(automatic);
    expect(body.boneScan?.edits).toMatchObject([{ action: 'reject', hotspotId: femur[0]?.id, userName: 'clin' }]);
    const rejected = body.boneScan?.edited?.hotspots.find((h) => h.id === femur[0]?.id);
    expect(rejected).toMatchObject({ label: 'benign', readerAction: 'reject', source: 'automatic' });
    expect(body.boneScan?.edited?.bsiPercent).toBeLessThanOrEqual(automatic?.bsiPercent ?? 0);

    for (const hotspot of femur.slice(1)) {
      const response = await postEdit({ action: 'reject', hotspotId: hotspot.id });
      expect(response.statusCode).toBe(200);
      body = response.json<Detail>();
    }
    // Every femur metastasis rejected: the femur's metastasis pixels leave the BSI (a sum over metastasis
    // pixels only), so the edited BSI is below the automatic one, which had a femur share.
    expect(automatic?.bsiByRegion.femur).toBeGreaterThan(0);
    expect(body.boneScan?.edited?.bsiPercent).toBeLessThan(automatic?.bsiPercent ?? 0);
    expect(body.boneScan?.automatic.bsiPercent).toBe(automatic?.bsiPercent);
    const editedBsi = body.boneScan?.edited?.bsiPercent ?? Number.NaN;
    const list = (await get(`/api/patients/${patient.researchId}/analyses`)).json<{ items: ListItem[] }>();
    expect(list.items.find((i) => i.resultId === boneResultId)?.summary).toMatchObject({
      bsiPercent: automatic?.bsiPercent,
      bsiPercentEdited: editedBsi,
    });

    // A reader metastasis drawn on the lesion (stored-frame pixels of the anterior view): it comes back at the
    // same place (the centre of a circle), as a reader hotspot, and the BSI is positive again.
    const finding = phantom.truth.findings.find((f) => f.part === 'femur_right' && f.malignant);
    const [column, row] = finding?.centrePx.anterior ?? [0, 0];
    const added = await postEdit({ action: 'add', view: 'ANT', x: column, y: row, diameterMm: 20 });
    expect(added.statusCode).toBe(200);
    body = added.json<Detail>();
    const reader = body.boneScan?.edited?.hotspots.find((h) => h.source === 'reader');
    expect(reader).toMatchObject({ id: 'ANT-R1', view: 'ANT', label: 'metastasis', readerAction: 'add', score: null });
    expect(Math.hypot((reader?.x ?? 0) - column, (reader?.y ?? 0) - row)).toBeLessThan(0.5);
    expect(reader?.region).toBe('femur_right');
    expect(body.boneScan?.edited?.bsiByRegion.femur).toBeGreaterThan(0);
    expect(body.boneScan?.edits.at(-1)).toMatchObject({ action: 'add', hotspotId: 'ANT-R1' });

    // Undo the add: back to the femur-less BSI. Undo every edit: no edited result at all.
    const addEdit = body.boneScan?.edits.at(-1)?.editId ?? '';
    const undone = await testApp.app.inject({
      method: 'DELETE',
      url: `/api/analyses/${boneResultId}/edits/${addEdit}`,
      headers: clinician.headers,
    });
    expect(undone.statusCode).toBe(200);
    expect(undone.json<Detail>().boneScan?.edited?.bsiPercent).toBe(editedBsi);
    for (const edit of undone.json<Detail>().boneScan?.edits ?? []) {
      const response = await testApp.app.inject({
        method: 'DELETE',
        url: `/api/analyses/${boneResultId}/edits/${edit.editId}`,
        headers: clinician.headers,
      });
      expect(response.statusCode).toBe(200);
      body = response.json<Detail>();
    }
    expect(body.boneScan?.edited).toBeNull();
    expect(body.boneScan?.edits).toEqual([]);
  }, 120_000);

  it('refuses bad edits with the error body and stores nothing', async () => {
    const hotspotId = (await detail()).boneScan?.automatic.hotspots[0]?.id;
    const cases: [unknown, number, string, (string | number)[]][] = [
      [{ action: 'reject', hotspotId, extra: 1 }, 400, 'invalid_input', []],
      [{ action: 'reject', hotspotId: 'ANT-999' }, 400, 'invalid_input', ['hotspotId']],
      [{ action: 'reject', hotspotId: 'ANT-R1' }, 400, 'invalid_input', ['hotspotId']],
      [{ action: 'add', view: 'ANT', x: phantom.columns, y: 10 }, 400, 'invalid_input', ['x']],
      [{ action: 'add', view: 'POST', x: 10, y: -1 }, 400, 'invalid_input', ['y']],
      [{ action: 'add', view: 'LAT', x: 10, y: 10 }, 400, 'invalid_input', []],
      [{ action: 'delete', hotspotId }, 400, 'invalid_input', []],
    ];
    for (const [payload, status, code, path] of cases) {
      const response = await postEdit(payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(status);
      const error = response.json<{ error: { code: string; issues: { path: (string | number)[] }[] } }>().error;
      expect(error.code).toBe(code);
      if (path.length > 0) expect(error.issues.map((i) => i.path)).toContainEqual(path);
    }
    const unknownResult = await testApp.app.inject({
      method: 'POST',
      url: '/api/analyses/00000000-0000-4000-8000-000000000000/edits',
      headers: clinician.headers,
      payload: { action: 'reject', hotspotId },
    });
    expect(unknownResult.statusCode).toBe(404);
    const unknownEdit = await testApp.app.inject({
      method: 'DELETE',
      url: `/api/analyses/${boneResultId}/edits/00000000-0000-4000-8000-000000000000`,
      headers: clinician.headers,
    });
    expect(unknownEdit.statusCode).toBe(404);
    const noCsrf = await testApp.app.inject({
      method: 'POST',
      url: `/api/analyses/${boneResultId}/edits`,
      headers: { cookie: clinician.cookie },
      payload: { action: 'reject', hotspotId },
    });
    expect(noCsrf.statusCode).toBe(403);
    expect((await detail()).boneScan?.edits).toEqual([]);
  });

  it('gives researchers the de-identified view and refuses them edits (403, audited)', async () => {
    const study = await studyOf('NM');
    const body = await detail(researcher);
    // Dates shifted by the patient's secret offset; no name, MRN or DICOM UID anywhere in the answer.
    expect(body.studyDate).toBe(shiftIsoDate(study.studyDate ?? '', patient.dateShiftDays));
    const text = JSON.stringify(body);
    for (const secret of ['Phantomova', 'Analysa', 'SYNTHETIC-A1', study.studyInstanceUid, study.studyDate ?? '']) {
      expect(text).not.toContain(secret);
    }
    const list = await get(`/api/patients/${patient.researchId}/analyses`, researcher);
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(study.studyDate ?? '');
    const image = await get(`/api/analyses/${boneResultId}/images/POST.png`, researcher);
    expect(image.statusCode).toBe(200);
    const refused = await postEdit(
      { action: 'reject', hotspotId: body.boneScan?.automatic.hotspots[0]?.id },
      researcher,
    );
    expect(refused.statusCode).toBe(403);
    expect(refused.json<{ error: { code: string } }>().error.code).toBe('forbidden');
    const denied = await testApp.handle.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'analysis.edit'), eq(auditEvents.outcome, 'denied')));
    expect(denied.map((row) => [row.username, row.patientResearchId, row.resourceId])).toEqual([
      ['res', patient.researchId, boneResultId],
    ]);
  });

  it('answers 401 to anonymous requests and 404 to unknown ids', async () => {
    for (const url of [
      `/api/patients/${patient.researchId}/analyses`,
      `/api/analyses/${boneResultId}`,
      `/api/analyses/${boneResultId}/images/ANT.png`,
      `/api/patients/${patient.researchId}/response`,
    ]) {
      const response = await testApp.app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(401);
    }
    const anonymousEdit = await testApp.app.inject({
      method: 'POST',
      url: `/api/analyses/${boneResultId}/edits`,
      payload: { action: 'reject', hotspotId: 'ANT-1' },
    });
    expect(anonymousEdit.statusCode).toBe(401);
    expect((await get('/api/analyses/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await get('/api/patients/R-0000000000/analyses')).statusCode).toBe(404);
    expect((await get('/api/patients/R-0000000000/response')).statusCode).toBe(404);
  });

  it('fails the job with the typed error and stores nothing for a scan with too few counts', async () => {
    const low = generateBoneScanPhantom({ seed: 12, totalCountsPerView: 400_000, metastases: 0 });
    const written = await writeBoneScanPhantom(low, join(dataDir, 'low-phantom'));
    await stow([await readFile(written.nmFile)], other);
    const [study] = await testApp.handle.db.select().from(studies).where(eq(studies.patientId, other.id));
    const job = await startJob('bonescan-analyze', { studyId: study?.id }, other);
    expect(job.status).toBe('failed');
    expect(job.error?.code).toBe('invalid_input');
    expect(job.error?.message).toMatch(/too few counts/);
    expect(job.results).toEqual([]);
    // Only the earlier result's images: no folder, no staging leftovers of the failed job.
    expect(await readdir(join(dataDir, 'analyses'))).toEqual([boneResultId]);
    // Not a bone scan: the PET/CT study has no NM image.
    const petStudy = await studyOf('PT');
    const notBone = await startJob('bonescan-analyze', { studyInstanceUid: petStudy.studyInstanceUid });
    expect(notBone.status).toBe('failed');
    expect(notBone.error?.code).toBe('invalid_input');
    expect(notBone.error?.message).toMatch(/not a bone scan/);
  }, 120_000);
});

describe('pet-quantify results: the coronal MIP and its lesion markers', () => {
  it('stores MIP.png and marks each lesion at its centre on it', async () => {
    const study = await studyOf('PT');
    const liver = pet.truth.tissues.liver.centreMm;
    const job = await startJob('pet-quantify', {
      studyInstanceUid: study.studyInstanceUid,
      liverCentreMm: [liver[0], liver[1], liver[2]],
    });
    expect(job.error).toBeNull();
    petResultId = job.results[0]?.id ?? '';
    const response = await get(`/api/analyses/${petResultId}`);
    expect(response.statusCode).toBe(200);
    const body = response.json<Detail>();
    const [nx, , nz] = pet.geometry.dimensions;
    const [sx, , sz] = pet.geometry.spacingMm;
    expect(body.images.map((i) => [i.name, i.widthPx, i.heightPx])).toEqual([['MIP', nx, nz]]);
    expect(body.images[0]?.pixelSpacingMm).toEqual([sz, sx]);
    // The largest sphere (no blur, no noise: its voxels hold its true SUVbw): seen from the front, its centre
    // is at column (x − x0) / sx (patient right on the left: x grows to the patient's left) and row
    // (nz − 1) − (z − z0) / sz (head at the top). Its marker is its centroid, within 8 mm of the true centre
    // (the pet-quantify job test's bound), 2 pixels of 4 mm.
    const largest = [...pet.truth.lesions].sort((a, b) => b.diameterMm - a.diameterMm)[0];
    const [cx, , cz] = largest?.centreMm ?? [0, 0, 0];
    const [x0, , z0] = pet.geometry.originMm;
    const expected = { x: (cx - x0) / sx, y: nz - 1 - (cz - z0) / sz };
    const lesion = body.pet?.lesions.find(
      (l) => l.mip !== null && Math.hypot((l.mip.x - expected.x) * sx, (l.mip.y - expected.y) * sz) <= 8,
    );
    expect(
      lesion,
      `a marker near (${String(expected.x)}, ${String(expected.y)}): ${JSON.stringify(body.pet?.lesions.map((l) => l.mip))}`,
    ).toBeDefined();
    expect(lesion?.suvmax).toBeCloseTo(largest?.suvbw ?? Number.NaN, 2);
    expect(body.pet?.lesions.every((l) => l.mip?.image === 'MIP')).toBe(true);
    // Every quantified lesion has its marker where the same arithmetic puts its centroid (lesions at many
    // heights and on both sides: a wrong flip of either axis would move most of them).
    const stored = (await get(`/api/jobs/${job.id}/results`)).json<
      { payload: { quantification: { lesions: { rank: number; centroidMm: [number, number, number] }[] } } }[]
    >();
    const quantified = stored[0]?.payload.quantification.lesions ?? [];
    expect(quantified.length).toBeGreaterThan(1);
    for (const q of quantified) {
      const marker = body.pet?.lesions.find((l) => l.lesionId === `L${String(q.rank)}`)?.mip;
      expect(marker?.x).toBeCloseTo((q.centroidMm[0] - x0) / sx, 6);
      expect(marker?.y).toBeCloseTo(nz - 1 - (q.centroidMm[2] - z0) / sz, 6);
    }

    const image = await get(`/api/analyses/${petResultId}/images/MIP.png`);
    expect(image.statusCode).toBe(200);
    const png = decodePng(image.rawPayload);
    expect([png.width, png.height]).toEqual([nx, nz]);
    // Window 0 … 10 SUVbw inverted: at the marker, SUVbw = the sphere's true value s → grey 255 (1 − s / 10).
    const grey = png.rgba[(Math.round(lesion?.mip?.y ?? 0) * png.width + Math.round(lesion?.mip?.x ?? 0)) * 4];
    expect(grey).toBeCloseTo(255 * (1 - Math.min(10, largest?.suvbw ?? 0) / 10), -0.5);
    const list = (await get(`/api/patients/${patient.researchId}/analyses`)).json<{ items: ListItem[] }>();
    expect(list.items.find((i) => i.resultId === petResultId)).toMatchObject({
      kind: 'pet-quantify',
      modality: 'PT',
      studyDate: study.studyDate,
      summary: { petLesionCount: body.pet?.lesions.length },
    });
  }, 120_000);

  it('refuses reader edits on a PET result (400)', async () => {
    const response = await testApp.app.inject({
      method: 'POST',
      url: `/api/analyses/${petResultId}/edits`,
      headers: clinician.headers,
      payload: { action: 'reject', hotspotId: 'ANT-1' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json<{ error: { issues: { path: string[] }[] } }>().error.issues[0]?.path).toEqual(['resultId']);
  });
});

describe('response and the patient list filters', () => {
  /** A response-timeline result as the response job stores it (packages/response Timeline), written here by hand. */
  async function storeTimeline(
    to: PatientRow,
    lastAssessment: Record<string, unknown>,
    summary?: Record<string, unknown>,
  ): Promise<string> {
    const [run] = await testApp.handle.db
      .insert(analysisRuns)
      .values({ patientId: to.id, kind: 'response-timeline', status: 'succeeded', inputs: {}, engineVersion: 'test' })
      .returning();
    const [result] = await testApp.handle.db
      .insert(analysisResults)
      .values({
        runId: run?.id ?? '',
        schemaName: 'response-timeline',
        schemaVersion: '1',
        payload: {
          patientId: 'internal-id',
          points: [
            { date: '2024-01-10', studyIds: ['s1'], therapyLine: 1, assessment: {} },
            { date: '2024-04-02', studyIds: ['s2'], therapyLine: 1, assessment: lastAssessment },
          ],
          confirmedProgression: null,
          ...(summary === undefined ? {} : { summary }),
          tracks: [{ trackingUid: '2.25.1234', modality: 'NM', region: 'femur', states: [] }],
          subtractionImages: [],
          studyInstanceUid: '1.2.3.4.5',
        },
      })
      .returning();
    return result?.id ?? '';
  }

  it('returns null before any response assessment, then the latest one (de-identified for researchers)', async () => {
    const none = await get(`/api/patients/${patient.researchId}/response`);
    expect(none.json()).toEqual({ disclaimer: RESEARCH_USE_DISCLAIMER, resultId: null, timeline: null });
    const resultId = await storeTimeline(patient, { percist: { vsBaseline: 'PMD', vsNadirProgression: true } });
    const latest = await get(`/api/patients/${patient.researchId}/response`);
    expect(latest.json<{ resultId: string; timeline: { points: { date: string }[] } }>()).toMatchObject({
      resultId,
      timeline: { points: [{ date: '2024-01-10' }, { date: '2024-04-02' }] },
    });
    const shifted = await get(`/api/patients/${patient.researchId}/response`, researcher);
    const timeline = shifted.json<{ timeline: { points: { date: string }[]; patientId: string } }>().timeline;
    expect(timeline.points.map((p) => p.date)).toEqual([
      shiftIsoDate('2024-01-10', patient.dateShiftDays),
      shiftIsoDate('2024-04-02', patient.dateShiftDays),
    ]);
    expect(timeline.patientId).toBe(patient.researchId);
    expect(shifted.body).not.toContain('1.2.3.4.5');
    expect(shifted.body).toContain('2.25.1234');
    // The analysis list shows the response result with its category (PERCIST vs baseline at the last point).
    const list = (await get(`/api/patients/${patient.researchId}/analyses`)).json<{ items: ListItem[] }>();
    expect(list.items.find((i) => i.resultId === resultId)).toMatchObject({
      kind: 'response-timeline',
      studyId: null,
      modality: null,
      summary: { category: 'PMD' },
    });
  });

  it('filters the patient list by response status and alerts, and shows both per patient', async () => {
    // patient: PERCIST PMD at the last point → progression; other: the job's summary says response (MDA PR);
    // a third: no response assessment.
    await storeTimeline(other, {}, { date: '2024-04-02', category: 'PR', criterion: null, responseStatus: 'response' });
    const third = await insertPatient(testApp.handle.db, {
      mrn: 'SYNTHETIC-A3',
      familyName: 'Thirdly',
      givenName: 'Cy',
      sex: 'male',
      synthetic: true,
    });
    await testApp.handle.db.insert(recommendations).values([
      {
        patientId: other.id,
        ruleSetVersion: 'test',
        assessmentDate: '2024-04-02',
        payload: { alerts: [{ strength: 'urgent' }, { strength: 'urgent' }, { strength: 'consider' }] },
      },
      {
        patientId: third.id,
        ruleSetVersion: 'test',
        assessmentDate: '2024-04-02',
        payload: { alerts: [{ strength: 'consider' }] },
      },
    ]);
    const ids = async (query: string): Promise<string[]> => {
      const response = await get(`/api/patients?${query}`);
      expect(response.statusCode, query).toBe(200);
      return response
        .json<{ items: { id: string }[] }>()
        .items.map((item) => item.id)
        .sort();
    };
    expect(await ids('response=progression')).toEqual([patient.researchId]);
    expect(await ids('response=response')).toEqual([other.researchId]);
    expect(await ids('response=stable')).toEqual([]);
    expect(await ids('response=none')).toEqual([third.researchId]);
    expect(await ids('alerts=urgent')).toEqual([other.researchId]);
    expect(await ids('alerts=any')).toEqual([other.researchId, third.researchId].sort());
    expect(await ids('alerts=urgent&response=progression')).toEqual([]);
    const page = (await get('/api/patients')).json<{
      items: { id: string; responseStatus: string | null; alertCount: number }[];
    }>();
    const byId = new Map(page.items.map((item) => [item.id, item]));
    expect(byId.get(patient.researchId)).toMatchObject({ responseStatus: 'progression', alertCount: 0 });
    expect(byId.get(other.researchId)).toMatchObject({ responseStatus: 'response', alertCount: 2 });
    // The third patient's only alert is not urgent: 0 urgent alerts.
    expect(byId.get(third.researchId)).toMatchObject({ responseStatus: null, alertCount: 0 });
    const bad = await get('/api/patients?response=better');
    expect(bad.statusCode).toBe(400);
  });

  it('writes an audit row for every read of analyses, images and the response', async () => {
    const rows = await testApp.handle.db.select().from(auditEvents).where(eq(auditEvents.outcome, 'success'));
    const actions = new Set(rows.filter((r) => r.patientResearchId === patient.researchId).map((r) => r.action));
    for (const action of [
      'analysis.list',
      'analysis.read',
      'analysis.image',
      'analysis.edit',
      'analysis.edit.undo',
      'response.read',
    ]) {
      expect(actions, action).toContain(action);
    }
    const imageReads = rows.filter((r) => r.action === 'analysis.image' && r.username === 'res');
    expect(imageReads.map((r) => [r.resourceId, r.patientResearchId])).toEqual([[boneResultId, patient.researchId]]);
  });
});
