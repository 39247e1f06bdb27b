import { apiRequest } from './client.js';
import {
  analysisDetailSchema,
  analysisListSchema,
  patientResponseSchema,
  readerEditRequestSchema,
  type AnalysisDetail,
  type AnalysisListItem,
  type PatientResponse,
  type ReaderEditRequest,
} from './analysis-schemas.js';

/** A patient's analyses, by study date then creation time. */
export async function fetchAnalyses(patientId: string): Promise<AnalysisListItem[]> {
  const list = await apiRequest('GET', `/api/patients/${encodeURIComponent(patientId)}/analyses`, analysisListSchema);
  return list.items;
}

/** One analysis with its images, bone-scan hotspots and edits, PET lesions or response payload. */
export function fetchAnalysis(resultId: string): Promise<AnalysisDetail> {
  return apiRequest('GET', `/api/analyses/${encodeURIComponent(resultId)}`, analysisDetailSchema);
}

/** The latest response assessment of a patient (resultId and timeline null when there is none yet). */
export function fetchResponse(patientId: string): Promise<PatientResponse> {
  return apiRequest('GET', `/api/patients/${encodeURIComponent(patientId)}/response`, patientResponseSchema);
}

/** Records a reader edit; the answer is the analysis with the edited result recomputed. */
export function postReaderEdit(resultId: string, edit: ReaderEditRequest): Promise<AnalysisDetail> {
  const body = readerEditRequestSchema.parse(edit);
  return apiRequest('POST', `/api/analyses/${encodeURIComponent(resultId)}/edits`, analysisDetailSchema, body);
}

/** Undoes one reader edit; the answer is the analysis without it. */
export function deleteReaderEdit(resultId: string, editId: string): Promise<AnalysisDetail> {
  return apiRequest(
    'DELETE',
    `/api/analyses/${encodeURIComponent(resultId)}/edits/${encodeURIComponent(editId)}`,
    analysisDetailSchema,
  );
}
