/**
 * Places the findings of a bone-scan phantom on the skeleton's label map (anterior orientation): random
 * metastases and lytic metastases, symmetric degenerative joints, aligned rib fractures, and the caller's.
 *
 * Metastasis sites follow the axial predominance of breast-cancer bone metastases (spine, pelvis, ribs,
 * then proximal long bones, skull, sternum, scapulae); the weights below are a rounded, representative
 * mix for a test population, not an epidemiological table. Contrasts cover the brief's 1.3–8× with two
 * fifths of lesions in the faint 1.3–2× band, which decides sensitivity (reference note §4.2: faint
 * lesions drive false negatives, Koizumi 2017).
 */
import type { BoneScanAtlas } from './bone-scan-atlas.js';
import type { BoneScanFindingKind, BoneScanLesionOptions } from './bone-scan-options.js';
import { boneScanPart, boneScanPartOfLabel, type BoneScanPartId } from '@bonemet/bonescan';
import { pixelOfBodyPoint, type PixelFrame } from './bone-scan-raster.js';
import type { SeededRandom } from './seeded-random.js';

export interface PlacedFinding {
  readonly kind: BoneScanFindingKind;
  readonly part: BoneScanPartId;
  /** [column, row] of the centre, anterior orientation. */
  readonly centrePx: readonly [number, number];
  readonly diameterMm: number;
  /** Uptake relative to normal bone (the centre's, for a lytic metastasis). */
  readonly contrast: number;
  /** Lytic metastasis: rim uptake relative to normal bone and rim width, mm. */
  readonly rim?: { readonly contrast: number; readonly widthMm: number };
}

export interface FindingContext {
  readonly frame: PixelFrame;
  readonly atlas: BoneScanAtlas;
  readonly labels: Uint8Array;
  /** Pixel indices of each part, by label. */
  readonly partPixels: ReadonlyMap<number, readonly number[]>;
}

export interface RandomFindingCounts {
  readonly metastases: number;
  readonly lyticMetastases: number;
  readonly degenerativeJoints: boolean;
  readonly ribFractures: number;
}

const metastasisSites: readonly (readonly [BoneScanPartId, number])[] = [
  ['thoracic_spine', 0.16],
  ['lumbar_spine', 0.14],
  ['cervical_spine', 0.03],
  ['sacrum', 0.04],
  ['pelvis', 0.15],
  ['ribs', 0.14],
  ['femur_left', 0.05],
  ['femur_right', 0.05],
  ['skull', 0.07],
  ['humerus_left', 0.03],
  ['humerus_right', 0.03],
  ['sternum', 0.05],
  ['scapula_left', 0.03],
  ['scapula_right', 0.03],
];

/** Largest diameter that still looks focal on a part (thin or small bones hold smaller lesions). */
const maxDiameterMm: Partial<Record<BoneScanPartId, number>> = {
  ribs: 20,
  sternum: 25,
  cervical_spine: 25,
  humerus_left: 30,
  humerus_right: 30,
};

function weightedSite(random: SeededRandom): BoneScanPartId {
  const total = metastasisSites.reduce((sum, [, w]) => sum + w, 0);
  let u = random.uniform() * total;
  for (const [part, weight] of metastasisSites) {
    u -= weight;
    if (u < 0) return part;
  }
  return 'thoracic_spine';
}

/** Hot-lesion contrast: 40 % in 1.3–2×, 60 % log-uniform in 2–8×. */
function hotContrast(random: SeededRandom): number {
  return random.uniform() < 0.4 ? 1.3 + 0.7 * random.uniform() : 2 * Math.exp(Math.log(4) * random.uniform());
}

function overlaps(
  findings: readonly PlacedFinding[],
  centre: readonly [number, number],
  diameterMm: number,
  pixelMm: number,
): boolean {
  return findings.some((f) => {
    const distanceMm = Math.hypot(f.centrePx[0] - centre[0], f.centrePx[1] - centre[1]) * pixelMm;
    return distanceMm < (f.diameterMm + diameterMm) / 2 + 4;
  });
}

function pixelCentre(context: FindingContext, index: number): [number, number] {
  return [index % context.frame.columns, Math.floor(index / context.frame.columns)];
}

