import type { LesionContext, PatientContext } from '../context.js';
import type { TreatmentOption } from '../report.js';
import { input, option, type LesionRule } from '../rule.js';

/** ASTRO 2017: re-irradiation is considered for pain that recurs or persists more than 1 month after radiotherapy. */
export const REIRRADIATION_MIN_MONTHS = 1;

/**
 * Palliative external-beam radiotherapy for painful bone metastases.
 * ASTRO 2017 (Lutz): 8 Gy × 1, 20 Gy/5, 24 Gy/6 and 30 Gy/10 give equivalent pain relief for previously
 * unirradiated painful metastases; single fraction has a higher re-treatment rate and suits limited life
 * expectancy; re-irradiation is considered for pain persisting or recurring > 1 month after radiotherapy.
 * ESMO 2020: a single 8 Gy fraction for painful uncomplicated bone metastases [I,A]; post-operative
 * radiotherapy after fixation or decompression [III,B].
 */
export const radiotherapyRule: LesionRule = {
  id: 'palliative-radiotherapy',
  statement:
    'Painful unirradiated lesion: external-beam radiotherapy (8 Gy × 1, 20 Gy/5, 24 Gy/6 or 30 Gy/10 are equivalent for uncomplicated lesions); pain persisting > 1 month after radiotherapy: consider re-irradiation unless the site is at its dose limit.',
  evaluate(patient: PatientContext, lesion: LesionContext): readonly TreatmentOption[] {
    const rule = radiotherapyRule;
    const pain = lesion.lesion.pain;
    const painful = pain.worstPain > 0;
    const painInput = input(`${lesion.path}.pain.worstPain`, pain.worstPain);
    const last = lesion.lastRadiotherapy;

    if (last === undefined) {
      if (!painful) return [];
      if (lesion.complications.length === 0) {
        const limited = patient.limitedLifeExpectancy;
        return [
          option(rule, {
            id: 'radiotherapy.uncomplicated-painful',
            kind: 'radiotherapy',
            strength: 'recommended',
            title: `${lesion.where.display}: palliative radiotherapy${limited.length > 0 ? ', single 8 Gy fraction' : ' (8 Gy × 1, 20 Gy/5, 24 Gy/6 or 30 Gy/10)'}`,
            reasons: [
              `painful (worst pain ${String(pain.worstPain)}/10), not previously irradiated, uncomplicated`,
              '8 Gy × 1, 20 Gy in 5, 24 Gy in 6 and 30 Gy in 10 fractions relieve pain equally (ASTRO 2017); a single 8 Gy fraction is recommended for painful uncomplicated metastases (ESMO 2020 [I,A])',
              ...(limited.length > 0
                ? [`limited life expectancy favours a single fraction: ${limited.join('; ')}`]
                : []),
            ],
            cautions: [
              'tell the patient that a single fraction carries a higher chance of re-treatment than multiple fractions (ASTRO 2017)',
            ],
            firedBy: [painInput, ...limited.map((reason) => input('limitedLifeExpectancy', reason))],
            sources: ['astro-2017', 'esmo-2020-bone'],
          }),
        ];
      }
      return [
        option(rule, {
          id: 'radiotherapy.complicated',
          kind: 'radiotherapy',
          strength: 'consider',
          title: `${lesion.where.display}: radiotherapy once the surgical question is settled (complicated lesion)`,
          reasons: [
            `painful (worst pain ${String(pain.worstPain)}/10) and complicated: ${lesion.complications.join('; ')}`,
            'the equivalence of single and multiple fractions (ASTRO 2017) was shown for uncomplicated metastases; after fixation or decompression, post-operative radiotherapy is recommended (ESMO 2020 [III,B])',
          ],
          firedBy: [painInput, ...lesion.complications.map((c) => input(lesion.path, c))],
          sources: ['astro-2017', 'esmo-2020-bone'],
        }),
      ];
    }

    const months = last.monthsSinceEnd;
    const courseText = `${String(last.course.totalDoseGy)} Gy in ${String(last.course.fractions)} fraction${last.course.fractions === 1 ? '' : 's'} ending ${last.course.endDate}`;
    const rtInput = input(`${lesion.path}.priorRadiotherapy`, courseText);
    if (!painful) return [];
    if (months < REIRRADIATION_MIN_MONTHS) {
      return [
        option(rule, {
          id: 'radiotherapy.too-early-to-judge',
          kind: 'radiotherapy',
          strength: 'information',
          title: `${lesion.where.display}: too early to judge the response to radiotherapy`,
          reasons: [
            `irradiated ${months.toFixed(1)} months ago (${courseText}); re-irradiation is considered only for pain persisting or recurring more than 1 month after radiotherapy (ASTRO 2017)`,
          ],
          firedBy: [rtInput, painInput],
          sources: ['astro-2017'],
        }),
      ];
    }
    const response = lesion.painResponse;
    const responseText =
      response === undefined
        ? []
        : [`International Consensus pain response since radiotherapy: ${response.category.replace(/_/g, ' ')}`];
    if (last.course.doseLimitReached === true) {
      return [
        option(rule, {
          id: 'radiotherapy.reirradiation-dose-limit',
          kind: 'radiotherapy',
          strength: 'not_recommended',
          title: `${lesion.where.display}: re-irradiation not advised, the site is at its dose limit`,
          reasons: [
            `painful ${months.toFixed(1)} months after ${courseText}`,
            ...responseText,
            'the radiation oncologist recorded that the site has reached its dose limit',
          ],
          firedBy: [rtInput, painInput, input(`${lesion.path}.priorRadiotherapy[].doseLimitReached`, true)],
          sources: ['astro-2017'],
        }),
      ];
    }
    return [
      option(rule, {
        id: 'radiotherapy.reirradiation',
        kind: 'radiotherapy',
        strength: 'consider',
        title: `${lesion.where.display}: re-irradiation for persistent or recurrent pain`,
        reasons: [
          `painful (worst pain ${String(pain.worstPain)}/10) ${months.toFixed(1)} months after ${courseText}`,
          ...responseText,
          're-irradiation may be considered for pain persisting or recurring more than 1 month after radiotherapy, peripheral or spinal (ASTRO 2017)',
        ],
        cautions: [
          ...(lesion.where.spinalLevel !== undefined
            ? [
                'spine: the cumulative spinal cord dose limits re-treatment; ASTRO 2017 placed stereotactic re-treatment of the spine within trials or registries',
              ]
            : []),
          'confirm the pain arises from this lesion (not a new lesion or fracture) before re-treating',
        ],
        firedBy: [rtInput, painInput],
        sources: ['astro-2017', 'chow-2012'],
      }),
    ];
  },
};
