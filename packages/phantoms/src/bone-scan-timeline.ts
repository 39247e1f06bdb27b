/**
 * A seeded series of whole-body bone scans of one synthetic patient, with ground truth per time point:
 * one habitus (sex, height, pixel size fixed), a baseline scan, a therapy start, and 1–4 follow-ups, each
 * positioned differently (shift of up to ±7 mm in each direction, so at most about 20 mm between scans;
 * in-plane rotation within ±3°; the arm pose changes in a quarter of scans) and acquired with different
 * counts (0.8–2.5 million per view). Synthetic data, labelled as such.
 *
 * Lesions keep their place in the body (a point in the atlas's body coordinates, mm) and change in
 * contrast and diameter over time; the scenario decides how:
 * - response: lesions shrink (contrast towards normal bone) or resolve, none appear;
 * - stable: nothing changes beyond ±5 %;
 * - progression: new lesions at every follow-up, some lesions grow;
 * - flare: at the first follow-up (8–14 weeks after the therapy start, within the flare window) the
 *   lesions brighten (× 1.5–2) and 1–2 apparent new lesions appear; at the next follow-up all fall below
 *   their baseline uptake and the apparent new lesions fade away (the healing flare: Janicek 1994,
 *   Vogel 1995, reference note bone-scintigraphy §3.3);
 * - mixed: some lesions shrink while others grow, and one new lesion may appear.
 * Benign findings (symmetric degenerative joints, or aligned rib fractures) persist unchanged.
 *
 * Truth per time point: each finding's track id, centre in each view, contrast, diameter and state against
 * the previous time point (contrast ratio above 1.2 increased, below 1/1.2 decreased, else stable; the
 * dynamics above keep every change well away from these cuts); and the patient-level bone-scan category
 * of packages/response (bone-scan-flare.ts), derived here from the lesion truth by the published rule
 * written out independently: new lesions since baseline and baseline lesions whose contrast rose by more
 * than 20 % are a worsening; a worsening more than 182 days after the therapy start is progression; within
 * the window it is "progression not confirmed, possible flare" until the first scan at least 42 days later,
 * which confirms it (≥ 2 further new lesions, or no fall in the number of new-or-increased lesions; the
 * PCWG 2+2 rule as adapted there) or refutes it (flare not confirmed).
 */
import { BonemetError, parseInput } from '@bonemet/core';
import type { BoneScanPartId } from '@bonemet/bonescan';
import { z } from 'zod';
import { boneScanAtlas, type BoneScanAtlas } from './bone-scan-atlas.js';
import { encodeBoneScanNm } from './bone-scan-dicom.js';
import type { BoneScanLesionOptions } from './bone-scan-options.js';
import { generateBoneScanPhantom, type BoneScanPhantom, type BoneScanViewName } from './bone-scan-phantom.js';
import { pixelOfBodyPoint, sampleShape, type PixelFrame, type ShapeSample } from './bone-scan-raster.js';
import { SeededRandom } from './seeded-random.js';

export const boneScanTimelineScenarios = ['response', 'stable', 'progression', 'flare', 'mixed'] as const;
export type BoneScanTimelineScenario = (typeof boneScanTimelineScenarios)[number];

export const boneScanTimelineOptionsSchema = z.strictObject({
  seed: z.int().min(0).max(3_000_000_000).describe('seed of the timeline; the same options give the same series'),
  timePoints: z.int().min(2).max(5).default(3).describe('number of scans, baseline included (2–5)'),
  scenario: z.enum(boneScanTimelineScenarios).optional().describe('course of the disease; default drawn'),
  poissonNoise: z.boolean().default(true).describe('Poisson counts (true) or the rounded expected counts'),
});

export type BoneScanTimelineOptionsInput = z.input<typeof boneScanTimelineOptionsSchema>;

/** The flare rule's settings used for the truth (bone-scan-flare.ts defaults). */
export const timelineFlareWindowDays = 182;
export const timelineConfirmationMinDays = 42;

export type TimelineFindingState = 'baseline' | 'new' | 'increased' | 'stable' | 'decreased' | 'resolved';

export type TimelineCategory =
  | 'no_progression'
  | 'progression'
  | 'progression_not_confirmed_possible_flare'
  | 'progression_confirmed'
  | 'flare_not_confirmed';

