/** The list items and the detail view of analysis results (the API contract's §1 and §2). */
import type { PetQuantification } from '@bonemet/pet';
import { RESEARCH_USE_DISCLAIMER } from '@bonemet/core';
import type {
  AnalysisDetail,
  AnalysisImageView,
  AnalysisListItem,
  AnalysisSummary,
  PetView,
  ReaderEditView,
} from './analysis-schemas.js';
import type { ResultRecord, ResultSummaryRow, StudyRecord } from './analysis-store.js';
import type { AnalysisImage } from './analysis-images.js';
import type { BoneScanEditedPayload, BoneScanResultPayload } from './bone-scan-result.js';
import { boneScanView } from './bone-scan-views.js';
import { deidentifiedPayload, shiftDatesInText } from './deidentify-analysis.js';
import { lastAssessment, statusFromSummaryOr, timelineOf } from './response-status.js';

/** The stored PET payload (pet-quantify job): the quantification, and since the MIP was added its image and markers. */
export interface PetResultPayload {
  readonly studyInstanceUid: string;
  readonly quantification: PetQuantification;
  readonly images?: readonly AnalysisImage[];
  readonly mip?: { readonly image: string; readonly markers: readonly { rank: number; x: number; y: number }[] };
}

/** How dates and names are shown: as stored (identified access) or shifted (researchers). */
export interface Viewer {
  readonly identified: boolean;
}

const asBoneScan = (record: ResultRecord): BoneScanResultPayload => record.payload as BoneScanResultPayload;
const asPet = (record: ResultRecord): PetResultPayload => record.payload as PetResultPayload;
const asEdited = (record: ResultRecord): BoneScanEditedPayload | null =>
  (record.editedPayload ?? null) as BoneScanEditedPayload | null;

function hottestSulPeak(quantification: PetQuantification): number | null {
  const peaks = quantification.lesions.flatMap((lesion) => (lesion.sul === null ? [] : [lesion.sul.peakGlobal]));
  return peaks.length === 0 ? null : Math.max(...peaks);
}

/** The summary row of a loaded result (the same fields `listPatientResultSummaries` reads in SQL). */
export function summaryRowOf(record: ResultRecord): ResultSummaryRow {
  const base = {
    resultId: record.resultId,
    runId: record.runId,
    kind: record.kind,
    createdAt: record.createdAt,
    dateShiftDays: record.dateShiftDays,
    studyId: null,
    studyInstanceUid: null,
    bsiPercent: null,
    metastasisCount: null,
    bsiPercentEdited: null,
    metastasisCountEdited: null,
    petLesionCount: null,
    hottestSulPeak: null,
    responseSummary: null,
    responseAssessment: null,
  };
  if (record.kind === 'bonescan-analyze') {
    const payload = asBoneScan(record);
    const edited = asEdited(record);
    return {
      ...base,
      studyId: payload.studyId,
      bsiPercent: payload.report.automatic.bsi.percent,
      metastasisCount: payload.report.automatic.bsi.metastasisCount,
      bsiPercentEdited: edited?.edited.bsi.percent ?? null,
      metastasisCountEdited: edited?.edited.bsi.metastasisCount ?? null,
    };
  }
  if (record.kind === 'pet-quantify') {
    const payload = asPet(record);
    return {
      ...base,
      studyInstanceUid: payload.studyInstanceUid,
      petLesionCount: payload.quantification.lesions.length,
      hottestSulPeak: hottestSulPeak(payload.quantification),
    };
  }
  const timeline = timelineOf(record.payload);
  return {
    ...base,
    responseSummary: (record.payload as { summary?: unknown } | null)?.summary ?? timeline?.summary ?? null,
    responseAssessment: lastAssessment(timeline) ?? null,
  };
}

function summaryOf(row: ResultSummaryRow): AnalysisSummary {
  if (row.kind === 'bonescan-analyze') {
    return {
      ...(row.bsiPercent === null ? {} : { bsiPercent: row.bsiPercent }),
      bsiPercentEdited: row.bsiPercentEdited,
      ...((row.metastasisCountEdited ?? row.metastasisCount) === null
        ? {}
        : { metastasisHotspots: row.metastasisCountEdited ?? row.metastasisCount ?? 0 }),
    };
  }
  if (row.kind === 'pet-quantify') {
    return {
      ...(row.petLesionCount === null ? {} : { petLesionCount: row.petLesionCount }),
      ...(row.hottestSulPeak === null ? {} : { hottestSulPeak: row.hottestSulPeak }),
    };
  }
  const { category } = statusFromSummaryOr(row.responseSummary, row.responseAssessment);
  return category === null ? {} : { category };
}

