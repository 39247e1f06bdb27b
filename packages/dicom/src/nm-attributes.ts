/**
 * The attributes of a planar NM (or NM-derived Secondary Capture) image that `readDicomFile` does not keep:
 * views and detectors (NM Detector module, PS3.3 C.8.4.11; NM Multi-frame module, C.8.4.8), whole-body
 * acquisition (NM Image module C.8.4.9, Whole Body Technique; NM Isotope module C.8.4.10), so that a
 * whole-body reader can tell anterior from posterior and record scan speed and uptake time.
 */
import type { DataSet } from 'dicom-parser';
import { parseDataSet } from './parse-data-set.js';
import { numbers, oneNumber, sequenceItems, text } from './dataset-values.js';

/** One coded entry (PS3.3 Table 8.8-1a). */
export interface CodedValue {
  readonly codeValue: string;
  readonly codingSchemeDesignator: string;
  readonly codeMeaning?: string;
}

/** One item of the Detector Information Sequence (0054,0022). */
export interface NmDetectorInfo {
  /** View Code Sequence (0054,0220) first item, when present. */
  readonly viewCode?: CodedValue;
  /** Image Orientation (Patient) (0020,0037) of the detector's image: row then column direction cosines. */
  readonly imageOrientationPatient?: readonly [number, number, number, number, number, number];
}

/** NM-specific and acquisition attributes of one DICOM image object. */
export interface NmAttributes {
  readonly sopClassUid: string;
  readonly modality: string;
  /** Image Type (0008,0008) values, upper case (e.g. ORIGINAL, PRIMARY, WHOLE BODY, EMISSION). */
  readonly imageType: readonly string[];
  /** Frame Increment Pointer (0028,0009): the tags, as `x00540020` strings, that index the frames. */
  readonly frameIncrementPointer: readonly string[];
  /** Detector Vector (0054,0020): for each frame, the 1-based item of the Detector Information Sequence. */
  readonly detectorVector?: readonly number[];
  /** Energy Window Vector (0054,0010). */
  readonly energyWindowVector?: readonly number[];
  /** Detector Information Sequence (0054,0022) items, in order. */
  readonly detectors: readonly NmDetectorInfo[];
  /** Top-level View Code Sequence (0054,0220), as single-view objects sometimes carry it. */
  readonly viewCode?: CodedValue;
  /** Image Orientation (Patient) (0020,0037) at top level. */
  readonly imageOrientationPatient?: readonly [number, number, number, number, number, number];
  /** Patient Orientation (0020,0020): row then column direction letters (e.g. L, F). */
  readonly patientOrientation?: readonly string[];
  /** Patient Position (0018,5100), e.g. HFS, FFS. */
  readonly patientPosition?: string;
  /** Scan Velocity (0018,1300), mm/s. */
  readonly scanVelocityMmPerS?: number;
  /** Scan Length (0018,1302), mm. */
  readonly scanLengthMm?: number;
  /** Whole Body Technique (0018,1301), e.g. 1PS, 2PS, PCN, MSP. */
  readonly wholeBodyTechnique?: readonly string[];
  /** Actual Frame Duration (0018,1242), ms. */
  readonly actualFrameDurationMs?: number;
  /** Counts Accumulated (0018,0070) as the camera recorded it. */
  readonly countsAccumulated?: number;
  /** Radiopharmaceutical (0018,0031) of the first Radiopharmaceutical Information item. */
  readonly radiopharmaceutical?: string;
  /** Radionuclide Total Dose (0018,1074), declared in MBq for NM (PS3.3 C.8.4.10.1 says MBq for NM). */
  readonly radionuclideTotalDoseMBq?: number;
  /** Radiopharmaceutical Start Time (0018,1072) / Start DateTime (0018,1078), as written. */
  readonly radiopharmaceuticalStartTime?: string;
  readonly radiopharmaceuticalStartDateTime?: string;
  readonly acquisitionDate?: string;
  readonly acquisitionTime?: string;
  readonly seriesDate?: string;
  readonly seriesTime?: string;
  readonly studyDate?: string;
  /** Free texts that may name the view on systems that write no code: Image ID, descriptions, comments. */
  readonly viewTexts: readonly string[];
  /** Conversion Type (0008,0064) of a Secondary Capture (WSD, DV, DI, ...). */
  readonly conversionType?: string;
}

function coded(ds: DataSet | undefined): CodedValue | undefined {
  if (ds === undefined) return undefined;
  const codeValue = text(ds, 'x00080100');
  const codingSchemeDesignator = text(ds, 'x00080102');
  if (codeValue === undefined || codingSchemeDesignator === undefined) return undefined;
  const codeMeaning = text(ds, 'x00080104');
  return codeMeaning === undefined
    ? { codeValue, codingSchemeDesignator }
    : { codeValue, codingSchemeDesignator, codeMeaning };
}

function orientation(
  ds: DataSet,
  source: string,
): readonly [number, number, number, number, number, number] | undefined {
  const values = numbers(ds, 'x00200037', 'ImageOrientationPatient', source);
  if (values?.length !== 6) return undefined;
  const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0] = values;
  return [a, b, c, d, e, f];
}

