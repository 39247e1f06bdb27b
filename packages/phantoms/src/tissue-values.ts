import type { PetCtPhantomOptions } from './phantom-options.js';

/** Per-tissue PET activity and CT numbers of a phantom, indexed by tissue label (anatomy.ts `tissueLabels`). */
export interface TissueValues {
  /** Bq/ml of PET activity concentration at scan time (decay-corrected to the scan start). */
  readonly petBqMlByTissue: readonly number[];
  readonly ctHuByTissue: readonly number[];
  /** Injected activity decayed to the scan start, in Bq. */
  readonly decayedDoseBq: number;
  /** Bq/ml of one unit of SUVbw. */
  readonly bqMlPerSuvbw: number;
}

/** The activity concentration and CT number of each tissue of a phantom, from its uptake and CT options. */
export function tissueValues(
  options: Pick<
    PetCtPhantomOptions,
    'halfLifeS' | 'injectedActivityMBq' | 'uptakeMinutes' | 'patient' | 'uptake' | 'ctHu'
  >,
): TissueValues {
  const lambdaPerS = Math.LN2 / options.halfLifeS;
  const decayedDoseBq = options.injectedActivityMBq * 1e6 * Math.exp(-lambdaPerS * options.uptakeMinutes * 60);
  // SUVbw = C / (D_decayed / W): 1 g/ml of SUVbw is D_decayed / W[g] Bq/ml.
  const bqMlPerSuvbw = decayedDoseBq / (options.patient.weightKg * 1000);
  const { uptake, ctHu } = options;
  // Indexed by tissue label (anatomy.ts `tissueLabels`): air, soft tissue, liver, spine, pelvis, lung,
  // kidney, urine, brain, skull, sacrum. The skull carries the marrow uptake of the other bones.
  const petBqMlByTissue = [
    0,
    uptake.backgroundSuvbw,
    uptake.liverSuvbw,
    uptake.boneMarrowSuvbw,
    uptake.boneMarrowSuvbw,
    uptake.lungSuvbw,
    uptake.kidneySuvbw,
    uptake.urineSuvbw,
    uptake.brainSuvbw,
    uptake.boneMarrowSuvbw,
    uptake.boneMarrowSuvbw,
  ].map((suv) => suv * bqMlPerSuvbw);
  const ctHuByTissue = [
    ctHu.air,
    ctHu.softTissue,
    ctHu.liver,
    ctHu.bone,
    ctHu.bone,
    ctHu.lung,
    ctHu.kidney,
    ctHu.urine,
    ctHu.brain,
    ctHu.skull,
    ctHu.bone,
  ];
  return { petBqMlByTissue, ctHuByTissue, decayedDoseBq, bqMlPerSuvbw };
}
