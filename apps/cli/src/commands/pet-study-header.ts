import { BonemetError } from '@bonemet/core';
import { injectionTime, scanReference, type PetSuvSlice } from '@bonemet/dicom';

/** DICOM DA "YYYYMMDD" → "YYYY-MM-DD", or undefined. */
export function isoDate(dicomDate: string | undefined): string | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(dicomDate?.trim() ?? '');
  return match === null ? undefined : `${match[1] ?? ''}-${match[2] ?? ''}-${match[3] ?? ''}`;
}

/**
 * Uptake time, minutes: from the injection to the scan start, the earliest decay reference time of the
 * series as the SUV conversion determines it (QIBA order: Series Date/Time, GE private scan time,
 * back-computation, earliest acquisition). Undefined when the header does not give both times.
 */
export function uptakeTimeMin(slices: readonly PetSuvSlice[]): number | undefined {
  const first = slices[0];
  if (first === undefined) return undefined;
  try {
    const scanMs = Math.min(...scanReference(slices, first.radionuclideHalfLifeS).perSliceMs);
    return (scanMs - injectionTime(first, scanMs).ms) / 60_000;
  } catch (error) {
    if (error instanceof BonemetError) return undefined;
    throw error;
  }
}
