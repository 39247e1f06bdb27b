import type { LesionContext, PatientContext } from '../context.js';
import { REIRRADIATION_MIN_MONTHS } from './radiotherapy.js';

export { MODERATE_PAIN_MIN } from './radiotherapy.js';

/**
 * Absolute contraindications shared by percutaneous procedures (CIRSE 2017, CIRSE 2022); cement allergy only
 * for procedures that inject cement.
 */
export function procedureContraindications(patient: PatientContext, usesCement: boolean): string[] {
  const c = patient.state.contraindications;
  return [
    ...(c.activeInfection ? ['active local or systemic infection'] : []),
    ...(c.uncorrectableCoagulopathy ? ['uncorrectable coagulopathy'] : []),
    ...(usesCement && c.cementAllergy === true ? ['allergy to bone cement'] : []),
  ];
}

/**
 * Why radiotherapy is exhausted or unsuitable at this site, if it is: pain persisting more than 1 month after
 * radiotherapy (failure), or the site at its dose limit. Empty when radiotherapy remains the first choice.
 */
export function radiotherapyUnavailable(lesion: LesionContext): string[] {
  if (lesion.lesion.radiotherapyUnsuitable === true) return ['radiotherapy to this site is not possible or declined'];
  const last = lesion.lastRadiotherapy;
  // Within a month of radiotherapy its effect cannot be judged yet (ASTRO 2017), whatever the dose.
  if (last === undefined || last.monthsSinceEnd < REIRRADIATION_MIN_MONTHS) return [];
  const reasons: string[] = [];
  if (last.course.doseLimitReached === true) reasons.push('the site has reached its radiotherapy dose limit');
  if (lesion.lesion.pain.worstPain > 0) {
    reasons.push(
      `pain persists ${last.monthsSinceEnd.toFixed(1)} months after radiotherapy (${String(last.course.totalDoseGy)} Gy/${String(last.course.fractions)})`,
    );
  }
  return reasons;
}
