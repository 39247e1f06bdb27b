import { OLIGOMETASTATIC_MAX_LESIONS, type PatientContext } from '../context.js';
import type { TreatmentOption } from '../report.js';
import { input, option, type PatientRule } from '../rule.js';

/**
 * Oligometastatic disease: at most 5 metastases (ESTRO-ASTRO consensus, Lievens 2020), here bone-only, in a
 * patient with good performance status (ECOG 0-1). Stereotactic or high-dose image-guided radiotherapy to every
 * site may then be considered; ASTRO 2017 advised stereotactic treatment of spinal lesions within clinical
 * trials or registries. In breast cancer the randomised NRG-BR002 trial (Chmura 2022, abstract) found no survival
 * gain from metastasis-directed therapy, so the option is "consider, preferably within a trial".
 */
export const oligometastaticRule: PatientRule = {
  id: 'oligometastatic-sbrt',
  statement:
    'Bone-only disease with at most 5 metastases and ECOG 0-1: consider stereotactic or high-dose image-guided radiotherapy to every site, preferably within a trial or registry.',
  evaluate(patient: PatientContext): readonly TreatmentOption[] {
    const { state } = patient;
    const count = state.disease.boneLesionCount;
    if (!patient.oligometastatic) return [];
    return [
      option(oligometastaticRule, {
        id: 'radiotherapy.oligometastatic-sbrt',
        kind: 'radiotherapy',
        strength: 'consider',
        title: `Oligometastatic bone-only disease (${String(count)} lesion${count === 1 ? '' : 's'}): stereotactic or high-dose image-guided radiotherapy to every site`,
        reasons: [
          `${String(count)} bone metastasis${count === 1 ? '' : 'es'} (≤ ${String(OLIGOMETASTATIC_MAX_LESIONS)}), no visceral metastases, ECOG ${String(state.performance.ecog)}`,
          'oligometastatic disease per the ESTRO-ASTRO consensus (up to 5 metastases, all treatable)',
        ],
        cautions: [
          'in breast cancer, the randomised NRG-BR002 trial reported no progression-free or overall survival gain from adding stereotactic radiotherapy or surgery to systemic therapy (2022 abstract): prefer a trial',
          'ASTRO 2017 advised stereotactic radiotherapy of spinal lesions only within clinical trials or registries',
          'the consensus definition assumes all sites are safely treatable: confirm with whole-body staging',
        ],
        firedBy: [
          input('disease.boneLesionCount', count),
          input('disease.visceralMetastases', state.disease.visceralMetastases),
          input('performance.ecog', state.performance.ecog),
        ],
        assumptions: [
          'oligometastatic disease is taken as at most 5 metastases (ESTRO-ASTRO consensus, Lievens 2020), counted here as bone lesions with no visceral disease; the consensus text and the NRG-BR002 results were not checked against their full publications',
        ],
        sources: ['lievens-2020', 'chmura-2022', 'astro-2017'],
      }),
    ];
  },
};
