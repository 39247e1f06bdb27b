import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BonemetError } from '@bonemet/core';
import { afterAll, describe, expect, it } from 'vitest';
import type { DicomImageDataset } from '../dataset.js';
import { assembleVolume, type ImageVolume } from '../volume.js';
import { encodePart10File, tag, type DicomElement } from '../write/part10-writer.js';
import { encodeSegmentation, type SegmentationToEncode } from '../write/segmentation.js';
import { readSegmentationSource } from '../write/segmentation-source.js';
import { readSegmentation } from './read-segmentation.js';
import { segmentationMaskOnGrid } from './segmentation-mask-on-grid.js';
import type { Segmentation, SegmentationFrame } from './segmentation.js';

const root = mkdtempSync(join(tmpdir(), 'bonemet-seg-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const seriesUid = '1.2.826.0.1.3680043.10.1234.2';
const frameOfReferenceUid = '1.2.826.0.1.3680043.10.1234.9';
const petImageStorageUid = '1.2.840.10008.5.1.4.1.1.128';

/**
 * A 4-column × 3-row × 5-slice axial grid: Pixel Spacing [3, 2] mm (rows 3 mm apart, columns 2 mm apart),
 * slices 4 mm apart from z = 30 mm, first voxel at (10, 20, 30) mm. Voxel (i, j, k) has linear index
 * i + 4·(j + 3·k) and lies at (10 + 2i, 20 + 3j, 30 + 4k) mm.
 */
function smallVolume(): ImageVolume {
  const slices = [4, 3, 2, 1, 0].map((k): DicomImageDataset => ({
    source: `slice ${k}`,
    transferSyntaxUid: '1.2.840.10008.1.2.1',
    modality: 'PT',
    sopInstanceUid: `${seriesUid}.${k + 1}`,
    seriesInstanceUid: seriesUid,
    imagePositionPatientMm: [10, 20, 30 + 4 * k],
    imageOrientationPatient: [1, 0, 0, 0, 1, 0],
    pixelSpacingMm: [3, 2],
    sliceThicknessMm: 4,
    rows: 3,
    columns: 4,
    bitsAllocated: 16,
    bitsStored: 16,
    pixelRepresentation: 1,
    rescaleSlope: 1,
    rescaleIntercept: 0,
    hasRescale: true,
    storedPixels: new Int16Array(12).map((_, n) => n + 12 * k),
  }));
  return assembleVolume(slices);
}

const at = (i: number, j: number, k: number): number => i + 4 * (j + 3 * k);

function maskWith(...indices: number[]): Uint8Array {
  const mask = new Uint8Array(60);
  for (const n of indices) mask[n] = 1;
  return mask;
}

function input(volume: ImageVolume, segments: SegmentationToEncode['segments']): SegmentationToEncode {
  return {
    volume,
    source: {
      sopClassUid: petImageStorageUid,
      patientName: 'SYNTHETIC^TEST',
      patientId: 'SYN-1',
      studyInstanceUid: '1.2.826.0.1.3680043.10.1234.1',
      studyDate: '20240101',
      studyTime: '120000',
      frameOfReferenceUid,
    },
    instance: {
      seriesInstanceUid: '1.2.826.0.1.3680043.10.1234.3',
      sopInstanceUid: '1.2.826.0.1.3680043.10.1234.3.1',
      seriesNumber: 300,
      instanceNumber: 1,
      seriesDescription: 'SYNTHETIC LESIONS',
      contentLabel: 'LESIONS',
      contentDate: '20240102',
      contentTime: '080000',
      equipment: { manufacturer: 'bonemet', modelName: 'bonemet', deviceSerialNumber: '0', softwareVersions: '0.1.0' },
    },
    segments,
  };
}

const morphologicallyAbnormal = {
  codeValue: '49755003',
  codingSchemeDesignator: 'SCT',
  codeMeaning: 'Morphologically Abnormal Structure',
};
const secondaryNeoplasm = { codeValue: '14799000', codingSchemeDesignator: 'SCT', codeMeaning: 'Neoplasm, Secondary' };

// Segment 1 "lesion A": voxels (1, 2, 1) and (3, 0, 3) → indices 1 + 4·(2 + 3) = 21 and 3 + 4·9 = 39.
// Segment 2 "lesion B": voxel (0, 0, 3) → index 36. Frames: (1, k=1), (1, k=3), (2, k=3) → 3 frames.
const twoLesions = (volume: ImageVolume): SegmentationToEncode =>
  input(volume, [
    {
      label: 'lesion A',
      algorithmType: 'AUTOMATIC',
      algorithmName: 'bonemet test',
      category: morphologicallyAbnormal,
      type: secondaryNeoplasm,
      mask: maskWith(at(1, 2, 1), at(3, 0, 3)),
    },
    {
      label: 'lesion B',
      algorithmType: 'MANUAL',
      category: morphologicallyAbnormal,
      type: secondaryNeoplasm,
      mask: maskWith(at(0, 0, 3)),
    },
  ]);

function errorOf(run: () => unknown): BonemetError {
  try {
    run();
  } catch (error) {
    if (error instanceof BonemetError) return error;
    throw error;
  }
  throw new Error('no error thrown');
}

describe('encodeSegmentation and readSegmentation on a hand-built grid', () => {
  const volume = smallVolume();
  const bytes = encodeSegmentation(twoLesions(volume));
  const file = join(root, 'two-lesions.dcm');
  writeFileSync(file, bytes);

  it('passes dciodvfy without errors', () => {
    const run = spawnSync('dciodvfy', [file], { encoding: 'utf8' });
    expect(run.error, 'dciodvfy (Debian dicom3tools) must be installed').toBeUndefined();
    const output = `${run.stdout}${run.stderr}`;
    expect(output).toMatch(/Segmentation/);
    expect(output.split('\n').filter((line) => line.includes('Error'))).toEqual([]);
  });

  it('is read by DCMTK dcmdump with the frame count and packed pixel length computed by hand', () => {
    const run = spawnSync('dcmdump', ['+P', '0028,0008', '+P', '7fe0,0010', '+P', '0020,9165', file], {
      encoding: 'utf8',
    });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/\(0028,0008\) IS \[3\]/);
    // 3 frames × 12 pixels = 36 bits → 5 bytes, padded to 6 (even length).
    expect(run.stdout).toMatch(/\(7fe0,0010\) OB .*# +6,/);
    expect(run.stdout).toMatch(/\(0020,9165\) AT \(0062,000b\)/);
    expect(run.stdout).toMatch(/\(0020,9165\) AT \(0020,0032\)/);
  });

  it('reads back the segments, the frames with their positions and source images, and the pixels', () => {
    const seg = readSegmentation(bytes, 'two-lesions.dcm');
    expect(seg.segmentationType).toBe('BINARY');
    expect(seg.frameOfReferenceUid).toBe(frameOfReferenceUid);
    expect([seg.rows, seg.columns]).toEqual([3, 4]);
    expect(seg.segments.map((s) => [s.segmentNumber, s.label, s.algorithmType, s.type.codeValue])).toEqual([
      [1, 'lesion A', 'AUTOMATIC', '14799000'],
      [2, 'lesion B', 'MANUAL', '14799000'],
    ]);
    expect(seg.segments[0]?.algorithmName).toBe('bonemet test');
    expect(seg.frames.map((f) => [f.segmentNumber, f.imagePositionPatientMm[2]])).toEqual([
      [1, 34],
      [1, 42],
      [2, 42],
    ]);
    expect(seg.frames.map((f) => f.sourceSopInstanceUids)).toEqual([
      [`${seriesUid}.2`],
      [`${seriesUid}.4`],
      [`${seriesUid}.4`],
    ]);
    expect(seg.frames[0]?.pixelSpacingMm).toEqual([3, 2]);
    // Frame 1: voxel (1, 2) → pixel 2·4 + 1 = 9; frame 2: (3, 0) → 3; frame 3: (0, 0) → 0.
    expect(seg.frames.map((f) => [...f.pixels].flatMap((v, n) => (v === 1 ? [n] : [])))).toEqual([[9], [3], [0]]);
    expect(seg.referencedSeries).toEqual([
      { seriesInstanceUid: seriesUid, sopInstanceUids: [1, 2, 3, 4, 5].map((n) => `${seriesUid}.${n}`) },
    ]);
  });

  it('places all segments (their union), one by number or one by label on the grid', () => {
    const seg = readSegmentation(bytes);
    const all = segmentationMaskOnGrid(seg, undefined, volume);
    expect([...all.voxelIndices]).toEqual([21, 36, 39]);
    expect(all.allSegments).toBe(true);
    expect(all.framesPlaced).toBe(3);
    expect([...segmentationMaskOnGrid(seg, 2, volume).voxelIndices]).toEqual([36]);
    const byLabel = segmentationMaskOnGrid(seg, 'lesion A', volume);
    expect([...byLabel.voxelIndices]).toEqual([21, 39]);
    expect(byLabel.allSegments).toBe(false);
    expect([...segmentationMaskOnGrid(seg, [1, 'lesion B'], volume).voxelIndices]).toEqual([21, 36, 39]);
  });

  it.each([
    ['+ti', 'Implicit VR Little Endian'],
    ['+td', 'Deflated Explicit VR Little Endian'],
  ])('reads the same mask after DCMTK dcmconv %s (%s)', (option) => {
    const converted = join(root, `converted${option}.dcm`);
    const run = spawnSync('dcmconv', [option, file, converted], { encoding: 'utf8' });
    expect(run.error, 'dcmconv (Debian dcmtk) must be installed').toBeUndefined();
    expect(run.status, run.stderr).toBe(0);
    const seg = readSegmentation(readFileSync(converted), converted);
    expect(seg.segments.map((s) => s.label)).toEqual(['lesion A', 'lesion B']);
    expect([...segmentationMaskOnGrid(seg, undefined, volume).voxelIndices]).toEqual([21, 36, 39]);
  });

  it('places frames given in any order the same way', () => {
    const seg = readSegmentation(bytes);
    const reversed: Segmentation = { ...seg, frames: [...seg.frames].reverse() };
    expect([...segmentationMaskOnGrid(reversed, undefined, volume).voxelIndices]).toEqual([21, 36, 39]);
  });

  it('reads the source attributes a segmentation copies from a source image file', () => {
    const elements: DicomElement[] = [
      { tag: tag(0x0008, 0x0016), vr: 'UI', value: petImageStorageUid },
      { tag: tag(0x0008, 0x0018), vr: 'UI', value: `${seriesUid}.1` },
      { tag: tag(0x0010, 0x0010), vr: 'PN', value: 'SYNTHETIC^TEST' },
      { tag: tag(0x0010, 0x0020), vr: 'LO', value: 'SYN-1' },
      { tag: tag(0x0020, 0x000d), vr: 'UI', value: '1.2.3' },
      { tag: tag(0x0020, 0x0052), vr: 'UI', value: frameOfReferenceUid },
      { tag: tag(0x0008, 0x0050), vr: 'SH', value: '' },
    ];
    expect(readSegmentationSource(encodePart10File(petImageStorageUid, `${seriesUid}.1`, elements))).toEqual({
      sopClassUid: petImageStorageUid,
      patientName: 'SYNTHETIC^TEST',
      patientId: 'SYN-1',
      studyInstanceUid: '1.2.3',
      frameOfReferenceUid,
    });
  });
});

describe('segmentationMaskOnGrid refuses what does not fit', () => {
  const volume = smallVolume();
  const seg = readSegmentation(encodeSegmentation(twoLesions(volume)));
  const withFrame = (change: Partial<SegmentationFrame>): Segmentation => ({
    ...seg,
    frames: seg.frames.map((frame, index) => (index === 0 ? { ...frame, ...change } : frame)),
  });

  it.each([
    ['orientation', { imageOrientationPatient: [0, 1, 0, 1, 0, 0] as const }, /orientation \(0\.0000, 1\.0000/],
    [
      'pixel spacing',
      { pixelSpacingMm: [3, 2.5] as const },
      /pixel spacing 3\.0000, 2\.5000 mm, the image 3\.0000, 2\.0000/,
    ],
    // Half a column off: x = 11 mm is index 0.5.
    [
      'position between voxels',
      { imagePositionPatientMm: [11, 20, 34] as const },
      /lands at voxel index \(0\.50, 0\.00, 1\.00\)/,
    ],
    // z = 50 mm is slice 5 of 0..4.
    [
      'position beyond the last slice',
      { imagePositionPatientMm: [10, 20, 50] as const },
      /index \(0\.00, 0\.00, 5\.00\)/,
    ],
  ])('%s', (_name, change, message) => {
    const error = errorOf(() => segmentationMaskOnGrid(withFrame(change), undefined, volume));
    expect(error.code).toBe('invalid_input');
    expect(error.message).toMatch(/^the mask does not fit the image: /);
    expect(error.message).toMatch(message);
  });

  it('refuses a frame whose set pixel falls outside the image (shifted one column right)', () => {
    // Frame 2 has its pixel at column 3; shifted by one column (x + 2 mm) it lands at i = 4, outside 0..3.
    const shifted: Segmentation = {
      ...seg,
      frames: seg.frames.map((frame, index) =>
        index === 1 ? { ...frame, imagePositionPatientMm: [12, 20, 42] as const } : frame,
      ),
    };
    const error = errorOf(() => segmentationMaskOnGrid(shifted, undefined, volume));
    expect(error.code).toBe('invalid_input');
    expect(error.message).toMatch(
      /the mask does not fit the image: mask voxel \(3, 0, 0\) lands at index \(4\.00, 0\.00, 3\.00\)/,
    );
  });

  it('refuses another Frame of Reference, and one it cannot confirm', () => {
    const other = errorOf(() =>
      segmentationMaskOnGrid(seg, undefined, volume, { imageFrameOfReferenceUid: '1.2.826.0.1.3680043.10.1234.99' }),
    );
    expect(other.code).toBe('unsupported');
    expect(other.message).toMatch(/Frame of Reference 1\.2\.826\.0\.1\.3680043\.10\.1234\.9, the image in/);
    const unrelated: Segmentation = {
      ...seg,
      referencedSeries: [{ seriesInstanceUid: '1.2.3.4', sopInstanceUids: [] }],
      frames: seg.frames.map((frame) => ({ ...frame, sourceSopInstanceUids: [] })),
    };
    const unknown = errorOf(() => segmentationMaskOnGrid(unrelated, undefined, volume));
    expect(unknown.code).toBe('unsupported');
    expect(unknown.message).toMatch(/references 1\.2\.3\.4, not the image series/);
    // With the image's Frame of Reference given and equal, the same segmentation is placed.
    expect([
      ...segmentationMaskOnGrid(unrelated, undefined, volume, { imageFrameOfReferenceUid: frameOfReferenceUid })
        .voxelIndices,
    ]).toEqual([21, 36, 39]);
  });

  it('refuses an unknown segment and a threshold out of range', () => {
    expect(errorOf(() => segmentationMaskOnGrid(seg, 3, volume)).code).toBe('not_found');
    expect(errorOf(() => segmentationMaskOnGrid(seg, 'lesion C', volume)).message).toMatch(/no segment "lesion C"/);
    expect(errorOf(() => segmentationMaskOnGrid(seg, undefined, volume, { fractionalThreshold: 0 })).code).toBe(
      'invalid_input',
    );
  });
});

describe('encodeSegmentation refuses bad input', () => {
  const volume = smallVolume();
  it('lists invalid attributes by path', () => {
    const bad = twoLesions(volume);
    const first = bad.segments[0];
    if (first === undefined) throw new Error('no segment');
    const { algorithmName: _dropped, ...withoutName } = first;
    const error = errorOf(() =>
      encodeSegmentation({
        ...bad,
        instance: { ...bad.instance, contentLabel: 'lower case' },
        segments: [withoutName],
      }),
    );
    expect(error.code).toBe('invalid_input');
    expect(error.issues.map((issue) => issue.path.join('.'))).toEqual(
      expect.arrayContaining(['instance.contentLabel', 'segments.0.algorithmName']),
    );
  });

  it('refuses a mask of the wrong size and an empty segment', () => {
    const base = twoLesions(volume);
    const first = base.segments[0];
    if (first === undefined) throw new Error('no segment');
    expect(
      errorOf(() => encodeSegmentation({ ...base, segments: [{ ...first, mask: new Uint8Array(59) }] })).message,
    ).toMatch(/the mask holds 59 values, the volume 60 voxels \(4×3×5\)/);
    expect(
      errorOf(() => encodeSegmentation({ ...base, segments: [{ ...first, mask: new Uint8Array(60) }] })).message,
    ).toMatch(/segment 1 \("lesion A"\) is empty/);
  });
});

/** A hand-built segmentation data set (no functional group beyond what the reader needs). */
function handBuiltSegmentation(options: {
  sopClassUid?: string;
  type: 'BINARY' | 'FRACTIONAL';
  bitsAllocated: number;
  pixels: Uint8Array;
  frames?: number;
}): Uint8Array {
  const sopClassUid = options.sopClassUid ?? '1.2.840.10008.5.1.4.1.1.66.4';
  const code = (value: string, meaning: string): DicomElement[] => [
    { tag: tag(0x0008, 0x0100), vr: 'SH', value },
    { tag: tag(0x0008, 0x0102), vr: 'SH', value: 'SCT' },
    { tag: tag(0x0008, 0x0104), vr: 'LO', value: meaning },
  ];
  const elements: DicomElement[] = [
    { tag: tag(0x0008, 0x0016), vr: 'UI', value: sopClassUid },
    { tag: tag(0x0008, 0x0018), vr: 'UI', value: '1.2.3.4.5' },
    { tag: tag(0x0020, 0x000e), vr: 'UI', value: '1.2.3.4' },
    { tag: tag(0x0020, 0x0052), vr: 'UI', value: frameOfReferenceUid },
    { tag: tag(0x0028, 0x0008), vr: 'IS', value: String(options.frames ?? 1) },
    { tag: tag(0x0028, 0x0010), vr: 'US', value: [3] },
    { tag: tag(0x0028, 0x0011), vr: 'US', value: [4] },
    { tag: tag(0x0028, 0x0100), vr: 'US', value: [options.bitsAllocated] },
    { tag: tag(0x0062, 0x0001), vr: 'CS', value: options.type },
    ...(options.type === 'FRACTIONAL'
      ? [
          { tag: tag(0x0062, 0x000e), vr: 'US' as const, value: [200] },
          { tag: tag(0x0062, 0x0010), vr: 'CS' as const, value: 'PROBABILITY' },
        ]
      : []),
    {
      tag: tag(0x0062, 0x0002),
      vr: 'SQ',
      value: [
        [
          { tag: tag(0x0062, 0x0003), vr: 'SQ', value: [code('49755003', 'Morphologically Abnormal Structure')] },
          { tag: tag(0x0062, 0x0004), vr: 'US', value: [1] },
          { tag: tag(0x0062, 0x0005), vr: 'LO', value: 'probability' },
          { tag: tag(0x0062, 0x0008), vr: 'CS', value: 'MANUAL' },
          { tag: tag(0x0062, 0x000f), vr: 'SQ', value: [code('52988006', 'Lesion')] },
        ],
      ],
    },
    {
      tag: tag(0x5200, 0x9229),
      vr: 'SQ',
      value: [
        [
          {
            tag: tag(0x0020, 0x9116),
            vr: 'SQ',
            value: [[{ tag: tag(0x0020, 0x0037), vr: 'DS', value: ['1', '0', '0', '0', '1', '0'] }]],
          },
          { tag: tag(0x0028, 0x9110), vr: 'SQ', value: [[{ tag: tag(0x0028, 0x0030), vr: 'DS', value: ['3', '2'] }]] },
          { tag: tag(0x0062, 0x000a), vr: 'SQ', value: [[{ tag: tag(0x0062, 0x000b), vr: 'US', value: [1] }]] },
        ],
      ],
    },
    {
      tag: tag(0x5200, 0x9230),
      vr: 'SQ',
      value: [
        [
          {
            tag: tag(0x0020, 0x9113),
            vr: 'SQ',
            value: [[{ tag: tag(0x0020, 0x0032), vr: 'DS', value: ['10', '20', '38'] }]],
          },
        ],
      ],
    },
    { tag: tag(0x7fe0, 0x0010), vr: 'OB', value: options.pixels },
  ];
  return encodePart10File(sopClassUid, '1.2.3.4.5', elements);
}

describe('readSegmentation: FRACTIONAL and bad input', () => {
  const volume = smallVolume();

  it('reads an 8-bit FRACTIONAL segmentation and thresholds it at half the maximum fractional value', () => {
    // Maximum Fractional Value 200: the default threshold 0.5 keeps values ≥ 100 → pixels 2 (100) and 3 (200).
    const pixels = Uint8Array.from([0, 99, 100, 200, 0, 0, 0, 0, 0, 0, 0, 0]);
    const seg = readSegmentation(handBuiltSegmentation({ type: 'FRACTIONAL', bitsAllocated: 8, pixels }));
    expect(seg.segmentationType).toBe('FRACTIONAL');
    expect(seg.maximumFractionalValue).toBe(200);
    expect(seg.fractionalType).toBe('PROBABILITY');
    // The frame lies at z = 38 mm → slice 2; pixels 2, 3 → voxels (2, 0, 2) = 26 and (3, 0, 2) = 27.
    const options = { imageFrameOfReferenceUid: frameOfReferenceUid };
    expect([...segmentationMaskOnGrid(seg, undefined, volume, options).voxelIndices]).toEqual([26, 27]);
    // A threshold of 0.4 keeps ≥ 80: pixel 1 (99) as well.
    expect([
      ...segmentationMaskOnGrid(seg, undefined, volume, { ...options, fractionalThreshold: 0.4 }).voxelIndices,
    ]).toEqual([25, 26, 27]);
  });

  it('refuses a label map, another SOP class, a truncated file and short pixel data with typed errors', () => {
    const pixels = new Uint8Array(2);
    expect(
      errorOf(() =>
        readSegmentation(
          handBuiltSegmentation({
            sopClassUid: '1.2.840.10008.5.1.4.1.1.66.7',
            type: 'BINARY',
            bitsAllocated: 1,
            pixels,
          }),
        ),
      ).code,
    ).toBe('unsupported');
    const notSeg = errorOf(() =>
      readSegmentation(
        handBuiltSegmentation({ sopClassUid: petImageStorageUid, type: 'BINARY', bitsAllocated: 1, pixels }),
      ),
    );
    expect(notSeg.code).toBe('invalid_input');
    expect(notSeg.message).toMatch(/not a DICOM Segmentation/);
    const whole = encodeSegmentation(twoLesions(volume));
    expect(errorOf(() => readSegmentation(whole.subarray(0, 400))).code).toBe('malformed_input');
    expect(errorOf(() => readSegmentation(new Uint8Array(10))).code).toBe('malformed_input');
    // 12 frames of 12 pixels need 18 bytes; 2 are given.
    const short = errorOf(() =>
      readSegmentation(handBuiltSegmentation({ type: 'BINARY', bitsAllocated: 1, pixels, frames: 12 })),
    );
    expect(short.message).toMatch(/Pixel Data holds 2 bytes, 18 expected/);
    expect(
      errorOf(() => readSegmentation(handBuiltSegmentation({ type: 'BINARY', bitsAllocated: 8, pixels }))).message,
    ).toMatch(/Bits Allocated 8 for a BINARY segmentation, 1 expected/);
  });
});
