/**
 * The heavy, pure steps of the `response-timeline` job (response-timeline-job.ts), run in a compute worker:
 * the bone scans analysed again and tracked with their subtraction images, and the PET studies' volumes
 * read, aligned and tracked. The job reads the stored files and results, and stores what these return.
 */
import { analyzeWholeBodyScan, type WholeBodyScanAnalysis } from '@bonemet/bonescan';
import { BonemetError } from '@bonemet/core';
import type { PetQuantification } from '@bonemet/pet';
import {
  boneScanTrackingStudy,
  subtractionPng,
  temporalSubtraction,
  trackBoneScanSeries,
  trackPetStudySeries,
  type BoneScanSeriesTracking,
  type LesionState,
  type PetStudyTrackingResult,
  type QuantifiedPetStudy,
  type TimelineInput,
} from '@bonemet/response';
import type { RenderedImage } from '../analyses/analysis-images.js';
import type { ComputeProgress } from './compute-progress.js';
import { petCtImages, seriesOfFiles } from './pet-ct-images.js';

export const pick = <T>(list: readonly T[], indices: readonly number[]): T[] =>
  indices.flatMap((index) => (list[index] === undefined ? [] : [list[index]]));

const VIEW_IMAGE_NAME = { anterior: 'ANT', posterior: 'POST' } as const;
const VIEW_TITLE = { anterior: 'anterior', posterior: 'posterior' } as const;

export interface TrackView {
  readonly trackingUid: string;
  readonly modality: 'NM' | 'PT';
  /** Bone scans: the view the track lies in. */
  readonly view: 'anterior' | 'posterior' | null;
  readonly region: string | null;
  readonly states: readonly {
    readonly studyDate: string;
    readonly state: LesionState;
    readonly value: number | null;
  }[];
}

/** The subtraction images of one pair of consecutive scans, by name. */
export interface SubtractionPair {
  readonly earlierDate: string;
  readonly laterDate: string;
  readonly names: readonly string[];
}

export interface SubtractionImages {
  readonly images: RenderedImage[];
  readonly pairs: readonly SubtractionPair[];
}

/** Temporal subtraction PNGs of each consecutive pair of scans, per view. */
function subtractionImages(
  dates: readonly string[],
  analyses: readonly WholeBodyScanAnalysis[],
  tracking: BoneScanSeriesTracking,
): SubtractionImages {
  const images: RenderedImage[] = [];
  const pairs: { earlierDate: string; laterDate: string; names: string[] }[] = [];
  const trackingStudies = analyses.map((analysis, index) => boneScanTrackingStudy(dates[index] ?? '', analysis));
  for (let k = 1; k < trackingStudies.length; k++) {
    const earlier = trackingStudies[k - 1];
    const later = trackingStudies[k];
    const earlierDate = dates[k - 1] ?? '';
    const laterDate = dates[k] ?? '';
    const names: string[] = [];
    for (const registration of tracking.registrations[k] ?? []) {
      const earlierView = earlier?.views.find((view) => view.view === registration.view);
      const laterView = later?.views.find((view) => view.view === registration.view);
      if (earlierView === undefined || laterView === undefined) continue;
      const image = temporalSubtraction(earlierView, laterView, registration);
      const name = `SUB-${earlierDate}-${laterDate}-${VIEW_IMAGE_NAME[registration.view]}`;
      names.push(name);
      images.push({
        name,
        title: `Subtraction ${laterDate} − ${earlierDate}, ${VIEW_TITLE[registration.view]}`,
        widthPx: image.columns,
        heightPx: image.rows,
        pixelSpacingMm: image.pixelSpacingMm,
        png: subtractionPng(image),
      });
    }
    pairs.push({ earlierDate, laterDate, names });
  }
  return { images, pairs };
}

function boneTracks(tracking: BoneScanSeriesTracking): TrackView[] {
  return tracking.corrected.tracks
    .filter((track) => track.lesion)
    .map((track) => ({
      trackingUid: track.trackUid,
      modality: 'NM',
      view: track.view,
      region: [...track.observations].reverse().find((o) => o.region !== null)?.region ?? null,
      states: track.observations.map((o) => ({
        studyDate: o.studyDate,
        state: o.state,
        value: o.uptake?.currentUptakeRatio ?? null,
      })),
    }));
}

export interface BoneScanSeriesInput {
  /** The analysed bone scans in date order: each one's stored files (as `bonescan-analyze` reads them). */
  readonly studies: readonly {
    readonly date: string;
    readonly files: readonly { readonly bytes: Uint8Array; readonly source: string }[];
    readonly fileNames: readonly string[];
  }[];
  /** The scans of the assessed therapy line (indices into `studies`), or null when none is assessed. */
  readonly windowIndices: readonly number[] | null;
}

