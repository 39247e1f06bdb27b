/**
 * A synthetic patient followed by FDG PET/CT over 2–5 studies, with known truth per study.
 *
 * Model:
 * - One anatomy (anatomy.ts, analytic shapes) in a reference frame. Each study places the patient anew on
 *   the table: scanner coordinates = Rz(θ)·reference + t, θ ≤ 3° about the long axis, |t| ≤ 30 mm (x and y
 *   ≤ 20 mm). Tissues are labelled at each study's voxel centres by evaluating the shapes at the reference
 *   point, so the moved anatomy has no resampling blur; PET and CT values follow the tissue as in
 *   pet-ct-phantom.ts.
 * - Each study has its own injected activity (300–420 MBq), uptake time (55–70 min) and weight (± 3%), so the
 *   activity concentration of one SUV differs between studies while the true SUVs do not.
 * - Lesions: 2–4 at baseline (soft tissue, pelvis, sacrum, spine), and 0–2 that appear at a follow-up. The
 *   patient follows one course after a therapy start 7 days after the baseline: responding (every lesion's
 *   SUV ≤ 0.6 × its baseline value, or resolved), progressing (≥ 1.5 ×, growing), or stable (0.92–1.08 ×).
 *   The courses keep every change far from the PERCIST cut-offs so that the truth is not decided by noise.
 *   A responding lesion below SUVbw 5.5 resolves (it is no longer painted).
 * - Spheres are painted with partial volume (3×3×3 sub-samples where the surface crosses a voxel), then the
 *   PET is blurred (Gaussian, `blurFwhmMm`) and given count-like noise, as in pet-ct-phantom.ts.
 *
 * Truth per study: every lesion track (id "T1", "T2", …) with its centre in the study's coordinates, SUVbw,
 * SUL (Janmahasatian lean body mass of that study's weight), diameter and state against the previous study
 * (baseline, new, increased / stable / decreased beyond ± 6.9% of SUL, the SULpeak repeatability coefficient
 * 2.77 × 2.5% of Lodge 2012, or resolved); and the PERCIST 1.0 category against the baseline by the rule of
 * Wahl 2009: PMD when a lesion absent at baseline is present (new lesion) or when the hottest lesion's SUL
 * rises by > 30% and > 0.8 SUL; CMR when no lesion is left; PMR when it falls by ≥ 30% and ≥ 0.8 SUL; else SMD.
 */
import { parseInput } from '@bonemet/core';
import { leanBodyMassJanmahasatianKg } from '@bonemet/dicom';
import { z } from 'zod';
import { axialLayout, liverShape, phantomGeometry, tissueAt, tissueLabels, type PhantomGeometry } from './anatomy.js';
import { gaussianBlurInPlace } from './gaussian-blur.js';
import type { PetCtPhantom, PhantomLesionTruth } from './pet-ct-phantom.js';
import { petCtPhantomOptionsSchema } from './phantom-options.js';
import { SeededRandom } from './seeded-random.js';
import { tissueValues } from './tissue-values.js';
import { addPetNoise, sphereVoxelFraction, storedCtHu } from './voxel-values.js';

type Triple = readonly [number, number, number];

export const petTimelineOptionsSchema = z.strictObject({
  seed: z.int().min(0).max(4294967295).describe('seed of the patient: the same seed gives the same studies'),
  timePoints: z.int().min(2).max(5).default(3).describe('number of PET/CT studies, baseline included (2–5)'),
  dimensions: z
    .tuple([z.int().min(64).max(512), z.int().min(64).max(512), z.int().min(48).max(600)])
    .default([104, 80, 120])
    .describe('[columns, rows, slices] of every study grid'),
  spacingMm: z
    .tuple([z.number().min(1).max(8), z.number().min(1).max(8), z.number().min(1).max(8)])
    .default([4, 4, 4])
    .describe('voxel size [x, y, z], mm'),
  blurFwhmMm: z.number().min(0).max(15).default(6).describe('PET resolution, FWHM of a 3-D Gaussian, mm'),
  noiseCv: z.number().min(0).max(0.5).default(0.08).describe('PET noise, coefficient of variation in soft tissue'),
  ctNoiseSdHu: z.number().min(0).max(100).default(10).describe('CT noise SD, HU'),
  baselineDate: z.iso.date().default('2024-01-15').describe('date of the baseline study, YYYY-MM-DD'),
});

