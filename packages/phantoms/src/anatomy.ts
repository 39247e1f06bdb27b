/**
 * The phantom's anatomy as analytic shapes in patient coordinates (DICOM LPS, mm: +x patient left,
 * +y posterior, +z head), painted into a tissue label volume by voxel centre. Transverse sizes are those
 * of an adult torso; axial positions are fractions of the trunk length so that every matrix, from a
 * small test volume to a whole-body scan, holds pelvis and bladder, kidneys, liver, the base of the lungs
 * and the spine (a volume of 600 mm or more also holds a neck and a head). The proportions are
 * schematic: a short volume squeezes the trunk, it does not crop it.
 */
import { BonemetError, type SkeletalLocation, type VertebralLevel } from '@bonemet/core';
import type { Dimensions3 } from './gaussian-blur.js';

export const tissueLabels = Object.freeze({
  air: 0,
  softTissue: 1,
  liver: 2,
  spine: 3,
  pelvis: 4,
  lung: 5,
  kidney: 6,
  urine: 7,
  brain: 8,
  skull: 9,
  sacrum: 10,
} as const);
export type TissueLabel = (typeof tissueLabels)[keyof typeof tissueLabels];

/** Axial image grid: rows along +y, columns along +x (Image Orientation (Patient) 1\0\0\0\1\0). */
export interface PhantomGeometry {
  /** [columns, rows, slices]. */
  readonly dimensions: Dimensions3;
  /** [x, y, z] voxel size, mm. */
  readonly spacingMm: Dimensions3;
  /** Centre of voxel (0, 0, 0), LPS mm; slice k lies at z = origin z + k·spacing z. */
  readonly originMm: Dimensions3;
}

/** Elliptical torso cross-section, centred on the z axis. */
export const torsoShape = Object.freeze({ semiAxisXMm: 170, semiAxisYMm: 115 });
/**
 * Vertebral bodies: a posterior cylinder cut by intervertebral discs (soft tissue) at a fixed pitch. The
 * discs are counted from the top of the pelvic ring: the disc at that height is L5/S1, the body above it
 * L5, then L4…L1, T12…T1, C7…C1 (24 presacral vertebrae, the usual count); below the pelvic top the
 * column is the sacrum (fused, no discs). Pitch and disc height are schematic (adult lumbar bodies are
 * about 25–30 mm high with 8–12 mm discs, thoracic bodies smaller).
 */
export const spineShape = Object.freeze({ centreYMm: 50, radiusMm: 20, pitchMm: 30, discMm: 5 });
/**
 * Pelvic ring: an elliptical annulus in the lowest part of the trunk. Its posterior midline sector
 * (|x| ≤ `sacralHalfWidthMm`, behind the ring centre) is sacrum; the rest is os coxae: pubis in the
 * anterior quarter (y < centre − outer semi-axis / 2), ilium elsewhere; the pubic symphysis is a
 * cartilage gap of `symphysisHalfWidthMm` either side of the midline.
 */
export const pelvisShape = Object.freeze({
  centreYMm: 20,
  outerSemiAxesMm: [135, 85] as const,
  innerSemiAxesMm: [105, 55] as const,
  topFraction: 0.28,
  sacralHalfWidthMm: 40,
  symphysisHalfWidthMm: 3,
});
/** Liver: an ellipsoid in the patient's right upper abdomen (−x), semi-axis along z a fraction of the length. */
export const liverShape = Object.freeze({
  centreXMm: -80,
  centreYMm: -15,
  semiAxisXMm: 75,
  semiAxisYMm: 65,
  centreFraction: 0.62,
  semiAxisZFraction: 0.2,
  semiAxisZMaxMm: 100,
});
/**
 * Lungs: two elliptic cylinders from the lung base (`baseFractionOfLiver` of the liver's z semi-axis above
 * the liver centre; the liver dome rises above it under the right lung, as the right hemidiaphragm does)
 * up to at most `heightMaxMm` or the top of the trunk.
 */
export const lungShape = Object.freeze({
  centreAbsXMm: 85,
  centreYMm: -5,
  semiAxisXMm: 60,
  semiAxisYMm: 75,
  baseFractionOfLiver: 0.6,
  heightMaxMm: 250,
});
/**
 * Kidneys: bilateral posterior ellipsoids beside the upper lumbar spine (adult kidney about 11 × 6 × 4 cm),
 * each with its urine-filled collecting system (renal pelvis) on the medial side.
 */
