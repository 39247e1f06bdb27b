import { vertebralLevels, type VertebralLevel } from '@bonemet/core';
import {
  hasMsccNeurologicalSymptoms,
  hasNeurologicalDeficit,
  type LesionContext,
  type PatientContext,
} from '../context.js';
import type { RuleInput, TreatmentOption } from '../report.js';
import { input, option, type PatientRule } from '../rule.js';

/**
 * The conus medullaris ends at about L1-L2: compression at L2 or below is treated as cauda equina
 * compression, which Patchell 2005 excluded ("cauda equina or root compression only"). A convention.
 */
const FIRST_CAUDA_EQUINA_LEVEL: VertebralLevel = 'L2';

/** Patchell 2005 required an expected survival of at least 3 months. */
const PATCHELL_MIN_SURVIVAL_MONTHS = 3;

/**
 * Metastatic spinal cord compression (MSCC).
 * - NICE NG234 rec 1.8.1: neurological symptoms or signs of MSCC (including radicular pain, limb weakness,
 *   sensory loss, bladder or bowel dysfunction: NICE CG75, carried into NG234) → 16 mg oral dexamethasone as
 *   soon as possible; not routinely without neurological symptoms. NICE QS56 statement 3 / NG234 1.5.2:
 *   whole-spine MRI within 24 hours; statement 2: spinal pain suggestive of metastases without neurological
 *   symptoms → MRI within 1 week. QS56 statement 6 (2023): radiotherapy within 24 hours of the decision to
 *   treat when surgery is not suitable.
 * - Patchell 2005: decompressive surgery plus radiotherapy kept more patients walking than radiotherapy alone
 *   for MRI-proven cord compression at a single area, with ≥ 1 neurological sign or symptom (pain included),
 *   expected survival ≥ 3 months, medically operable, not paraplegic > 48 h, no cauda equina or root-only
 *   compression, no prior radiotherapy precluding 30 Gy/10 (breast carcinoma was eligible).
 * Suspected MSCC does not need a known spinal metastasis: the alert fires on the symptoms alone.
 */