export type PetTimelineOptionsInput = z.input<typeof petTimelineOptionsSchema>;
export type PetTimelineOptions = z.output<typeof petTimelineOptionsSchema>;

export type PetTimelineCourse = 'responding' | 'progressing' | 'stable';
export type PetTimelineLesionState = 'baseline' | 'new' | 'increased' | 'stable' | 'decreased' | 'resolved';
export type PetTimelineSite = 'soft-tissue' | 'spine' | 'pelvis' | 'sacrum';
export type PercistTruthCategory = 'CMR' | 'PMR' | 'SMD' | 'PMD';

export interface PetTimelineLesionTruth {
  readonly trackId: string;
  /** Label in the study's `lesionLabels`; null when the lesion has resolved (not painted). */
  readonly label: number | null;
  readonly site: PetTimelineSite;
  readonly state: PetTimelineLesionState;
  /** Sphere centre in the study's (scanner) patient coordinates, LPS mm. */
  readonly centreMm: Triple;
  /** Sphere centre in the reference frame of the anatomy, mm. */
  readonly referenceCentreMm: Triple;
  readonly diameterMm: number;
  /** True SUVbw (0 when resolved), g/ml. */
  readonly suvbw: number;
  /** True SUL (Janmahasatian), g/ml. */
  readonly sul: number;
}

export interface PetTimelinePercistTruth {
  readonly category: PercistTruthCategory;
  readonly baselineHottestSul: number;
  readonly hottestSul: number;
  readonly changeSul: number;
  readonly changePercent: number;
  /** Tracks present now and absent at baseline. */
  readonly newTrackIds: readonly string[];
  readonly rule: string;
}

export interface PetTimelineStudy {
  readonly index: number;
  readonly studyDate: string;
  /** The study as a PET/CT phantom (PET, CT, labels, options for the DICOM writer). */
  readonly phantom: PetCtPhantom;
  /** Patient position: scanner = Rz(rotationDeg)·reference + translationMm. */
  readonly pose: { readonly translationMm: Triple; readonly rotationDeg: number };
  readonly injectedActivityMBq: number;
  readonly uptakeMinutes: number;
  readonly weightKg: number;
  /** True liver SUL of this study, g/ml. */
  readonly liverSul: number;
  /** Lesions present, plus those that resolved at this study (state resolved, label null). */
  readonly lesions: readonly PetTimelineLesionTruth[];
  /** PERCIST 1.0 against the baseline; null for the baseline. */
  readonly percist: PetTimelinePercistTruth | null;
}

export interface PetTimeline {
  readonly synthetic: true;
  readonly seed: number;
  readonly patientId: string;
  readonly course: PetTimelineCourse;
  readonly therapyStartDate: string;
  readonly studies: readonly PetTimelineStudy[];
}

/** SULpeak repeatability coefficient, percent: 2.77 × 2.5% (Lodge 2012, within-patient SD of SUVpeak). */
const STABLE_BAND_PERCENT = 2.77 * 2.5;
const RESPONDING_FLOOR_SUVBW = 5.5;

interface PlannedLesion {
  readonly trackId: string;
  readonly site: PetTimelineSite;
  readonly firstIndex: number;
  readonly baseDiameterMm: number;
  readonly baseSuvbw: number;
  /** SUVbw per study (0 before it appears and once resolved). */
  readonly suvbw: number[];
  readonly diameterMm: number[];
  referenceCentreMm: Triple;
}

function addDays(isoDate: string, days: number): string {
  const ms = Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000;
  return new Date(ms).toISOString().slice(0, 10);
}

const siteLabel: Readonly<Record<Exclude<PetTimelineSite, 'soft-tissue'>, number>> = {
  spine: tissueLabels.spine,
  pelvis: tissueLabels.pelvis,
  sacrum: tissueLabels.sacrum,
};

function uniform(random: SeededRandom, low: number, high: number): number {
  return low + (high - low) * random.uniform();
}

