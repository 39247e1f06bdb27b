/**
 * Bone-scan hotspot tracking across any number of time points of one patient.
 *
 * Each time point k ≥ 1 is registered onto time point k − 1, view by view (bone-scan-registration.ts), and
 * its hotspots are matched to those of k − 1 (bone-scan-hotspot-match.ts). A track carries a persistent
 * tracking UID (a DICOM UID, tracking-uid.ts). State against the previous observation of the same track:
 * new (unmatched), increased / stable / decreased (the noise-aware uptake comparison), resolved (a track
 * seen at k − 1 and not at k; the track then ends). An unmatched hotspot is new only when the previous scan,
 * at the place the hotspot maps to, showed significantly less uptake (the same noise-aware test): a hotspot
 * that was there but not detected as one is not a new lesion; it is reported with the change of uptake at
 * that place and `previouslyUndetected`. Tracks are per view: a lesion seen in both views has
 * one track in each, and patient-level counts count it once (through the views' pairing of hotspots).
 *
 * Metastasis-labelled hotspots are the lesions; benign ones are tracked the same way and counted apart.
 * Patient-level counts per follow-up, against the baseline (time point 0), are what the flare rule of
 * bone-scan-flare.ts reads: lesions new since baseline (on tracks that began after the baseline), and
 * baseline lesions whose uptake increased since baseline (the same noise-aware comparison, baseline
 * against now).
 *
 * Reader corrections follow the PET tracking's schema (link a hotspot to a track UID, or unlink it into a
 * new track; `lesionId` is the hotspot id) and are applied to a copy: the automatic result is returned
 * unchanged next to the corrected one.
 */
import type { WholeBodyScanAnalysis } from '@bonemet/bonescan';
import { BonemetError, isoDateSchema, parseInput, type IssuePath } from '@bonemet/core';
import { z } from 'zod';
import { newLesionMetastasisProbability, type NewLesionProbability } from './bone-scan-flare.js';
import {
  ARM_ALLOWANCE_MM,
  classifyUptakeChange,
  isArmRegion,
  compareUptake,
  matchViewHotspots,
  peakSearchRadiusMm,
  peakUptake,
  type TrackableHotspot,
  type UptakeComparison,
} from './bone-scan-hotspot-match.js';
import {
  mapLaterToEarlier,
  registerBoneScanView,
  type BoneScanViewImage,
  type ViewRegistration,
} from './bone-scan-registration.js';
import { trackingCorrectionSchema, type LesionState, type TrackingCorrection } from './pet-lesion-tracking.js';
import { applyTrackingCorrections, type TrackAssignment, type TrackLink } from './track-assignment.js';
import { newTrackingUid } from './tracking-uid.js';

/** One time point: its views (counts, skeleton labels, normal-bone level) and its hotspots. */
export interface BoneScanTrackingStudy {
  readonly studyDate: string;
  readonly views: readonly BoneScanViewImage[];
  readonly hotspots: readonly TrackableHotspot[];
}

/** A study's tracking input from the bone-scan pipeline's result (automatic hotspots). */
export function boneScanTrackingStudy(studyDate: string, analysis: WholeBodyScanAnalysis): BoneScanTrackingStudy {
  const views: BoneScanViewImage[] = [];
  for (const view of analysis.scan.views) {
    const segmentation = analysis.segmentation.views.find((v) => v.view === view.view);
    const normalisation = analysis.hotspots.views.find((v) => v.view === view.view);
    if (segmentation === undefined || normalisation === undefined) continue;
    views.push({
      view: view.view,
      counts: view.counts,
      columns: view.columns,
      rows: view.rows,
      pixelSpacingMm: view.pixelSpacingMm,
      labels: segmentation.labels,
      normalBoneCounts: normalisation.normalBoneCounts,
    });
  }
  const hotspots = analysis.hotspots.automatic.hotspots.map((h): TrackableHotspot => ({
    id: h.id,
    view: h.view,
    region: h.region,
    columnPx: h.columnPx,
    rowPx: h.rowPx,
    areaMm2: h.areaMm2,
    label: h.label,
    otherViewId: h.otherView?.hotspotId ?? null,
  }));
  return { studyDate, views, hotspots };
}

