/** Per-patient response status and alert count, for the patient list's columns and filters. */
import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../db/open-database.js';
import { statusFromSummaryOr, type ResponseStatus } from './response-status.js';

interface Rows<T> {
  readonly rows: T[];
}

const onlyPatients = (patientRowIds: readonly string[] | undefined, column: SQL): SQL =>
  patientRowIds === undefined
    ? sql`TRUE`
    : patientRowIds.length === 0
      ? sql`FALSE`
      : sql`${column} IN (${sql.join(
          patientRowIds.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})`;

/**
 * The response status of each patient with a response-timeline result, from the latest result's summary or
 * last time point (only those small parts of each payload are read). All patients when `patientRowIds` is absent.
 */
export async function responseStatusByPatient(
  db: Database,
  patientRowIds?: readonly string[],
): Promise<Map<string, ResponseStatus | null>> {
  const result = (await db.execute(sql`
    SELECT DISTINCT ON (runs.patient_id)
      runs.patient_id AS patient_id,
      results.payload -> 'summary' AS summary,
      coalesce(results.payload -> 'timeline', results.payload) -> 'points' -> -1 -> 'assessment' AS assessment
    FROM analysis_results results
    JOIN analysis_runs runs ON runs.id = results.run_id
    WHERE runs.kind = 'response-timeline' AND ${onlyPatients(patientRowIds, sql`runs.patient_id`)}
    ORDER BY runs.patient_id, results.created_at DESC
  `)) as Rows<{ patient_id: string; summary: unknown; assessment: unknown }>;
  return new Map(result.rows.map((row) => [row.patient_id, statusFromSummaryOr(row.summary, row.assessment).status]));
}

export interface AlertCounts {
  /** Urgent alerts of the latest recommendation. */
  readonly urgent: number;
  /** Alerts of any strength of the latest recommendation. */
  readonly any: number;
}

/** Alert counts of each patient's latest stored recommendation report (`alerts[].strength`). */
export async function alertCountsByPatient(
  db: Database,
  patientRowIds?: readonly string[],
): Promise<Map<string, AlertCounts>> {
  const result = (await db.execute(sql`
    SELECT patient_id,
      (SELECT count(*) FROM jsonb_array_elements(alerts) AS alert WHERE alert ->> 'strength' = 'urgent')::int AS urgent,
      jsonb_array_length(alerts)::int AS any_count
    FROM (
      SELECT DISTINCT ON (patient_id) patient_id,
        CASE WHEN jsonb_typeof(payload -> 'alerts') = 'array' THEN payload -> 'alerts' ELSE '[]'::jsonb END AS alerts
      FROM recommendations
      WHERE ${onlyPatients(patientRowIds, sql`patient_id`)}
      ORDER BY patient_id, created_at DESC
    ) latest
  `)) as Rows<{ patient_id: string; urgent: number; any_count: number }>;
  return new Map(result.rows.map((row) => [row.patient_id, { urgent: row.urgent, any: row.any_count }]));
}