export interface TimelineFindingTruth {
  /** Stable id of the finding across the series ("L1", "B2"). */
  readonly trackId: string;
  readonly kind: 'metastasis' | 'degenerative-joint' | 'rib-fracture';
  readonly malignant: boolean;
  readonly part: BoneScanPartId;
  /** Centre in the atlas's body coordinates, mm (fixed over time). */
  readonly bodyPointMm: readonly [number, number];
  /** False for a finding that resolved at this time point (present at the previous one). */
  readonly present: boolean;
  readonly state: TimelineFindingState;
  /** Uptake as a multiple of normal bone, and diameter, mm (the last values seen when resolved). */
  readonly contrast: number;
  readonly diameterMm: number;
  /** Centre in each view's stored pixels (the posterior view as its head sees it). */
  readonly centrePx: Readonly<Record<BoneScanViewName, readonly [number, number]>>;
  /** Centre in the reading orientation of @bonemet/bonescan (posterior mirrored to be seen from the front). */
  readonly readingCentrePx: Readonly<Record<BoneScanViewName, readonly [number, number]>>;
  /** Views where the phantom shows the finding (not hidden by attenuation). */
  readonly views: readonly BoneScanViewName[];
  /** Malignant, present, and not present at the baseline. */
  readonly newSinceBaseline: boolean;
  /** Malignant, present now and at the baseline, contrast more than 1.2 × the baseline's. */
  readonly increasedSinceBaseline: boolean;
}

export interface BoneScanTimelinePoint {
  readonly index: number;
  /** YYYY-MM-DD. */
  readonly date: string;
  readonly daysFromTherapyStart: number;
  readonly positioning: {
    /** Body position against a nominal one (centred, vertex 35 mm below the first row): [towards image right, towards the feet], mm. */
    readonly shiftMm: readonly [number, number];
    readonly rotationDeg: number;
    readonly armPose: 'sides' | 'apart';
    readonly totalCountsPerView: number;
  };
  readonly phantom: BoneScanPhantom;
  readonly findings: readonly TimelineFindingTruth[];
  /** Patient level, against the baseline (follow-ups only; 0 at the baseline). */
  readonly newCount: number;
  readonly increasedCount: number;
  /** Truth bone-scan category of this follow-up; null for the baseline. */
  readonly category: TimelineCategory | null;
}

export interface BoneScanTimeline {
  readonly seed: number;
  readonly scenario: BoneScanTimelineScenario;
  /** Patient ID written in the DICOM files of every scan (boneScanTimelineFiles). */
  readonly patientId: string;
  readonly habitus: { readonly sex: 'F' | 'M'; readonly heightCm: number; readonly pixelSizeMm: number };
  readonly baselineDate: string;
  readonly therapyStartDate: string;
  readonly flareWindowDays: number;
  readonly confirmationMinDays: number;
  readonly points: readonly BoneScanTimelinePoint[];
}

interface FindingPlan {
  readonly trackId: string;
  readonly kind: TimelineFindingTruth['kind'];
  readonly part: BoneScanPartId;
  readonly point: readonly [number, number];
  /** Contrast and diameter per time point; null where absent. */
  readonly course: ({ contrast: number; diameterMm: number } | null)[];
}

const MS_PER_DAY = 86_400_000;
/** Vertex below the first row, mm, before each scan's shift. */
const NOMINAL_TOP_MARGIN_MM = 35;
const isoDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const dayDiff = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / MS_PER_DAY);

/** Lesion sites of breast-cancer bone metastases, axial first (as in bone-scan-findings.ts), arms left out. */
const sites: readonly (readonly [BoneScanPartId, number])[] = [
  ['thoracic_spine', 0.2],
  ['lumbar_spine', 0.17],
  ['pelvis', 0.2],
  ['ribs', 0.14],
  ['sacrum', 0.05],
  ['femur_left', 0.06],
  ['femur_right', 0.06],
  ['skull', 0.07],
  ['sternum', 0.05],
];

function drawSite(random: SeededRandom): BoneScanPartId {
  let u = random.uniform() * sites.reduce((sum, [, w]) => sum + w, 0);
  for (const [part, weight] of sites) {
    u -= weight;
    if (u < 0) return part;
  }
  return 'thoracic_spine';
}

