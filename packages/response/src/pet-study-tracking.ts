/**
 * Lesion tracking between quantified PET studies, with the alignment found from the images.
 *
 * Each follow-up is aligned onto the baseline (pet-alignment.ts: the CT bone when both studies have a CT, else
 * the PET body outline); its lesions are then matched with the tracks of the previous study in the baseline
 * frame by overlap and distance (pet-lesion-tracking.ts: greedy, best score first; states by SULpeak against
 * the repeatability band; persistent tracking UIDs). Aligning every follow-up to the baseline, not to the study
 * before it, keeps registration errors from adding up along the series.
 *
 * Lesions of a study are named "L" and their SUVmax rank, as from-pet-quantification.ts names them; their organ
 * is "bone" / "soft tissue" by the CT osseous test, "unclassified" without a CT.
 *
 * PERCIST 1.0 (percist-series.ts) is read over the series when every study has SUL values and a measured liver
 * reference: a lesion whose track was not present at the baseline is marked new (Wahl 2009: new FDG-avid
 * lesions are progression).
 */
import { BonemetError, isoDateSchema, type Issue } from '@bonemet/core';
import type { PlacedVolume } from '@bonemet/imaging';
import type { PetQuantification } from '@bonemet/pet';
import { petLesionOfMeasurement, petTimePointFromQuantification } from './from-pet-quantification.js';
import { alignPetStudies, type PetAlignment } from './pet-alignment.js';
import {
  computePetTracking,
  petTrackingInputSchema,
  type PetTrackingResult,
  type TrackingCorrection,
} from './pet-lesion-tracking.js';
import type { PetLesion, PetTimePoint } from './pet-time-point.js';
import { computePercistSeries, type PercistSeriesResult } from './percist-series.js';
import { newTrackingUid } from './tracking-uid.js';

/** A quantified PET study with its images. */
export interface QuantifiedPetStudy {
  /** Study date, YYYY-MM-DD. */
  readonly studyDate: string;
  /** Patient ID of the study (DICOM Patient ID), checked to be the same in every study when given. */
  readonly patientId?: string | undefined;
  readonly quantification: PetQuantification;
  /** The PET, SUVbw. */
  readonly pet: PlacedVolume;
  /** The CT of the study (any grid), when there is one. */
  readonly ct?: PlacedVolume | undefined;
  /** Uptake time, minutes, for the PERCIST quality gates. */
  readonly uptakeTimeMin?: number | undefined;
  readonly injectedDoseMBq?: number | undefined;
  readonly scannerId?: string | undefined;
}

export interface PetStudyTrackingOptions {
  /** Matching distance gate after alignment, mm (default 20). */
  readonly maxDistanceMm?: number;
  /** SULpeak change within ± this percent is stable (default 6.9). */
  readonly stableBandPercent?: number;
  readonly corrections?: readonly TrackingCorrection[];
  /** CT bone threshold of the alignment, HU (default 200). */
  readonly boneHu?: number;
  /** Makes tracking UIDs (random by default). */
  readonly newUid?: () => string;
}

export interface PetStudyTrackingResult {
  readonly studies: readonly {
    readonly studyDate: string;
    readonly patientId: string | null;
    readonly lesions: readonly PetLesion[];
  }[];
  /** The alignment of each study onto the baseline; null for the baseline. */
  readonly alignments: readonly (PetAlignment | null)[];
  readonly tracking: PetTrackingResult;
  /** PERCIST 1.0 over the series, or null with the reason in `warnings`. */
  readonly percist: PercistSeriesResult | null;
  /** The time points PERCIST read, with tracking ids and new-lesion marks; empty when it was not read. */
  readonly timePoints: readonly PetTimePoint[];
  readonly warnings: readonly string[];
}

function lesionsOf(study: QuantifiedPetStudy, index: number): PetLesion[] {
  return study.quantification.lesions.map((lesion) => {
    if (lesion.sul === null) {
      throw new BonemetError('missing_data', `study ${String(index)} (${study.studyDate}) has no SUL values`, {
        issues: [
          {
            path: ['studies', index, 'quantification', 'sul'],
            message: 'lesion states are judged on SULpeak: the quantification has no SUL conversion',
            hint: 'the SUL conversion needs the patient height and sex in the PET header',
          },
        ],
      });
    }
    return petLesionOfMeasurement(lesion, lesion.sul.peakGlobal);
  });
}

function checkStudies(studies: readonly QuantifiedPetStudy[]): void {
  const issues: Issue[] = [];
  if (studies.length < 2) issues.push({ path: ['studies'], message: 'give at least two studies' });
  studies.forEach((study, index) => {
    if (!isoDateSchema.safeParse(study.studyDate).success)
      issues.push({ path: ['studies', index, 'studyDate'], message: `"${study.studyDate}" is not a date YYYY-MM-DD` });
    const previous = studies[index - 1];
    if (previous !== undefined && study.studyDate <= previous.studyDate)
      issues.push({
        path: ['studies', index, 'studyDate'],
        message: `dates out of order: ${study.studyDate} is not after ${previous.studyDate}`,
        hint: 'give the earlier study first; two studies of one day cannot be ordered',
      });
  });
  const ids = studies.map((study) => study.patientId).filter((id): id is string => id !== undefined);
  const first = ids[0];
  studies.forEach((study, index) => {
    if (study.patientId !== undefined && first !== undefined && study.patientId !== first)
      issues.push({
        path: ['studies', index, 'patientId'],
        message: `different patients: ${study.patientId} is not ${first}`,
        hint: 'lesions are tracked between studies of one patient',
      });
  });
  if (issues.length > 0) {
    const patientIssue = issues.some((issue) => issue.message.startsWith('different patients'));
    throw new BonemetError(
      'invalid_input',
      patientIssue ? 'the studies belong to different patients' : 'the studies cannot be tracked',
      { issues },
    );
  }
}