function labelAt(context: FindingContext, column: number, row: number): number {
  const { columns, rows } = context.frame;
  if (column < 0 || row < 0 || column >= columns || row >= rows) return 0;
  return context.labels[row * columns + column] ?? 0;
}

/** A random site on the skeleton that does not overlap placed findings; undefined after 50 tries. */
function randomSite(
  random: SeededRandom,
  context: FindingContext,
  placed: readonly PlacedFinding[],
  diameterFor: (part: BoneScanPartId) => number,
): { part: BoneScanPartId; centre: [number, number]; diameterMm: number } | undefined {
  for (let attempt = 0; attempt < 50; attempt++) {
    const part = weightedSite(random);
    const pixels = context.partPixels.get(boneScanPart(part).label) ?? [];
    if (pixels.length === 0) continue;
    const index = pixels[random.integerBelow(pixels.length)] ?? 0;
    const centre = pixelCentre(context, index);
    const diameterMm = diameterFor(part);
    if (!overlaps(placed, centre, diameterMm, context.frame.pixelMm)) return { part, centre, diameterMm };
  }
  return undefined;
}

function bodyPointPixel(context: FindingContext, x: number, y: number): [number, number] {
  const [c, r] = pixelOfBodyPoint(context.frame, x, y);
  return [Math.round(c), Math.round(r)];
}

/** A point at arc-length fraction `t` along a polyline. */
function alongPolyline(points: readonly { x: number; y: number }[], t: number): [number, number] {
  const lengths = points.slice(1).map((p, i) => Math.hypot(p.x - (points[i]?.x ?? 0), p.y - (points[i]?.y ?? 0)));
  let remaining = t * lengths.reduce((a, b) => a + b, 0);
  for (let i = 0; i < lengths.length; i++) {
    const length = lengths[i] ?? 0;
    const a = points[i];
    const b = points[i + 1];
    if (a === undefined || b === undefined) break;
    if (remaining <= length || i === lengths.length - 1) {
      const f = length === 0 ? 0 : Math.min(1, remaining / length);
      return [a.x + f * (b.x - a.x), a.y + f * (b.y - a.y)];
    }
    remaining -= length;
  }
  return [points[0]?.x ?? 0, points[0]?.y ?? 0];
}

function degenerativeJoints(random: SeededRandom, context: FindingContext, placed: PlacedFinding[]): void {
  const { landmarks } = context.atlas;
  const sites: (typeof landmarks.shoulder)[] = [];
  const knees = random.uniform() < 0.6;
  const shoulders = random.uniform() < 0.4;
  const facets = random.uniform() < 0.4;
  if (knees || (!shoulders && !facets)) sites.push(landmarks.medialKnee);
  if (shoulders) sites.push(landmarks.shoulder);
  const groups = sites.map((site) => [site.right, site.left]);
  if (facets) {
    const level = random.integerBelow(2) * 2;
    groups.push(landmarks.lowerLumbarFacets.slice(level, level + 2).map((f) => f.point));
  }
  for (const group of groups) {
    // Degenerative uptake is mild to moderate and symmetric: one size and contrast per pair, ±10 % per side.
    const diameterMm = 12 + 8 * random.uniform();
    const contrast = 1.4 + 1.1 * random.uniform();
    for (const point of group) {
      const centre = bodyPointPixel(context, point.x, point.y);
      const label = labelAt(context, centre[0], centre[1]);
      const part = boneScanPartOfLabel(label)?.id;
      if (part === undefined || overlaps(placed, centre, diameterMm, context.frame.pixelMm)) continue;
      placed.push({
        kind: 'degenerative-joint',
        part,
        centrePx: centre,
        diameterMm: diameterMm * (0.9 + 0.2 * random.uniform()),
        contrast: contrast * (0.9 + 0.2 * random.uniform()),
      });
    }
  }
}