/** A body point well inside a part (profile ≥ 0.5), by rejection over the body; undefined if none found. */
function pointInPart(random: SeededRandom, atlas: BoneScanAtlas, part: BoneScanPartId): [number, number] | undefined {
  const shapes = atlas.bones.find((bone) => bone.part === part)?.shapes ?? [];
  const sample: ShapeSample = { value: 0, depth: 0.5 };
  const halfWidth = 0.16 * atlas.heightMm;
  for (let attempt = 0; attempt < 20000; attempt++) {
    const x = (2 * random.uniform() - 1) * halfWidth;
    const y = random.uniform() * atlas.heightMm;
    for (const shape of shapes) {
      sampleShape(shape, x, y, sample);
      if (sample.value >= 0.5) return [x, y];
    }
  }
  return undefined;
}

/**
 * The top margin and arm abduction the bone-scan phantom draws from `seed`: the first draws of its
 * resolveStudy, in the same order (sex, height, arm pose, abduction, rotation, pixel size, counts,
 * injection arm, superscan, metastases, lytic metastases, degenerative joints, rib fractures, top margin).
 * Checked after every generation against the phantom's bladder position, so a change there is caught.
 */
function phantomDraws(seed: number, armPose: 'sides' | 'apart'): { topMarginMm: number; armAbductionDeg: number } {
  const random = SeededRandom.fromSeed(seed);
  const u = (): number => random.uniform();
  for (let i = 0; i < 3; i++) u();
  const abduction = u();
  for (let i = 0; i < 5; i++) u();
  if (!(u() < 1 / 3)) random.integerBelow(12);
  if (u() < 0.25) random.integerBelow(2);
  u();
  if (u() < 0.2) random.integerBelow(3);
  return { topMarginMm: 20 + 30 * u(), armAbductionDeg: armPose === 'sides' ? 2 * abduction : 4 + 3 * abduction };
}

function contrastAfter(previous: number, factor: number): number {
  return 1 + (previous - 1) * factor;
}

