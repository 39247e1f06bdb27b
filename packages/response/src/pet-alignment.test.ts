import { caughtBonemetError } from '@bonemet/core/testing';
import { describe, expect, it } from 'vitest';
import { alignPetStudies, applyRigidTransform, euclideanDistanceMap, rotationFromDegrees } from './pet-alignment.js';
import { imageStudy, placeInPose, testGrid, type TestPose } from './test-support/pet-study-volumes.js';

const lesions = [
  { centreMm: [40, -20, 0] as const, radiusMm: 10, suvbw: 8 },
  { centreMm: [-60, 20, -60] as const, radiusMm: 8, suvbw: 6 },
];
const earlierPose: TestPose = { translationMm: [0, 0, 0], rotationDeg: 0 };
// The later study: the patient lies 12 mm to the left, 8 mm anterior, 20 mm towards the head, turned 2.5°.
const laterPose: TestPose = { translationMm: [12, -8, 20], rotationDeg: 2.5 };
// Reference points spread over the body: spine, pelvic ring, shoulder block, liver, soft tissue.
const checkPoints = [
  [0, 40, 0],
  [80, 10, -60],
  [-55, 37, 45],
  [-50, -10, 20],
  [60, -40, 30],
] as const;

function expectRecovers(found: ReturnType<typeof alignPetStudies>, toleranceMm: number): void {
  // Hand-known answer: a point p of the patient lies at placeInPose(p, later) in the later study and at p in
  // the earlier one, so the later → earlier map must send the first to the second.
  for (const point of checkPoints) {
    const mapped = applyRigidTransform(found.transform, placeInPose(point, laterPose));
    expect(Math.hypot(mapped[0] - point[0], mapped[1] - point[1], mapped[2] - point[2])).toBeLessThan(toleranceMm);
  }
  // Later → earlier undoes the 2.5° turn: −2.5° about the long axis, none about the others.
  expect(found.rotationDeg[2]).toBeCloseTo(-2.5, 0);
  expect(Math.abs(found.rotationDeg[0])).toBeLessThan(0.75);
  expect(Math.abs(found.rotationDeg[1])).toBeLessThan(0.75);
}

describe('alignPetStudies', () => {
  const earlier = imageStudy(earlierPose, lesions);
  const later = imageStudy(laterPose, lesions);

  it('recovers a known translation and rotation from the CT bone', () => {
    const found = alignPetStudies(earlier, later);
    expect(found.method).toBe('ct-bone');
    expectRecovers(found, 1);
    expect(found.residualMm).toBeLessThan(found.residualBeforeMm);
    expect(found.residualMm).toBeLessThan(2.5);
    expect(found.overlapFraction).toBeGreaterThan(0.8);
  }, 30_000);

  it('recovers it from the PET body and organ outlines when there is no CT', () => {
    const found = alignPetStudies({ pet: earlier.pet }, { pet: later.pet });
    expect(found.method).toBe('pet-body-outline');
    expectRecovers(found, 1);
  }, 30_000);

  it('uses the PET when only one study has a CT, and says so', () => {
    const found = alignPetStudies(earlier, { pet: later.pet });
    expect(found.method).toBe('pet-body-outline');
    expect(found.notes.join(' ')).toMatch(/only one study has a CT/);
  }, 30_000);

  it('finds no motion between two images of the same position', () => {
    const found = alignPetStudies(earlier, imageStudy(earlierPose, lesions));
    for (const point of checkPoints) {
      const mapped = applyRigidTransform(found.transform, point);
      expect(Math.hypot(mapped[0] - point[0], mapped[1] - point[1], mapped[2] - point[2])).toBeLessThan(1);
    }
    expect(found.residualMm).toBeLessThan(0.5);
  }, 30_000);

  it('refuses an empty image with a typed error', () => {
    const empty = { ...testGrid, voxels: new Float32Array(earlier.pet.voxels.length) };
    const error = caughtBonemetError(() => alignPetStudies({ pet: earlier.pet }, { pet: empty }));
    expect(error.code).toBe('missing_data');
    expect(error.issues[0]?.path).toEqual(['later', 'pet']);
  }, 30_000);

  it('refuses a volume whose values do not fill its grid', () => {
    const short = { ...testGrid, voxels: new Float32Array(10) };
    expect(caughtBonemetError(() => alignPetStudies({ pet: short }, { pet: later.pet })).code).toBe('invalid_input');
  }, 30_000);
});

describe('euclideanDistanceMap', () => {
  it('gives the distance to the nearest site along a line (spacing 2 mm: 4, 2, 0, 2, 4)', () => {
    const sites = Uint8Array.from([0, 0, 1, 0, 0]);
    expect([...euclideanDistanceMap(sites, [5, 1, 1], [2, 1, 1])]).toEqual([4, 2, 0, 2, 4]);
  }, 30_000);

  it('uses the voxel size of each axis: √(1² + 2² + 3²) mm from (0,0,0) to (1,1,1) at 1 × 2 × 3 mm', () => {
    const sites = new Uint8Array(8);
    sites[0] = 1;
    const distance = euclideanDistanceMap(sites, [2, 2, 2], [1, 2, 3]);
    expect(distance[7]).toBeCloseTo(Math.sqrt(14), 5);
    expect(distance[6]).toBeCloseTo(Math.sqrt(4 + 9), 5); // (0,1,1)
    expect(distance[1]).toBeCloseTo(1, 5); // (1,0,0)
  }, 30_000);
});

describe('rotationFromDegrees', () => {
  it('turns +x towards +y for a positive angle about z', () => {
    const rotation = rotationFromDegrees([0, 0, 90]);
    const turned = applyRigidTransform({ rotation, translationMm: [0, 0, 0] }, [1, 0, 0]);
    expect(turned[0]).toBeCloseTo(0, 12);
    expect(turned[1]).toBeCloseTo(1, 12);
  }, 30_000);
});
