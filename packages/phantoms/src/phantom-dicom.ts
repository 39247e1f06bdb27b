/**
 * The phantom as DICOM: a PET Image Storage series and a CT Image Storage series, one file per slice,
 * Explicit VR Little Endian, with the modules of the PET Image IOD (PS3.3 A.21) and CT Image IOD
 * (PS3.3 A.3) and the PET header of one vendor style. Every object says SYNTHETIC in Patient's Name,
 * Series Description and Image Comments.
 */
import { createHash } from 'node:crypto';
import type { PetCtPhantom } from './pet-ct-phantom.js';
import { dateTimeMs, formatDa, formatDt, formatTm } from './dicom-times.js';
import {
  codeItem,
  encodePart10File,
  formatDecimalString,
  formatIntegerString,
  tag,
  uidFromName,
  type DicomElement,
} from '@bonemet/dicom';
import { philipsCountsPerBqMl, vendorStyleDefinitions, type VendorStyle } from './vendor-styles.js';

export const petImageStorageUid = '1.2.840.10008.5.1.4.1.1.128';
export const ctImageStorageUid = '1.2.840.10008.5.1.4.1.1.2';

export interface EncodedSlice {
  /** File name, e.g. "PT0001.dcm"; instance 1 is the most superior slice, as scanners number them. */
  readonly fileName: string;
  /** Slice index k in the phantom (0 = lowest z). */
  readonly sliceIndex: number;
  readonly bytes: Uint8Array;
}

/** Whole-slice facts the PET header needs (exported for tests that check the written times). */
export interface PetSliceTiming {
  readonly bedIndex: number;
  readonly acquisitionStartMs: number;
  /** Frame Reference Time (0054,1300): from the decay reference time to the frame's mean-count time, ms. */
  readonly frameReferenceTimeMs: number;
  /** Decay Factor (0054,1321): decay correction applied, from the frame to the reference time. */
  readonly decayFactor: number;
}

const ds = (value: number): string => formatDecimalString(value);

/** A short stable fingerprint of the options, so that different phantoms never share UIDs. */
function optionsFingerprint(phantom: PetCtPhantom): string {
  return createHash('sha256').update(JSON.stringify(phantom.options)).digest('hex').slice(0, 32);
}

/** UIDs of the study, shared by every object written for one phantom and vendor style. */
export function phantomUids(
  phantom: PetCtPhantom,
  vendor: VendorStyle,
): { root: string; study: string; frame: string } {
  const root = `bonemet-phantom/${optionsFingerprint(phantom)}/${vendor}`;
  return { root, study: uidFromName(`${root}/study`), frame: uidFromName(`${root}/frame-of-reference`) };
}

/** The scan start (first bed): the decay reference time of the PET. */
export function scanStartMs(phantom: PetCtPhantom): number {
  return dateTimeMs(phantom.options.scanDate, phantom.options.scanStartTime);
}

function slicesPerBed(phantom: PetCtPhantom): number {
  return Math.max(1, Math.round(phantom.options.bedLengthMm / phantom.geometry.spacingMm[2]));
}

/** Instance number of slice k: 1 at the top (highest z). */
export const instanceNumberOf = (phantom: PetCtPhantom, k: number): number => phantom.geometry.dimensions[2] - k;

/**
 * Timing of slice k: beds run from the top down, each `bedDurationS` long; the decay reference time is the
 * scan start (Decay Correction START). T_ave = (1/λ)·ln(λT/(1 − e^(−λT))) (PS3.3 C.8.9.4.1.5).
 */
