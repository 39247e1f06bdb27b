/** Request and response schemas of the analysis routes (docs/API contract: analyses, images, edits, response). */
import { z } from 'zod';
import { researchIdSchema } from '../patients/patient-schemas.js';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const citationViewSchema = z.strictObject({
  id: z.string().describe('Stable key of the source'),
  short: z.string().describe('Short form shown next to a result'),
  reference: z.string().describe('Full reference'),
  url: z.string().optional().describe('DOI, PMID/PMC or official address'),
});

export const resultKinds = ['bonescan-analyze', 'pet-quantify', 'response-timeline'] as const;
export type ResultKind = (typeof resultKinds)[number];

export const analysisSummarySchema = z.strictObject({
  bsiPercent: z.number().optional().describe('Bone Scan Index of the automatic result, % of skeletal mass'),
  bsiPercentEdited: z
    .number()
    .nullable()
    .optional()
    .describe('Bone Scan Index after reader edits, %; null without edits'),
  metastasisHotspots: z
    .int()
    .min(0)
    .optional()
    .describe('Metastases (a hotspot pair seen in both views counted once), after reader edits when edited'),
  hottestSulPeak: z.number().optional().describe('SULpeak of the hottest PET lesion (when the SUL is known)'),
  petLesionCount: z.int().min(0).optional().describe('PET lesions quantified'),
  category: z.string().optional().describe('Response category of the latest time point of a response result'),
});
export type AnalysisSummary = z.output<typeof analysisSummarySchema>;

export const analysisListItemSchema = z.strictObject({
  resultId: z.uuid().describe('Analysis result id'),
  runId: z.uuid().describe('Job (analysis run) id'),
  kind: z.enum(resultKinds).describe('The job kind that produced the result'),
  studyId: z.uuid().nullable().describe('The analysed study (server id), when the result belongs to one study'),
  studyDate: isoDate.nullable().describe('Study date, YYYY-MM-DD (shifted for researchers)'),
  modality: z.enum(['NM', 'PT']).nullable().describe('NM (bone scan) or PT (PET)'),
  createdAt: z.iso.datetime().describe('When the result was stored (UTC; shifted for researchers)'),
  summary: analysisSummarySchema,
});
export type AnalysisListItem = z.output<typeof analysisListItemSchema>;

export const analysisListSchema = z.strictObject({
  disclaimer: z.string(),
  items: z.array(analysisListItemSchema).describe('Sorted by study date, then creation time'),
});

export const analysisImageViewSchema = z.strictObject({
  name: z.string().describe('Image name: ANT, POST, MIP, SUB-<earlier>-<later>-ANT/POST'),
  title: z.string().describe('Title to show'),
  widthPx: z.int().positive().describe('Columns of the image'),
  heightPx: z.int().positive().describe('Rows of the image'),
  pixelSpacingMm: z
    .tuple([z.number().positive(), z.number().positive()])
    .describe('[between rows, between columns], mm'),
  url: z.string().describe('Address of the PNG'),
});
export type AnalysisImageView = z.output<typeof analysisImageViewSchema>;

export const hotspotViewSchema = z.strictObject({
  id: z.string().describe('Hotspot id of the analysis, e.g. ANT-3 (reader-added: ANT-R1)'),
  view: z.enum(['ANT', 'POST']),
  x: z.number().describe('Column of the centre, stored-frame pixels (the PNG of the view)'),
  y: z.number().describe('Row of the centre, stored-frame pixels'),
  label: z.enum(['metastasis', 'benign']),
  score: z.number().nullable().describe('Metastasis score of the classifier, 0–1; null for a reader-added hotspot'),
  reason: z.string().describe('Why it has its label'),
  region: z.string().nullable().describe('Skeleton part, e.g. femur_right'),
  areaMm2: z.number(),
  ratioMax: z.number().nullable().describe('Peak over normal bone of the region; null for a reader-added hotspot'),
  source: z.enum(['automatic', 'reader']),
  readerAction: z.enum(['confirm', 'reject', 'add']).nullable().describe('The reader edit in force on it'),
});
export type HotspotView = z.output<typeof hotspotViewSchema>;

export const boneScanResultViewSchema = z.strictObject({
  bsiPercent: z.number().describe('Bone Scan Index, % of skeletal mass'),
  bsiByRegion: z.record(z.string(), z.number()).describe('BSI by region, %'),
  metastasisCount: z.int().min(0).describe('Metastases, a pair seen in both views counted once'),
  hotspots: z.array(hotspotViewSchema),
});
export type BoneScanResultView = z.output<typeof boneScanResultViewSchema>;

