/**
 * Seeded whole-body bone-scan phantom: anterior and posterior planar 99mTc-diphosphonate views with ground
 * truth (region label maps, findings, true Bone Scan Index). Synthetic data, labelled as such.
 *
 * Image formation, per view:
 * - Skeleton: each part's profile (bone-scan-atlas.ts) × its relative uptake × the attenuation towards the
 *   camera head, exp(−μ·d) with d the tissue in front of the bone on that side (depth × body thickness for
 *   the anterior head, (1 − depth) × thickness for the posterior head). Parts overlapping in projection add.
 *   μ = 0.12 /cm: narrow-beam water attenuation at 140 keV is 0.154 /cm (NIST XCOM); scatter in a 15–20 %
 *   window lowers the effective broad-beam coefficient to about 0.11–0.12 /cm. This is the only difference
 *   between the views besides the mirror: the spine, kidneys and scapulae are brighter posteriorly, the
 *   sternum, anterior ribs and bladder anteriorly.
 * - Soft tissue: uniform concentration; counts ∝ ∫₀ᵗ exp(−μz) dz = (1 − e^(−μt))/μ over the thickness t,
 *   the same from the front and the back.
 * - Kidneys, bladder, injection site (antecubital fossa of one arm, a Gaussian spot), attenuated like bone.
 * - Superscan: bone uptake × 2.5, kidneys and bladder × 0.1, soft tissue × 0.5 (reference note §6.1).
 * - Gaussian camera blur of `blurFwhmMm`, then scaling so that each view's expected total is
 *   `totalCountsPerView`, then Poisson counts per pixel.
 *
 * Relative uptakes are chosen so that, as in the normal pattern of the reference note, the spine and pelvis
 * are brighter than long-bone shafts and the posterior spine is the brightest normal bone; they are
 * representative values for a test phantom, not measurements.
 *
 * Orientation: the `counts` and `labels` of each view are as stored in the DICOM object, each view as seen by
 * its camera head: the anterior view with the patient's left on image right, the posterior view (seen from
 * behind) with the patient's left on image left. Row 0 is the head. Findings give their centre in each
 * view's stored pixels.
 */
import { BonemetError, parseInput } from '@bonemet/core';
import { boneScanAtlas, type BoneScanAtlas, type BoneScanHabitus } from './bone-scan-atlas.js';
import { placeFindings, type PlacedFinding } from './bone-scan-findings.js';
import {
  boneScanPhantomOptionsSchema,
  type BoneScanFindingKind,
  type BoneScanPhantomOptions,
  type BoneScanPhantomOptionsInput,
} from './bone-scan-options.js';
import {
  anteriorProjectionOrder,
  boneScanPart,
  boneScanPartOfLabel,
  boneScanParts,
  bsiUnitKey,
  bsiUnitWeightPercent,
  type BoneScanPartId,
} from '@bonemet/bonescan';
import { poissonSample } from './bone-scan-poisson.js';
import {
  bodyPointOfPixel,
  pixelOfBodyPoint,
  rasterShape,
  sampleShape,
  type PixelFrame,
  type ShapeSample,
} from './bone-scan-raster.js';
import { gaussianBlur2dInPlace } from './bone-scan-blur.js';
import { SeededRandom } from './seeded-random.js';

export type BoneScanViewName = 'anterior' | 'posterior';

/** Effective linear attenuation coefficient of soft tissue at 140 keV with scatter, per mm (see module comment). */
export const boneScanAttenuationPerMm = 0.012;

/** Uptake of each part at the centre of its profile, relative units (see module comment). */
export const relativeBoneUptake: Readonly<Record<string, number>> = {
  skull: 0.8,
  mandible: 0.9,
  cervical_spine: 1.6,
  thoracic_spine: 2.0,
  lumbar_spine: 2.4,
  sacrum: 1.8,
  pelvis: 1.4,
  ribs: 0.6,
  sternum: 0.5,
  clavicle: 0.7,
  scapula: 0.3,
  humerus: 0.55,
  radius: 0.45,
  ulna: 0.45,
  hand: 0.6,
  femur: 0.55,
  tibia: 0.55,
  fibula: 0.35,
  foot: 0.7,
};

