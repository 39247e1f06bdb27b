/**
 * The PET/CT phantom: tissue labels, true activity concentration, CT numbers, lesions and ground truth,
 * on one axial grid shared by PET and CT (same Frame of Reference, as after PET/CT co-registration).
 *
 * Model, in order:
 * 1. Tissues by voxel centre (anatomy.ts): soft tissue, lungs, liver, kidneys with their urine-filled
 *    collecting systems, urinary bladder, spine, sacrum, pelvic ring, and skull and brain in a long volume
 *    (bone: marrow uptake on PET, bone HU on CT); uptake and CT numbers per tissue in phantom-options.ts.
 * 2. Hot spheres in soft tissue (every diameter at every contrast) and osseous lesions inside bone, each
 *    centred on a voxel centre chosen by the seeded generator, with partial volume: a voxel that the
 *    sphere surface crosses takes the volume fraction f of the sphere (5×5×5 sub-samples) and
 *    value = (1 − f)·surrounding + f·lesion, on PET and CT alike. Spheres keep a margin of soft tissue
 *    (≥ 8 mm, ≥ 1.5 FWHM, ≥ 2 voxels) from every other structure and from the ends of the volume.
 * 3. PET blur: isotropic Gaussian of the given FWHM (gaussian-blur.ts).
 * 4. PET noise: white Gaussian, SD = cv·sqrt(c·c_background) at blurred concentration c, so the
 *    coefficient of variation is cv in the background and falls as 1/sqrt(c) in hotter regions, as
 *    count statistics do; values are clipped at 0 (OSEM images are non-negative).
 * 5. CT noise: white Gaussian of the given SD in HU; HU rounded to integers.
 * Activity concentrations are decay-corrected to the scan start (the series' decay reference time).
 */
import { BonemetError, parseInput, type SkeletalLocation } from '@bonemet/core';
import { leanBodyMassJanmahasatianKg } from '@bonemet/dicom';
import {
  axialLayout,
  liverShape,
  pelvicBoneAt,
  phantomGeometry,
  tissueLabels,
  tissueLabelVolume,
  vertebralLevelAt,
  type PhantomGeometry,
} from './anatomy.js';
import { gaussianBlurInPlace, type Dimensions3 } from './gaussian-blur.js';
import {
  petCtPhantomOptionsSchema,
  type OsseousLesionOptions,
  type PetCtPhantomOptions,
  type PetCtPhantomOptionsInput,
} from './phantom-options.js';
import { SeededRandom } from './seeded-random.js';
import { tissueValues } from './tissue-values.js';
import { addPetNoise, sphereVoxelFraction, storedCtHu } from './voxel-values.js';

export type LesionSite = 'soft-tissue' | 'spine' | 'pelvis' | 'sacrum';

export interface PhantomLesionTruth {
  /** Label of the lesion in `lesionLabels` (1-based). */
  readonly label: number;
  readonly kind: 'hot-sphere' | 'osseous';
  readonly site: LesionSite;
  /** CT appearance of an osseous lesion. */
  readonly ctAppearance?: 'lytic' | 'blastic';
  /** Lesion-to-background activity ratio of a hot sphere. */
  readonly contrast?: number;
  readonly diameterMm: number;
  /** Sphere centre, DICOM patient coordinates (LPS), mm; always a voxel centre. */
  readonly centreMm: readonly [number, number, number];
  /** Voxel index [i, j, k] of the centre; k counts slices from the lowest z. */
  readonly centreIndex: readonly [number, number, number];
  /**
   * Osseous lesions: the bone at the sphere centre in core's skeletal location model (vertebra with its
   * level counted from the sacrum; ilium or pubis with laterality; sacrum), see anatomy.ts.
   */
  readonly skeletalLocation?: SkeletalLocation;
  /** True SUVbw inside the sphere, g/ml. */
  readonly suvbw: number;
  /** True SUL (Janmahasatian lean body mass), g/ml; absent when the sex is O (the formula needs M or F). */
  readonly sulJanmahasatian?: number;
  /** True activity concentration, Bq/ml, decay-corrected to the scan start. */
  readonly activityConcentrationBqMl: number;
  /** 4/3·π·r³, ml. */
  readonly sphereVolumeMl: number;
  /** Voxels whose centre lies inside the sphere (the lesion's mask in `lesionLabels`). */
  readonly maskVoxelCount: number;
  readonly maskVolumeMl: number;
}

