import type { LesionContext, PatientContext } from '../context.js';
import type { TreatmentOption } from '../report.js';
import { input, option, type LesionRule } from '../rule.js';

/**
 * Long-bone fracture risk. Mirels 1989: total ≥ 9 → prophylactic fixation; 8 borderline (clinical judgement).
 * ESMO 2020: prophylactic surgery for impending fracture is preferred over fixation after fracture [III,B],
 * and post-operative radiotherapy follows fixation [III,B]. An established pathological fracture goes to the
 * orthopaedic surgeon first.
 */
export const fractureRiskRule: LesionRule = {
  id: 'long-bone-fracture-risk',
  statement:
    'Long-bone metastasis with Mirels ≥ 9 or a pathological fracture: orthopaedic referral for fixation, then post-operative radiotherapy; Mirels 8: orthopaedic opinion.',
  evaluate(_patient: PatientContext, lesion: LesionContext): readonly TreatmentOption[] {
    const rule = fractureRiskRule;
    const limb = lesion.lesion.limb;
    if (limb?.pathologicalFracture === true) {
      return [
        option(rule, {
          id: 'fracture.pathological-fracture',
          kind: 'alert',
          strength: 'urgent',
          title: `Pathological fracture of the ${lesion.where.display}: orthopaedic referral for fixation, then post-operative radiotherapy`,
          reasons: [
            'an established pathological fracture of a long bone',
            'post-operative radiotherapy after fixation (ESMO 2020 [III,B])',
          ],
          firedBy: [input(`${lesion.path}.limb.pathologicalFracture`, true)],
          sources: ['esmo-2020-bone'],
        }),
      ];
    }
    const mirels = lesion.mirels;
    if (mirels === undefined) return [];
    const fired = [input(`${lesion.path}.limb`, `Mirels ${String(mirels.total)}`)];
    if (mirels.total >= 9) {
      return [
        option(rule, {
          id: 'fracture.prophylactic-fixation',
          kind: 'alert',
          strength: 'urgent',
          title: `Impending fracture of the ${lesion.where.display} (Mirels ${String(mirels.total)} ≥ 9): orthopaedic referral for prophylactic fixation`,
          reasons: [
            `Mirels score ${String(mirels.total)}: ${mirels.summary}`,
            'prophylactic fixation is preferred over fixation after a fracture (ESMO 2020 [III,B]); post-operative radiotherapy follows fixation',
          ],
          cautions: [
            'Mirels ≥ 9 is sensitive but not specific (Damron 2003: 91% and 35% in the femur); the surgeon decides',
          ],
          firedBy: fired,
          sources: ['mirels-1989', 'esmo-2020-bone'],
        }),
      ];
    }
    if (mirels.total === 8) {
      return [
        option(rule, {
          id: 'fracture.orthopaedic-opinion',
          kind: 'referral',
          strength: 'consider',
          title: `Borderline fracture risk of the ${lesion.where.display} (Mirels 8): orthopaedic opinion`,
          reasons: [`Mirels score 8 is borderline: clinical judgement on prophylactic fixation`],
          firedBy: fired,
          sources: ['mirels-1989'],
        }),
      ];
    }
    return [];
  },
};