/**
 * Label priority where parts overlap in projection (later wins): a pixel carries the label of the part drawn
 * last. The sternum and the spine win over the ribs; the scapula is kept whole under the ribs; the arms lie
 * over the pelvis and femora. Where the sternum and the thoracic spine overlap, the bone nearer the camera
 * wins: the sternum in the anterior view, the spine in the posterior view (the only difference between the
 * two views' label maps besides the mirror).
 */
const anteriorLabelOrder: readonly string[] = anteriorProjectionOrder;

export interface BoneScanFinding {
  readonly kind: BoneScanFindingKind;
  /** True for metastases (hot or lytic): they count in the Bone Scan Index. */
  readonly malignant: boolean;
  readonly part: BoneScanPartId;
  readonly bsiRegion: string;
  readonly diameterMm: number;
  readonly contrast: number;
  readonly rim?: { readonly contrast: number; readonly widthMm: number };
  /** [column, row] of the centre in each view's stored pixels. */
  readonly centrePx: Readonly<Record<BoneScanViewName, readonly [number, number]>>;
  /**
   * Views where the finding is not hidden by attenuation: a view shows it when the attenuation from its
   * depth towards that head is at least a quarter of that towards the other head (e.g. a posterior rib arc
   * or a vertebra is shown posteriorly, the sternum anteriorly, a limb bone in both).
   */
  readonly views: readonly BoneScanViewName[];
  /** Attenuation factor exp(−μ·d) from the finding to each head. */
  readonly attenuation: Readonly<Record<BoneScanViewName, number>>;
  /** Pixels of the finding that carry its part's label in each view (the involved area). */
  readonly involvedPixels: Readonly<Record<BoneScanViewName, number>>;
}

export interface BoneScanUptakeSite {
  readonly kind: 'kidney' | 'bladder' | 'injection-site';
  readonly side: 'left' | 'right' | 'midline';
  readonly centrePx: Readonly<Record<BoneScanViewName, readonly [number, number]>>;
}

export interface BoneScanViewBsi {
  /**
   * True Bone Scan Index of one view, % of skeletal mass: the manual BSI of Imbriaco 1998 applied to the
   * view's label map,
   *   BSI = Σ over BSI units u of (involved pixels of u / pixels of u) × w(u),
   * a unit being a BSI region of @bonemet/core (per side for paired regions), w its skeletal-mass weight
   * (bsiWeightPercent), the involved pixels those of metastases (hot and lytic) labelled with the
   * metastasis's part. Degenerative joints and fractures are not tumour and do not count.
   */
  readonly percent: number;
  /** The same over hot metastases only, the part an uptake-based BSI can see. */
  readonly hotPercent: number;
  /** Contribution of each BSI region (sides summed), %. */
  readonly byRegion: Readonly<Record<string, number>>;
  /** Involved fraction of each unit with any involvement ("femur/left": 0.04). */
  readonly involvedFractionByUnit: Readonly<Record<string, number>>;
}

export interface BoneScanBsiTruth {
  /**
   * The study's true BSI, %: the mean of the two views' values (they differ only where the sternum and
   * the thoracic spine overlap, labelled differently in each view).
   */
  readonly percent: number;
  /** Mean of the views' hot-only BSI, %. A superscan's diffuse involvement has no discrete lesion and is not in the BSI; `superscan` flags it. */
  readonly hotPercent: number;
  readonly anterior: BoneScanViewBsi;
  readonly posterior: BoneScanViewBsi;
}