export const kidneyShape = Object.freeze({
  centreAbsXMm: 75,
  centreYMm: 55,
  semiAxisXMm: 28,
  semiAxisYMm: 22,
  centreFraction: 0.45,
  semiAxisZFraction: 0.1,
  semiAxisZMaxMm: 55,
  pelvisMedialShiftMm: 8,
  pelvisSemiAxesMm: [10, 8] as const,
  pelvisSemiAxisZFractionOfKidney: 0.4,
});
/** Urinary bladder: a moderately filled, flattened ellipsoid in the midline inside the pelvic ring. */
export const bladderShape = Object.freeze({
  centreYMm: -5,
  semiAxisXMm: 45,
  semiAxisYMm: 20,
  centreFraction: 0.12,
  semiAxisZFraction: 0.08,
  semiAxisZMaxMm: 40,
});
/**
 * Head and neck, present when the axial length is at least `minimumLengthMm`: the top `heightMm` of the
 * volume holds a neck (cylinder, with the cervical spine) and a skull (ellipsoidal shell of
 * `skullThicknessMm`) around the brain; the trunk fills the rest.
 */
export const headShape = Object.freeze({
  minimumLengthMm: 600,
  heightMm: 250,
  neckHeightMm: 60,
  neckRadiusMm: 55,
  neckCentreYMm: 20,
  skullSemiAxesMm: [75, 95, 90] as const,
  skullCentreYMm: 10,
  skullThicknessMm: 7,
});

/** Smallest field of view that holds the torso with a margin, and the shortest axial length. */
const minimumFovXMm = 2 * torsoShape.semiAxisXMm + 20;
const minimumFovYMm = 2 * torsoShape.semiAxisYMm + 20;
const minimumAxialLengthMm = 150;

export function phantomGeometry(dimensions: Dimensions3, spacingMm: Dimensions3): PhantomGeometry {
  const [nx, ny, nz] = dimensions;
  const [sx, sy, sz] = spacingMm;
  const issues = [
    nx * sx < minimumFovXMm && {
      path: ['dimensions', 0],
      message: `x field of view ${nx * sx} mm < ${minimumFovXMm} mm`,
    },
    ny * sy < minimumFovYMm && {
      path: ['dimensions', 1],
      message: `y field of view ${ny * sy} mm < ${minimumFovYMm} mm`,
    },
    (nz - 1) * sz < minimumAxialLengthMm && {
      path: ['dimensions', 2],
      message: `axial length ${(nz - 1) * sz} mm < ${minimumAxialLengthMm} mm`,
    },
  ].filter((issue) => issue !== false);
  if (issues.length > 0) {
    throw new BonemetError('invalid_input', 'the phantom does not fit in the requested grid', { issues });
  }
  // Centred on x = y = 0; z from −L/2 to +L/2.
  return {
    dimensions,
    spacingMm,
    originMm: [(-(nx - 1) * sx) / 2, (-(ny - 1) * sy) / 2, (-(nz - 1) * sz) / 2],
  };
}

/** Presacral vertebrae from the sacrum upward. */
// prettier-ignore
export const levelsAboveSacrum = [
  'L5', 'L4', 'L3', 'L2', 'L1',
  'T12', 'T11', 'T10', 'T9', 'T8', 'T7', 'T6', 'T5', 'T4', 'T3', 'T2', 'T1',
  'C7', 'C6', 'C5', 'C4', 'C3', 'C2', 'C1',
] as const satisfies readonly VertebralLevel[];

/** An organ's centre and semi-axis along z, mm. */
export interface AxialExtent {
  readonly centreZMm: number;
  readonly semiAxisZMm: number;
}

/** Heights (patient z, mm) of the phantom's parts for a given grid. */
export interface AxialLayout {
  readonly bottomZMm: number;
  /** Top of the trunk (the torso ellipse); the top of the volume when there is no head. */
  readonly trunkTopZMm: number;
  readonly pelvisTopZMm: number;
  readonly bladder: AxialExtent;
  readonly kidney: AxialExtent;
  readonly liver: AxialExtent;
  readonly lungBaseZMm: number;
  readonly lungTopZMm: number;
  /** Top of the spinal column (above C1 there is no vertebra). */
  readonly spineTopZMm: number;
  /** Skull centre height, or null when the volume is too short for a head. */
  readonly skullCentreZMm: number | null;
}