export const spinalCordCompressionRule: PatientRule = {
  id: 'mscc',
  statement:
    'Neurological symptoms or signs of cord compression: dexamethasone 16 mg and whole-spine MRI within 24 h; MRI-proven compression: decompressive surgery then radiotherapy when Patchell 2005 criteria hold, otherwise radiotherapy within 24 h of the decision; painful spinal metastasis without neurological symptoms: MRI within 1 week.',
  evaluate(patient: PatientContext): readonly TreatmentOption[] {
    const { state } = patient;
    const rule = spinalCordCompressionRule;
    const spinal = patient.lesions.filter(
      (l) => l.where.spinalLevel !== undefined || l.lesion.location.bone === 'sacrum',
    );
    const graded = spinal.filter((l) => l.lesion.spine?.esccGrade !== undefined);
    const compressing = graded.filter((l) => l.lesion.spine?.esccGrade === '2' || l.lesion.spine?.esccGrade === '3');
    const signs = state.neurology.signs;
    const symptomatic = hasMsccNeurologicalSymptoms(state);
    const options: TreatmentOption[] = [];
    const spinalText =
      spinal.length === 0
        ? 'no spinal metastasis recorded: cord compression must still be excluded'
        : `spinal metastases: ${spinal.map((l) => l.where.display).join(', ')}`;

    if (symptomatic) {
      options.push(
        option(rule, {
          id: 'mscc.dexamethasone',
          kind: 'alert',
          strength: 'urgent',
          title: 'Suspected metastatic spinal cord compression: dexamethasone 16 mg orally now',
          reasons: [
            `new neurological symptom or sign: ${signs.replace(/_/g, ' ')}; ${spinalText}`,
            'offer 16 mg oral dexamethasone (or the equivalent parenteral dose) as soon as possible, then 16 mg daily until definitive treatment; stop if MSCC is ruled out; reduce after surgery or the start of radiotherapy',
          ],
          cautions: ['monitor blood glucose on high-dose dexamethasone'],
          firedBy: [
            input('neurology.signs', signs),
            ...spinal.map((l) => input(`${l.path}.location`, l.where.display)),
          ],
          sources: ['nice-ng234'],
        }),
      );
      if (graded.length === 0) {
        options.push(
          option(rule, {
            id: 'mscc.mri-24h',
            kind: 'investigation',
            strength: 'urgent',
            title: 'MRI of the whole spine within 24 hours',
            reasons: [
              `neurological symptoms or signs suggestive of MSCC and no MRI grade (ESCC) recorded; ${spinalText}`,
            ],
            firedBy: [input('neurology.signs', signs)],
            sources: ['nice-qs56', 'nice-ng234'],
          }),
        );
      } else if (compressing.length === 0) {
        const highest = graded.map((l) => `${l.where.display} ESCC ${l.lesion.spine?.esccGrade ?? ''}`).join(', ');
        options.push(
          option(rule, {
            id: 'mscc.symptoms-without-compression',
            kind: 'referral',
            strength: 'urgent',
            title: 'Neurological symptoms without cord compression on the recorded MRI: urgent spinal oncology review',
            reasons: [
              `${signs.replace(/_/g, ' ')} with MRI grades ${highest} (no grade 2-3)`,
              'confirm that the MRI covers the whole spine and is recent; look for another cause (root, cauda equina, brain)',
            ],
            firedBy: [
              input('neurology.signs', signs),
              ...graded.map((l) => input(`${l.path}.spine.esccGrade`, l.lesion.spine?.esccGrade ?? '')),
            ],
            sources: ['nice-ng234', 'bilsky-2010'],
          }),
        );
      }
    } else {
      const painfulUngraded = spinal.filter(
        (l) => l.lesion.pain.worstPain > 0 && l.lesion.spine?.esccGrade === undefined,
      );
      if (painfulUngraded.length > 0) {
        options.push(
          option(rule, {
            id: 'mscc.mri-1-week',
            kind: 'investigation',
            strength: 'recommended',
            title: 'MRI of the whole spine within 1 week (painful spinal metastasis, no neurological symptoms)',
            reasons: [
              `painful spinal metastasis without an MRI grade: ${painfulUngraded.map((l) => l.where.display).join(', ')}`,
            ],
            cautions: [
              'radicular pain, limb weakness, sensory change or sphincter disturbance make it an emergency (MRI within 24 hours)',
            ],
            firedBy: painfulUngraded.map((l) => input(`${l.path}.pain.worstPain`, l.lesion.pain.worstPain)),
            sources: ['nice-qs56'],
          }),
        );
      }
    }

    if (compressing.length > 0) {
      const where = compressing.map((l) => `${l.where.display} (ESCC ${l.lesion.spine?.esccGrade ?? '?'})`).join(', ');
      const fired = compressing.map((l) => input(`${l.path}.spine.esccGrade`, l.lesion.spine?.esccGrade ?? ''));
      if (symptomatic) {
        options.push(...surgeryOrRadiotherapy(patient, compressing, where, fired));
      } else {
        options.push(
          option(rule, {
            id: 'mscc.high-grade-escc-referral',
            kind: 'referral',
            strength: 'urgent',
            title: 'High-grade epidural compression on MRI: urgent spinal oncology (surgery and radiotherapy) review',
            reasons: [
              `ESCC grade 2-3 (cord compression) at ${where} without neurological symptoms recorded`,
              'NOMS: breast carcinoma is radiosensitive, so conventional radiotherapy is the default unless the spine is unstable',
              'dexamethasone is not routinely offered without neurological symptoms or signs (NICE NG234); consider it for severe pain',
            ],
            firedBy: [...fired, input('neurology.signs', signs)],
            sources: ['bilsky-2010', 'laufer-2013', 'nice-ng234'],
          }),
        );
      }
    }
    return options;
  },
};

