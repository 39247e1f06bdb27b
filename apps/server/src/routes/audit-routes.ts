import { isoDateSchema } from '@bonemet/core';
import { and, count, desc, eq, gte, lt, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { ACCESS, requireRoles } from '../auth/access.js';
import { auditEvents, auditOutcomes } from '../db/schema.js';
import { commonErrorResponses } from '../http/api-error.js';
import type { AppContext, ZodApp } from '../http/app-context.js';

const auditQuerySchema = z.strictObject({
  userId: z.uuid().optional().describe('Only events of this user'),
  username: z.string().min(1).max(64).optional().describe('Only events of this login name'),
  action: z.string().min(1).max(64).optional().describe('Only this action, e.g. patient.read'),
  patientId: z.string().min(1).max(64).optional().describe('Only events about this patient (research id)'),
  outcome: z.enum(auditOutcomes).optional().describe('success, denied or failed'),
  from: isoDateSchema.optional().describe('Events on or after this day (UTC), YYYY-MM-DD'),
  to: isoDateSchema.optional().describe('Events on or before this day (UTC), YYYY-MM-DD'),
  limit: z.coerce.number().int().min(1).max(500).default(100).describe('Page size, 1–500'),
  offset: z.coerce.number().int().min(0).default(0).describe('Events to skip'),
});

const auditEventSchema = z.strictObject({
  id: z.number().int().describe('Event number, increasing'),
  occurredAt: z.iso.datetime().describe('When (UTC)'),
  userId: z.uuid().nullable().describe('Who: user id (null for an unknown user)'),
  username: z.string().nullable().describe('Who: login name at the time, or the name tried at a failed login'),
  role: z.string().nullable().describe('Role of the user at the time'),
  action: z.string().describe('What, e.g. patient.read, treatment.create, auth.login'),
  resourceType: z.string().describe('Kind of resource acted on'),
  resourceId: z.string().nullable().describe('Which resource'),
  patientId: z.string().nullable().describe('Patient concerned (research id)'),
  ip: z.string().nullable().describe('From where: client address'),
  outcome: z.enum(auditOutcomes).describe('success, denied (role refused) or failed'),
});

const auditPageSchema = z.strictObject({
  items: z.array(auditEventSchema).describe('Events, newest first'),
  total: z.number().int().describe('Events matching the filters'),
  limit: z.number().int().describe('Page size'),
  offset: z.number().int().describe('Events skipped'),
});

const DAY_MS = 86_400_000;

export function registerAuditRoutes(app: ZodApp, context: AppContext): void {
  const { db } = context;
  app.get(
    '/api/audit',
    {
      onRequest: requireRoles(ACCESS.admin),
      schema: {
        summary: 'The audit log (admin), newest first, with filters and paging',
        tags: ['audit'],
        querystring: auditQuerySchema,
        response: { 200: auditPageSchema, ...commonErrorResponses },
      },
    },
    async (request) => {
      const query = request.query;
      const filters: SQL[] = [];
      if (query.userId !== undefined) filters.push(eq(auditEvents.userId, query.userId));
      if (query.username !== undefined) filters.push(eq(auditEvents.username, query.username));
      if (query.action !== undefined) filters.push(eq(auditEvents.action, query.action));
      if (query.patientId !== undefined) filters.push(eq(auditEvents.patientResearchId, query.patientId));
      if (query.outcome !== undefined) filters.push(eq(auditEvents.outcome, query.outcome));
      if (query.from !== undefined) filters.push(gte(auditEvents.occurredAt, new Date(`${query.from}T00:00:00Z`)));
      if (query.to !== undefined) {
        filters.push(lt(auditEvents.occurredAt, new Date(new Date(`${query.to}T00:00:00Z`).getTime() + DAY_MS)));
      }
      const where = filters.length === 0 ? undefined : and(...filters);
      const [totalRow] = await db.select({ n: count() }).from(auditEvents).where(where);
      const rows = await db
        .select()
        .from(auditEvents)
        .where(where)
        .orderBy(desc(auditEvents.id))
        .limit(query.limit)
        .offset(query.offset);
      return {
        items: rows.map((row) => ({
          id: row.id,
          occurredAt: row.occurredAt.toISOString(),
          userId: row.userId,
          username: row.username,
          role: row.role,
          action: row.action,
          resourceType: row.resourceType,
          resourceId: row.resourceId,
          patientId: row.patientResearchId,
          ip: row.ip,
          outcome: row.outcome,
        })),
        total: totalRow?.n ?? 0,
        limit: query.limit,
        offset: query.offset,
      };
    },
  );
}