export interface BoneScanObservation {
  readonly timePointIndex: number;
  readonly studyDate: string;
  /** Null when the state is resolved (no hotspot at this time point). */
  readonly hotspotId: string | null;
  readonly label: 'metastasis' | 'benign' | null;
  readonly region: string | null;
  /** Centroid in this time point's view, pixels (null when resolved). */
  readonly positionPx: readonly [number, number] | null;
  readonly state: LesionState;
  /** Uptake against the previous observation of this track (null for baseline, new and resolved). */
  readonly uptake: {
    readonly ratio: number;
    readonly thresholdRatio: number;
    readonly previousUptakeRatio: number;
    readonly currentUptakeRatio: number;
    readonly searchRadiusMm: number;
  } | null;
  readonly areaMm2: number | null;
  readonly previousAreaMm2: number | null;
  /** Match confidence 0..1 to the previous observation; 1 for a reader link; null when unlinked. */
  readonly confidence: number | null;
  /** Distance to the previous observation after registration, mm (null for reader links and unlinked). */
  readonly distanceMm: number | null;
  readonly linkedBy: 'automatic' | 'reader' | null;
  /**
   * For an unmatched hotspot of a follow-up: true when the previous scan, at the registered place, already
   * showed as much uptake (not significantly less): the hotspot was there but not detected, so it is not
   * counted as new and its state is the change of uptake at that place. False for a confirmed new hotspot.
   */
  readonly previouslyUndetected: boolean;
}

export interface BoneScanTrack {
  readonly trackUid: string;
  readonly view: BoneScanViewImage['view'];
  /** True when the track's latest hotspot is labelled metastasis (it counts as a lesion). */
  readonly lesion: boolean;
  readonly observations: readonly BoneScanObservation[];
}

export interface BoneScanRegistrationSummary {
  readonly view: BoneScanViewImage['view'];
  readonly residualMm: number | null;
  readonly rotationDeg: number;
  readonly scale: number;
  readonly translationMm: readonly [number, number];
  readonly measuredControlPoints: number;
}

export interface BoneScanTimePointSummary {
  readonly timePointIndex: number;
  readonly studyDate: string;
  /** Registration onto the previous time point (empty for the baseline). */
  readonly registration: readonly BoneScanRegistrationSummary[];
  /** Lesions (metastasis hotspots, counted once across views) new since the previous time point. */
  readonly newLesionCount: number;
  /** Probability that the new lesions are metastatic by their count (Jacobson 1990), information only. */
  readonly newLesionProbability: NewLesionProbability | null;
  readonly persistentLesionCount: number;
  readonly increasedLesionCount: number;
  readonly decreasedLesionCount: number;
  readonly resolvedLesionCount: number;
  /** Against the baseline, for the flare rule: lesions on tracks that began after the baseline. */
  readonly newSinceBaselineCount: number;
  /** Against the baseline: baseline lesions whose uptake increased since the baseline. */
  readonly increasedSinceBaselineCount: number;
  /** Benign hotspots, reported apart: new since the previous time point, and present. */
  readonly benignNewCount: number;
  readonly benignCount: number;
}

export interface BoneScanTrackingResult {
  readonly tracks: readonly BoneScanTrack[];
  readonly timePoints: readonly BoneScanTimePointSummary[];
  /** Follow-up counts against the baseline in the shape of bone-scan-flare.ts's `scans`. */
  readonly flareCounts: readonly {
    readonly date: string;
    readonly newCount: number;
    readonly increasedCount: number;
  }[];
  readonly warnings: readonly string[];
}

export interface BoneScanSeriesTracking {
  readonly automatic: BoneScanTrackingResult;
  /** The automatic result with the reader corrections applied (equal to it when there are none). */
  readonly corrected: BoneScanTrackingResult;
  readonly corrections: readonly TrackingCorrection[];
  /** Registration of each follow-up onto the previous time point, per view (index k: k onto k − 1; 0 empty). */
  readonly registrations: readonly (readonly ViewRegistration[])[];
}

