/**
 * The times SUV decay correction needs: the decay reference (scan) time of each slice for
 * DecayCorrection START, and the injection time.
 */
import { BonemetError } from '@bonemet/core';
import { combineDateTimeMs, parseDicomDateTimeMs } from '../dicom-time.js';
import type { PetSuvSlice } from './pet-suv-slice.js';

const dayMs = 24 * 3600 * 1000;

/** Where the decay reference time of a START-corrected series came from. */
export type ScanReferenceSource =
  'SeriesDateTime' | 'GEPrivateScanDateTime' | 'FrameReferenceTimeBackComputation' | 'EarliestAcquisitionDateTime';

export interface ScanReference {
  readonly source: ScanReferenceSource;
  /** Decay reference time of each slice, ms on the header clock, in input order. */
  readonly perSliceMs: readonly number[];
}

function missingTime(what: string, path: readonly (string | number)[], hint: string): BonemetError {
  return new BonemetError('missing_data', `cannot compute SUV: ${what}`, { issues: [{ path, message: what, hint }] });
}

/** Acquisition start of a slice (AcquisitionDate, else SeriesDate, with AcquisitionTime), or undefined. */
export function acquisitionMs(slice: PetSuvSlice, index: number): number | undefined {
  const date = slice.acquisitionDate ?? slice.seriesDate;
  if (slice.acquisitionTime === undefined || date === undefined) return undefined;
  return combineDateTimeMs(date, slice.acquisitionTime, [index, 'acquisitionTime']);
}

/**
 * Mean-count time offset within a frame, T_ave = (1/λ)·ln(λT / (1 − e^(−λT))) (DICOM PS3.3 C.8.9.4.1.5,
 * Frame Reference Time), in ms.
 */
export function meanCountTimeOffsetMs(frameDurationMs: number, halfLifeS: number): number {
  const lambdaPerMs = Math.LN2 / (halfLifeS * 1000);
  const x = lambdaPerMs * frameDurationMs;
  return Math.log(x / -Math.expm1(-x)) / lambdaPerMs;
}

/**
 * Decay reference time for DecayCorrection START, in the order of the QIBA vendor-neutral SUV
 * pseudo-code (2018-06-26):
 * 1. Series Date/Time when it is not after the earliest Acquisition Date/Time;
 * 2. otherwise (a post-processed series) the GE private (0009,100D) scan datetime;
 * 3. otherwise back-computed per slice: t_acq + T_ave − FrameReferenceTime, the pseudo-code's
 *    alternative it calls "reliable in all cases"; needed by IBSI DRO_3_2, where the earliest
 *    acquisition time is 1.6 % off. Only when every slice has FrameReferenceTime > 0 and a frame
 *    duration: GE writes FrameReferenceTime 0, which is not an offset (vendor case CPS_AND_BQML);
 * 4. otherwise the earliest Acquisition Date/Time of the series.
 */
export function scanReference(slices: readonly PetSuvSlice[], halfLifeS: number | undefined): ScanReference {
  const first = slices[0];
  const acquisitions = slices.map((slice, index) => acquisitionMs(slice, index));
  const known = acquisitions.filter((ms): ms is number => ms !== undefined);
  const earliestMs = known.length === acquisitions.length && known.length > 0 ? Math.min(...known) : undefined;
  const seriesMs =
    first?.seriesDate !== undefined && first.seriesTime !== undefined
      ? combineDateTimeMs(first.seriesDate, first.seriesTime, [0, 'seriesTime'])
      : undefined;
  const all = (ms: number): ScanReference => ({ source: 'SeriesDateTime', perSliceMs: slices.map(() => ms) });

  if (seriesMs !== undefined && (earliestMs === undefined || seriesMs <= earliestMs)) return all(seriesMs);
  if (first?.geScanDateTime !== undefined) {
    const geMs = parseDicomDateTimeMs(first.geScanDateTime, [0, 'geScanDateTime']);
    return { source: 'GEPrivateScanDateTime', perSliceMs: slices.map(() => geMs) };
  }
  const canBackCompute =
    halfLifeS !== undefined &&
    slices.every(
      (slice, index) =>
        acquisitions[index] !== undefined &&
        (slice.frameReferenceTimeMs ?? 0) > 0 &&
        (slice.actualFrameDurationMs ?? 0) > 0,
    );
  if (canBackCompute) {
    return {
      source: 'FrameReferenceTimeBackComputation',
      perSliceMs: slices.map(
        (slice, index) =>
          (acquisitions[index] ?? 0) +
          meanCountTimeOffsetMs(slice.actualFrameDurationMs ?? 0, halfLifeS) -
          (slice.frameReferenceTimeMs ?? 0),
      ),
    };
  }
  if (earliestMs !== undefined) {
    return { source: 'EarliestAcquisitionDateTime', perSliceMs: slices.map(() => earliestMs) };
  }
  throw missingTime(
    'no usable scan time (Series Date/Time, Acquisition Date/Time)',
    [0, 'seriesTime'],
    'the series needs Series Date and Time or Acquisition Date and Time on every slice',
  );
}

export interface InjectionTime {
  readonly ms: number;
  readonly source: 'RadiopharmaceuticalStartDateTime' | 'RadiopharmaceuticalStartTime';
  /** True when a start time alone fell after the scan and was moved to the previous day. */
  readonly movedToPreviousDay: boolean;
}

/**
 * Injection time: Radiopharmaceutical Start DateTime, else Start Time on the Series Date (else the
 * Acquisition Date). A start time alone that falls after `scanMs` is taken as the evening before
 * (injection before midnight, IBSI DRO_4_2). A full DateTime after the scan is an error.
 */
export function injectionTime(slice: PetSuvSlice, scanMs: number): InjectionTime {
  if (slice.radiopharmaceuticalStartDateTime !== undefined) {
    const ms = parseDicomDateTimeMs(slice.radiopharmaceuticalStartDateTime, [0, 'radiopharmaceuticalStartDateTime']);
    if (ms > scanMs) {
      throw new BonemetError('invalid_input', 'the radiopharmaceutical start datetime is after the scan', {
        issues: [
          { path: [0, 'radiopharmaceuticalStartDateTime'], message: 'injection after the decay reference time' },
        ],
      });
    }
    return { ms, source: 'RadiopharmaceuticalStartDateTime', movedToPreviousDay: false };
  }
  if (slice.radiopharmaceuticalStartTime !== undefined) {
    const date = slice.seriesDate ?? slice.acquisitionDate;
    if (date === undefined) {
      throw missingTime('no date for the radiopharmaceutical start time', [0, 'seriesDate'], 'give Series Date');
    }
    const sameDayMs = combineDateTimeMs(date, slice.radiopharmaceuticalStartTime, [0, 'radiopharmaceuticalStartTime']);
    const moved = sameDayMs > scanMs;
    return {
      ms: moved ? sameDayMs - dayMs : sameDayMs,
      source: 'RadiopharmaceuticalStartTime',
      movedToPreviousDay: moved,
    };
  }
  throw missingTime(
    'no injection time (Radiopharmaceutical Start DateTime or Start Time)',
    [0, 'radiopharmaceuticalStartTime'],
    'the Radiopharmaceutical Information Sequence needs the injection time',
  );
}
