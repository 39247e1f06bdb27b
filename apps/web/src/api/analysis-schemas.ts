import { z } from 'zod';
import { deidentifiedPatientSchema, identifiedPatientSchema } from './schemas.js';

/**
 * The analysis, image, reader-edit, response and patient-list answers of the API (the contract between the
 * server and the dashboard), checked on arrival with strict schemas: a field the dashboard does not know is a
 * change of the contract and is reported rather than silently ignored.
 */

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const citationViewSchema = z.strictObject({
  id: z.string().describe('stable key of the source'),
  short: z.string().describe('short form shown next to a result'),
  reference: z.string().describe('full reference'),
  url: z.string().optional().describe('DOI, PMID/PMC or official address'),
});

export const analysisKinds = ['bonescan-analyze', 'pet-quantify', 'response-timeline'] as const;
export type AnalysisKind = (typeof analysisKinds)[number];

export const analysisSummarySchema = z.strictObject({
  bsiPercent: z.number().optional().describe('Bone Scan Index of the automatic result, %'),
  bsiPercentEdited: z
    .number()
    .nullable()
    .optional()
    .describe('Bone Scan Index after reader edits, %; null without edits'),
  metastasisHotspots: z.int().min(0).optional().describe('metastasis hotspots (edited count when edited)'),
  hottestSulPeak: z.number().optional().describe('SULpeak of the hottest PET lesion'),
  petLesionCount: z.int().min(0).optional().describe('PET lesions quantified'),
  category: z.string().optional().describe('response category of a response result'),
});
export type AnalysisSummary = z.output<typeof analysisSummarySchema>;

export const analysisListItemSchema = z.strictObject({
  resultId: z.string().describe('analysis result id'),
  runId: z.string().describe('analysis run id'),
  kind: z.enum(analysisKinds).describe('what produced the result'),
  studyId: z.string().nullable().describe('study id, when the result belongs to one study'),
  studyDate: isoDate.nullable().describe('study date (shifted for researchers)'),
  modality: z.enum(['NM', 'PT']).nullable().describe('modality of the study'),
  createdAt: z.string().describe('when the result was stored'),
  summary: analysisSummarySchema,
});
export type AnalysisListItem = z.output<typeof analysisListItemSchema>;

export const analysisListSchema = z.strictObject({
  disclaimer: z.string(),
  items: z.array(analysisListItemSchema),
});

export const analysisImageSchema = z.strictObject({
  name: z.string().describe('image name: ANT, POST, MIP, SUB-<earlier>-<later>-ANT/POST'),
  title: z.string().describe('title to show'),
  widthPx: z.int().positive().describe('columns of the stored frame'),
  heightPx: z.int().positive().describe('rows of the stored frame'),
  pixelSpacingMm: z
    .tuple([z.number().positive(), z.number().positive()])
    .describe('[between rows, between columns], mm'),
  url: z.string().describe('address of the PNG'),
});
export type AnalysisImage = z.output<typeof analysisImageSchema>;

export const hotspotViewSchema = z.strictObject({
  id: z.string(),
  view: z.enum(['ANT', 'POST']),
  x: z.number().describe('column in stored-frame pixels (pixel index; its centre)'),
  y: z.number().describe('row in stored-frame pixels (pixel index; its centre)'),
  label: z.enum(['metastasis', 'benign']),
  score: z.number().nullable().describe('metastasis score 0–1; null for a reader-added hotspot'),
  reason: z.string(),
  region: z.string().nullable(),
  areaMm2: z.number(),
  ratioMax: z.number().nullable().describe('peak over normal bone; null for a reader-added hotspot'),
  source: z.enum(['automatic', 'reader']),
  readerAction: z.enum(['confirm', 'reject', 'add']).nullable(),
});
export type HotspotView = z.output<typeof hotspotViewSchema>;

const boneScanResultSchema = z.strictObject({
  bsiPercent: z.number(),
  bsiByRegion: z.record(z.string(), z.number()),
  metastasisCount: z.int().min(0),
  hotspots: z.array(hotspotViewSchema),
});
export type BoneScanResultView = z.output<typeof boneScanResultSchema>;

export const readerEditViewSchema = z.strictObject({
  editId: z.string(),
  action: z.enum(['confirm', 'reject', 'add']),
  hotspotId: z.string().nullable(),
  userName: z.string(),
  createdAt: z.string(),
});
export type ReaderEditView = z.output<typeof readerEditViewSchema>;

export const countQualityViewSchema = z.strictObject({
  view: z.enum(['ANT', 'POST']),
  status: z.enum(['adequate', 'low', 'insufficient', 'not-assessable']),
  totalCounts: z.number().nullable(),
  message: z.string(),
});

const boneScanViewSchema = z.strictObject({
  automatic: boneScanResultSchema,
  edited: boneScanResultSchema.nullable(),
  edits: z.array(readerEditViewSchema),
  countQuality: z.array(countQualityViewSchema),
  superscan: z.strictObject({ superscan: z.boolean(), message: z.string() }),
  citations: z.array(citationViewSchema),
});
export type BoneScanView = z.output<typeof boneScanViewSchema>;

