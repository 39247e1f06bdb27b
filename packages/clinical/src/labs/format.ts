/**
 * Number and unit formatting for result text. Internal to the laboratory and drug rules: results keep
 * their unrounded numbers in typed fields, and only the text a clinician reads is rounded.
 */

/** Rounds to at most `maxDecimals` places and drops trailing zeros: 80 → "80", 67.96 → "68", 2.5 → "2.5". */
export function formatNumber(value: number, maxDecimals: number): string {
  const rounded = Number(value.toFixed(maxDecimals));
  // Avoid "-0" when a small negative change rounds to zero.
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

/** Writes a change with its sign: +0.6, −0.2, 0. */
export function formatSignedNumber(value: number, maxDecimals: number): string {
  const text = formatNumber(value, maxDecimals);
  if (text === '0') return text;
  return value > 0 ? `+${text}` : `−${text.slice(1)}`;
}

/** Input units are ASCII (`umol/L`) so they can be typed anywhere; text output uses the micro sign. */
export function formatUnit(unit: string): string {
  return unit === 'umol/L' ? 'µmol/L' : unit;
}

/** A value with its unit for text output, e.g. `88.4 µmol/L`. */
export function formatQuantity(value: number, unit: string, maxDecimals: number): string {
  return `${formatNumber(value, maxDecimals)} ${formatUnit(unit)}`;
}
