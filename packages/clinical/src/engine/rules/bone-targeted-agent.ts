import { computeDentalCheck } from '../../medication/dental-check.js';
import { denosumabCalculator } from '../../medication/denosumab.js';
import { assessBisphosphonateRenalFunction } from '../../medication/bisphosphonate-renal-check.js';
import { computeZoledronicAcidDose } from '../../medication/zoledronic-acid-dose.js';
import type { PatientContext } from '../context.js';
import type { PatientState } from '../patient-state.js';
import type { TreatmentOption } from '../report.js';
import { input, option, type PatientRule } from '../rule.js';

/** Zometa label: not recommended below a creatinine clearance of 30 mL/min in bone metastases. */
const SEVERE_RENAL_IMPAIRMENT_CRCL = 30;

/**
 * Bone-targeted agents (bone-modifying agents, BMA).
 * ASCO-CCO 2017: every patient with breast cancer and bone metastases should receive a BMA: denosumab 120 mg
 * SC every 4 weeks, pamidronate 90 mg IV every 3-4 weeks, or zoledronic acid 4 mg IV every 12 weeks or every
 * 3-4 weeks; evidence is insufficient to prefer one; BMAs are not a treatment for pain on their own.
 * ESMO 2020: start zoledronate or denosumab in breast cancer with bone metastases, symptomatic or not [I,A].
 * ASCO 2011 (carried forward): dental examination and preventive dentistry before a BMA.
 * Doses, renal rules and precautions: Zometa, Aredia and Xgeva labels (see the medication calculators).
 */
export const boneTargetedAgentRule: PatientRule = {
  id: 'bone-targeted-agent',
  statement:
    'Bone metastases of breast cancer: a bone-targeted agent (denosumab, zoledronic acid or pamidronate) for every patient, after a dental assessment, dosed and monitored per label.',
  evaluate(patient: PatientContext): readonly TreatmentOption[] {
    return patient.state.boneTargetedAgent.current === 'none' ? startOptions(patient) : continuingOptions(patient);
  },
};

const rule = boneTargetedAgentRule;

/**
 * Dental findings in a patient already on an agent. The labels advise good oral hygiene and dental review
 * during treatment, avoiding invasive dental procedures where possible, and referral of osteonecrosis of the jaw
 * to a dentist or oral surgeon with consideration of interrupting the agent (Zometa, Xgeva labels).
 */
const DENTAL_ON_TREATMENT: Readonly<Record<Exclude<PatientState['dental']['status'], 'cleared'>, string>> = {
  not_assessed: 'dental examination now: good oral hygiene and regular dental review continue during treatment',
  invasive_procedure_planned:
    'avoid invasive dental procedures during treatment where possible: plan the procedure with the dentist and the treating oncologist',
  active_dental_infection:
    'treat the dental infection with the dentist; avoid extractions during treatment where possible',
  osteonecrosis_of_jaw:
    'refer to a dentist or oral surgeon and consider interrupting the agent until the osteonecrosis is assessed',
};

function dentalOptions(patient: PatientContext, starting: boolean): TreatmentOption[] {
  const status = patient.state.dental.status;
  if (status === 'cleared') return [];
  const fired = [input('dental.status', status)];
  const strength = status === 'osteonecrosis_of_jaw' ? 'urgent' : 'recommended';
  if (!starting) {
    return [
      option(rule, {
        id: `bta.dental.${status}`,
        kind: 'supportive',
        strength,
        title: `On a bone-targeted agent, dental status ${status.replace(/_/g, ' ')}: ${DENTAL_ON_TREATMENT[status]}`,
        reasons: ['osteonecrosis of the jaw is a known risk of denosumab and bisphosphonates (Zometa, Xgeva labels)'],
        firedBy: fired,
        sources: ['zometa-label', 'xgeva-label'],
      }),
    ];
  }
  const check = computeDentalCheck({ dentalStatus: status });
  return [
    option(rule, {
      id: `bta.dental.${status}`,
      kind: 'supportive',
      strength,
      title: check.summary,
      reasons: [...check.details],
      assumptions: check.assumptions,
      firedBy: fired,
      sources: check.sources,
    }),
  ];
}