export const readerEditViewSchema = z.strictObject({
  editId: z.uuid(),
  action: z.enum(['confirm', 'reject', 'add']),
  hotspotId: z.string().nullable().describe('The hotspot edited, or the id an added hotspot got'),
  userName: z.string().describe('Who made the edit'),
  createdAt: z.iso.datetime(),
});
export type ReaderEditView = z.output<typeof readerEditViewSchema>;

export const boneScanViewSchema = z.strictObject({
  automatic: boneScanResultViewSchema,
  edited: boneScanResultViewSchema.nullable().describe('With the reader edits applied; null without edits'),
  edits: z.array(readerEditViewSchema).describe('In the order applied'),
  countQuality: z.array(
    z.strictObject({
      view: z.enum(['ANT', 'POST']),
      status: z.enum(['adequate', 'low', 'insufficient', 'not-assessable']),
      totalCounts: z.number().nullable(),
      message: z.string(),
    }),
  ),
  superscan: z.strictObject({ superscan: z.boolean(), message: z.string() }),
  citations: z.array(citationViewSchema),
});
export type BoneScanView = z.output<typeof boneScanViewSchema>;

export const petViewSchema = z.strictObject({
  lesions: z.array(
    z.strictObject({
      lesionId: z.string().describe('L1 = highest SUVmax'),
      region: z.string().nullable().describe('Bone of the lesion, e.g. "L3 vertebra" (with a CT)'),
      suvmax: z.number(),
      sulPeak: z.number().nullable().describe('SULpeak (PERCIST); null without the SUL conversion'),
      mtvMl: z.number(),
      tlg: z.number(),
      mip: z
        .strictObject({ image: z.string(), x: z.number(), y: z.number() })
        .nullable()
        .describe('Marker on the MIP at the hottest voxel, MIP pixels'),
    }),
  ),
  reference: z
    .strictObject({ region: z.string(), sulMean: z.number(), sulSd: z.number() })
    .nullable()
    .describe('PERCIST reference region in use (null without one or without SUL values)'),
  citations: z.array(citationViewSchema),
});
export type PetView = z.output<typeof petViewSchema>;

export const analysisDetailSchema = z.strictObject({
  disclaimer: z.string(),
  resultId: z.uuid(),
  patientId: researchIdSchema,
  kind: z.enum(resultKinds),
  studyId: z.uuid().nullable(),
  studyDate: isoDate.nullable(),
  createdAt: z.iso.datetime(),
  images: z.array(analysisImageViewSchema).describe('Only images that exist'),
  boneScan: boneScanViewSchema.nullable(),
  pet: petViewSchema.nullable(),
  response: z.unknown().describe('The stored response-timeline payload (response results), else null'),
});
export type AnalysisDetail = z.output<typeof analysisDetailSchema>;

export const readerEditRequestSchema = z.discriminatedUnion('action', [
  z.strictObject({
    action: z.literal('confirm').describe('Keep the hotspot as a metastasis'),
    hotspotId: z.string().min(1).max(40).describe('Hotspot id of the analysis, e.g. ANT-3'),
  }),
  z.strictObject({
    action: z.literal('reject').describe('Relabel the hotspot benign (it leaves the BSI)'),
    hotspotId: z.string().min(1).max(40).describe('Hotspot id of the analysis, e.g. ANT-3'),
  }),
  z.strictObject({
    action: z.literal('add').describe('A metastasis the analysis missed, as a circle'),
    view: z.enum(['ANT', 'POST']).describe('The view it is drawn in'),
    x: z.number().describe('Column of the centre, stored-frame pixels'),
    y: z.number().describe('Row of the centre, stored-frame pixels'),
    diameterMm: z.number().min(2).max(200).default(15).describe('Diameter of the circle, mm'),
  }),
]);
export type ReaderEditRequest = z.output<typeof readerEditRequestSchema>;

export const resultParamsSchema = z.strictObject({ resultId: z.uuid().describe('Analysis result id') });
export const editParamsSchema = z.strictObject({
  resultId: z.uuid().describe('Analysis result id'),
  editId: z.uuid().describe('Reader edit id'),
});
export const imageParamsSchema = z.strictObject({
  resultId: z.uuid().describe('Analysis result id'),
  fileName: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,79}\.png$/, { error: 'an image name and .png, e.g. ANT.png' })
    .describe('Image file, e.g. ANT.png'),
});

export const patientResponseSchema = z.strictObject({
  disclaimer: z.string(),
  resultId: z.uuid().nullable().describe('The latest response-timeline result; null: no response assessment yet'),
  timeline: z.unknown().describe('Its payload (dates shifted, study UIDs removed for researchers), or null'),
});
