/**
 * PET lesion tracking across any number of time points.
 *
 * Method (a documented simpler method than image registration):
 * - Alignment: a time point that carries `alignmentToBaseline` (a rigid transform found from the images,
 *   pet-alignment.ts / pet-study-tracking.ts) is mapped onto the baseline by it. Otherwise each follow-up is
 *   translated onto the baseline by the difference of the centres of mass of the body outline (or of the CT
 *   body), which the caller measures on each study (`alignmentCentreMm`), for callers without images.
 *   Without either no translation is applied and a warning says so.
 * - Matching: a lesion of time point k is matched against the tracks present at time point k − 1 (their
 *   last position, in the baseline frame). A pair is a candidate when both lie in the same organ class and
 *   the equivalent spheres (volume = MTV) overlap or the centroids lie within `maxDistanceMm` (default
 *   20 mm). Score = ½ × sphere IoU + ½ × (1 − distance / maxDistanceMm, at least 0); pairs are taken
 *   greedily, best score first; ties go to the shorter distance, then the smaller track UID (string order), then the
 *   smaller lesion id, so the result does not depend on input order. The score is the match confidence.
 * - State against the previous observation of the same lesion, by SULpeak: stable within ± the
 *   repeatability coefficient 2.77 × 2.5% = 6.9% (within-patient SD of SUVpeak 2.5%, Lodge 2012, reference
 *   note §1.1; 2.77 = 1.96 × √2), increased above, decreased below; new when unmatched; resolved when a
 *   track has no lesion at the next time point (the track then ends).
 * - Reader corrections (link a lesion to a track UID, unlink a lesion into a new track) are applied to a
 *   copy: the automatic result is returned unchanged next to the corrected one.
 */
import { identifierSchema, isoDateSchema, parseInput } from '@bonemet/core';
import { z } from 'zod';
import { petLesionSchema, type PetLesion } from './pet-time-point.js';
import { organKey } from './target-lesions.js';
import { percentChange } from './thresholds.js';
import { applyTrackingCorrections, type TrackAssignment, type TrackLink } from './track-assignment.js';
import { newTrackingUid } from './tracking-uid.js';

/** SULpeak repeatability coefficient, percent: 2.77 × 2.5% (Lodge 2012 within-patient SD of SUVpeak). */
export const SULPEAK_REPEATABILITY_PERCENT = 2.77 * 2.5;

const vectorSchema = z.tuple([z.number(), z.number(), z.number()]);

export const trackingTimePointSchema = z
  .strictObject({
    studyDate: isoDateSchema.describe('Date of the PET study, YYYY-MM-DD'),
    alignmentCentreMm: vectorSchema
      .optional()
      .describe('Centre of mass of the body outline (PET) or CT body [x, y, z], DICOM patient coordinates, mm'),
    alignmentToBaseline: z
      .strictObject({
        rotation: z
          .tuple([vectorSchema, vectorSchema, vectorSchema])
          .describe('Rotation matrix (rows) of the rigid transform onto the baseline'),
        translationMm: vectorSchema.describe('Translation of the rigid transform onto the baseline, mm'),
      })
      .optional()
      .describe(
        'Rigid transform of this time point onto the baseline (x_baseline = rotation · x + translation), e.g. from image registration; takes precedence over alignmentCentreMm',
      ),
    lesions: z.array(petLesionSchema).describe('Lesions of this time point (centroid, SUL and SUV measures)'),
  })
  .superRefine((timePoint, context) => {
    const seen = new Set<string>();
    timePoint.lesions.forEach((lesion, index) => {
      if (seen.has(lesion.id))
        context.addIssue({
          code: 'custom',
          path: ['lesions', index, 'id'],
          message: `duplicate lesion id ${lesion.id}`,
        });
      seen.add(lesion.id);
    });
  })
  .describe('One PET time point for tracking');

export const trackingCorrectionSchema = z
  .discriminatedUnion('kind', [
    z
      .strictObject({
        kind: z.literal('link').describe('Link the lesion to an existing track'),
        timePointIndex: z.int().min(1).describe('Index of the follow-up time point (0 is the baseline)'),
        lesionId: identifierSchema.describe('Lesion id at that time point'),
        trackUid: z.string().min(1).describe('Tracking UID to link the lesion to'),
      })
      .describe('Reader link'),
    z
      .strictObject({
        kind: z.literal('unlink').describe('Give the lesion a new track of its own'),
        timePointIndex: z.int().min(1).describe('Index of the follow-up time point (0 is the baseline)'),
        lesionId: identifierSchema.describe('Lesion id at that time point'),
      })
      .describe('Reader unlink'),
  ])
  .describe('A reader correction of a match');

