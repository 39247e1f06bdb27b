import { skeletalEventSchema, treatmentSchema } from '@bonemet/core';
import { z } from 'zod';
import { ACCESS, hasIdentifiedAccess, requireAuth } from '../auth/access.js';
import { recordAudit } from '../audit/record-audit.js';
import { ApiError, commonErrorResponses } from '../http/api-error.js';
import type { AppContext, ZodApp } from '../http/app-context.js';
import { loadPatient, patientGuard } from '../patients/patient-access.js';
import { researchIdSchema } from '../patients/patient-schemas.js';
import { shiftRecordDates } from '../privacy/deidentify.js';
import { labRecordSchema, painScoreRecordSchema } from '../records/record-schemas.js';
import {
  labStore,
  painScoreStore,
  skeletalEventStore,
  treatmentStore,
  type RecordStore,
  type StoredRecord,
} from '../records/record-store.js';

/** One kind of clinical record of a patient, served under /api/patients/:patientId/<path>. */
interface RecordCollection<R> {
  /** URL segment, e.g. `treatments`. */
  readonly path: string;
  /** Resource name in audit rows and messages, e.g. `treatment`. */
  readonly resource: string;
  readonly schema: z.ZodType<R>;
  readonly store: RecordStore<R>;
  readonly derivedDescription?: string;
}

const paramsSchema = z.strictObject({ patientId: researchIdSchema });
const itemParamsSchema = z.strictObject({ patientId: researchIdSchema, recordId: z.uuid().describe('Record id') });

function itemSchemaOf<R>(collection: RecordCollection<R>): z.ZodType<StoredRecord<R>> {
  return z.strictObject({
    id: z.uuid().describe('Record id'),
    record: collection.schema,
    derived: z
      .record(z.string(), z.number())
      .optional()
      .describe(collection.derivedDescription ?? 'Values the server computes from the record'),
  }) as unknown as z.ZodType<StoredRecord<R>>;
}

