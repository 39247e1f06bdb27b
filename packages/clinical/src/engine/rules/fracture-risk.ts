import { surgeryExclusions, type LesionContext, type PatientContext } from '../context.js';
import type { TreatmentOption } from '../report.js';
import { input, option, type LesionRule } from '../rule.js';

/**
 * How well Mirels ≥ 9 picks out fractures differs by bone (clinical-rules note 1.3): femur, Damron 2003,
 * sensitivity 91%, specificity 35%; humerus, Evans 2008, sensitivity 14.5%, specificity 82.9%.
 */
function mirelsAccuracyCaution(lesion: LesionContext): string | undefined {
  const bone = lesion.lesion.location.bone;
  if (bone === 'femur')
    return 'in the femur Mirels ≥ 9 is sensitive but not specific (Damron 2003: 91% and 35%); the surgeon decides';
  if (bone === 'humerus')
    return 'in the humerus Mirels ≥ 9 missed most fractures (Evans 2008: sensitivity 14.5%, specificity 82.9%); the surgeon decides';
  return undefined;
}

/**
 * Long-bone fracture risk. Mirels 1989: total ≥ 9 → prophylactic fixation; 8 borderline (clinical judgement).
 * ESMO 2020: prophylactic surgery for impending fracture is preferred over fixation after fracture [III,B],
 * and post-operative radiotherapy follows fixation [III,B]. When surgery is excluded (not operable, expected
 * survival < 3 months) the referral becomes information and radiotherapy is the treatment.
 */
export const fractureRiskRule: LesionRule = {
  id: 'long-bone-fracture-risk',
  statement:
    'Long-bone metastasis with Mirels ≥ 9 or a pathological fracture: orthopaedic referral for fixation, then post-operative radiotherapy; Mirels 8: orthopaedic opinion; surgery excluded: radiotherapy.',
  evaluate(patient: PatientContext, lesion: LesionContext): readonly TreatmentOption[] {
    const rule = fractureRiskRule;
    const limb = lesion.lesion.limb;
    // Already fixed, replaced or resected: the fracture-risk question is answered.
    const surgery = lesion.lesion.priorSurgery?.procedure;
    if (surgery === 'fixation' || surgery === 'arthroplasty' || surgery === 'resection') return [];
    const excluded = surgeryExclusions(patient.state);
    const excludedText =
      excluded.length > 0
        ? [`surgery excluded: ${excluded.join('; ')}; radiotherapy for pain and local control instead`]
        : [];
    if (limb?.pathologicalFracture === true) {
      return [
        option(rule, {
          id: 'fracture.pathological-fracture',
          kind: 'alert',
          strength: excluded.length > 0 ? 'information' : 'urgent',
          title: `Pathological fracture of the ${lesion.where.display}: orthopaedic referral for fixation, then post-operative radiotherapy`,
          reasons: [
            'an established pathological fracture of a long bone',
            'post-operative radiotherapy after fixation (ESMO 2020 [III,B])',
            ...excludedText,
          ],
          firedBy: [input(`${lesion.path}.limb.pathologicalFracture`, true)],
          sources: ['esmo-2020-bone'],
        }),
      ];
    }
    const mirels = lesion.mirels;
    if (mirels === undefined) return [];
    const fired = [input(`${lesion.path}.limb`, `Mirels ${String(mirels.total)}`)];
    const accuracy = mirelsAccuracyCaution(lesion);
    if (mirels.total >= 9) {
      return [
        option(rule, {
          id: 'fracture.prophylactic-fixation',
          kind: 'alert',
          strength: excluded.length > 0 ? 'information' : 'urgent',
          title: `Impending fracture of the ${lesion.where.display} (Mirels ${String(mirels.total)} ≥ 9): orthopaedic referral for prophylactic fixation`,
          reasons: [
            mirels.summary,
            'prophylactic fixation is preferred over fixation after a fracture (ESMO 2020 [III,B]); post-operative radiotherapy follows fixation',
            ...excludedText,
          ],
          cautions: accuracy === undefined ? [] : [accuracy],
          firedBy: fired,
          sources: ['mirels-1989', 'esmo-2020-bone'],
        }),
      ];
    }
    if (mirels.total === 8 && excluded.length === 0) {
      return [
        option(rule, {
          id: 'fracture.orthopaedic-opinion',
          kind: 'referral',
          strength: 'consider',
          title: `Borderline fracture risk of the ${lesion.where.display} (Mirels 8): orthopaedic opinion`,
          reasons: ['Mirels score 8 is borderline: clinical judgement on prophylactic fixation'],
          cautions: accuracy === undefined ? [] : [accuracy],
          firedBy: fired,
          sources: ['mirels-1989'],
        }),
      ];
    }
    return [];
  },
};