/** Hypercalcaemia now (any lab grade, or the label's HCM threshold): calcium supplements must wait. */
function isHypercalcaemic(patient: PatientContext): boolean {
  return (patient.hypercalcaemiaGrade ?? 0) > 0;
}

function isHypocalcaemic(patient: PatientContext): boolean {
  return (patient.hypocalcaemiaGrade ?? 0) > 0;
}

function calciumSupplementText(patient: PatientContext, advice: string): string {
  return isHypercalcaemic(patient)
    ? 'no calcium or vitamin D supplements while hypercalcaemic; start them once calcium is normal'
    : advice;
}

function dialysisNote(patient: PatientContext): string[] {
  return patient.state.labs.onDialysis === undefined
    ? ['dialysis status not recorded (labs.onDialysis): taken as not on dialysis for the hypocalcaemia warning']
    : [];
}

function startOptions(patient: PatientContext): TreatmentOption[] {
  const { state } = patient;
  const options: TreatmentOption[] = [...dentalOptions(patient, true)];
  const fired = [
    input('boneTargetedAgent.current', 'none'),
    input('disease.boneLesionCount', state.disease.boneLesionCount),
  ];
  const notForPain =
    'a bone-targeted agent is not a treatment for pain on its own: use analgesia, radiotherapy and the other local options alongside (ASCO-CCO 2017)';
  if (state.dental.status === 'osteonecrosis_of_jaw') {
    options.push(
      option(rule, {
        id: 'bta.start.deferred-onj',
        kind: 'bone_targeted_agent',
        strength: 'not_recommended',
        title: 'Do not start a bone-targeted agent before specialist review of the existing osteonecrosis of the jaw',
        reasons: [
          'osteonecrosis of the jaw is recorded; denosumab and bisphosphonates are associated with it (Zometa, Xgeva labels)',
        ],
        firedBy: [input('dental.status', state.dental.status)],
        sources: ['zometa-label', 'xgeva-label'],
      }),
    );
    return options;
  }
  const dentalFirst =
    state.dental.status === 'cleared' ? [] : ['complete the dental assessment and any invasive dental work first'];
  const crcl = patient.crcl?.crclMlMin;
  const crclText = crcl === undefined ? undefined : `creatinine clearance ${crcl.toFixed(0)} mL/min (Cockcroft-Gault)`;
  const creatinineInput = input(
    'labs.serumCreatinine',
    `${String(state.labs.serumCreatinine?.value)} ${state.labs.serumCreatinine?.unit ?? ''}`,
  );

  // Denosumab: no renal dose adjustment; hypocalcaemia must be corrected first and is more likely with severe
  // renal impairment (Xgeva label).
  const denosumabCautions = [...dentalFirst];
  const denosumabAssumptions: string[] = [];
  const cca = patient.correctedCalcium;
  const totalCalcium = state.labs.totalCalcium;
  if (crcl !== undefined && cca !== undefined && totalCalcium !== undefined) {
    const unit = totalCalcium.unit;
    const { calciumLowerLimitOfNormal: lln, calciumUpperLimitOfNormal: uln } = state.labs;
    const limits =
      lln !== undefined && uln !== undefined && lln.unit === unit && uln.unit === unit
        ? { lowerLimitOfNormal: lln, upperLimitOfNormal: uln }
        : {};
    const parsed = denosumabCalculator.input.safeParse({
      crclMlMin: crcl,
      dialysis: state.labs.onDialysis ?? false,
      correctedCalcium: { value: unit === 'mg/dL' ? cca.correctedCalciumMgDl : cca.correctedCalciumMmolL, unit },
      ...limits,
    });
    if (parsed.success) {
      const den = denosumabCalculator.compute(parsed.data);
      denosumabCautions.push(...den.warnings);
      denosumabAssumptions.push(...den.assumptions, ...dialysisNote(patient));
    }
  } else {
    denosumabCautions.push(
      'check corrected calcium and creatinine clearance first: hypocalcaemia must be corrected before the first dose, and the risk is higher when CrCl < 30 mL/min or on dialysis (Xgeva label)',
    );
  }
  const hypocalcaemic = isHypocalcaemic(patient);
  options.push(
    option(rule, {
      id: 'bta.start.denosumab',
      kind: 'bone_targeted_agent',
      strength: hypocalcaemic ? 'consider' : 'recommended',
      title: hypocalcaemic
        ? 'Denosumab 120 mg SC every 4 weeks, once the hypocalcaemia is corrected'
        : 'Start denosumab 120 mg SC every 4 weeks, with calcium and vitamin D',
      reasons: [
        'bone metastases of breast cancer (ASCO-CCO 2017; ESMO 2020 [I,A])',
        `no renal dose adjustment; ${calciumSupplementText(patient, 'at least 500 mg calcium and 400 IU vitamin D daily unless hypercalcaemic (Xgeva label)')}`,
        'delayed the first skeletal-related event compared with zoledronic acid (Stopeck 2010: HR 0.82)',
        ...(hypocalcaemic
          ? [
              `hypocalcaemia now (CTCAE lab grade ${String(patient.hypocalcaemiaGrade)}): correct it before the first dose (Xgeva label)`,
            ]
          : []),
      ],
      cautions: [...denosumabCautions, notForPain],
      assumptions: denosumabAssumptions,
      firedBy: fired,
      sources: ['asco-2017-bma', 'esmo-2020-bone', 'xgeva-label', 'stopeck-2010'],
    }),
  );

  const zaCalcium = calciumSupplementText(patient, 'oral calcium 500 mg and vitamin D 400 IU daily (Zometa label)');
  if (crcl === undefined) {
    options.push(
      option(rule, {
        id: 'bta.start.zoledronic-acid',
        kind: 'bone_targeted_agent',
        strength: 'recommended',
        title: 'Start zoledronic acid IV every 12 weeks or every 3-4 weeks (dose by creatinine clearance)',
        reasons: ['bone metastases of breast cancer (ASCO-CCO 2017; ESMO 2020 [I,A])'],
        cautions: [
          'the dose depends on Cockcroft-Gault creatinine clearance, which could not be computed: give weight and serum creatinine',
          zaCalcium,
          ...dentalFirst,
          notForPain,
        ],
        firedBy: fired,
        sources: ['asco-2017-bma', 'esmo-2020-bone', 'zometa-label'],
      }),
    );
  } else {
    const dose = computeZoledronicAcidDose({ crclMlMin: crcl });
    options.push(
      dose.recommended
        ? option(rule, {
            id: 'bta.start.zoledronic-acid',
            kind: 'bone_targeted_agent',
            strength: 'recommended',
            title: `Start zoledronic acid ${String(dose.doseMg)} mg IV over at least 15 minutes, every 12 weeks or every 3-4 weeks`,
            reasons: [
              `${crclText ?? ''}: ${dose.summary}`,
              'every 12 weeks was non-inferior to every 4 weeks (CALGB 70604)',
            ],
            cautions: ['serum creatinine before each dose (Zometa label)', zaCalcium, ...dentalFirst, notForPain],
            assumptions: dose.assumptions,
            firedBy: [...fired, creatinineInput],
            sources: ['asco-2017-bma', 'zometa-label', 'himelstein-2017'],
          })
        : option(rule, {
            id: 'bta.start.zoledronic-acid',
            kind: 'bone_targeted_agent',
            strength: 'not_recommended',
            title: `Zoledronic acid not recommended: creatinine clearance below ${String(SEVERE_RENAL_IMPAIRMENT_CRCL)} mL/min`,
            reasons: [`${crclText ?? ''}: ${dose.summary}`],
            assumptions: dose.assumptions,
            firedBy: [creatinineInput],
            sources: ['zometa-label'],
          }),
    );
  }

  // Pamidronate shares the bisphosphonate renal rule; its label's statement on severe renal impairment was not
  // checked here, so it is not put forward when clearance is below 30 mL/min or unknown.
  const pamidronateBlocked = crcl !== undefined && crcl < SEVERE_RENAL_IMPAIRMENT_CRCL;
  options.push(
    option(rule, {
      id: 'bta.start.pamidronate',
      kind: 'bone_targeted_agent',
      strength: pamidronateBlocked ? 'not_recommended' : 'consider',
      title: pamidronateBlocked
        ? `Pamidronate not put forward: creatinine clearance below ${String(SEVERE_RENAL_IMPAIRMENT_CRCL)} mL/min`
        : 'Alternative: pamidronate 90 mg IV over 2 hours every 3-4 weeks',
      reasons: pamidronateBlocked
        ? [
            `${crclText ?? ''}: a bisphosphonate like zoledronic acid, with the same renal-deterioration rule; the Aredia label's advice for severe renal impairment is not encoded here`,
          ]
        : [
            'listed by ASCO-CCO 2017 for breast cancer with bone metastases; longer infusion than zoledronic acid (Aredia label)',
          ],
      cautions: pamidronateBlocked
        ? []
        : [
            'serum creatinine before each dose; same renal-deterioration hold rule as zoledronic acid (Aredia label)',
            ...(crcl === undefined ? ['creatinine clearance unknown: check renal function first'] : []),
            ...dentalFirst,
          ],
      firedBy: crcl === undefined ? fired : [...fired, creatinineInput],
      sources: ['asco-2017-bma', 'aredia-label'],
    }),
  );
  return options;
}