/** Lesion and benign-finding courses of the scenario over the time points. */
function planFindings(
  random: SeededRandom,
  atlas: BoneScanAtlas,
  scenario: BoneScanTimelineScenario,
  timePoints: number,
): FindingPlan[] {
  const plans: FindingPlan[] = [];
  const u = (): number => random.uniform();
  const between = (low: number, high: number): number => low + (high - low) * u();
  const placed: { point: readonly [number, number]; diameterMm: number }[] = [];
  const place = (part: BoneScanPartId, diameterMm: number): [number, number] | undefined => {
    for (let attempt = 0; attempt < 30; attempt++) {
      const point = pointInPart(random, atlas, part);
      if (point === undefined) return undefined;
      // Lesions stay apart by their radii plus 20 mm, so that each is its own hotspot.
      const clear = placed.every(
        (other) =>
          Math.hypot(other.point[0] - point[0], other.point[1] - point[1]) > (other.diameterMm + diameterMm) / 2 + 20,
      );
      if (clear) {
        placed.push({ point, diameterMm: Math.max(diameterMm, 30) });
        return point;
      }
    }
    return undefined;
  };
  const addLesion = (start: number, contrast: number, diameterMm: number): FindingPlan | undefined => {
    for (let attempt = 0; attempt < 10; attempt++) {
      const part = drawSite(random);
      const limit = part === 'ribs' || part === 'sternum' ? 20 : 30;
      const d = Math.min(diameterMm, limit);
      const point = place(part, d);
      if (point === undefined) continue;
      const course: FindingPlan['course'] = Array.from({ length: timePoints }, () => null);
      course[start] = { contrast, diameterMm: d };
      const plan: FindingPlan = { trackId: `L${String(plans.length + 1)}`, kind: 'metastasis', part, point, course };
      plans.push(plan);
      return plan;
    }
    return undefined;
  };
  // Benign findings first (their places are fixed by anatomy), then the baseline metastases.
  const benign = u();
  if (benign < 0.45) {
    const c = between(1.6, 2.4);
    const d = between(14, 20);
    for (const side of ['right', 'left'] as const) {
      const point = atlas.landmarks.medialKnee[side];
      const course = Array.from({ length: timePoints }, () => ({ contrast: c, diameterMm: d }));
      placed.push({ point: [point.x, point.y], diameterMm: 30 });
      plans.push({
        trackId: `B${String(plans.length + 1)}`,
        kind: 'degenerative-joint',
        part: side === 'right' ? 'femur_right' : 'femur_left',
        point: [point.x, point.y],
        course,
      });
    }
  } else if (benign < 0.65) {
    const side = u() < 0.5 ? 'left' : 'right';
    const first = 4 + random.integerBelow(4);
    const t = between(0.3, 0.5);
    const c = between(2.2, 3.5);
    for (let number = first; number < first + 2; number++) {
      const rib = atlas.ribs.find((r) => r.number === number && r.side === side);
      if (rib === undefined) continue;
      const index = Math.min(rib.points.length - 1, Math.round(t * (rib.points.length - 1)));
      const p = rib.points[index];
      if (p === undefined) continue;
      placed.push({ point: [p.x, p.y], diameterMm: 30 });
      plans.push({
        trackId: `B${String(plans.length + 1)}`,
        kind: 'rib-fracture',
        part: 'ribs',
        point: [p.x, p.y],
        course: Array.from({ length: timePoints }, () => ({ contrast: c, diameterMm: 10 })),
      });
    }
  }
  const baselineCount = 1 + random.integerBelow(5);
  for (let n = 0; n < baselineCount; n++) addLesion(0, between(2, 6), between(12, 30));

  const lesions = (): FindingPlan[] => plans.filter((p) => p.kind === 'metastasis');
  for (let k = 1; k < timePoints; k++) {
    const flarePhase = scenario === 'flare' ? (k === 1 ? 'rise' : k === 2 ? 'fall' : 'after') : null;
    const existing = lesions().filter((p) => p.course[k - 1] !== null);
    for (const plan of existing) {
      const before = plan.course[k - 1];
      if (before === undefined || before === null) continue;
      let factor = between(0.95, 1.05);
      let growth = 1;
      let resolve = false;
      const draw = u();
      switch (scenario) {
        case 'response':
          if (draw < 0.25) resolve = true;
          else if (draw < 0.75) factor = between(0.3, 0.55);
          break;
        case 'stable':
          break;
        case 'progression':
          if (draw < 0.4) {
            factor = between(1.6, 2);
            growth = between(1, 1.3);
          }
          break;
        case 'flare':
          if (flarePhase === 'rise') factor = between(1.6, 2);
          else if (flarePhase === 'fall') {
            // Back below the baseline uptake: the flare fades.
            const baseline = plan.course[0]?.contrast ?? before.contrast;
            const target = contrastAfter(baseline, between(0.5, 0.7));
            factor = (target - 1) / (before.contrast - 1);
            // The apparent new lesions of the flare fade away.
            if (plan.course[0] === null) resolve = true;
          } else if (draw < 0.5) factor = between(0.4, 0.6);
          break;
        case 'mixed':
          if (draw < 0.35) factor = between(0.3, 0.5);
          else if (draw < 0.7 && (plan.course[0]?.contrast ?? 0) <= before.contrast) {
            factor = between(1.6, 2);
            growth = between(1, 1.2);
          }
          break;
      }
      // Capped at 12 × normal bone (the phantom accepts up to 20; repeated growth would pass it).
      const contrast = Math.min(12, contrastAfter(before.contrast, factor));
      // A lesion whose uptake falls below 1.5 × normal bone is no longer a visible lesion: it resolved.
      plan.course[k] =
        resolve || contrast < 1.5 ? null : { contrast, diameterMm: Math.min(40, before.diameterMm * growth) };
    }
    const newCount =
      scenario === 'progression'
        ? 1 + random.integerBelow(3)
        : scenario === 'flare' && flarePhase === 'rise'
          ? 1 + random.integerBelow(2)
          : scenario === 'mixed' && k === timePoints - 1 && u() < 0.5
            ? 1
            : 0;
    for (let n = 0; n < newCount; n++)
      addLesion(k, scenario === 'flare' ? between(2, 3.5) : between(2, 5), between(15, 30));
  }
  return plans;
}

/** The patient-level category of every follow-up from its counts (see the module comment). */
function truthCategories(
  dates: readonly string[],
  therapyStartDate: string,
  counts: readonly { newCount: number; increasedCount: number }[],
): (TimelineCategory | null)[] {
  return dates.map((date, k) => {
    if (k === 0) return null;
    const scan = counts[k] ?? { newCount: 0, increasedCount: 0 };
    if (scan.newCount === 0 && scan.increasedCount === 0) return 'no_progression';
    const days = dayDiff(therapyStartDate, date);
    if (days < 0 || days > timelineFlareWindowDays) return 'progression';
    const confirmationIndex = dates.findIndex(
      (later, j) => j > k && dayDiff(date, later) >= timelineConfirmationMinDays,
    );
    const confirmation = counts[confirmationIndex];
    if (confirmationIndex < 0 || confirmation === undefined) return 'progression_not_confirmed_possible_flare';
    const furtherNew = confirmation.newCount - scan.newCount;
    const worsenedNow = confirmation.newCount + confirmation.increasedCount;
    return furtherNew >= 2 || worsenedNow >= scan.newCount + scan.increasedCount
      ? 'progression_confirmed'
      : 'flare_not_confirmed';
  });
}

