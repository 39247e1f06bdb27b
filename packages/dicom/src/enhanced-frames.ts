/**
 * Multi-frame (Enhanced) PET: the functional groups of each frame resolved into one data set per frame
 * (PS3.3 C.7.6.16 Multi-frame Functional Groups), and the Enhanced PET attributes mapped to the values a
 * classic PET Image (PS3.3 A.21) would carry, so that each frame reads as the equivalent classic slice
 * and the SUV code needs no second path.
 */
import { BonemetError } from '@bonemet/core';
import type { DataSet } from 'dicom-parser';
import { parseDicomDateTimeMs } from './dicom-time.js';
import type { DicomImageDataset, PetAttributes } from './dataset.js';
import { binaryNumber, sequenceItems, text } from './dataset-values.js';

/** Multi-frame image storage SOP classes read frame by frame (PS3.4 Table B.5-1). */
export const multiFrameSopClassesRead: Readonly<Record<string, string>> = Object.freeze({
  '1.2.840.10008.5.1.4.1.1.130': 'Enhanced PET Image Storage',
  '1.2.840.10008.5.1.4.1.1.128.1': 'Legacy Converted Enhanced PET Image Storage',
});

const sharedFunctionalGroups = 'x52009229';
const perFrameFunctionalGroups = 'x52009230';

/**
 * Every element of the items of the functional group macros in one functional-groups item, flattened:
 * each macro is a sequence of one item (PS3.3 C.7.6.16.1), and the Unassigned Shared/Per-frame Converted
 * Attributes of the Legacy Converted IODs (PS3.3 C.7.6.16.2.24/25) hold the classic attributes the same way.
 */
function flattenFunctionalGroups(groups: DataSet | undefined): DataSet['elements'] {
  const elements: DataSet['elements'] = {};
  if (groups === undefined) return elements;
  for (const [tag, element] of Object.entries(groups.elements)) {
    // The macro's sequence stays readable as a whole (e.g. several Real World Value Mapping items).
    elements[tag] = element;
    const first = sequenceItems(groups, tag)[0];
    if (first !== undefined) Object.assign(elements, first.elements);
  }
  return elements;
}

/**
 * One data set per frame: the top-level attributes, overridden by the Shared Functional Groups, overridden by
 * the frame's own Per-frame Functional Groups item. Throws `malformed_input` when the Per-frame Functional
 * Groups Sequence does not have one item per frame.
 */
export function frameDataSets(ds: DataSet, frameCount: number, source: string): DataSet[] {
  const shared = flattenFunctionalGroups(sequenceItems(ds, sharedFunctionalGroups)[0]);
  const perFrame = sequenceItems(ds, perFrameFunctionalGroups);
  if (perFrame.length !== frameCount) {
    const message = `Per-frame Functional Groups Sequence (5200,9230) has ${perFrame.length} items for ${frameCount} frames`;
    throw new BonemetError('malformed_input', `${source}: ${message}`, {
      issues: [{ path: ['PerFrameFunctionalGroupsSequence'], message }],
    });
  }
  const prototype = Object.getPrototypeOf(ds) as object;
  return perFrame.map((groups) => {
    // Items share the byte array of the whole file, so their elements' offsets stay valid in the merged view.
    const merged = Object.create(prototype) as DataSet;
    return Object.assign(merged, ds, { elements: { ...ds.elements, ...shared, ...flattenFunctionalGroups(groups) } });
  });
}

/** PET Units defined terms (PS3.3 C.8.9.1.1.3), as Rescale Type may carry them. */
const petUnits = new Set([
  'CNTS',
  'NONE',
  'CM2',
  'CM2ML',
  'PCNT',
  'CPS',
  'BQML',
  'MGMINML',
  'UMOLMINML',
  'MLMING',
  'MLG',
  '1CM',
  'UMOLML',
  'PROPCNTS',
  'PROPCPS',
  'MLMINML',
  'MLML',
  'GML',
  'STDDEV',
]);

/** UCUM codes of CID 84 "PET Units" (Real World Value Mapping) mapped to Units and SUV Type. */
const ucumPetUnits: Readonly<Record<string, { units: string; suvType?: string }>> = {
  'Bq/ml': { units: 'BQML' },
  '{counts}': { units: 'CNTS' },
  '{counts}/s': { units: 'CPS' },
  '{propcounts}': { units: 'PROPCNTS' },
  '{SUVbw}g/ml': { units: 'GML', suvType: 'BW' },
  '{SUVlbm}g/ml': { units: 'GML', suvType: 'LBM' },
  '{SUVlbm(James128)}g/ml': { units: 'GML', suvType: 'LBMJAMES128' },
  '{SUVlbm(Janma)}g/ml': { units: 'GML', suvType: 'LBMJANMA' },
  '{SUVibw}g/ml': { units: 'GML', suvType: 'IBW' },
  '{SUVbsa}cm2/ml': { units: 'CM2ML' },
};

