import type { NomsTreatment } from '../../scores/noms.js';
import { hasCordCompression, type LesionContext, type PatientContext } from '../context.js';
import type { OptionKind, TreatmentOption } from '../report.js';
import { input, option, type LesionRule } from '../rule.js';

/**
 * Spinal instability and the NOMS framework.
 * Fisher 2010: SINS 7-18 (potentially unstable or unstable) warrants surgical consultation.
 * Laufer 2013 (NOMS): the treatment for a spinal lesion follows from neurological (ESCC), oncological
 * (radiosensitivity), mechanical (stability) and systemic assessments; the options come from the NOMS calculator.
 */
export const spinalInstabilityRule: LesionRule = {
  id: 'spinal-instability',
  statement:
    'Spinal metastasis with SINS ≥ 7: spine surgical consultation; where MRI grades epidural disease or the spine is unstable, the NOMS framework gives the local options.',
  evaluate(_patient: PatientContext, lesion: LesionContext): readonly TreatmentOption[] {
    const rule = spinalInstabilityRule;
    const options: TreatmentOption[] = [];
    const sins = lesion.sins;
    if (sins?.surgicalConsultation === true) {
      options.push(
        option(rule, {
          id: 'spine.surgical-consultation',
          kind: 'alert',
          strength: 'urgent',
          title: `${lesion.where.display}: SINS ${String(sins.total)} (${sins.category.replace(/_/g, ' ')}): spine surgical consultation`,
          reasons: [sins.summary, 'SINS 7-18 warrants surgical consultation (Fisher 2010)'],
          firedBy: [input(`${lesion.path}.spine`, `SINS ${String(sins.total)}`)],
          sources: ['fisher-2010'],
        }),
      );
    }
    const noms = lesion.noms;
    const escc = lesion.escc;
    // Cord compression (ESCC 2-3) is handled by the MSCC rule; NOMS options here cover the rest.
    const nomsRelevant =
      noms !== undefined &&
      !hasCordCompression(lesion) &&
      (escc?.compressionGrade !== 'low' ||
        sins?.category !== 'stable' ||
        lesion.lesion.spine?.compressionFracture === true);
    if (noms !== undefined && nomsRelevant) {
      // Cement augmentation is decided by the vertebral-augmentation rule, which also checks its contraindications.
      for (const choice of noms.options.filter((o) => o.treatment !== 'cement_augmentation')) {
        options.push(
          option(rule, {
            id: `spine.noms.${choice.treatment}`,
            kind: nomsKind(choice.treatment),
            strength: 'consider',
            title: `${lesion.where.display}: ${NOMS_LABELS[choice.treatment]} (NOMS)`,
            reasons: [choice.reason],
            firedBy: [
              input(`${lesion.path}.spine.esccGrade`, lesion.lesion.spine?.esccGrade ?? ''),
              ...(sins === undefined ? [] : [input(`${lesion.path}.spine`, `SINS ${String(sins.total)}`)]),
            ],
            sources: ['laufer-2013'],
          }),
        );
      }
    }
    return options;
  },
};

const NOMS_LABELS: Readonly<Record<NomsTreatment, string>> = {
  conventional_ebrt: 'conventional external-beam radiotherapy',
  stereotactic_radiosurgery: 'stereotactic radiosurgery',
  separation_surgery_then_srs: 'separation surgery then stereotactic radiosurgery',
  stabilisation: 'surgical stabilisation',
  cement_augmentation: 'cement augmentation',
  best_supportive_care: 'best supportive care',
};

function nomsKind(treatment: NomsTreatment): OptionKind {
  switch (treatment) {
    case 'conventional_ebrt':
    case 'stereotactic_radiosurgery':
      return 'radiotherapy';
    case 'cement_augmentation':
      return 'minimally_invasive';
    case 'best_supportive_care':
      return 'supportive';
    case 'separation_surgery_then_srs':
    case 'stabilisation':
      return 'surgery';
  }
}
