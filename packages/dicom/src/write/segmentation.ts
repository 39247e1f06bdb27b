/**
 * Writes a BINARY DICOM Segmentation (Segmentation IOD, PS3.3 A.51) from label masks on the grid of a
 * reference image series: one frame per segment and slice that holds at least one voxel, 1-bit pixels
 * packed continuously across frames, Shared and Per-frame Functional Groups (Pixel Measures, Plane
 * Orientation, Plane Position, Derivation Image, Frame Content, Segment Identification), a Dimension
 * Organization indexed by (segment number, image position), and references to the source series, its
 * instances and its Frame of Reference. Explicit VR Little Endian, deterministic for the same input.
 */
import { BonemetError, parseInput } from '@bonemet/core';
import { z } from 'zod';
import { packBinaryFrames } from '../seg/frame-bits.js';
import { segmentAlgorithmTypes, segmentationStorageUid } from '../seg/segmentation.js';
import { indexToPatientMm, type ImageVolume } from '../volume.js';
import {
  codeItem,
  encodePart10File,
  formatDecimalString,
  formatIntegerString,
  tag,
  uidFromName,
  type DicomElement,
} from './part10-writer.js';
import type { SegmentationSourceAttributes } from './segmentation-source.js';

const printable = (max: number): z.ZodString =>
  z
    .string()
    .max(max)
    .regex(/^[\x20-\x7e]*$/, 'only printable ASCII characters')
    .regex(/^[^\\]*$/, 'no backslash (the DICOM value separator)');
const uid = z
  .string()
  .max(64)
  .regex(/^(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))+$/, 'a DICOM UID: digits and dots, no leading zeros (PS3.5 9.1)');

const codedConceptSchema = z.strictObject({
  codeValue: printable(16).min(1).describe('Code Value (0008,0100), e.g. "14799000"'),
  codingSchemeDesignator: printable(16).min(1).describe('Coding Scheme Designator (0008,0102), e.g. "SCT"'),
  codeMeaning: printable(64).min(1).describe('Code Meaning (0008,0104), e.g. "Neoplasm, Secondary"'),
});

const segmentSchema = z
  .strictObject({
    label: printable(64).min(1).describe('Segment Label (0062,0005)'),
    description: printable(1024).optional().describe('Segment Description (0062,0006)'),
    algorithmType: z.enum(segmentAlgorithmTypes).describe('Segment Algorithm Type (0062,0008)'),
    algorithmName: printable(64)
      .min(1)
      .optional()
      .describe('Segment Algorithm Name (0062,0009), required unless the type is MANUAL'),
    category: codedConceptSchema.describe('Segmented Property Category (CID 7150)'),
    type: codedConceptSchema.describe('Segmented Property Type (CID 7151 and related)'),
    mask: z
      .custom<ArrayLike<number>>((value) => ArrayBuffer.isView(value) || Array.isArray(value), 'a typed array or array')
      .describe('One value per voxel of the reference volume, in its layout (i fastest); non-zero is inside'),
  })
  .superRefine((segment, context) => {
    if (segment.algorithmType !== 'MANUAL' && segment.algorithmName === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['algorithmName'],
        message: 'required when the algorithm type is not MANUAL (PS3.3 C.8.20.4)',
      });
    }
  });

const sourceSchema = z.strictObject({
  sopClassUid: uid.describe('SOP Class UID of the source images'),
  patientName: printable(64).optional(),
  patientId: printable(64).optional(),
  patientBirthDate: z
    .string()
    .regex(/^\d{8}$/)
    .optional(),
  patientSex: z.enum(['M', 'F', 'O']).optional(),
  studyInstanceUid: uid,
  studyDate: z
    .string()
    .regex(/^\d{8}$/)
    .optional(),
  studyTime: z
    .string()
    .regex(/^\d{2,6}(\.\d{1,6})?$/)
    .optional(),
  studyId: printable(16).optional(),
  accessionNumber: printable(16).optional(),
  referringPhysicianName: printable(64).optional(),
  frameOfReferenceUid: uid.describe('Frame of Reference UID (0020,0052) of the source images'),
});