export function petSliceTiming(phantom: PetCtPhantom, k: number): PetSliceTiming {
  const { bedDurationS, halfLifeS } = phantom.options;
  const bedIndex = Math.floor((instanceNumberOf(phantom, k) - 1) / slicesPerBed(phantom));
  const offsetS = bedIndex * bedDurationS;
  const lambdaPerS = Math.LN2 / halfLifeS;
  const x = lambdaPerS * bedDurationS;
  const meanCountOffsetS = Math.log(x / -Math.expm1(-x)) / lambdaPerS;
  return {
    bedIndex,
    acquisitionStartMs: scanStartMs(phantom) + offsetS * 1000,
    frameReferenceTimeMs: (offsetS + meanCountOffsetS) * 1000,
    decayFactor: Math.exp(lambdaPerS * offsetS) * (x / -Math.expm1(-x)),
  };
}

/** The series an object belongs to and its own identity. */
export interface PhantomSeries {
  readonly modality: 'PT' | 'CT';
  readonly uid: string;
  readonly number: number;
  readonly description: string;
  readonly sopClassUid: string;
  readonly sopInstanceUid: string;
}

/**
 * Attributes that do not depend on the slice: SOP Common, Patient, General Study, General Series, Frame of
 * Reference, General Equipment, the image size, and the SYNTHETIC labels. Shared by the classic per-slice
 * objects and the multi-frame Enhanced PET object.
 */
export function sharedHeaderElements(
  phantom: PetCtPhantom,
  vendor: VendorStyle,
  series: PhantomSeries,
  seriesMs: number,
): DicomElement[] {
  const { geometry, options } = phantom;
  const [nx, ny] = geometry.dimensions;
  const study = phantomUids(phantom, vendor);
  const startMs = scanStartMs(phantom);
  return [
    { tag: tag(0x0008, 0x0016), vr: 'UI', value: series.sopClassUid },
    { tag: tag(0x0008, 0x0018), vr: 'UI', value: series.sopInstanceUid },
    { tag: tag(0x0008, 0x0020), vr: 'DA', value: formatDa(startMs) },
    { tag: tag(0x0008, 0x0021), vr: 'DA', value: formatDa(seriesMs) },
    { tag: tag(0x0008, 0x0023), vr: 'DA', value: formatDa(seriesMs) },
    { tag: tag(0x0008, 0x0030), vr: 'TM', value: formatTm(startMs) },
    { tag: tag(0x0008, 0x0031), vr: 'TM', value: formatTm(seriesMs) },
    { tag: tag(0x0008, 0x0033), vr: 'TM', value: formatTm(seriesMs) },
    { tag: tag(0x0008, 0x0050), vr: 'SH', value: '' },
    { tag: tag(0x0008, 0x0060), vr: 'CS', value: series.modality },
    { tag: tag(0x0008, 0x0070), vr: 'LO', value: vendorStyleDefinitions[vendor].manufacturer },
    { tag: tag(0x0008, 0x0090), vr: 'PN', value: '' },
    { tag: tag(0x0008, 0x1030), vr: 'LO', value: 'SYNTHETIC PET/CT PHANTOM' },
    { tag: tag(0x0008, 0x103e), vr: 'LO', value: series.description },
    { tag: tag(0x0008, 0x1090), vr: 'LO', value: 'BONEMET SYNTHETIC PHANTOM' },
    { tag: tag(0x0010, 0x0010), vr: 'PN', value: 'SYNTHETIC^PHANTOM' },
    { tag: tag(0x0010, 0x0020), vr: 'LO', value: `SYNTHETIC-${options.seed}` },
    { tag: tag(0x0010, 0x0030), vr: 'DA', value: '' },
    { tag: tag(0x0010, 0x0040), vr: 'CS', value: options.patient.sex },
    { tag: tag(0x0010, 0x1020), vr: 'DS', value: ds(options.patient.heightM) },
    { tag: tag(0x0010, 0x1030), vr: 'DS', value: ds(options.patient.weightKg) },
    // Body Part Examined: an unpaired region, so Laterality (Type 2C) is absent.
    { tag: tag(0x0018, 0x0015), vr: 'CS', value: 'WHOLEBODY' },
    { tag: tag(0x0020, 0x000d), vr: 'UI', value: study.study },
    { tag: tag(0x0020, 0x000e), vr: 'UI', value: series.uid },
    { tag: tag(0x0020, 0x0010), vr: 'SH', value: '1' },
    { tag: tag(0x0020, 0x0011), vr: 'IS', value: formatIntegerString(series.number) },
    { tag: tag(0x0020, 0x0052), vr: 'UI', value: study.frame },
    { tag: tag(0x0020, 0x1040), vr: 'LO', value: '' },
    { tag: tag(0x0020, 0x4000), vr: 'LT', value: 'SYNTHETIC PHANTOM - NOT PATIENT DATA' },
    { tag: tag(0x0028, 0x0002), vr: 'US', value: [1] },
    { tag: tag(0x0028, 0x0004), vr: 'CS', value: 'MONOCHROME2' },
    { tag: tag(0x0028, 0x0010), vr: 'US', value: [ny] },
    { tag: tag(0x0028, 0x0011), vr: 'US', value: [nx] },
  ];
}

