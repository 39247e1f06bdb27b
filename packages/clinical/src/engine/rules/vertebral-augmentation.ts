import { DAYS_PER_MONTH, hasNeurologicalDeficit, type LesionContext, type PatientContext } from '../context.js';
import type { TreatmentOption } from '../report.js';
import { input, option, type LesionRule } from '../rule.js';
import { MODERATE_PAIN_MIN, procedureContraindications } from './minimally-invasive-common.js';

/** Vertebra plana: height loss above about 70% is a relative contraindication to cement (CIRSE 2017). */
const SEVERE_COLLAPSE_PERCENT = 70;
/** Fisher 2019 excluded a life expectancy below 12 weeks from vertebral photodynamic therapy. */
const PDT_MIN_SURVIVAL_WEEKS = 12;

/**
 * Vertebral augmentation (vertebroplasty/kyphoplasty) for a painful pathological vertebral compression
 * fracture without instability or cord compression (CIRSE 2017; CAFE trial, Berenson 2011: kyphoplasty
 * improved back function at 1 month). Absolute contraindications: infection, uncorrectable coagulopathy;
 * relative: posterior-wall disruption, epidural tumour, severe collapse.
 * Photodynamic therapy combined with augmentation is investigational (phase I, Fisher 2019): offered only as a
 * trial option, for lytic or mixed lesions without posterior-wall involvement or canal compromise, life
 * expectancy ≥ 12 weeks.
 */
export const vertebralAugmentationRule: LesionRule = {
  id: 'vertebral-augmentation',
  statement:
    'Painful vertebral compression fracture (worst pain ≥ 4) without gross instability or cord compression: consider vertebral augmentation; photodynamic therapy with augmentation only within a trial.',
  evaluate(patient: PatientContext, lesion: LesionContext): readonly TreatmentOption[] {
    const spine = lesion.lesion.spine;
    const pain = lesion.lesion.pain.worstPain;
    if (spine?.compressionFracture !== true || pain < MODERATE_PAIN_MIN) return [];
    const rule = vertebralAugmentationRule;
    const fired = [
      input(`${lesion.path}.spine.compressionFracture`, true),
      input(`${lesion.path}.pain.worstPain`, pain),
    ];
    const barriers: string[] = [];
    if (lesion.sins?.category === 'unstable' || spine.alignment === 'subluxation_translation') {
      barriers.push(
        `spinal instability (${lesion.sins === undefined ? 'subluxation' : `SINS ${String(lesion.sins.total)}`}): stabilisation, not cement alone`,
      );
    }
    if (spine.esccGrade === '2' || spine.esccGrade === '3') barriers.push(`cord compression (ESCC ${spine.esccGrade})`);
    if (hasNeurologicalDeficit(patient.state)) {
      barriers.push(`neurological deficit (${patient.state.neurology.signs.replace(/_/g, ' ')})`);
    }
    const absolute = procedureContraindications(patient, true);
    if (barriers.length > 0 || absolute.length > 0) {
      return [
        option(rule, {
          id: 'minimally-invasive.vertebral-augmentation',
          kind: 'minimally_invasive',
          strength: 'not_recommended',
          title: `${lesion.where.display}: vertebral augmentation not advised`,
          reasons: [...barriers, ...absolute.map((a) => `contraindication: ${a}`)],
          firedBy: fired,
          sources: ['cirse-2017-augmentation'],
        }),
      ];
    }
    const cautions: string[] = ['CIRSE 2017: for fractures painful despite medical therapy'];
    if (spine.esccGrade === undefined)
      cautions.push('no MRI grade recorded: epidural disease (a relative contraindication) is not excluded');
    if (spine.posteriorWallInvolved === undefined)
      cautions.push('posterior-wall integrity not recorded: check it on CT before cement');
    if (lesion.sins?.category === 'potentially_unstable') {
      cautions.push(
        `SINS ${String(lesion.sins.total)} (potentially unstable): the spine surgeon decides between cement and stabilisation`,
      );
    }
    if (spine.posteriorWallInvolved === true)
      cautions.push('posterior-wall involvement: relative contraindication (cement leakage into the canal)');
    if (spine.esccGrade === '1a' || spine.esccGrade === '1b' || spine.esccGrade === '1c')
      cautions.push(`epidural tumour (ESCC ${spine.esccGrade}): relative contraindication`);
    if (spine.collapsePercent !== undefined && spine.collapsePercent > SEVERE_COLLAPSE_PERCENT) {
      cautions.push(
        `collapse ${String(spine.collapsePercent)}% (> ${String(SEVERE_COLLAPSE_PERCENT)}%, near vertebra plana): relative contraindication`,
      );
    }
    const options = [
      option(rule, {
        id: 'minimally-invasive.vertebral-augmentation',
        kind: 'minimally_invasive',
        strength: 'consider',
        title: `${lesion.where.display}: vertebral augmentation (vertebroplasty or kyphoplasty)`,
        reasons: [
          `painful pathological compression fracture (worst pain ${String(pain)}/10) without gross instability (SINS < 13, no subluxation) or cord compression`,
          'kyphoplasty improved back-specific function at 1 month against non-surgical care (CAFE, Berenson 2011)',
        ],
        cautions,
        firedBy: fired,
        sources: ['cirse-2017-augmentation', 'berenson-2011'],
      }),
    ];
    const survival = patient.state.expectedSurvivalMonths;
    const pdtEligible =
      lesion.lesion.type !== 'blastic' &&
      spine.posteriorWallInvolved !== true &&
      (spine.esccGrade === undefined || spine.esccGrade === '0') &&
      survival !== undefined &&
      (survival * DAYS_PER_MONTH) / 7 >= PDT_MIN_SURVIVAL_WEEKS;
    if (pdtEligible) {
      options.push(
        option(rule, {
          id: 'minimally-invasive.photodynamic-therapy',
          kind: 'minimally_invasive',
          strength: 'information',
          title: `${lesion.where.display}: photodynamic therapy combined with augmentation, within a clinical trial only`,
          reasons: [
            'investigational: a phase I trial (Fisher 2019) gave verteporfin photodynamic therapy with vertebroplasty or kyphoplasty safely',
            `${lesion.lesion.type} lesion, no posterior-wall involvement or canal compromise, expected survival ${String(survival)} months (≥ 12 weeks)`,
          ],
          cautions: ['not a standard treatment; only within a trial'],
          firedBy: [...fired, input('expectedSurvivalMonths', survival)],
          sources: ['fisher-2019-pdt'],
        }),
      );
    }
    return options;
  },
};