function surgeryOrRadiotherapy(
  patient: PatientContext,
  compressing: readonly LesionContext[],
  where: string,
  fired: readonly RuleInput[],
): TreatmentOption[] {
  const { state } = patient;
  const rule = spinalCordCompressionRule;
  const failed: string[] = [];
  const toConfirm: string[] = [];
  const levels = compressing.map((l) => l.where.spinalLevel);
  if (!areContiguous(levels)) failed.push('compression at more than one area of the spine');
  if (compressing.every((l) => l.where.spinalLevel === undefined || isCaudaEquinaLevel(l.where.spinalLevel))) {
    failed.push(`compression at ${FIRST_CAUDA_EQUINA_LEVEL} or below (cauda equina), which Patchell 2005 excluded`);
  }
  if (!state.contraindications.medicallyOperable) failed.push('not medically operable');
  if (state.neurology.paraplegiaOver48h === true) failed.push('complete paraplegia for more than 48 hours');
  else if (state.neurology.paraplegiaOver48h === undefined && hasNeurologicalDeficit(state)) {
    toConfirm.push('duration of any complete paraplegia (neurology.paraplegiaOver48h)');
  }
  if (state.expectedSurvivalMonths === undefined) {
    toConfirm.push(
      `expected survival of at least ${String(PATCHELL_MIN_SURVIVAL_MONTHS)} months (expectedSurvivalMonths)${patient.limitedLifeExpectancy.length > 0 ? `; against it: ${patient.limitedLifeExpectancy.join('; ')}` : ''}`,
    );
  } else if (state.expectedSurvivalMonths < PATCHELL_MIN_SURVIVAL_MONTHS) {
    failed.push(
      `expected survival ${String(state.expectedSurvivalMonths)} months (< ${String(PATCHELL_MIN_SURVIVAL_MONTHS)})`,
    );
  }
  const irradiated = compressing.filter((l) => l.lastRadiotherapy !== undefined);
  if (irradiated.length > 0) {
    toConfirm.push(
      `earlier radiotherapy at ${irradiated.map((l) => l.where.display).join(', ')}: Patchell 2005 excluded patients whose prior radiotherapy precluded 30 Gy in 10 fractions`,
    );
  }
  const tokuhashi = patient.tokuhashi;
  const prognosis =
    tokuhashi !== undefined && tokuhashi.total <= 8
      ? [
          `revised Tokuhashi ${String(tokuhashi.total)} predicts survival < 6 months (Tokuhashi 2005: conservative or palliative treatment): weigh against surgery`,
        ]
      : [];

  const inputs = [
    ...fired,
    input('neurology.signs', state.neurology.signs),
    input('contraindications.medicallyOperable', state.contraindications.medicallyOperable),
    ...(state.expectedSurvivalMonths === undefined
      ? []
      : [input('expectedSurvivalMonths', state.expectedSurvivalMonths)]),
  ];
  const surgeryPossible = failed.length === 0;
  const radiotherapy = option(rule, {
    id: 'mscc.radiotherapy-24h',
    kind: 'radiotherapy',
    strength: 'urgent',
    title: surgeryPossible
      ? 'If decompression is not chosen: radiotherapy for MSCC within 24 hours of the decision to treat'
      : 'Radiotherapy for MSCC, starting within 24 hours of the decision to treat',
    reasons: [
      `MRI-proven cord compression at ${where} with neurological symptoms or signs`,
      ...(surgeryPossible ? [] : [`surgery is not suitable: ${failed.join('; ')}`]),
      'breast carcinoma is radiosensitive: conventional radiotherapy is the NOMS default for high-grade compression without instability (Laufer 2013)',
    ],
    cautions: ['Patchell 2005 used 30 Gy in 10 fractions in both arms'],
    firedBy: inputs,
    sources: ['nice-qs56', 'patchell-2005', 'laufer-2013'],
  });
  if (!surgeryPossible) return [radiotherapy];
  const surgery = option(rule, {
    id: 'mscc.decompressive-surgery',
    kind: 'surgery',
    strength: 'urgent',
    title: 'Urgent spinal surgical referral: decompressive surgery followed by radiotherapy',
    reasons: [
      `MRI-proven cord compression at a single area (${where}) with neurological symptoms or signs, medically operable`,
      'Patchell 2005: surgery plus radiotherapy kept more patients walking than radiotherapy alone (84% vs 57%), for longer (median 122 vs 13 days)',
    ],
    cautions: [
      ...toConfirm.map((c) => `confirm Patchell 2005 eligibility: ${c}`),
      ...prognosis,
      'NOMS (Laufer 2013) treats high-grade compression from radiosensitive tumours such as breast with conventional radiotherapy unless the spine is unstable: the two frameworks differ here',
    ],
    firedBy: inputs,
    sources: ['patchell-2005', 'nice-ng234', ...(prognosis.length > 0 ? (['tokuhashi-2005'] as const) : [])],
  });
  return [surgery, radiotherapy];
}

function isCaudaEquinaLevel(level: VertebralLevel): boolean {
  return vertebralLevels.indexOf(level) >= vertebralLevels.indexOf(FIRST_CAUDA_EQUINA_LEVEL);
}

/** True when all levels form one run of adjacent vertebrae (one "area" in Patchell's sense). */
function areContiguous(levels: readonly (VertebralLevel | undefined)[]): boolean {
  const indices = levels
    .filter((level): level is VertebralLevel => level !== undefined)
    .map((level) => vertebralLevels.indexOf(level))
    .sort((a, b) => a - b);
  return indices.every((value, i) => i === 0 || value - (indices[i - 1] ?? value) <= 1);
}
