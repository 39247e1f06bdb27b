import type { LesionContext, PatientContext } from '../context.js';
import { REIRRADIATION_MIN_MONTHS } from './radiotherapy.js';

/**
 * Moderate-to-severe pain: worst pain ≥ 4 on the 0-10 scale, the entry criterion of the MRgFUS phase III trial
 * (Hurwitz 2014) and the cryoablation MOTION study (Jennings 2021); used for every percutaneous option.
 */
export const MODERATE_PAIN_MIN = 4;

/** Absolute contraindications shared by percutaneous procedures (CIRSE 2017, CIRSE 2022). */
export function procedureContraindications(patient: PatientContext): string[] {
  const c = patient.state.contraindications;
  return [
    ...(c.activeInfection ? ['active local or systemic infection'] : []),
    ...(c.uncorrectableCoagulopathy ? ['uncorrectable coagulopathy'] : []),
  ];
}

/**
 * Why radiotherapy is exhausted or unsuitable at this site, if it is: pain persisting more than 1 month after
 * radiotherapy (failure), or the site at its dose limit. Empty when radiotherapy remains the first choice.
 */
export function radiotherapyUnavailable(lesion: LesionContext): string[] {
  const last = lesion.lastRadiotherapy;
  if (last === undefined) return [];
  const reasons: string[] = [];
  if (last.course.doseLimitReached === true) reasons.push('the site has reached its radiotherapy dose limit');
  if (last.monthsSinceEnd >= REIRRADIATION_MIN_MONTHS && lesion.lesion.pain.worstPain > 0) {
    reasons.push(
      `pain persists ${last.monthsSinceEnd.toFixed(1)} months after radiotherapy (${String(last.course.totalDoseGy)} Gy/${String(last.course.fractions)})`,
    );
  }
  return reasons;
}