/** Positions along z: fractions of the trunk length (the whole length, or the length below the head). */
export function axialLayout(geometry: PhantomGeometry): AxialLayout {
  const lengthMm = (geometry.dimensions[2] - 1) * geometry.spacingMm[2];
  const bottomZMm = geometry.originMm[2];
  const hasHead = lengthMm >= headShape.minimumLengthMm;
  const trunkMm = hasHead ? lengthMm - headShape.heightMm : lengthMm;
  const trunkTopZMm = bottomZMm + trunkMm;
  const extent = (centreFraction: number, semiFraction: number, semiMaxMm: number): AxialExtent => ({
    centreZMm: bottomZMm + centreFraction * trunkMm,
    semiAxisZMm: Math.min(semiMaxMm, semiFraction * trunkMm),
  });
  const liver = extent(liverShape.centreFraction, liverShape.semiAxisZFraction, liverShape.semiAxisZMaxMm);
  const lungBaseZMm = liver.centreZMm + lungShape.baseFractionOfLiver * liver.semiAxisZMm;
  const pelvisTopZMm = bottomZMm + pelvisShape.topFraction * trunkMm;
  const columnTopZMm = pelvisTopZMm + levelsAboveSacrum.length * spineShape.pitchMm;
  return {
    bottomZMm,
    trunkTopZMm,
    pelvisTopZMm,
    bladder: extent(bladderShape.centreFraction, bladderShape.semiAxisZFraction, bladderShape.semiAxisZMaxMm),
    kidney: extent(kidneyShape.centreFraction, kidneyShape.semiAxisZFraction, kidneyShape.semiAxisZMaxMm),
    liver,
    lungBaseZMm,
    lungTopZMm: Math.min(trunkTopZMm, lungBaseZMm + lungShape.heightMaxMm),
    spineTopZMm: Math.min(columnTopZMm, hasHead ? trunkTopZMm + headShape.neckHeightMm : trunkTopZMm),
    skullCentreZMm: hasHead ? trunkTopZMm + headShape.heightMm - headShape.skullSemiAxesMm[2] - 5 : null,
  };
}

/** Liver ellipsoid centre z and semi-axis along z, mm. */
export function liverAxialExtent(geometry: PhantomGeometry): AxialExtent {
  return axialLayout(geometry).liver;
}

/** The vertebral level of the body at height z (mm), or null in a disc, below the pelvic top or above C1. */
export function vertebralLevelAt(zMm: number, layout: AxialLayout): VertebralLevel | null {
  const aboveMm = zMm - layout.pelvisTopZMm;
  if (aboveMm < 0 || zMm > layout.spineTopZMm) return null;
  const index = Math.floor(aboveMm / spineShape.pitchMm);
  if (aboveMm - index * spineShape.pitchMm < spineShape.discMm) return null;
  return levelsAboveSacrum[index] ?? null;
}

/** Which part of the pelvic ring a point of it belongs to (see `pelvisShape`); laterality from x (LPS). */
export function pelvicBoneAt(xMm: number, yMm: number): SkeletalLocation {
  if (Math.abs(xMm) <= pelvisShape.sacralHalfWidthMm && yMm > pelvisShape.centreYMm) return { bone: 'sacrum' };
  const laterality = xMm < 0 ? 'right' : 'left';
  const anterior = yMm < pelvisShape.centreYMm - pelvisShape.outerSemiAxesMm[1] / 2;
  return { bone: anterior ? 'pubis' : 'ilium', laterality };
}

const inEllipse = (dx: number, dy: number, a: number, b: number): boolean => (dx / a) ** 2 + (dy / b) ** 2 <= 1;
const inEllipsoid = (dx: number, dy: number, dz: number, a: number, b: number, c: number): boolean =>
  (dx / a) ** 2 + (dy / b) ** 2 + (dz / c) ** 2 <= 1;

/** Head and neck labels above the trunk (`z` > trunk top). */
function headTissueAt(xMm: number, yMm: number, zMm: number, layout: AxialLayout): TissueLabel {
  const skullZ = layout.skullCentreZMm;
  if (skullZ !== null) {
    const [a, b, c] = headShape.skullSemiAxesMm;
    const t = headShape.skullThicknessMm;
    const dy = yMm - headShape.skullCentreYMm;
    const dz = zMm - skullZ;
    if (inEllipsoid(xMm, dy, dz, a - t, b - t, c - t)) return tissueLabels.brain;
    if (inEllipsoid(xMm, dy, dz, a, b, c)) return tissueLabels.skull;
    if (zMm > skullZ) return tissueLabels.air;
  }
  if (Math.hypot(xMm, yMm - headShape.neckCentreYMm) > headShape.neckRadiusMm) return tissueLabels.air;
  return spineTissueAt(xMm, yMm, zMm, layout) ?? tissueLabels.softTissue;
}