/** Pixel Spacing is [between rows (y), between columns (x)] (PS3.3 C.7.6.2.1.1). */
export function pixelSpacingValue(phantom: PetCtPhantom): string[] {
  const [sx, sy] = phantom.geometry.spacingMm;
  return [ds(sy), ds(sx)];
}

/** Image Position (Patient) of slice k: the centre of its first voxel, axial slices along +z. */
export function slicePositionValue(phantom: PetCtPhantom, k: number): string[] {
  const [x0, y0, z0] = phantom.geometry.originMm;
  return [ds(x0), ds(y0), ds(z0 + k * phantom.geometry.spacingMm[2])];
}

export const axialOrientationValue = ['1', '0', '0', '0', '1', '0'];

/** The per-slice attributes of a classic single-frame image (General Image, Image Plane, Acquisition). */
function classicSliceElements(
  phantom: PetCtPhantom,
  k: number,
  modality: 'PT' | 'CT',
  acquisitionMs: number,
): DicomElement[] {
  const zMm = phantom.geometry.originMm[2] + k * phantom.geometry.spacingMm[2];
  return [
    {
      tag: tag(0x0008, 0x0008),
      vr: 'CS',
      value: modality === 'CT' ? ['ORIGINAL', 'PRIMARY', 'AXIAL'] : ['ORIGINAL', 'PRIMARY'],
    },
    { tag: tag(0x0008, 0x0022), vr: 'DA', value: formatDa(acquisitionMs) },
    { tag: tag(0x0008, 0x0032), vr: 'TM', value: formatTm(acquisitionMs) },
    { tag: tag(0x0018, 0x0050), vr: 'DS', value: ds(phantom.geometry.spacingMm[2]) },
    // Patient Position is for CT; the PET object states it with the NM/PET Patient Orientation codes.
    ...(modality === 'CT' ? [{ tag: tag(0x0018, 0x5100), vr: 'CS' as const, value: 'HFS' }] : []),
    { tag: tag(0x0020, 0x0013), vr: 'IS', value: formatIntegerString(instanceNumberOf(phantom, k)) },
    { tag: tag(0x0020, 0x0032), vr: 'DS', value: slicePositionValue(phantom, k) },
    { tag: tag(0x0020, 0x0037), vr: 'DS', value: axialOrientationValue },
    { tag: tag(0x0020, 0x1041), vr: 'DS', value: ds(zMm) },
    { tag: tag(0x0028, 0x0030), vr: 'DS', value: pixelSpacingValue(phantom) },
  ];
}

/** 16-bit little-endian pixel bytes. */
export function pixelBytes(values: ArrayLike<number>, signed: boolean): Uint8Array {
  const out = new Uint8Array(values.length * 2);
  const view = new DataView(out.buffer);
  for (let n = 0; n < values.length; n++) {
    if (signed) view.setInt16(2 * n, values[n] ?? 0, true);
    else view.setUint16(2 * n, values[n] ?? 0, true);
  }
  return out;
}

