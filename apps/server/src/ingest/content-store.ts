import { createHash, randomBytes } from 'node:crypto';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { BonemetError } from '@bonemet/core';

/** Stored DICOM files live under `<dataDir>/dicom/`, named by the SHA-256 of their bytes. */
export const DICOM_FOLDER = 'dicom';

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The path of a stored file relative to the data folder: `dicom/ab/abcdef….dcm`. */
export function contentPath(sha256: string): string {
  return join(DICOM_FOLDER, sha256.slice(0, 2), `${sha256}.dcm`);
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Writes `bytes` under the data folder at their content address: first to a temporary name in the same
 * folder, then renamed, so a reader never sees a partly written file. Returns whether this call created
 * the file (false when the same content was already stored), so that a failed ingest removes only its own.
 */
export async function writeContentAddressed(
  dataDir: string,
  bytes: Uint8Array,
  sha256: string,
): Promise<{ readonly relativePath: string; readonly created: boolean }> {
  const relativePath = contentPath(sha256);
  const target = join(dataDir, relativePath);
  if (await exists(target)) return { relativePath, created: false };
  const temporary = `${target}.${randomBytes(8).toString('hex')}.partial`;
  try {
    await mkdir(dirname(target), { recursive: true });
    await writeFile(temporary, bytes, { flag: 'wx' });
    await rename(temporary, target);
  } catch (cause) {
    await rm(temporary, { force: true });
    throw new BonemetError('io_error', `cannot store a DICOM file in ${join(dataDir, DICOM_FOLDER)}`, { cause });
  }
  return { relativePath, created: true };
}

/** Removes files this ingest created (after a failed transaction). */
export async function removeStoredFiles(dataDir: string, relativePaths: readonly string[]): Promise<void> {
  await Promise.all(relativePaths.map((path) => rm(join(dataDir, path), { force: true })));
}
