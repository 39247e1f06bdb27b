import { z } from 'zod';

/** A calendar date written YYYY-MM-DD (ISO 8601) that exists: 2026-02-30 and 2023-02-29 are refused. */
export const isoDateSchema = z.iso.date().describe('Calendar date YYYY-MM-DD (ISO 8601); must exist in the calendar');

export type IsoDate = z.output<typeof isoDateSchema>;

export function isIsoDate(value: unknown): value is IsoDate {
  return isoDateSchema.safeParse(value).success;
}

/**
 * The message for an end date before its start date, or undefined when the order is fine or either
 * date is absent or invalid (an invalid date is reported by its own field). YYYY-MM-DD strings compare
 * in calendar order.
 */
export function endBeforeStartMessage(startDate: unknown, endDate: unknown): string | undefined {
  if (!isIsoDate(startDate) || !isIsoDate(endDate)) return undefined;
  return endDate < startDate ? `end date ${endDate} is before the start date ${startDate}` : undefined;
}
