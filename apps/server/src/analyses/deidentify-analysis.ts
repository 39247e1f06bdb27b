/**
 * The researcher copy of analysis answers: every calendar date (in any field or text, image names included)
 * shifted by the patient's secret offset (the "modified dates" option of DICOM PS3.15 Annex E, as the rest of
 * the API does), DICOM instance UIDs removed, the patient named by the research pseudonym.
 */
import { shiftIsoDate } from '../privacy/deidentify.js';

const ISO_DATE_IN_TEXT = /(?<!\d)(\d{4}-\d{2}-\d{2})(?!\d)/g;
/** Study, series and SOP instance UIDs identify the examination in the hospital's PACS. */
const UID_KEY = /InstanceUids?$/i;

export function shiftDatesInText(text: string, days: number): string {
  return text.replace(ISO_DATE_IN_TEXT, (date) =>
    Number.isNaN(Date.parse(`${date}T00:00:00Z`)) ? date : shiftIsoDate(date, days),
  );
}

/** A deep copy with dates shifted and instance UIDs dropped (see the module comment). */
export function deidentifiedPayload(value: unknown, days: number, researchId: string, key?: string): unknown {
  if (typeof value === 'string') return key === 'patientId' ? researchId : shiftDatesInText(value, days);
  if (Array.isArray(value)) return value.map((item: unknown) => deidentifiedPayload(item, days, researchId));
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([childKey]) => !UID_KEY.test(childKey))
      .map(([childKey, child]) => [childKey, deidentifiedPayload(child, days, researchId, childKey)]),
  );
}