export const petTrackingInputSchema = z
  .strictObject({
    timePoints: z.array(trackingTimePointSchema).min(2).describe('Baseline first, then follow-ups in date order'),
    maxDistanceMm: z.number().positive().max(200).optional().describe('Matching distance gate, mm (default 20)'),
    stableBandPercent: z
      .number()
      .positive()
      .max(100)
      .optional()
      .describe('SULpeak change within ± this percent is stable (default 6.9, the repeatability coefficient)'),
    corrections: z.array(trackingCorrectionSchema).optional().describe('Reader corrections, applied in order'),
  })
  .superRefine((input, context) => {
    input.timePoints.forEach((timePoint, index) => {
      const previous = input.timePoints[index - 1];
      if (previous !== undefined && timePoint.studyDate <= previous.studyDate)
        context.addIssue({
          code: 'custom',
          path: ['timePoints', index, 'studyDate'],
          message: `dates out of order: ${timePoint.studyDate} is not after ${previous.studyDate}`,
        });
    });
    input.corrections?.forEach((correction, index) => {
      const timePoint = input.timePoints[correction.timePointIndex];
      if (timePoint === undefined)
        context.addIssue({
          code: 'custom',
          path: ['corrections', index, 'timePointIndex'],
          message: `no time point ${String(correction.timePointIndex)}`,
        });
      else if (!timePoint.lesions.some((lesion) => lesion.id === correction.lesionId))
        context.addIssue({
          code: 'custom',
          path: ['corrections', index, 'lesionId'],
          message: `no lesion ${correction.lesionId} at time point ${String(correction.timePointIndex)}`,
        });
    });
  })
  .describe('PET time points to track lesions across');

export type PetTrackingInput = z.output<typeof petTrackingInputSchema>;
export type TrackingCorrection = z.output<typeof trackingCorrectionSchema>;

export type LesionState = 'baseline' | 'new' | 'increased' | 'stable' | 'decreased' | 'resolved';

export const trackedMeasures = ['sulPeak', 'suvmax', 'suvpeakGlobal', 'suvmean', 'mtvMl', 'tlg'] as const;
export type TrackedMeasure = (typeof trackedMeasures)[number];

export interface MeasureChange {
  readonly previous: number;
  readonly current: number;
  readonly absoluteChange: number;
  readonly percentChange: number | null;
}

export interface TrackedObservation {
  readonly timePointIndex: number;
  readonly studyDate: string;
  /** Null when the state is resolved (no lesion at this time point). */
  readonly lesionId: string | null;
  readonly state: LesionState;
  /** Change of each measure since the previous observation of this lesion (empty for baseline and new). */
  readonly changes: Partial<Readonly<Record<TrackedMeasure, MeasureChange>>>;
  /** Match confidence 0..1 of the link to the previous observation; 1 for a reader link; null when unlinked. */
  readonly confidence: number | null;
  readonly distanceMm: number | null;
  readonly linkedBy: 'automatic' | 'reader' | null;
}

export interface LesionTrack {
  readonly trackUid: string;
  readonly observations: readonly TrackedObservation[];
}

export interface TrackingResult {
  readonly tracks: readonly LesionTrack[];
  /**
   * Translation applied to each time point to bring it onto the baseline, mm (0 for the baseline); for a
   * rigid transform, its translation part (applied after its rotation).
   */
  readonly translationsMm: readonly (readonly [number, number, number])[];
  readonly warnings: readonly string[];
}

export interface PetTrackingResult {
  readonly automatic: TrackingResult;
  /** The automatic result with the reader corrections applied (equal to it when there are none). */
  readonly corrected: TrackingResult;
  readonly corrections: readonly TrackingCorrection[];
}

/** Volume of the intersection of two spheres of radii `r1`, `r2` whose centres are `d` apart. */
export function sphereIntersectionVolume(r1: number, r2: number, d: number): number {
  if (d >= r1 + r2) return 0;
  if (d <= Math.abs(r1 - r2)) return (4 / 3) * Math.PI * Math.min(r1, r2) ** 3;
  return (Math.PI * (r1 + r2 - d) ** 2 * (d * d + 2 * d * (r1 + r2) - 3 * (r1 - r2) ** 2)) / (12 * d);
}

/** Intersection over union of the spheres with the volumes of two lesions (MTV), `distanceMm` apart. */
export function sphereOverlap(volumeAMl: number, volumeBMl: number, distanceMm: number): number {
  const radius = (volumeMl: number): number => Math.cbrt((3 * volumeMl * 1000) / (4 * Math.PI));
  const r1 = radius(volumeAMl);
  const r2 = radius(volumeBMl);
  const intersection = sphereIntersectionVolume(r1, r2, distanceMm);
  const union = (4 / 3) * Math.PI * (r1 ** 3 + r2 ** 3) - intersection;
  return union > 0 ? intersection / union : 0;
}

