import { parseInput, RESEARCH_USE_DISCLAIMER } from '@bonemet/core';
import type { CalculatorResult } from '../calculator.js';
import { buildPatientContext, type LesionContext, type PatientContext } from './context.js';
import { patientStateSchema, type PatientState } from './patient-state.js';
import { rankOptions, type LesionReport, type RecommendationReport, type TreatmentOption } from './report.js';
import { lesionRules, patientRules } from './rules/index.js';

/** Version of the rule set; stored with every recommendation so that a report can be traced to its rules. */
export const RULE_SET_VERSION = '1.0.0';

const SCOPE = [
  'Systemic therapy (endocrine, CDK4/6 inhibitor, chemotherapy, HER2-targeted) is chosen by tumour biology and prior treatment outside these rules; bonemet does not recommend systemic regimens.',
  'Options are generated from the recorded findings only; findings that are not recorded (e.g. an MRI not yet done) cannot trigger a rule.',
  'Every option needs confirmation by the treating multidisciplinary team.',
];

/** Validates a raw patient state (throwing `BonemetError('invalid_input')` with every issue) and assesses it. */
export function assessPatient(raw: unknown): RecommendationReport {
  return assess(parseInput(patientStateSchema, raw, 'patient state'));
}

/** Runs every rule over a validated patient state and assembles the ranked report. */
export function assess(state: PatientState): RecommendationReport {
  const patient = buildPatientContext(state);
  const patientOptions = patientRules.flatMap((rule) => rule.evaluate(patient));
  const lesionReports = patient.lesions.map((lesion) => lesionReport(patient, lesion));
  const alerts = [
    ...patientOptions.filter((o) => o.strength === 'urgent'),
    ...lesionReports.flatMap((l) => l.options.filter((o) => o.strength === 'urgent')),
  ];
  return {
    reportVersion: '1',
    ruleSetVersion: RULE_SET_VERSION,
    disclaimer: RESEARCH_USE_DISCLAIMER,
    synthetic: state.patient.synthetic,
    patientId: state.patient.id,
    assessmentDate: state.assessmentDate,
    alerts,
    patientOptions: rankOptions(patientOptions.filter((o) => o.strength !== 'urgent')),
    lesions: lesionReports.map((l) => ({ ...l, options: l.options.filter((o) => o.strength !== 'urgent') })),
    calculations: patientCalculations(patient),
    notAssessed: patient.notAssessed,
    assumptions: patient.assumptions,
    scope: SCOPE,
  };
}

function lesionReport(patient: PatientContext, lesion: LesionContext): LesionReport {
  const fired = lesionRules.flatMap((rule) => rule.evaluate(patient, lesion));
  const actionable = fired.some((o) => o.strength !== 'not_recommended' && o.strength !== 'information');
  const options = actionable ? fired : [...fired, noLocalTreatment(patient, lesion)];
  const scores: CalculatorResult[] = [lesion.mirels, lesion.sins, lesion.escc, lesion.noms, lesion.painResponse].filter(
    (s): s is NonNullable<typeof s> => s !== undefined,
  );
  return {
    lesionId: lesion.lesion.id,
    location: {
      display: lesion.where.display,
      structure: lesion.where.structure,
      region: lesion.where.region,
      ...(lesion.where.laterality === undefined ? {} : { laterality: lesion.where.laterality }),
    },
    scores,
    options: rankOptions(options),
  };
}

/** Said explicitly when no rule puts a local treatment forward, so that silence is never read as advice. */
function noLocalTreatment(patient: PatientContext, lesion: LesionContext): TreatmentOption {
  const pain = lesion.lesion.pain.worstPain;
  return {
    id: 'no-local-treatment',
    kind: 'no_local_treatment',
    strength: 'information',
    title: `${lesion.where.display}: no local treatment option fits the recorded findings`,
    reasons: [
      pain === 0 ? 'painless' : `worst pain ${String(pain)}/10`,
      lesion.complications.length === 0
        ? 'no fracture, instability or cord-compression finding recorded'
        : `findings: ${lesion.complications.join('; ')}`,
      coverText(patient),
    ],
    cautions: [],
    assumptions: [],
    rule: {
      id: 'no-local-treatment',
      statement: 'When no lesion rule puts a local treatment forward, the report says so.',
    },
    firedBy: [{ path: `${lesion.path}.pain.worstPain`, value: String(pain) }],
    sources: [],
  };
}

function patientCalculations(patient: PatientContext): CalculatorResult[] {
  return [
    patient.crcl,
    patient.correctedCalcium,
    patient.hypercalcaemia,
    patient.hypocalcaemia,
    patient.omed,
    patient.katagiri,
    patient.tokuhashi,
    patient.tomita,
  ].filter((c): c is NonNullable<typeof c> => c !== undefined);
}

function coverText(patient: PatientContext): string {
  const { systemicTherapy, boneTargetedAgent } = patient.state;
  const covers = [
    ...(systemicTherapy.current === 'none' ? [] : ['systemic therapy']),
    ...(boneTargetedAgent.current === 'none' ? [] : ['the bone-targeted agent']),
  ];
  return covers.length === 0
    ? 'no systemic therapy or bone-targeted agent is recorded: see the patient-level options; re-assess if symptoms or imaging change'
    : `treated through ${covers.join(' and ')}; re-assess if symptoms or imaging change`;
}
