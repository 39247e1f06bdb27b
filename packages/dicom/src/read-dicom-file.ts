/**
 * Reads one DICOM Part 10 file (PS3.10) into a `DicomImageDataset`. Parsing of the element stream is done
 * by `dicom-parser`; this module checks the file is Part 10, refuses transfer syntaxes it cannot decode,
 * checks the attributes an image needs, and decodes native or compressed pixel data into a typed array.
 */
import { BonemetError } from '@bonemet/core';
import dicomParser from 'dicom-parser';
import type { DataSet, Element } from 'dicom-parser';
import { decodeCompressedFrame, type DecodedSamples } from './codecs/decode-frame.js';
import type { DicomImageDataset, PetAttributes, RadiopharmaceuticalInfo, StoredPixels } from './dataset.js';
import { binaryNumber, fixedLength, numbers, oneNumber, text } from './dataset-values.js';
import { parseDataSet } from './parse-data-set.js';
import { classicPetView, frameDataSets, multiFrameSopClassesRead, requireSingleVolume } from './enhanced-frames.js';
import { nmImageStorageSopClassUid, withNmFrames } from './nm-frames.js';
import {
  requireSupportedTransferSyntax,
  supportedTransferSyntaxes,
  type SupportedTransferSyntaxUid,
} from './transfer-syntax.js';

const preambleBytes = 128;

/** Issue path of the `unsupported` error for a DICOM object that holds no image (RTSTRUCT, SR, ...). */
export const notAnImagePath = 'PixelData';

/** Whether `error` is readDicomFile's refusal of a DICOM object that holds no image (SR, RTSTRUCT, ...). */
export function isNotAnImageError(error: unknown): boolean {
  return error instanceof BonemetError && error.code === 'unsupported' && error.issues[0]?.path[0] === notAnImagePath;
}

function malformed(source: string, message: string, cause?: unknown): BonemetError {
  return new BonemetError('malformed_input', `${source}: ${message}`, {
    issues: [{ path: [], message, hint: 'check that the file is a complete DICOM Part 10 file' }],
    cause,
  });
}

function missing(source: string, keyword: string, tag: string): BonemetError {
  return new BonemetError('missing_data', `${source}: required attribute ${keyword} ${tag} is missing`, {
    issues: [{ path: [keyword], message: `required attribute ${keyword} ${tag} is missing or empty` }],
  });
}

/** True when the bytes carry the Part 10 preamble and "DICM" prefix. */
export function isDicomPart10(bytes: Uint8Array): boolean {
  return (
    bytes.length >= preambleBytes + 4 &&
    bytes[preambleBytes] === 0x44 &&
    bytes[preambleBytes + 1] === 0x49 &&
    bytes[preambleBytes + 2] === 0x43 &&
    bytes[preambleBytes + 3] === 0x4d
  );
}

function readRadiopharmaceuticals(ds: DataSet, source: string): RadiopharmaceuticalInfo[] {
  const items = ds.elements.x00540016?.items ?? [];
  return items.flatMap((item): RadiopharmaceuticalInfo[] => {
    const itemSet = item.dataSet;
    if (itemSet === undefined) return [];
    const info: {
      -readonly [K in keyof RadiopharmaceuticalInfo]: RadiopharmaceuticalInfo[K];
    } = {};
    const name = text(itemSet, 'x00180031');
    if (name !== undefined) info.radiopharmaceutical = name;
    const dose = oneNumber(itemSet, 'x00181074', 'RadionuclideTotalDose', source);
    if (dose !== undefined) info.radionuclideTotalDoseBq = dose;
    const halfLife = oneNumber(itemSet, 'x00181075', 'RadionuclideHalfLife', source);
    if (halfLife !== undefined) info.radionuclideHalfLifeS = halfLife;
    const startTime = text(itemSet, 'x00181072');
    if (startTime !== undefined) info.radiopharmaceuticalStartTime = startTime;
    const startDateTime = text(itemSet, 'x00181078');
    if (startDateTime !== undefined) info.radiopharmaceuticalStartDateTime = startDateTime;
    return [info];
  });
}

/**
 * A private element is used only when its block's private creator is the expected one, or when no
 * creator is recorded at all (anonymised exports and the IBSI reference objects drop it); a different
 * creator means the element belongs to another vendor and is ignored.
 */