export interface PetCtPhantomTruth {
  readonly synthetic: true;
  readonly description: string;
  /** Injected activity decayed to the scan start, Bq. */
  readonly decayedDoseBq: number;
  /** Activity concentration (Bq/ml) that corresponds to SUVbw 1 g/ml at the scan start. */
  readonly bqMlPerSuvbw: number;
  readonly tissues: {
    readonly backgroundSuvbw: number;
    readonly liverSuvbw: number;
    readonly boneMarrowSuvbw: number;
    /** Liver ellipsoid: centre (LPS mm) and semi-axes (mm), for placing a liver reference. */
    readonly liver: {
      readonly centreMm: readonly [number, number, number];
      readonly semiAxesMm: readonly [number, number, number];
    };
  };
  readonly lesions: readonly PhantomLesionTruth[];
}

export interface PetCtPhantom {
  readonly options: PetCtPhantomOptions;
  readonly geometry: PhantomGeometry;
  /** PET activity concentration, Bq/ml at the scan start, after blur and noise; x fastest, then y, then z. */
  readonly petBqMl: Float32Array;
  /** CT numbers, HU. */
  readonly ctHu: Int16Array;
  /** Tissue labels (see `tissueLabels`). */
  readonly tissueLabels: Uint8Array;
  /** 0 outside lesions, else the lesion's `label`: voxels whose centre lies inside its sphere. */
  readonly lesionLabels: Uint16Array;
  readonly truth: PetCtPhantomTruth;
}

const subSamples = 5;
const placementAttempts = 20000;

interface Placement {
  readonly centreIndex: readonly [number, number, number];
}

/** Voxel offsets (di, dj, dk) whose centres lie within `radiusMm` of a voxel centre. */
function ballOffsets(spacingMm: Dimensions3, radiusMm: number): [number, number, number][] {
  const reach = spacingMm.map((s) => Math.floor(radiusMm / s));
  const offsets: [number, number, number][] = [];
  const [ri = 0, rj = 0, rk = 0] = reach;
  for (let dk = -rk; dk <= rk; dk++)
    for (let dj = -rj; dj <= rj; dj++)
      for (let di = -ri; di <= ri; di++)
        if (Math.hypot(di * spacingMm[0], dj * spacingMm[1], dk * spacingMm[2]) <= radiusMm) offsets.push([di, dj, dk]);
  return offsets;
}

/**
 * Draws a voxel centre whose ball of `zoneRadiusMm` lies in the volume, holds only `allowedLabel` and
 * touches no voxel reserved by an earlier lesion; reserves that ball.
 */
function place(
  random: SeededRandom,
  geometry: PhantomGeometry,
  labels: Uint8Array,
  reserved: Uint8Array,
  zoneRadiusMm: number,
  allowedLabel: number,
  what: string,
): Placement {
  const [nx, ny, nz] = geometry.dimensions;
  const offsets = ballOffsets(geometry.spacingMm, zoneRadiusMm);
  const reach = geometry.spacingMm.map((s) => Math.floor(zoneRadiusMm / s));
  const [ri = 0, rj = 0, rk = 0] = reach;
  if (2 * ri >= nx || 2 * rj >= ny || 2 * rk >= nz) {
    throw new BonemetError('invalid_input', `cannot place ${what}: larger than the volume`, {
      issues: [{ path: ['dimensions'], message: `${what} does not fit` }],
    });
  }
  for (let attempt = 0; attempt < placementAttempts; attempt++) {
    const i = ri + random.integerBelow(nx - 2 * ri);
    const j = rj + random.integerBelow(ny - 2 * rj);
    const k = rk + random.integerBelow(nz - 2 * rk);
    const centre = i + nx * (j + ny * k);
    if (labels[centre] !== allowedLabel || reserved[centre] !== 0) continue;
    const fits = offsets.every(([di, dj, dk]) => {
      const n = centre + di + nx * (dj + ny * dk);
      return labels[n] === allowedLabel && reserved[n] === 0;
    });
    if (!fits) continue;
    for (const [di, dj, dk] of offsets) reserved[centre + di + nx * (dj + ny * dk)] = 1;
    return { centreIndex: [i, j, k] };
  }
  throw new BonemetError(
    'invalid_input',
    `cannot place ${what}: no free position after ${placementAttempts} draws; enlarge the volume or remove lesions`,
    { issues: [{ path: ['dimensions'], message: `no room for ${what}` }] },
  );
}

/**
 * Paints a sphere with partial volume into `pet` and `ct` and labels its voxel-centre mask; returns the
 * mask voxel count.
 */