/** The injection: a fixed uptake time before the scan start. */
export function injectionMs(phantom: PetCtPhantom): number {
  return scanStartMs(phantom) - phantom.options.uptakeMinutes * 60000;
}

/**
 * The attributes of the FDG item of the Radiopharmaceutical Information Sequence (0054,0016) common to the
 * PET Isotope and Enhanced PET Isotope modules; `startTime` and `startDateTime` choose the time forms.
 */
export function radiopharmaceuticalElements(
  phantom: PetCtPhantom,
  forms: { readonly name: boolean; readonly startTime: boolean; readonly startDateTime: boolean },
): DicomElement[] {
  const { options } = phantom;
  const injection = injectionMs(phantom);
  return [
    ...(forms.name ? [{ tag: tag(0x0018, 0x0031), vr: 'LO' as const, value: 'Fluorodeoxyglucose' }] : []),
    ...(forms.startTime ? [{ tag: tag(0x0018, 0x1072), vr: 'TM' as const, value: formatTm(injection) }] : []),
    { tag: tag(0x0018, 0x1074), vr: 'DS', value: ds(options.injectedActivityMBq * 1e6) },
    { tag: tag(0x0018, 0x1075), vr: 'DS', value: ds(options.halfLifeS) },
    ...(forms.startDateTime ? [{ tag: tag(0x0018, 0x1078), vr: 'DT' as const, value: formatDt(injection) }] : []),
    // CID 4020 and CID 4021: SNOMED CT codes for fluorine-18 and FDG.
    { tag: tag(0x0054, 0x0300), vr: 'SQ', value: [codeItem('77004003', 'SCT', '^18^Fluorine')] },
    { tag: tag(0x0054, 0x0304), vr: 'SQ', value: [codeItem('35321007', 'SCT', 'Fluorodeoxyglucose F^18^')] },
  ];
}

/** 16-bit signed, as scanners write (and dciodvfy 1.00~20220618 aborts on 32-bit PET pixel data). */
export const petBitsStored = 16;
const maxStored = 32767;

/** Stored values of PET slice k and the Rescale Slope (as written) that maps them back to `unitsPerBqMl` units. */
export function petSliceStoredValues(
  phantom: PetCtPhantom,
  k: number,
  unitsPerBqMl: number,
): { readonly stored: Int32Array; readonly slopeText: string } {
  const [nx, ny] = phantom.geometry.dimensions;
  const sliceSize = nx * ny;
  const values = phantom.petBqMl.subarray(k * sliceSize, (k + 1) * sliceSize);
  let maxValue = 0;
  for (let n = 0; n < sliceSize; n++) maxValue = Math.max(maxValue, (values[n] ?? 0) * unitsPerBqMl);
  // Rescale Slope per slice so the hottest voxel uses the full stored range; the slope actually written
  // (16 characters of DS) is the one the stored values are divided by.
  const slopeText = ds(maxValue > 0 ? maxValue / maxStored : 1);
  const slope = Number(slopeText);
  const stored = new Int32Array(sliceSize);
  for (let n = 0; n < sliceSize; n++) {
    stored[n] = Math.min(maxStored, Math.max(0, Math.round(((values[n] ?? 0) * unitsPerBqMl) / slope)));
  }
  return { stored, slopeText };
}

