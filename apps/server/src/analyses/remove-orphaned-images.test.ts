import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../db/migrate.js';
import { openDatabase, type DatabaseHandle } from '../db/open-database.js';
import { analysisResults, analysisRuns } from '../db/schema.js';
import { insertPatient } from '../patients/patient-store.js';
import { removeOrphanedAnalysisImages } from './remove-orphaned-images.js';

let handle: DatabaseHandle;
let dataDir = '';

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'bonemet-orphans-'));
  handle = await openDatabase({});
  await migrate(handle.db);
}, 60_000);

afterAll(async () => {
  await handle.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function folder(name: string, ageMs: number, nowMs: number): Promise<void> {
  const path = join(dataDir, 'analyses', name);
  await mkdir(path, { recursive: true });
  await writeFile(join(path, 'ANT.png'), 'png');
  const when = new Date(nowMs - ageMs);
  await utimes(path, when, when);
}

describe('removeOrphanedAnalysisImages', () => {
  it('removes old folders of deleted results and old staging folders, and keeps everything else', async () => {
    const patient = await insertPatient(handle.db, {
      mrn: 'SYNTHETIC-O1',
      familyName: 'Orphan',
      givenName: 'Olive',
      sex: 'female',
      synthetic: true,
    });
    const [run] = await handle.db
      .insert(analysisRuns)
      .values({ patientId: patient.id, kind: 'bonescan-analyze', inputs: {}, engineVersion: 'test' })
      .returning();
    const [kept] = await handle.db
      .insert(analysisResults)
      .values({ runId: run?.id ?? '', schemaName: 'bonescan-analysis', schemaVersion: '1', payload: {} })
      .returning();
    const now = Date.now();
    const hour = 3_600_000;
    const deleted = '11111111-2222-4333-8444-555555555555';
    const young = '66666666-7777-4888-8999-aaaaaaaaaaaa';
    await folder(kept?.id ?? '', 2 * hour, now); // result exists: kept
    await folder(deleted, 2 * hour, now); // result gone, old: removed
    await folder(young, 60_000, now); // result not committed yet (a job finishing now): kept
    await folder('.staging-0123456789abcdef', 2 * hour, now); // a dead job's staging: removed
    await folder('.staging-fedcba9876543210', 60_000, now); // a running job's staging: kept
    const removed = await removeOrphanedAnalysisImages(handle.db, dataDir, { nowMs: now });
    expect(removed.sort()).toEqual(['.staging-0123456789abcdef', deleted].sort());
    expect((await readdir(join(dataDir, 'analyses'))).sort()).toEqual(
      ['.staging-fedcba9876543210', kept?.id ?? '', young].sort(),
    );
  });

  it('does nothing when the data folder has no analyses folder', async () => {
    expect(await removeOrphanedAnalysisImages(handle.db, join(dataDir, 'missing'))).toEqual([]);
  });
});
