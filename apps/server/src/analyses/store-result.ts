import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Database } from '../db/open-database.js';
import { analysisResults } from '../db/schema.js';
import {
  discardStagedImages,
  imageListFile,
  publishAnalysisImages,
  removeAnalysisImages,
  stageAnalysisImages,
  type RenderedImage,
  type ResultFile,
} from './analysis-images.js';

export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

export interface ResultToStore {
  readonly runId: string;
  readonly schemaName: string;
  readonly schemaVersion: string;
  /** Receives the new result's id (image URLs name it). */
  readonly payload: (resultId: string) => unknown;
  readonly images: readonly RenderedImage[];
  /** Other files kept beside the images (not served). */
  readonly files?: readonly ResultFile[];
  /** Rows written in the same transaction (lesions, measurements). */
  readonly alsoStore?: (tx: Transaction, resultId: string) => Promise<void>;
}

async function existingResultId(db: Database, runId: string, schemaName: string): Promise<string | undefined> {
  const [row] = await db
    .select({ id: analysisResults.id })
    .from(analysisResults)
    .where(and(eq(analysisResults.runId, runId), eq(analysisResults.schemaName, schemaName)));
  return row?.id;
}

/**
 * Stores a run's result, its rows and its images (with their list, `images.json`) all or nothing: the images are written to a staging folder,
 * the rows inserted in one transaction, and the folder moved into place before the commit; when anything
 * fails the rows roll back and the images are removed. A run that already has this result (a job retried
 * after its worker died past the commit) keeps the first one. Returns the result's id.
 */
export async function storeResultWithImages(db: Database, dataDir: string, result: ResultToStore): Promise<string> {
  const existing = await existingResultId(db, result.runId, result.schemaName);
  if (existing !== undefined) return existing;
  const files = [...(result.files ?? []), ...(result.images.length === 0 ? [] : [imageListFile(result.images)])];
  const staged =
    result.images.length === 0 && files.length === 0
      ? undefined
      : await stageAnalysisImages(dataDir, result.images, files);
  const resultId = randomUUID();
  const state = { published: false };
  try {
    await db.transaction(async (tx) => {
      await tx.insert(analysisResults).values({
        id: resultId,
        runId: result.runId,
        schemaName: result.schemaName,
        schemaVersion: result.schemaVersion,
        payload: result.payload(resultId),
      });
      if (staged !== undefined) {
        await publishAnalysisImages(dataDir, staged, resultId);
        state.published = true;
      }
      await result.alsoStore?.(tx, resultId);
    });
  } catch (error) {
    if (state.published) await removeAnalysisImages(dataDir, resultId);
    else if (staged !== undefined) await discardStagedImages(staged);
    const concurrent = await existingResultId(db, result.runId, result.schemaName);
    if (concurrent !== undefined) return concurrent;
    throw error;
  }
  return resultId;
}
