import { multipartBoundary, parseMediaType, parseMultipart } from '@bonemet/dicom';
import { count, countDistinct, eq } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ACCESS } from '../auth/access.js';
import { recordAudit } from '../audit/record-audit.js';
import { instances, series, studies } from '../db/schema.js';
import { ApiError, commonErrorResponses, errorResponseSchema } from '../http/api-error.js';
import type { AppContext, ZodApp } from '../http/app-context.js';
import { ingestInstances, type IngestFile, type IngestOutcome } from '../ingest/ingest-instances.js';
import { stowResponse, stowStatus } from '../ingest/stow-response.js';
import { loadPatient, patientGuard } from '../patients/patient-access.js';
import { patientParamsSchema } from '../patients/patient-schemas.js';
import type { PatientRow } from '../patients/patient-store.js';

const dicomJsonSchema = z.record(z.string(), z.unknown()).describe('STOW-RS response, DICOM JSON (PS3.18 §10.5.3)');

const uploadQuerySchema = z.strictObject({
  assign: z
    .enum(['true', 'false'])
    .default('false')
    .describe('true: store files whose PatientID differs from the patient MRN under this patient anyway'),
});

const studySummarySchema = z.strictObject({
  studyInstanceUid: z.string().describe('Study Instance UID (0020,000D)'),
  studyDate: z.string().nullable().describe('Study Date, ISO 8601'),
  modalities: z.string().nullable().describe('Modalities of the series, backslash-separated'),
  seriesCount: z.number().int().describe('Series stored'),
  instanceCount: z.number().int().describe('Instances stored'),
});

const uploadResponses = {
  200: dicomJsonSchema,
  202: dicomJsonSchema,
  409: dicomJsonSchema,
  413: errorResponseSchema,
  415: errorResponseSchema,
  ...commonErrorResponses,
} as const;

/** The Part 10 files of a STOW-RS request (`multipart/related; type="application/dicom"`, PS3.18 §10.5.1). */
function stowFiles(request: FastifyRequest): IngestFile[] {
  const contentType = request.headers['content-type'] ?? '';
  const mediaType = parseMediaType(contentType);
  const partType = mediaType.parameters.get('type')?.toLowerCase();
  if (mediaType.type !== 'multipart/related' || partType !== 'application/dicom') {
    throw new ApiError(415, 'unsupported_media_type', 'send multipart/related; type="application/dicom"', [
      { path: ['Content-Type'], message: `"${contentType}" is not multipart/related of application/dicom parts` },
    ]);
  }
  if (!(request.body instanceof Buffer)) throw new ApiError(400, 'malformed_input', 'the request has no body');
  const parts = parseMultipart(request.body, multipartBoundary(contentType, 'request'), 'request');
  if (parts.length === 0) throw new ApiError(400, 'malformed_input', 'the multipart body has no parts');
  return parts.map((part, index) => ({ source: `part ${String(index + 1)}`, bytes: part.content }));
}

async function auditIngest(
  context: AppContext,
  request: FastifyRequest,
  outcome: IngestOutcome,
  patient: PatientRow | undefined,
): Promise<void> {
  const ids = new Set(outcome.patientResearchIds);
  if (patient !== undefined) ids.add(patient.researchId);
  await recordAudit(context.db, request, {
    action: 'study.ingest',
    resourceType: 'study',
    resourceId: outcome.studyInstanceUids.join(',') || undefined,
    patientResearchIds: [...ids],
    outcome: outcome.referenced.length > 0 ? 'success' : 'failed',
  });
}

export function registerStudyRoutes(app: ZodApp, context: AppContext): void {
  const { db, config } = context;
  // Raw bodies for STOW-RS, with their own size limit (larger than the JSON limit).
  app.addContentTypeParser(
    'multipart/related',
    { parseAs: 'buffer', bodyLimit: config.ingestRequestLimitBytes },
    (_request, body, done) => {
      done(null, body);
    },
  );
  const ingestOptions = { dataDir: config.dataDir, fileLimitBytes: config.ingestFileLimitBytes };

  app.post(
    '/api/dicomweb/studies',
    {
      onRequest: patientGuard(db, ACCESS.identifiedPatients, 'study.ingest', 'study'),
      bodyLimit: config.ingestRequestLimitBytes,
      schema: {
        summary: 'STOW-RS: store DICOM instances; each file goes to the patient whose MRN is its PatientID',
        tags: ['studies'],
        response: uploadResponses,
      },
    },
    async (request, reply) => {
      const outcome = await ingestInstances(db, stowFiles(request), ingestOptions);
      await auditIngest(context, request, outcome, undefined);
      return reply.status(stowStatus(outcome)).type('application/dicom+json').send(stowResponse(outcome));
    },
  );

  app.post(
    '/api/patients/:patientId/studies',
    {
      onRequest: patientGuard(db, ACCESS.identifiedPatients, 'study.ingest', 'study'),
      bodyLimit: config.ingestRequestLimitBytes,
      schema: {
        summary: 'STOW-RS for one patient: PatientID must be the MRN unless assign=true',
        tags: ['studies'],
        params: patientParamsSchema,
        querystring: uploadQuerySchema,
        response: uploadResponses,
      },
    },
    async (request, reply) => {
      const patient = await loadPatient(db, request, request.params.patientId, 'study.ingest', 'study');
      const outcome = await ingestInstances(db, stowFiles(request), {
        ...ingestOptions,
        patient,
        assignToPatient: request.query.assign === 'true',
      });
      await auditIngest(context, request, outcome, patient);
      return reply.status(stowStatus(outcome)).type('application/dicom+json').send(stowResponse(outcome));
    },
  );

  app.get(
    '/api/patients/:patientId/studies',
    {
      onRequest: patientGuard(db, ACCESS.identifiedPatients, 'study.list', 'study'),
      schema: {
        summary: "A patient's stored studies with series and instance counts (clinicians and admins)",
        tags: ['studies'],
        params: patientParamsSchema,
        response: { 200: z.array(studySummarySchema), ...commonErrorResponses },
      },
    },
    async (request) => {
      const patient = await loadPatient(db, request, request.params.patientId, 'study.list', 'study');
      const rows = await db
        .select({
          studyInstanceUid: studies.studyInstanceUid,
          studyDate: studies.studyDate,
          modalities: studies.modality,
          seriesCount: countDistinct(series.id),
          instanceCount: count(instances.id),
        })
        .from(studies)
        .leftJoin(series, eq(series.studyId, studies.id))
        .leftJoin(instances, eq(instances.seriesId, series.id))
        .where(eq(studies.patientId, patient.id))
        .groupBy(studies.id)
        .orderBy(studies.studyDate, studies.studyInstanceUid);
      await recordAudit(db, request, {
        action: 'study.list',
        resourceType: 'study',
        outcome: 'success',
        patientResearchIds: [patient.researchId],
      });
      return rows;
    },
  );
}

/** Registers the study routes in their own scope (the multipart parser applies to them only). */
export async function registerStudyScope(app: ZodApp, context: AppContext): Promise<void> {
  await app.register((scope, _options, done) => {
    registerStudyRoutes(scope.withTypeProvider<ZodTypeProvider>(), context);
    done();
  });
}
