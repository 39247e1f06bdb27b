/**
 * Chooses the PERCIST reference: the liver sphere (given centre, or automatic placement: within the liver
 * found on the CT when a CT on the PET grid is given, else from the PET alone), and
 * the blood-pool cylinder when the liver is unusable and a blood-pool centre is given. Nothing is chosen
 * silently: every step is written in `notes`.
 */
import { parseInput } from '@bonemet/core';
import { z } from 'zod';
import type { CtAnatomy } from './ct-anatomy.js';
import { findLiverSphere } from './liver-placement.js';
import { findLiverSphereWithCt } from './liver-placement-ct.js';
import { liverProblems, liverUsabilitySchema } from './liver-usability.js';
import type { CtImage } from './osseous.js';
import { validatePetImage, type PetImage } from './pet-image.js';
import { bloodPoolReferenceAt, liverReferenceAt, type ReferenceRegion } from './reference-region.js';

const pointMm = z.tuple([z.number(), z.number(), z.number()]).describe('Patient coordinates [x, y, z], mm, DICOM LPS');

export const referenceOptionsSchema = z.strictObject({
  liverCentreMm: z
    .union([pointMm, z.literal('automatic')])
    .default('automatic')
    .describe('Centre of the 3 cm liver sphere (patient mm, LPS), or "automatic" for placement from the PET'),
  bloodPoolCentreMm: pointMm
    .optional()
    .describe(
      'Centre of the blood-pool cylinder in the descending thoracic aorta (patient mm, LPS); used when the liver is unusable',
    ),
  liverUsability: liverUsabilitySchema.prefault({}).describe('Limits for a usable liver sphere'),
});

export type ReferenceOptions = z.input<typeof referenceOptionsSchema>;

export interface LiverReference extends ReferenceRegion {
  /** Why the sphere is unusable; empty when usable. */
  readonly problems: readonly string[];
}

export interface ReferenceSelection {
  readonly liver: LiverReference | null;
  readonly bloodPool: ReferenceRegion | null;
  /** The region whose PERCIST threshold applies, or null when none is usable. */
  readonly used: ReferenceRegion | null;
  readonly notes: readonly string[];
}

/** Measures the liver (and the blood pool when needed) and says which one applies. */
export function selectReference(
  image: PetImage,
  rawOptions: unknown = {},
  ctGuide?: { readonly ct: CtImage; readonly anatomy: CtAnatomy },
): ReferenceSelection {
  validatePetImage(image);
  const options = parseInput(referenceOptionsSchema, rawOptions, 'reference options');
  const notes: string[] = [];
  let liver: LiverReference | null = null;
  if (options.liverCentreMm === 'automatic') {
    let found = null;
    if (ctGuide !== undefined) {
      const guided = findLiverSphereWithCt(image, ctGuide.ct, ctGuide.anatomy, options.liverUsability);
      found = guided.placement;
      if (found === null) {
        notes.push(`CT-guided liver placement found no sphere (${guided.notes.join('; ')}): placed from the PET alone`);
      } else {
        notes.push(
          `liver sphere placed automatically within the liver found on the CT (${guided.regionVoxelCount} candidate voxels: soft tissue 0–100 HU with room for the sphere + 5 mm, right upper abdomen from 100 mm below to 50 mm above the right lung base, largest region) at (${found.region.centreMm.map((v) => v.toFixed(1)).join(', ')}) mm, the homogeneous PET sphere of highest mean among ${found.candidatesMeasured} candidates; verify on the images`,
        );
      }
    }
    found ??= findLiverSphere(image, options.liverUsability);
    if (found === null) {
      notes.push(
        'automatic liver placement found no homogeneous sphere with a mean in the liver range on the patient right; give the liver centre',
      );
    } else {
      liver = { ...found.region, problems: [] };
      if (found.region.placement === 'automatic-from-pet') {
        notes.push(
          `liver sphere placed automatically from the PET at (${found.region.centreMm.map((v) => v.toFixed(1)).join(', ')}) mm: the homogeneous sphere of highest mean among ${found.candidatesMeasured} candidate spheres on the patient right; verify on the images`,
        );
      }
    }
  } else {
    const region = liverReferenceAt(image, options.liverCentreMm, 'given');
    liver = { ...region, problems: liverProblems(region, options.liverUsability) };
  }
  if (liver !== null && liver.problems.length === 0) {
    notes.push('PERCIST threshold from the liver: 1.5 × mean + 2 × SD');
    return { liver, bloodPool: null, used: liver, notes };
  }
  if (liver !== null) notes.push(`liver sphere unusable: ${liver.problems.join('; ')}`);
  if (options.bloodPoolCentreMm === undefined) {
    notes.push('no blood-pool centre given: no PERCIST reference is available');
    return { liver, bloodPool: null, used: null, notes };
  }
  const bloodPool = bloodPoolReferenceAt(image, options.bloodPoolCentreMm);
  notes.push('blood-pool fallback (descending aorta): PERCIST threshold 2.0 × mean + 2 × SD');
  return { liver, bloodPool, used: bloodPool, notes };
}