export interface BoneScanPhantomView {
  readonly view: BoneScanViewName;
  /** Counts per pixel as stored, row by row. */
  readonly counts: Uint16Array;
  /** Expected counts (after blur, before noise), stored orientation. */
  readonly expectedCounts: Float32Array;
  /** Part label per pixel (skeleton-parts.ts in @bonemet/bonescan), stored orientation. */
  readonly labels: Uint8Array;
  /**
   * Number of skeleton parts whose shapes cover each pixel (0 off the skeleton, 2 or more where bones overlap
   * in projection and their uptakes add), stored orientation. Ground truth for diagnosis; the same in both views
   * up to the mirror.
   */
  readonly overlappingParts: Uint8Array;
  readonly totalCounts: number;
}

export interface BoneScanPhantom {
  readonly options: BoneScanPhantomOptions;
  readonly habitus: BoneScanHabitus & { readonly rotationDeg: number; readonly armPose: 'sides' | 'apart' };
  readonly columns: number;
  readonly rows: number;
  readonly pixelSizeMm: number;
  readonly expectedTotalCountsPerView: number;
  readonly superscan: boolean;
  readonly injectionArm: 'left' | 'right';
  readonly views: readonly [BoneScanPhantomView, BoneScanPhantomView];
  readonly truth: {
    readonly findings: readonly BoneScanFinding[];
    readonly uptakeSites: readonly BoneScanUptakeSite[];
    readonly bsi: BoneScanBsiTruth;
    /** Pixels of each part in the anterior view's label map. */
    readonly partPixels: Readonly<Record<string, number>>;
  };
}

const regionOfPart = (id: string): string => id.replace(/_(left|right)$/, '');

interface ResolvedStudy {
  readonly habitus: BoneScanPhantom['habitus'];
  readonly pixelSizeMm: number;
  readonly totalCounts: number;
  readonly injectionArm: 'left' | 'right';
  readonly superscan: boolean;
  readonly counts: { metastases: number; lyticMetastases: number; degenerativeJoints: boolean; ribFractures: number };
  readonly topMarginMm: number;
  readonly soft: {
    concentration: number;
    kidney: number;
    bladder: number;
    injectionPeak: number;
    injectionSigmaMm: number;
  };
}

/** Draws every free parameter in a fixed order (so fixing one option never changes the others), then applies the options. */
function resolveStudy(options: BoneScanPhantomOptions, random: SeededRandom): ResolvedStudy {
  const u = (): number => random.uniform();
  const drawn = {
    sex: u() < 0.5 ? ('F' as const) : ('M' as const),
    heightCm: 150 + 45 * u(),
    armPose: u() < 0.6 ? ('sides' as const) : ('apart' as const),
    abductionFraction: u(),
    rotationDeg: -5 + 10 * u(),
    pixelSizeMm: 2 + u(),
    totalCounts: 400_000 + 2_600_000 * u(),
    injectionArm: u() < 0.5 ? ('left' as const) : ('right' as const),
    superscan: u() < 0.03,
    metastases: u() < 1 / 3 ? 0 : 1 + random.integerBelow(12),
    lyticMetastases: u() < 0.25 ? 1 + random.integerBelow(2) : 0,
    degenerativeJoints: u() < 0.4,
    ribFractures: u() < 0.2 ? 2 + random.integerBelow(3) : 0,
    topMarginMm: 20 + 30 * u(),
    concentration: 0.0008 * (0.6 + 0.8 * u()),
    kidney: 1.5 * (0.5 + u()),
    bladder: 3 + 7 * u(),
    injectionPeak: 2 + 6 * u(),
    injectionSigmaMm: 5 + 5 * u(),
  };
  const armPose = options.armPose ?? drawn.armPose;
  const superscan = options.superscan ?? drawn.superscan;
  const factor = superscan ? 0.1 : 1;
  return {
    habitus: {
      sex: options.sex ?? drawn.sex,
      heightCm: options.heightCm ?? drawn.heightCm,
      armPose,
      armAbductionDeg: armPose === 'sides' ? 2 * drawn.abductionFraction : 4 + 3 * drawn.abductionFraction,
      rotationDeg: options.rotationDeg ?? drawn.rotationDeg,
    },
    pixelSizeMm: options.pixelSizeMm ?? drawn.pixelSizeMm,
    totalCounts: options.totalCountsPerView ?? drawn.totalCounts,
    injectionArm: options.injectionArm ?? drawn.injectionArm,
    superscan,
    counts: {
      metastases: options.metastases ?? drawn.metastases,
      lyticMetastases: options.lyticMetastases ?? drawn.lyticMetastases,
      degenerativeJoints: options.degenerativeJoints ?? drawn.degenerativeJoints,
      ribFractures: options.ribFractures ?? drawn.ribFractures,
    },
    topMarginMm: drawn.topMarginMm,
    soft: {
      concentration: drawn.concentration * (superscan ? 0.5 : 1),
      kidney: drawn.kidney * factor,
      bladder: drawn.bladder * factor,
      injectionPeak: drawn.injectionPeak,
      injectionSigmaMm: drawn.injectionSigmaMm,
    },
  };
}