type Vector = readonly [number, number, number];

function distance(a: Vector, b: Vector): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
}

function classKey(lesion: PetLesion): string {
  return organKey(lesion.organ);
}

function organsCompatible(a: PetLesion, b: PetLesion): boolean {
  return classKey(a) === classKey(b) || classKey(a) === 'unclassified' || classKey(b) === 'unclassified';
}

/** A map of a time point's coordinates onto the baseline: rotation (rows) and translation. */
interface PointMap {
  readonly rotation: readonly [Vector, Vector, Vector];
  readonly translation: Vector;
}

const IDENTITY_ROTATION: readonly [Vector, Vector, Vector] = [
  [1, 0, 0],
  [0, 1, 0],
  [0, 0, 1],
];

function translations(input: PetTrackingInput, warnings: string[]): PointMap[] {
  const baselineCentre = input.timePoints[0]?.alignmentCentreMm;
  return input.timePoints.map((timePoint, index): PointMap => {
    const none: PointMap = { rotation: IDENTITY_ROTATION, translation: [0, 0, 0] };
    if (index === 0) return none;
    if (timePoint.alignmentToBaseline !== undefined)
      return {
        rotation: timePoint.alignmentToBaseline.rotation,
        translation: timePoint.alignmentToBaseline.translationMm,
      };
    const centre = timePoint.alignmentCentreMm;
    if (baselineCentre === undefined || centre === undefined) {
      warnings.push(
        `time point ${String(index)} (${timePoint.studyDate}): no alignment centre, no translation applied`,
      );
      return none;
    }
    return {
      rotation: IDENTITY_ROTATION,
      translation: [baselineCentre[0] - centre[0], baselineCentre[1] - centre[1], baselineCentre[2] - centre[2]],
    };
  });
}

function automaticAssignment(
  input: PetTrackingInput,
  shifts: readonly PointMap[],
  newUid: () => string,
): TrackAssignment {
  const maxDistance = input.maxDistanceMm ?? 20;
  const assignment: TrackAssignment = input.timePoints.map(() => new Map<string, TrackLink>());
  const first = assignment[0];
  const baseline = input.timePoints[0];
  if (first === undefined || baseline === undefined) return assignment;
  for (const lesion of baseline.lesions)
    first.set(lesion.id, { trackUid: newUid(), confidence: null, distanceMm: null, linkedBy: null });
  for (let index = 1; index < input.timePoints.length; index += 1) {
    const previous = input.timePoints[index - 1];
    const current = input.timePoints[index];
    const previousLinks = assignment[index - 1];
    const links = assignment[index];
    const previousShift = shifts[index - 1];
    const shift = shifts[index];
    if (
      previous === undefined ||
      current === undefined ||
      previousLinks === undefined ||
      links === undefined ||
      previousShift === undefined ||
      shift === undefined
    )
      continue;
    const moved = (lesion: PetLesion, by: PointMap): Vector => {
      const [x, y, z] = lesion.centroidMm;
      const [r0, r1, r2] = by.rotation;
      return [
        r0[0] * x + r0[1] * y + r0[2] * z + by.translation[0],
        r1[0] * x + r1[1] * y + r1[2] * z + by.translation[1],
        r2[0] * x + r2[1] * y + r2[2] * z + by.translation[2],
      ];
    };
    const candidates: { trackUid: string; lesion: PetLesion; score: number; distanceMm: number }[] = [];
    for (const before of previous.lesions) {
      const trackUid = previousLinks.get(before.id)?.trackUid;
      if (trackUid === undefined) continue;
      for (const lesion of current.lesions) {
        if (!organsCompatible(before, lesion)) continue;
        const distanceMm = distance(moved(before, previousShift), moved(lesion, shift));
        const overlap = sphereOverlap(before.mtvMl, lesion.mtvMl, distanceMm);
        if (overlap <= 0 && distanceMm > maxDistance) continue;
        const score = 0.5 * overlap + 0.5 * Math.max(0, 1 - distanceMm / maxDistance);
        candidates.push({ trackUid, lesion, score, distanceMm });
      }
    }
    candidates.sort(
      (a, b) =>
        b.score - a.score ||
        a.distanceMm - b.distanceMm ||
        (a.trackUid < b.trackUid ? -1 : a.trackUid > b.trackUid ? 1 : 0) ||
        (a.lesion.id < b.lesion.id ? -1 : a.lesion.id > b.lesion.id ? 1 : 0),
    );
    const usedTracks = new Set<string>();
    for (const candidate of candidates) {
      if (usedTracks.has(candidate.trackUid) || links.has(candidate.lesion.id)) continue;
      usedTracks.add(candidate.trackUid);
      links.set(candidate.lesion.id, {
        trackUid: candidate.trackUid,
        confidence: candidate.score,
        distanceMm: candidate.distanceMm,
        linkedBy: 'automatic',
      });
    }
    for (const lesion of current.lesions)
      if (!links.has(lesion.id))
        links.set(lesion.id, { trackUid: newUid(), confidence: null, distanceMm: null, linkedBy: null });
  }
  return assignment;
}