/** Vertebral body or disc of the spinal column at a point, or null outside the column. */
function spineTissueAt(xMm: number, yMm: number, zMm: number, layout: AxialLayout): TissueLabel | null {
  if (Math.hypot(xMm, yMm - spineShape.centreYMm) > spineShape.radiusMm || zMm > layout.spineTopZMm) return null;
  if (zMm < layout.pelvisTopZMm) return tissueLabels.sacrum;
  return vertebralLevelAt(zMm, layout) === null ? tissueLabels.softTissue : tissueLabels.spine;
}

/**
 * Tissue label at a point (LPS mm). Precedence, first match wins: outside the body; head and neck; pelvic
 * ring; spinal column; urine (renal pelvis, bladder); kidney; liver; lung; soft tissue.
 */
export function tissueAt(xMm: number, yMm: number, zMm: number, layout: AxialLayout): TissueLabel {
  if (zMm > layout.trunkTopZMm) return headTissueAt(xMm, yMm, zMm, layout);
  if (!inEllipse(xMm, yMm, torsoShape.semiAxisXMm, torsoShape.semiAxisYMm)) return tissueLabels.air;
  const [outerA, outerB] = pelvisShape.outerSemiAxesMm;
  const [innerA, innerB] = pelvisShape.innerSemiAxesMm;
  const dyPelvis = yMm - pelvisShape.centreYMm;
  if (
    zMm <= layout.pelvisTopZMm &&
    inEllipse(xMm, dyPelvis, outerA, outerB) &&
    !inEllipse(xMm, dyPelvis, innerA, innerB)
  ) {
    if (dyPelvis < 0 && Math.abs(xMm) < pelvisShape.symphysisHalfWidthMm) return tissueLabels.softTissue;
    return pelvicBoneAt(xMm, yMm).bone === 'sacrum' ? tissueLabels.sacrum : tissueLabels.pelvis;
  }
  const spine = spineTissueAt(xMm, yMm, zMm, layout);
  if (spine !== null) return spine;

  const bladderDz = zMm - layout.bladder.centreZMm;
  const bladder = bladderShape;
  if (
    inEllipsoid(
      xMm,
      yMm - bladder.centreYMm,
      bladderDz,
      bladder.semiAxisXMm,
      bladder.semiAxisYMm,
      layout.bladder.semiAxisZMm,
    )
  ) {
    return tissueLabels.urine;
  }
  const kidney = kidneyShape;
  const kidneyDx = Math.abs(xMm) - kidney.centreAbsXMm;
  const kidneyDy = yMm - kidney.centreYMm;
  const kidneyDz = zMm - layout.kidney.centreZMm;
  if (inEllipsoid(kidneyDx, kidneyDy, kidneyDz, kidney.semiAxisXMm, kidney.semiAxisYMm, layout.kidney.semiAxisZMm)) {
    const [pa, pb] = kidney.pelvisSemiAxesMm;
    const pc = kidney.pelvisSemiAxisZFractionOfKidney * layout.kidney.semiAxisZMm;
    return inEllipsoid(kidneyDx + kidney.pelvisMedialShiftMm, kidneyDy, kidneyDz, pa, pb, pc)
      ? tissueLabels.urine
      : tissueLabels.kidney;
  }
  const liverDistance =
    ((xMm - liverShape.centreXMm) / liverShape.semiAxisXMm) ** 2 +
    ((yMm - liverShape.centreYMm) / liverShape.semiAxisYMm) ** 2 +
    ((zMm - layout.liver.centreZMm) / layout.liver.semiAxisZMm) ** 2;
  if (liverDistance <= 1) return tissueLabels.liver;
  if (
    zMm >= layout.lungBaseZMm &&
    zMm <= layout.lungTopZMm &&
    inEllipse(
      Math.abs(xMm) - lungShape.centreAbsXMm,
      yMm - lungShape.centreYMm,
      lungShape.semiAxisXMm,
      lungShape.semiAxisYMm,
    )
  ) {
    return tissueLabels.lung;
  }
  return tissueLabels.softTissue;
}

/** The tissue label volume (x fastest), labelled by voxel centre. */
export function tissueLabelVolume(geometry: PhantomGeometry): Uint8Array {
  const [nx, ny, nz] = geometry.dimensions;
  const [sx, sy, sz] = geometry.spacingMm;
  const [x0, y0, z0] = geometry.originMm;
  const layout = axialLayout(geometry);
  const labels = new Uint8Array(nx * ny * nz);
  for (let k = 0; k < nz; k++)
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++)
        labels[i + nx * (j + ny * k)] = tissueAt(x0 + i * sx, y0 + j * sy, z0 + k * sz, layout);
  return labels;
}