const attenuation = (mm: number): number => Math.exp(-boneScanAttenuationPerMm * mm);

/** Label map (anterior orientation) and each part's pixel list. */
function pixelsByLabel(labels: Uint8Array): Map<number, number[]> {
  const partPixels = new Map<number, number[]>();
  labels.forEach((label, index) => {
    if (label === 0) return;
    const list = partPixels.get(label);
    if (list === undefined) partPixels.set(label, [index]);
    else list.push(index);
  });
  return partPixels;
}

/**
 * Label maps of both views (anterior orientation). The posterior order differs from the anterior one only
 * in putting the spine after the sternum, so the posterior map is the anterior map with the spine drawn
 * over it again.
 */
function labelMaps(frame: PixelFrame, atlas: BoneScanAtlas): { anterior: Uint8Array; posterior: Uint8Array } {
  const anterior = new Uint8Array(frame.columns * frame.rows);
  const rank = (part: string): number => anteriorLabelOrder.indexOf(regionOfPart(part));
  const ordered = [...atlas.bones].sort((a, b) => rank(a.part) - rank(b.part));
  const draw = (labels: Uint8Array, bones: typeof ordered): void => {
    for (const bone of bones) {
      const label = boneScanPart(bone.part).label;
      for (const shape of bone.shapes) rasterShape(frame, shape, (index) => (labels[index] = label));
    }
  };
  draw(anterior, ordered);
  const posterior = Uint8Array.from(anterior);
  draw(
    posterior,
    ordered.filter((bone) => bone.part.endsWith('_spine')),
  );
  return { anterior, posterior };
}

/** Pixels of a finding's disc with their uptake multiplier (rim and centre for a lytic metastasis). */
function findingPixels(
  frame: PixelFrame,
  finding: PlacedFinding,
  visit: (index: number, multiplier: number) => void,
): void {
  const radiusPx = finding.diameterMm / 2 / frame.pixelMm;
  const innerPx = finding.rim === undefined ? radiusPx : radiusPx - finding.rim.widthMm / frame.pixelMm;
  const [cc, cr] = finding.centrePx;
  const reach = Math.ceil(radiusPx);
  for (let row = Math.max(0, cr - reach); row <= Math.min(frame.rows - 1, cr + reach); row++) {
    for (let column = Math.max(0, cc - reach); column <= Math.min(frame.columns - 1, cc + reach); column++) {
      const distance = Math.hypot(column - cc, row - cr);
      if (distance > radiusPx) continue;
      const multiplier = finding.rim !== undefined && distance > innerPx ? finding.rim.contrast : finding.contrast;
      visit(row * frame.columns + column, multiplier);
    }
  }
}

