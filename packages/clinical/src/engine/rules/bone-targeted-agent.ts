import { computeDentalCheck } from '../../medication/dental-check.js';
import { computeDenosumab } from '../../medication/denosumab.js';
import { computeZoledronicAcidDose } from '../../medication/zoledronic-acid-dose.js';
import { computeZoledronicAcidRenalCheck } from '../../medication/zoledronic-acid-renal-check.js';
import type { PatientContext } from '../context.js';
import type { TreatmentOption } from '../report.js';
import { input, option, type PatientRule } from '../rule.js';

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
    const bta = patient.state.boneTargetedAgent;
    return bta.current === 'none' ? startOptions(patient) : continuingOptions(patient);
  },
};

const rule = boneTargetedAgentRule;

function dentalOptions(patient: PatientContext, starting: boolean): TreatmentOption[] {
  const status = patient.state.dental.status;
  const check = computeDentalCheck({ dentalStatus: status });
  if (status === 'cleared') return [];
  return [
    option(rule, {
      id: `bta.dental.${status}`,
      kind: 'supportive',
      strength: status === 'osteonecrosis_of_jaw' ? 'urgent' : 'recommended',
      title: starting ? `Before a bone-targeted agent: ${check.summary}` : `On a bone-targeted agent: ${check.summary}`,
      reasons: [...check.details],
      firedBy: [input('dental.status', status)],
      sources: check.sources,
    }),
  ];
}