interface EnhancedUnits {
  readonly units: string;
  readonly suvType?: string;
  /** The Real World Value Mapping that gives these units: stored value × slope + intercept (PS3.3 C.7.6.16.2.11). */
  readonly mapping?: { readonly slope: number; readonly intercept: number };
}

/**
 * Units from Rescale Type (0028,1054) when it holds a PET unit, else from the first Real World Value Mapping
 * whose Measurement Units (0040,08EA) are a PET unit, with that mapping's slope and intercept.
 */
function enhancedUnits(ds: DataSet): EnhancedUnits | undefined {
  const rescaleType = text(ds, 'x00281054')?.toUpperCase();
  if (rescaleType !== undefined && petUnits.has(rescaleType)) return { units: rescaleType };
  for (const mapping of sequenceItems(ds, 'x00409096')) {
    const unit = sequenceItems(mapping, 'x004008ea')[0];
    const codeValue = unit === undefined ? undefined : text(unit, 'x00080100');
    const known = codeValue === undefined ? undefined : ucumPetUnits[codeValue];
    if (known === undefined) continue;
    const slope = binaryNumber(mapping, 'x00409225', 'FD');
    const intercept = binaryNumber(mapping, 'x00409224', 'FD');
    return slope === undefined ? known : { ...known, mapping: { slope, intercept: intercept ?? 0 } };
  }
  return undefined;
}

/** Enhanced PET Corrections flags (PS3.3 C.8.22.4) as the Corrected Image (0028,0051) values they stand for. */
const correctionFlags = [
  ['x00189758', 'DECY'],
  ['x00189759', 'ATTN'],
  ['x00189760', 'SCAT'],
  ['x00189761', 'DTIM'],
  ['x00189765', 'RAN'],
  ['x00189768', 'NORM'],
] as const;

const two = (value: number): string => String(value).padStart(2, '0');

/** DA and TM of a millisecond clock value (the clock of `parseDicomDateTimeMs`). */
function splitDateTime(ms: number): { date: string; time: string } {
  const day = new Date(ms);
  const date = `${day.getUTCFullYear()}${two(day.getUTCMonth() + 1)}${two(day.getUTCDate())}`;
  const secondsOfDay = (ms - Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate())) / 1000;
  const hours = Math.floor(secondsOfDay / 3600);
  const minutes = Math.floor((secondsOfDay - hours * 3600) / 60);
  const seconds = (secondsOfDay - hours * 3600 - minutes * 60).toFixed(6).padStart(9, '0');
  return { date, time: `${two(hours)}${two(minutes)}${seconds}` };
}

function missingEnhanced(source: string, keyword: string, tag: string, why: string): BonemetError {
  const message = `${keyword} ${tag} is missing: ${why}`;
  return new BonemetError('missing_data', `${source}: ${message}`, { issues: [{ path: [keyword], message }] });
}

/**
 * The classic-equivalent view of one Enhanced PET frame. Attributes a classic PET image carries (present in
 * Legacy Converted objects through the Unassigned Converted Attributes) are kept; the others are derived:
 * - Units from Rescale Type or the Real World Value Mapping units (CID 84), then with that mapping's slope
 *   and intercept as the Rescale Slope and Intercept;
 * - Decay Correction from Decay Corrected (0018,9758) and Decay Correction DateTime (0018,9701): NO is
 *   NONE; a reference equal to the Radiopharmaceutical Start DateTime is ADMIN; any other reference is
 *   START, and the reference goes where a classic START image puts it, Series Date/Time (QIBA vendor-neutral
 *   SUV pseudo-code, 2018-06-26), with Frame Reference Time = Frame Reference DateTime (0018,9151) minus it;
 * - Acquisition Date/Time from Frame Acquisition DateTime (0018,9074), Actual Frame Duration from Frame
 *   Acquisition Duration (0018,9220, ms);
 * - Corrected Image from the Enhanced PET Corrections flags.
 */