/** Noise-free, blur-free bone images of both views (anterior orientation). */
function renderSkeleton(
  frame: PixelFrame,
  atlas: BoneScanAtlas,
  findings: readonly PlacedFinding[],
  boneScale: number,
): { anterior: Float32Array; posterior: Float32Array; overlappingParts: Uint8Array } {
  const size = frame.columns * frame.rows;
  const overlappingParts = new Uint8Array(size);
  const anterior = new Float32Array(size);
  const posterior = new Float32Array(size);
  const value = new Float32Array(size);
  const toAnterior = new Float32Array(size);
  const toPosterior = new Float32Array(size);
  const multiplier = new Float32Array(size).fill(1);
  for (const bone of atlas.bones) {
    const touched: number[] = [];
    for (const shape of bone.shapes) {
      rasterShape(frame, shape, (index, v, depth) => {
        if (value[index] === 0) touched.push(index);
        if (v > (value[index] ?? 0)) {
          value[index] = v;
          toAnterior[index] = attenuation(depth * shape.thicknessMm);
          toPosterior[index] = attenuation((1 - depth) * shape.thicknessMm);
        }
      });
    }
    const own = findings.filter((f) => f.part === bone.part);
    for (const finding of own) findingPixels(frame, finding, (index, m) => (multiplier[index] = m));
    const uptake = (relativeBoneUptake[regionOfPart(bone.part)] ?? 0) * boneScale;
    for (const index of touched) {
      overlappingParts[index] = Math.min(255, (overlappingParts[index] ?? 0) + 1);
      const activity = (value[index] ?? 0) * uptake * (multiplier[index] ?? 1);
      anterior[index] = (anterior[index] ?? 0) + activity * (toAnterior[index] ?? 0);
      posterior[index] = (posterior[index] ?? 0) + activity * (toPosterior[index] ?? 0);
      value[index] = 0;
    }
    for (const finding of own) findingPixels(frame, finding, (index) => (multiplier[index] = 1));
  }
  return { anterior, posterior, overlappingParts };
}

/** Soft tissue, kidneys, bladder and injection site added to both views (anterior orientation). */
function addSoftTissue(
  frame: PixelFrame,
  atlas: BoneScanAtlas,
  study: ResolvedStudy,
  views: { anterior: Float32Array; posterior: Float32Array },
): void {
  const thickness = new Float32Array(frame.columns * frame.rows);
  for (const shape of atlas.body) {
    rasterShape(frame, shape, (index, v) => {
      const t = v * shape.thicknessMm;
      if (t > (thickness[index] ?? 0)) thickness[index] = t;
    });
  }
  const mu = boneScanAttenuationPerMm;
  thickness.forEach((t, index) => {
    if (t <= 0) return;
    const counts = (study.soft.concentration * (1 - Math.exp(-mu * t))) / mu;
    views.anterior[index] = (views.anterior[index] ?? 0) + counts;
    views.posterior[index] = (views.posterior[index] ?? 0) + counts;
  });
  const organ = (shape: (typeof atlas.kidneys)[number], uptake: number): void =>
    rasterShape(frame, shape, (index, v, depth) => {
      views.anterior[index] = (views.anterior[index] ?? 0) + v * uptake * attenuation(depth * shape.thicknessMm);
      views.posterior[index] =
        (views.posterior[index] ?? 0) + v * uptake * attenuation((1 - depth) * shape.thicknessMm);
    });
  for (const kidney of atlas.kidneys) organ(kidney, study.soft.kidney);
  organ(atlas.bladder, study.soft.bladder);
  const site = atlas.landmarks.antecubital[study.injectionArm];
  const [cc, cr] = pixelOfBodyPoint(frame, site.x, site.y);
  const sigmaPx = study.soft.injectionSigmaMm / frame.pixelMm;
  const reach = Math.ceil(4 * sigmaPx);
  // The antecubital fossa is on the front of the arm: about a fifth of the arm's 90 mm thickness deep.
  const toAnterior = attenuation(0.2 * 90);
  const toPosterior = attenuation(0.8 * 90);
  for (let row = Math.max(0, Math.round(cr) - reach); row <= Math.min(frame.rows - 1, Math.round(cr) + reach); row++) {
    for (
      let column = Math.max(0, Math.round(cc) - reach);
      column <= Math.min(frame.columns - 1, Math.round(cc) + reach);
      column++
    ) {
      const g = study.soft.injectionPeak * Math.exp(-((column - cc) ** 2 + (row - cr) ** 2) / (2 * sigmaPx * sigmaPx));
      const index = row * frame.columns + column;
      views.anterior[index] = (views.anterior[index] ?? 0) + g * toAnterior;
      views.posterior[index] = (views.posterior[index] ?? 0) + g * toPosterior;
    }
  }
}

