/**
 * PERCIST normal-tissue reference regions (Wahl 2009; reference-note items marked secondary there):
 * - liver: a 3 cm diameter sphere in the right hepatic lobe (Tahari 2014 measured liver SUL the same way);
 *   measurability threshold 1.5 × SULmean + 2 × SD;
 * - blood pool, when the liver is abnormal: a 1 cm diameter × 2 cm long cylinder in the descending thoracic
 *   aorta; threshold 2.0 × SULmean + 2 × SD.
 * Membership: voxels whose centres lie within the shape (mm), so the centre need not be on a voxel centre.
 * The whole shape must lie inside the image; otherwise the centre is refused (`invalid_input`).
 *
 * The thresholds are computed on SUVbw and converted to SUL by the study's LBM/weight ratio: a constant
 * scale commutes with 1.5 × mean + 2 × SD, so the SUVbw threshold segments exactly the voxels the SUL
 * threshold would.
 */
import { BonemetError } from '@bonemet/core';
import { gridMmToIndex, mean, standardDeviation, voxelVolumeMl, type Triple } from '@bonemet/imaging';
import type { PetImage } from './pet-image.js';

export const liverSphereDiameterMm = 30;
export const bloodPoolCylinderDiameterMm = 10;
export const bloodPoolCylinderLengthMm = 20;

/** PERCIST measurability factors: threshold = meanFactor × mean + 2 × SD. */
export const percistMeanFactor = { liver: 1.5, 'blood-pool': 2.0 } as const;

export type ReferenceKind = 'liver' | 'blood-pool';

export interface ReferenceRegion {
  readonly kind: ReferenceKind;
  /** How the centre was found: given, automatic from the PET alone, or automatic within the liver on the CT. */
  readonly placement: 'given' | 'automatic-from-pet' | 'automatic-from-ct';
  readonly shape: string;
  readonly centreMm: Triple;
  readonly voxelCount: number;
  readonly volumeMl: number;
  readonly suvbwMean: number;
  /** Sample SD (n − 1). */
  readonly suvbwSd: number;
  /** SUL mean and SD when the image carries an SUL conversion, else null. */
  readonly sulMean: number | null;
  readonly sulSd: number | null;
  readonly coefficientOfVariation: number;
  /** PERCIST measurability threshold (meanFactor × mean + 2 × SD). */
  readonly percistThresholdSuvbw: number;
  readonly percistThresholdSul: number | null;
}

function refuse(message: string, path: string): BonemetError {
  return new BonemetError('invalid_input', message, { issues: [{ path: [path], message }] });
}

/**
 * Linear indices of the voxels whose centres satisfy `inside(dx, dy, dz)` (offsets in mm along i, j, k
 * from `centreMm`), with `reach` the half-extent in mm along each axis. Refuses a centre outside the image
 * or a shape that does not fit.
 */
function voxelsOfShape(
  image: PetImage,
  centreMm: Triple,
  reachMm: Triple,
  inside: (di: number, dj: number, dk: number) => boolean,
  path: string,
): Uint32Array {
  const [nx, ny, nz] = image.dimensions;
  if (!centreMm.every(Number.isFinite)) throw refuse(`${path}: the centre is not three finite numbers`, path);
  const c = gridMmToIndex(image, centreMm);
  if (c.some((value, axis) => value < -0.5 || value > (image.dimensions[axis] ?? 0) - 0.5)) {
    throw refuse(`${path}: centre (${centreMm.join(', ')}) mm is outside the image`, path);
  }
  const lo = c.map((value, axis) => Math.ceil(value - (reachMm[axis] ?? 0) / (image.spacingMm[axis] ?? 1) - 1e-9));
  const hi = c.map((value, axis) => Math.floor(value + (reachMm[axis] ?? 0) / (image.spacingMm[axis] ?? 1) + 1e-9));
  if (lo.some((v) => v < 0) || (hi[0] ?? 0) >= nx || (hi[1] ?? 0) >= ny || (hi[2] ?? 0) >= nz) {
    throw refuse(`${path}: the region around (${centreMm.join(', ')}) mm extends beyond the image`, path);
  }
  const [sx, sy, sz] = image.spacingMm;
  const [loI, loJ, loK] = [lo[0] ?? 0, lo[1] ?? 0, lo[2] ?? 0];
  const [hiI, hiJ, hiK] = [hi[0] ?? -1, hi[1] ?? -1, hi[2] ?? -1];
  // At most the whole box; the automatic liver search measures thousands of spheres, so no growing array.
  const out = new Uint32Array(Math.max(0, (hiI - loI + 1) * (hiJ - loJ + 1) * (hiK - loK + 1)));
  let count = 0;
  for (let k = loK; k <= hiK; k++) {
    for (let j = loJ; j <= hiJ; j++) {
      for (let i = loI; i <= hiI; i++) {
        if (inside((i - c[0]) * sx, (j - c[1]) * sy, (k - c[2]) * sz)) out[count++] = i + nx * (j + ny * k);
      }
    }
  }
  return out.slice(0, count);
}