function shifted<T extends Uint16Array | Float32Array | Uint8Array>(
  values: T,
  columns: number,
  rows: number,
  dc: number,
  dr: number,
): T {
  const out = values.slice(0) as T;
  out.fill(0);
  for (let row = 0; row < rows; row++) {
    const from = row - dr;
    if (from < 0 || from >= rows) continue;
    for (let column = 0; column < columns; column++) {
      const c = column - dc;
      if (c < 0 || c >= columns) continue;
      out[row * columns + column] = values[from * columns + c] ?? 0;
    }
  }
  return out;
}

/** The phantom moved by whole pixels (anterior orientation: `dc` towards the patient's left, `dr` towards the feet). */
function shiftPhantom(phantom: BoneScanPhantom, dc: number, dr: number): BoneScanPhantom {
  const { columns, rows } = phantom;
  const views = phantom.views.map((view) => {
    const c = view.view === 'anterior' ? dc : -dc;
    const counts = shifted(view.counts, columns, rows, c, dr);
    let total = 0;
    for (const n of counts) total += n;
    return {
      ...view,
      counts,
      expectedCounts: shifted(view.expectedCounts, columns, rows, c, dr),
      labels: shifted(view.labels, columns, rows, c, dr),
      totalCounts: total,
    };
  }) as unknown as BoneScanPhantom['views'];
  const move = (
    centre: Readonly<Record<BoneScanViewName, readonly [number, number]>>,
  ): Record<BoneScanViewName, readonly [number, number]> => ({
    anterior: [centre.anterior[0] + dc, centre.anterior[1] + dr],
    posterior: [centre.posterior[0] - dc, centre.posterior[1] + dr],
  });
  return {
    ...phantom,
    views,
    truth: {
      ...phantom.truth,
      findings: phantom.truth.findings.map((f) => ({ ...f, centrePx: move(f.centrePx) })),
      uptakeSites: phantom.truth.uptakeSites.map((s) => ({ ...s, centrePx: move(s.centrePx) })),
    },
  };
}