function continuingOptions(patient: PatientContext): TreatmentOption[] {
  const { state } = patient;
  const bta = state.boneTargetedAgent;
  const options: TreatmentOption[] = [...dentalOptions(patient, false)];
  const agentName = bta.current.replace(/_/g, ' ');
  let onHold = bta.withheldForRenalDeterioration === true;
  if (bta.current === 'zoledronic_acid' || bta.current === 'pamidronate') {
    const current = state.labs.serumCreatinine;
    const baseline = bta.baselineCreatinine;
    if (current !== undefined && baseline !== undefined) {
      const check = assessBisphosphonateRenalFunction(
        {
          baselineCreatinine: baseline,
          currentCreatinine: current,
          ...(bta.withheldForRenalDeterioration === undefined ? {} : { withheld: bta.withheldForRenalDeterioration }),
        },
        bta.current,
      );
      onHold = check.action === 'withhold' || check.action === 'continue_holding';
      options.push(
        option(rule, {
          id: `bta.renal-check.${check.action}`,
          kind: 'bone_targeted_agent',
          strength: onHold ? 'urgent' : 'information',
          title: check.summary,
          reasons: [...check.details],
          assumptions: check.assumptions,
          firedBy: [
            input('boneTargetedAgent.baselineCreatinine', `${String(baseline.value)} ${baseline.unit}`),
            input('labs.serumCreatinine', `${String(current.value)} ${current.unit}`),
          ],
          sources: check.sources,
        }),
      );
    } else {
      const missing = [
        baseline === undefined ? 'boneTargetedAgent.baselineCreatinine' : '',
        current === undefined ? 'labs.serumCreatinine' : '',
      ]
        .filter((x) => x !== '')
        .join(' and ');
      options.push(
        option(rule, {
          id: 'bta.renal-check.not-possible',
          kind: 'bone_targeted_agent',
          strength: 'information',
          title: `${agentName}: renal deterioration check not possible`,
          reasons: [
            `needs ${missing}: the label withholds the drug when creatinine rises by 0.5 mg/dL from a normal baseline or 1.0 mg/dL from an abnormal one`,
          ],
          firedBy: [input('boneTargetedAgent.current', bta.current)],
          sources: [bta.current === 'pamidronate' ? 'aredia-label' : 'zometa-label'],
        }),
      );
    }
    const crcl = patient.crcl?.crclMlMin;
    if (crcl !== undefined && crcl < SEVERE_RENAL_IMPAIRMENT_CRCL) {
      options.push(
        option(rule, {
          id: 'bta.bisphosphonate.severe-renal-impairment',
          kind: 'bone_targeted_agent',
          strength: 'recommended',
          title: `${agentName}: creatinine clearance now ${crcl.toFixed(0)} mL/min (< ${String(SEVERE_RENAL_IMPAIRMENT_CRCL)}): review the bisphosphonate`,
          reasons: [
            'zoledronic acid is not recommended below 30 mL/min in bone metastases (Zometa label); denosumab needs no renal dose adjustment but carries a higher risk of hypocalcaemia (Xgeva label)',
          ],
          firedBy: [
            input(
              'labs.serumCreatinine',
              `${String(state.labs.serumCreatinine?.value)} ${state.labs.serumCreatinine?.unit ?? ''}`,
            ),
          ],
          sources: ['zometa-label', 'xgeva-label'],
        }),
      );
    }
    const alreadyLongInterval = bta.intervalWeeks !== undefined && bta.intervalWeeks >= 12;
    if (
      bta.current === 'zoledronic_acid' &&
      !onHold &&
      !alreadyLongInterval &&
      state.dental.status !== 'osteonecrosis_of_jaw'
    ) {
      options.push(
        option(rule, {
          id: 'bta.zoledronic-acid.12-weekly',
          kind: 'bone_targeted_agent',
          strength: 'consider',
          title:
            bta.intervalWeeks === undefined
              ? 'Zoledronic acid every 12 weeks (if given every 4 weeks now)'
              : `Zoledronic acid every 12 weeks instead of every ${String(bta.intervalWeeks)} weeks`,
          reasons: [
            'every 12 weeks was non-inferior from the start (CALGB 70604, 1822 patients) and after about a year of monthly doses (OPTIMIZE-2, ZOOM)',
            ...(bta.monthsOnAgent === undefined
              ? []
              : [`${bta.monthsOnAgent.toFixed(0)} months on zoledronic acid so far`]),
          ],
          firedBy: [input('boneTargetedAgent.current', bta.current)],
          sources: ['himelstein-2017', 'hortobagyi-2017', 'amadori-2013', 'asco-2017-bma'],
        }),
      );
    }
  }
  if (bta.current === 'denosumab') options.push(...denosumabContinuing(patient));
  return options;
}