export function classicPetView(frame: DicomImageDataset, ds: DataSet, source: string): DicomImageDataset {
  const pet = frame.pet;
  if (pet === undefined) return frame;
  const view: { -readonly [K in keyof DicomImageDataset]: DicomImageDataset[K] } = { ...frame };
  const petView: { -readonly [K in keyof PetAttributes]: PetAttributes[K] } = { ...pet };
  const dateTimeMs = (tag: string, keyword: string): number | undefined => {
    const value = text(ds, tag);
    return value === undefined ? undefined : parseDicomDateTimeMs(value, [keyword]);
  };

  if (petView.units === undefined) {
    const units = enhancedUnits(ds);
    if (units !== undefined) {
      petView.units = units.units;
      if (units.suvType !== undefined && petView.suvType === undefined) petView.suvType = units.suvType;
      // The values in these units are the mapping's, which need not be the Modality rescale's.
      if (units.mapping !== undefined) {
        view.rescaleSlope = units.mapping.slope;
        view.rescaleIntercept = units.mapping.intercept;
        view.hasRescale = true;
      }
    }
  }
  if (view.acquisitionTime === undefined) {
    const acquisitionMs = dateTimeMs('x00189074', 'FrameAcquisitionDateTime');
    if (acquisitionMs !== undefined) {
      const { date, time } = splitDateTime(acquisitionMs);
      view.acquisitionDate = date;
      view.acquisitionTime = time;
    }
  }
  if (petView.actualFrameDurationMs === undefined) {
    const durationMs = binaryNumber(ds, 'x00189220', 'FD');
    if (durationMs !== undefined) petView.actualFrameDurationMs = durationMs;
  }
  if (petView.correctedImage === undefined) {
    const flags = correctionFlags.filter(([tag]) => text(ds, tag)?.toUpperCase() === 'YES').map(([, value]) => value);
    if (correctionFlags.some(([tag]) => text(ds, tag) !== undefined)) petView.correctedImage = flags;
  }
  const decayCorrected = text(ds, 'x00189758')?.toUpperCase();
  if (petView.decayCorrection === undefined && decayCorrected === 'NO') petView.decayCorrection = 'NONE';
  if (petView.decayCorrection === undefined && decayCorrected === 'YES') {
    const referenceMs = dateTimeMs('x00189701', 'DecayCorrectionDateTime');
    if (referenceMs === undefined) {
      throw missingEnhanced(source, 'DecayCorrectionDateTime', '(0018,9701)', 'required when Decay Corrected is YES');
    }
    const start = pet.radiopharmaceuticals[0]?.radiopharmaceuticalStartDateTime;
    if (start !== undefined && parseDicomDateTimeMs(start, ['RadiopharmaceuticalStartDateTime']) === referenceMs) {
      petView.decayCorrection = 'ADMIN';
    } else {
      petView.decayCorrection = 'START';
      const { date, time } = splitDateTime(referenceMs);
      view.seriesDate = date;
      view.seriesTime = time;
      const frameReferenceMs = dateTimeMs('x00189151', 'FrameReferenceDateTime');
      if (petView.frameReferenceTimeMs === undefined && frameReferenceMs !== undefined) {
        petView.frameReferenceTimeMs = frameReferenceMs - referenceMs;
      }
    }
  }
  view.pet = petView;
  return view;
}

/** Where a frame sits in the multi-frame dimensions (Frame Content, PS3.3 C.7.6.16.2.2). */
function frameIndices(ds: DataSet): { stack?: string; temporalPosition?: number } {
  const stack = text(ds, 'x00209056');
  const temporalPosition = binaryNumber(ds, 'x00209128', 'UL');
  return { ...(stack === undefined ? {} : { stack }), ...(temporalPosition === undefined ? {} : { temporalPosition }) };
}

/**
 * Refuses, with `unsupported` and what was found, a multi-frame object that is not one volume at one time:
 * several stacks (Stack ID), several temporal positions (Temporal Position Index), or frames that repeat a
 * plane position (a dynamic or gated series). Splitting such an object into time points is not done.
 */
export function requireSingleVolume(
  frames: readonly DicomImageDataset[],
  dataSets: readonly DataSet[],
  source: string,
): void {
  const stacks = new Set<string>();
  const temporalPositions = new Set<number>();
  for (const ds of dataSets) {
    const { stack, temporalPosition } = frameIndices(ds);
    if (stack !== undefined) stacks.add(stack);
    if (temporalPosition !== undefined) temporalPositions.add(temporalPosition);
  }
  const positions = new Map<string, number>();
  for (const frame of frames) {
    // A frame without a position is left to the volume assembly, which names the missing attribute.
    if (frame.imagePositionPatientMm === undefined) continue;
    const key = frame.imagePositionPatientMm.map((value) => value.toFixed(3)).join('\\');
    positions.set(key, (positions.get(key) ?? 0) + 1);
  }
  const repeated = Math.max(0, ...positions.values());
  const found: string[] = [];
  if (stacks.size > 1) found.push(`${stacks.size} stacks (Stack ID ${[...stacks].join(', ')})`);
  if (temporalPositions.size > 1) found.push(`${temporalPositions.size} temporal positions (Temporal Position Index)`);
  if (repeated > 1) found.push(`${positions.size} plane positions each repeated up to ${repeated} times`);
  if (found.length === 0) return;
  const message = `${frames.length} frames hold more than one volume: ${found.join('; ')}`;
  throw new BonemetError('unsupported', `${source}: ${message}; a dynamic, gated or multi-stack object is not read`, {
    issues: [
      {
        path: ['PerFrameFunctionalGroupsSequence'],
        message,
        hint: 'export one static volume (one time point, one stack) per object',
      },
    ],
  });
}