function planLesions(random: SeededRandom, course: PetTimelineCourse, timePoints: number): PlannedLesion[] {
  const lesions: PlannedLesion[] = [];
  const drawSite = (forNew: boolean): PetTimelineSite => {
    const u = random.uniform();
    if (forNew) return u < 0.6 ? 'soft-tissue' : 'pelvis';
    return u < 0.45 ? 'soft-tissue' : u < 0.7 ? 'pelvis' : u < 0.85 ? 'sacrum' : 'spine';
  };
  const plan = (site: PetTimelineSite, firstIndex: number, isNew: boolean): void => {
    const baseDiameterMm =
      site === 'spine'
        ? 14
        : site === 'soft-tissue'
          ? uniform(random, isNew ? 15 : 16, isNew ? 22 : 26)
          : uniform(random, 15, 19);
    const baseSuvbw = site === 'spine' ? uniform(random, 7, 9) : uniform(random, isNew ? 5 : 8, isNew ? 10 : 14);
    const maxDiameterMm = site === 'spine' ? 14 : site === 'soft-tissue' ? 30 : 20;
    const suvbw: number[] = [];
    const diameterMm: number[] = [];
    let level = 1;
    let resolved = false;
    for (let index = 0; index < timePoints; index++) {
      if (index < firstIndex || resolved) {
        suvbw.push(0);
        diameterMm.push(0);
        continue;
      }
      if (index > firstIndex) {
        const sinceBaseline = index - firstIndex;
        if (isNew || course === 'progressing')
          level = sinceBaseline === 1 && !isNew ? uniform(random, 1.5, 1.9) : level * uniform(random, 1.0, 1.25);
        else if (course === 'responding')
          level = sinceBaseline === 1 ? uniform(random, 0.45, 0.6) : level * uniform(random, 0.8, 1.0);
        else level = uniform(random, 0.92, 1.08);
      }
      const value = Math.min(25, baseSuvbw * level);
      if (
        course === 'responding' &&
        !isNew &&
        (value < RESPONDING_FLOOR_SUVBW || (index > 0 && random.uniform() < 0.1))
      ) {
        resolved = true;
        suvbw.push(0);
        diameterMm.push(0);
        continue;
      }
      // Size follows uptake: as the cube root of the level when growing, more slowly when shrinking.
      const scale = level >= 1 ? Math.cbrt(level) : level ** (1 / 6);
      suvbw.push(value);
      diameterMm.push(Math.min(maxDiameterMm, baseDiameterMm * scale));
    }
    lesions.push({
      trackId: `T${String(lesions.length + 1)}`,
      site,
      firstIndex,
      baseDiameterMm,
      baseSuvbw,
      suvbw,
      diameterMm,
      referenceCentreMm: [0, 0, 0],
    });
  };
  const baselineCount = 2 + random.integerBelow(3);
  for (let n = 0; n < baselineCount; n++) plan(drawSite(false), 0, false);
  const newChance = course === 'progressing' ? 0.6 : 0.2;
  let newCount = random.uniform() < newChance ? 1 + (course === 'progressing' ? random.integerBelow(2) : 0) : 0;
  while (newCount-- > 0) plan(drawSite(true), 1 + random.integerBelow(timePoints - 1), true);
  return lesions;
}

/**
 * Places every lesion in the reference frame: a sphere (with a margin) that lies wholly in soft tissue or
 * wholly in the bone of its site, apart from the other lesions, and far enough from the ends of the volume
 * to stay inside it in every study position.
 */