/** The time points for PERCIST, with tracking ids and new-lesion marks, or the reason they cannot be made. */
function percistTimePoints(
  studies: readonly QuantifiedPetStudy[],
  tracking: PetTrackingResult,
): PetTimePoint[] | string {
  const trackOf = new Map<string, { uid: string; fromBaseline: boolean }>();
  for (const track of tracking.corrected.tracks) {
    const fromBaseline = track.observations[0]?.timePointIndex === 0;
    for (const observation of track.observations)
      if (observation.lesionId !== null)
        trackOf.set(`${String(observation.timePointIndex)}/${observation.lesionId}`, {
          uid: track.trackUid,
          fromBaseline,
        });
  }
  const timePoints: PetTimePoint[] = [];
  for (const [index, study] of studies.entries()) {
    let timePoint: PetTimePoint;
    try {
      timePoint = petTimePointFromQuantification(study.quantification, {
        studyDate: study.studyDate,
        ...(study.uptakeTimeMin === undefined ? {} : { uptakeTimeMin: study.uptakeTimeMin }),
        ...(study.injectedDoseMBq === undefined ? {} : { injectedDoseMBq: study.injectedDoseMBq }),
        ...(study.scannerId === undefined ? {} : { scannerId: study.scannerId }),
      });
    } catch (error) {
      if (error instanceof BonemetError) return `PERCIST not read: study ${study.studyDate}: ${error.message}`;
      throw error;
    }
    timePoints.push({
      ...timePoint,
      lesions: timePoint.lesions.map((lesion) => {
        const track = trackOf.get(`${String(index)}/${lesion.id}`);
        if (track === undefined) return lesion;
        return { ...lesion, trackingId: track.uid, ...(index > 0 ? { new: !track.fromBaseline } : {}) };
      }),
    });
  }
  return timePoints;
}

/**
 * Tracks lesions over quantified PET studies of one patient (baseline first, in date order). Throws
 * `invalid_input` for studies of different patients or out of date order, `missing_data` for a study without
 * SUL values or with too little of the body to align.
 */
export function trackPetStudySeries(
  studies: readonly QuantifiedPetStudy[],
  options: PetStudyTrackingOptions = {},
): PetStudyTrackingResult {
  checkStudies(studies);
  const baseline = studies[0];
  if (baseline === undefined) throw new Error('checked: at least two studies');
  const lesions = studies.map(lesionsOf);
  const alignments = studies.map((study, index) => {
    if (index === 0) return null;
    try {
      return alignPetStudies(
        { pet: baseline.pet, ct: baseline.ct },
        { pet: study.pet, ct: study.ct },
        options.boneHu === undefined ? {} : { boneHu: options.boneHu },
      );
    } catch (error) {
      if (!(error instanceof BonemetError)) throw error;
      // The alignment names its two studies "earlier" and "later": here they are the baseline and study `index`.
      const renamed = (path: readonly (string | number)[]): (string | number)[] => {
        const [first, ...rest] = path;
        if (first === 'earlier') return ['studies', 0, ...rest];
        if (first === 'later') return ['studies', index, ...rest];
        return ['studies', index, ...path];
      };
      throw new BonemetError(error.code, `study ${String(index)} (${study.studyDate}): ${error.message}`, {
        issues: error.issues.map((issue) => ({ ...issue, path: renamed(issue.path) })),
        cause: error,
      });
    }
  });
  const input = petTrackingInputSchema.parse({
    timePoints: studies.map((study, index) => {
      const alignment = alignments[index];
      return {
        studyDate: study.studyDate,
        ...(alignment === null || alignment === undefined
          ? {}
          : {
              alignmentToBaseline: {
                rotation: alignment.transform.rotation,
                translationMm: alignment.transform.translationMm,
              },
            }),
        lesions: lesions[index],
      };
    }),
    ...(options.maxDistanceMm === undefined ? {} : { maxDistanceMm: options.maxDistanceMm }),
    ...(options.stableBandPercent === undefined ? {} : { stableBandPercent: options.stableBandPercent }),
    ...(options.corrections === undefined ? {} : { corrections: options.corrections }),
  });
  const tracking = computePetTracking(input, options.newUid ?? newTrackingUid);
  const warnings: string[] = [];
  const timePoints = percistTimePoints(studies, tracking);
  let percist: PercistSeriesResult | null = null;
  if (typeof timePoints === 'string') warnings.push(timePoints);
  else percist = computePercistSeries({ timePoints });
  return {
    studies: studies.map((study, index) => ({
      studyDate: study.studyDate,
      patientId: study.patientId ?? null,
      lesions: lesions[index] ?? [],
    })),
    alignments,
    tracking,
    percist,
    timePoints: typeof timePoints === 'string' ? [] : timePoints,
    warnings,
  };
}

/** Tracks lesions from an earlier to a later quantified PET study (see `trackPetStudySeries`). */
export function trackPetStudies(
  earlier: QuantifiedPetStudy,
  later: QuantifiedPetStudy,
  options: PetStudyTrackingOptions = {},
): PetStudyTrackingResult {
  return trackPetStudySeries([earlier, later], options);
}