export const petLesionViewSchema = z.strictObject({
  lesionId: z.string(),
  region: z.string().nullable(),
  suvmax: z.number(),
  sulPeak: z.number().nullable(),
  mtvMl: z.number().nullable(),
  tlg: z.number().nullable(),
  mip: z.strictObject({ image: z.string(), x: z.number(), y: z.number() }).nullable(),
});
export type PetLesionView = z.output<typeof petLesionViewSchema>;

const petViewSchema = z.strictObject({
  lesions: z.array(petLesionViewSchema),
  reference: z.strictObject({ region: z.string(), sulMean: z.number(), sulSd: z.number() }).nullable(),
  citations: z.array(citationViewSchema),
});
export type PetView = z.output<typeof petViewSchema>;

export const trackStates = ['baseline', 'new', 'increased', 'stable', 'decreased', 'resolved'] as const;
export type TrackState = (typeof trackStates)[number];

export const lesionTrackSchema = z
  .object({
    trackingUid: z.string(),
    modality: z.enum(['NM', 'PT']),
    region: z.string().nullable(),
    view: z
      .string()
      .nullable()
      .optional()
      .describe('the view a track was followed in: anterior or posterior for bone scans'),
    states: z.array(
      z.object({ studyDate: z.string(), state: z.enum(trackStates), value: z.number().nullable().optional() }).loose(),
    ),
  })
  .loose();
export type LesionTrackView = z.output<typeof lesionTrackSchema>;

/** A payload that nests the timeline under `timeline` (with tracks and images beside it) read as one level. */
function flattenTimeline(payload: unknown): unknown {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return payload;
  const { timeline, ...rest } = payload as Record<string, unknown>;
  if (typeof timeline !== 'object' || timeline === null || Array.isArray(timeline)) return payload;
  return { ...(timeline as Record<string, unknown>), ...rest };
}

/**
 * The stored response-timeline payload: packages/response's timeline assessment, whose fields grow with the
 * criteria it reports. The parts the dashboard draws are checked; the rest is kept and shown as given.
 */
export const responseTimelineSchema = z.preprocess(
  flattenTimeline,
  z
    .object({
      points: z.array(z.object({ date: z.string(), assessment: z.record(z.string(), z.unknown()) }).loose()).optional(),
      confirmedProgression: z
        .object({ date: z.string(), confirmedOn: z.string(), criterion: z.string(), rule: z.string() })
        .loose()
        .nullable()
        .optional(),
      timeToProgression: z
        .object({ days: z.number(), fromDate: z.string(), from: z.string(), rule: z.string() })
        .loose()
        .nullable()
        .optional(),
      tracks: z.array(lesionTrackSchema).optional(),
      subtractionImages: z.array(z.unknown()).optional(),
      assumptions: z.array(z.string()).optional(),
    })
    .loose(),
);
export type ResponseTimelineView = z.output<typeof responseTimelineSchema>;

export const analysisDetailSchema = z.strictObject({
  disclaimer: z.string(),
  resultId: z.string(),
  patientId: z.string(),
  kind: z.enum(analysisKinds),
  studyId: z.string().nullable(),
  studyDate: isoDate.nullable(),
  createdAt: z.string(),
  images: z.array(analysisImageSchema),
  boneScan: boneScanViewSchema.nullable(),
  pet: petViewSchema.nullable(),
  response: responseTimelineSchema.nullable(),
});
export type AnalysisDetail = z.output<typeof analysisDetailSchema>;

/** The body of a reader edit (POST /api/analyses/:resultId/edits). */
export const readerEditRequestSchema = z.union([
  z.strictObject({
    action: z
      .enum(['confirm', 'reject'])
      .describe('confirm keeps the hotspot as metastasis, reject relabels it benign'),
    hotspotId: z.string().min(1).describe('hotspot id of the analysis'),
  }),
  z.strictObject({
    action: z.literal('add').describe('a metastasis the analysis missed'),
    view: z.enum(['ANT', 'POST']).describe('the view it was drawn in'),
    x: z.number().min(0).describe('column, stored-frame pixels'),
    y: z.number().min(0).describe('row, stored-frame pixels'),
    diameterMm: z.number().min(2).max(200).describe('diameter of the added hotspot, mm'),
  }),
]);
export type ReaderEditRequest = z.output<typeof readerEditRequestSchema>;

export const patientResponseSchema = z.strictObject({
  disclaimer: z.string(),
  resultId: z.string().nullable(),
  timeline: responseTimelineSchema.nullable(),
});
export type PatientResponse = z.output<typeof patientResponseSchema>;

export const responseStatuses = ['progression', 'stable', 'response'] as const;
export type ResponseStatus = (typeof responseStatuses)[number];

const listExtras = {
  responseStatus: z.enum(responseStatuses).nullable().optional().describe('latest response status'),
  alertCount: z.int().min(0).optional().describe('urgent alerts of the latest recommendation'),
};

export const patientListItemSchema = z.union([
  identifiedPatientSchema.extend(listExtras),
  deidentifiedPatientSchema.extend(listExtras),
]);
export type PatientListItem = z.output<typeof patientListItemSchema>;

export const filteredPatientPageSchema = z.strictObject({
  items: z.array(patientListItemSchema),
  total: z.int(),
  limit: z.int(),
  offset: z.int(),
});