/** The PET series in one vendor style, one Part 10 file per slice. */
export function encodePetSeries(phantom: PetCtPhantom, vendor: VendorStyle): EncodedSlice[] {
  const { geometry, options, truth } = phantom;
  const style = vendorStyleDefinitions[vendor];
  const nz = geometry.dimensions[2];
  const ids = phantomUids(phantom, vendor);
  const seriesUid = uidFromName(`${ids.root}/pet-series`);
  const startMs = scanStartMs(phantom);
  const beds = Math.ceil(nz / slicesPerBed(phantom));
  const seriesMs =
    style.seriesTimeAfterScanS === 0
      ? startMs
      : startMs + (beds * options.bedDurationS + style.seriesTimeAfterScanS) * 1000;
  const bits = petBitsStored;
  // Philips stores counts; the others Bq/ml.
  const unitsPerBqMl = style.units === 'CNTS' ? philipsCountsPerBqMl : 1;
  const radiopharmaceutical = radiopharmaceuticalElements(phantom, {
    name: true,
    startTime: true,
    startDateTime: style.writesStartDateTime,
  });
  const slices: EncodedSlice[] = [];
  for (let k = 0; k < nz; k++) {
    const { stored, slopeText } = petSliceStoredValues(phantom, k, unitsPerBqMl);
    const timing = petSliceTiming(phantom, k);
    const instance = instanceNumberOf(phantom, k);
    const sopInstanceUid = uidFromName(`${ids.root}/pet/${instance}`);
    const elements: DicomElement[] = [
      ...sharedHeaderElements(
        phantom,
        vendor,
        {
          modality: 'PT',
          uid: seriesUid,
          number: 2,
          description: `SYNTHETIC PET WB ${vendor.toUpperCase()} STYLE`,
          sopClassUid: petImageStorageUid,
          sopInstanceUid,
        },
        seriesMs,
      ),
      ...classicSliceElements(phantom, k, 'PT', timing.acquisitionStartMs),
      { tag: tag(0x0018, 0x1181), vr: 'CS', value: 'NONE' },
      { tag: tag(0x0018, 0x1242), vr: 'IS', value: formatIntegerString(options.bedDurationS * 1000) },
      { tag: tag(0x0028, 0x0051), vr: 'CS', value: style.correctedImage },
      { tag: tag(0x0028, 0x0100), vr: 'US', value: [bits] },
      { tag: tag(0x0028, 0x0101), vr: 'US', value: [bits] },
      { tag: tag(0x0028, 0x0102), vr: 'US', value: [bits - 1] },
      { tag: tag(0x0028, 0x0103), vr: 'US', value: [1] },
      { tag: tag(0x0028, 0x1052), vr: 'DS', value: '0' },
      { tag: tag(0x0028, 0x1053), vr: 'DS', value: slopeText },
      { tag: tag(0x0054, 0x0016), vr: 'SQ', value: [radiopharmaceutical] },
      { tag: tag(0x0054, 0x0081), vr: 'US', value: [nz] },
      // CID 19, 20, 21 (SNOMED CT): recumbent, supine, headfirst.
      {
        tag: tag(0x0054, 0x0410),
        vr: 'SQ',
        value: [
          [
            ...codeItem('102538003', 'SCT', 'recumbent'),
            { tag: tag(0x0054, 0x0412), vr: 'SQ', value: [codeItem('40199007', 'SCT', 'supine')] },
          ],
        ],
      },
      { tag: tag(0x0054, 0x0414), vr: 'SQ', value: [codeItem('102540008', 'SCT', 'headfirst')] },
      { tag: tag(0x0054, 0x1000), vr: 'CS', value: ['WHOLE BODY', 'IMAGE'] },
      { tag: tag(0x0054, 0x1001), vr: 'CS', value: style.units },
      { tag: tag(0x0054, 0x1002), vr: 'CS', value: 'EMISSION' },
      { tag: tag(0x0054, 0x1102), vr: 'CS', value: 'START' },
      { tag: tag(0x0054, 0x1300), vr: 'DS', value: ds(timing.frameReferenceTimeMs) },
      { tag: tag(0x0054, 0x1321), vr: 'DS', value: ds(timing.decayFactor) },
      { tag: tag(0x0054, 0x1330), vr: 'US', value: [instance] },
      { tag: tag(0x7fe0, 0x0010), vr: 'OW', value: pixelBytes(stored, true) },
    ];
    if (vendor === 'siemens') {
      elements.push(
        { tag: tag(0x0071, 0x0010), vr: 'LO', value: 'SIEMENS MED PT' },
        { tag: tag(0x0071, 0x1022), vr: 'DT', value: formatDt(seriesMs) },
      );
    } else if (vendor === 'ge') {
      elements.push(
        { tag: tag(0x0009, 0x0010), vr: 'LO', value: 'GEMS_PETD_01' },
        { tag: tag(0x0009, 0x100d), vr: 'DT', value: formatDt(startMs) },
      );
    } else {
      // (7053,1009): Bq/ml per count; (7053,1000): SUVbw per count, = (7053,1009) / (Bq/ml per SUVbw).
      const bqMlPerCount = 1 / philipsCountsPerBqMl;
      elements.push(
        { tag: tag(0x7053, 0x0010), vr: 'LO', value: 'Philips PET Private Group' },
        { tag: tag(0x7053, 0x1000), vr: 'DS', value: ds(bqMlPerCount / truth.bqMlPerSuvbw) },
        { tag: tag(0x7053, 0x1009), vr: 'DS', value: ds(bqMlPerCount) },
      );
    }
    slices.push({
      fileName: `PT${String(instance).padStart(4, '0')}.dcm`,
      sliceIndex: k,
      bytes: encodePart10File(petImageStorageUid, sopInstanceUid, elements),
    });
  }
  return slices;
}

