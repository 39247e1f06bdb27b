import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../db/migrate.js';
import { openDatabase, type DatabaseHandle } from '../db/open-database.js';
import { analysisResults, analysisRuns, measurements } from '../db/schema.js';
import { insertPatient } from '../patients/patient-store.js';
import { readAnalysisImage, readAnalysisImageList, type RenderedImage } from './analysis-images.js';
import { storeResultWithImages } from './store-result.js';

let handle: DatabaseHandle;
let dataDir = '';
let patientId = '';

const image: RenderedImage = {
  name: 'ANT',
  title: 'Anterior',
  widthPx: 2,
  heightPx: 3,
  pixelSpacingMm: [2.5, 2.5],
  png: new Uint8Array([1, 2, 3]),
};

async function newRun(): Promise<string> {
  const [run] = await handle.db
    .insert(analysisRuns)
    .values({ patientId, kind: 'bonescan-analyze', inputs: {}, engineVersion: 'test' })
    .returning();
  return run?.id ?? '';
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'bonemet-store-result-'));
  handle = await openDatabase({});
  await migrate(handle.db);
  const patient = await insertPatient(handle.db, {
    mrn: 'SYNTHETIC-S1',
    familyName: 'Store',
    givenName: 'Sam',
    sex: 'male',
    synthetic: true,
  });
  patientId = patient.id;
}, 60_000);

afterAll(async () => {
  await handle.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('storeResultWithImages', () => {
  it('stores the result, its rows and its images together; a retried run keeps the first result', async () => {
    const runId = await newRun();
    const store = (): Promise<string> =>
      storeResultWithImages(handle.db, dataDir, {
        runId,
        schemaName: 'bonescan-analysis',
        schemaVersion: '1',
        images: [image],
        payload: (resultId) => ({ resultId }),
        alsoStore: async (tx) => {
          await tx.insert(measurements).values({ patientId, runId, quantity: 'bsi', value: 1, unit: '%' });
        },
      });
    const resultId = await store();
    expect([...((await readAnalysisImage(dataDir, resultId, 'ANT')) ?? [])]).toEqual([1, 2, 3]);
    expect(await readAnalysisImageList(dataDir, resultId)).toEqual([
      { name: 'ANT', title: 'Anterior', widthPx: 2, heightPx: 3, pixelSpacingMm: [2.5, 2.5] },
    ]);
    const [row] = await handle.db.select().from(analysisResults).where(eq(analysisResults.id, resultId));
    expect(row?.payload).toEqual({ resultId });
    expect(await store()).toBe(resultId);
    expect(await handle.db.select().from(measurements).where(eq(measurements.runId, runId))).toHaveLength(1);
  });

  // The images are moved into place before the other rows are written: a failure there exercises the removal
  // of published images, as a failed commit would.
  it('leaves nothing when the transaction fails after the images were moved into place', async () => {
    const runId = await newRun();
    const before = await readdir(join(dataDir, 'analyses'));
    await expect(
      storeResultWithImages(handle.db, dataDir, {
        runId,
        schemaName: 'bonescan-analysis',
        schemaVersion: '1',
        images: [image],
        payload: () => ({}),
        alsoStore: async (tx) => {
          await tx.insert(measurements).values({ patientId, runId, quantity: 'bsi', value: 1, unit: '%' });
          throw new Error('disk full while writing the lesions');
        },
      }),
    ).rejects.toThrow(/disk full/);
    expect(await handle.db.select().from(analysisResults).where(eq(analysisResults.runId, runId))).toEqual([]);
    expect(await handle.db.select().from(measurements).where(eq(measurements.runId, runId))).toEqual([]);
    expect(await readdir(join(dataDir, 'analyses'))).toEqual(before);
  });

  it('refuses an image name that is not letters, digits and hyphens', async () => {
    const runId = await newRun();
    await expect(
      storeResultWithImages(handle.db, dataDir, {
        runId,
        schemaName: 'x',
        schemaVersion: '1',
        images: [{ ...image, name: '../ANT' }],
        payload: () => ({}),
      }),
    ).rejects.toThrow(/letters, digits and hyphens/);
  });
});
