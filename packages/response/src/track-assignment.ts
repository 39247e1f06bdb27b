import { BonemetError } from '@bonemet/core';

/** The link that put one lesion (or hotspot) of one time point on a track. */
export interface TrackLink {
  readonly trackUid: string;
  readonly confidence: number | null;
  readonly distanceMm: number | null;
  readonly linkedBy: 'automatic' | 'reader' | null;
}

/** A reader correction of a match (the `TrackingCorrection` of pet-lesion-tracking.ts, for PET and bone scans). */
export type TrackCorrection =
  | { readonly kind: 'link'; readonly timePointIndex: number; readonly lesionId: string; readonly trackUid: string }
  | { readonly kind: 'unlink'; readonly timePointIndex: number; readonly lesionId: string };

/** Assignment of each lesion of each time point (by lesion id) to a track, with the link that made it. */
export type TrackAssignment = Map<string, TrackLink>[];

/**
 * Applies reader corrections to an automatic assignment, in order: "unlink" puts a lesion on a new track of its
 * own; "link" puts it on an existing track, moving any other lesion of that time point on the track to a new one.
 */
export function applyTrackingCorrections(
  automatic: TrackAssignment,
  corrections: readonly TrackCorrection[],
  newUid: () => string,
): TrackAssignment {
  const corrected: TrackAssignment = automatic.map((links) => new Map(links));
  const knownUids = new Set(automatic.flatMap((links) => [...links.values()].map((link) => link.trackUid)));
  corrections.forEach((correction, index) => {
    const links = corrected[correction.timePointIndex];
    if (links === undefined) return;
    if (correction.kind === 'unlink') {
      links.set(correction.lesionId, { trackUid: newUid(), confidence: null, distanceMm: null, linkedBy: null });
      return;
    }
    if (!knownUids.has(correction.trackUid)) {
      throw new BonemetError('not_found', `no track ${correction.trackUid}`, {
        issues: [
          {
            path: ['corrections', index, 'trackUid'],
            message: `no track ${correction.trackUid} in the automatic result`,
            hint: 'link to a tracking UID of the automatic result',
          },
        ],
      });
    }
    for (const [lesionId, link] of links) {
      if (link.trackUid === correction.trackUid && lesionId !== correction.lesionId)
        links.set(lesionId, { trackUid: newUid(), confidence: null, distanceMm: null, linkedBy: null });
    }
    links.set(correction.lesionId, {
      trackUid: correction.trackUid,
      confidence: 1,
      distanceMm: null,
      linkedBy: 'reader',
    });
  });
  return corrected;
}
