import type { FastifyRequest } from 'fastify';
import { recordAudit } from '../audit/record-audit.js';
import { requireRoles } from '../auth/access.js';
import type { Role } from '../db/schema.js';
import type { Database } from '../db/open-database.js';
import { ApiError } from '../http/api-error.js';
import { findPatient, type PatientRow } from './patient-store.js';
import { researchIdSchema } from './patient-schemas.js';

/** The research id in the route's params, when it is one (for audit rows of refused requests). */
function requestedPatient(request: FastifyRequest): string | undefined {
  const params = request.params;
  if (typeof params !== 'object' || params === null || !('patientId' in params)) return undefined;
  const parsed = researchIdSchema.safeParse(params.patientId);
  return parsed.success ? parsed.data : undefined;
}

/**
 * An onRequest guard for patient routes: 401 without a session; for a role not allowed, an audit row with
 * outcome `denied` (who tried what on which patient), then 403.
 */
export function patientGuard(
  db: Database,
  roles: readonly Role[],
  action: string,
  resourceType: string,
): ReturnType<typeof requireRoles> {
  return requireRoles(roles, async (request) => {
    const patient = requestedPatient(request);
    await recordAudit(db, request, {
      action,
      resourceType,
      outcome: 'denied',
      ...(patient === undefined ? {} : { patientResearchIds: [patient] }),
    });
  });
}

/** The patient row, or a 404 (audited as failed) when no patient has this research id. */
export async function loadPatient(
  db: Database,
  request: FastifyRequest,
  researchId: string,
  action: string,
  resourceType: string,
): Promise<PatientRow> {
  const row = await findPatient(db, researchId);
  if (row === undefined) {
    await recordAudit(db, request, { action, resourceType, outcome: 'failed', patientResearchIds: [researchId] });
    throw new ApiError(404, 'not_found', `no patient ${researchId}`, [
      { path: ['patientId'], message: 'unknown patient id' },
    ]);
  }
  return row;
}
