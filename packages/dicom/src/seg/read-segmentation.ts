/**
 * Reads a DICOM Segmentation Storage object (PS3.3 A.51) into a `Segmentation`: the segment list, and per
 * frame its segment number, plane position and orientation, pixel spacing, source images and pixels.
 * BINARY (1 bit, frames packed continuously) and FRACTIONAL (8 bit) are read; LABELMAP and encapsulated
 * (compressed) pixel data are refused by name.
 */
import { BonemetError } from '@bonemet/core';
import type { DataSet } from 'dicom-parser';
import { supportedTransferSyntaxes, requireSupportedTransferSyntax } from '../transfer-syntax.js';
import type { Vector3 } from '../volume.js';
import { packedByteLength, unpackBinaryFrame } from './frame-bits.js';
import { parsePart10 } from './parse-part10.js';
import {
  labelMapSegmentationStorageUid,
  segmentAlgorithmTypes,
  segmentationStorageUid,
  type CodedConcept,
  type ReferencedSeries,
  type SegmentAlgorithmType,
  type SegmentDescription,
  type Segmentation,
  type SegmentationFrame,
} from './segmentation.js';

type Path = readonly (string | number)[];

function fail(
  code: 'malformed_input' | 'missing_data' | 'invalid_input' | 'unsupported',
  source: string,
  message: string,
  path: Path,
  hint?: string,
): BonemetError {
  return new BonemetError(code, `${source}: ${message}`, {
    issues: [{ path, message, ...(hint === undefined ? {} : { hint }) }],
  });
}

function text(ds: DataSet, tag: string): string | undefined {
  if (ds.elements[tag] === undefined) return undefined;
  const value = ds.string(tag);
  return value === undefined || value.trim() === '' ? undefined : value.replace(/\0/g, '').trim();
}

/** A US value; files written in Implicit VR carry no VR, and US is the dictionary VR of every tag read here. */
function unsigned16(ds: DataSet, tag: string): number | undefined {
  const element = ds.elements[tag];
  if (element === undefined || element.length < 2) return undefined;
  return ds.uint16(tag);
}

function decimals(ds: DataSet, tag: string, count: number, source: string, path: Path): number[] | undefined {
  const value = text(ds, tag);
  if (value === undefined) return undefined;
  const parts = value.split('\\').map((part) => Number(part.trim()));
  if (parts.length !== count || parts.some((n) => !Number.isFinite(n))) {
    throw fail('invalid_input', source, `"${value}" is not ${count} numbers`, path);
  }
  return parts;
}

function items(ds: DataSet | undefined, tag: string): DataSet[] {
  return (ds?.elements[tag]?.items ?? []).flatMap((item) => (item.dataSet === undefined ? [] : [item.dataSet]));
}

/** The first item of a functional group sequence in the per-frame item, else in the shared item. */
function functionalGroup(perFrame: DataSet | undefined, shared: DataSet | undefined, tag: string): DataSet | undefined {
  return items(perFrame, tag)[0] ?? items(shared, tag)[0];
}

function code(ds: DataSet | undefined, source: string, path: Path): CodedConcept {
  const item = ds;
  const value = item === undefined ? undefined : (text(item, 'x00080100') ?? text(item, 'x00080119'));
  const scheme = item === undefined ? undefined : text(item, 'x00080102');
  const meaning = item === undefined ? undefined : text(item, 'x00080104');
  if (value === undefined || scheme === undefined || meaning === undefined) {
    throw fail('missing_data', source, 'a coded concept lacks Code Value, Coding Scheme Designator or Meaning', path);
  }
  return { codeValue: value, codingSchemeDesignator: scheme, codeMeaning: meaning };
}

