import { hasCordCompression, surgeryExclusions, type LesionContext, type PatientContext } from '../context.js';
import type { TreatmentOption } from '../report.js';
import { input, option, type LesionRule } from '../rule.js';

/** ASTRO 2017: re-irradiation is considered for pain that recurs or persists more than 1 month after radiotherapy. */
export const REIRRADIATION_MIN_MONTHS = 1;

/**
 * Moderate to severe pain: worst pain ≥ 4 of 10. ESMO 2020 recommends radiotherapy for localised moderate to
 * severe bone pain [I,A]; the MRgFUS phase III trial (Hurwitz 2014) enrolled worst pain ≥ 4. Milder pain is
 * put forward as "consider".
 */
export const MODERATE_PAIN_MIN = 4;

/**
 * Palliative external-beam radiotherapy for painful bone metastases.
 * ASTRO 2017 (Lutz): 8 Gy × 1, 20 Gy/5, 24 Gy/6 and 30 Gy/10 give equivalent pain relief for previously
 * unirradiated painful metastases; single fraction has a higher re-treatment rate and suits limited life
 * expectancy; re-irradiation is considered for pain persisting or recurring > 1 month after radiotherapy.
 * ESMO 2020: radiotherapy is the treatment of choice for localised moderate to severe bone pain [I,A]; a single
 * 8 Gy fraction for painful uncomplicated metastases [I,A]; post-operative radiotherapy after fixation or
 * decompression [III,B]. Lesions with cord compression (ESCC 2-3) are left to the MSCC rule.
 */
export const radiotherapyRule: LesionRule = {
  id: 'palliative-radiotherapy',
  statement:
    'Painful unirradiated lesion: external-beam radiotherapy (8 Gy × 1, 20 Gy/5, 24 Gy/6 or 30 Gy/10 are equivalent for uncomplicated lesions; complicated lesions after the surgical decision); pain persisting > 1 month after radiotherapy without response: consider re-irradiation unless the site is at its dose limit.',
  evaluate(patient: PatientContext, lesion: LesionContext): readonly TreatmentOption[] {
    if (hasCordCompression(lesion)) return [];
    if (lesion.lesion.radiotherapyUnsuitable === true) return [radiotherapyUnsuitable(lesion)];
    const postOperative = postOperativeRadiotherapy(lesion);
    if (postOperative !== undefined) return [postOperative];
    if (lesion.lesion.pain.worstPain === 0) return [];
    const options = lesion.lastRadiotherapy === undefined ? firstCourse(patient, lesion) : afterRadiotherapy(lesion);
    return patient.oligometastatic ? options.map(withOligometastaticNote) : options;
  },
};

const rule = radiotherapyRule;

/** Operations after which radiotherapy to the operated site is recommended (ESMO 2020 [III,B]). */
const POST_OPERATIVE_RT_AFTER = new Set(['fixation', 'decompression', 'stabilisation']);

/** Fixation or decompression with no radiotherapy to the site since: post-operative radiotherapy. */
function postOperativeRadiotherapy(lesion: LesionContext): TreatmentOption | undefined {
  const surgery = lesion.lesion.priorSurgery;
  if (surgery === undefined || !POST_OPERATIVE_RT_AFTER.has(surgery.procedure)) return undefined;
  const irradiatedSince = lesion.lesion.priorRadiotherapy.some((course) => course.endDate >= surgery.date);
  if (irradiatedSince) return undefined;
  return option(rule, {
    id: 'radiotherapy.post-operative',
    kind: 'radiotherapy',
    strength: 'recommended',
    title: `${lesion.where.display}: post-operative radiotherapy after ${surgery.procedure} (${surgery.date})`,
    reasons: ['radiotherapy after orthopaedic fixation or spinal decompression/stabilisation (ESMO 2020 [III,B])'],
    firedBy: [input(`${lesion.path}.priorSurgery`, `${surgery.procedure} ${surgery.date}`)],
    sources: ['esmo-2020-bone'],
  });
}

function radiotherapyUnsuitable(lesion: LesionContext): TreatmentOption {
  return option(rule, {
    id: 'radiotherapy.unsuitable',
    kind: 'radiotherapy',
    strength: 'information',
    title: `${lesion.where.display}: radiotherapy recorded as not possible or declined`,
    reasons: ['the other local options below are weighed without radiotherapy'],
    firedBy: [input(`${lesion.path}.radiotherapyUnsuitable`, true)],
    sources: ['astro-2017'],
  });
}

/** The patient also qualifies for the oligometastatic option: the dose is chosen with that in mind. */
function withOligometastaticNote(base: TreatmentOption): TreatmentOption {
  return {
    ...base,
    cautions: [
      ...base.cautions,
      'the patient qualifies for the oligometastatic option (stereotactic radiotherapy to every site): decide the dose for this lesion with that in mind',
    ],
  };
}

