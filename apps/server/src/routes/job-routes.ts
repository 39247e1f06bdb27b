import { BonemetError, isBonemetError } from '@bonemet/core';
import { parseDicomwebStudyUrl } from '@bonemet/dicom';
import { z } from 'zod';
import { ACCESS } from '../auth/access.js';
import { recordAudit } from '../audit/record-audit.js';
import { patients, type AnalysisKind } from '../db/schema.js';
import { ApiError, commonErrorResponses, errorResponseSchema } from '../http/api-error.js';
import type { AppContext, ZodApp } from '../http/app-context.js';
import { allowedPacsPullUrl } from '../jobs/pacs-url-allow-list.js';
import { petQuantifyInputsSchema } from '../jobs/pet-quantify-job.js';
import { bonescanAnalyzeInputsSchema } from '../jobs/bonescan-job.js';
import { createJob, failJob, findJob, listJobResults, listPatientJobs, type JobRow } from '../jobs/job-store.js';
import { loadPatient, patientGuard } from '../patients/patient-access.js';
import { patientParamsSchema } from '../patients/patient-schemas.js';
import { eq } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';

const uidSchema = z
  .string()
  .regex(/^[0-9]+(\.[0-9]+)*$/, { error: 'a DICOM UID: digits separated by dots' })
  .max(64)
  .describe('StudyInstanceUID');

const pullBodySchema = z.union([
  z.strictObject({
    url: z
      .url({ protocol: /^https?$/ })
      .describe('DICOMweb study URL under a configured PACS base (BONEMET_PACS_URL): <base>/studies/<uid>'),
    assign: z.boolean().default(false).describe('Store files of another PatientID under this patient'),
  }),
  z.strictObject({
    studyInstanceUid: uidSchema.describe('Study to pull from the configured PACS (BONEMET_PACS_URL)'),
    assign: z.boolean().default(false).describe('Store files of another PatientID under this patient'),
  }),
]);

const jobCreateSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('pet-quantify').describe('Job kind'),
    inputs: petQuantifyInputsSchema,
  }),
  z.strictObject({
    kind: z.literal('bonescan-analyze').describe('Job kind'),
    inputs: bonescanAnalyzeInputsSchema,
  }),
]);

const jobViewSchema = z.strictObject({
  id: z.uuid().describe('Job id'),
  patientId: z.string().describe('Patient research id'),
  kind: z.string().describe('Job kind: pet-quantify, bonescan-analyze, dicomweb-pull, response-timeline'),
  status: z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled']).describe('Job status'),
  progress: z.number().min(0).max(1).describe('Fraction done, 0–1'),
  stage: z.string().describe('What the job is doing now'),
  attempts: z.number().int().describe('Times a runner started the job'),
  error: z.strictObject({ code: z.string(), message: z.string() }).nullable().describe('Why the job failed'),
  results: z
    .array(z.strictObject({ id: z.uuid(), schemaName: z.string(), schemaVersion: z.string() }))
    .describe('Stored results (GET /api/jobs/{id}/results for their content)'),
  createdAt: z.string().describe('ISO 8601'),
  startedAt: z.string().nullable().describe('ISO 8601'),
  finishedAt: z.string().nullable().describe('ISO 8601'),
});
type JobView = z.output<typeof jobViewSchema>;

const jobParamsSchema = z.strictObject({ jobId: z.uuid().describe('Job id') });

/**
 * The URL a pull job keeps (no credentials), when it lies under a configured PACS and has the shape of a
 * DICOMweb study URL; a 422 saying why otherwise (never a fetch of an arbitrary user-sent URL).
 */
function pullUrlUnderPacs(pacsUrls: readonly string[], text: string): string {
  try {
    const { storedUrl } = allowedPacsPullUrl(pacsUrls, text);
    parseDicomwebStudyUrl(storedUrl);
    return storedUrl;
  } catch (error) {
    if (isBonemetError(error)) throw new ApiError(422, error.code, error.message, error.issues);
    throw error;
  }
}

/**
 * Creates the job, queues it and audits the start; a job the queue refuses (full, or Redis unreachable) is
 * marked failed, not left queued.
 */
async function startJob(
  context: AppContext,
  request: FastifyRequest,
  patient: { readonly id: string; readonly researchId: string },
  job: { readonly kind: AnalysisKind; readonly inputs: Record<string, unknown>; readonly auditAction: string },
): Promise<JobView> {
  const row = await createJob(context.db, { patientId: patient.id, kind: job.kind, inputs: job.inputs });
  try {
    await context.jobs.enqueue(row.id);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await failJob(context.db, row.id, { code: 'io_error', message: `the job could not be queued: ${message}` });
    if (isBonemetError(error)) throw error;
    throw new BonemetError('io_error', 'the job queue is unreachable; try again later', { cause: error });
  }
  await recordAudit(context.db, request, {
    action: job.auditAction,
    resourceType: 'job',
    resourceId: row.id,
    outcome: 'success',
    patientResearchIds: [patient.researchId],
  });
  return jobView(context, row, patient.researchId);
}

async function jobView(context: AppContext, job: JobRow, patientResearchId: string): Promise<JobView> {
  const results = await listJobResults(context.db, job.id);
  return {
    id: job.id,
    patientId: patientResearchId,
    kind: job.kind,
    status: job.status,
    progress: job.progress,
    stage: job.stage,
    attempts: job.attempts,
    error: job.error ?? null,
    results: results.map((r) => ({ id: r.id, schemaName: r.schemaName, schemaVersion: r.schemaVersion })),
    createdAt: job.createdAt.toISOString(),
    startedAt: job.startedAt?.toISOString() ?? null,
    finishedAt: job.finishedAt?.toISOString() ?? null,
  };
}