function changesBetween(before: PetLesion, after: PetLesion): Partial<Record<TrackedMeasure, MeasureChange>> {
  const changes: Partial<Record<TrackedMeasure, MeasureChange>> = {};
  for (const measure of trackedMeasures) {
    changes[measure] = {
      previous: before[measure],
      current: after[measure],
      absoluteChange: after[measure] - before[measure],
      percentChange: percentChange(before[measure], after[measure]),
    };
  }
  return changes;
}

function stateOf(before: PetLesion, after: PetLesion, bandPercent: number): LesionState {
  const change = percentChange(before.sulPeak, after.sulPeak);
  if (change === null) return after.sulPeak > 0 ? 'increased' : 'stable';
  if (change > bandPercent) return 'increased';
  if (change < -bandPercent) return 'decreased';
  return 'stable';
}

/** Tracks (with states and changes) from an assignment of lesions to track UIDs. */
function tracksFrom(input: PetTrackingInput, assignment: TrackAssignment): LesionTrack[] {
  const band = input.stableBandPercent ?? SULPEAK_REPEATABILITY_PERCENT;
  const tracks = new Map<string, { observations: TrackedObservation[]; last: PetLesion; lastIndex: number }>();
  input.timePoints.forEach((timePoint, index) => {
    const links = assignment[index] ?? new Map<string, TrackLink>();
    for (const lesion of timePoint.lesions) {
      const link = links.get(lesion.id);
      if (link === undefined) continue;
      const track = tracks.get(link.trackUid);
      // A reader link continues a track even across a time point where the lesion was not found.
      const continues = track !== undefined && (track.lastIndex === index - 1 || link.linkedBy === 'reader');
      const observation: TrackedObservation = {
        timePointIndex: index,
        studyDate: timePoint.studyDate,
        lesionId: lesion.id,
        state: index === 0 ? 'baseline' : continues ? stateOf(track.last, lesion, band) : 'new',
        changes: continues ? changesBetween(track.last, lesion) : {},
        confidence: continues ? link.confidence : null,
        distanceMm: continues ? link.distanceMm : null,
        linkedBy: continues ? link.linkedBy : null,
      };
      if (track === undefined)
        tracks.set(link.trackUid, { observations: [observation], last: lesion, lastIndex: index });
      else {
        track.observations.push(observation);
        track.last = lesion;
        track.lastIndex = index;
      }
    }
    // A track seen at the previous time point and not now is resolved here; it then ends.
    if (index > 0) {
      for (const track of tracks.values()) {
        if (track.lastIndex !== index - 1) continue;
        track.observations.push({
          timePointIndex: index,
          studyDate: timePoint.studyDate,
          lesionId: null,
          state: 'resolved',
          changes: {},
          confidence: null,
          distanceMm: null,
          linkedBy: null,
        });
      }
    }
  });
  return [...tracks.entries()].map(([trackUid, track]) => ({ trackUid, observations: track.observations }));
}

/** Tracks lesions across validated time points; `newUid` makes tracking UIDs (random by default). */
export function computePetTracking(input: PetTrackingInput, newUid: () => string = newTrackingUid): PetTrackingResult {
  const warnings: string[] = [];
  const shifts = translations(input, warnings);
  const automaticLinks = automaticAssignment(input, shifts, newUid);
  const translationsMm = shifts.map((shift) => shift.translation);
  const automatic: TrackingResult = { tracks: tracksFrom(input, automaticLinks), translationsMm, warnings };
  const corrections = input.corrections ?? [];
  const corrected: TrackingResult =
    corrections.length === 0
      ? automatic
      : {
          tracks: tracksFrom(input, applyTrackingCorrections(automaticLinks, corrections, newUid)),
          translationsMm,
          warnings,
        };
  return { automatic, corrected, corrections };
}

/** Validates `raw` (typed `invalid_input` error with every issue by path) and tracks. */
export function trackPetLesions(raw: unknown, newUid: () => string = newTrackingUid): PetTrackingResult {
  return computePetTracking(parseInput(petTrackingInputSchema, raw, 'PET tracking input'), newUid);
}