const shiftDate = (date: string | null, row: ResultSummaryRow, viewer: Viewer): string | null =>
  date === null || viewer.identified ? date : shiftDatesInText(date, row.dateShiftDays);
const shiftDateTime = (date: Date, row: ResultSummaryRow, viewer: Viewer): string =>
  viewer.identified ? date.toISOString() : shiftDatesInText(date.toISOString(), row.dateShiftDays);

export function listItem(row: ResultSummaryRow, studies: readonly StudyRecord[], viewer: Viewer): AnalysisListItem {
  const study =
    row.studyId !== null
      ? studies.find((s) => s.id === row.studyId)
      : row.studyInstanceUid !== null
        ? studies.find((s) => s.studyInstanceUid === row.studyInstanceUid)
        : undefined;
  return {
    resultId: row.resultId,
    runId: row.runId,
    kind: row.kind,
    studyId: study?.id ?? null,
    studyDate: shiftDate(study?.studyDate ?? null, row, viewer),
    modality: row.kind === 'bonescan-analyze' ? 'NM' : row.kind === 'pet-quantify' ? 'PT' : null,
    createdAt: shiftDateTime(row.createdAt, row, viewer),
    summary: summaryOf(row),
  };
}

function imageViews(record: ResultRecord, images: readonly AnalysisImage[], viewer: Viewer): AnalysisImageView[] {
  return images.map((image) => {
    const name = viewer.identified ? image.name : shiftDatesInText(image.name, record.dateShiftDays);
    return {
      name,
      title: viewer.identified ? image.title : shiftDatesInText(image.title, record.dateShiftDays),
      widthPx: image.widthPx,
      heightPx: image.heightPx,
      pixelSpacingMm: [image.pixelSpacingMm[0], image.pixelSpacingMm[1]],
      url: `/api/analyses/${record.resultId}/images/${name}.png`,
    };
  });
}

function petView(payload: PetResultPayload): PetView {
  const { quantification } = payload;
  const markers = new Map((payload.mip?.markers ?? []).map((m) => [m.rank, m]));
  const used = quantification.reference?.used ?? null;
  return {
    lesions: quantification.lesions.map((lesion) => {
      const marker = markers.get(lesion.rank);
      return {
        lesionId: `L${String(lesion.rank)}`,
        region: lesion.skeletalRegion?.display ?? null,
        suvmax: lesion.suvmax,
        sulPeak: lesion.sul?.peakGlobal ?? null,
        mtvMl: lesion.mtvMl,
        tlg: lesion.tlg,
        mip:
          marker === undefined || payload.mip === undefined
            ? null
            : { image: payload.mip.image, x: marker.x, y: marker.y },
      };
    }),
    reference:
      used === null
        ? null
        : used.sulMean === null || used.sulSd === null
          ? null
          : { region: used.kind, sulMean: used.sulMean, sulSd: used.sulSd },
    citations: quantification.sources.map((c) => ({
      id: c.id,
      short: c.short,
      reference: c.reference,
      ...(c.url === undefined ? {} : { url: c.url }),
    })),
  };
}

/** The detail view of one result (§2), de-identified for researchers. */
export function analysisDetail(
  record: ResultRecord,
  studies: readonly StudyRecord[],
  edits: readonly ReaderEditView[],
  images: readonly AnalysisImage[],
  viewer: Viewer,
): AnalysisDetail {
  const item = listItem(summaryRowOf(record), studies, viewer);
  const shiftEdits = edits.map((edit) =>
    viewer.identified ? edit : { ...edit, createdAt: shiftDatesInText(edit.createdAt, record.dateShiftDays) },
  );
  return {
    disclaimer: RESEARCH_USE_DISCLAIMER,
    resultId: record.resultId,
    patientId: record.patientResearchId,
    kind: record.kind,
    studyId: item.studyId,
    studyDate: item.studyDate,
    createdAt: item.createdAt,
    images: imageViews(record, images, viewer),
    boneScan:
      record.kind === 'bonescan-analyze' ? boneScanView(asBoneScan(record), asEdited(record), shiftEdits) : null,
    pet: record.kind === 'pet-quantify' ? petView(asPet(record)) : null,
    response:
      record.kind !== 'response-timeline'
        ? null
        : viewer.identified
          ? record.payload
          : deidentifiedPayload(record.payload, record.dateShiftDays, record.patientResearchId),
  };
}