export const boneScanTrackingOptionsSchema = z
  .strictObject({
    corrections: z
      .array(trackingCorrectionSchema)
      .optional()
      .describe('Reader corrections (lesionId is the hotspot id), applied in order'),
  })
  .describe('Options of bone-scan tracking');

export type BoneScanTrackingOptions = z.input<typeof boneScanTrackingOptionsSchema>;

function invalid(message: string, path: IssuePath, hint: string): BonemetError {
  return new BonemetError('invalid_input', message, { issues: [{ path, message, hint }] });
}

function validateStudies(studies: readonly BoneScanTrackingStudy[]): void {
  if (studies.length < 2)
    throw invalid('tracking needs at least two bone scans', ['studies'], 'give the earlier and the later study');
  studies.forEach((study, index) => {
    const date = isoDateSchema.safeParse(study.studyDate);
    if (!date.success)
      throw invalid(
        `study ${String(index)}: "${study.studyDate}" is not a YYYY-MM-DD date`,
        ['studies', index, 'studyDate'],
        'give the study date as YYYY-MM-DD',
      );
    const previous = studies[index - 1];
    if (previous !== undefined && study.studyDate <= previous.studyDate)
      throw invalid(
        `dates out of order: ${study.studyDate} is not after ${previous.studyDate}`,
        ['studies', index, 'studyDate'],
        'give the studies earliest first, each on a later date',
      );
    if (study.views.length === 0)
      throw invalid(
        `study ${String(index)} (${study.studyDate}) has no view`,
        ['studies', index, 'views'],
        'give at least one whole-body view',
      );
    const ids = new Set<string>();
    study.hotspots.forEach((h, k) => {
      if (ids.has(h.id))
        throw invalid(
          `study ${String(index)}: duplicate hotspot id ${h.id}`,
          ['studies', index, 'hotspots', k, 'id'],
          'give each hotspot a unique id',
        );
      ids.add(h.id);
    });
  });
}

function viewOf(study: BoneScanTrackingStudy, view: string): BoneScanViewImage | undefined {
  return study.views.find((v) => v.view === view);
}

function automaticAssignment(
  studies: readonly BoneScanTrackingStudy[],
  registrations: readonly (readonly ViewRegistration[])[],
  newUid: () => string,
): TrackAssignment {
  const assignment: TrackAssignment = studies.map(() => new Map<string, TrackLink>());
  const unlinked = (): TrackLink => ({ trackUid: newUid(), confidence: null, distanceMm: null, linkedBy: null });
  const first = assignment[0];
  for (const h of studies[0]?.hotspots ?? []) first?.set(h.id, unlinked());
  for (let k = 1; k < studies.length; k++) {
    const previous = studies[k - 1];
    const current = studies[k];
    const previousLinks = assignment[k - 1];
    const links = assignment[k];
    if (previous === undefined || current === undefined || previousLinks === undefined || links === undefined) continue;
    for (const registration of registrations[k] ?? []) {
      const before = previous.hotspots.filter((h) => h.view === registration.view);
      const after = current.hotspots.filter((h) => h.view === registration.view);
      for (const match of matchViewHotspots(before, after, registration)) {
        const trackUid = previousLinks.get(match.earlierId)?.trackUid;
        if (trackUid === undefined) continue;
        links.set(match.laterId, {
          trackUid,
          confidence: match.confidence,
          distanceMm: match.distanceMm,
          linkedBy: 'automatic',
        });
      }
    }
    for (const h of current.hotspots) if (!links.has(h.id)) links.set(h.id, unlinked());
  }
  return assignment;
}

interface TrackState {
  readonly view: BoneScanViewImage['view'];
  readonly observations: BoneScanObservation[];
  last: TrackableHotspot;
  lastIndex: number;
  readonly firstIndex: number;
  readonly first: TrackableHotspot;
}