function placeLesions(
  random: SeededRandom,
  lesions: PlannedLesion[],
  geometry: PhantomGeometry,
  labels: Uint8Array,
  marginMm: number,
): void {
  const layout = axialLayout(geometry);
  const [nx, ny, nz] = geometry.dimensions;
  const [sx, sy, sz] = geometry.spacingMm;
  const [x0, y0, z0] = geometry.originMm;
  const halfLengthMm = ((nz - 1) * sz) / 2;
  const bySite = new Map<number, number[]>();
  labels.forEach((label, n) => {
    const list = bySite.get(label) ?? [];
    list.push(n);
    bySite.set(label, list);
  });
  const placed: { centre: Triple; radiusMm: number }[] = [];
  // Spine lesions first: the vertebral bodies between discs leave them the least room.
  const order = [...lesions].sort((a, b) => Number(b.site === 'spine') - Number(a.site === 'spine'));
  for (const lesion of order) {
    const radiusMm = Math.max(...lesion.diameterMm) / 2;
    const isSoft = lesion.site === 'soft-tissue';
    const label = isSoft ? tissueLabels.softTissue : siteLabel[lesion.site];
    const candidates = bySite.get(label) ?? [];
    const zoneMm = isSoft ? radiusMm + marginMm : radiusMm + Math.hypot(sx, sy, sz) / 2;
    let found: Triple | null = null;
    for (let attempt = 0; attempt < 20000 && found === null && candidates.length > 0; attempt++) {
      const n = candidates[random.integerBelow(candidates.length)] ?? 0;
      const i = n % nx;
      const j = Math.floor(n / nx) % ny;
      const k = Math.floor(n / (nx * ny));
      const centre: Triple = [x0 + i * sx, y0 + j * sy, z0 + k * sz];
      if (Math.abs(centre[2]) > halfLengthMm - 30 - radiusMm - marginMm) continue;
      if (
        placed.some(
          (other) =>
            Math.hypot(centre[0] - other.centre[0], centre[1] - other.centre[1], centre[2] - other.centre[2]) <
            radiusMm + other.radiusMm + marginMm,
        )
      )
        continue;
      let fits = true;
      const step = 2;
      for (let dz = -zoneMm; dz <= zoneMm && fits; dz += step)
        for (let dy = -zoneMm; dy <= zoneMm && fits; dy += step)
          for (let dx = -zoneMm; dx <= zoneMm && fits; dx += step) {
            if (dx * dx + dy * dy + dz * dz > zoneMm * zoneMm) continue;
            if (tissueAt(centre[0] + dx, centre[1] + dy, centre[2] + dz, layout) !== label) fits = false;
          }
      if (fits) found = centre;
    }
    if (found === null) throw new RangeError(`no room for a ${lesion.site} lesion of ${String(2 * radiusMm)} mm`);
    lesion.referenceCentreMm = found;
    placed.push({ centre: found, radiusMm });
  }
}

function rotateZ(point: Triple, degrees: number): Triple {
  const angle = (degrees * Math.PI) / 180;
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  return [c * point[0] - s * point[1], s * point[0] + c * point[1], point[2]];
}

/** PERCIST 1.0 category of a follow-up against the baseline from the true values (see the module comment). */
function percistTruth(
  baseline: readonly PetTimelineLesionTruth[],
  current: readonly PetTimelineLesionTruth[],
): PetTimelinePercistTruth {
  const present = (lesions: readonly PetTimelineLesionTruth[]): PetTimelineLesionTruth[] =>
    lesions.filter((lesion) => lesion.label !== null);
  const baselineIds = new Set(present(baseline).map((lesion) => lesion.trackId));
  const now = present(current);
  const baselineHottestSul = Math.max(0, ...present(baseline).map((lesion) => lesion.sul));
  const hottestSul = Math.max(0, ...now.map((lesion) => lesion.sul));
  const changeSul = hottestSul - baselineHottestSul;
  const changePercent = (100 * changeSul) / baselineHottestSul;
  const newTrackIds = now.filter((lesion) => !baselineIds.has(lesion.trackId)).map((lesion) => lesion.trackId);
  const base = { baselineHottestSul, hottestSul, changeSul, changePercent, newTrackIds };
  if (newTrackIds.length > 0) return { ...base, category: 'PMD', rule: 'new FDG-avid lesion (Wahl 2009)' };
  if (changePercent > 30 && changeSul > 0.8)
    return { ...base, category: 'PMD', rule: 'hottest lesion SUL > 30% and > 0.8 SUL above baseline (Wahl 2009)' };
  if (now.length === 0) return { ...base, category: 'CMR', rule: 'no lesion left (Wahl 2009)' };
  if (changePercent <= -30 && -changeSul >= 0.8)
    return { ...base, category: 'PMR', rule: 'hottest lesion SUL ≥ 30% and ≥ 0.8 SUL below baseline (Wahl 2009)' };
  return { ...base, category: 'SMD', rule: 'neither response nor progression (Wahl 2009)' };
}