function readSegments(ds: DataSet, source: string): SegmentDescription[] {
  const segments = items(ds, 'x00620002');
  if (segments.length === 0) {
    throw fail('missing_data', source, 'Segment Sequence (0062,0002) is missing or empty', ['SegmentSequence']);
  }
  const numbers = new Set<number>();
  return segments.map((item, index): SegmentDescription => {
    const path = ['SegmentSequence', index];
    const segmentNumber = unsigned16(item, 'x00620004');
    if (segmentNumber === undefined || segmentNumber < 1) {
      throw fail('missing_data', source, `segment item ${index + 1} has no Segment Number (0062,0004)`, [
        ...path,
        'SegmentNumber',
      ]);
    }
    if (numbers.has(segmentNumber)) {
      throw fail('invalid_input', source, `Segment Number ${segmentNumber} appears twice`, [...path, 'SegmentNumber']);
    }
    numbers.add(segmentNumber);
    const algorithmText = text(item, 'x00620008')?.toUpperCase();
    const algorithmType = segmentAlgorithmTypes.find((type) => type === algorithmText);
    if (algorithmType === undefined) {
      throw fail(
        'invalid_input',
        source,
        `segment ${segmentNumber}: Segment Algorithm Type "${algorithmText ?? ''}" is not AUTOMATIC, SEMIAUTOMATIC or MANUAL`,
        [...path, 'SegmentAlgorithmType'],
      );
    }
    const segment: { -readonly [K in keyof SegmentDescription]: SegmentDescription[K] } = {
      segmentNumber,
      label: text(item, 'x00620005') ?? '',
      algorithmType: algorithmType satisfies SegmentAlgorithmType,
      category: code(items(item, 'x00620003')[0], source, [...path, 'SegmentedPropertyCategoryCodeSequence']),
      type: code(items(item, 'x0062000f')[0], source, [...path, 'SegmentedPropertyTypeCodeSequence']),
    };
    const description = text(item, 'x00620006');
    if (description !== undefined) segment.description = description;
    const algorithmName = text(item, 'x00620009');
    if (algorithmName !== undefined) segment.algorithmName = algorithmName;
    const trackingId = text(item, 'x00620020');
    if (trackingId !== undefined) segment.trackingId = trackingId;
    const trackingUid = text(item, 'x00620021');
    if (trackingUid !== undefined) segment.trackingUid = trackingUid;
    return segment;
  });
}

function readReferencedSeries(ds: DataSet): ReferencedSeries[] {
  return items(ds, 'x00081115').flatMap((item): ReferencedSeries[] => {
    const seriesInstanceUid = text(item, 'x0020000e');
    if (seriesInstanceUid === undefined) return [];
    const sopInstanceUids = items(item, 'x0008114a').flatMap((instance) => {
      const uid = text(instance, 'x00081155');
      return uid === undefined ? [] : [uid];
    });
    return [{ seriesInstanceUid, sopInstanceUids }];
  });
}

/**
 * Reads a segmentation from Part 10 bytes or from a data set already parsed by dicom-parser. `source`
 * names it in errors. Throws `BonemetError`: `malformed_input` (not Part 10, truncated), `invalid_input`
 * (not a segmentation, inconsistent values), `missing_data` (a required attribute is absent),
 * `unsupported` (LABELMAP, compressed or big-endian pixel data, frames without plane position).
 */