/**
 * The change of uptake from the previous scan, at the place a follow-up hotspot maps to, to the hotspot:
 * null when the view was not registered.
 */
function uptakeAtPreviousPlace(
  studies: readonly BoneScanTrackingStudy[],
  registrations: readonly (readonly ViewRegistration[])[],
  k: number,
  h: TrackableHotspot,
  image: BoneScanViewImage,
): UptakeComparison | null {
  const registration = registrations[k]?.find((r) => r.view === h.view);
  const previous = studies[k - 1];
  const previousImage = previous === undefined ? undefined : viewOf(previous, h.view);
  if (registration === undefined || previousImage === undefined) return null;
  const [c, r] = mapLaterToEarlier(registration, h.columnPx, h.rowPx);
  const radiusMm = peakSearchRadiusMm(h.areaMm2);
  // The earlier peak is searched a little wider, by the registration's residual (at most 10 mm), and in the
  // arms, whose pose changes, by 30 mm more.
  const widerMm = Math.min(registration.residualMm ?? 10, 10) + (isArmRegion(h.region) ? ARM_ALLOWANCE_MM : 0);
  const before = peakUptake(previousImage, c, r, radiusMm + widerMm);
  return classifyUptakeChange(before, peakUptake(image, h.columnPx, h.rowPx, radiusMm), radiusMm);
}

/** Physical count of hotspots: a hotspot whose other-view partner is already counted is not counted again. */
function countOnce(hotspots: readonly TrackableHotspot[]): number {
  const counted = new Set<string>();
  const ordered = [...hotspots].sort((a, b) => (a.view < b.view ? -1 : a.view > b.view ? 1 : a.id < b.id ? -1 : 1));
  for (const h of ordered) {
    if (h.otherViewId !== null && counted.has(h.otherViewId)) continue;
    counted.add(h.id);
  }
  return counted.size;
}