function privateCreatorAllows(ds: DataSet, creatorTag: string, expected: RegExp): boolean {
  const creator = text(ds, creatorTag);
  return creator === undefined || expected.test(creator);
}

function readPet(ds: DataSet, source: string): PetAttributes {
  const pet: { -readonly [K in keyof PetAttributes]: PetAttributes[K] } = {
    radiopharmaceuticals: readRadiopharmaceuticals(ds, source),
  };
  const units = text(ds, 'x00541001');
  if (units !== undefined) pet.units = units.toUpperCase();
  const decayCorrection = text(ds, 'x00541102');
  if (decayCorrection !== undefined) pet.decayCorrection = decayCorrection.toUpperCase();
  const corrected = text(ds, 'x00280051');
  if (corrected !== undefined) pet.correctedImage = corrected.split('\\').map((v) => v.trim().toUpperCase());
  const suvType = text(ds, 'x00541006');
  if (suvType !== undefined) pet.suvType = suvType.toUpperCase();
  const frameReference = oneNumber(ds, 'x00541300', 'FrameReferenceTime', source);
  if (frameReference !== undefined) pet.frameReferenceTimeMs = frameReference;
  const frameDuration = oneNumber(ds, 'x00181242', 'ActualFrameDuration', source);
  if (frameDuration !== undefined) pet.actualFrameDurationMs = frameDuration;
  // Philips private group 7053, creator "Philips PET Private Group" (Philips Ingenuity conformance statement).
  if (privateCreatorAllows(ds, 'x70530010', /philips/i)) {
    const suvScale = oneNumber(ds, 'x70531000', 'PhilipsSUVScaleFactor', source);
    if (suvScale !== undefined) pet.philipsSuvScaleFactor = suvScale;
    const activityScale = oneNumber(ds, 'x70531009', 'PhilipsActivityConcentrationScaleFactor', source);
    if (activityScale !== undefined) pet.philipsActivityConcentrationScaleFactor = activityScale;
  }
  // GE private (0009,100D) scan datetime, creator "GEMS_PETD_01" (QIBA vendor-neutral SUV pseudo-code).
  if (privateCreatorAllows(ds, 'x00090010', /^GEMS_PETD_01$/i)) {
    const geScan = text(ds, 'x0009100d');
    if (geScan !== undefined) pet.geScanDateTime = geScan;
  }
  return pet;
}

function decodePixels(
  bytes: Uint8Array,
  offset: number,
  count: number,
  bitsAllocated: number,
  bitsStored: number,
  signed: boolean,
  littleEndian: boolean,
  adoptBytes: boolean,
): StoredPixels {
  const byteLength = (count * bitsAllocated) / 8;
  if (littleEndian === hostIsLittleEndian) {
    const start = bytes.byteOffset + offset;
    if (adoptBytes && start % (bitsAllocated / 8) === 0) {
      // The caller hands the bytes over: the values are read in place, without a copy.
      const out = typedArrayOver(bytes.buffer, bitsAllocated, signed, start, count);
      keepStoredBits(out, bitsAllocated, bitsStored, signed);
      return out;
    }
    // Same byte order as the host: one copy of the bytes (as fast as memcpy) instead of a read per value.
    // The Uint8Array constructor copies (a Node.js Buffer's `slice` would be a view on a shared pool).
    const copy = new Uint8Array(bytes.subarray(offset, offset + byteLength));
    const out = typedArrayOver(copy.buffer, bitsAllocated, signed, 0, count);
    keepStoredBits(out, bitsAllocated, bitsStored, signed);
    return out;
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset + offset, byteLength);
  let out: StoredPixels;
  if (bitsAllocated === 8) {
    out = signed ? new Int8Array(count) : new Uint8Array(count);
    for (let i = 0; i < count; i++) out[i] = signed ? view.getInt8(i) : view.getUint8(i);
  } else if (bitsAllocated === 16) {
    out = signed ? new Int16Array(count) : new Uint16Array(count);
    if (signed) for (let i = 0; i < count; i++) out[i] = view.getInt16(2 * i, littleEndian);
    else for (let i = 0; i < count; i++) out[i] = view.getUint16(2 * i, littleEndian);
  } else {
    out = signed ? new Int32Array(count) : new Uint32Array(count);
    if (signed) for (let i = 0; i < count; i++) out[i] = view.getInt32(4 * i, littleEndian);
    else for (let i = 0; i < count; i++) out[i] = view.getUint32(4 * i, littleEndian);
  }
  keepStoredBits(out, bitsAllocated, bitsStored, signed);
  return out;
}

const hostIsLittleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** `count` values of the width BitsAllocated and the sign of PixelRepresentation over `buffer` from `byteOffset`. */
function typedArrayOver(
  buffer: ArrayBufferLike,
  bitsAllocated: number,
  signed: boolean,
  byteOffset: number,
  count: number,
): StoredPixels {
  if (bitsAllocated === 8) {
    return signed ? new Int8Array(buffer, byteOffset, count) : new Uint8Array(buffer, byteOffset, count);
  }
  if (bitsAllocated === 16) {
    return signed ? new Int16Array(buffer, byteOffset, count) : new Uint16Array(buffer, byteOffset, count);
  }
  return signed ? new Int32Array(buffer, byteOffset, count) : new Uint32Array(buffer, byteOffset, count);
}

/** Only the low BitsStored bits carry the value (PS3.5 8.1.1); sign-extend from the top stored bit. */
function keepStoredBits(out: StoredPixels, bitsAllocated: number, bitsStored: number, signed: boolean): void {
  if (bitsStored >= bitsAllocated) return;
  const shift = 32 - bitsStored;
  for (let i = 0; i < out.length; i++) {
    const raw = out[i] ?? 0;
    out[i] = signed ? (raw << shift) >> shift : (raw << shift) >>> shift;
  }
}

/**
 * Stored pixels from decoded samples: a codec may return unsigned bit patterns for signed data or a
 * narrower type than BitsAllocated; typed-array assignment wraps to the allocated width, then the stored
 * bits are kept and sign-extended as for native data.
 */
function storedFromSamples(
  samples: DecodedSamples,
  count: number,
  bitsAllocated: number,
  bitsStored: number,
  signed: boolean,
): StoredPixels {
  const out = allocateStored(count, bitsAllocated, signed);
  out.set(samples);
  keepStoredBits(out, bitsAllocated, bitsStored, signed);
  return out;
}

/** A typed array of the width BitsAllocated and the sign of PixelRepresentation. */
function allocateStored(count: number, bitsAllocated: number, signed: boolean): StoredPixels {
  if (bitsAllocated === 8) return signed ? new Int8Array(count) : new Uint8Array(count);
  if (bitsAllocated === 16) return signed ? new Int16Array(count) : new Uint16Array(count);
  return signed ? new Int32Array(count) : new Uint32Array(count);
}

/**
 * The bytes of frame `index` of encapsulated pixel data (PS3.5 A.4): all fragments for a single frame; with
 * several frames, the Basic Offset Table when present, else one fragment per frame.
 */
function encapsulatedFrameBytes(
  ds: DataSet,
  element: Element,
  index: number,
  frameCount: number,
  source: string,
): Uint8Array {
  const fragments = element.fragments ?? [];
  if (element.encapsulatedPixelData !== true || fragments.length === 0) {
    throw malformed(source, 'the transfer syntax is compressed but Pixel Data holds no encapsulated fragments');
  }
  const offsets = element.basicOffsetTable ?? [];
  if (frameCount > 1 && offsets.length !== frameCount && fragments.length !== frameCount) {
    throw new BonemetError(
      'unsupported',
      `${source}: ${fragments.length} fragments for ${frameCount} frames and no Basic Offset Table: the frames cannot be told apart`,
      { issues: [{ path: ['PixelData'], message: 'no Basic Offset Table and not one fragment per frame' }] },
    );
  }
  try {
    if (frameCount === 1) return dicomParser.readEncapsulatedPixelDataFromFragments(ds, element, 0, fragments.length);
    if (offsets.length === frameCount)
      return dicomParser.readEncapsulatedImageFrame(ds, element, index, offsets, fragments);
    return dicomParser.readEncapsulatedPixelDataFromFragments(ds, element, index, 1);
  } catch (cause) {
    throw malformed(source, 'the encapsulated pixel data fragments are truncated or malformed', cause);
  }
}

