import type { IngestOutcome } from './ingest-instances.js';

/** A DICOM JSON data set (PS3.18 Annex F): tag → { vr, Value }. */
export type DicomJson = Record<string, { vr: string; Value?: unknown[] }>;

/** Tags of the STOW-RS response (PS3.18 §10.5.3, Table 10.5.3-1). */
const TAG = {
  failureReason: '00081197',
  failedSopSequence: '00081198',
  referencedSopSequence: '00081199',
  referencedSopClassUid: '00081150',
  referencedSopInstanceUid: '00081155',
  /** Error Comment (0000,0902): the reason in words, as DIMSE status responses carry it. */
  errorComment: '00000902',
} as const;

/**
 * The STOW-RS response body: ReferencedSOPSequence for stored instances (no RetrieveURL: this server
 * has no WADO-RS retrieve),
 * FailedSOPSequence with a FailureReason and an Error Comment for the others.
 */
export function stowResponse(outcome: IngestOutcome): DicomJson {
  const body: DicomJson = {};
  if (outcome.referenced.length > 0) {
    body[TAG.referencedSopSequence] = {
      vr: 'SQ',
      Value: outcome.referenced.map((ref) => ({
        [TAG.referencedSopClassUid]: { vr: 'UI', Value: [ref.sopClassUid] },
        [TAG.referencedSopInstanceUid]: { vr: 'UI', Value: [ref.sopInstanceUid] },
      })),
    };
  }
  if (outcome.failed.length > 0) {
    body[TAG.failedSopSequence] = {
      vr: 'SQ',
      Value: outcome.failed.map((failure) => ({
        ...(failure.sopClassUid === undefined
          ? {}
          : { [TAG.referencedSopClassUid]: { vr: 'UI', Value: [failure.sopClassUid] } }),
        ...(failure.sopInstanceUid === undefined
          ? {}
          : { [TAG.referencedSopInstanceUid]: { vr: 'UI', Value: [failure.sopInstanceUid] } }),
        [TAG.failureReason]: { vr: 'US', Value: [failure.failureReason] },
        [TAG.errorComment]: { vr: 'LO', Value: [failure.message] },
      })),
    };
  }
  return body;
}

/**
 * The STOW-RS status (PS3.18 §10.5.3): 200 when every instance was stored, 202 when some failed, 409
 * when none was stored.
 */
export function stowStatus(outcome: IngestOutcome): 200 | 202 | 409 {
  if (outcome.failed.length === 0) return 200;
  return outcome.referenced.length > 0 ? 202 : 409;
}