function ribFractures(random: SeededRandom, context: FindingContext, count: number, placed: PlacedFinding[]): void {
  const ribsLabel = boneScanPart('ribs').label;
  for (let attempt = 0; attempt < 20; attempt++) {
    const side = random.uniform() < 0.5 ? 'left' : 'right';
    const first = 3 + random.integerBelow(8 - count);
    // Fractures from one impact lie on one line across consecutive ribs: the same place along each rib.
    const t = 0.3 + 0.25 * random.uniform();
    const diameterMm = 8 + 5 * random.uniform();
    const contrast = 2 + 3 * random.uniform();
    const candidates: PlacedFinding[] = [];
    for (let number = first; number < first + count; number++) {
      const rib = context.atlas.ribs.find((r) => r.number === number && r.side === side);
      if (rib === undefined) break;
      const [x, y] = alongPolyline(rib.points, t);
      const centre = bodyPointPixel(context, x, y);
      if (labelAt(context, centre[0], centre[1]) !== ribsLabel) break;
      if (overlaps([...placed, ...candidates], centre, diameterMm, context.frame.pixelMm)) break;
      candidates.push({
        kind: 'rib-fracture',
        part: 'ribs',
        centrePx: centre,
        diameterMm,
        contrast: contrast * (0.9 + 0.2 * random.uniform()),
      });
    }
    if (candidates.length === count) {
      placed.push(...candidates);
      return;
    }
  }
}

/** The pixel of a part nearest to its centroid. */
function partCentre(context: FindingContext, part: BoneScanPartId): [number, number] | undefined {
  const pixels = context.partPixels.get(boneScanPart(part).label) ?? [];
  if (pixels.length === 0) return undefined;
  let sc = 0;
  let sr = 0;
  for (const index of pixels) {
    const [c, r] = pixelCentre(context, index);
    sc += c;
    sr += r;
  }
  const mc = sc / pixels.length;
  const mr = sr / pixels.length;
  let best = pixels[0] ?? 0;
  let bestDistance = Infinity;
  for (const index of pixels) {
    const [c, r] = pixelCentre(context, index);
    const distance = (c - mc) ** 2 + (r - mr) ** 2;
    if (distance < bestDistance) {
      bestDistance = distance;
      best = index;
    }
  }
  return pixelCentre(context, best);
}

/**
 * Every finding of the study: the caller's first (at their centre, or the part's central pixel), then the
 * random ones. A caller's finding whose part is absent from the view (cut off by the field) is dropped.
 */
export function placeFindings(
  random: SeededRandom,
  context: FindingContext,
  counts: RandomFindingCounts,
  explicit: readonly BoneScanLesionOptions[],
): PlacedFinding[] {
  const placed: PlacedFinding[] = [];
  for (const lesion of explicit) {
    const part = lesion.part as BoneScanPartId;
    const centre = lesion.centrePx ?? partCentre(context, part);
    if (centre === undefined) continue;
    placed.push({
      kind: lesion.kind,
      part,
      centrePx: [centre[0], centre[1]],
      diameterMm: lesion.diameterMm,
      contrast: lesion.contrast,
      ...(lesion.kind === 'lytic-metastasis'
        ? { rim: { contrast: lesion.rimContrast, widthMm: lesion.rimWidthMm } }
        : {}),
    });
  }
  if (counts.degenerativeJoints) degenerativeJoints(random, context, placed);
  if (counts.ribFractures >= 2) ribFractures(random, context, counts.ribFractures, placed);
  for (let n = 0; n < counts.metastases; n++) {
    const site = randomSite(
      random,
      context,
      placed,
      (part) => 8 + ((maxDiameterMm[part] ?? 40) - 8) * random.uniform(),
    );
    if (site === undefined) continue;
    placed.push({
      kind: 'metastasis',
      part: site.part,
      centrePx: site.centre,
      diameterMm: site.diameterMm,
      contrast: hotContrast(random),
    });
  }
  for (let n = 0; n < counts.lyticMetastases; n++) {
    const site = randomSite(
      random,
      context,
      placed,
      (part) => 15 + ((maxDiameterMm[part] ?? 40) - 15) * random.uniform(),
    );
    if (site === undefined) continue;
    placed.push({
      kind: 'lytic-metastasis',
      part: site.part,
      centrePx: site.centre,
      diameterMm: site.diameterMm,
      contrast: 0.1 + 0.4 * random.uniform(),
      rim: { contrast: 1.5 + 1.5 * random.uniform(), widthMm: 3 + 3 * random.uniform() },
    });
  }
  return placed;
}
