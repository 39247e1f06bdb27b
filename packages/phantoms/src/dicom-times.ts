/** DICOM DA/TM/DT strings from milliseconds since 1970 on the header clock (no time zone: UTC arithmetic). */

/** Milliseconds of a DA (YYYYMMDD) plus a TM (HHMMSS) at midnight UTC. */
export function dateTimeMs(date: string, time: string): number {
  const n = (text: string, from: number, to: number): number => Number(text.slice(from, to));
  return Date.UTC(n(date, 0, 4), n(date, 4, 6) - 1, n(date, 6, 8), n(time, 0, 2), n(time, 2, 4), n(time, 4, 6));
}

const two = (value: number): string => String(value).padStart(2, '0');

export function formatDa(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}${two(d.getUTCMonth() + 1)}${two(d.getUTCDate())}`;
}

/** TM as HHMMSS, with .fff when the time is not a whole second. */
export function formatTm(ms: number): string {
  const d = new Date(ms);
  const whole = `${two(d.getUTCHours())}${two(d.getUTCMinutes())}${two(d.getUTCSeconds())}`;
  const millis = d.getUTCMilliseconds();
  return millis === 0 ? whole : `${whole}.${String(millis).padStart(3, '0')}`;
}

export function formatDt(ms: number): string {
  return `${formatDa(ms)}${formatTm(ms)}`;
}
