/**
 * Reading pixel data in place (`adoptBytes`) and the directory reader's read-ahead. Expected pixel values
 * are pydicom 2's `pixel_array` of the IBSI DRO_0_0 slice 10 (Explicit VR Little Endian, signed 16-bit,
 * 256×256): sum 41281920, maximum 14400, minimum 0, value 3600 at row 128, column 128.
 */
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { StoredPixels } from './dataset.js';
import { readDicomFile } from './read-dicom-file.js';
import { readDicomDirectory, type LoadProgress } from './read-directory.js';

const ptFolder = join(import.meta.dirname, '..', 'test-data', 'ibsi-suv-dro', 'DRO', 'DRO_0_0', 'PT');
const slicePath = join(ptFolder, 'pet_dro_0_0_slice_010.dcm');
const root = mkdtempSync(join(tmpdir(), 'bonemet-read-ahead-'));
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

function expectPydicomValues(pixels: StoredPixels): void {
  expect(pixels).toBeInstanceOf(Int16Array);
  expect(pixels.length).toBe(256 * 256);
  let sum = 0;
  let max = -Infinity;
  let min = Infinity;
  for (const value of pixels) {
    sum += value;
    max = Math.max(max, value);
    min = Math.min(min, value);
  }
  expect([sum, max, min, pixels[128 * 256 + 128]]).toEqual([41281920, 14400, 0, 3600]);
}

describe('readDicomFile with adoptBytes', () => {
  it('reads the pixel data in place, with the same values as a copy', () => {
    const bytes = new Uint8Array(readFileSync(slicePath));
    const adopted = readDicomFile(bytes, slicePath, { adoptBytes: true }).storedPixels;
    expectPydicomValues(adopted);
    expect(adopted.buffer).toBe(bytes.buffer);
  });

  it('copies by default, so that later changes to the bytes do not reach the image', () => {
    const bytes = new Uint8Array(readFileSync(slicePath));
    const copied = readDicomFile(bytes, slicePath).storedPixels;
    expect(copied.buffer).not.toBe(bytes.buffer);
    bytes.fill(0x7f, bytes.length - 2 * 256 * 256);
    expectPydicomValues(copied);
  });

  it('copies when the pixel data would start at an odd byte (a 16-bit view cannot)', () => {
    const file = readFileSync(slicePath);
    const shifted = new Uint8Array(file.length + 1);
    shifted.set(file, 1);
    const bytes = shifted.subarray(1);
    const pixels = readDicomFile(bytes, slicePath, { adoptBytes: true }).storedPixels;
    expect(pixels.buffer).not.toBe(bytes.buffer);
    expectPydicomValues(pixels);
  });
});

describe('readDicomDirectory read-ahead', () => {
  it('reads more files than it reads ahead, reporting progress file by file in order', async () => {
    const names = readdirSync(ptFolder).sort();
    for (const name of names) copyFileSync(join(ptFolder, name), join(root, name));
    const progress: LoadProgress[] = [];
    const result = await readDicomDirectory(root, { onProgress: (p) => progress.push(p) });
    // The DRO_0_0 series has 20 slices, more than the 8 files read ahead.
    expect(names).toHaveLength(20);
    expect(progress.map((p) => p.done)).toEqual([...Array.from({ length: 20 }, (_, n) => n), 20]);
    expect(progress.every((p) => p.total === 20)).toBe(true);
    const images = result.series[0]?.images ?? [];
    expect(images.map((image) => image.source)).toEqual(names.map((name) => join(root, name)));
    const slice10 = images.find((image) => image.source.endsWith('slice_010.dcm'));
    expect(slice10).toBeDefined();
    if (slice10 !== undefined) expectPydicomValues(slice10.storedPixels);
  });
});
