import { creatinineMgDl } from '../../labs/units.js';
import type { PatientContext } from '../context.js';
import type { TreatmentOption } from '../report.js';
import { input, option, type PatientRule } from '../rule.js';

/** Zometa label: hypercalcaemia of malignancy is albumin-corrected calcium ≥ 12 mg/dL (3.0 mmol/L). */
const HCM_LABEL_THRESHOLD_MG_DL = 12;
/** Zometa label: no dose adjustment for hypercalcaemia of malignancy when serum creatinine < 4.5 mg/dL. */
const HCM_NO_ADJUSTMENT_BELOW_CREATININE_MG_DL = 4.5;

/**
 * Hypercalcaemia. CTCAE v5.0 lab grade ≥ 2 (corrected Ca > 11.5 mg/dL) is an urgent alert. Treatment of
 * hypercalcaemia of malignancy with zoledronic acid follows the Zometa label (4 mg over no less than 15 min,
 * after adequate rehydration; retreatment no sooner than 7 days).
 */
export const hypercalcaemiaRule: PatientRule = {
  id: 'hypercalcaemia',
  statement:
    'Albumin-corrected calcium at CTCAE v5.0 lab grade 2 or more is urgent: rehydrate and treat hypercalcaemia of malignancy (zoledronic acid 4 mg per label when corrected Ca ≥ 12 mg/dL).',
  evaluate(patient: PatientContext): readonly TreatmentOption[] {
    const cca = patient.correctedCalcium;
    if (cca === undefined) return [];
    // Grades 2-4 have fixed cut-offs, so they are known even without the laboratory's ULN.
    const grade = patient.hypercalcaemiaGrade;
    const mgDl = cca.correctedCalciumMgDl;
    const meetsLabelHcm = mgDl >= HCM_LABEL_THRESHOLD_MG_DL;
    if ((grade === undefined || grade < 2) && !meetsLabelHcm) return [];
    const creatinine = patient.state.labs.serumCreatinine;
    const scrMgDl = creatinine === undefined ? undefined : creatinineMgDl(creatinine);
    const renalCaution =
      scrMgDl === undefined
        ? 'serum creatinine unknown: check renal function before a bisphosphonate'
        : scrMgDl < HCM_NO_ADJUSTMENT_BELOW_CREATININE_MG_DL
          ? `serum creatinine ${scrMgDl.toFixed(2)} mg/dL: the label makes no dose adjustment for hypercalcaemia of malignancy below 4.5 mg/dL (400 umol/L); the bone-metastasis renal dose table does not apply to this single dose`
          : `serum creatinine ${scrMgDl.toFixed(2)} mg/dL (≥ 4.5 mg/dL): outside the range in which the label states no adjustment is needed; weigh the renal risk with the nephrology team`;
    return [
      option(hypercalcaemiaRule, {
        id: 'hypercalcaemia.treat',
        kind: 'alert',
        strength: 'urgent',
        title: `Hypercalcaemia${grade === undefined ? '' : `, CTCAE v5.0 lab grade ${String(grade)}`}: treat as hypercalcaemia of malignancy`,
        reasons: [
          `albumin-corrected calcium ${mgDl.toFixed(2)} mg/dL (${cca.correctedCalciumMmolL.toFixed(2)} mmol/L)`,
          'rehydrate adequately before a bisphosphonate',
          meetsLabelHcm
            ? 'zoledronic acid 4 mg IV over no less than 15 minutes (label HCM indication: corrected Ca ≥ 12 mg/dL); retreat no sooner than 7 days after the first dose if calcium does not normalise'
            : 'corrected calcium is below the label HCM threshold of 12 mg/dL: manage per local hypercalcaemia protocol',
        ],
        cautions: [
          renalCaution,
          'CTCAE grades combine the laboratory value with the clinical state: confirm symptoms',
          ...(patient.hypercalcaemia === undefined
            ? ['graded on CTCAE fixed cut-offs: the laboratory ULN was not given']
            : []),
        ],
        firedBy: [
          input(
            'labs.totalCalcium',
            `${String(patient.state.labs.totalCalcium?.value)} ${patient.state.labs.totalCalcium?.unit ?? ''}`,
          ),
          input(
            'labs.albumin',
            `${String(patient.state.labs.albumin?.value)} ${patient.state.labs.albumin?.unit ?? ''}`,
          ),
        ],
        sources: ['ctcae-v5', 'zometa-label'],
      }),
    ];
  },
};