/** Generates a patient's bone-scan series with its truth (see the module comment). */
export function generateBoneScanTimeline(input: BoneScanTimelineOptionsInput): BoneScanTimeline {
  const options = parseInput(boneScanTimelineOptionsSchema, input, 'bone-scan timeline options');
  const random = SeededRandom.fromSeed(options.seed ^ 0x5bd1e995);
  const u = (): number => random.uniform();
  const scenario = options.scenario ?? boneScanTimelineScenarios[random.integerBelow(5)] ?? 'stable';
  const sex = u() < 0.85 ? ('F' as const) : ('M' as const);
  const heightCm = 152 + 28 * u();
  const pixelSizeMm = 2.2 + 0.5 * u();
  const baseArmPose = u() < 0.6 ? ('sides' as const) : ('apart' as const);
  const baselineMs = Date.UTC(2023, 0, 2) + random.integerBelow(700) * MS_PER_DAY;
  const therapyStartMs = baselineMs + (7 + random.integerBelow(15)) * MS_PER_DAY;
  const dates: string[] = [isoDate(baselineMs)];
  let previousMs = therapyStartMs;
  for (let k = 1; k < options.timePoints; k++) {
    // The first follow-up at 8–14 weeks of therapy (within the flare window), later ones 12–18 weeks apart.
    const days = k === 1 ? 56 + random.integerBelow(43) : 84 + random.integerBelow(43);
    previousMs += days * MS_PER_DAY;
    dates.push(isoDate(previousMs));
  }
  const therapyStartDate = isoDate(therapyStartMs);
  // The body coordinates do not depend on the arm pose for the trunk and legs, where lesions are placed.
  const atlas = boneScanAtlas({ sex, heightCm, armAbductionDeg: 2 });
  const plans = planFindings(random, atlas, scenario, options.timePoints);

  const scanSeeds = dates.map((_, k) => 1_000_000_000 + ((options.seed * 7 + k * 104_729) % 3_000_000_000));
  const positioning = dates.map((_, k) => ({
    shiftMm: [-7 + 14 * u(), -7 + 14 * u()] as const,
    rotationDeg: -3 + 6 * u(),
    armPose: k > 0 && u() < 0.25 ? (baseArmPose === 'sides' ? ('apart' as const) : ('sides' as const)) : baseArmPose,
    totalCountsPerView: 800_000 + 1_700_000 * u(),
  }));

  const baselinePresent = new Set(plans.filter((p) => p.course[0] !== null).map((p) => p.trackId));
  const counts: { newCount: number; increasedCount: number }[] = [];
  const points = dates.map((date, k): Omit<BoneScanTimelinePoint, 'category'> => {
    const seed = scanSeeds[k] ?? 1_000_000_000;
    const place = positioning[k] ?? {
      shiftMm: [0, 0] as const,
      rotationDeg: 0,
      armPose: baseArmPose,
      totalCountsPerView: 1e6,
    };
    const draws = phantomDraws(seed, place.armPose);
    const rows = Math.max(1024, Math.ceil((atlas.heightMm + 2 * draws.topMarginMm) / pixelSizeMm));
    const frame: PixelFrame = {
      columns: 256,
      rows,
      pixelMm: pixelSizeMm,
      topMarginMm: draws.topMarginMm,
      rotationRad: (place.rotationDeg * Math.PI) / 180,
      bodyHeightMm: atlas.heightMm,
    };
    const present = plans.filter((p) => p.course[k] !== null && p.course[k] !== undefined);
    const lesions: BoneScanLesionOptions[] = present.map((plan) => {
      const state = plan.course[k] ?? { contrast: 1, diameterMm: 10 };
      const [c, r] = pixelOfBodyPoint(frame, plan.point[0], plan.point[1]);
      return {
        kind: plan.kind,
        part: plan.part,
        diameterMm: state.diameterMm,
        contrast: state.contrast,
        rimContrast: 2,
        rimWidthMm: 4,
        centrePx: [Math.max(0, Math.round(c)), Math.max(0, Math.round(r))],
      };
    });
    const raw = generateBoneScanPhantom({
      seed,
      sex,
      heightCm,
      pixelSizeMm,
      armPose: place.armPose,
      rotationDeg: place.rotationDeg,
      totalCountsPerView: place.totalCountsPerView,
      superscan: false,
      metastases: 0,
      lyticMetastases: 0,
      degenerativeJoints: false,
      ribFractures: 0,
      poissonNoise: options.poissonNoise,
      lesions,
    });
    const bladder = raw.truth.uptakeSites.find((s) => s.kind === 'bladder');
    const bladderShape = atlas.bladder;
    if (bladder !== undefined && bladderShape.kind === 'ellipse') {
      const [bc, br] = pixelOfBodyPoint(frame, bladderShape.cx, bladderShape.cy);
      if (
        Math.abs(Math.round(bc) - bladder.centrePx.anterior[0]) > 1 ||
        Math.abs(Math.round(br) - bladder.centrePx.anterior[1]) > 1
      ) {
        throw new BonemetError(
          'unsupported',
          'the bone-scan phantom no longer draws its placement as the timeline expects',
          {
            issues: [
              {
                path: ['seed'],
                message: 'bladder position differs from the predicted frame',
                hint: 'update phantomDraws in bone-scan-timeline.ts',
              },
            ],
          },
        );
      }
    }
    const dc = Math.round(place.shiftMm[0] / pixelSizeMm);
    // The phantom draws its own top margin (20–50 mm); the rows are moved so that the vertex lies at the
    // nominal margin plus this scan's shift.
    const dr = Math.round((NOMINAL_TOP_MARGIN_MM + place.shiftMm[1] - draws.topMarginMm) / pixelSizeMm);
    const phantom = shiftPhantom(raw, dc, dr);
    const findings: TimelineFindingTruth[] = [];
    let newCount = 0;
    let increasedCount = 0;
    for (const plan of plans) {
      const now = plan.course[k] ?? null;
      const before = k > 0 ? (plan.course[k - 1] ?? null) : null;
      if (now === null && before === null) continue;
      const shown = now ?? before;
      if (shown === null) continue;
      const [c, r] = pixelOfBodyPoint(frame, plan.point[0], plan.point[1]);
      const anterior: [number, number] = [Math.round(c) + dc, Math.round(r) + dr];
      const posterior: [number, number] = [phantom.columns - 1 - anterior[0], anterior[1]];
      const phantomFinding = phantom.truth.findings.find(
        (f) => f.centrePx.anterior[0] === anterior[0] && f.centrePx.anterior[1] === anterior[1],
      );
      const malignant = plan.kind === 'metastasis';
      let state: TimelineFindingState;
      if (k === 0) state = 'baseline';
      else if (now === null) state = 'resolved';
      else if (before === null) state = 'new';
      else {
        const ratio = now.contrast / before.contrast;
        state = ratio > 1.2 ? 'increased' : ratio < 1 / 1.2 ? 'decreased' : 'stable';
      }
      const baseline = plan.course[0] ?? null;
      const newSinceBaseline = malignant && now !== null && k > 0 && !baselinePresent.has(plan.trackId);
      const increasedSinceBaseline =
        malignant && now !== null && k > 0 && baseline !== null && now.contrast > 1.2 * baseline.contrast;
      if (newSinceBaseline) newCount++;
      if (increasedSinceBaseline) increasedCount++;
      findings.push({
        trackId: plan.trackId,
        kind: plan.kind,
        malignant,
        part: plan.part,
        bodyPointMm: plan.point,
        present: now !== null,
        state,
        contrast: shown.contrast,
        diameterMm: shown.diameterMm,
        centrePx: { anterior, posterior },
        readingCentrePx: { anterior, posterior: anterior },
        views: phantomFinding?.views ?? ['anterior', 'posterior'],
        newSinceBaseline,
        increasedSinceBaseline,
      });
    }
    counts.push({ newCount, increasedCount });
    return {
      index: k,
      date,
      daysFromTherapyStart: dayDiff(therapyStartDate, date),
      positioning: {
        ...place,
        shiftMm: [dc * pixelSizeMm, draws.topMarginMm + dr * pixelSizeMm - NOMINAL_TOP_MARGIN_MM],
      },
      phantom,
      findings,
      newCount,
      increasedCount,
    };
  });
  const categories = truthCategories(dates, therapyStartDate, counts);
  return {
    seed: options.seed,
    scenario,
    patientId: `SYNTHETIC-TL-${String(1_000_000_000 + options.seed)}`,
    habitus: { sex, heightCm, pixelSizeMm },
    baselineDate: dates[0] ?? '',
    therapyStartDate,
    flareWindowDays: timelineFlareWindowDays,
    confirmationMinDays: timelineConfirmationMinDays,
    points: points.map((point, k) => ({ ...point, category: categories[k] ?? null })),
  };
}