export function registerJobRoutes(app: ZodApp, context: AppContext): void {
  const { db, config } = context;

  app.post(
    '/api/patients/:patientId/studies/pull',
    {
      onRequest: patientGuard(db, ACCESS.identifiedPatients, 'study.pull', 'job'),
      schema: {
        summary:
          'Pull a study from a configured DICOMweb PACS as a job (by URL under BONEMET_PACS_URL, or by StudyInstanceUID from its first entry)',
        tags: ['studies', 'jobs'],
        params: patientParamsSchema,
        body: pullBodySchema,
        response: { 202: jobViewSchema, 422: errorResponseSchema, ...commonErrorResponses },
      },
    },
    async (request, reply) => {
      const patient = await loadPatient(db, request, request.params.patientId, 'study.pull', 'job');
      const body = request.body;
      const [firstPacsUrl] = config.pacsUrls;
      if (firstPacsUrl === undefined) {
        throw new ApiError(422, 'unsupported', 'no PACS is configured on the server, so nothing can be pulled', [
          {
            path: ['url' in body ? 'url' : 'studyInstanceUid'],
            message: 'BONEMET_PACS_URL is not set on the server',
            hint: 'the administrator lists the PACS DICOMweb base URLs in BONEMET_PACS_URL; or upload the study',
          },
        ]);
      }
      const url = pullUrlUnderPacs(
        config.pacsUrls,
        'url' in body ? body.url : `${firstPacsUrl}/studies/${body.studyInstanceUid}`,
      );
      const view = await startJob(context, request, patient, {
        kind: 'dicomweb-pull',
        inputs: { url, assign: body.assign },
        auditAction: 'study.pull',
      });
      return reply.status(202).send(view);
    },
  );

  app.post(
    '/api/patients/:patientId/jobs',
    {
      onRequest: patientGuard(db, ACCESS.identifiedPatients, 'job.create', 'job'),
      schema: {
        summary:
          'Start an analysis job (pet-quantify on a stored PET/CT study, bonescan-analyze on a stored whole-body bone scan)',
        tags: ['jobs'],
        params: patientParamsSchema,
        body: jobCreateSchema,
        response: { 202: jobViewSchema, ...commonErrorResponses },
      },
    },
    async (request, reply) => {
      const patient = await loadPatient(db, request, request.params.patientId, 'job.create', 'job');
      const view = await startJob(context, request, patient, {
        kind: request.body.kind,
        inputs: request.body.inputs,
        auditAction: 'job.create',
      });
      return reply.status(202).send(view);
    },
  );

  app.get(
    '/api/patients/:patientId/jobs',
    {
      onRequest: patientGuard(db, ACCESS.identifiedPatients, 'job.list', 'job'),
      schema: {
        summary: "A patient's jobs, newest first",
        tags: ['jobs'],
        params: patientParamsSchema,
        response: { 200: z.array(jobViewSchema), ...commonErrorResponses },
      },
    },
    async (request) => {
      const patient = await loadPatient(db, request, request.params.patientId, 'job.list', 'job');
      const jobs = await listPatientJobs(db, patient.id);
      await recordAudit(db, request, {
        action: 'job.list',
        resourceType: 'job',
        outcome: 'success',
        patientResearchIds: [patient.researchId],
      });
      return Promise.all(jobs.map((job) => jobView(context, job, patient.researchId)));
    },
  );

  /** The job and its patient's research id, or a 404. */
  const loadJob = async (jobId: string): Promise<{ job: JobRow; researchId: string }> => {
    const job = await findJob(db, jobId);
    const [patient] =
      job === undefined
        ? []
        : await db.select({ researchId: patients.researchId }).from(patients).where(eq(patients.id, job.patientId));
    if (job === undefined || patient === undefined) {
      throw new ApiError(404, 'not_found', `no job ${jobId}`, [{ path: ['jobId'], message: 'unknown job id' }]);
    }
    return { job, researchId: patient.researchId };
  };

  app.get(
    '/api/jobs/:jobId',
    {
      onRequest: patientGuard(db, ACCESS.identifiedPatients, 'job.read', 'job'),
      schema: {
        summary: 'A job: status, progress, stage, error and result references',
        tags: ['jobs'],
        params: jobParamsSchema,
        response: { 200: jobViewSchema, ...commonErrorResponses },
      },
    },
    async (request) => {
      const { job, researchId } = await loadJob(request.params.jobId);
      await recordAudit(db, request, {
        action: 'job.read',
        resourceType: 'job',
        resourceId: job.id,
        outcome: 'success',
        patientResearchIds: [researchId],
      });
      return jobView(context, job, researchId);
    },
  );

  app.get(
    '/api/jobs/:jobId/results',
    {
      onRequest: patientGuard(db, ACCESS.identifiedPatients, 'job.results', 'job'),
      schema: {
        summary: "A job's results with their content",
        tags: ['jobs'],
        params: jobParamsSchema,
        response: {
          200: z.array(
            z.strictObject({
              id: z.uuid(),
              schemaName: z.string().describe('Result schema, e.g. bonemet.pet-quantification'),
              schemaVersion: z.string(),
              payload: z.unknown().describe('The result document'),
            }),
          ),
          ...commonErrorResponses,
        },
      },
    },
    async (request) => {
      const { job, researchId } = await loadJob(request.params.jobId);
      const results = await listJobResults(db, job.id);
      await recordAudit(db, request, {
        action: 'job.results',
        resourceType: 'job',
        resourceId: job.id,
        outcome: 'success',
        patientResearchIds: [researchId],
      });
      return results.map((r) => ({
        id: r.id,
        schemaName: r.schemaName,
        schemaVersion: r.schemaVersion,
        payload: r.payload,
      }));
    },
  );
}