const instanceSchema = z.strictObject({
  seriesInstanceUid: uid.describe('Series Instance UID of the new segmentation series'),
  sopInstanceUid: uid.describe('SOP Instance UID of the segmentation'),
  seriesNumber: z.int().min(0).max(2147483647),
  instanceNumber: z.int().min(0).max(2147483647),
  seriesDescription: printable(64).optional(),
  contentLabel: z
    .string()
    .regex(/^[A-Z0-9_ ]{1,16}$/, 'a Code String: capitals, digits, space and underscore, at most 16')
    .describe('Content Label (0070,0080)'),
  contentDescription: printable(64).optional().describe('Content Description (0070,0081)'),
  contentCreatorName: printable(64).optional().describe("Content Creator's Name (0070,0084), PN"),
  contentDate: z
    .string()
    .regex(/^\d{8}$/, 'YYYYMMDD')
    .describe('Content Date (0008,0023)'),
  contentTime: z
    .string()
    .regex(/^\d{6}(\.\d{1,6})?$/, 'HHMMSS[.FFFFFF]')
    .describe('Content Time (0008,0033)'),
  equipment: z
    .strictObject({
      manufacturer: printable(64).min(1),
      modelName: printable(64).min(1),
      deviceSerialNumber: printable(64).min(1),
      softwareVersions: printable(64).min(1),
    })
    .describe('Enhanced General Equipment Module (PS3.3 C.7.5.2): all Type 1'),
});

const inputSchema = z.strictObject({
  source: sourceSchema.describe('Attributes copied from the source images (readSegmentationSource)'),
  instance: instanceSchema,
  segments: z.array(segmentSchema).min(1).max(65535),
});

export type SegmentToEncode = z.input<typeof segmentSchema>;
export type SegmentationInstanceAttributes = z.input<typeof instanceSchema>;

export interface SegmentationToEncode {
  /** The reference series as a volume: its grid, slices (SOP Instance UIDs, positions) and Series UID. */
  readonly volume: ImageVolume;
  readonly source: SegmentationSourceAttributes;
  readonly instance: SegmentationInstanceAttributes;
  /** Numbered 1, 2, ... in this order. */
  readonly segments: readonly SegmentToEncode[];
}

const ds = (value: number): string => formatDecimalString(value);

/**
 * The Dimension Index Sequence (PS3.3 C.7.6.17): the segment number (in the Segment Identification
 * Sequence) then the image position (in the Plane Position Sequence), the organisation highdicom and
 * dcmqi use for segmentations.
 */
function dimensionIndexSequence(organizationUid: string): DicomElement {
  const dimensions = [
    { pointer: tag(0x0062, 0x000b), group: tag(0x0062, 0x000a), label: 'Segment Number' },
    { pointer: tag(0x0020, 0x0032), group: tag(0x0020, 0x9113), label: 'Image Position Patient' },
  ];
  return {
    tag: tag(0x0020, 0x9222),
    vr: 'SQ',
    value: dimensions.map(({ pointer, group, label }): DicomElement[] => [
      { tag: tag(0x0020, 0x9164), vr: 'UI', value: organizationUid },
      { tag: tag(0x0020, 0x9165), vr: 'AT', value: [pointer] },
      { tag: tag(0x0020, 0x9167), vr: 'AT', value: [group] },
      { tag: tag(0x0020, 0x9421), vr: 'LO', value: label },
    ]),
  };
}

interface FrameToWrite {
  readonly segmentNumber: number;
  readonly sliceIndex: number;
  readonly pixels: Uint8Array;
}

