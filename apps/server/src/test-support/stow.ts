/** STOW-RS request bodies and the phantom's DICOM files, for the server's ingest and job tests. */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

export const STOW_BOUNDARY = 'bonemet-test-boundary';
export const STOW_CONTENT_TYPE = `multipart/related; type="application/dicom"; boundary=${STOW_BOUNDARY}`;

/** A multipart/related body with one application/dicom part per file (PS3.18 10.5). */
export function stowBody(parts: readonly Uint8Array[]): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    chunks.push(
      Buffer.from(`--${STOW_BOUNDARY}\r\nContent-Type: application/dicom\r\n\r\n`, 'latin1'),
      Buffer.from(part),
    );
    chunks.push(Buffer.from('\r\n', 'latin1'));
  }
  chunks.push(Buffer.from(`--${STOW_BOUNDARY}--\r\n`, 'latin1'));
  return Buffer.concat(chunks);
}

/** The files of a phantom written by writePetCtPhantom: its pet/ then ct/ folder, each in name order. */
export async function phantomDicomFiles(folder: string): Promise<Buffer[]> {
  const out: Buffer[] = [];
  for (const sub of ['pet', 'ct']) {
    for (const name of (await readdir(join(folder, sub))).sort()) out.push(await readFile(join(folder, sub, name)));
  }
  return out;
}
