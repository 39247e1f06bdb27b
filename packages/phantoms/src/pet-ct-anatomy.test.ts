/**
 * The anatomy-dependent PET rules (CT-guided liver sphere, automatic physiological exclusion, skeletal
 * region per lesion; @bonemet/pet) checked against the phantom's ground truth: its tissue labels, organ
 * shapes (anatomy.ts) and the skeletal location of each osseous lesion.
 */
import { quantifyLesions, selectReference, type CtImage, type PetImage } from '@bonemet/pet';
import { describe, expect, it } from 'vitest';
import { axialLayout, kidneyShape, liverShape } from './anatomy.js';
import { generatePetCtPhantom, type PetCtPhantom } from './pet-ct-phantom.js';
import type { PetCtPhantomOptionsInput } from './phantom-options.js';

const identity = [
  [1, 0, 0],
  [0, 1, 0],
  [0, 0, 1],
] as const;

function images(phantom: PetCtPhantom): { pet: PetImage; ct: CtImage } {
  const grid = {
    dimensions: phantom.geometry.dimensions,
    spacingMm: phantom.geometry.spacingMm,
    originMm: phantom.geometry.originMm,
    directions: identity,
  };
  return {
    pet: { ...grid, voxels: Float32Array.from(phantom.petBqMl, (v) => v / phantom.truth.bqMlPerSuvbw) },
    ct: { ...grid, voxels: Float32Array.from(phantom.ctHu) },
  };
}

const distance = (a: readonly number[], b: readonly number[]): number =>
  Math.hypot((a[0] ?? 0) - (b[0] ?? 0), (a[1] ?? 0) - (b[1] ?? 0), (a[2] ?? 0) - (b[2] ?? 0));

const osseousLesions: PetCtPhantomOptionsInput['osseousLesions'] = [
  { site: 'spine', diameterMm: 12, suvbw: 8, ctAppearance: 'lytic' },
  { site: 'spine', diameterMm: 14, suvbw: 5, ctAppearance: 'blastic' },
  { site: 'spine', diameterMm: 12, suvbw: 6, ctAppearance: 'blastic' },
  { site: 'pelvis', diameterMm: 16, suvbw: 10, ctAppearance: 'lytic' },
  { site: 'pelvis', diameterMm: 12, suvbw: 6, ctAppearance: 'blastic' },
  { site: 'sacrum', diameterMm: 12, suvbw: 7, ctAppearance: 'lytic' },
];

const cases: readonly { readonly name: string; readonly options: PetCtPhantomOptionsInput }[] = [
  { name: '96 × 96 × 48 voxels of 4 mm', options: { seed: 11 } },
  {
    name: '96 × 96 × 100 voxels of 4 × 4 × 3 mm',
    options: { seed: 4, dimensions: [96, 96, 100], spacingMm: [4, 4, 3] },
  },
];

