/**
 * Rule-based labelling of a hotspot as `metastasis` (suspicious) or `benign`, with a score (0–1, higher =
 * more suspicious; `metastasis` when ≥ 0.5) and a reason in words. It is a transparent rule list, not a
 * trained classifier: the first rule that matches decides, and each rule cites its source. The weights
 * and cut-offs are design choices documented here, not values fitted to data.
 *
 * Rules, in order:
 *  1. Urinary bladder: a hotspot centred within 40 mm of the midline, off the bone (at least 200 mm², below
 *     the top of the sacrum) or on the pelvis or sacrum (at least 300 mm², below the centre of the sacrum:
 *     bladder activity projects over the pelvis), or a pelvic or sacral hotspot touching such a hotspot →
 *     benign 0.05.
 *  2. Off the skeleton (less than half of its pixels on bone): injection site (the nearest bone is an arm
 *     bone) → benign 0.05; kidney (beside the spine, 25–130 mm from the midline, between the lower half of
 *     the thoracic spine and the end of the lumbar spine) → benign 0.05; other soft-tissue uptake → benign
 *     0.1.
 *  3. Photopenic centre with a hot rim → metastasis 0.75 (lytic pattern).
 *  4. Rib hotspot aligned with other rib hotspots on consecutive ribs → benign 0.2 (fracture pattern).
 *  5. Hotspot within 30 mm of a joint (or beside the lumbar spine, facet joints) with a hotspot at the
 *     mirrored position on the other side, the two within a factor 1.5 in mean ratio → benign 0.25
 *     (symmetric degenerative pattern); the same pair elsewhere → benign 0.3 (symmetric uptake: bones that
 *     overlap in projection, such as the ribs over the scapulae or the mandible over the cervical spine,
 *     do so on both sides, while metastases are scattered).
 *  5b. On an arm bone of one arm only (no hotter-or-similar focus on the other arm): on the forearm or hand,
 *     or on the humerus centred within 12 mm of the elbow joint → benign 0.1 (injection site over the bone).
 *  6. Any other hotspot on the skeleton: score = 0.3 + 0.4 × intensity + 0.3 × size (+ 0.1 when the other
 *     view shows it too, − 0.1 for a lone rib hotspot), with intensity = (ratioMax − 1.3) / 1.2 and size =
 *     (area − 40 mm²) / 160 mm², each clamped to 0–1: a focus of 2.5× normal bone over 200 mm² scores 1.0,
 *     a faint (1.3×) focus of 40 mm² 0.3.
 */
import type { Citation } from '@bonemet/core';
import type { HotspotFeatures } from './hotspot-features.js';
import { hotspotSources } from './hotspot-sources.js';
import type { ViewPairing } from './pair-view-hotspots.js';
import type { SkeletonGeometry } from './skeleton-geometry.js';

export type HotspotLabel = 'metastasis' | 'benign';

export type HotspotRule =
  | 'urinary-bladder'
  | 'kidney'
  | 'injection-site'
  | 'soft-tissue'
  | 'lytic-with-rim'
  | 'aligned-rib-fractures'
  | 'symmetric-degenerative-joint'
  | 'symmetric-uptake'
  | 'focal-uptake';

export interface HotspotClassification {
  readonly label: HotspotLabel;
  /** Suspicion of metastasis, 0–1; the label is `metastasis` when it is ≥ 0.5. */
  readonly score: number;
  readonly rule: HotspotRule;
  readonly reason: string;
  readonly citations: readonly Citation[];
}

/** Score at and above which a hotspot is labelled `metastasis`. */
export const metastasisScoreCutOff = 0.5;

const armRegions = new Set(['humerus', 'radius', 'ulna', 'hand']);
/** Two mirrored hotspots are a symmetric pair when their mean ratios differ by at most this factor. */
const symmetricRatioFactor = 1.5;
/*
 * Tracer is injected in an arm vein, usually at the antecubital fossa or the back of the hand or wrist; a
 * focus anywhere on the forearm or hand, or on the humerus centred at the elbow, of one arm only is read as
 * the injection site (EANM 2016). Metastases distal to the elbow are rare; this is a design choice.
 */
/** A focus on the humerus is read as the injection site only when centred this close to the elbow joint, mm. */
const injectionElbowCentreMm = 12;
const clamp01 = (x: number): number => Math.min(1, Math.max(0, x));
const fixed = (x: number, digits = 1): string => x.toFixed(digits);