function paintSphere(
  phantom: { geometry: PhantomGeometry; pet: Float32Array; ct: Float32Array; lesionLabels: Uint16Array },
  centreIndex: readonly [number, number, number],
  radiusMm: number,
  petValue: number,
  ctValue: number,
  label: number,
): number {
  const { geometry, pet, ct, lesionLabels } = phantom;
  const [nx, ny] = geometry.dimensions;
  const [sx, sy, sz] = geometry.spacingMm;
  const halfDiagonalMm = Math.hypot(sx, sy, sz) / 2;
  const [ci, cj, ck] = centreIndex;
  const centre = ci + nx * (cj + ny * ck);
  let maskCount = 0;
  for (const [di, dj, dk] of ballOffsets(geometry.spacingMm, radiusMm + halfDiagonalMm)) {
    const dx = di * sx;
    const dy = dj * sy;
    const dz = dk * sz;
    const distanceMm = Math.hypot(dx, dy, dz);
    const fraction =
      distanceMm > radiusMm - halfDiagonalMm
        ? sphereVoxelFraction(dx, dy, dz, geometry.spacingMm, radiusMm, subSamples)
        : 1;
    const n = centre + di + nx * (dj + ny * dk);
    if (fraction > 0) {
      pet[n] = (1 - fraction) * (pet[n] ?? 0) + fraction * petValue;
      ct[n] = (1 - fraction) * (ct[n] ?? 0) + fraction * ctValue;
    }
    if (distanceMm <= radiusMm) {
      lesionLabels[n] = label;
      maskCount++;
    }
  }
  return maskCount;
}

