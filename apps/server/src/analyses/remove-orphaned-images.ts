import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { inArray } from 'drizzle-orm';
import type { Database } from '../db/open-database.js';
import { analysisResults } from '../db/schema.js';
import { ANALYSES_FOLDER } from './analysis-images.js';

/**
 * Folders younger than this are left alone: a job's staging folder while it renders, and a result folder
 * moved into place just before its transaction commits, belong to a job still running (maybe in another
 * worker process).
 */
export const ORPHAN_MIN_AGE_MS = 60 * 60 * 1000;

const RESULT_FOLDER = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Removes image folders whose result no longer exists (a result deleted with its run or patient: the
 * database cascade cannot reach the files) and staging folders left by a job whose process died, when older
 * than `minAgeMs`. Returns the names removed.
 */
export async function removeOrphanedAnalysisImages(
  db: Database,
  dataDir: string,
  options: { readonly minAgeMs?: number; readonly nowMs?: number } = {},
): Promise<string[]> {
  const folder = join(dataDir, ANALYSES_FOLDER);
  let names: string[];
  try {
    names = await readdir(folder);
  } catch {
    return [];
  }
  const cutoff = (options.nowMs ?? Date.now()) - (options.minAgeMs ?? ORPHAN_MIN_AGE_MS);
  const old: string[] = [];
  for (const name of names) {
    const info = await stat(join(folder, name)).catch(() => undefined);
    if (info !== undefined && info.mtimeMs <= cutoff) old.push(name);
  }
  const resultIds = old.filter((name) => RESULT_FOLDER.test(name));
  const existing = new Set(
    resultIds.length === 0
      ? []
      : (
          await db
            .select({ id: analysisResults.id })
            .from(analysisResults)
            .where(inArray(analysisResults.id, resultIds))
        ).map((row) => row.id),
  );
  const orphans = old.filter(
    (name) => name.startsWith('.staging-') || (RESULT_FOLDER.test(name) && !existing.has(name)),
  );
  for (const name of orphans) await rm(join(folder, name), { recursive: true, force: true });
  return orphans;
}
