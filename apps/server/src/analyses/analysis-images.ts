/**
 * PNG images of analysis results, kept on disk under `<dataDir>/analyses/<resultId>/<NAME>.png`, next to the
 * DICOM content store, never in the database. A job renders its images into a staging folder first and
 * moves it into place inside the transaction that stores the result, so that a result and its images exist
 * together or not at all.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BonemetError } from '@bonemet/core';

export const ANALYSES_FOLDER = 'analyses';

/** Image names are letters, digits and hyphens (e.g. ANT, MIP, SUB-2024-01-05-2024-04-02-ANT): never a path. */
export const IMAGE_NAME = /^[A-Za-z0-9][A-Za-z0-9-]{0,79}$/;

/** One image of a result, as the analysis view lists it. */
export interface AnalysisImage {
  readonly name: string;
  /** For people: "Anterior", "Posterior", "Coronal MIP", … */
  readonly title: string;
  readonly widthPx: number;
  readonly heightPx: number;
  /** [between rows, between columns], mm. */
  readonly pixelSpacingMm: readonly [number, number];
}

/** An image to store: its description and its PNG bytes. */
export interface RenderedImage extends AnalysisImage {
  readonly png: Uint8Array;
}

export function analysisImageFolder(dataDir: string, resultId: string): string {
  return join(dataDir, ANALYSES_FOLDER, resultId);
}

function checkName(name: string): void {
  if (!IMAGE_NAME.test(name)) {
    throw new BonemetError('invalid_input', `image name ${JSON.stringify(name)} is not letters, digits and hyphens`, {
      issues: [{ path: ['name'], message: 'letters, digits and hyphens only' }],
    });
  }
}

/** A file kept with a result's images that is not served (e.g. what reader edits need). */
export interface ResultFile {
  /** Letters, digits, dots and hyphens, not ending in .png. */
  readonly fileName: string;
  readonly bytes: Uint8Array;
}

/** Writes the PNGs (and other files of the result) into a new staging folder under `<dataDir>/analyses/`. */
export async function stageAnalysisImages(
  dataDir: string,
  images: readonly RenderedImage[],
  files: readonly ResultFile[] = [],
): Promise<string> {
  for (const image of images) checkName(image.name);
  for (const file of files) {
    if (!/^[a-z0-9][a-z0-9.-]*$/.test(file.fileName) || file.fileName.endsWith('.png')) {
      throw new BonemetError('invalid_input', `result file name ${JSON.stringify(file.fileName)} is not allowed`);
    }
  }
  const staged = join(dataDir, ANALYSES_FOLDER, `.staging-${randomBytes(8).toString('hex')}`);
  try {
    await mkdir(staged, { recursive: true });
    for (const image of images) await writeFile(join(staged, `${image.name}.png`), image.png, { flag: 'wx' });
    for (const file of files) await writeFile(join(staged, file.fileName), file.bytes, { flag: 'wx' });
  } catch (cause) {
    await rm(staged, { recursive: true, force: true });
    throw new BonemetError('io_error', `cannot write analysis images under ${join(dataDir, ANALYSES_FOLDER)}`, {
      cause,
    });
  }
  return staged;
}

/** Moves a staging folder to the result's image folder (one rename: readers see all images or none). */
export async function publishAnalysisImages(dataDir: string, staged: string, resultId: string): Promise<void> {
  await rename(staged, analysisImageFolder(dataDir, resultId));
}

/** Removes a result's images (after a failed transaction, or with the result). */
export async function removeAnalysisImages(dataDir: string, resultId: string): Promise<void> {
  await rm(analysisImageFolder(dataDir, resultId), { recursive: true, force: true });
}

export async function discardStagedImages(staged: string): Promise<void> {
  await rm(staged, { recursive: true, force: true });
}

/** The list of a result's images, kept beside them by `storeResultWithImages`. */
export const IMAGE_LIST_FILE = 'images.json';

/** The descriptions of a result's stored images (without the PNG bytes). */
export function imageListFile(images: readonly RenderedImage[]): ResultFile {
  const list: AnalysisImage[] = images.map(({ name, title, widthPx, heightPx, pixelSpacingMm }) => ({
    name,
    title,
    widthPx,
    heightPx,
    pixelSpacingMm,
  }));
  return { fileName: IMAGE_LIST_FILE, bytes: new TextEncoder().encode(JSON.stringify(list)) };
}

/** The images a result has on disk, or undefined when it has none. */
export async function readAnalysisImageList(dataDir: string, resultId: string): Promise<AnalysisImage[] | undefined> {
  try {
    const text = await readFile(join(analysisImageFolder(dataDir, resultId), IMAGE_LIST_FILE), 'utf8');
    return JSON.parse(text) as AnalysisImage[];
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return undefined;
    throw new BonemetError('io_error', `cannot read the image list of result ${resultId}`, { cause: error });
  }
}

/** The PNG bytes of a result's image, or undefined when the result has no image of that name. */
export async function readAnalysisImage(
  dataDir: string,
  resultId: string,
  name: string,
): Promise<Uint8Array | undefined> {
  if (!IMAGE_NAME.test(name)) return undefined;
  try {
    return await readFile(join(analysisImageFolder(dataDir, resultId), `${name}.png`));
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return undefined;
    throw new BonemetError('io_error', `cannot read image ${name} of result ${resultId}`, { cause: error });
  }
}
