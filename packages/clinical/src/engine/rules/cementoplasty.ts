import type { LesionContext, PatientContext } from '../context.js';
import type { TreatmentOption } from '../report.js';
import { input, option, type LesionRule } from '../rule.js';
import { MODERATE_PAIN_MIN, procedureContraindications } from './minimally-invasive-common.js';

/**
 * Percutaneous cementoplasty for a painful lytic or mixed lesion of the pelvis, above all periacetabular
 * (weight-bearing) lesions with mechanical pain. CIRSE 2022 (thermal ablation of bone tumours) describes
 * consolidation with cement, alone or after ablation, for lesions at risk under load.
 */
export const cementoplastyRule: LesionRule = {
  id: 'pelvic-cementoplasty',
  statement:
    'Painful (worst pain ≥ 4) lytic or mixed pelvic lesion, especially periacetabular with mechanical pain: consider percutaneous cementoplasty, alone or with ablation.',
  evaluate(patient: PatientContext, lesion: LesionContext): readonly TreatmentOption[] {
    const { pain, type } = lesion.lesion;
    // Sacral segments recorded as vertebrae go through the vertebral rules; the coccyx bears no load.
    const bone = lesion.lesion.location.bone;
    if (!lesion.where.pelvic || bone === 'vertebra' || bone === 'coccyx') return [];
    if (type === 'blastic' || pain.worstPain < MODERATE_PAIN_MIN) return [];
    const rule = cementoplastyRule;
    const fired = [
      input(`${lesion.path}.location`, lesion.where.display),
      input(`${lesion.path}.type`, type),
      input(`${lesion.path}.pain.worstPain`, pain.worstPain),
    ];
    const absolute = procedureContraindications(patient, true);
    if (absolute.length > 0) {
      return [
        option(rule, {
          id: 'minimally-invasive.cementoplasty',
          kind: 'minimally_invasive',
          strength: 'not_recommended',
          title: `${lesion.where.display}: cementoplasty not advised now`,
          reasons: absolute.map((a) => `contraindication: ${a}`),
          firedBy: fired,
          sources: ['cirse-2022-ablation'],
        }),
      ];
    }
    return [
      option(rule, {
        id: 'minimally-invasive.cementoplasty',
        kind: 'minimally_invasive',
        strength: 'consider',
        title: `${lesion.where.display}: percutaneous cementoplasty${lesion.where.periacetabular ? ' (periacetabular, weight-bearing)' : ''}`,
        reasons: [
          `painful (worst pain ${String(pain.worstPain)}/10${pain.mechanical ? ', mechanical' : ''}) ${type} pelvic lesion`,
          'CIRSE 2022 describes thermal ablation combined with cementoplasty for painful lesions; cement alone for a painful lytic lesion under load is a convention of this rule',
        ],
        cautions: [
          'large periacetabular defects with fracture risk need an orthopaedic opinion on fixation or arthroplasty',
        ],
        firedBy: fired,
        sources: ['cirse-2022-ablation'],
      }),
    ];
  },
};