/** Frames of one segment: every slice that holds a voxel of its mask, in slice order. */
function segmentFrames(mask: ArrayLike<number>, volume: ImageVolume, segmentNumber: number): FrameToWrite[] {
  const [columns, rows, slices] = volume.dimensions;
  const sliceSize = columns * rows;
  const frames: FrameToWrite[] = [];
  for (let k = 0; k < slices; k++) {
    let pixels: Uint8Array | undefined;
    const offset = k * sliceSize;
    for (let n = 0; n < sliceSize; n++) {
      if ((mask[offset + n] ?? 0) === 0) continue;
      pixels ??= new Uint8Array(sliceSize);
      pixels[n] = 1;
    }
    if (pixels !== undefined) frames.push({ segmentNumber, sliceIndex: k, pixels });
  }
  return frames;
}

/**
 * Encodes the segmentation as a Part 10 file. Throws `invalid_input` for invalid attributes (listed by
 * path), a mask whose length is not the volume's voxel count, or an empty segment (no voxel: nothing to
 * write, and a reader could not tell it from a lost one).
 */
export function encodeSegmentation(input: SegmentationToEncode): Uint8Array {
  const { volume } = input;
  const parsed = parseInput(
    inputSchema,
    { source: input.source, instance: input.instance, segments: input.segments },
    'segmentation',
  );
  const [columns, rows, slices] = volume.dimensions;
  const voxelCount = columns * rows * slices;
  if (volume.slices.length !== slices) {
    throw new BonemetError(
      'invalid_input',
      `the reference volume has ${volume.slices.length} slice datasets for ${slices} slices`,
      {
        issues: [{ path: ['volume', 'slices'], message: 'one source image per slice is needed to reference it' }],
      },
    );
  }
  const frames = parsed.segments.flatMap((segment, index) => {
    if (segment.mask.length !== voxelCount) {
      throw new BonemetError(
        'invalid_input',
        `segment ${index + 1} ("${segment.label}"): the mask holds ${segment.mask.length} values, the volume ${voxelCount} voxels (${volume.dimensions.join('×')})`,
        { issues: [{ path: ['segments', index, 'mask'], message: 'the mask must be on the reference volume grid' }] },
      );
    }
    const segmentFrameList = segmentFrames(segment.mask, volume, index + 1);
    if (segmentFrameList.length === 0) {
      throw new BonemetError('invalid_input', `segment ${index + 1} ("${segment.label}") is empty`, {
        issues: [{ path: ['segments', index, 'mask'], message: 'no voxel is inside: leave the segment out' }],
      });
    }
    return segmentFrameList;
  });

  const { source, instance } = parsed;
  const [rowDirection, columnDirection] = volume.directions;
  const [si, sj, sk] = volume.spacingMm;
  const sliceThicknessMm = volume.slices[0]?.sliceThicknessMm ?? sk;
  const positionOf = (k: number): readonly number[] =>
    volume.slices[k]?.imagePositionPatientMm ?? indexToPatientMm(volume, [0, 0, k]);
  const organizationUid = uidFromName(`${instance.sopInstanceUid}/dimension-organization`);

  const perFrame = frames.map((frame): DicomElement[] => [
    {
      tag: tag(0x0008, 0x9124),
      vr: 'SQ',
      value: [
        [
          {
            tag: tag(0x0008, 0x2112),
            vr: 'SQ',
            value: [
              [
                { tag: tag(0x0008, 0x1150), vr: 'UI', value: source.sopClassUid },
                { tag: tag(0x0008, 0x1155), vr: 'UI', value: volume.slices[frame.sliceIndex]?.sopInstanceUid ?? '' },
                // CID 7202 Source Image Purposes of Reference.
                {
                  tag: tag(0x0040, 0xa170),
                  vr: 'SQ',
                  value: [codeItem('121322', 'DCM', 'Source image for image processing operation')],
                },
              ],
            ],
          },
          // CID 7203 Image Derivation.
          { tag: tag(0x0008, 0x9215), vr: 'SQ', value: [codeItem('113076', 'DCM', 'Segmentation')] },
        ],
      ],
    },
    {
      tag: tag(0x0020, 0x9111),
      vr: 'SQ',
      value: [[{ tag: tag(0x0020, 0x9157), vr: 'UL', value: [frame.segmentNumber, frame.sliceIndex + 1] }]],
    },
    {
      tag: tag(0x0020, 0x9113),
      vr: 'SQ',
      value: [[{ tag: tag(0x0020, 0x0032), vr: 'DS', value: positionOf(frame.sliceIndex).map(ds) }]],
    },
    {
      tag: tag(0x0062, 0x000a),
      vr: 'SQ',
      value: [[{ tag: tag(0x0062, 0x000b), vr: 'US', value: [frame.segmentNumber] }]],
    },
  ]);

  const segmentItems = parsed.segments.map((segment, index): DicomElement[] => [
    {
      tag: tag(0x0062, 0x0003),
      vr: 'SQ',
      value: [
        codeItem(segment.category.codeValue, segment.category.codingSchemeDesignator, segment.category.codeMeaning),
      ],
    },
    { tag: tag(0x0062, 0x0004), vr: 'US', value: [index + 1] },
    { tag: tag(0x0062, 0x0005), vr: 'LO', value: segment.label },
    ...(segment.description === undefined
      ? []
      : [{ tag: tag(0x0062, 0x0006), vr: 'ST' as const, value: segment.description }]),
    { tag: tag(0x0062, 0x0008), vr: 'CS', value: segment.algorithmType },
    ...(segment.algorithmName === undefined
      ? []
      : [{ tag: tag(0x0062, 0x0009), vr: 'LO' as const, value: segment.algorithmName }]),
    {
      tag: tag(0x0062, 0x000f),
      vr: 'SQ',
      value: [codeItem(segment.type.codeValue, segment.type.codingSchemeDesignator, segment.type.codeMeaning)],
    },
  ]);

  const elements: DicomElement[] = [
    { tag: tag(0x0008, 0x0008), vr: 'CS', value: ['DERIVED', 'PRIMARY'] },
    { tag: tag(0x0008, 0x0016), vr: 'UI', value: segmentationStorageUid },
    { tag: tag(0x0008, 0x0018), vr: 'UI', value: instance.sopInstanceUid },
    { tag: tag(0x0008, 0x0020), vr: 'DA', value: source.studyDate ?? '' },
    { tag: tag(0x0008, 0x0023), vr: 'DA', value: instance.contentDate },
    { tag: tag(0x0008, 0x0030), vr: 'TM', value: source.studyTime ?? '' },
    { tag: tag(0x0008, 0x0033), vr: 'TM', value: instance.contentTime },
    { tag: tag(0x0008, 0x0050), vr: 'SH', value: source.accessionNumber ?? '' },
    { tag: tag(0x0008, 0x0060), vr: 'CS', value: 'SEG' },
    { tag: tag(0x0008, 0x0070), vr: 'LO', value: instance.equipment.manufacturer },
    { tag: tag(0x0008, 0x0090), vr: 'PN', value: source.referringPhysicianName ?? '' },
    ...(instance.seriesDescription === undefined
      ? []
      : [{ tag: tag(0x0008, 0x103e), vr: 'LO' as const, value: instance.seriesDescription }]),
    { tag: tag(0x0008, 0x1090), vr: 'LO', value: instance.equipment.modelName },
    // Common Instance Reference Module (PS3.3 C.12.2): the source series and all its instances.
    {
      tag: tag(0x0008, 0x1115),
      vr: 'SQ',
      value: [
        [
          {
            tag: tag(0x0008, 0x114a),
            vr: 'SQ',
            value: volume.slices.map((slice) => [
              { tag: tag(0x0008, 0x1150), vr: 'UI' as const, value: source.sopClassUid },
              { tag: tag(0x0008, 0x1155), vr: 'UI' as const, value: slice.sopInstanceUid },
            ]),
          },
          { tag: tag(0x0020, 0x000e), vr: 'UI', value: volume.seriesInstanceUid },
        ],
      ],
    },
    { tag: tag(0x0010, 0x0010), vr: 'PN', value: source.patientName ?? '' },
    { tag: tag(0x0010, 0x0020), vr: 'LO', value: source.patientId ?? '' },
    { tag: tag(0x0010, 0x0030), vr: 'DA', value: source.patientBirthDate ?? '' },
    { tag: tag(0x0010, 0x0040), vr: 'CS', value: source.patientSex ?? '' },
    { tag: tag(0x0018, 0x1000), vr: 'LO', value: instance.equipment.deviceSerialNumber },
    { tag: tag(0x0018, 0x1020), vr: 'LO', value: instance.equipment.softwareVersions },
    { tag: tag(0x0020, 0x000d), vr: 'UI', value: source.studyInstanceUid },
    { tag: tag(0x0020, 0x000e), vr: 'UI', value: instance.seriesInstanceUid },
    { tag: tag(0x0020, 0x0010), vr: 'SH', value: source.studyId ?? '' },
    { tag: tag(0x0020, 0x0011), vr: 'IS', value: formatIntegerString(instance.seriesNumber) },
    { tag: tag(0x0020, 0x0013), vr: 'IS', value: formatIntegerString(instance.instanceNumber) },
    { tag: tag(0x0020, 0x0052), vr: 'UI', value: source.frameOfReferenceUid },
    { tag: tag(0x0020, 0x1040), vr: 'LO', value: '' },
    { tag: tag(0x0020, 0x9221), vr: 'SQ', value: [[{ tag: tag(0x0020, 0x9164), vr: 'UI', value: organizationUid }]] },
    dimensionIndexSequence(organizationUid),
    { tag: tag(0x0028, 0x0002), vr: 'US', value: [1] },
    { tag: tag(0x0028, 0x0004), vr: 'CS', value: 'MONOCHROME2' },
    { tag: tag(0x0028, 0x0008), vr: 'IS', value: formatIntegerString(frames.length) },
    { tag: tag(0x0028, 0x0010), vr: 'US', value: [rows] },
    { tag: tag(0x0028, 0x0011), vr: 'US', value: [columns] },
    // BINARY: 1 bit allocated and stored (PS3.3 C.8.20.2).
    { tag: tag(0x0028, 0x0100), vr: 'US', value: [1] },
    { tag: tag(0x0028, 0x0101), vr: 'US', value: [1] },
    { tag: tag(0x0028, 0x0102), vr: 'US', value: [0] },
    { tag: tag(0x0028, 0x0103), vr: 'US', value: [0] },
    { tag: tag(0x0028, 0x2110), vr: 'CS', value: '00' },
    { tag: tag(0x0062, 0x0001), vr: 'CS', value: 'BINARY' },
    { tag: tag(0x0062, 0x0002), vr: 'SQ', value: segmentItems },
    { tag: tag(0x0070, 0x0080), vr: 'CS', value: instance.contentLabel },
    { tag: tag(0x0070, 0x0081), vr: 'LO', value: instance.contentDescription ?? '' },
    { tag: tag(0x0070, 0x0084), vr: 'PN', value: instance.contentCreatorName ?? '' },
    {
      tag: tag(0x5200, 0x9229),
      vr: 'SQ',
      value: [
        [
          {
            tag: tag(0x0020, 0x9116),
            vr: 'SQ',
            value: [[{ tag: tag(0x0020, 0x0037), vr: 'DS', value: [...rowDirection, ...columnDirection].map(ds) }]],
          },
          {
            tag: tag(0x0028, 0x9110),
            vr: 'SQ',
            value: [
              [
                { tag: tag(0x0018, 0x0050), vr: 'DS', value: ds(sliceThicknessMm) },
                // Pixel Spacing is [between rows (along j), between columns (along i)] (PS3.3 C.7.6.2.1.1).
                { tag: tag(0x0028, 0x0030), vr: 'DS', value: [ds(sj), ds(si)] },
              ],
            ],
          },
        ],
      ],
    },
    { tag: tag(0x5200, 0x9230), vr: 'SQ', value: perFrame },
    {
      tag: tag(0x7fe0, 0x0010),
      vr: 'OB',
      value: packBinaryFrames(
        frames.map((frame) => frame.pixels),
        columns * rows,
      ),
    },
  ];
  return encodePart10File(segmentationStorageUid, instance.sopInstanceUid, elements);
}
