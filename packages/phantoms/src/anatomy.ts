/**
 * The phantom's anatomy as analytic shapes in patient coordinates (DICOM LPS, mm: +x patient left,
 * +y posterior, +z head), painted into a tissue label volume by voxel centre. Transverse sizes are those
 * of an adult torso; axial positions are fractions of the scanned length so that every matrix, from a
 * small test volume to a whole-body scan, holds liver, spine and pelvis.
 */
import { BonemetError } from '@bonemet/core';
import type { Dimensions3 } from './gaussian-blur.js';

export const tissueLabels = Object.freeze({ air: 0, softTissue: 1, liver: 2, spine: 3, pelvis: 4 } as const);
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
/** Vertebral bodies: a posterior cylinder cut by intervertebral discs (soft tissue) at a fixed pitch. */
export const spineShape = Object.freeze({ centreYMm: 50, radiusMm: 20, pitchMm: 30, discMm: 5 });
/** Pelvic ring: an elliptical annulus in the lowest part of the scanned length. */
export const pelvisShape = Object.freeze({
  centreYMm: 20,
  outerSemiAxesMm: [135, 85] as const,
  innerSemiAxesMm: [105, 55] as const,
  topFraction: 0.28,
});
/** Liver: an ellipsoid in the patient's right upper abdomen (−x), semi-axis along z a fraction of the length. */
export const liverShape = Object.freeze({
  centreXMm: -80,
  centreYMm: -15,
  semiAxisXMm: 75,
  semiAxisYMm: 65,
  centreFraction: 0.8,
  semiAxisZFraction: 0.25,
  semiAxisZMaxMm: 100,
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

/** Liver ellipsoid centre z and semi-axis along z, mm. */
export function liverAxialExtent(geometry: PhantomGeometry): { centreZMm: number; semiAxisZMm: number } {
  const lengthMm = (geometry.dimensions[2] - 1) * geometry.spacingMm[2];
  const bottomMm = geometry.originMm[2];
  return {
    centreZMm: bottomMm + liverShape.centreFraction * lengthMm,
    semiAxisZMm: Math.min(liverShape.semiAxisZMaxMm, liverShape.semiAxisZFraction * lengthMm),
  };
}

/** Tissue label at a point (LPS mm). Later shapes take precedence: torso, liver, spine, pelvis. */
export function tissueAt(xMm: number, yMm: number, zMm: number, geometry: PhantomGeometry): TissueLabel {
  const inEllipse = (dx: number, dy: number, a: number, b: number): boolean => (dx / a) ** 2 + (dy / b) ** 2 <= 1;
  if (!inEllipse(xMm, yMm, torsoShape.semiAxisXMm, torsoShape.semiAxisYMm)) return tissueLabels.air;
  const lengthMm = (geometry.dimensions[2] - 1) * geometry.spacingMm[2];
  const fromBottomMm = zMm - geometry.originMm[2];
  const [outerA, outerB] = pelvisShape.outerSemiAxesMm;
  const [innerA, innerB] = pelvisShape.innerSemiAxesMm;
  const dyPelvis = yMm - pelvisShape.centreYMm;
  if (
    fromBottomMm <= pelvisShape.topFraction * lengthMm &&
    inEllipse(xMm, dyPelvis, outerA, outerB) &&
    !inEllipse(xMm, dyPelvis, innerA, innerB)
  ) {
    return tissueLabels.pelvis;
  }
  const inSpineColumn = Math.hypot(xMm, yMm - spineShape.centreYMm) <= spineShape.radiusMm;
  if (inSpineColumn) {
    const phaseMm = ((fromBottomMm % spineShape.pitchMm) + spineShape.pitchMm) % spineShape.pitchMm;
    return phaseMm < spineShape.discMm ? tissueLabels.softTissue : tissueLabels.spine;
  }
  const liver = liverAxialExtent(geometry);
  const liverDistance =
    ((xMm - liverShape.centreXMm) / liverShape.semiAxisXMm) ** 2 +
    ((yMm - liverShape.centreYMm) / liverShape.semiAxisYMm) ** 2 +
    ((zMm - liver.centreZMm) / liver.semiAxisZMm) ** 2;
  return liverDistance <= 1 ? tissueLabels.liver : tissueLabels.softTissue;
}

/** The tissue label volume (x fastest), labelled by voxel centre. */
export function tissueLabelVolume(geometry: PhantomGeometry): Uint8Array {
  const [nx, ny, nz] = geometry.dimensions;
  const [sx, sy, sz] = geometry.spacingMm;
  const [x0, y0, z0] = geometry.originMm;
  const labels = new Uint8Array(nx * ny * nz);
  for (let k = 0; k < nz; k++)
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++)
        labels[i + nx * (j + ny * k)] = tissueAt(x0 + i * sx, y0 + j * sy, z0 + k * sz, geometry);
  return labels;
}
