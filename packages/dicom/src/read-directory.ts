/**
 * Reads every DICOM Part 10 file under a directory (recursively; names with or without extension) and
 * groups the images by SeriesInstanceUID. Files that are not Part 10 (no "DICM" prefix) are listed as
 * skipped; a Part 10 file that cannot be read stops the read with its typed error.
 */
import { readFile } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { BonemetError } from '@bonemet/core';
import type { DicomImageDataset } from './dataset.js';
import { isDicomPart10, isNotAnImageError, readDicomFile } from './read-dicom-file.js';

export interface DicomSeries {
  readonly seriesInstanceUid: string;
  readonly modality: string;
  readonly seriesDescription?: string;
  readonly images: readonly DicomImageDataset[];
}

export interface DicomDirectory {
  /** Series sorted by SeriesInstanceUID; images in file-name order (use `assembleVolume` to order slices). */
  readonly series: readonly DicomSeries[];
  /** Files that are not DICOM Part 10 and were skipped (DICOMDIR is skipped too: it holds no image). */
  readonly skippedFiles: readonly string[];
  /** DICOM files that hold no image (RTSTRUCT, SR, ...), skipped. */
  readonly nonImageFiles: readonly string[];
}

/** Progress of a long load: `done` of `total` units (files, instances) in the named stage. */
export interface LoadProgress {
  readonly done: number;
  readonly total: number;
  readonly stage: string;
}

export interface ReadDicomDirectoryOptions {
  /** Called before each file and once at the end (done = total). */
  readonly onProgress?: (progress: LoadProgress) => void;
}

/** Groups images by SeriesInstanceUID: series sorted by UID, images in the order given. */
export function groupImagesBySeries(images: readonly DicomImageDataset[]): DicomSeries[] {
  const bySeries = new Map<string, DicomImageDataset[]>();
  for (const image of images) {
    const list = bySeries.get(image.seriesInstanceUid) ?? [];
    list.push(image);
    bySeries.set(image.seriesInstanceUid, list);
  }
  return [...bySeries.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([seriesInstanceUid, seriesImages]): DicomSeries => {
      const first = seriesImages[0];
      const description = first?.seriesDescription;
      return {
        seriesInstanceUid,
        modality: first?.modality ?? '',
        ...(description === undefined ? {} : { seriesDescription: description }),
        images: seriesImages,
      };
    });
}

/** Files read ahead of the one being parsed (bounded, so that memory stays at a few files' worth). */
const filesReadAhead = 8;

/** A file's bytes, or why it could not be read (kept as a value so that a read ahead never rejects unobserved). */
type FileRead = { readonly bytes: Uint8Array } | { readonly error: unknown };

/** One file's bytes. The callback `readFile` (one request to the thread pool) costs less than the promise one. */
function readWhole(file: string): Promise<FileRead> {
  return new Promise((resolve) => {
    readFile(file, (error, bytes) => {
      resolve(error === null ? { bytes } : { error });
    });
  });
}

async function listFiles(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true });
  const nested = await Promise.all(
    entries
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .map(async (entry): Promise<string[]> => {
        const path = join(directory, entry.name);
        if (entry.isDirectory()) return listFiles(path);
        return entry.isFile() ? [path] : [];
      }),
  );
  return nested.flat();
}

/** Reads a directory tree; throws `not_found` when it does not exist and `io_error` when it cannot be read. */
export async function readDicomDirectory(
  root: string,
  options: ReadDicomDirectoryOptions = {},
): Promise<DicomDirectory> {
  try {
    if (!(await stat(root)).isDirectory()) {
      throw new BonemetError('invalid_input', `${root} is not a directory`, {
        issues: [{ path: [], message: 'not a directory' }],
      });
    }
  } catch (cause) {
    if (cause instanceof BonemetError) throw cause;
    throw new BonemetError('not_found', `${root} does not exist or cannot be accessed`, { cause });
  }
  let files: string[];
  try {
    files = await listFiles(root);
  } catch (cause) {
    throw new BonemetError('io_error', `cannot list ${root}`, { cause });
  }
  const images: DicomImageDataset[] = [];
  const skippedFiles: string[] = [];
  const nonImageFiles: string[] = [];
  const stage = `reading DICOM files under ${root}`;
  // Files are read ahead, a few at a time, while the earlier ones are parsed: reading waits on the disk
  // and the file system (in Node's thread pool), parsing uses this thread. Parsing stays in file order.
  const reads = new Map<number, Promise<FileRead>>();
  const readAhead = (index: number): void => {
    const file = files[index];
    if (file !== undefined && !reads.has(index)) reads.set(index, readWhole(file));
  };
  for (let index = 0; index < filesReadAhead; index++) readAhead(index);
  for (const [index, file] of files.entries()) {
    options.onProgress?.({ done: index, total: files.length, stage });
    readAhead(index);
    const read = await reads.get(index);
    reads.delete(index);
    readAhead(index + filesReadAhead);
    if (read === undefined || 'error' in read) {
      throw new BonemetError('io_error', `cannot read ${file}`, { cause: read?.error });
    }
    const bytes = read.bytes;
    if (!isDicomPart10(bytes) || /(^|[\\/])DICOMDIR$/i.test(file)) {
      skippedFiles.push(file);
      continue;
    }
    let image: DicomImageDataset;
    try {
      // The bytes were read for this call only: the pixel data can be kept in place rather than copied.
      image = readDicomFile(bytes, file, { adoptBytes: true });
    } catch (error) {
      if (isNotAnImageError(error)) {
        nonImageFiles.push(file);
        continue;
      }
      throw error;
    }
    images.push(image);
  }
  options.onProgress?.({ done: files.length, total: files.length, stage });
  return { series: groupImagesBySeries(images), skippedFiles, nonImageFiles };
}
