import { desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { ACCESS, hasIdentifiedAccess, requireAuth } from '../auth/access.js';
import { recordAudit } from '../audit/record-audit.js';
import { commonErrorResponses } from '../http/api-error.js';
import type { AppContext, ZodApp } from '../http/app-context.js';
import { patients, recommendations } from '../db/schema.js';
import { loadPatient, patientGuard } from '../patients/patient-access.js';
import { researchIdSchema } from '../patients/patient-schemas.js';
import { shiftIsoDate } from '../privacy/deidentify.js';

const paramsSchema = z.strictObject({ patientId: researchIdSchema });

const storedRecommendationSchema = z.strictObject({
  id: z.uuid().describe('Recommendation id'),
  ruleSetVersion: z.string().describe('Version of the rule set that produced the report'),
  assessmentDate: z.string().describe('Assessment date of the patient state, YYYY-MM-DD (shifted for researchers)'),
  createdAt: z.iso.datetime().describe('When the report was stored (UTC)'),
  report: z
    .record(z.string(), z.unknown())
    .describe('The recommendation report of @bonemet/clinical: alerts, options with rule, inputs and sources'),
});

const alertSummarySchema = z.strictObject({
  items: z
    .array(
      z.strictObject({
        patientId: researchIdSchema,
        urgentAlerts: z.int().min(0).describe('Urgent alerts in the latest stored recommendation'),
      }),
    )
    .describe('One entry per patient with a stored recommendation'),
});

const ISO_DATE_IN_TEXT = /\b(\d{4}-\d{2}-\d{2})\b/g;

/**
 * The researcher copy of a report: every calendar date, in any field or sentence (the inputs that fired a
 * rule quote dates), shifted by the patient's offset, and the patient id of the state replaced by the
 * research pseudonym.
 */
function deidentifiedReport(value: unknown, days: number, researchId: string, key?: string): unknown {
  if (typeof value === 'string') {
    if (key === 'patientId') return researchId;
    return value.replace(ISO_DATE_IN_TEXT, (date) =>
      Number.isNaN(Date.parse(`${date}T00:00:00Z`)) ? date : shiftIsoDate(date, days),
    );
  }
  if (Array.isArray(value)) return value.map((item: unknown) => deidentifiedReport(item, days, researchId));
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([childKey, child]) => [childKey, deidentifiedReport(child, days, researchId, childKey)]),
  );
}

function urgentAlertCount(payload: unknown): number {
  if (typeof payload !== 'object' || payload === null || !('alerts' in payload) || !Array.isArray(payload.alerts))
    return 0;
  return payload.alerts.filter(
    (alert: unknown) =>
      typeof alert === 'object' && alert !== null && 'strength' in alert && alert.strength === 'urgent',
  ).length;
}

/** The stored recommendation reports of a patient, and the urgent-alert count of every patient. */
export function registerRecommendationRoutes(app: ZodApp, context: AppContext): void {
  const { db } = context;

  app.get(
    '/api/patients/:patientId/recommendations',
    {
      onRequest: patientGuard(db, ACCESS.readPatients, 'recommendation.list', 'recommendation'),
      schema: {
        summary: 'The stored recommendation reports of a patient, newest first (dates shifted for researchers)',
        tags: ['recommendations'],
        params: paramsSchema,
        response: {
          200: z.strictObject({ items: z.array(storedRecommendationSchema).describe('Newest first') }),
          ...commonErrorResponses,
        },
      },
    },
    async (request) => {
      const auth = requireAuth(request);
      const { patientId } = request.params;
      const patient = await loadPatient(db, request, patientId, 'recommendation.list', 'recommendation');
      const rows = await db
        .select()
        .from(recommendations)
        .where(eq(recommendations.patientId, patient.id))
        .orderBy(desc(recommendations.createdAt));
      await recordAudit(db, request, {
        action: 'recommendation.list',
        resourceType: 'recommendation',
        outcome: 'success',
        patientResearchIds: [patientId],
      });
      const identified = hasIdentifiedAccess(auth);
      return {
        items: rows.map((row) => ({
          id: row.id,
          ruleSetVersion: row.ruleSetVersion,
          assessmentDate: identified ? row.assessmentDate : shiftIsoDate(row.assessmentDate, patient.dateShiftDays),
          createdAt: row.createdAt.toISOString(),
          report: (identified
            ? row.payload
            : deidentifiedReport(row.payload, patient.dateShiftDays, patientId)) as Record<string, unknown>,
        })),
      };
    },
  );

  app.get(
    '/api/recommendations/alerts',
    {
      onRequest: patientGuard(db, ACCESS.readPatients, 'recommendation.alerts', 'recommendation'),
      schema: {
        summary: 'Urgent-alert count of the latest stored recommendation of every patient',
        tags: ['recommendations'],
        response: { 200: alertSummarySchema, ...commonErrorResponses },
      },
    },
    async (request) => {
      const rows = await db
        .select({
          researchId: patients.researchId,
          payload: recommendations.payload,
          createdAt: recommendations.createdAt,
        })
        .from(recommendations)
        .innerJoin(patients, eq(recommendations.patientId, patients.id))
        .orderBy(desc(recommendations.createdAt));
      const latest = new Map<string, number>();
      for (const row of rows) {
        if (!latest.has(row.researchId)) latest.set(row.researchId, urgentAlertCount(row.payload));
      }
      const items = [...latest].map(([patientId, urgentAlerts]) => ({ patientId, urgentAlerts }));
      await recordAudit(db, request, {
        action: 'recommendation.alerts',
        resourceType: 'recommendation',
        outcome: 'success',
        patientResearchIds: items.map((item) => item.patientId),
      });
      return { items };
    },
  );
}