/** Fewest voxels accepted in a reference region: below this its SD means little. */
export const minimumReferenceVoxels = 10;

function summarise(
  image: PetImage,
  kind: ReferenceKind,
  placement: ReferenceRegion['placement'],
  shape: string,
  centreMm: Triple,
  voxels: Uint32Array,
  path: string,
): ReferenceRegion {
  if (voxels.length < minimumReferenceVoxels) {
    throw new BonemetError(
      'invalid_input',
      `${path}: only ${voxels.length} voxels in the ${shape}; at least ${minimumReferenceVoxels} are needed (voxels too coarse)`,
      { issues: [{ path: [path], message: 'too few voxels in the reference region' }] },
    );
  }
  const values = new Float64Array(voxels.length);
  for (let v = 0; v < voxels.length; v++) values[v] = image.voxels[voxels[v] ?? 0] ?? Number.NaN;
  const suvbwMean = mean(values);
  const suvbwSd = standardDeviation(values, 'sample');
  const threshold = percistMeanFactor[kind] * suvbwMean + 2 * suvbwSd;
  const ratio = image.sul?.perSuvbw;
  return {
    kind,
    placement,
    shape,
    centreMm,
    voxelCount: voxels.length,
    volumeMl: voxels.length * voxelVolumeMl(image),
    suvbwMean,
    suvbwSd,
    sulMean: ratio === undefined ? null : suvbwMean * ratio,
    sulSd: ratio === undefined ? null : suvbwSd * ratio,
    coefficientOfVariation: suvbwSd / suvbwMean,
    percistThresholdSuvbw: threshold,
    percistThresholdSul: ratio === undefined ? null : threshold * ratio,
  };
}

/** Voxels of the 3 cm liver sphere at `centreMm` (patient mm). */
export function liverSphereVoxels(image: PetImage, centreMm: Triple): Uint32Array {
  const r = liverSphereDiameterMm / 2;
  const r2 = r * r * (1 + 1e-9);
  return voxelsOfShape(image, centreMm, [r, r, r], (a, b, c) => a * a + b * b + c * c <= r2, 'liverCentreMm');
}

/** Liver reference: the 3 cm sphere at a given centre. */
export function liverReferenceAt(
  image: PetImage,
  centreMm: Triple,
  placement: ReferenceRegion['placement'] = 'given',
): ReferenceRegion {
  const voxels = liverSphereVoxels(image, centreMm);
  return summarise(image, 'liver', placement, '30 mm diameter sphere', centreMm, voxels, 'liverCentreMm');
}

/**
 * Blood-pool reference: a 10 mm diameter, 20 mm long cylinder centred at `centreMm`, its axis along the
 * image's slice normal (k). For axial acquisitions that is the body axis, along which the descending
 * aorta runs; the caller places the centre in the aortic lumen.
 */
export function bloodPoolReferenceAt(image: PetImage, centreMm: Triple): ReferenceRegion {
  const radius = bloodPoolCylinderDiameterMm / 2;
  const half = bloodPoolCylinderLengthMm / 2;
  const r2 = radius * radius * (1 + 1e-9);
  const voxels = voxelsOfShape(
    image,
    centreMm,
    [radius, radius, half],
    (a, b, c) => a * a + b * b <= r2 && Math.abs(c) <= half * (1 + 1e-9),
    'bloodPoolCentreMm',
  );
  return summarise(
    image,
    'blood-pool',
    'given',
    '10 mm diameter × 20 mm cylinder along the slice normal',
    centreMm,
    voxels,
    'bloodPoolCentreMm',
  );
}
