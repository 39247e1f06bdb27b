/**
 * A small synthetic PET/CT patient for the alignment and tracking tests, drawn analytically in a reference
 * frame and imaged in a chosen table position: scanner = Rz(rotationDeg) · reference + translationMm.
 *
 * Reference anatomy (LPS mm): an elliptical body (semi-axes 120 × 80 mm) from z = −80 to +72; a spinal column
 * (cylinder, radius 15 mm, centre y = 40) from z = −60 to +60; a pelvic ring (elliptical annulus, outer 90 × 55,
 * inner 70 × 35 mm, centre y = 10) for z −78 to −40; a shoulder block (x −70..−40, y 25..50, z 30..60), which
 * makes the skeleton asymmetric; a liver ellipsoid (centre −50, −10, 20; semi-axes 35, 30, 25 mm).
 * PET SUVbw: body 1, liver 2.2, bone marrow 1.5, lesions as given; CT: body 40 HU, bone 500 HU, air −1000 HU.
 */
import type { PlacedVolume, Triple } from '@bonemet/imaging';

export interface TestLesion {
  readonly centreMm: Triple;
  readonly radiusMm: number;
  readonly suvbw: number;
}

export interface TestPose {
  readonly translationMm: Triple;
  readonly rotationDeg: number;
}

export const testGrid = {
  dimensions: [80, 64, 44] as const,
  spacingMm: [4, 4, 4] as const,
  originMm: [-158, -126, -86] as const,
  directions: [
    [1, 0, 0],
    [0, 1, 0],
    [0, 0, 1],
  ] as const,
};

function rotateZ(point: Triple, degrees: number): Triple {
  const a = (degrees * Math.PI) / 180;
  return [Math.cos(a) * point[0] - Math.sin(a) * point[1], Math.sin(a) * point[0] + Math.cos(a) * point[1], point[2]];
}

/** Scanner position of a reference point in a pose. */
export function placeInPose(point: Triple, pose: TestPose): Triple {
  const r = rotateZ(point, pose.rotationDeg);
  return [r[0] + pose.translationMm[0], r[1] + pose.translationMm[1], r[2] + pose.translationMm[2]];
}

type Tissue = 'air' | 'body' | 'bone' | 'liver';

function tissueAt(x: number, y: number, z: number): Tissue {
  if (z < -80 || z > 72 || (x / 120) ** 2 + (y / 80) ** 2 > 1) return 'air';
  if (z >= -60 && z <= 60 && x ** 2 + (y - 40) ** 2 <= 15 ** 2) return 'bone';
  const dy = y - 10;
  if (z >= -78 && z <= -40 && (x / 90) ** 2 + (dy / 55) ** 2 <= 1 && (x / 70) ** 2 + (dy / 35) ** 2 > 1) return 'bone';
  if (x >= -70 && x <= -40 && y >= 25 && y <= 50 && z >= 30 && z <= 60) return 'bone';
  if (((x + 50) / 35) ** 2 + ((y + 10) / 30) ** 2 + ((z - 20) / 25) ** 2 <= 1) return 'liver';
  return 'body';
}

const suvOf: Readonly<Record<Tissue, number>> = { air: 0, body: 1, bone: 1.5, liver: 2.2 };
const huOf: Readonly<Record<Tissue, number>> = { air: -1000, body: 40, bone: 500, liver: 60 };

/** The PET (SUVbw, with SUL ratio 0.75) and CT of the patient in `pose`, lesions in reference coordinates. */
export function imageStudy(
  pose: TestPose,
  lesions: readonly TestLesion[],
): { pet: PlacedVolume & { sul: { perSuvbw: number; formula: 'Janmahasatian' } }; ct: PlacedVolume } {
  const [nx, ny, nz] = testGrid.dimensions;
  const [sx, sy, sz] = testGrid.spacingMm;
  const [x0, y0, z0] = testGrid.originMm;
  const pet = new Float32Array(nx * ny * nz);
  const ct = new Float32Array(nx * ny * nz);
  for (let k = 0; k < nz; k++)
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++) {
        // Reference point of this scanner voxel: Rz(−θ)·(x − t).
        const p = rotateZ(
          [
            x0 + i * sx - pose.translationMm[0],
            y0 + j * sy - pose.translationMm[1],
            z0 + k * sz - pose.translationMm[2],
          ],
          -pose.rotationDeg,
        );
        const tissue = tissueAt(p[0], p[1], p[2]);
        const n = i + nx * (j + ny * k);
        pet[n] = suvOf[tissue];
        ct[n] = huOf[tissue];
        for (const lesion of lesions) {
          const d = Math.hypot(p[0] - lesion.centreMm[0], p[1] - lesion.centreMm[1], p[2] - lesion.centreMm[2]);
          if (d <= lesion.radiusMm) pet[n] = lesion.suvbw;
        }
      }
  return {
    pet: { ...testGrid, voxels: pet, sul: { perSuvbw: 0.75, formula: 'Janmahasatian' } },
    ct: { ...testGrid, voxels: ct },
  };
}

/** Liver reference centre in the scanner coordinates of `pose`. */
export function liverCentreInPose(pose: TestPose): Triple {
  return placeInPose([-50, -10, 20], pose);
}