function buildResult(
  studies: readonly BoneScanTrackingStudy[],
  assignment: TrackAssignment,
  registrations: readonly (readonly ViewRegistration[])[],
  baseWarnings: readonly string[],
  newUid: () => string,
): BoneScanTrackingResult {
  const warnings = [...baseWarnings];
  const tracks = new Map<string, TrackState>();
  const summaries: BoneScanTimePointSummary[] = [];
  const flareCounts: { date: string; newCount: number; increasedCount: number }[] = [];
  studies.forEach((study, k) => {
    const links = assignment[k] ?? new Map<string, TrackLink>();
    const byState = new Map<LesionState, TrackableHotspot[]>();
    const resolvedLesions: TrackableHotspot[] = [];
    const newSinceBaseline: TrackableHotspot[] = [];
    const increasedSinceBaseline: TrackableHotspot[] = [];
    const benignNew: TrackableHotspot[] = [];
    const benign: TrackableHotspot[] = [];
    const seen = new Set<string>();
    for (const h of study.hotspots) {
      const link = links.get(h.id);
      const image = viewOf(study, h.view);
      if (link === undefined || image === undefined) continue;
      const track = tracks.get(link.trackUid);
      const previousImage = track === undefined ? undefined : viewOf(studies[track.lastIndex] ?? study, track.view);
      const continues =
        k > 0 &&
        track !== undefined &&
        previousImage !== undefined &&
        track.view === h.view &&
        (track.lastIndex === k - 1 || link.linkedBy === 'reader');
      let comparison: UptakeComparison | null = null;
      let previouslyUndetected = false;
      if (continues) comparison = compareUptake(previousImage, track.last, image, h);
      else if (k > 0) {
        const placeCheck = uptakeAtPreviousPlace(studies, registrations, k, h, image);
        if (placeCheck !== null && placeCheck.change !== 'increased') {
          comparison = placeCheck;
          previouslyUndetected = true;
        }
      }
      const state: LesionState = k === 0 ? 'baseline' : comparison === null ? 'new' : comparison.change;
      const observation: BoneScanObservation = {
        timePointIndex: k,
        studyDate: study.studyDate,
        hotspotId: h.id,
        label: h.label,
        region: h.region,
        positionPx: [h.columnPx, h.rowPx],
        state,
        uptake:
          comparison === null
            ? null
            : {
                ratio: comparison.ratio,
                thresholdRatio: comparison.thresholdRatio,
                previousUptakeRatio: comparison.previous.uptakeRatio,
                currentUptakeRatio: comparison.current.uptakeRatio,
                searchRadiusMm: comparison.searchRadiusMm,
              },
        areaMm2: h.areaMm2,
        previousAreaMm2: continues ? track.last.areaMm2 : null,
        confidence: continues ? link.confidence : null,
        distanceMm: continues ? link.distanceMm : null,
        linkedBy: continues ? link.linkedBy : null,
        previouslyUndetected,
      };
      let current: TrackState;
      let uid = link.trackUid;
      if (continues) {
        track.observations.push(observation);
        track.last = h;
        track.lastIndex = k;
        current = track;
      } else {
        if (track !== undefined) {
          // Only a reader link to a track of the other view gets here: a track stays in one view.
          uid = newUid();
          warnings.push(
            `${study.studyDate}: hotspot ${h.id} (${h.view}) cannot join track ${link.trackUid} of the ${track.view} view; it starts track ${uid}`,
          );
        }
        current = { view: h.view, observations: [observation], last: h, lastIndex: k, firstIndex: k, first: h };
        tracks.set(uid, current);
      }
      seen.add(uid);
      if (k === 0) continue;
      if (h.label === 'benign') {
        benign.push(h);
        if (state === 'new') benignNew.push(h);
        continue;
      }
      const list = byState.get(state) ?? [];
      list.push(h);
      byState.set(state, list);
      if (current.firstIndex > 0) {
        if (current.observations[0]?.state === 'new') newSinceBaseline.push(h);
      } else {
        const baselineImage = viewOf(studies[0] ?? study, current.view);
        if (baselineImage !== undefined && compareUptake(baselineImage, current.first, image, h).change === 'increased')
          increasedSinceBaseline.push(h);
      }
    }
    if (k > 0) {
      for (const [uid, track] of tracks) {
        if (track.lastIndex !== k - 1 || seen.has(uid)) continue;
        track.observations.push({
          timePointIndex: k,
          studyDate: study.studyDate,
          hotspotId: null,
          label: null,
          region: null,
          positionPx: null,
          state: 'resolved',
          uptake: null,
          areaMm2: null,
          previousAreaMm2: track.last.areaMm2,
          confidence: null,
          distanceMm: null,
          linkedBy: null,
          previouslyUndetected: false,
        });
        if (track.last.label === 'metastasis') resolvedLesions.push(track.last);
      }
      const newLesionCount = countOnce(byState.get('new') ?? []);
      const increased = countOnce(byState.get('increased') ?? []);
      const decreased = countOnce(byState.get('decreased') ?? []);
      summaries.push({
        timePointIndex: k,
        studyDate: study.studyDate,
        registration: (registrations[k] ?? []).map((r) => ({
          view: r.view,
          residualMm: r.residualMm,
          rotationDeg: r.rotationDeg,
          scale: r.scale,
          translationMm: r.translationMm,
          measuredControlPoints: r.measuredControlPoints,
        })),
        newLesionCount,
        newLesionProbability: newLesionMetastasisProbability(newLesionCount),
        persistentLesionCount: countOnce([
          ...(byState.get('increased') ?? []),
          ...(byState.get('stable') ?? []),
          ...(byState.get('decreased') ?? []),
        ]),
        increasedLesionCount: increased,
        decreasedLesionCount: decreased,
        resolvedLesionCount: countOnce(resolvedLesions),
        newSinceBaselineCount: countOnce(newSinceBaseline),
        increasedSinceBaselineCount: countOnce(increasedSinceBaseline),
        benignNewCount: countOnce(benignNew),
        benignCount: countOnce(benign),
      });
      flareCounts.push({
        date: study.studyDate,
        newCount: countOnce(newSinceBaseline),
        increasedCount: countOnce(increasedSinceBaseline),
      });
    } else {
      summaries.push({
        timePointIndex: 0,
        studyDate: study.studyDate,
        registration: [],
        newLesionCount: 0,
        newLesionProbability: null,
        persistentLesionCount: 0,
        increasedLesionCount: 0,
        decreasedLesionCount: 0,
        resolvedLesionCount: 0,
        newSinceBaselineCount: 0,
        increasedSinceBaselineCount: 0,
        benignNewCount: 0,
        benignCount: countOnce(study.hotspots.filter((h) => h.label === 'benign')),
      });
    }
  });
  return {
    tracks: [...tracks.entries()].map(([trackUid, track]) => {
      const lastSeen = [...track.observations].reverse().find((o) => o.label !== null);
      return { trackUid, view: track.view, lesion: lastSeen?.label === 'metastasis', observations: track.observations };
    }),
    timePoints: summaries,
    flareCounts,
    warnings,
  };
}