export function readSegmentation(input: Uint8Array | DataSet, source = '(segmentation)'): Segmentation {
  const ds = input instanceof Uint8Array ? parsePart10(input, source) : input;
  const sopClassUid = text(ds, 'x00080016') ?? text(ds, 'x00020002');
  if (sopClassUid === labelMapSegmentationStorageUid) {
    throw fail(
      'unsupported',
      source,
      `Label Map Segmentation Storage (${labelMapSegmentationStorageUid}) is not read by this version`,
      ['SOPClassUID'],
      'export the segmentation as BINARY Segmentation Storage (1.2.840.10008.5.1.4.1.1.66.4)',
    );
  }
  if (sopClassUid !== segmentationStorageUid) {
    throw fail(
      'invalid_input',
      source,
      `not a DICOM Segmentation: SOP Class UID is ${sopClassUid ?? '(missing)'}, ${segmentationStorageUid} expected`,
      ['SOPClassUID'],
    );
  }
  const transferSyntax = text(ds, 'x00020010') ?? '1.2.840.10008.1.2';
  const syntax = requireSupportedTransferSyntax(transferSyntax, source);
  const syntaxFacts = supportedTransferSyntaxes[syntax];
  if (syntaxFacts.encapsulated || !syntaxFacts.littleEndian) {
    throw fail(
      'unsupported',
      source,
      `segmentation pixel data in ${syntaxFacts.name} is not read by this version`,
      ['TransferSyntaxUID'],
      'convert it to Explicit VR Little Endian first (DCMTK: dcmconv +te)',
    );
  }
  const sopInstanceUid = text(ds, 'x00080018');
  const seriesInstanceUid = text(ds, 'x0020000e');
  if (sopInstanceUid === undefined)
    throw fail('missing_data', source, 'SOP Instance UID is missing', ['SOPInstanceUID']);
  if (seriesInstanceUid === undefined) {
    throw fail('missing_data', source, 'Series Instance UID is missing', ['SeriesInstanceUID']);
  }
  const typeText = text(ds, 'x00620001')?.toUpperCase();
  if (typeText === 'LABELMAP') {
    throw fail('unsupported', source, 'Segmentation Type LABELMAP is not read by this version', ['SegmentationType']);
  }
  if (typeText !== 'BINARY' && typeText !== 'FRACTIONAL') {
    throw fail('invalid_input', source, `Segmentation Type "${typeText ?? ''}" is not BINARY or FRACTIONAL`, [
      'SegmentationType',
    ]);
  }
  const rows = unsigned16(ds, 'x00280010');
  const columns = unsigned16(ds, 'x00280011');
  const bitsAllocated = unsigned16(ds, 'x00280100');
  const frameCountText = text(ds, 'x00280008');
  if (rows === undefined || columns === undefined || rows === 0 || columns === 0) {
    throw fail('missing_data', source, 'Rows and Columns must be present and non-zero', ['Rows']);
  }
  const frameCount = frameCountText === undefined ? 1 : Number(frameCountText);
  if (!Number.isInteger(frameCount) || frameCount < 1) {
    throw fail('invalid_input', source, `Number of Frames "${frameCountText ?? ''}" is not a positive integer`, [
      'NumberOfFrames',
    ]);
  }
  const expectedBits = typeText === 'BINARY' ? 1 : 8;
  if (bitsAllocated !== expectedBits) {
    throw fail(
      'invalid_input',
      source,
      `Bits Allocated ${bitsAllocated ?? '(missing)'} for a ${typeText} segmentation, ${expectedBits} expected (PS3.3 C.8.20.2)`,
      ['BitsAllocated'],
    );
  }
  let fractional: Pick<Segmentation, 'fractionalType' | 'maximumFractionalValue'> = {};
  if (typeText === 'FRACTIONAL') {
    const fractionalType = text(ds, 'x00620010')?.toUpperCase();
    const maximum = unsigned16(ds, 'x0062000e');
    if (fractionalType !== 'PROBABILITY' && fractionalType !== 'OCCUPANCY') {
      throw fail(
        'invalid_input',
        source,
        `Segmentation Fractional Type "${fractionalType ?? ''}" is not PROBABILITY or OCCUPANCY`,
        ['SegmentationFractionalType'],
      );
    }
    if (maximum === undefined || maximum < 1 || maximum > 255) {
      throw fail('invalid_input', source, `Maximum Fractional Value ${maximum ?? '(missing)'} is not 1 to 255`, [
        'MaximumFractionalValue',
      ]);
    }
    fractional = { fractionalType, maximumFractionalValue: maximum };
  }

  const segments = readSegments(ds, source);
  const pixelElement = ds.elements.x7fe00010;
  if (pixelElement === undefined) throw fail('missing_data', source, 'Pixel Data is missing', ['PixelData']);
  if (pixelElement.encapsulatedPixelData === true) {
    throw fail('unsupported', source, 'encapsulated (compressed) segmentation pixel data is not read', ['PixelData']);
  }
  const frameSize = rows * columns;
  const neededBytes = typeText === 'BINARY' ? packedByteLength(frameSize * frameCount) : frameSize * frameCount;
  if (pixelElement.length < neededBytes || pixelElement.dataOffset + neededBytes > ds.byteArray.length) {
    throw fail(
      'malformed_input',
      source,
      `Pixel Data holds ${Math.min(pixelElement.length, ds.byteArray.length - pixelElement.dataOffset)} bytes, ${neededBytes} expected for ${frameCount} frames of ${rows}×${columns}`,
      ['PixelData'],
    );
  }
  const pixelBytes = ds.byteArray.subarray(pixelElement.dataOffset, pixelElement.dataOffset + neededBytes);

  const shared = items(ds, 'x52009229')[0];
  const perFrame = items(ds, 'x52009230');
  if (perFrame.length !== 0 && perFrame.length !== frameCount) {
    throw fail(
      'invalid_input',
      source,
      `Per-frame Functional Groups Sequence holds ${perFrame.length} items for ${frameCount} frames`,
      ['PerFrameFunctionalGroupsSequence'],
    );
  }
  const knownSegments = new Set(segments.map((segment) => segment.segmentNumber));
  const frames = Array.from({ length: frameCount }, (_, index): SegmentationFrame => {
    const item = perFrame[index];
    const path = ['PerFrameFunctionalGroupsSequence', index];
    const segmentNumber = (() => {
      const identification = functionalGroup(item, shared, 'x0062000a');
      return identification === undefined ? undefined : unsigned16(identification, 'x0062000b');
    })();
    if (segmentNumber === undefined || !knownSegments.has(segmentNumber)) {
      throw fail(
        'invalid_input',
        source,
        `frame ${index + 1}: Referenced Segment Number ${segmentNumber ?? '(missing)'} is not in the Segment Sequence`,
        [...path, 'SegmentIdentificationSequence', 'ReferencedSegmentNumber'],
      );
    }
    const position = (() => {
      const group = functionalGroup(item, shared, 'x00209113');
      return group === undefined
        ? undefined
        : decimals(group, 'x00200032', 3, source, [...path, 'PlanePositionSequence', 'ImagePositionPatient']);
    })();
    const orientation = (() => {
      const group = functionalGroup(item, shared, 'x00209116');
      return group === undefined
        ? undefined
        : decimals(group, 'x00200037', 6, source, [...path, 'PlaneOrientationSequence', 'ImageOrientationPatient']);
    })();
    const spacing = (() => {
      const group = functionalGroup(item, shared, 'x00289110');
      return group === undefined
        ? undefined
        : decimals(group, 'x00280030', 2, source, [...path, 'PixelMeasuresSequence', 'PixelSpacing']);
    })();
    if (position === undefined || orientation === undefined || spacing === undefined) {
      const absent = [
        position === undefined ? 'Plane Position (Patient)' : undefined,
        orientation === undefined ? 'Plane Orientation (Patient)' : undefined,
        spacing === undefined ? 'Pixel Measures' : undefined,
      ].filter((name) => name !== undefined);
      throw fail(
        'unsupported',
        source,
        `frame ${index + 1} has no ${absent.join(', ')}: only segmentations in patient space (Frame of Reference) are placed on images`,
        path,
      );
    }
    const sourceSopInstanceUids = items(item, 'x00089124').flatMap((derivation) =>
      items(derivation, 'x00082112').flatMap((sourceImage) => {
        const uid = text(sourceImage, 'x00081155');
        return uid === undefined ? [] : [uid];
      }),
    );
    const pixels =
      typeText === 'BINARY'
        ? unpackBinaryFrame(pixelBytes, index, frameSize)
        : pixelBytes.slice(index * frameSize, (index + 1) * frameSize);
    const [x = 0, y = 0, z = 0] = position;
    const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0] = orientation;
    const imagePositionPatientMm: Vector3 = [x, y, z];
    return {
      frameNumber: index + 1,
      segmentNumber,
      imagePositionPatientMm,
      imageOrientationPatient: [a, b, c, d, e, f],
      pixelSpacingMm: [spacing[0] ?? 0, spacing[1] ?? 0],
      sourceSopInstanceUids,
      pixels,
    };
  });

  const frameOfReferenceUid = text(ds, 'x00200052');
  return {
    source,
    sopInstanceUid,
    seriesInstanceUid,
    ...(frameOfReferenceUid === undefined ? {} : { frameOfReferenceUid }),
    segmentationType: typeText,
    ...fractional,
    rows,
    columns,
    segments,
    frames,
    referencedSeries: readReferencedSeries(ds),
  };
}
