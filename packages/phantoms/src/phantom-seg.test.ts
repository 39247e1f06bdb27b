import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  assembleVolume,
  maskVoxelIndices,
  readDicomFile,
  readNifti,
  readSegmentation,
  segmentationMaskOnGrid,
  type ImageVolume,
} from '@bonemet/dicom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeNiftiLabels } from './nifti-writer.js';
import { generatePetCtPhantom } from './pet-ct-phantom.js';
import { encodePetSeries } from './phantom-dicom.js';
import { writePhantomLesionSegmentation, type PhantomLesionSegmentation } from './phantom-seg.js';

const root = mkdtempSync(join(tmpdir(), 'bonemet-phantom-seg-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Linear indices of the voxels whose ground-truth lesion label is `label` (all lesions when undefined). */
function truthIndices(labels: Uint16Array, label?: number): number[] {
  const out: number[] = [];
  labels.forEach((value, n) => {
    if (label === undefined ? value !== 0 : value === label) out.push(n);
  });
  return out;
}

describe('phantom lesion ground truth as DICOM SEG', () => {
  const phantom = generatePetCtPhantom({ seed: 5 });
  const file = join(root, 'lesions.dcm');
  let written: PhantomLesionSegmentation;
  let pet: ImageVolume;

  beforeAll(async () => {
    written = await writePhantomLesionSegmentation(phantom, 'ge', file);
    pet = assembleVolume(encodePetSeries(phantom, 'ge').map((slice) => readDicomFile(slice.bytes, slice.fileName)));
  });

  it('holds one segment per lesion', () => {
    expect(phantom.truth.lesions.length).toBeGreaterThan(1);
    expect(written.segments.map((s) => s.lesionLabel)).toEqual(
      phantom.truth.lesions.filter((l) => l.maskVoxelCount > 0).map((l) => l.label),
    );
  });

  it('passes dciodvfy without errors', () => {
    const run = spawnSync('dciodvfy', [file], { encoding: 'utf8' });
    expect(run.error, 'dciodvfy (Debian dicom3tools) must be installed: scripts/install-test-tools.sh').toBeUndefined();
    const output = `${run.stdout}${run.stderr}`;
    expect(output).toMatch(/Segmentation/);
    expect(output.split('\n').filter((line) => line.includes('Error'))).toEqual([]);
  });

  it('is read by DCMTK dcmdump and dcm2xml', () => {
    const dump = spawnSync('dcmdump', [file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(dump.error, 'dcmdump (Debian dcmtk) must be installed').toBeUndefined();
    expect(dump.status, dump.stderr).toBe(0);
    expect(dump.stdout).toMatch(/\(0008,0016\) UI =SegmentationStorage/);
    expect(dump.stdout).toMatch(/\(0062,0001\) CS \[BINARY\]/);
    const xml = spawnSync('dcm2xml', [file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(xml.status, xml.stderr).toBe(0);
    expect(xml.stdout).toMatch(
      /<element tag="0062,0005" vr="LO" vm="1" len="\d+" name="SegmentLabel">lesion 1<\/element>/,
    );
    // The frame count DCMTK reads equals the number of (segment, slice) pairs of the ground truth.
    const [nx, ny] = phantom.geometry.dimensions;
    const framesExpected = written.segments.reduce((sum, { lesionLabel }) => {
      const slices = new Set(truthIndices(phantom.lesionLabels, lesionLabel).map((n) => Math.floor(n / (nx * ny))));
      return sum + slices.size;
    }, 0);
    expect(dump.stdout).toContain(`(0028,0008) IS [${framesExpected}]`);
  });

  it('reads back to the ground-truth mask of every lesion, and to their union', () => {
    const seg = readSegmentation(readFileSync(file), file);
    for (const { segmentNumber, lesionLabel } of written.segments) {
      const placed = segmentationMaskOnGrid(seg, segmentNumber, pet);
      const expected = truthIndices(phantom.lesionLabels, lesionLabel);
      expect([...placed.voxelIndices], `lesion ${lesionLabel}`).toEqual(expected);
      const truth = phantom.truth.lesions.find((l) => l.label === lesionLabel);
      expect(placed.voxelIndices.length).toBe(truth?.maskVoxelCount);
    }
    const union = segmentationMaskOnGrid(seg, undefined, pet);
    expect([...union.voxelIndices]).toEqual(truthIndices(phantom.lesionLabels));
    // The same voxels as the NIfTI label map the phantom writes, placed by the NIfTI path.
    const nifti = readNifti(encodeNiftiLabels(phantom.lesionLabels, phantom.geometry, 'SYNTHETIC lesion labels'));
    expect([...union.voxelIndices]).toEqual([...maskVoxelIndices(pet, nifti)].sort((a, b) => a - b));
  });
});
