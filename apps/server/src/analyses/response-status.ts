/**
 * The response status of a patient from the latest response-timeline result: the last time point's
 * assessment by the criteria packages/response applied (PERCIST 1.0, RECIST 1.1 bone, MDA, flare-aware bone
 * scan). The response job states it in `summary` ({ category, responseStatus }); for a payload without that
 * summary it is derived here: progression by any criterion wins (a new bone lesion is progression whatever
 * the PET shows), then response by any, then stable when any criterion gave a category.
 */

export const responseStatuses = ['progression', 'stable', 'response'] as const;
export type ResponseStatus = (typeof responseStatuses)[number];

const record = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** The packages/response Timeline of a stored payload: at its top level, or under `timeline`. */
export function timelineOf(payload: unknown): Record<string, unknown> | undefined {
  const top = record(payload);
  return record(top?.timeline) ?? top;
}

/** The last time point's assessment of a Timeline. */
export function lastAssessment(timeline: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  const points = timeline?.points;
  if (!Array.isArray(points) || points.length === 0) return undefined;
  return record(record(points[points.length - 1])?.assessment);
}

export interface AssessedStatus {
  readonly status: ResponseStatus | null;
  readonly category: string | null;
}

/** Status and headline category of one time point's assessment (see the module comment). */
export function statusOfAssessment(assessment: Record<string, unknown> | undefined): AssessedStatus {
  if (assessment === undefined) return { status: null, category: null };
  const percist = record(assessment.percist);
  const recist = record(assessment.recist);
  const mda = record(assessment.mda);
  const boneScan = record(assessment.boneScan);
  const percistCategory = text(percist?.vsBaseline);
  const recistCategory = text(recist?.category);
  const mdaCategory = text(mda?.category);
  const boneScanStatus = text(boneScan?.status);
  const category = percistCategory ?? mdaCategory ?? recistCategory ?? boneScanStatus ?? null;
  const progression =
    percistCategory === 'PMD' ||
    percist?.vsNadirProgression === true ||
    recistCategory === 'PD' ||
    mdaCategory === 'PD' ||
    boneScanStatus === 'progression' ||
    boneScanStatus === 'progression_confirmed';
  if (progression) return { status: 'progression', category };
  const response =
    percistCategory === 'CMR' ||
    percistCategory === 'PMR' ||
    recistCategory === 'CR' ||
    recistCategory === 'PR' ||
    mdaCategory === 'CR' ||
    mdaCategory === 'PR';
  if (response) return { status: 'response', category };
  return { status: category === null ? null : 'stable', category };
}

const isStatus = (value: unknown): value is ResponseStatus =>
  typeof value === 'string' && (responseStatuses as readonly string[]).includes(value);

/** Status and category from the job's `summary` when it has one, else from the last point's assessment. */
export function statusFromSummaryOr(summary: unknown, assessment: unknown): AssessedStatus {
  const stated = record(summary);
  if (stated !== undefined && (isStatus(stated.responseStatus) || stated.responseStatus === null)) {
    return { status: stated.responseStatus, category: text(stated.category) ?? null };
  }
  return statusOfAssessment(record(assessment));
}

/** Status and category of a stored response-timeline payload. */
export function statusOfResponsePayload(payload: unknown): AssessedStatus {
  const timeline = timelineOf(payload);
  return statusFromSummaryOr(record(payload)?.summary ?? timeline?.summary, lastAssessment(timeline));
}