describe.each(cases)('PET/CT phantom $name', ({ options }) => {
  const phantom = generatePetCtPhantom({ ...options, osseousLesions });
  const { pet, ct } = images(phantom);
  const result = quantifyLesions({ pet, ct }, { threshold: { kind: 'percist' } });
  const layout = axialLayout(phantom.geometry);

  it('names the bone of every osseous lesion as the ground truth does (vertebral level, pelvic bone and side)', () => {
    const osseous = phantom.truth.lesions.filter((lesion) => lesion.kind === 'osseous');
    expect(osseous).toHaveLength(6);
    for (const truth of osseous) {
      const found = result.lesions.find((lesion) => distance(lesion.centroidMm, truth.centreMm) <= 8);
      expect(found, `lesion at ${truth.centreMm.join(', ')}`).toBeDefined();
      expect(found?.skeletalRegion?.location, `lesion at ${truth.centreMm.join(', ')}`).toEqual(truth.skeletalLocation);
      expect(found?.skeletalRegion?.relation).toBe('overlaps');
    }
  });

  it('places the liver sphere from the CT, wholly inside the liver ellipsoid of the truth', () => {
    const liver = result.reference?.used;
    expect(liver?.placement).toBe('automatic-from-ct');
    const [cx, cy, cz] = liver?.centreMm ?? [Number.NaN, Number.NaN, Number.NaN];
    // Every point of the 15 mm radius sphere is inside the ellipsoid when the centre is inside the
    // ellipsoid shrunk by 15 mm on each semi-axis (a sufficient condition for an ellipsoid).
    const shrunk = [liverShape.semiAxisXMm - 15, liverShape.semiAxisYMm - 15, layout.liver.semiAxisZMm - 15];
    const inside =
      ((cx - liverShape.centreXMm) / (shrunk[0] ?? 1)) ** 2 +
      ((cy - liverShape.centreYMm) / (shrunk[1] ?? 1)) ** 2 +
      ((cz - layout.liver.centreZMm) / (shrunk[2] ?? 1)) ** 2;
    expect(inside).toBeLessThanOrEqual(1);
    expect(liver?.suvbwMean).toBeCloseTo(phantom.truth.tissues.liverSuvbw, 4);
  });

  it('excludes the bladder and both kidneys (renal pelvis urine, SUVbw 20) and keeps every osseous lesion', () => {
    const excluded = result.excludedPhysiological;
    const bladder = excluded.filter((region) => region.organ === 'bladder');
    expect(bladder).toHaveLength(1);
    // The bladder is centred on the midline at y = −5 mm and z = its layout centre.
    expect(distance(bladder[0]?.centroidMm ?? [], [0, -5, layout.bladder.centreZMm])).toBeLessThan(4);
    const kidneys = excluded.filter((region) => region.organ === 'kidney');
    expect(kidneys).toHaveLength(2);
    // Renal pelvis centres: x = ±(75 − 8) mm, y = 55 mm, z = kidney centre.
    const pelvisX = kidneyShape.centreAbsXMm - kidneyShape.pelvisMedialShiftMm;
    for (const side of [-1, 1]) {
      const centre = [side * pelvisX, kidneyShape.centreYMm, layout.kidney.centreZMm];
      expect(kidneys.some((region) => distance(region.centroidMm, centre) < 4)).toBe(true);
    }
    for (const region of excluded) expect(region.rule.length).toBeGreaterThan(10);
    for (const truth of phantom.truth.lesions.filter((lesion) => lesion.kind === 'osseous')) {
      expect(excluded.some((region) => distance(region.centroidMm, truth.centreMm) <= 8)).toBe(false);
    }
    // No hot sphere in soft tissue is taken for an organ here: every 8:1 sphere of 17 mm or more is listed.
    for (const sphere of phantom.truth.lesions.filter((l) => l.contrast === 8 && l.diameterMm >= 17)) {
      expect(result.lesions.some((lesion) => distance(lesion.centroidMm, sphere.centreMm) <= 4)).toBe(true);
    }
  });
});

describe('a long phantom with a head (160 slices of 4 mm)', () => {
  const phantom = generatePetCtPhantom({
    seed: 7,
    dimensions: [84, 64, 160],
    spacingMm: [4.4, 4.4, 4],
    hotSphereDiametersMm: [22],
    hotSphereContrasts: [8],
  });
  const { pet, ct } = images(phantom);
  const result = quantifyLesions({ pet, ct }, { threshold: { kind: 'percist' } });

  it('excludes the brain (SUVbw 8 inside the skull) as physiological', () => {
    const layout = axialLayout(phantom.geometry);
    const brain = result.excludedPhysiological.filter((region) => region.organ === 'brain');
    expect(brain).toHaveLength(1);
    expect(Math.abs((brain[0]?.centroidMm[2] ?? 0) - (layout.skullCentreZMm ?? Number.NaN))).toBeLessThan(4);
    expect(result.lesions.every((lesion) => lesion.centroidMm[2] < layout.trunkTopZMm)).toBe(true);
  });
});