export interface BoneScanSeriesOutput {
  readonly tracks: TrackView[];
  readonly warnings: readonly string[];
  readonly subtraction: SubtractionImages;
  readonly criterion: TimelineInput['boneScan'];
}

/**
 * Bone scans: each analysed again (`analyzeWholeBodyScan`, automatic hotspots), tracks and subtraction
 * images over all of them, the flare-rule counts over the line's window.
 */
export function computeBoneScanSeries(input: BoneScanSeriesInput, progress: ComputeProgress): BoneScanSeriesOutput {
  const dates = input.studies.map((study) => study.date);
  const analyses: WholeBodyScanAnalysis[] = [];
  for (const [index, study] of input.studies.entries()) {
    progress(0.1 + (0.4 * index) / input.studies.length, `analysing the bone scan of ${study.date}`);
    analyses.push(analyzeWholeBodyScan(study.files, { fileNames: study.fileNames }));
  }
  progress(0.5, 'registering and tracking the bone scans');
  const series = analyses.map((analysis, index) => ({ studyDate: dates[index] ?? '', analysis }));
  const all = trackBoneScanSeries(series);
  let criterion: TimelineInput['boneScan'];
  const windowIndices = input.windowIndices;
  if (windowIndices !== null) {
    const window = windowIndices.length === series.length ? all : trackBoneScanSeries(pick(series, windowIndices));
    const [baselineDate] = pick(dates, windowIndices);
    if (baselineDate !== undefined) criterion = { baselineDate, scans: [...window.corrected.flareCounts] };
  }
  return {
    tracks: boneTracks(all),
    warnings: all.corrected.warnings,
    subtraction: subtractionImages(dates, analyses, all),
    criterion,
  };
}

function missing(message: string, hint: string): BonemetError {
  return new BonemetError('missing_data', message, { issues: [{ path: ['patient'], message, hint }] });
}

export interface StoredPetStudy {
  readonly date: string;
  /** The stored quantification of the study (its `pet-quantify` result). */
  readonly quantification: PetQuantification;
  /** The PET series that was quantified. */
  readonly petSeriesInstanceUid: unknown;
  /** Every stored file of the study, with its SOP Instance UID. */
  readonly files: readonly { readonly bytes: Uint8Array; readonly sopInstanceUid: string }[];
}

/** The PET and CT volumes of a stored PET/CT study, from its files. */
function petVolumes(study: StoredPetStudy): Pick<QuantifiedPetStudy, 'pet' | 'ct'> {
  const all = seriesOfFiles(study.files);
  const chosen = all.find((s) => s.modality === 'PT' && s.seriesInstanceUid === study.petSeriesInstanceUid);
  if (chosen === undefined)
    throw missing(`the PET series of the study on ${study.date} is no longer stored`, 'upload the study again');
  const { pet, ct } = petCtImages(chosen, all);
  return { pet, ...(ct.ct === null ? {} : { ct: ct.ct }) };
}

function petTracks(result: PetStudyTrackingResult): TrackView[] {
  return result.tracking.corrected.tracks.map((track) => ({
    trackingUid: track.trackUid,
    modality: 'PT',
    view: null,
    region: 'bone',
    states: track.observations.map((o) => ({
      studyDate: o.studyDate,
      state: o.state,
      value:
        o.lesionId === null
          ? null
          : (result.studies[o.timePointIndex]?.lesions.find((lesion) => lesion.id === o.lesionId)?.sulPeak ?? null),
    })),
  }));
}

export interface PetStudySeriesInput {
  /** The analysed PET/CT studies in date order. */
  readonly studies: readonly StoredPetStudy[];
  /** The studies of the assessed therapy line (indices into `studies`), or null when none is assessed. */
  readonly windowIndices: readonly number[] | null;
}

export interface PetStudySeriesOutput {
  readonly tracks: TrackView[];
  readonly warnings: readonly string[];
  readonly criterion: TimelineInput['pet'];
}

/** PET studies: tracks over all of them, the PERCIST time points (with new-lesion marks) over the line's window. */
export function computePetStudySeries(input: PetStudySeriesInput, progress: ComputeProgress): PetStudySeriesOutput {
  const quantified: QuantifiedPetStudy[] = input.studies.map((study) => ({
    studyDate: study.date,
    quantification: study.quantification,
    ...petVolumes(study),
  }));
  progress(0.75, 'aligning and tracking the PET studies');
  const all = trackPetStudySeries(quantified);
  const warnings = [...all.warnings];
  let criterion: TimelineInput['pet'];
  const windowIndices = input.windowIndices;
  if (windowIndices !== null) {
    const window =
      windowIndices.length === quantified.length ? all : trackPetStudySeries(pick(quantified, windowIndices));
    if (window !== all) warnings.push(...window.warnings);
    if (window.timePoints.length >= 2) criterion = { timePoints: [...window.timePoints] };
  }
  return { tracks: petTracks(all), warnings, criterion };
}
