import { RESEARCH_USE_DISCLAIMER } from '@bonemet/core';
import { and, eq } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  analysisDetailSchema,
  analysisListSchema,
  editParamsSchema,
  imageParamsSchema,
  patientResponseSchema,
  readerEditRequestSchema,
  resultParamsSchema,
  type AnalysisDetail,
  type ReaderEditRequest,
} from '../analyses/analysis-schemas.js';
import { readAnalysisImage, readAnalysisImageList } from '../analyses/analysis-images.js';
import {
  findResult,
  latestPatientResult,
  listPatientResultSummaries,
  listPatientStudies,
  listResultEdits,
  type ResultRecord,
} from '../analyses/analysis-store.js';
import { analysisDetail, listItem, type Viewer } from '../analyses/analysis-views.js';
import {
  checkEditRequest,
  computeEditedPayload,
  editViews,
  type StoredBoneScanEdit,
} from '../analyses/bone-scan-edits.js';
import type { BoneScanResultPayload } from '../analyses/bone-scan-result.js';
import { deidentifiedPayload, shiftDatesInText } from '../analyses/deidentify-analysis.js';
import { ACCESS, hasIdentifiedAccess, requireAuth, requireRoles } from '../auth/access.js';
import { recordAudit } from '../audit/record-audit.js';
import { analysisResults, readerEdits } from '../db/schema.js';
import { ApiError, commonErrorResponses } from '../http/api-error.js';
import type { AppContext, ZodApp } from '../http/app-context.js';
import { loadPatient, patientGuard } from '../patients/patient-access.js';
import { patientParamsSchema } from '../patients/patient-schemas.js';

const RESOURCE = 'analysis';

function viewerOf(request: FastifyRequest): Viewer {
  return { identified: hasIdentifiedAccess(requireAuth(request)) };
}

/** The result id in the route's params, when it is a valid one (to audit refused requests). */
function requestedResultId(request: FastifyRequest): string | undefined {
  const parsed = resultParamsSchema.pick({ resultId: true }).safeParse(request.params);
  return parsed.success ? parsed.data.resultId : undefined;
}

/**
 * The result-route guard: 401 without a session; for a role not allowed, an audit row with outcome `denied`
 * naming the result and its patient, then 403.
 */
function resultGuard(context: AppContext, roles: readonly ('admin' | 'clinician' | 'researcher')[], action: string) {
  return requireRoles(roles, async (request) => {
    const resultId = requestedResultId(request);
    const record = resultId === undefined ? undefined : await findResult(context.db, resultId);
    await recordAudit(context.db, request, {
      action,
      resourceType: RESOURCE,
      resourceId: resultId,
      outcome: 'denied',
      ...(record === undefined ? {} : { patientResearchIds: [record.patientResearchId] }),
    });
  });
}

