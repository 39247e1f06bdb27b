import { generatePetCtPhantom, writePetCtPhantom, writePhantomLesionSegmentation } from '@bonemet/phantoms';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../test-support.js';

interface SuvMaskReport {
  mask: {
    format: string;
    segments?: { number: number; label: string }[];
    statistics: { voxelCount: number; max: number; median: number; min: number; mean: number };
  };
}

const phantom = generatePetCtPhantom({ seed: 5 });
let root = '';
let petDirectory = '';
let niftiFile = '';
let segFile = '';
let otherSegFile = '';

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'bonemet-cli-seg-'));
  const written = await writePetCtPhantom(phantom, join(root, 'phantom'), 'siemens');
  petDirectory = written.petDirectory;
  niftiFile = written.lesionLabelsFile;
  segFile = join(root, 'lesions-seg.dcm');
  await writePhantomLesionSegmentation(phantom, 'siemens', segFile);
  // Another phantom (other seed): same grid, other Frame of Reference.
  otherSegFile = join(root, 'other-seg.dcm');
  await writePhantomLesionSegmentation(generatePetCtPhantom({ seed: 2 }), 'siemens', otherSegFile);
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function suvInside(...maskArguments: string[]): Promise<SuvMaskReport> {
  const run = await runCli(['pet', 'suv', petDirectory, '--json', '--no-progress', ...maskArguments]);
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as SuvMaskReport;
}

describe('bonemet pet suv --mask <DICOM SEG>', () => {
  it('gives the same SUV statistics inside the lesion SEG (all segments) as inside the NIfTI lesion labels', async () => {
    const nifti = await suvInside('--mask', niftiFile);
    const seg = await suvInside('--mask', segFile);
    expect(nifti.mask.format).toBe('NIfTI');
    expect(seg.mask.format).toBe('DICOM SEG');
    expect(seg.mask.statistics).toEqual(nifti.mask.statistics);
    // Every ground-truth lesion voxel, once.
    const truthVoxels = phantom.truth.lesions.reduce((sum, lesion) => sum + lesion.maskVoxelCount, 0);
    expect(seg.mask.statistics.voxelCount).toBe(truthVoxels);
    expect(seg.mask.segments?.map((s) => s.label)).toEqual(
      phantom.truth.lesions.filter((l) => l.maskVoxelCount > 0).map((l) => `lesion ${l.label}`),
    );
  });

  it('takes one segment by number or by label: the voxel count of that lesion in the ground truth', async () => {
    const first = phantom.truth.lesions.find((lesion) => lesion.maskVoxelCount > 0);
    if (first === undefined) throw new Error('the phantom has no lesion');
    const byNumber = await suvInside('--mask', segFile, '--segment', '1');
    const byLabel = await suvInside('--mask', segFile, '--segment', `lesion ${first.label}`);
    expect(byNumber.mask.statistics.voxelCount).toBe(first.maskVoxelCount);
    expect(byLabel.mask.statistics).toEqual(byNumber.mask.statistics);
    expect(byNumber.mask.segments).toEqual([{ number: 1, label: `lesion ${first.label}` }]);
  });

  it('says which segments make the mask in the text report', async () => {
    const run = await runCli([
      'pet',
      'suv',
      petDirectory,
      '--no-progress',
      '--mask',
      segFile,
      '--segment',
      '1',
      '--segment',
      '2',
    ]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/DICOM SEG segments 1 "lesion \d+", 2 "lesion \d+" \(union\)/);
  });

  it('refuses an unknown segment, --segment without a SEG, and a SEG of another Frame of Reference', async () => {
    const cases: [string[], RegExp][] = [
      [['--mask', segFile, '--segment', '99'], /no segment 99/],
      [['--mask', niftiFile, '--segment', '1'], /--segment applies to a DICOM SEG mask/],
      [['--segment', '1'], /--segment chooses segments of a DICOM SEG/],
      [['--mask', otherSegFile], /the segmentation is in Frame of Reference .*, the image in /],
    ];
    for (const [argv, message] of cases) {
      const run = await runCli(['pet', 'suv', petDirectory, '--no-progress', ...argv]);
      expect(run.status, argv.join(' ')).toBe(2);
      expect(run.stdout, argv.join(' ')).toBe('');
      expect(run.stderr, argv.join(' ')).toMatch(message);
    }
  });
});