/** Generates the patient's studies. Options are validated (`invalid_input` by path). */
export function generatePetTimeline(input: PetTimelineOptionsInput): PetTimeline {
  const options = parseInput(petTimelineOptionsSchema, input, 'PET timeline options');
  const random = SeededRandom.fromSeed((options.seed ^ 0x50544c4e) >>> 0); // "PTLN"
  const geometry = phantomGeometry(options.dimensions, options.spacingMm);
  const layout = axialLayout(geometry);
  const courses: readonly PetTimelineCourse[] = ['responding', 'progressing', 'stable'];
  const course = courses[random.integerBelow(courses.length)] ?? 'stable';
  const patient = { weightKg: uniform(random, 55, 90), heightM: uniform(random, 1.55, 1.8), sex: 'F' as const };
  const lesions = planLesions(random, course, options.timePoints);
  const referenceLabels = new Uint8Array(geometry.dimensions[0] * geometry.dimensions[1] * geometry.dimensions[2]);
  {
    const [nx, ny, nz] = geometry.dimensions;
    const [sx, sy, sz] = geometry.spacingMm;
    const [x0, y0, z0] = geometry.originMm;
    for (let k = 0; k < nz; k++)
      for (let j = 0; j < ny; j++)
        for (let i = 0; i < nx; i++)
          referenceLabels[i + nx * (j + ny * k)] = tissueAt(x0 + i * sx, y0 + j * sy, z0 + k * sz, layout);
  }
  const marginMm = Math.max(8, 1.5 * options.blurFwhmMm, 2 * Math.max(...options.spacingMm));
  placeLesions(random, lesions, geometry, referenceLabels, marginMm);

  const therapyStartDate = addDays(options.baselineDate, 7);
  const studies: PetTimelineStudy[] = [];
  let studyDate = options.baselineDate;
  for (let index = 0; index < options.timePoints; index++) {
    if (index > 0) studyDate = addDays(studyDate, 56 + random.integerBelow(29));
    let translation: [number, number, number] = [
      uniform(random, -20, 20),
      uniform(random, -20, 20),
      uniform(random, -30, 30),
    ];
    const norm = Math.hypot(...translation);
    if (norm > 30) translation = translation.map((value) => (value * 30) / norm) as [number, number, number];
    const pose = { translationMm: translation as Triple, rotationDeg: uniform(random, -3, 3) };
    const weightKg = patient.weightKg * uniform(random, 0.97, 1.03);
    const injectedActivityMBq = uniform(random, 300, 420);
    const uptakeMinutes = uniform(random, 55, 70);
    const phantomOptions = parseInput(
      petCtPhantomOptionsSchema,
      {
        seed: options.seed,
        dimensions: options.dimensions,
        spacingMm: options.spacingMm,
        blurFwhmMm: options.blurFwhmMm,
        noiseCv: options.noiseCv,
        ctNoiseSdHu: options.ctNoiseSdHu,
        patient: {
          ...patient,
          weightKg: Math.round(weightKg * 10) / 10,
          heightM: Math.round(patient.heightM * 100) / 100,
        },
        injectedActivityMBq: Math.round(injectedActivityMBq),
        scanDate: studyDate.replaceAll('-', ''),
        uptakeMinutes: Math.round(uptakeMinutes),
        hotSphereDiametersMm: [],
        osseousLesions: [],
      },
      'PET/CT phantom options',
    );
    const previous = studies[index - 1]?.lesions ?? [];
    studies.push(paintStudy(index, studyDate, phantomOptions, geometry, pose, lesions, previous));
  }
  // PERCIST truth against the baseline, from the painted truth of each study.
  const baselineLesions = studies[0]?.lesions ?? [];
  const withPercist = studies.map((study) =>
    study.index === 0 ? study : { ...study, percist: percistTruth(baselineLesions, study.lesions) },
  );
  return {
    synthetic: true,
    seed: options.seed,
    patientId: `SYNTHETIC-${String(options.seed)}`,
    course,
    therapyStartDate,
    studies: withPercist,
  };
}

