import { vertebralLevels, type VertebralLevel } from '@bonemet/core';
import { hasNeurologicalDeficit, type PatientContext } from '../context.js';
import type { TreatmentOption } from '../report.js';
import { input, option, type PatientRule } from '../rule.js';

/**
 * Metastatic spinal cord compression (MSCC).
 * - NICE NG234 rec 1.8.1: neurological symptoms or signs of MSCC → 16 mg oral dexamethasone as soon as
 *   possible; not routinely without neurological signs. NICE QS56 statement 3 / NG234 1.5.2: whole-spine MRI
 *   within 24 hours; statement 2: spinal pain suggestive of metastases without neurological signs → MRI within
 *   1 week. QS56 statement 6 (2023): radiotherapy within 24 hours of the decision to treat when surgery is not
 *   suitable.
 * - Patchell 2005: decompressive surgery plus radiotherapy beats radiotherapy alone (ambulatory 84% vs 57%) for
 *   MRI-proven cord compression at a single area, ≥1 neurological sign or symptom, expected survival ≥3 months,
 *   medically operable, not paraplegic for more than 48 hours, not a radiosensitive haematological/germ-cell
 *   tumour (breast carcinoma was eligible).
 */
export const spinalCordCompressionRule: PatientRule = {
  id: 'mscc',
  statement:
    'Spinal metastases with new neurological deficit: dexamethasone 16 mg, whole-spine MRI within 24 h, urgent surgical and oncology referral; surgery first when Patchell 2005 criteria hold, otherwise radiotherapy within 24 h of the decision.',
  evaluate(patient: PatientContext): readonly TreatmentOption[] {
    const { state } = patient;
    const spinal = patient.lesions.filter(
      (l) => l.where.spinalLevel !== undefined || l.where.spinalSegment !== undefined,
    );
    if (spinal.length === 0) return [];
    const signs = state.neurology.signs;
    const options: TreatmentOption[] = [];
    const compressing = spinal.filter((l) => l.lesion.spine?.esccGrade === '2' || l.lesion.spine?.esccGrade === '3');
    const rule = spinalCordCompressionRule;

    if (hasNeurologicalDeficit(state)) {
      options.push(
        option(rule, {
          id: 'mscc.dexamethasone',
          kind: 'alert',
          strength: 'urgent',
          title: 'Suspected metastatic spinal cord compression: dexamethasone 16 mg orally now',
          reasons: [
            `new neurological ${signs.replace(/_/g, ' ')} with spinal metastases (${spinal.map((l) => l.where.display).join(', ')})`,
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
      if (compressing.length === 0) {
        options.push(
          option(rule, {
            id: 'mscc.mri-24h',
            kind: 'investigation',
            strength: 'urgent',
            title: 'MRI of the whole spine within 24 hours',
            reasons: [
              'neurological symptoms or signs suggestive of MSCC and no MRI-proven cord compression in this record',
            ],
            firedBy: [input('neurology.signs', signs)],
            sources: ['nice-qs56', 'nice-ng234'],
          }),
        );
      }
    } else if (signs === 'radicular_pain') {
      options.push(
        option(rule, {
          id: 'mscc.mri-1-week',
          kind: 'investigation',
          strength: 'recommended',
          title: 'MRI of the whole spine within 1 week (spinal pain suggestive of metastases, no neurological deficit)',
          reasons: ['radicular pain with spinal metastases and no motor, sensory or sphincter deficit'],
          cautions: [
            'if limb weakness, sensory change or sphincter disturbance develops, this becomes an MSCC emergency (MRI within 24 hours)',
          ],
          firedBy: [input('neurology.signs', signs)],
          sources: ['nice-qs56'],
        }),
      );
    }

    if (compressing.length > 0) {
      const where = compressing.map((l) => `${l.where.display} (ESCC ${l.lesion.spine?.esccGrade ?? '?'})`).join(', ');
      const fired = compressing.map((l) => input(`${l.path}.spine.esccGrade`, l.lesion.spine?.esccGrade ?? ''));
      if (!hasNeurologicalDeficit(state)) {
        options.push(
          option(rule, {
            id: 'mscc.high-grade-escc-referral',
            kind: 'referral',
            strength: 'urgent',
            title: 'High-grade epidural compression on MRI: urgent spinal oncology (surgery and radiotherapy) review',
            reasons: [
              `ESCC grade 2-3 (cord compression) at ${where} without a neurological deficit recorded`,
              'NOMS: breast carcinoma is radiosensitive, so conventional radiotherapy is the default unless the spine is unstable',
              'dexamethasone is not routinely offered without neurological symptoms or signs (NICE NG234); consider it for severe pain',
            ],
            firedBy: [...fired, input('neurology.signs', signs)],
            sources: ['bilsky-2010', 'laufer-2013', 'nice-ng234'],
          }),
        );
      } else {
        options.push(...surgeryOrRadiotherapy(patient, where, fired));
      }
    }
    return options;
  },
};

function surgeryOrRadiotherapy(
  patient: PatientContext,
  where: string,
  fired: ReturnType<typeof input>[],
): TreatmentOption[] {
  const { state } = patient;
  const rule = spinalCordCompressionRule;
  const failed: string[] = [];
  const unknown: string[] = [];
  const compressing = patient.lesions.filter(
    (l) => l.lesion.spine?.esccGrade === '2' || l.lesion.spine?.esccGrade === '3',
  );
  if (!areContiguous(compressing.map((l) => l.where.spinalLevel)))
    failed.push('compression at more than one area of the spine');
  if (!state.contraindications.medicallyOperable) failed.push('not medically operable');
  if (state.neurology.paraplegiaOver48h === true) failed.push('complete paraplegia for more than 48 hours');
  else if (state.neurology.paraplegiaOver48h === undefined)
    unknown.push('duration of any complete paraplegia (neurology.paraplegiaOver48h)');
  if (state.expectedSurvivalMonths === undefined)
    unknown.push('expected survival of at least 3 months (expectedSurvivalMonths)');
  else if (state.expectedSurvivalMonths < 3)
    failed.push(`expected survival ${String(state.expectedSurvivalMonths)} months (< 3)`);

  const inputs = [
    ...fired,
    input('neurology.signs', state.neurology.signs),
    input('contraindications.medicallyOperable', state.contraindications.medicallyOperable),
    ...(state.expectedSurvivalMonths === undefined
      ? []
      : [input('expectedSurvivalMonths', state.expectedSurvivalMonths)]),
  ];
  const radiotherapy = option(rule, {
    id: 'mscc.radiotherapy-24h',
    kind: 'radiotherapy',
    strength: 'urgent',
    title: 'Radiotherapy for MSCC, starting within 24 hours of the decision to treat',
    reasons: [
      `MRI-proven cord compression at ${where} with a neurological deficit`,
      failed.length > 0
        ? `surgery is not suitable: ${failed.join('; ')}`
        : 'for use if the spinal surgeon judges decompression unsuitable',
    ],
    cautions: ['Patchell 2005 used 30 Gy in 10 fractions in both arms'],
    firedBy: inputs,
    sources: ['nice-qs56', 'patchell-2005'],
  });
  if (failed.length > 0) return [radiotherapy];
  const surgery = option(rule, {
    id: 'mscc.decompressive-surgery',
    kind: 'surgery',
    strength: 'urgent',
    title: 'Urgent spinal surgical referral: decompressive surgery followed by radiotherapy',
    reasons: [
      `MRI-proven cord compression at a single area (${where}) with a neurological deficit, medically operable`,
      'Patchell 2005: surgery plus radiotherapy kept more patients walking than radiotherapy alone (84% vs 57%), for longer (median 122 vs 13 days)',
    ],
    cautions: unknown.length > 0 ? [`confirm Patchell 2005 eligibility: ${unknown.join('; ')}`] : [],
    firedBy: inputs,
    sources: ['patchell-2005', 'nice-ng234'],
  });
  return [surgery, radiotherapy];
}

/** True when all levels form one run of adjacent vertebrae (one "area" in Patchell's sense). */
function areContiguous(levels: readonly (VertebralLevel | undefined)[]): boolean {
  const indices = levels
    .filter((level): level is VertebralLevel => level !== undefined)
    .map((level) => vertebralLevels.indexOf(level))
    .sort((a, b) => a - b);
  return indices.every((value, i) => i === 0 || value - (indices[i - 1] ?? value) <= 1);
}