function unsignedShorts(ds: DataSet, tag: string): number[] | undefined {
  const element = ds.elements[tag];
  if (element === undefined || element.length === 0) return undefined;
  return Array.from({ length: Math.floor(element.length / 2) }, (_, i) => ds.uint16(tag, i) ?? 0);
}

function attributeTags(ds: DataSet, tag: string): string[] {
  const element = ds.elements[tag];
  if (element === undefined) return [];
  // AT: each value is a group then an element number, two unsigned shorts (PS3.5 6.2).
  return Array.from({ length: Math.floor(element.length / 4) }, (_, i) => {
    const group = ds.uint16(tag, 2 * i) ?? 0;
    const number = ds.uint16(tag, 2 * i + 1) ?? 0;
    return `x${group.toString(16).padStart(4, '0')}${number.toString(16).padStart(4, '0')}`;
  });
}

function parse(bytes: Uint8Array, source: string): DataSet {
  return parseDataSet(bytes, source, 'x7fe00010');
}

/**
 * Reads the NM attributes of a DICOM Part 10 file (the pixel data is not decoded; `readDicomFile` does that).
 * Throws `malformed_input` when the data set cannot be parsed, `invalid_input` when a number is not numeric.
 */
export function readNmAttributes(bytes: Uint8Array, source = '(buffer)'): NmAttributes {
  const ds = parse(bytes, source);
  const out: { -readonly [K in keyof NmAttributes]: NmAttributes[K] } = {
    sopClassUid: (text(ds, 'x00080016') ?? '').replace(/\0/g, ''),
    modality: (text(ds, 'x00080060') ?? '').toUpperCase(),
    imageType: (text(ds, 'x00080008') ?? '').split('\\').map((value) => value.trim().toUpperCase()),
    frameIncrementPointer: attributeTags(ds, 'x00280009'),
    detectors: sequenceItems(ds, 'x00540022').map((item): NmDetectorInfo => {
      const viewCode = coded(sequenceItems(item, 'x00540220')[0]);
      const iop = orientation(item, source);
      return {
        ...(viewCode === undefined ? {} : { viewCode }),
        ...(iop === undefined ? {} : { imageOrientationPatient: iop }),
      };
    }),
    viewTexts: ['x00540400', 'x0008103e', 'x00081030', 'x00204000', 'x00181030', 'x00080008']
      .map((tag) => text(ds, tag))
      .filter((value): value is string => value !== undefined),
  };
  const detectorVector = unsignedShorts(ds, 'x00540020');
  if (detectorVector !== undefined) out.detectorVector = detectorVector;
  const energyWindowVector = unsignedShorts(ds, 'x00540010');
  if (energyWindowVector !== undefined) out.energyWindowVector = energyWindowVector;
  const viewCode = coded(sequenceItems(ds, 'x00540220')[0]);
  if (viewCode !== undefined) out.viewCode = viewCode;
  const iop = orientation(ds, source);
  if (iop !== undefined) out.imageOrientationPatient = iop;
  const patientOrientation = text(ds, 'x00200020');
  if (patientOrientation !== undefined) out.patientOrientation = patientOrientation.split('\\').map((v) => v.trim());
  const optional = {
    patientPosition: text(ds, 'x00185100'),
    acquisitionDate: text(ds, 'x00080022'),
    acquisitionTime: text(ds, 'x00080032'),
    seriesDate: text(ds, 'x00080021'),
    seriesTime: text(ds, 'x00080031'),
    studyDate: text(ds, 'x00080020'),
    conversionType: text(ds, 'x00080064'),
  };
  for (const [key, value] of Object.entries(optional)) {
    if (value !== undefined) Object.assign(out, { [key]: value });
  }
  const scanVelocity = oneNumber(ds, 'x00181300', 'ScanVelocity', source);
  if (scanVelocity !== undefined) out.scanVelocityMmPerS = scanVelocity;
  const scanLength = oneNumber(ds, 'x00181302', 'ScanLength', source);
  if (scanLength !== undefined) out.scanLengthMm = scanLength;
  const technique = text(ds, 'x00181301');
  if (technique !== undefined) out.wholeBodyTechnique = technique.split('\\').map((v) => v.trim().toUpperCase());
  const duration = oneNumber(ds, 'x00181242', 'ActualFrameDuration', source);
  if (duration !== undefined) out.actualFrameDurationMs = duration;
  const counts = oneNumber(ds, 'x00180070', 'CountsAccumulated', source);
  if (counts !== undefined) out.countsAccumulated = counts;
  const pharmaceutical = sequenceItems(ds, 'x00540016')[0];
  if (pharmaceutical !== undefined) {
    const name = text(pharmaceutical, 'x00180031');
    if (name !== undefined) out.radiopharmaceutical = name;
    const dose = oneNumber(pharmaceutical, 'x00181074', 'RadionuclideTotalDose', source);
    if (dose !== undefined) out.radionuclideTotalDoseMBq = dose;
    const start = text(pharmaceutical, 'x00181072');
    if (start !== undefined) out.radiopharmaceuticalStartTime = start;
    const startDateTime = text(pharmaceutical, 'x00181078');
    if (startDateTime !== undefined) out.radiopharmaceuticalStartDateTime = startDateTime;
  }
  return out;
}