function paintStudy(
  index: number,
  studyDate: string,
  options: PetCtPhantom['options'],
  geometry: PhantomGeometry,
  pose: PetTimelineStudy['pose'],
  lesions: readonly PlannedLesion[],
  previous: readonly PetTimelineLesionTruth[],
): PetTimelineStudy {
  const layout = axialLayout(geometry);
  const [nx, ny, nz] = geometry.dimensions;
  const [sx, sy, sz] = geometry.spacingMm;
  const [x0, y0, z0] = geometry.originMm;
  const count = nx * ny * nz;
  const { petBqMlByTissue, ctHuByTissue, decayedDoseBq, bqMlPerSuvbw } = tissueValues(options);
  const sulPerSuvbw =
    leanBodyMassJanmahasatianKg('F', options.patient.weightKg, options.patient.heightM) / options.patient.weightKg;
  const { uptake, ctHu } = options;
  const labels = new Uint8Array(count);
  const pet = new Float32Array(count);
  const ct = new Float32Array(count);
  const angle = (-pose.rotationDeg * Math.PI) / 180;
  const cosA = Math.cos(angle);
  const sinA = Math.sin(angle);
  const [tx, ty, tz] = pose.translationMm;
  for (let k = 0; k < nz; k++)
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++) {
        const dx = x0 + i * sx - tx;
        const dy = y0 + j * sy - ty;
        const label = tissueAt(cosA * dx - sinA * dy, sinA * dx + cosA * dy, z0 + k * sz - tz, layout);
        const n = i + nx * (j + ny * k);
        labels[n] = label;
        pet[n] = petBqMlByTissue[label] ?? 0;
        ct[n] = ctHuByTissue[label] ?? 0;
      }

  const lesionLabels = new Uint16Array(count);
  const truths: PetTimelineLesionTruth[] = [];
  const phantomLesions: PhantomLesionTruth[] = [];
  const previousById = new Map(previous.map((lesion) => [lesion.trackId, lesion]));
  const subSamples = 3;
  for (const lesion of lesions) {
    const suvbw = lesion.suvbw[index] ?? 0;
    const diameterMm = lesion.diameterMm[index] ?? 0;
    const before = previousById.get(lesion.trackId);
    const wasPresent = before !== undefined && before.label !== null;
    const rotated = rotateZ(lesion.referenceCentreMm, pose.rotationDeg);
    const centreMm: Triple = [rotated[0] + tx, rotated[1] + ty, rotated[2] + tz];
    if (suvbw <= 0) {
      if (wasPresent)
        truths.push({
          trackId: lesion.trackId,
          label: null,
          site: lesion.site,
          state: 'resolved',
          centreMm,
          referenceCentreMm: lesion.referenceCentreMm,
          diameterMm: 0,
          suvbw: 0,
          sul: 0,
        });
      continue;
    }
    const label = phantomLesions.length + 1;
    const radiusMm = diameterMm / 2;
    const petValue = suvbw * bqMlPerSuvbw;
    const ctValue =
      lesion.site === 'soft-tissue' ? ctHu.softTissue : label % 2 === 0 ? ctHu.blasticLesion : ctHu.lyticLesion;
    const ci = Math.round((centreMm[0] - x0) / sx);
    const cj = Math.round((centreMm[1] - y0) / sy);
    const ck = Math.round((centreMm[2] - z0) / sz);
    const reach = [Math.ceil(radiusMm / sx) + 1, Math.ceil(radiusMm / sy) + 1, Math.ceil(radiusMm / sz) + 1];
    const halfDiagonalMm = Math.hypot(sx, sy, sz) / 2;
    let maskVoxelCount = 0;
    for (let k = ck - (reach[2] ?? 0); k <= ck + (reach[2] ?? 0); k++)
      for (let j = cj - (reach[1] ?? 0); j <= cj + (reach[1] ?? 0); j++)
        for (let i = ci - (reach[0] ?? 0); i <= ci + (reach[0] ?? 0); i++) {
          if (i < 0 || j < 0 || k < 0 || i >= nx || j >= ny || k >= nz) continue;
          const dx = x0 + i * sx - centreMm[0];
          const dy = y0 + j * sy - centreMm[1];
          const dz = z0 + k * sz - centreMm[2];
          const distanceMm = Math.hypot(dx, dy, dz);
          if (distanceMm > radiusMm + halfDiagonalMm) continue;
          const fraction =
            distanceMm > radiusMm - halfDiagonalMm
              ? sphereVoxelFraction(dx, dy, dz, geometry.spacingMm, radiusMm, subSamples)
              : 1;
          const n = i + nx * (j + ny * k);
          pet[n] = (1 - fraction) * (pet[n] ?? 0) + fraction * petValue;
          ct[n] = (1 - fraction) * (ct[n] ?? 0) + fraction * ctValue;
          if (distanceMm <= radiusMm) {
            lesionLabels[n] = label;
            maskVoxelCount++;
          }
        }
    const sul = suvbw * sulPerSuvbw;
    let state: PetTimelineLesionState = 'baseline';
    if (index > 0) {
      if (!wasPresent) state = 'new';
      else {
        const changePercent = (100 * (sul - before.sul)) / before.sul;
        state =
          changePercent > STABLE_BAND_PERCENT
            ? 'increased'
            : changePercent < -STABLE_BAND_PERCENT
              ? 'decreased'
              : 'stable';
      }
    }
    truths.push({
      trackId: lesion.trackId,
      label,
      site: lesion.site,
      state,
      centreMm,
      referenceCentreMm: lesion.referenceCentreMm,
      diameterMm,
      suvbw,
      sul,
    });
    const voxelMl = (sx * sy * sz) / 1000;
    phantomLesions.push({
      label,
      kind: lesion.site === 'soft-tissue' ? 'hot-sphere' : 'osseous',
      site: lesion.site,
      ...(lesion.site === 'soft-tissue'
        ? { contrast: suvbw / uptake.backgroundSuvbw }
        : { ctAppearance: label % 2 === 0 ? ('blastic' as const) : ('lytic' as const) }),
      diameterMm,
      centreMm,
      centreIndex: [ci, cj, ck],
      suvbw,
      sulJanmahasatian: sul,
      activityConcentrationBqMl: petValue,
      sphereVolumeMl: ((4 / 3) * Math.PI * radiusMm ** 3) / 1000,
      maskVoxelCount,
      maskVolumeMl: maskVoxelCount * voxelMl,
    });
  }

  gaussianBlurInPlace(pet, geometry.dimensions, geometry.spacingMm, options.blurFwhmMm);
  const noise = SeededRandom.fromSeed((options.seed ^ 0x5045544e ^ (index * 0x9e3779b1)) >>> 0);
  if (options.noiseCv > 0) addPetNoise(pet, options.noiseCv, uptake.backgroundSuvbw * bqMlPerSuvbw, noise);
  const ctHuVoxels = storedCtHu(ct, options.ctNoiseSdHu, noise);
  const liverCentre = rotateZ([liverShape.centreXMm, liverShape.centreYMm, layout.liver.centreZMm], pose.rotationDeg);
  const phantom: PetCtPhantom = {
    options,
    geometry,
    petBqMl: pet,
    ctHu: ctHuVoxels,
    tissueLabels: labels,
    lesionLabels,
    truth: {
      synthetic: true,
      description: `SYNTHETIC PET/CT phantom generated by bonemet: not patient data. Study ${String(index + 1)} of a synthetic patient followed over time.`,
      decayedDoseBq,
      bqMlPerSuvbw,
      tissues: {
        backgroundSuvbw: uptake.backgroundSuvbw,
        liverSuvbw: uptake.liverSuvbw,
        boneMarrowSuvbw: uptake.boneMarrowSuvbw,
        liver: {
          centreMm: [liverCentre[0] + tx, liverCentre[1] + ty, liverCentre[2] + tz],
          semiAxesMm: [liverShape.semiAxisXMm, liverShape.semiAxisYMm, layout.liver.semiAxisZMm],
        },
      },
      lesions: phantomLesions,
    },
  };
  return {
    index,
    studyDate,
    phantom,
    pose,
    injectedActivityMBq: options.injectedActivityMBq,
    uptakeMinutes: options.uptakeMinutes,
    weightKg: options.patient.weightKg,
    liverSul: uptake.liverSuvbw * sulPerSuvbw,
    lesions: truths,
    percist: null,
  };
}
