import { z } from 'zod';
import { ACCESS, hasIdentifiedAccess, requireAuth } from '../auth/access.js';
import { recordAudit } from '../audit/record-audit.js';
import { ApiError, commonErrorResponses, errorResponseSchema } from '../http/api-error.js';
import type { AppContext, ZodApp } from '../http/app-context.js';
import { loadPatient, patientGuard } from '../patients/patient-access.js';
import {
  patientCreateSchema,
  patientListItemSchema,
  patientParamsSchema,
  patientUpdateSchema,
  patientViewSchema,
  type PatientView,
} from '../patients/patient-schemas.js';
import {
  identifiedPatient,
  insertPatient,
  listPatients,
  updatePatient,
  type PatientRow,
} from '../patients/patient-store.js';
import { deidentifiedPatient } from '../privacy/deidentify.js';
import type { AuthContext } from '../auth/session-store.js';
import { alertCountsByPatient, responseStatusByPatient } from '../analyses/patient-status.js';
import type { Database } from '../db/open-database.js';

const listQuerySchema = z.strictObject({
  q: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .describe('Search: part of the family or given name, or the start of the MRN (clinicians and admins only)'),
  synthetic: z.enum(['true', 'false']).optional().describe('Only synthetic (true) or only real (false) patients'),
  response: z
    .enum(['progression', 'stable', 'response', 'none'])
    .optional()
    .describe('Latest response status: progression, stable, response, or none (no response assessment yet)'),
  alerts: z
    .enum(['urgent', 'any'])
    .optional()
    .describe('Only patients whose latest recommendation has urgent alerts (urgent) or any alert (any)'),
  limit: z.coerce.number().int().min(1).max(100).default(25).describe('Page size, 1–100'),
  offset: z.coerce.number().int().min(0).default(0).describe('Patients to skip'),
});

const patientPageSchema = z.strictObject({
  items: z
    .array(patientListItemSchema)
    .describe('Patients: identified for clinicians, de-identified for researchers; with response status and alerts'),
  total: z.number().int().describe('Patients matching the query'),
  limit: z.number().int().describe('Page size'),
  offset: z.number().int().describe('Patients skipped'),
});

function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Row ids of the patients a response or alert filter keeps (`only`), or leaves out (`except`, for `none`). */
async function filteredPatientIds(
  db: Database,
  filters: { readonly response?: string | undefined; readonly alerts?: string | undefined },
): Promise<{ only?: string[]; except?: string[] }> {
  let only: string[] | undefined;
  let except: string[] | undefined;
  if (filters.response !== undefined) {
    const statuses = await responseStatusByPatient(db);
    const assessed = [...statuses].filter(([, status]) => status !== null);
    if (filters.response === 'none') except = assessed.map(([id]) => id);
    else only = assessed.filter(([, status]) => status === filters.response).map(([id]) => id);
  }
  if (filters.alerts !== undefined) {
    const counts = await alertCountsByPatient(db);
    const alerted = [...counts]
      .filter(([, count]) => (filters.alerts === 'urgent' ? count.urgent : count.any) > 0)
      .map(([id]) => id);
    only = only === undefined ? alerted : only.filter((id) => alerted.includes(id));
  }
  return { ...(only === undefined ? {} : { only }), ...(except === undefined ? {} : { except }) };
}

/** The view of a patient the user's role may see. */
export function patientViewFor(auth: AuthContext, row: PatientRow): PatientView {
  return hasIdentifiedAccess(auth) ? identifiedPatient(row) : deidentifiedPatient(row, todayUtc());
}

