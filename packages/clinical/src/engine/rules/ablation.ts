import { hasCordCompression, type LesionContext, type PatientContext } from '../context.js';
import type { TreatmentOption } from '../report.js';
import { input, option, type LesionRule } from '../rule.js';
import { MODERATE_PAIN_MIN, procedureContraindications, radiotherapyUnavailable } from './minimally-invasive-common.js';

/**
 * Image-guided ablation for painful bone metastases (worst pain ≥ 4) when radiotherapy has failed (pain more
 * than 1 month after it) or the site is at its dose limit, and not while the lesion compresses the cord: radiofrequency ablation (CIRSE 2022; ACOSOG Z4033, Dupuy 2010) or cryoablation (MOTION,
 * Jennings 2021: worst pain fell by 2.6 points at 8 weeks). MR-guided focused ultrasound for painful lesions
 * after or instead of radiotherapy (Hurwitz 2014 phase III: 64% vs 20% responders at 3 months), applied here to
 * lesions outside the spine (a convention: the trial treated lesions reachable by the ultrasound beam).
 * Breast carcinoma counts as radiosensitive (NOMS), so "radioresistant histology" does not open this route here.
 */
export const ablationRule: LesionRule = {
  id: 'thermal-ablation',
  statement:
    'Painful lesion (worst pain ≥ 4) where radiotherapy failed (> 1 month), or the site is at its dose limit: consider radiofrequency ablation or cryoablation, and MR-guided focused ultrasound outside the spine.',
  evaluate(patient: PatientContext, lesion: LesionContext): readonly TreatmentOption[] {
    const pain = lesion.lesion.pain.worstPain;
    const why = radiotherapyUnavailable(lesion);
    if (pain < MODERATE_PAIN_MIN || why.length === 0) return [];
    const rule = ablationRule;
    const fired = [
      input(`${lesion.path}.pain.worstPain`, pain),
      input(`${lesion.path}.priorRadiotherapy`, why.join('; ')),
    ];
    const absolute = [
      ...procedureContraindications(patient, false),
      ...(hasCordCompression(lesion)
        ? [`cord compression (ESCC ${lesion.lesion.spine?.esccGrade ?? ''}): managed on the MSCC pathway first`]
        : []),
    ];
    if (absolute.length > 0) {
      return [
        option(rule, {
          id: 'minimally-invasive.ablation',
          kind: 'minimally_invasive',
          strength: 'not_recommended',
          title: `${lesion.where.display}: ablation not advised now`,
          reasons: absolute.map((a) => `not now: ${a}`),
          firedBy: fired,
          sources: ['cirse-2022-ablation'],
        }),
      ];
    }
    const spinal = lesion.where.spinalLevel !== undefined;
    const fractureRisk =
      lesion.mirels !== undefined && lesion.mirels.total >= 8
        ? [
            `fracture risk (Mirels ${String(lesion.mirels.total)}): ablation does not stabilise bone; orthopaedic opinion first`,
          ]
        : lesion.sins !== undefined && lesion.sins.category !== 'stable'
          ? [`spinal instability (SINS ${String(lesion.sins.total)}): ablation does not stabilise the spine`]
          : [];
    const options = [
      option(rule, {
        id: 'minimally-invasive.ablation',
        kind: 'minimally_invasive',
        strength: 'consider',
        title: `${lesion.where.display}: radiofrequency ablation or cryoablation`,
        reasons: [
          `painful (worst pain ${String(pain)}/10): ${why.join('; ')}`,
          'ablation palliates pain after failed or unsuitable radiotherapy (ACOSOG Z4033; MOTION)',
        ],
        cautions: [
          ...fractureRisk,
          ...(spinal ? ['next to the spinal cord or nerve roots: thermal protection and monitoring are needed'] : []),
          ...(lesion.where.weightBearing && lesion.lesion.type !== 'blastic'
            ? ['weight-bearing lytic or mixed lesion: combine with cement consolidation (CIRSE 2022)']
            : []),
          'decided by the multidisciplinary team (CIRSE 2022)',
        ],
        firedBy: fired,
        sources: ['cirse-2022-ablation', 'dupuy-2010', 'jennings-2021'],
      }),
    ];
    if (!spinal) {
      options.push(
        option(rule, {
          id: 'minimally-invasive.mrgfus',
          kind: 'minimally_invasive',
          strength: 'consider',
          title: `${lesion.where.display}: MR-guided focused ultrasound`,
          reasons: [
            `painful (worst pain ${String(pain)}/10): ${why.join('; ')}`,
            'phase III: 64.3% vs 20.0% pain responders at 3 months against sham (Hurwitz 2014)',
          ],
          cautions: [
            'the lesion must be reachable by the ultrasound beam (bone surface, no intervening bowel or nerve)',
            ...fractureRisk,
            'two pathological fractures occurred after treatment in the phase III trial (Hurwitz 2014)',
          ],
          firedBy: fired,
          sources: ['hurwitz-2014'],
        }),
      );
    }
    return options;
  },
};