export function registerAnalysisRoutes(app: ZodApp, context: AppContext): void {
  const { db, config } = context;

  /** The result, or a 404 audited as failed. */
  const loadResult = async (request: FastifyRequest, resultId: string, action: string): Promise<ResultRecord> => {
    const record = await findResult(db, resultId);
    if (record === undefined) {
      await recordAudit(db, request, { action, resourceType: RESOURCE, resourceId: resultId, outcome: 'failed' });
      throw new ApiError(404, 'not_found', `no analysis result ${resultId}`, [
        { path: ['resultId'], message: 'unknown analysis result id' },
      ]);
    }
    return record;
  };

  const detailOf = async (record: ResultRecord, viewer: Viewer): Promise<AnalysisDetail> => {
    const studies = await listPatientStudies(db, record.patientRowId);
    const edits = record.kind === 'bonescan-analyze' ? editViews(await listResultEdits(db, record.resultId)) : [];
    const images = (await readAnalysisImageList(config.dataDir, record.resultId)) ?? [];
    return analysisDetail(record, studies, edits, images, viewer);
  };

  const audit = async (
    request: FastifyRequest,
    action: string,
    record: { resultId?: string; patientResearchId: string },
  ): Promise<void> => {
    await recordAudit(db, request, {
      action,
      resourceType: RESOURCE,
      resourceId: record.resultId,
      outcome: 'success',
      patientResearchIds: [record.patientResearchId],
    });
  };

  app.get(
    '/api/patients/:patientId/analyses',
    {
      onRequest: patientGuard(db, ACCESS.readPatients, 'analysis.list', RESOURCE),
      schema: {
        summary: "A patient's analysis results with their headline numbers, by study date (trend charts)",
        tags: ['analyses'],
        params: patientParamsSchema,
        response: { 200: analysisListSchema, ...commonErrorResponses },
      },
    },
    async (request) => {
      const viewer = viewerOf(request);
      const patient = await loadPatient(db, request, request.params.patientId, 'analysis.list', RESOURCE);
      const [records, studies] = await Promise.all([
        listPatientResultSummaries(db, patient.id),
        listPatientStudies(db, patient.id),
      ]);
      const items = records
        .map((record) => listItem(record, studies, viewer))
        .sort((a, b) => {
          const dateA = a.studyDate ?? '9999-99-99';
          const dateB = b.studyDate ?? '9999-99-99';
          if (dateA !== dateB) return dateA < dateB ? -1 : 1;
          return a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0;
        });
      await audit(request, 'analysis.list', { patientResearchId: patient.researchId });
      return { disclaimer: RESEARCH_USE_DISCLAIMER, items };
    },
  );

  app.get(
    '/api/analyses/:resultId',
    {
      onRequest: resultGuard(context, ACCESS.readPatients, 'analysis.read'),
      schema: {
        summary: 'One analysis result with what a viewer needs: images, hotspots, BSI, edits, PET lesions, response',
        tags: ['analyses'],
        params: resultParamsSchema,
        response: { 200: analysisDetailSchema, ...commonErrorResponses },
      },
    },
    async (request) => {
      const record = await loadResult(request, request.params.resultId, 'analysis.read');
      await audit(request, 'analysis.read', record);
      return detailOf(record, viewerOf(request));
    },
  );

  app.get(
    '/api/analyses/:resultId/images/:fileName',
    {
      onRequest: resultGuard(context, ACCESS.readPatients, 'analysis.image'),
      schema: {
        summary:
          'An image of an analysis (image/png): ANT.png, POST.png (bone scans), MIP.png (PET), SUB-….png (subtraction)',
        tags: ['analyses'],
        params: imageParamsSchema,
        response: commonErrorResponses,
      },
    },
    async (request, reply) => {
      const viewer = viewerOf(request);
      const record = await loadResult(request, request.params.resultId, 'analysis.image');
      const shownName = request.params.fileName.slice(0, -'.png'.length);
      // Researchers see image names with shifted dates; the file on disk has the real ones.
      const storedName = viewer.identified ? shownName : shiftDatesInText(shownName, -record.dateShiftDays);
      const png = await readAnalysisImage(config.dataDir, record.resultId, storedName);
      if (png === undefined) {
        await recordAudit(db, request, {
          action: 'analysis.image',
          resourceType: RESOURCE,
          resourceId: record.resultId,
          outcome: 'failed',
          patientResearchIds: [record.patientResearchId],
        });
        throw new ApiError(404, 'not_found', `analysis ${record.resultId} has no image ${request.params.fileName}`, [
          { path: ['fileName'], message: 'no such image', hint: 'GET /api/analyses/{resultId} lists the images' },
        ]);
      }
      await audit(request, 'analysis.image', record);
      // The PNG bytes, sent as they are (the JSON schemas above describe the error answers).
      const plain: FastifyReply = reply;
      return plain
        .type('image/png')
        .header('cache-control', 'private, max-age=3600')
        .send(Buffer.from(png.buffer, png.byteOffset, png.byteLength));
    },
  );

  /** The bone-scan result an edit applies to, or a 400 for another kind of result. */
  const boneScanPayload = (record: ResultRecord): BoneScanResultPayload => {
    if (record.kind !== 'bonescan-analyze') {
      throw new ApiError(
        400,
        'invalid_input',
        `reader edits apply to bone-scan analyses; this is a ${record.kind} result`,
        [{ path: ['resultId'], message: 'not a bone-scan analysis', hint: 'edit a bonescan-analyze result' }],
      );
    }
    return record.payload as BoneScanResultPayload;
  };

  /**
   * Changes a result's edits and recomputes its edited copy in one transaction, the result row locked so
   * that two readers editing the same result apply their edits one after the other.
   */
  const changeEdits = async (
    record: ResultRecord,
    payload: BoneScanResultPayload,
    change: (tx: Parameters<Parameters<typeof db.transaction>[0]>[0]) => Promise<boolean>,
  ): Promise<boolean> =>
    db.transaction(async (tx) => {
      await tx
        .select({ id: analysisResults.id })
        .from(analysisResults)
        .where(eq(analysisResults.id, record.resultId))
        .for('update');
      if (!(await change(tx))) return false;
      const records = await listResultEdits(tx, record.resultId);
      const edited = await computeEditedPayload(config.dataDir, record.resultId, payload, records);
      await tx.update(analysisResults).set({ editedPayload: edited }).where(eq(analysisResults.id, record.resultId));
      return true;
    });

  app.post(
    '/api/analyses/:resultId/edits',
    {
      onRequest: resultGuard(context, ACCESS.identifiedPatients, 'analysis.edit'),
      schema: {
        summary:
          'Add a reader edit to a bone-scan analysis (confirm, reject, add); returns the analysis with the edited result recomputed',
        tags: ['analyses'],
        params: resultParamsSchema,
        body: readerEditRequestSchema,
        response: { 200: analysisDetailSchema, ...commonErrorResponses },
      },
    },
    async (request) => {
      const auth = requireAuth(request);
      const record = await loadResult(request, request.params.resultId, 'analysis.edit');
      const payload = boneScanPayload(record);
      const body: ReaderEditRequest = request.body;
      checkEditRequest(payload, body);
      const stored: StoredBoneScanEdit = { request: body, userName: auth.username };
      await changeEdits(record, payload, async (tx) => {
        await tx.insert(readerEdits).values({
          patientId: record.patientRowId,
          resultId: record.resultId,
          userId: auth.userId,
          action: body.action,
          target: body.action === 'add' ? body.view : body.hotspotId,
          payload: stored,
        });
        return true;
      });
      await audit(request, 'analysis.edit', record);
      const updated = await loadResult(request, record.resultId, 'analysis.edit');
      return detailOf(updated, viewerOf(request));
    },
  );

  app.delete(
    '/api/analyses/:resultId/edits/:editId',
    {
      onRequest: resultGuard(context, ACCESS.identifiedPatients, 'analysis.edit.undo'),
      schema: {
        summary: 'Undo one reader edit of a bone-scan analysis; returns the analysis with the edited result recomputed',
        tags: ['analyses'],
        params: editParamsSchema,
        response: { 200: analysisDetailSchema, ...commonErrorResponses },
      },
    },
    async (request) => {
      const record = await loadResult(request, request.params.resultId, 'analysis.edit.undo');
      const payload = boneScanPayload(record);
      const { editId } = request.params;
      const found = await changeEdits(record, payload, async (tx) => {
        const deleted = await tx
          .delete(readerEdits)
          .where(and(eq(readerEdits.id, editId), eq(readerEdits.resultId, record.resultId)))
          .returning({ id: readerEdits.id });
        return deleted.length > 0;
      });
      if (!found) {
        await recordAudit(db, request, {
          action: 'analysis.edit.undo',
          resourceType: RESOURCE,
          resourceId: record.resultId,
          outcome: 'failed',
          patientResearchIds: [record.patientResearchId],
        });
        throw new ApiError(404, 'not_found', `analysis ${record.resultId} has no edit ${editId}`, [
          { path: ['editId'], message: 'unknown edit id' },
        ]);
      }
      await audit(request, 'analysis.edit.undo', record);
      const updated = await loadResult(request, record.resultId, 'analysis.edit.undo');
      return detailOf(updated, viewerOf(request));
    },
  );

  app.get(
    '/api/patients/:patientId/response',
    {
      onRequest: patientGuard(db, ACCESS.readPatients, 'response.read', RESOURCE),
      schema: {
        summary:
          "A patient's latest response assessment (response-timeline result); resultId and timeline null when none exists yet",
        tags: ['analyses'],
        params: patientParamsSchema,
        response: { 200: patientResponseSchema, ...commonErrorResponses },
      },
    },
    async (request) => {
      const viewer = viewerOf(request);
      const patient = await loadPatient(db, request, request.params.patientId, 'response.read', RESOURCE);
      const record = await latestPatientResult(db, patient.id, 'response-timeline');
      await audit(request, 'response.read', {
        ...(record === undefined ? {} : { resultId: record.resultId }),
        patientResearchId: patient.researchId,
      });
      if (record === undefined) return { disclaimer: RESEARCH_USE_DISCLAIMER, resultId: null, timeline: null };
      return {
        disclaimer: RESEARCH_USE_DISCLAIMER,
        resultId: record.resultId,
        timeline: viewer.identified
          ? record.payload
          : deidentifiedPayload(record.payload, record.dateShiftDays, record.patientResearchId),
      };
    },
  );
}