/** The CT series (same grid and Frame of Reference as the PET), stored as unsigned HU + 1024. */
export function encodeCtSeries(phantom: PetCtPhantom, vendor: VendorStyle): EncodedSlice[] {
  const [nx, ny, nz] = phantom.geometry.dimensions;
  const sliceSize = nx * ny;
  const ids = phantomUids(phantom, vendor);
  const seriesUid = uidFromName(`${ids.root}/ct-series`);
  const startMs = scanStartMs(phantom);
  // The CT for attenuation correction precedes the PET.
  const ctMs = startMs - 5 * 60000;
  const slices: EncodedSlice[] = [];
  for (let k = 0; k < nz; k++) {
    const hu = phantom.ctHu.subarray(k * sliceSize, (k + 1) * sliceSize);
    const stored = new Uint16Array(sliceSize);
    for (let n = 0; n < sliceSize; n++) stored[n] = (hu[n] ?? 0) + 1024;
    const instance = instanceNumberOf(phantom, k);
    const sopInstanceUid = uidFromName(`${ids.root}/ct/${instance}`);
    const elements: DicomElement[] = [
      ...sharedHeaderElements(
        phantom,
        vendor,
        {
          modality: 'CT',
          uid: seriesUid,
          number: 1,
          description: `SYNTHETIC CT WB ${vendor.toUpperCase()} STYLE`,
          sopClassUid: ctImageStorageUid,
          sopInstanceUid,
        },
        ctMs,
      ),
      ...classicSliceElements(phantom, k, 'CT', ctMs),
      { tag: tag(0x0018, 0x0060), vr: 'DS', value: '120' },
      { tag: tag(0x0020, 0x0012), vr: 'IS', value: '1' },
      { tag: tag(0x0028, 0x0100), vr: 'US', value: [16] },
      { tag: tag(0x0028, 0x0101), vr: 'US', value: [16] },
      { tag: tag(0x0028, 0x0102), vr: 'US', value: [15] },
      { tag: tag(0x0028, 0x0103), vr: 'US', value: [0] },
      { tag: tag(0x0028, 0x1050), vr: 'DS', value: '40' },
      { tag: tag(0x0028, 0x1051), vr: 'DS', value: '400' },
      { tag: tag(0x0028, 0x1052), vr: 'DS', value: '-1024' },
      { tag: tag(0x0028, 0x1053), vr: 'DS', value: '1' },
      { tag: tag(0x0028, 0x1054), vr: 'LO', value: 'HU' },
      { tag: tag(0x7fe0, 0x0010), vr: 'OW', value: pixelBytes(stored, false) },
    ];
    slices.push({
      fileName: `CT${String(instance).padStart(4, '0')}.dcm`,
      sliceIndex: k,
      bytes: encodePart10File(ctImageStorageUid, sopInstanceUid, elements),
    });
  }
  return slices;
}