/** Builds the phantom. Options are validated (`invalid_input` by path); the same options give the same arrays. */
export function generatePetCtPhantom(input: PetCtPhantomOptionsInput = {}): PetCtPhantom {
  const options = parseInput(petCtPhantomOptionsSchema, input, 'PET/CT phantom options');
  const geometry = phantomGeometry(options.dimensions, options.spacingMm);
  const [sx, sy, sz] = geometry.spacingMm;
  const [x0, y0, z0] = geometry.originMm;
  const layout = axialLayout(geometry);
  const siteLabels = { spine: tissueLabels.spine, pelvis: tissueLabels.pelvis, sacrum: tissueLabels.sacrum } as const;
  const voxelMl = (sx * sy * sz) / 1000;

  const { petBqMlByTissue, ctHuByTissue, decayedDoseBq, bqMlPerSuvbw } = tissueValues(options);
  const { sex, weightKg, heightM } = options.patient;
  const sulPerSuvbw = sex === 'O' ? undefined : leanBodyMassJanmahasatianKg(sex, weightKg, heightM) / weightKg;

  const labels = tissueLabelVolume(geometry);
  const count = labels.length;
  const pet = new Float32Array(count);
  const ctFloat = new Float32Array(count);
  const { uptake, ctHu } = options;
  for (let n = 0; n < count; n++) {
    const tissue = labels[n] ?? 0;
    pet[n] = petBqMlByTissue[tissue] ?? 0;
    ctFloat[n] = ctHuByTissue[tissue] ?? 0;
  }

  const placementRandom = SeededRandom.fromSeed(options.seed);
  const reserved = new Uint8Array(count);
  const lesionLabels = new Uint16Array(count);
  const painting = { geometry, pet, ct: ctFloat, lesionLabels };
  const lesions: PhantomLesionTruth[] = [];
  const maxSpacingMm = Math.max(sx, sy, sz);
  const halfDiagonalMm = Math.hypot(sx, sy, sz) / 2;
  const sphereMarginMm = Math.max(8, 1.5 * options.blurFwhmMm, 2 * maxSpacingMm);

  const record = (
    lesion: Omit<
      PhantomLesionTruth,
      | 'label'
      | 'centreMm'
      | 'activityConcentrationBqMl'
      | 'sphereVolumeMl'
      | 'maskVoxelCount'
      | 'maskVolumeMl'
      | 'sulJanmahasatian'
    >,
    ctValue: number,
  ): void => {
    const label = lesions.length + 1;
    const radiusMm = lesion.diameterMm / 2;
    const activity = lesion.suvbw * bqMlPerSuvbw;
    const maskVoxelCount = paintSphere(painting, lesion.centreIndex, radiusMm, activity, ctValue, label);
    const [i, j, k] = lesion.centreIndex;
    lesions.push({
      ...lesion,
      label,
      centreMm: [x0 + i * sx, y0 + j * sy, z0 + k * sz],
      activityConcentrationBqMl: activity,
      ...(sulPerSuvbw === undefined ? {} : { sulJanmahasatian: lesion.suvbw * sulPerSuvbw }),
      sphereVolumeMl: ((4 / 3) * Math.PI * radiusMm ** 3) / 1000,
      maskVoxelCount,
      maskVolumeMl: maskVoxelCount * voxelMl,
    });
  };

  // Largest spheres first: they are the hardest to fit.
  const spheres = options.hotSphereContrasts
    .flatMap((contrast) => options.hotSphereDiametersMm.map((diameterMm) => ({ contrast, diameterMm })))
    .sort((a, b) => b.diameterMm - a.diameterMm || a.contrast - b.contrast);
  for (const { contrast, diameterMm } of spheres) {
    const { centreIndex } = place(
      placementRandom,
      geometry,
      labels,
      reserved,
      diameterMm / 2 + sphereMarginMm,
      tissueLabels.softTissue,
      `a ${diameterMm} mm sphere`,
    );
    record(
      {
        kind: 'hot-sphere',
        site: 'soft-tissue',
        contrast,
        diameterMm,
        centreIndex,
        suvbw: contrast * uptake.backgroundSuvbw,
      },
      ctHu.softTissue,
    );
  }
  const osseous = [...options.osseousLesions].sort((a, b) => b.diameterMm - a.diameterMm);
  for (const lesion of osseous) placeOsseous(lesion);

  function osseousLocation(
    site: OsseousLesionOptions['site'],
    centreIndex: readonly [number, number, number],
  ): SkeletalLocation {
    const [i, j, k] = centreIndex;
    const level = vertebralLevelAt(z0 + k * sz, layout);
    if (site === 'spine' && level !== null) return { bone: 'vertebra', level };
    if (site === 'pelvis') return pelvicBoneAt(x0 + i * sx, y0 + j * sy);
    return { bone: 'sacrum' };
  }

  function placeOsseous(lesion: OsseousLesionOptions): void {
    const { centreIndex } = place(
      placementRandom,
      geometry,
      labels,
      reserved,
      // Every voxel the sphere touches must be bone of the site.
      lesion.diameterMm / 2 + halfDiagonalMm,
      siteLabels[lesion.site],
      `a ${lesion.diameterMm} mm ${lesion.site} lesion`,
    );
    record(
      {
        kind: 'osseous',
        site: lesion.site,
        ctAppearance: lesion.ctAppearance,
        diameterMm: lesion.diameterMm,
        centreIndex,
        skeletalLocation: osseousLocation(lesion.site, centreIndex),
        suvbw: lesion.suvbw,
      },
      lesion.ctAppearance === 'lytic' ? ctHu.lyticLesion : ctHu.blasticLesion,
    );
  }

  gaussianBlurInPlace(pet, geometry.dimensions, geometry.spacingMm, options.blurFwhmMm);
  if (options.noiseCv > 0) {
    const noise = SeededRandom.fromSeed((options.seed ^ 0x5045544e) >>> 0); // "PETN": a stream apart from placement
    addPetNoise(pet, options.noiseCv, uptake.backgroundSuvbw * bqMlPerSuvbw, noise);
  }
  const ctNoise = SeededRandom.fromSeed((options.seed ^ 0x43544e5a) >>> 0); // "CTNZ"
  const ct = storedCtHu(ctFloat, options.ctNoiseSdHu, ctNoise);

  const liverZ = layout.liver;
  return {
    options,
    geometry,
    petBqMl: pet,
    ctHu: ct,
    tissueLabels: labels,
    lesionLabels,
    truth: {
      synthetic: true,
      description:
        'SYNTHETIC PET/CT phantom generated by bonemet: not patient data. Torso with lungs, liver, kidneys, urinary bladder, spine (levels from the sacrum), sacrum and pelvic ring, and a head (skull, brain) when the volume is long enough; hot spheres in soft tissue and osseous lesions.',
      decayedDoseBq,
      bqMlPerSuvbw,
      tissues: {
        backgroundSuvbw: uptake.backgroundSuvbw,
        liverSuvbw: uptake.liverSuvbw,
        boneMarrowSuvbw: uptake.boneMarrowSuvbw,
        liver: {
          centreMm: [liverShape.centreXMm, liverShape.centreYMm, liverZ.centreZMm],
          semiAxesMm: [liverShape.semiAxisXMm, liverShape.semiAxisYMm, liverZ.semiAxisZMm],
        },
      },
      lesions,
    },
  };
}