function mirrorColumns<T extends Float32Array | Uint8Array | Uint16Array>(
  values: T,
  columns: number,
  rows: number,
  make: (n: number) => T,
): T {
  const out = make(values.length);
  for (let row = 0; row < rows; row++) {
    const base = row * columns;
    for (let column = 0; column < columns; column++) out[base + column] = values[base + columns - 1 - column] ?? 0;
  }
  return out;
}

/** Attenuation from a finding's centre to each head, from its part's shapes there. */
function findingAttenuation(
  frame: PixelFrame,
  atlas: BoneScanAtlas,
  finding: PlacedFinding,
): Record<BoneScanViewName, number> {
  const [x, y] = bodyPointOfPixel(frame, finding.centrePx[0], finding.centrePx[1]);
  const sample: ShapeSample = { value: 0, depth: 0.5 };
  let best = { value: 0, depth: 0.5, thicknessMm: 200 };
  for (const shape of atlas.bones.find((b) => b.part === finding.part)?.shapes ?? []) {
    sampleShape(shape, x, y, sample);
    if (sample.value > best.value) best = { value: sample.value, depth: sample.depth, thicknessMm: shape.thicknessMm };
  }
  return {
    anterior: attenuation(best.depth * best.thicknessMm),
    posterior: attenuation((1 - best.depth) * best.thicknessMm),
  };
}

function bsiTruth(
  frame: PixelFrame,
  labels: Uint8Array,
  findings: readonly PlacedFinding[],
): { bsi: BoneScanViewBsi; involved: number[] } {
  const pixelsByLabel = new Float64Array(boneScanParts.length + 1);
  for (const label of labels) pixelsByLabel[label] = (pixelsByLabel[label] ?? 0) + 1;
  const unitPixels = new Map<string, number>();
  for (const part of boneScanParts) {
    const key = bsiUnitKey(part);
    unitPixels.set(key, (unitPixels.get(key) ?? 0) + (pixelsByLabel[part.label] ?? 0));
  }
  const involvedAll = new Map<string, number>();
  const involvedHot = new Map<string, number>();
  const involved = findings.map((finding) => {
    const part = boneScanPart(finding.part);
    let n = 0;
    findingPixels(frame, finding, (index) => {
      if (labels[index] === part.label) n++;
    });
    if (finding.kind === 'metastasis' || finding.kind === 'lytic-metastasis') {
      const key = bsiUnitKey(part);
      involvedAll.set(key, (involvedAll.get(key) ?? 0) + n);
      if (finding.kind === 'metastasis') involvedHot.set(key, (involvedHot.get(key) ?? 0) + n);
    }
    return n;
  });
  const weightByUnit = new Map(boneScanParts.map((part) => [bsiUnitKey(part), bsiUnitWeightPercent(part)]));
  const regionByUnit = new Map(boneScanParts.map((part) => [bsiUnitKey(part), part.bsiRegion as string]));
  const sum = (
    map: Map<string, number>,
    byRegion?: Record<string, number>,
    fractions?: Record<string, number>,
  ): number => {
    let total = 0;
    for (const [unit, pixels] of map) {
      const area = unitPixels.get(unit) ?? 0;
      if (area === 0 || pixels === 0) continue;
      const fraction = Math.min(1, pixels / area);
      const contribution = fraction * (weightByUnit.get(unit) ?? 0);
      total += contribution;
      const region = regionByUnit.get(unit) ?? unit;
      if (byRegion !== undefined) byRegion[region] = (byRegion[region] ?? 0) + contribution;
      if (fractions !== undefined) fractions[unit] = fraction;
    }
    return total;
  };
  const byRegion: Record<string, number> = {};
  const fractions: Record<string, number> = {};
  const percent = sum(involvedAll, byRegion, fractions);
  return { bsi: { percent, hotPercent: sum(involvedHot), byRegion, involvedFractionByUnit: fractions }, involved };
}