describe('CT-guided versus PET-only liver placement', () => {
  // A homogeneous 44 mm sphere of SUVbw 3 (contrast 3 over a background of 1) in soft tissue: a
  // right-sided homogeneous mass with a mean in the liver range (1–4) and higher than the liver (2.2),
  // which the PET-only method prefers (its documented limit). Seed 14 puts it on the patient right, below
  // the liver; spheres are placed in soft tissue with an 8 mm margin, so it is outside the liver.
  const phantom = generatePetCtPhantom({
    seed: 14,
    dimensions: [96, 96, 80],
    hotSphereDiametersMm: [44],
    hotSphereContrasts: [3],
    osseousLesions: [],
  });
  const mass = phantom.truth.lesions[0];
  const { pet, ct } = images(phantom);

  it('the mass is on the patient right (precondition of this case)', () => {
    expect(mass?.centreMm[0]).toBeLessThan(-30);
  });

  it('the PET-only method picks the mass; the CT-guided one picks the liver', () => {
    const petOnly = selectReference(pet, {});
    expect(petOnly.used?.placement).toBe('automatic-from-pet');
    // Its centre lies within the 22 mm radius of the mass.
    expect(distance(petOnly.used?.centreMm ?? [], mass?.centreMm ?? [])).toBeLessThanOrEqual(22);
    expect(petOnly.used?.suvbwMean).toBeGreaterThan(2.5);
    const guided = quantifyLesions({ pet, ct }, { threshold: { kind: 'percist' } }).reference?.used;
    expect(guided?.placement).toBe('automatic-from-ct');
    expect(guided?.suvbwMean).toBeCloseTo(2.2, 4);
  });
});

describe('a blurred, noisy whole-body phantom with a head (6 mm FWHM, 10% noise, 640 mm)', () => {
  // At this resolution the brain region (true SUVbw 8) spills into the inner table of the skull: some of
  // its voxels are skull voxels on the CT. The brain must still be excluded, and no lesion called skull.
  const phantom = generatePetCtPhantom({
    seed: 7,
    dimensions: [84, 64, 160],
    spacingMm: [4.4, 4.4, 4],
    blurFwhmMm: 6,
    noiseCv: 0.1,
    hotSphereDiametersMm: [22],
    hotSphereContrasts: [8],
    osseousLesions: [
      { site: 'spine', diameterMm: 14, suvbw: 8, ctAppearance: 'lytic' },
      { site: 'pelvis', diameterMm: 16, suvbw: 10, ctAppearance: 'blastic' },
      { site: 'sacrum', diameterMm: 14, suvbw: 8, ctAppearance: 'lytic' },
    ],
  });
  const { pet, ct } = images(phantom);
  const result = quantifyLesions({ pet, ct }, { threshold: { kind: 'percist' } });
  const layout = axialLayout(phantom.geometry);

  it('excludes the brain, centred on the skull centre of the truth, with the cranial-cavity rule', () => {
    const brain = result.excludedPhysiological.filter((region) => region.organ === 'brain');
    expect(brain).toHaveLength(1);
    // The brain ellipsoid is centred at x = 0, y = 10 mm (headShape.skullCentreYMm), z = the skull centre.
    expect(distance(brain[0]?.centroidMm ?? [], [0, 10, layout.skullCentreZMm ?? Number.NaN])).toBeLessThan(4);
    expect(brain[0]?.rule).toContain('cranial cavity');
    expect(brain[0]?.rule).toContain('not osseous');
  });

  it('keeps every osseous lesion with the bone of the truth, and calls no lesion skull', () => {
    const osseous = phantom.truth.lesions.filter((lesion) => lesion.kind === 'osseous');
    expect(osseous).toHaveLength(3);
    for (const truth of osseous) {
      const found = result.lesions.find((lesion) => distance(lesion.centroidMm, truth.centreMm) <= 8);
      expect(found, `lesion at ${truth.centreMm.join(', ')}`).toBeDefined();
      expect(found?.skeletalRegion?.location).toEqual(truth.skeletalLocation);
      expect(found?.osseous?.isOsseous).toBe(true);
    }
    expect(result.lesions.some((lesion) => lesion.skeletalRegion?.location?.bone === 'skull')).toBe(false);
    expect(result.lesions.every((lesion) => lesion.centroidMm[2] < layout.trunkTopZMm)).toBe(true);
  });
});