function replaceAscii(bytes: Uint8Array, from: string, to: string, end: number): void {
  if (from.length !== to.length) return;
  const f = new TextEncoder().encode(from);
  const t = new TextEncoder().encode(to);
  for (let i = 0; i + f.length <= end; i++) {
    let same = true;
    for (let j = 0; j < f.length && same; j++) same = bytes[i + j] === f[j];
    if (same) bytes.set(t, i);
  }
}

/**
 * The DICOM file of one time point (one NM object, both views) with the timeline's Study Date and Patient
 * ID written in: the phantom's own values (a fixed date, an ID from its seed) are replaced in place by
 * values of the same length, before the pixel data.
 */
export function boneScanTimelineFile(timeline: BoneScanTimeline, index: number): Uint8Array {
  const point = timeline.points[index];
  if (point === undefined)
    throw new BonemetError('invalid_input', `no time point ${String(index)}`, {
      issues: [{ path: ['index'], message: `time points are 0..${String(timeline.points.length - 1)}` }],
    });
  const bytes = encodeBoneScanNm(point.phantom);
  let pixelData = bytes.length;
  for (let i = bytes.length - 4; i >= 0; i--) {
    if (bytes[i] === 0xe0 && bytes[i + 1] === 0x7f && bytes[i + 2] === 0x10 && bytes[i + 3] === 0x00) {
      pixelData = i;
      break;
    }
  }
  replaceAscii(bytes, '20240301', point.date.replaceAll('-', ''), pixelData);
  replaceAscii(bytes, `SYNTHETIC-BS-${String(point.phantom.options.seed)}`, timeline.patientId, pixelData);
  return bytes;
}