/** What decoding the pixel data needs from the data set. */
interface PixelLayout {
  readonly rows: number;
  readonly columns: number;
  readonly bitsAllocated: number;
  readonly bitsStored: number;
  readonly pixelRepresentation: number;
  readonly frameCount: number;
}

/** Stored values of every frame, one frame after another, `rows * columns` values each. */
function readStoredPixels(
  ds: DataSet,
  syntax: SupportedTransferSyntaxUid,
  layout: PixelLayout,
  source: string,
  adoptBytes: boolean,
): StoredPixels {
  const { rows, columns, bitsAllocated, bitsStored, frameCount } = layout;
  const pixelElement = ds.elements.x7fe00010;
  if (pixelElement === undefined) throw missing(source, 'PixelData', '(7FE0,0010)');
  const count = rows * columns;
  const signed = layout.pixelRepresentation === 1;
  if (supportedTransferSyntaxes[syntax].encapsulated) {
    const frames = Array.from({ length: frameCount }, (_, index) => {
      const frameSource = frameCount === 1 ? source : `${source} frame ${index + 1}`;
      const frame = encapsulatedFrameBytes(ds, pixelElement, index, frameCount, frameSource);
      const samples = decodeCompressedFrame(frame, {
        rows,
        columns,
        bitsAllocated,
        source: frameSource,
        transferSyntaxUid: syntax,
      });
      if (samples.length < count) {
        throw malformed(frameSource, `the compressed frame decodes to ${samples.length} samples, ${count} expected`);
      }
      return samples.subarray(0, count);
    });
    if (frames.length === 1 && frames[0] !== undefined) {
      return storedFromSamples(frames[0], count, bitsAllocated, bitsStored, signed);
    }
    const whole = allocateStored(count * frameCount, bitsAllocated, signed);
    frames.forEach((samples, index) => {
      whole.set(storedFromSamples(samples, count, bitsAllocated, bitsStored, signed), index * count);
    });
    return whole;
  }
  const total = count * frameCount;
  const expectedBytes = (total * bitsAllocated) / 8;
  if (pixelElement.dataOffset + Math.min(pixelElement.length, expectedBytes) > ds.byteArray.length) {
    throw malformed(source, 'the pixel data is truncated (the file ends inside Pixel Data)');
  }
  if (pixelElement.length < expectedBytes) {
    throw malformed(source, `Pixel Data holds ${pixelElement.length} bytes, ${expectedBytes} expected`);
  }
  return decodePixels(
    ds.byteArray,
    pixelElement.dataOffset,
    total,
    bitsAllocated,
    bitsStored,
    signed,
    supportedTransferSyntaxes[syntax].littleEndian,
    adoptBytes,
  );
}

/** The attributes of one image (or one frame, from its resolved data set) around its stored pixels. */
function imageDataset(
  ds: DataSet,
  source: string,
  base: Pick<
    DicomImageDataset,
    | 'transferSyntaxUid'
    | 'modality'
    | 'sopInstanceUid'
    | 'seriesInstanceUid'
    | 'rows'
    | 'columns'
    | 'bitsAllocated'
    | 'bitsStored'
    | 'pixelRepresentation'
  >,
  storedPixels: StoredPixels,
): DicomImageDataset {
  const slope = oneNumber(ds, 'x00281053', 'RescaleSlope', source);
  const intercept = oneNumber(ds, 'x00281052', 'RescaleIntercept', source);
  const dataset: { -readonly [K in keyof DicomImageDataset]: DicomImageDataset[K] } = {
    source,
    ...base,
    rescaleSlope: slope ?? 1,
    rescaleIntercept: intercept ?? 0,
    hasRescale: slope !== undefined,
    storedPixels,
  };
  const description = text(ds, 'x0008103e');
  if (description !== undefined) dataset.seriesDescription = description;
  const position = fixedLength(numbers(ds, 'x00200032', 'ImagePositionPatient', source), 3);
  if (position !== undefined) dataset.imagePositionPatientMm = [position[0] ?? 0, position[1] ?? 0, position[2] ?? 0];
  const orientation = fixedLength(numbers(ds, 'x00200037', 'ImageOrientationPatient', source), 6);
  if (orientation !== undefined) {
    const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0] = orientation;
    dataset.imageOrientationPatient = [a, b, c, d, e, f];
  }
  const spacing = fixedLength(numbers(ds, 'x00280030', 'PixelSpacing', source), 2);
  if (spacing !== undefined) dataset.pixelSpacingMm = [spacing[0] ?? 0, spacing[1] ?? 0];
  const thickness = oneNumber(ds, 'x00180050', 'SliceThickness', source);
  if (thickness !== undefined) dataset.sliceThicknessMm = thickness;
  const optionalText = (tag: string): string | undefined => text(ds, tag);
  const seriesDate = optionalText('x00080021');
  if (seriesDate !== undefined) dataset.seriesDate = seriesDate;
  const seriesTime = optionalText('x00080031');
  if (seriesTime !== undefined) dataset.seriesTime = seriesTime;
  const acquisitionDate = optionalText('x00080022');
  if (acquisitionDate !== undefined) dataset.acquisitionDate = acquisitionDate;
  const acquisitionTime = optionalText('x00080032');
  if (acquisitionTime !== undefined) dataset.acquisitionTime = acquisitionTime;
  const weight = oneNumber(ds, 'x00101030', 'PatientWeight', source);
  if (weight !== undefined) dataset.patientWeightKg = weight;
  const size = oneNumber(ds, 'x00101020', 'PatientSize', source);
  if (size !== undefined) dataset.patientSizeM = size;
  const sex = optionalText('x00100040');
  if (sex !== undefined) dataset.patientSex = sex.toUpperCase();
  if (base.modality === 'PT') dataset.pet = readPet(ds, source);
  return dataset;
}

