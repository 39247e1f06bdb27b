import { isIsoDate } from '@bonemet/core';
import { MAX_REPORTED_AGE_YEARS, type DeidentifiedPatient } from '../patients/patient-schemas.js';

/**
 * De-identification for researchers, in the spirit of the DICOM PS3.15 Annex E basic profile:
 * names, MRN and birth date are removed; the age is given in whole years (capped at 90, HIPAA Safe Harbor);
 * every clinical date is shifted by a per-patient offset kept secret on the server, as in the "Retain
 * Longitudinal Temporal Information with Modified Dates" option: intervals between a patient's dates stay
 * exact, calendar dates are not disclosed. The offset is drawn once per patient (see `randomDateShiftDays`).
 */

const DAY_MS = 86_400_000;

/** Keys whose ISO date values are shifted; every date field of the clinical record schemas is listed. */
const DATE_KEYS = new Set(['date', 'startDate', 'endDate', 'firstSeen', 'sampledOn', 'assessedOn']);

/** A date shift for a new patient: 1 to 365 days into the past, uniformly, never zero. */
export function randomDateShiftDays(random: () => number = Math.random): number {
  return -(1 + Math.floor(random() * 365));
}

/** Adds `days` to a YYYY-MM-DD date (UTC calendar arithmetic). */
export function shiftIsoDate(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** A copy of `value` with every date field (see DATE_KEYS), at any depth, shifted by `days`. */
export function shiftRecordDates<T>(value: T, days: number): T {
  return shiftUnknown(value, days) as T;
}

function shiftUnknown(value: unknown, days: number): unknown {
  if (Array.isArray(value)) return value.map((item: unknown) => shiftUnknown(item, days));
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    out[key] = DATE_KEYS.has(key) && isIsoDate(child) ? shiftIsoDate(child, days) : shiftUnknown(child, days);
  }
  return out;
}

/** Whole years from `birthDate` to `today` (both YYYY-MM-DD): the birthday counts from its day. */
export function ageInYears(birthDate: string, today: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  const hadBirthday = tm > bm || (tm === bm && td >= bd);
  return ty - by - (hadBirthday ? 0 : 1);
}

export interface PatientRowForView {
  readonly researchId: string;
  readonly sex: 'female' | 'male' | 'other' | 'unknown';
  readonly birthDate: string | null;
  readonly synthetic: boolean;
}

/** The researcher view of a patient. */
export function deidentifiedPatient(row: PatientRowForView, today: string): DeidentifiedPatient {
  return {
    id: row.researchId,
    sex: row.sex,
    synthetic: row.synthetic,
    ...(row.birthDate === null ? {} : { ageYears: Math.min(MAX_REPORTED_AGE_YEARS, ageInYears(row.birthDate, today)) }),
  };
}