function firstCourse(patient: PatientContext, lesion: LesionContext): TreatmentOption[] {
  const pain = lesion.lesion.pain;
  const strength = pain.worstPain >= MODERATE_PAIN_MIN ? 'recommended' : 'consider';
  const painText = `worst pain ${String(pain.worstPain)}/10${pain.worstPain < MODERATE_PAIN_MIN ? ' (mild)' : ''}`;
  const painInput = input(`${lesion.path}.pain.worstPain`, pain.worstPain);
  const limited = patient.limitedLifeExpectancy;

  if (lesion.complications.length > 0) {
    const excluded = surgeryExclusions(patient.state);
    return [
      option(rule, {
        id: 'radiotherapy.complicated',
        kind: 'radiotherapy',
        strength,
        title:
          excluded.length > 0
            ? `${lesion.where.display}: palliative radiotherapy (complicated lesion; surgery excluded)`
            : `${lesion.where.display}: palliative radiotherapy, planned with the surgical decision (complicated lesion)`,
        reasons: [
          `${painText}; complicated: ${lesion.complications.join('; ')}`,
          excluded.length > 0
            ? `surgery excluded (${excluded.join('; ')}): radiotherapy is the local treatment`
            : 'after fixation or decompression, post-operative radiotherapy is recommended (ESMO 2020 [III,B]); without surgery, radiotherapy alone',
          'the equivalence of single and multiple fractions (ASTRO 2017) was shown for uncomplicated metastases: the schedule is the radiation oncologist’s choice here',
        ],
        firedBy: [painInput, ...lesion.complications.map((c) => input(lesion.path, c))],
        sources: ['esmo-2020-bone', 'astro-2017'],
      }),
    ];
  }
  if (lesion.unassessed.length > 0) {
    return [
      option(rule, {
        id: 'radiotherapy.painful-not-staged',
        kind: 'radiotherapy',
        strength,
        title: `${lesion.where.display}: palliative radiotherapy, once fracture and compression risk are assessed`,
        reasons: [
          `${painText}, not previously irradiated`,
          `not yet known whether the lesion is complicated: ${lesion.unassessed.join('; ')}`,
          'if uncomplicated, 8 Gy × 1, 20 Gy/5, 24 Gy/6 and 30 Gy/10 relieve pain equally (ASTRO 2017)',
        ],
        firedBy: [painInput, ...lesion.unassessed.map((u) => input(lesion.path, `not recorded: ${u}`))],
        sources: ['astro-2017', 'esmo-2020-bone'],
      }),
    ];
  }
  return [
    option(rule, {
      id: 'radiotherapy.uncomplicated-painful',
      kind: 'radiotherapy',
      strength,
      title: `${lesion.where.display}: palliative radiotherapy${limited.length > 0 ? ', single 8 Gy fraction' : ' (8 Gy × 1, 20 Gy/5, 24 Gy/6 or 30 Gy/10)'}`,
      reasons: [
        `${painText}, not previously irradiated, uncomplicated`,
        '8 Gy × 1, 20 Gy in 5, 24 Gy in 6 and 30 Gy in 10 fractions relieve pain equally (ASTRO 2017); a single 8 Gy fraction is recommended for painful uncomplicated metastases (ESMO 2020 [I,A])',
        ...(limited.length > 0 ? [`limited life expectancy favours a single fraction: ${limited.join('; ')}`] : []),
      ],
      cautions: [
        'tell the patient that a single fraction carries a higher chance of re-treatment than multiple fractions (ASTRO 2017)',
        'prophylactic antiemetics and dexamethasone (ESMO 2020 [II,B])',
      ],
      firedBy: [painInput, ...limited.map((reason) => input('limitedLifeExpectancy', reason))],
      sources: ['astro-2017', 'esmo-2020-bone'],
    }),
  ];
}

function afterRadiotherapy(lesion: LesionContext): TreatmentOption[] {
  const last = lesion.lastRadiotherapy;
  if (last === undefined) return [];
  const pain = lesion.lesion.pain;
  const painInput = input(`${lesion.path}.pain.worstPain`, pain.worstPain);
  const months = last.monthsSinceEnd;
  const courseText = `${String(last.course.totalDoseGy)} Gy in ${String(last.course.fractions)} fraction${last.course.fractions === 1 ? '' : 's'} ending ${last.course.endDate}`;
  const rtInput = input(`${lesion.path}.priorRadiotherapy`, courseText);
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
  const responseSource = response === undefined ? [] : (['chow-2012'] as const);
  if (response?.responder === true && pain.worstPain < MODERATE_PAIN_MIN) {
    return [
      option(rule, {
        id: 'radiotherapy.responding',
        kind: 'radiotherapy',
        strength: 'information',
        title: `${lesion.where.display}: pain responded to radiotherapy; no re-irradiation now`,
        reasons: [
          `worst pain ${String(pain.worstPain)}/10 ${months.toFixed(1)} months after ${courseText}`,
          ...responseText,
        ],
        firedBy: [rtInput, painInput],
        sources: ['astro-2017', ...responseSource],
      }),
    ];
  }
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
        sources: ['astro-2017', ...responseSource],
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
        `worst pain ${String(pain.worstPain)}/10 ${months.toFixed(1)} months after ${courseText}`,
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
      sources: ['astro-2017', ...responseSource],
    }),
  ];
}
