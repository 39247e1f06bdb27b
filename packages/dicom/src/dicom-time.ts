/**
 * DICOM date and time values (DA, TM, DT; PS3.5 Table 6.2-1) as milliseconds on a time-zone-free clock.
 *
 * Every time in one PET series is local time of the same site, so differences between them are exact
 * without knowing the zone: values are placed on a UTC clock only as a counting device. A DT offset
 * suffix (`+0100`) states the zone of that same local time and is therefore ignored, not applied
 * (applying it would shift a DT against the DA/TM values of the same header).
 */
import { BonemetError } from '@bonemet/core';

const msPerSecond = 1000;

function invalidTime(kind: string, value: string, path: readonly (string | number)[]): BonemetError {
  return new BonemetError('invalid_input', `${kind} value "${value}" is not a valid DICOM ${kind}`, {
    issues: [{ path, message: `not a valid DICOM ${kind}: "${value}"` }],
  });
}

/** Parses a DA (YYYYMMDD) into milliseconds of its midnight. */
export function parseDicomDateMs(value: string, path: readonly (string | number)[] = []): number {
  const text = value.trim();
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (match === null) throw invalidTime('DA', value, path);
  const [, year, month, day] = match.map(Number) as [number, number, number, number];
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) throw invalidTime('DA', value, path);
  return ms;
}

/**
 * Parses a TM (HH, HHMM, HHMMSS, HHMMSS.FFFFFF) into milliseconds since midnight. The fraction is read as
 * a decimal fraction of a second, keeping leading zeros ("45.05" is 45.05 s, not 45.5 s).
 */
export function parseDicomTimeMs(value: string, path: readonly (string | number)[] = []): number {
  const text = value.trim();
  // Also accepts the retired HH:MM:SS form (PS3.5 keeps it readable for older files).
  const match = /^(\d{2})(?::?(\d{2})(?::?(\d{2})(\.\d{1,6})?)?)?$/.exec(text);
  if (match === null) throw invalidTime('TM', value, path);
  const hours = Number(match[1]);
  const minutes = Number(match[2] ?? '0');
  const seconds = Number(match[3] ?? '0') + Number(match[4] ?? '0');
  if (hours > 23 || minutes > 59 || seconds >= 61) throw invalidTime('TM', value, path);
  return ((hours * 60 + minutes) * 60 + seconds) * msPerSecond;
}

/** Parses a DT (YYYYMMDDHHMMSS.FFFFFF&ZZXX, components after the year optional) into milliseconds. */
export function parseDicomDateTimeMs(value: string, path: readonly (string | number)[] = []): number {
  const text = value.trim();
  const match = /^(\d{4})(\d{2})?(\d{2})?(\d{2}(?:\d{2}(?:\d{2}(?:\.\d{1,6})?)?)?)?([+-]\d{4})?$/.exec(text);
  if (match === null) throw invalidTime('DT', value, path);
  const date = `${match[1] ?? ''}${match[2] ?? '01'}${match[3] ?? '01'}`;
  const dateMs = parseDicomDateMs(date, path);
  return dateMs + (match[4] === undefined ? 0 : parseDicomTimeMs(match[4], path));
}

/** Combines a DA and a TM into milliseconds. */
export function combineDateTimeMs(date: string, time: string, path: readonly (string | number)[] = []): number {
  return parseDicomDateMs(date, path) + parseDicomTimeMs(time, path);
}

/** Formats milliseconds on the same clock as an ISO-like local date-time (no zone), for messages and output. */
export function formatClockMs(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '').replace('T', ' ');
}