function startOptions(patient: PatientContext): TreatmentOption[] {
  const { state } = patient;
  const options: TreatmentOption[] = [];
  const fired = [
    input('boneTargetedAgent.current', 'none'),
    input('disease.boneLesionCount', state.disease.boneLesionCount),
  ];
  const common = [
    'a bone-targeted agent is not a treatment for pain on its own: use analgesia, radiotherapy and the other local options alongside (ASCO-CCO 2017)',
  ];
  options.push(...dentalOptions(patient, true));
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
  const dentalCaution =
    state.dental.status === 'cleared' ? [] : ['complete the dental assessment and any invasive dental work first'];

  // Denosumab: no renal dose adjustment; hypocalcaemia risk with severe renal impairment (Xgeva label).
  const denosumabCautions = [...dentalCaution];
  if (patient.crcl !== undefined && patient.correctedCalcium !== undefined) {
    const den = computeDenosumab({
      crclMlMin: patient.crcl.crclMlMin,
      correctedCalcium: { value: patient.correctedCalcium.correctedCalciumMgDl, unit: 'mg/dL' },
      dialysis: state.labs.onDialysis ?? false,
    });
    denosumabCautions.push(...den.details.filter((d) => /hypocalc|calcium/i.test(d)));
  } else {
    denosumabCautions.push(
      'check corrected calcium and creatinine clearance first: hypocalcaemia must be corrected before the first dose, and the risk is higher when CrCl < 30 mL/min or on dialysis (Xgeva label)',
    );
  }
  if (patient.hypocalcaemia !== undefined && patient.hypocalcaemia.labGrade > 0) {
    denosumabCautions.unshift(
      `hypocalcaemia now (CTCAE lab grade ${String(patient.hypocalcaemia.labGrade)}): correct it before the first dose`,
    );
  }
  options.push(
    option(rule, {
      id: 'bta.start.denosumab',
      kind: 'bone_targeted_agent',
      strength: 'recommended',
      title: 'Start denosumab 120 mg SC every 4 weeks, with calcium and vitamin D',
      reasons: [
        'bone metastases of breast cancer (ASCO-CCO 2017; ESMO 2020 [I,A])',
        'no renal dose adjustment; at least 500 mg calcium and 400 IU vitamin D daily unless hypercalcaemic (Xgeva label)',
        'delayed the first skeletal-related event compared with zoledronic acid (Stopeck 2010: HR 0.82)',
      ],
      cautions: [...denosumabCautions, ...common],
      firedBy: fired,
      sources: ['asco-2017-bma', 'esmo-2020-bone', 'xgeva-label', 'stopeck-2010'],
    }),
  );

  if (patient.crcl === undefined) {
    options.push(
      option(rule, {
        id: 'bta.start.zoledronic-acid',
        kind: 'bone_targeted_agent',
        strength: 'recommended',
        title: 'Start zoledronic acid IV every 12 weeks or every 3-4 weeks (dose by creatinine clearance)',
        reasons: ['bone metastases of breast cancer (ASCO-CCO 2017; ESMO 2020 [I,A])'],
        cautions: [
          'the dose depends on Cockcroft-Gault creatinine clearance, which could not be computed: give weight and serum creatinine',
          ...dentalCaution,
          ...common,
        ],
        firedBy: fired,
        sources: ['asco-2017-bma', 'esmo-2020-bone', 'zometa-label'],
      }),
    );
  } else {
    const dose = computeZoledronicAcidDose({ crclMlMin: patient.crcl.crclMlMin });
    const crclText = `creatinine clearance ${patient.crcl.crclMlMin.toFixed(0)} mL/min (Cockcroft-Gault)`;
    options.push(
      dose.recommended
        ? option(rule, {
            id: 'bta.start.zoledronic-acid',
            kind: 'bone_targeted_agent',
            strength: 'recommended',
            title: `Start zoledronic acid ${String(dose.doseMg)} mg IV over at least 15 minutes, every 12 weeks or every 3-4 weeks`,
            reasons: [
              `${crclText}: ${dose.summary}`,
              'every 12 weeks was non-inferior to every 4 weeks (CALGB 70604)',
              ...dose.details.slice(0, 2),
            ],
            cautions: [
              'serum creatinine before each dose; oral calcium 500 mg and vitamin D 400 IU daily (Zometa label)',
              ...dentalCaution,
              ...common,
            ],
            firedBy: [
              ...fired,
              input(
                'labs.serumCreatinine',
                `${String(state.labs.serumCreatinine?.value)} ${state.labs.serumCreatinine?.unit ?? ''}`,
              ),
            ],
            sources: ['asco-2017-bma', 'zometa-label', 'himelstein-2017'],
          })
        : option(rule, {
            id: 'bta.start.zoledronic-acid',
            kind: 'bone_targeted_agent',
            strength: 'not_recommended',
            title: 'Zoledronic acid not recommended: creatinine clearance below 30 mL/min',
            reasons: [`${crclText}: ${dose.summary}`],
            firedBy: [
              input(
                'labs.serumCreatinine',
                `${String(state.labs.serumCreatinine?.value)} ${state.labs.serumCreatinine?.unit ?? ''}`,
              ),
            ],
            sources: ['zometa-label'],
          }),
    );
  }
  options.push(
    option(rule, {
      id: 'bta.start.pamidronate',
      kind: 'bone_targeted_agent',
      strength: 'consider',
      title: 'Alternative: pamidronate 90 mg IV over 2 hours every 3-4 weeks',
      reasons: [
        'listed by ASCO-CCO 2017 for breast cancer with bone metastases; longer infusion than zoledronic acid (Aredia label)',
      ],
      cautions: [
        'serum creatinine before each dose; same renal-deterioration hold rule as zoledronic acid (Aredia label)',
        ...dentalCaution,
      ],
      firedBy: fired,
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
  if (bta.current === 'zoledronic_acid' || bta.current === 'pamidronate') {
    const current = state.labs.serumCreatinine;
    const baseline = bta.baselineCreatinine;
    if (current !== undefined && baseline !== undefined) {
      const check = computeZoledronicAcidRenalCheck({
        baselineCreatinine: baseline,
        currentCreatinine: current,
        withheld: bta.withheldForRenalDeterioration ?? false,
      });
      options.push(
        option(rule, {
          id: `bta.renal-check.${check.action}`,
          kind: 'bone_targeted_agent',
          strength: check.action === 'withhold' || check.action === 'continue_holding' ? 'urgent' : 'information',
          title: `${agentName}: ${check.summary}`,
          reasons: [...check.details],
          firedBy: [
            input('boneTargetedAgent.baselineCreatinine', `${String(baseline.value)} ${baseline.unit}`),
            input('labs.serumCreatinine', `${String(current.value)} ${current.unit}`),
          ],
          sources: bta.current === 'pamidronate' ? ['aredia-label', ...check.sources] : check.sources,
        }),
      );
    } else {
      options.push(
        option(rule, {
          id: 'bta.renal-check.not-possible',
          kind: 'bone_targeted_agent',
          strength: 'information',
          title: `${agentName}: renal deterioration check not possible`,
          reasons: [
            `needs ${[baseline === undefined ? 'boneTargetedAgent.baselineCreatinine' : '', current === undefined ? 'labs.serumCreatinine' : ''].filter((x) => x !== '').join(' and ')}: the label withholds the drug when creatinine rises by 0.5 mg/dL from a normal baseline or 1.0 mg/dL from an abnormal one`,
          ],
          firedBy: [input('boneTargetedAgent.current', bta.current)],
          sources: [bta.current === 'pamidronate' ? 'aredia-label' : 'zometa-label'],
        }),
      );
    }
    if (bta.current === 'zoledronic_acid') {
      options.push(
        option(rule, {
          id: 'bta.zoledronic-acid.12-weekly',
          kind: 'bone_targeted_agent',
          strength: 'consider',
          title: 'Zoledronic acid every 12 weeks instead of every 4 weeks',
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
  if (bta.current === 'denosumab') {
    const warnings: string[] = [];
    if (patient.crcl !== undefined && patient.crcl.crclMlMin < 30)
      warnings.push(`creatinine clearance ${patient.crcl.crclMlMin.toFixed(0)} mL/min (< 30)`);
    if (state.labs.onDialysis === true) warnings.push('on dialysis');
    if (patient.hypocalcaemia !== undefined && patient.hypocalcaemia.labGrade > 0)
      warnings.push(`hypocalcaemia, CTCAE lab grade ${String(patient.hypocalcaemia.labGrade)}`);
    if (warnings.length === 0) {
      options.push(
        option(rule, {
          id: 'bta.denosumab.continue',
          kind: 'bone_targeted_agent',
          strength: 'information',
          title: 'Denosumab 120 mg SC every 4 weeks: continue, with calcium and vitamin D',
          reasons: [
            'no renal dose adjustment; at least 500 mg calcium and 400 IU vitamin D daily unless hypercalcaemic; monitor calcium (Xgeva label)',
          ],
          cautions: [
            'multiple vertebral fractures have been reported after stopping: assess the fracture risk before stopping (Xgeva label)',
          ],
          firedBy: [input('boneTargetedAgent.current', bta.current)],
          sources: ['xgeva-label'],
        }),
      );
    } else {
      options.push(
        option(rule, {
          id: 'bta.denosumab.hypocalcaemia-risk',
          kind: 'bone_targeted_agent',
          strength: 'urgent',
          title: 'Denosumab: high risk of hypocalcaemia: check calcium and supplementation before the next dose',
          reasons: [
            ...warnings,
            'severe hypocalcaemia is more frequent with CrCl < 30 mL/min, dialysis or inadequate supplementation (Xgeva label)',
          ],
          firedBy: [input('boneTargetedAgent.current', bta.current)],
          sources: ['xgeva-label'],
        }),
      );
    }
  }
  return options;
}