export interface ReadDicomFileOptions {
  /**
   * The caller hands `bytes` over and will not change or reuse them: uncompressed pixel data in the host's
   * byte order is then read in place (a view on `bytes`, which it keeps alive) instead of being copied.
   */
  readonly adoptBytes?: boolean;
}

/**
 * Reads a DICOM Part 10 file. `source` names it in errors. Single-frame images and the multi-frame
 * Enhanced and Legacy Converted Enhanced PET images are read; a multi-frame object comes back as its first
 * frame with `frames` listing every frame as a classic-equivalent image (see `classicPetView`).
 * Throws `BonemetError`: `malformed_input` (not Part 10, truncated, unparseable), `unsupported` (transfer
 * syntax, other multi-frame objects, dynamic or multi-stack objects, colour), `missing_data` (a required
 * attribute is absent), `invalid_input` (a value is not valid).
 */
export function readDicomFile(
  bytes: Uint8Array,
  source = '(buffer)',
  options: ReadDicomFileOptions = {},
): DicomImageDataset {
  if (!isDicomPart10(bytes)) {
    throw malformed(source, 'not a DICOM Part 10 file (no "DICM" prefix after the 128-byte preamble)');
  }
  let meta: DataSet;
  try {
    meta = dicomParser.readPart10Header(bytes);
  } catch (cause) {
    throw malformed(source, 'the file meta information is truncated or malformed', cause);
  }
  const transferSyntaxUid = text(meta, 'x00020010');
  if (transferSyntaxUid === undefined) throw missing(source, 'TransferSyntaxUID', '(0002,0010)');
  const syntax = requireSupportedTransferSyntax(transferSyntaxUid.replace(/\0/g, ''), source);
  const ds = parseDataSet(bytes, source);

  const required = (tag: string, keyword: string, display: string): string => {
    const value = text(ds, tag);
    if (value === undefined) throw missing(source, keyword, display);
    return value;
  };
  const requiredUs = (tag: string, keyword: string, display: string): number => {
    const value = binaryNumber(ds, tag, 'US');
    if (value === undefined) throw missing(source, keyword, display);
    return value;
  };

  if (ds.elements.x7fe00010 === undefined && ds.elements.x00280010 === undefined) {
    throw new BonemetError('unsupported', `${source}: not an image object (no Pixel Data), e.g. RTSTRUCT or SR`, {
      issues: [{ path: [notAnImagePath], message: 'no Pixel Data (7FE0,0010) and no Rows (0028,0010)' }],
    });
  }
  const modality = required('x00080060', 'Modality', '(0008,0060)').toUpperCase();
  const sopInstanceUid = required('x00080018', 'SOPInstanceUID', '(0008,0018)');
  const seriesInstanceUid = required('x0020000e', 'SeriesInstanceUID', '(0020,000E)');
  const sopClassUid = (text(ds, 'x00080016') ?? text(meta, 'x00020002') ?? '').replace(/\0/g, '');
  const rows = requiredUs('x00280010', 'Rows', '(0028,0010)');
  const columns = requiredUs('x00280011', 'Columns', '(0028,0011)');
  const bitsAllocated = requiredUs('x00280100', 'BitsAllocated', '(0028,0100)');
  const bitsStored = binaryNumber(ds, 'x00280101', 'US') ?? bitsAllocated;
  const pixelRepresentation = requiredUs('x00280103', 'PixelRepresentation', '(0028,0103)');
  const samplesPerPixel = binaryNumber(ds, 'x00280002', 'US') ?? 1;
  const frameCount = oneNumber(ds, 'x00280008', 'NumberOfFrames', source) ?? 1;
  const multiFrameKind = multiFrameSopClassesRead[sopClassUid];

  const unsupported = (keyword: string, message: string): BonemetError =>
    new BonemetError('unsupported', `${source}: ${message}`, { issues: [{ path: [keyword], message }] });
  if (samplesPerPixel !== 1) throw unsupported('SamplesPerPixel', `${samplesPerPixel} samples per pixel (colour)`);
  if (!Number.isInteger(frameCount) || frameCount < 1) {
    throw new BonemetError('invalid_input', `${source}: NumberOfFrames ${frameCount} is not a positive integer`, {
      issues: [{ path: ['NumberOfFrames'], message: 'must be a positive integer' }],
    });
  }
  const nmMultiFrame = frameCount !== 1 && sopClassUid === nmImageStorageSopClassUid;
  if (frameCount !== 1 && multiFrameKind === undefined && !nmMultiFrame) {
    throw unsupported(
      'NumberOfFrames',
      `multi-frame image (${frameCount} frames, SOP Class ${sopClassUid || 'absent'}) is not read: multi-frame objects are read for ${Object.values(multiFrameSopClassesRead).join(' and ')}`,
    );
  }
  if (![8, 16, 32].includes(bitsAllocated) || bitsStored < 1 || bitsStored > bitsAllocated) {
    throw unsupported('BitsAllocated', `BitsAllocated ${bitsAllocated} with BitsStored ${bitsStored}`);
  }
  if (pixelRepresentation !== 0 && pixelRepresentation !== 1) {
    throw new BonemetError('invalid_input', `${source}: PixelRepresentation ${pixelRepresentation} is not 0 or 1`, {
      issues: [{ path: ['PixelRepresentation'], message: 'must be 0 (unsigned) or 1 (signed)' }],
    });
  }
  if (rows === 0 || columns === 0) throw malformed(source, 'Rows or Columns is 0');

  const layout = { rows, columns, bitsAllocated, bitsStored, pixelRepresentation, frameCount };
  const storedPixels = readStoredPixels(ds, syntax, layout, source, options.adoptBytes === true);
  const base = {
    transferSyntaxUid: syntax,
    modality,
    sopInstanceUid,
    seriesInstanceUid,
    rows,
    columns,
    bitsAllocated,
    bitsStored,
    pixelRepresentation,
  };
  if (nmMultiFrame) return withNmFrames(imageDataset(ds, source, base, storedPixels), frameCount);
  if (multiFrameKind === undefined) return imageDataset(ds, source, base, storedPixels);

  const count = rows * columns;
  const dataSets = frameDataSets(ds, frameCount, source);
  const frames = dataSets.map((frameSet, index) => {
    const frameSource = `${source} frame ${index + 1}`;
    const pixels = storedPixels.subarray(index * count, (index + 1) * count);
    return classicPetView(imageDataset(frameSet, frameSource, base, pixels), frameSet, frameSource);
  });
  requireSingleVolume(frames, dataSets, source);
  const first = frames[0];
  if (first === undefined) throw malformed(source, 'the multi-frame object has no frames');
  return { ...first, source, frames };
}

/** Throws `invalid_input` unless the image has the expected Modality (0008,0060). */
export function requireModality(dataset: DicomImageDataset, modality: string): void {
  if (dataset.modality === modality) return;
  throw new BonemetError('invalid_input', `${dataset.source}: Modality is ${dataset.modality}, ${modality} expected`, {
    issues: [{ path: ['Modality'], message: `${dataset.modality} given where ${modality} is required` }],
  });
}