/**
 * Generates one study. Throws `BonemetError('invalid_input')` for options outside their ranges. Fast: one
 * 256 × 1024 study takes well under a second.
 */
export function generateBoneScanPhantom(input: BoneScanPhantomOptionsInput = {}): BoneScanPhantom {
  const options = parseInput(boneScanPhantomOptionsSchema, input, 'bone-scan phantom options');
  const random = SeededRandom.fromSeed(options.seed);
  const study = resolveStudy(options, random);
  const atlas = boneScanAtlas(study.habitus);
  const pixelMm = study.pixelSizeMm;
  const columns = options.columns;
  const rows = Math.max(1024, Math.ceil((atlas.heightMm + 2 * study.topMarginMm) / pixelMm));
  const frame: PixelFrame = {
    columns,
    rows,
    pixelMm,
    topMarginMm: study.topMarginMm,
    rotationRad: (study.habitus.rotationDeg * Math.PI) / 180,
    bodyHeightMm: atlas.heightMm,
  };
  options.lesions.forEach((lesion, index) => {
    const centre = lesion.centrePx;
    if (centre !== undefined && (centre[0] >= columns || centre[1] >= rows)) {
      const message = `centre [${centre[0]}, ${centre[1]}] lies outside the ${columns} × ${rows} image`;
      throw new BonemetError('invalid_input', `invalid bone-scan phantom options: lesion ${index + 1}: ${message}`, {
        issues: [{ path: ['lesions', index, 'centrePx'], message, hint: 'give a [column, row] inside the image' }],
      });
    }
  });
  const labelsByView = labelMaps(frame, atlas);
  const labels = labelsByView.anterior;
  const partPixels = pixelsByLabel(labels);
  // A finding may sit where its part carries the label in either view (the thoracic spine behind the sternum).
  const placementPixels = new Map(partPixels);
  for (const [label, pixels] of pixelsByLabel(labelsByView.posterior)) {
    const extra = pixels.filter((index) => labels[index] !== label);
    if (extra.length > 0) placementPixels.set(label, [...(placementPixels.get(label) ?? []), ...extra]);
  }
  const placed = placeFindings(
    random,
    { frame, atlas, labels, partPixels: placementPixels },
    study.counts,
    options.lesions,
  );

  const { overlappingParts, ...views } = renderSkeleton(frame, atlas, placed, study.superscan ? 2.5 : 1);
  if (options.softTissue) addSoftTissue(frame, atlas, study, views);

  const mirrorColumn = (column: number): number => columns - 1 - column;
  const built = (['anterior', 'posterior'] as const).map((view): BoneScanPhantomView => {
    const image = views[view];
    gaussianBlur2dInPlace(image, columns, rows, pixelMm, options.blurFwhmMm);
    let sum = 0;
    for (const v of image) sum += v;
    const scale = sum > 0 ? study.totalCounts / sum : 0;
    for (let i = 0; i < image.length; i++) image[i] = (image[i] ?? 0) * scale;
    const expected = view === 'anterior' ? image : mirrorColumns(image, columns, rows, (n) => new Float32Array(n));
    const counts = new Uint16Array(expected.length);
    let total = 0;
    for (let i = 0; i < expected.length; i++) {
      const mean = expected[i] ?? 0;
      // Counts above 65535 cannot be stored in 16 bits; no realistic study reaches them (a bladder pixel holds a few thousand).
      const n = Math.min(65535, options.poissonNoise ? poissonSample(random, mean) : Math.round(mean));
      counts[i] = n;
      total += n;
    }
    return {
      view,
      counts,
      expectedCounts: expected,
      labels:
        view === 'anterior' ? labels : mirrorColumns(labelsByView.posterior, columns, rows, (n) => new Uint8Array(n)),
      overlappingParts:
        view === 'anterior'
          ? overlappingParts
          : mirrorColumns(overlappingParts, columns, rows, (n) => new Uint8Array(n)),
      totalCounts: total,
    };
  }) as unknown as [BoneScanPhantomView, BoneScanPhantomView];

  const anteriorBsi = bsiTruth(frame, labelsByView.anterior, placed);
  const posteriorBsi = bsiTruth(frame, labelsByView.posterior, placed);
  const bsi: BoneScanBsiTruth = {
    percent: (anteriorBsi.bsi.percent + posteriorBsi.bsi.percent) / 2,
    hotPercent: (anteriorBsi.bsi.hotPercent + posteriorBsi.bsi.hotPercent) / 2,
    anterior: anteriorBsi.bsi,
    posterior: posteriorBsi.bsi,
  };
  const findings = placed.map((finding, index): BoneScanFinding => {
    const factors = findingAttenuation(frame, atlas, finding);
    const strongest = Math.max(factors.anterior, factors.posterior);
    const [column, row] = finding.centrePx;
    return {
      kind: finding.kind,
      malignant: finding.kind === 'metastasis' || finding.kind === 'lytic-metastasis',
      part: finding.part,
      bsiRegion: boneScanPart(finding.part).bsiRegion,
      diameterMm: finding.diameterMm,
      contrast: finding.contrast,
      ...(finding.rim === undefined ? {} : { rim: finding.rim }),
      centrePx: { anterior: [column, row], posterior: [mirrorColumn(column), row] },
      views: (['anterior', 'posterior'] as const).filter((view) => factors[view] >= 0.25 * strongest),
      attenuation: factors,
      involvedPixels: {
        anterior: anteriorBsi.involved[index] ?? 0,
        posterior: posteriorBsi.involved[index] ?? 0,
      },
    };
  });
  const siteAt = (x: number, y: number): Record<BoneScanViewName, readonly [number, number]> => {
    const [c, r] = pixelOfBodyPoint(frame, x, y).map(Math.round) as [number, number];
    return { anterior: [c, r], posterior: [mirrorColumn(c), r] };
  };
  const injection = atlas.landmarks.antecubital[study.injectionArm];
  const uptakeSites: BoneScanUptakeSite[] = options.softTissue
    ? [
        ...atlas.kidneys.map((kidney): BoneScanUptakeSite => {
          const cx = kidney.kind === 'ellipse' ? kidney.cx : 0;
          const cy = kidney.kind === 'ellipse' ? kidney.cy : 0;
          return { kind: 'kidney', side: cx > 0 ? 'left' : 'right', centrePx: siteAt(cx, cy) };
        }),
        {
          kind: 'bladder',
          side: 'midline',
          centrePx: siteAt(
            atlas.bladder.kind === 'ellipse' ? atlas.bladder.cx : 0,
            atlas.bladder.kind === 'ellipse' ? atlas.bladder.cy : 0,
          ),
        },
        { kind: 'injection-site', side: study.injectionArm, centrePx: siteAt(injection.x, injection.y) },
      ]
    : [];
  const partPixelCounts: Record<string, number> = {};
  for (const [label, pixels] of partPixels) {
    const part = boneScanPartOfLabel(label);
    if (part !== undefined) partPixelCounts[part.id] = pixels.length;
  }
  return {
    options,
    habitus: study.habitus,
    columns,
    rows,
    pixelSizeMm: pixelMm,
    expectedTotalCountsPerView: study.totalCounts,
    superscan: study.superscan,
    injectionArm: study.injectionArm,
    views: built,
    truth: { findings, uptakeSites, bsi, partPixels: partPixelCounts },
  };
}