function result(
  score: number,
  rule: HotspotRule,
  reason: string,
  citations: readonly Citation[],
): HotspotClassification {
  return { label: score >= metastasisScoreCutOff ? 'metastasis' : 'benign', score, rule, reason, citations };
}

function describe(h: HotspotFeatures): string {
  return `${fixed(h.ratioMax)}× normal bone (mean ${fixed(h.ratioMean)}×) over ${Math.round(h.areaMm2)} mm² in the ${h.region?.replace(/_/g, ' ') ?? 'soft tissue'}`;
}

/** Label, score and reason of one hotspot. `byId` gives the view's other hotspots (for the contralateral one). */
export function classifyHotspot(
  h: HotspotFeatures,
  geometry: SkeletonGeometry,
  byId: ReadonlyMap<string, HotspotFeatures>,
  pairing: ViewPairing | undefined,
): HotspotClassification {
  const { eanm2016, koizumi, jacobson, rohani, lytic, sadik } = {
    eanm2016: hotspotSources['eanm-2016-artefacts'],
    koizumi: hotspotSources['koizumi-2015-bonenavi'],
    jacobson: hotspotSources['jacobson-rib-lesions'],
    rohani: hotspotSources['rohani-2020-djd'],
    lytic: hotspotSources['lytic-breast-lesions'],
    sadik: hotspotSources['sadik-2008-exini'],
  };
  const offsetMm = Math.abs(h.offsetFromMidlineMm);
  const sacrum = geometry.regions.sacrum;
  const baseRegion = h.region?.replace(/_(left|right)$/, '') ?? null;

  const bladderLike = (x: HotspotFeatures): boolean => {
    const xRegion = x.region?.replace(/_(left|right)$/, '') ?? null;
    const offBone = x.onSkeletonFraction < 0.5;
    // Off the bone, activity below the top of the sacrum is urine; on the bone, only below its centre.
    return (
      x.kind === 'hot' &&
      x.areaMm2 >= (offBone ? 200 : 300) &&
      Math.abs(x.offsetFromMidlineMm) <= 40 &&
      sacrum !== undefined &&
      x.rowPx > (offBone ? sacrum.firstRow : sacrum.centroidRowPx) &&
      (offBone || xRegion === 'pelvis' || xRegion === 'sacrum')
    );
  };
  const bladderNeighbour = h.adjoiningHotspotIds
    .map((id) => byId.get(id))
    .find((x) => x !== undefined && bladderLike(x));
  if (h.kind === 'hot' && bladderNeighbour !== undefined && (baseRegion === 'pelvis' || baseRegion === 'sacrum')) {
    return result(
      0.05,
      'urinary-bladder',
      `uptake on the ${baseRegion} touching the urinary bladder activity (${bladderNeighbour.id}): bladder activity over the bone`,
      [koizumi, eanm2016],
    );
  }
  if (bladderLike(h)) {
    return result(
      0.05,
      'urinary-bladder',
      `large midline uptake below the sacrum (${Math.round(h.areaMm2)} mm², ${fixed(h.ratioMax)}× normal bone): urinary bladder position, not bone`,
      [koizumi, eanm2016],
    );
  }
  if (h.kind === 'hot' && h.onSkeletonFraction < 0.5) {
    if (baseRegion !== null && armRegions.has(baseRegion)) {
      return result(
        0.05,
        'injection-site',
        `uptake off the skeleton next to the ${baseRegion} of one arm (${fixed(h.ratioMax)}× normal bone): injection site or extravasation`,
        [eanm2016],
      );
    }
    const thoracic = geometry.regions.thoracic_spine;
    const lumbar = geometry.regions.lumbar_spine;
    const kidneyTop = thoracic === undefined ? lumbar?.firstRow : (thoracic.firstRow + thoracic.lastRow) / 2;
    const kidneyBottom = lumbar?.lastRow ?? thoracic?.lastRow;
    if (
      kidneyTop !== undefined &&
      kidneyBottom !== undefined &&
      h.rowPx >= kidneyTop &&
      h.rowPx <= kidneyBottom &&
      offsetMm >= 25 &&
      offsetMm <= 130
    ) {
      return result(
        0.05,
        'kidney',
        `uptake off the skeleton beside the spine, ${Math.round(offsetMm)} mm from the midline at the level of the lower thoracic and lumbar spine: kidney position`,
        [koizumi, eanm2016],
      );
    }
    return result(
      0.1,
      'soft-tissue',
      `uptake mostly off the skeleton (${Math.round(100 * h.onSkeletonFraction)} % of its pixels on bone): soft-tissue activity, not a bone lesion`,
      [eanm2016],
    );
  }
  if (h.kind === 'cold-with-rim') {
    return result(
      0.75,
      'lytic-with-rim',
      `photopenic area (${fixed(h.coldCentreRatioMean ?? h.ratioMean, 2)}× normal bone) with a hot rim (${fixed(h.rimRatioMean ?? 0, 2)}×) over ${Math.round(h.areaMm2)} mm² in the ${h.region?.replace(/_/g, ' ') ?? 'skeleton'}: lytic pattern, suspicious for metastasis`,
      [lytic, koizumi],
    );
  }
  if (h.region === 'ribs' && h.alignedRibHotspotIds.length > 0) {
    return result(
      0.2,
      'aligned-rib-fractures',
      `rib hotspot on a vertical line with ${h.alignedRibHotspotIds.join(', ')} across consecutive ribs: fracture pattern`,
      [jacobson],
    );
  }
  const partner = h.contralateralHotspotId === null ? undefined : byId.get(h.contralateralHotspotId);
  const nearJoint = h.nearestJoint !== null && h.nearestJoint.distanceMm <= 30;
  const facet = baseRegion === 'lumbar_spine' && offsetMm >= 5;
  const matched =
    partner !== undefined &&
    Math.max(partner.ratioMean, h.ratioMean) / Math.min(partner.ratioMean, h.ratioMean) <= symmetricRatioFactor;
  if (matched && (nearJoint || facet)) {
    const where = facet && !nearJoint ? 'lumbar facet joints' : `${h.nearestJoint?.joint ?? 'joint'}s`;
    return result(
      0.25,
      'symmetric-degenerative-joint',
      `uptake at both ${where}, matched by ${partner.id} at the mirrored position (${fixed(h.ratioMean)}× vs ${fixed(partner.ratioMean)}× normal bone): symmetric degenerative pattern`,
      [rohani],
    );
  }
  if (matched) {
    return result(
      0.3,
      'symmetric-uptake',
      `uptake ${describe(h)} matched by ${partner.id} at the mirrored position on the other side (${fixed(h.ratioMean)}× vs ${fixed(partner.ratioMean)}×): symmetric pattern of normal bone overlap or physiological uptake, not called`,
      [rohani],
    );
  }
  const hotterPartner = partner !== undefined && partner.ratioMean * symmetricRatioFactor >= h.ratioMean;
  // The antecubital fossa lies over the elbow joint's centre: a humerus focus counts only when centred there.
  const elbowAtCentre =
    h.nearestJoint !== null && h.nearestJoint.joint === 'elbow' && h.nearestJoint.distanceMm <= injectionElbowCentreMm;
  if (
    baseRegion !== null &&
    armRegions.has(baseRegion) &&
    !hotterPartner &&
    (elbowAtCentre || baseRegion !== 'humerus')
  ) {
    return result(
      0.1,
      'injection-site',
      `uptake ${describe(h)} at the ${h.nearestJoint?.side ?? ''} ${h.nearestJoint?.joint ?? 'arm'} (${Math.round(h.nearestJoint?.distanceMm ?? 0)} mm) of one arm only: injection site or extravasation over the bone`,
      [eanm2016],
    );
  }
  const intensity = clamp01((h.ratioMax - 1.3) / 1.2);
  const size = clamp01((h.areaMm2 - 40) / 160);
  const loneRib = h.region === 'ribs';
  const score = clamp01(0.3 + 0.4 * intensity + 0.3 * size + (pairing === undefined ? 0 : 0.1) - (loneRib ? 0.1 : 0));
  const notes = [
    pairing === undefined ? 'seen in one view' : `seen in both views (${pairing.hotspotId})`,
    ...(loneRib ? ['single rib lesions are often benign'] : []),
    ...(nearJoint
      ? [
          `${Math.round(h.nearestJoint.distanceMm)} mm from the ${h.nearestJoint.side} ${h.nearestJoint.joint}, no matching uptake on the other side`,
        ]
      : []),
  ];
  return result(
    score,
    'focal-uptake',
    `focal uptake ${describe(h)}; ${notes.join('; ')}: ${score >= metastasisScoreCutOff ? 'suspicious for metastasis' : 'faint or small focus, not called'}`,
    loneRib ? [sadik, jacobson] : [sadik],
  );
}