function denosumabContinuing(patient: PatientContext): TreatmentOption[] {
  const { state } = patient;
  const warnings: string[] = [];
  const crcl = patient.crcl?.crclMlMin;
  if (crcl !== undefined && crcl < SEVERE_RENAL_IMPAIRMENT_CRCL)
    warnings.push(`creatinine clearance ${crcl.toFixed(0)} mL/min (< 30)`);
  if (state.labs.onDialysis === true) warnings.push('on dialysis');
  if (isHypocalcaemic(patient)) warnings.push(`hypocalcaemia, CTCAE lab grade ${String(patient.hypocalcaemiaGrade)}`);
  const fired = [input('boneTargetedAgent.current', 'denosumab')];
  if (warnings.length > 0) {
    return [
      option(rule, {
        id: 'bta.denosumab.hypocalcaemia-risk',
        kind: 'bone_targeted_agent',
        strength: 'urgent',
        title: 'Denosumab: high risk of hypocalcaemia: check calcium and supplementation before the next dose',
        reasons: [
          ...warnings,
          'severe hypocalcaemia is more frequent with CrCl < 30 mL/min, dialysis or inadequate supplementation (Xgeva label)',
        ],
        assumptions: dialysisNote(patient),
        firedBy: fired,
        sources: ['xgeva-label'],
      }),
    ];
  }
  return [
    option(rule, {
      id: 'bta.denosumab.continue',
      kind: 'bone_targeted_agent',
      strength: 'information',
      title: 'Denosumab 120 mg SC every 4 weeks: continue, with calcium and vitamin D',
      reasons: [
        `no renal dose adjustment; ${calciumSupplementText(patient, 'at least 500 mg calcium and 400 IU vitamin D daily unless hypercalcaemic')}; monitor calcium (Xgeva label)`,
      ],
      cautions: [
        'multiple vertebral fractures have been reported after stopping: assess the fracture risk before stopping (Xgeva label)',
      ],
      assumptions: dialysisNote(patient),
      firedBy: fired,
      sources: ['xgeva-label'],
    }),
  ];
}