export function registerPatientRoutes(app: ZodApp, context: AppContext): void {
  const { db } = context;

  app.get(
    '/api/patients',
    {
      onRequest: patientGuard(db, ACCESS.readPatients, 'patient.list', 'patient'),
      schema: {
        summary: 'List patients (paged); search by name or MRN for clinicians',
        tags: ['patients'],
        querystring: listQuerySchema,
        response: { 200: patientPageSchema, ...commonErrorResponses },
      },
    },
    async (request) => {
      const auth = requireAuth(request);
      const { q, synthetic, response, alerts, limit, offset } = request.query;
      const identified = hasIdentifiedAccess(auth);
      if (q !== undefined && !identified) {
        await recordAudit(db, request, { action: 'patient.search', resourceType: 'patient', outcome: 'denied' });
        throw new ApiError(403, 'forbidden', 'searching by name or MRN needs identified access (clinician or admin)', [
          { path: ['q'], message: 'not available to the researcher role' },
        ]);
      }
      const ids = await filteredPatientIds(db, { response, alerts });
      const { rows, total } = await listPatients(db, {
        search: q,
        synthetic: synthetic === undefined ? undefined : synthetic === 'true',
        onlyIds: ids.only,
        exceptIds: ids.except,
        orderBy: identified ? 'name' : 'researchId',
        limit,
        offset,
      });
      await recordAudit(db, request, {
        action: q === undefined ? 'patient.list' : 'patient.search',
        resourceType: 'patient',
        outcome: 'success',
        patientResearchIds: rows.map((row) => row.researchId),
      });
      const pageIds = rows.map((row) => row.id);
      const [statuses, alertCounts] = await Promise.all([
        responseStatusByPatient(db, pageIds),
        alertCountsByPatient(db, pageIds),
      ]);
      const items = rows.map((row) => ({
        ...patientViewFor(auth, row),
        responseStatus: statuses.get(row.id) ?? null,
        alertCount: alertCounts.get(row.id)?.urgent ?? 0,
      }));
      return { items, total, limit, offset };
    },
  );

  app.post(
    '/api/patients',
    {
      onRequest: patientGuard(db, ACCESS.identifiedPatients, 'patient.create', 'patient'),
      schema: {
        summary: 'Create a patient (clinicians and admins); the server assigns the research id',
        tags: ['patients'],
        body: patientCreateSchema,
        response: { 201: patientViewSchema, 409: errorResponseSchema, ...commonErrorResponses },
      },
    },
    async (request, reply) => {
      const row = await insertPatient(db, request.body);
      await recordAudit(db, request, {
        action: 'patient.create',
        resourceType: 'patient',
        resourceId: row.researchId,
        outcome: 'success',
        patientResearchIds: [row.researchId],
      });
      return reply.status(201).send(identifiedPatient(row));
    },
  );

  app.get(
    '/api/patients/:patientId',
    {
      onRequest: patientGuard(db, ACCESS.readPatients, 'patient.read', 'patient'),
      schema: {
        summary: 'One patient: identified for clinicians, de-identified for researchers',
        tags: ['patients'],
        params: patientParamsSchema,
        response: { 200: patientViewSchema, ...commonErrorResponses },
      },
    },
    async (request) => {
      const auth = requireAuth(request);
      const { patientId } = request.params;
      const row = await loadPatient(db, request, patientId, 'patient.read', 'patient');
      await recordAudit(db, request, {
        action: 'patient.read',
        resourceType: 'patient',
        resourceId: patientId,
        outcome: 'success',
        patientResearchIds: [patientId],
      });
      return patientViewFor(auth, row);
    },
  );

  app.patch(
    '/api/patients/:patientId',
    {
      onRequest: patientGuard(db, ACCESS.identifiedPatients, 'patient.update', 'patient'),
      schema: {
        summary: 'Change a patient (clinicians and admins)',
        tags: ['patients'],
        params: patientParamsSchema,
        body: patientUpdateSchema,
        response: { 200: patientViewSchema, 409: errorResponseSchema, ...commonErrorResponses },
      },
    },
    async (request) => {
      const { patientId } = request.params;
      const row = await updatePatient(db, patientId, request.body);
      if (row === undefined) {
        await loadPatient(db, request, patientId, 'patient.update', 'patient');
        throw new ApiError(404, 'not_found', `no patient ${patientId}`);
      }
      await recordAudit(db, request, {
        action: 'patient.update',
        resourceType: 'patient',
        resourceId: patientId,
        outcome: 'success',
        patientResearchIds: [patientId],
      });
      return identifiedPatient(row);
    },
  );
}