/** Registers each follow-up onto the previous study, view by view. */
function registerSeries(studies: readonly BoneScanTrackingStudy[], warnings: string[]): ViewRegistration[][] {
  return studies.map((study, k) => {
    const previous = studies[k - 1];
    if (previous === undefined) return [];
    const out: ViewRegistration[] = [];
    for (const view of study.views) {
      const before = viewOf(previous, view.view);
      if (before === undefined) {
        warnings.push(
          `${study.studyDate}: no ${view.view} view on ${previous.studyDate}; its hotspots start new tracks`,
        );
        continue;
      }
      const registration = registerBoneScanView(before, view);
      for (const w of registration.warnings) warnings.push(`${study.studyDate}: ${w}`);
      out.push(registration);
    }
    return out;
  });
}

/** Tracks hotspots across bone-scan studies (see the module comment); `newUid` makes tracking UIDs. */
export function trackBoneScanStudies(
  studies: readonly BoneScanTrackingStudy[],
  options: BoneScanTrackingOptions = {},
  newUid: () => string = newTrackingUid,
): BoneScanSeriesTracking {
  validateStudies(studies);
  const parsed = parseInput(boneScanTrackingOptionsSchema, options, 'bone-scan tracking options');
  const corrections = parsed.corrections ?? [];
  corrections.forEach((correction, index) => {
    const study = studies[correction.timePointIndex];
    if (study === undefined)
      throw invalid(
        `no time point ${String(correction.timePointIndex)}`,
        ['corrections', index, 'timePointIndex'],
        `time points are 1..${String(studies.length - 1)}`,
      );
    if (!study.hotspots.some((h) => h.id === correction.lesionId))
      throw invalid(
        `no hotspot ${correction.lesionId} at time point ${String(correction.timePointIndex)}`,
        ['corrections', index, 'lesionId'],
        'give the id of a hotspot of that time point',
      );
  });
  const warnings: string[] = [];
  const registrations = registerSeries(studies, warnings);
  const automaticLinks = automaticAssignment(studies, registrations, newUid);
  const automatic = buildResult(studies, automaticLinks, registrations, warnings, newUid);
  const corrected =
    corrections.length === 0
      ? automatic
      : buildResult(
          studies,
          applyTrackingCorrections(automaticLinks, corrections, newUid),
          registrations,
          warnings,
          newUid,
        );
  return { automatic, corrected, corrections, registrations };
}

/** Tracks the hotspots of whole-body scan analyses, earliest first (see the module comment). */
export function trackBoneScanSeries(
  studies: readonly { readonly studyDate: string; readonly analysis: WholeBodyScanAnalysis }[],
  options: BoneScanTrackingOptions = {},
  newUid: () => string = newTrackingUid,
): BoneScanSeriesTracking {
  return trackBoneScanStudies(
    studies.map((s) => boneScanTrackingStudy(s.studyDate, s.analysis)),
    options,
    newUid,
  );
}