function registerCollection<R>(app: ZodApp, context: AppContext, collection: RecordCollection<R>): void {
  const { db } = context;
  const { path, resource, schema, store } = collection;
  const itemSchema = itemSchemaOf(collection);
  const base = `/api/patients/:patientId/${path}`;
  const tags = ['records'];
  const readGuard = (action: string): ReturnType<typeof patientGuard> =>
    patientGuard(db, ACCESS.readPatients, `${resource}.${action}`, resource);
  const writeGuard = (action: string): ReturnType<typeof patientGuard> =>
    patientGuard(db, ACCESS.identifiedPatients, `${resource}.${action}`, resource);
  const notFound = (recordId: string): ApiError =>
    new ApiError(404, 'not_found', `no ${resource} ${recordId} for this patient`, [
      { path: ['recordId'], message: `unknown ${resource} id` },
    ]);

  app.get(
    base,
    {
      onRequest: readGuard('list'),
      schema: {
        summary: `List the ${resource} records of a patient (dates shifted for researchers)`,
        tags,
        params: paramsSchema,
        response: {
          200: z.strictObject({ items: z.array(itemSchema).describe('Records in date order') }),
          ...commonErrorResponses,
        },
      },
    },
    async (request) => {
      const auth = requireAuth(request);
      const { patientId } = request.params;
      const patient = await loadPatient(db, request, patientId, `${resource}.list`, resource);
      const items = await store.list(db, patient.id);
      await recordAudit(db, request, {
        action: `${resource}.list`,
        resourceType: resource,
        outcome: 'success',
        patientResearchIds: [patientId],
      });
      return {
        items: hasIdentifiedAccess(auth) ? items : items.map((item) => shiftRecordDates(item, patient.dateShiftDays)),
      };
    },
  );

  app.get(
    `${base}/:recordId`,
    {
      onRequest: readGuard('read'),
      schema: {
        summary: `One ${resource} record of a patient`,
        tags,
        params: itemParamsSchema,
        response: { 200: itemSchema, ...commonErrorResponses },
      },
    },
    async (request) => {
      const auth = requireAuth(request);
      const { patientId, recordId } = request.params;
      const patient = await loadPatient(db, request, patientId, `${resource}.read`, resource);
      const item = await store.get(db, patient.id, recordId);
      await recordAudit(db, request, {
        action: `${resource}.read`,
        resourceType: resource,
        resourceId: recordId,
        outcome: item === undefined ? 'failed' : 'success',
        patientResearchIds: [patientId],
      });
      if (item === undefined) throw notFound(recordId);
      return hasIdentifiedAccess(auth) ? item : shiftRecordDates(item, patient.dateShiftDays);
    },
  );

  app.post(
    base,
    {
      onRequest: writeGuard('create'),
      schema: {
        summary: `Add a ${resource} record to a patient (clinicians and admins)`,
        tags,
        params: paramsSchema,
        body: schema,
        response: { 201: itemSchema, ...commonErrorResponses },
      },
    },
    async (request, reply) => {
      const { patientId } = request.params;
      const patient = await loadPatient(db, request, patientId, `${resource}.create`, resource);
      const item = await store.create(db, patient.id, request.body as R);
      await recordAudit(db, request, {
        action: `${resource}.create`,
        resourceType: resource,
        resourceId: item.id,
        outcome: 'success',
        patientResearchIds: [patientId],
      });
      return reply.status(201).send(item);
    },
  );

  app.put(
    `${base}/:recordId`,
    {
      onRequest: writeGuard('update'),
      schema: {
        summary: `Replace a ${resource} record (clinicians and admins)`,
        tags,
        params: itemParamsSchema,
        body: schema,
        response: { 200: itemSchema, ...commonErrorResponses },
      },
    },
    async (request) => {
      const { patientId, recordId } = request.params;
      const patient = await loadPatient(db, request, patientId, `${resource}.update`, resource);
      const item = await store.update(db, patient.id, recordId, request.body as R);
      await recordAudit(db, request, {
        action: `${resource}.update`,
        resourceType: resource,
        resourceId: recordId,
        outcome: item === undefined ? 'failed' : 'success',
        patientResearchIds: [patientId],
      });
      if (item === undefined) throw notFound(recordId);
      return item;
    },
  );

  app.delete(
    `${base}/:recordId`,
    {
      onRequest: writeGuard('delete'),
      schema: {
        summary: `Delete a ${resource} record (clinicians and admins)`,
        tags,
        params: itemParamsSchema,
        response: { 204: z.null().describe('Deleted'), ...commonErrorResponses },
      },
    },
    async (request, reply) => {
      const { patientId, recordId } = request.params;
      const patient = await loadPatient(db, request, patientId, `${resource}.delete`, resource);
      const removed = await store.remove(db, patient.id, recordId);
      await recordAudit(db, request, {
        action: `${resource}.delete`,
        resourceType: resource,
        resourceId: recordId,
        outcome: removed ? 'success' : 'failed',
        patientResearchIds: [patientId],
      });
      if (!removed) throw notFound(recordId);
      return reply.status(204).send(null);
    },
  );
}

/** Treatments, skeletal-related events, labs and pain scores of a patient, validated by the domain schemas. */
export function registerRecordRoutes(app: ZodApp, context: AppContext): void {
  registerCollection(app, context, {
    path: 'treatments',
    resource: 'treatment',
    schema: treatmentSchema,
    store: treatmentStore,
  });
  registerCollection(app, context, {
    path: 'skeletal-events',
    resource: 'skeletal_event',
    schema: skeletalEventSchema,
    store: skeletalEventStore,
  });
  registerCollection(app, context, { path: 'labs', resource: 'lab', schema: labRecordSchema, store: labStore });
  registerCollection(app, context, {
    path: 'pain-scores',
    resource: 'pain_score',
    schema: painScoreRecordSchema,
    store: painScoreStore,
    derivedDescription: 'oralMorphineEquivalentMgPerDay: total oral morphine equivalent, mg/day (CDC 2022 factors)',
  });
}
