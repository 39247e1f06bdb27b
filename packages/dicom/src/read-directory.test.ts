/** Directory tree reading: recursive, names without extension, mixed series, non-image and non-DICOM files. */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readDicomDirectory } from './read-directory.js';
import { assembleVolume, indexToPatientMm, patientMmToIndex } from './volume.js';

const droRoot = join(import.meta.dirname, '..', 'test-data', 'ibsi-suv-dro', 'DRO');
const root = mkdtempSync(join(tmpdir(), 'bonemet-dicom-'));
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('readDicomDirectory', () => {
  it('groups two series mixed in nested folders, files without extension, skipping RTSTRUCT and text', async () => {
    mkdirSync(join(root, 'a', 'b'), { recursive: true });
    for (const name of ['DRO_0_0', 'DRO_5_0']) {
      readdirSync(join(droRoot, name, 'PT')).forEach((file, n) => {
        // Alternate folders so that the two series are interleaved in the tree.
        const folder = n % 2 === 0 ? join(root, 'a') : join(root, 'a', 'b');
        copyFileSync(join(droRoot, name, 'PT', file), join(folder, `${name}_${n}`));
      });
    }
    copyFileSync(join(droRoot, 'DRO_0_0', 'RS', 'RS_dro_0_0.dcm'), join(root, 'RS'));
    writeFileSync(join(root, 'notes.txt'), 'not DICOM');

    const result = await readDicomDirectory(root);
    expect(result.series).toHaveLength(2);
    expect(result.series.map((s) => s.images.length)).toEqual([20, 20]);
    expect(result.series.every((s) => s.modality === 'PT')).toBe(true);
    expect(result.skippedFiles).toEqual([join(root, 'notes.txt')]);
    expect(result.nonImageFiles).toEqual([join(root, 'RS')]);

    // 256×256×20 at 4 mm from (0,0,0), identity orientation (DRO header): voxel (10, 20, 5) is at (40, 80, 20) mm.
    const volume = assembleVolume(result.series[0]?.images ?? []);
    expect(volume.dimensions).toEqual([256, 256, 20]);
    expect(indexToPatientMm(volume, [10, 20, 5])).toEqual([40, 80, 20]);
    expect(patientMmToIndex(volume, [40, 80, 20])).toEqual([10, 20, 5]);
  });

  it('a missing directory: not_found', async () => {
    await expect(readDicomDirectory(join(root, 'nope'))).rejects.toMatchObject({ code: 'not_found' });
  });
});
