import type { Citation } from '@bonemet/core';
import { z } from 'zod';
import { defineCalculator, type CalculatorResult } from '../calculator.js';
import { sources } from '../sources.js';
import { esccCompressionGrade, esccGradeDefinitions, esccGradeSchema, type EsccCompressionGrade } from './escc.js';

// NOMS decision framework (Laufer 2013, Oncologist 18:744; Bilsky & Azeem 2007): neurologic (ESCC grade,
// myelopathy), oncologic (radiosensitivity to conventional EBRT), mechanical (instability), systemic (can the
// patient tolerate the treatment). N and O choose the radiation/surgery branch; M adds stabilisation or cement
// augmentation; S removes what the patient cannot tolerate.

export const nomsTreatments = [
  'conventional_ebrt',
  'stereotactic_radiosurgery',
  'separation_surgery_then_srs',
  'stabilisation',
  'cement_augmentation',
  'best_supportive_care',
] as const;
export type NomsTreatment = (typeof nomsTreatments)[number];

export interface NomsOption {
  readonly treatment: NomsTreatment;
  readonly reason: string;
}

export interface NomsAssessments {
  readonly neurologic: string;
  readonly oncologic: string;
  readonly mechanical: string;
  readonly systemic: string;
}

export const nomsInputSchema = z.strictObject({
  esccGrade: esccGradeSchema,
  myelopathy: z.boolean().describe('Myelopathy present: clinical signs of spinal cord dysfunction.'),
  histology: z
    .enum(['radiosensitive', 'radioresistant'])
    .describe(
      'Radiosensitivity of the tumour histology to conventional external beam radiotherapy (breast is commonly classed radiosensitive). Required: no default is assumed.',
    ),
  mechanicalInstability: z
    .enum(['stable', 'potentially_unstable', 'unstable'])
    .describe(
      'Mechanical stability, e.g. the SINS category: stable (SINS 0-6), potentially_unstable (7-12), unstable (13-18, or gross instability such as subluxation).',
    ),
  mechanicalPainFromCompressionFracture: z
    .boolean()
    .describe('Mechanical (axial-load) pain from a pathological vertebral compression fracture.'),
  medicallyOperable: z
    .boolean()
    .describe('The patient can tolerate surgery, given the extent of systemic disease and medical comorbidity.'),
  expectedSurvivalMonths: z
    .number()
    .nonnegative()
    .optional()
    .describe('Expected survival in months, where an estimate exists (e.g. from a prognostic score).'),
});

export type NomsInput = z.output<typeof nomsInputSchema>;

export interface NomsResult extends CalculatorResult {
  readonly calculator: 'noms';
  readonly esccCompressionGrade: EsccCompressionGrade;
  readonly assessments: NomsAssessments;
  /** Whether surgical options (separation surgery, stabilisation) were open to the patient. */
  readonly surgeryPossible: boolean;
  /** Options listed by layer: neurologic/oncologic first, then mechanical, then systemic. */
  readonly options: readonly NomsOption[];
}

/** Patchell 2005 eligibility for decompressive surgery: expected survival of at least 3 months. */
const minimumSurvivalForSurgeryMonths = 3;

const treatmentLabels: Readonly<Record<NomsTreatment, string>> = {
  conventional_ebrt: 'conventional external beam radiotherapy',
  stereotactic_radiosurgery: 'stereotactic radiosurgery',
  separation_surgery_then_srs: 'separation surgery then stereotactic radiosurgery',
  stabilisation: 'stabilisation',
  cement_augmentation: 'cement augmentation',
  best_supportive_care: 'best supportive care',
};

function months(count: number): string {
  return `${count} month${count === 1 ? '' : 's'}`;
}

function surgeryExclusions(input: NomsInput): string[] {
  const reasons: string[] = [];
  if (!input.medicallyOperable) reasons.push('the patient is not medically operable');
  if (input.expectedSurvivalMonths !== undefined && input.expectedSurvivalMonths < minimumSurvivalForSurgeryMonths) {
    reasons.push(
      `expected survival (${months(input.expectedSurvivalMonths)}) is under ${minimumSurvivalForSurgeryMonths} months`,
    );
  }
  return reasons;
}

export function computeNoms(input: NomsInput): NomsResult {
  const grade = input.esccGrade;
  const compression = esccCompressionGrade(grade);
  // Grade 1c follows the low-grade branch; the debate is reported with the option.
  const highGrade = compression === 'high';
  const exclusions = surgeryExclusions(input);
  const surgeryPossible = exclusions.length === 0;
  const exclusionText = exclusions.join(' and ');
  const shortSurvival =
    input.expectedSurvivalMonths !== undefined && input.expectedSurvivalMonths < minimumSurvivalForSurgeryMonths;

  const options: NomsOption[] = [];
  const details: string[] = [];
  const assumptions: string[] = [
    'The radiosensitivity class was given with the input; Laufer 2013 histology table was not retrieved (breast is commonly classed radiosensitive to conventional radiotherapy, which is unverified against that table).',
  ];
  const citations: Citation[] = [sources['laufer-2013'], sources['bilsky-2010'], sources['fisher-2010']];
  let patchellCited = false;

  const gradeText = `ESCC grade ${grade}`;
  const debated1c =
    ' Grade 1c is debated: it is presented here on the low-grade branch, and high-grade management may be considered (Laufer 2013).';

  // N and O: Laufer 2013 decision table.
  if (input.histology === 'radiosensitive') {
    options.push({
      treatment: 'conventional_ebrt',
      reason: highGrade
        ? `High-grade compression (${gradeText}) from a radiosensitive histology: conventional external beam radiotherapy, regardless of the degree of cord compression or myelopathy.`
        : `Low-grade compression (${gradeText}) from a radiosensitive histology: conventional external beam radiotherapy.${compression === 'indeterminate' ? `${debated1c} For a radiosensitive histology both branches lead to conventional radiotherapy.` : ''}`,
    });
  } else if (!highGrade) {
    options.push({
      treatment: 'stereotactic_radiosurgery',
      reason: `Low-grade compression (${gradeText}) from a radioresistant histology: stereotactic radiosurgery.${compression === 'indeterminate' ? `${debated1c} For a radioresistant histology that would be separation surgery then stereotactic radiosurgery${surgeryPossible ? '' : `, excluded here because ${exclusionText}`}.` : ''}`,
    });
  } else if (surgeryPossible) {
    options.push({
      treatment: 'separation_surgery_then_srs',
      reason: `High-grade compression (${gradeText}) from a radioresistant histology: separation surgery (decompression with or without stabilisation) followed by stereotactic radiosurgery.`,
    });
  } else {
    // S layer: the surgical branch is closed; the NOMS table gives no non-surgical branch here.
    const replaced = `Separation surgery, the NOMS choice for high-grade compression (${gradeText}) from a radioresistant histology, is not offered because ${exclusionText}.`;
    options.push(
      {
        treatment: 'stereotactic_radiosurgery',
        reason: `${replaced} Radiotherapy alone is the remaining local treatment; stereotactic radiosurgery is the NOMS radiotherapy for radioresistant histology.`,
      },
      {
        treatment: 'conventional_ebrt',
        reason: `${replaced} Conventional external beam radiotherapy is the alternative radiotherapy option.`,
      },
    );
    assumptions.push(
      'High-grade compression from a radioresistant histology without a surgical option: NOMS gives no non-surgical branch, so radiotherapy alone (stereotactic radiosurgery or conventional radiotherapy) is offered in place of separation surgery; the choice between them is left to the radiation oncologist.',
    );
  }

  if (compression === 'indeterminate') {
    assumptions.push(
      'ESCC grade 1c is managed on the low-grade branch; its classification is debated and high-grade management may be considered (Laufer 2013).',
    );
  }

  // Patchell 2005 (surgery plus radiotherapy for cord compression) excluded only highly radiosensitive tumours,
  // so breast was eligible; NOMS treats high-grade compression from radiosensitive histology with radiotherapy.
  if (highGrade && input.histology === 'radiosensitive' && input.myelopathy && surgeryPossible) {
    details.push(
      'Also consider: Patchell 2005 found direct decompressive surgery plus radiotherapy better than radiotherapy alone for cord compression with neurological signs at a single area, in medically operable patients expected to live at least 3 months (it excluded lymphoma, leukaemia, myeloma and germ-cell tumours; breast was eligible). Discuss surgical decompression.',
    );
    assumptions.push(
      'NOMS (conventional radiotherapy for high-grade compression from a radiosensitive histology, regardless of myelopathy) is followed for the options; Patchell 2005, which supports decompressive surgery for cord compression with neurological signs in tumours that are not highly radiosensitive, is shown in the details as an alternative to discuss.',
    );
    patchellCited = true;
  }

  // M: gross instability -> stabilisation; mechanical pain without gross instability -> cement augmentation.
  const unstable = input.mechanicalInstability === 'unstable';
  if (unstable) {
    if (surgeryPossible) {
      options.push({
        treatment: 'stabilisation',
        reason:
          'Gross mechanical instability: stabilisation (open or percutaneous instrumentation), an indication independent of ESCC grade and histology.',
      });
    } else {
      details.push(
        `Gross mechanical instability is an indication for surgical stabilisation, which is not offered because ${exclusionText}; the options listed do not treat the instability: discuss with the spine surgeon.`,
      );
      assumptions.push(
        'Stabilisation is surgery and is withheld when surgery is excluded; no non-surgical substitute for stabilisation is proposed.',
      );
    }
  } else if (input.mechanicalInstability === 'potentially_unstable') {
    details.push(
      'Potentially unstable (e.g. SINS 7-12): surgical consultation is recommended (Fisher 2010) to judge whether stabilisation is needed.',
    );
    assumptions.push(
      'Only "unstable" is treated as gross mechanical instability (stabilisation); "potentially unstable" gets a surgical consultation, not a stabilisation option, because NOMS reserves stabilisation for gross instability.',
    );
  }

  if (input.mechanicalPainFromCompressionFracture) {
    if (unstable) {
      details.push(
        'Mechanical pain with gross instability is addressed by stabilisation; cement augmentation is the option for mechanical pain without gross instability.',
      );
    } else {
      options.push({
        treatment: 'cement_augmentation',
        reason: `Mechanical (axial-load) pain from a pathological compression fracture without gross instability: percutaneous cement augmentation (vertebroplasty or kyphoplasty).${surgeryPossible ? '' : ' A percutaneous procedure, not counted as surgery here: confirm fitness for it.'}`,
      });
      if (!surgeryPossible) {
        assumptions.push(
          'Cement augmentation is percutaneous and is not counted as surgery: it remains an option when surgery is excluded, subject to the interventionist confirming fitness for the procedure.',
        );
      }
    }
  }

  // S: poor prognosis -> least invasive option.
  if (shortSurvival) {
    options.push({
      treatment: 'best_supportive_care',
      reason: `Expected survival under ${minimumSurvivalForSurgeryMonths} months: the least invasive option is preferred; best supportive care, with or without the radiotherapy above, is an option.`,
    });
  }
  if (input.expectedSurvivalMonths === undefined) {
    assumptions.push(
      `Expected survival was not given: surgical options were not limited by prognosis. Check that the patient is expected to live long enough to benefit (Patchell 2005 required at least ${minimumSurvivalForSurgeryMonths} months).`,
    );
    patchellCited = true;
  } else if (shortSurvival) {
    assumptions.push(
      `An expected survival under ${minimumSurvivalForSurgeryMonths} months excludes surgery, using the Patchell 2005 eligibility criterion; NOMS itself names no survival threshold.`,
    );
    patchellCited = true;
  }
  if (patchellCited) citations.push(sources['patchell-2005']);

  const assessments: NomsAssessments = {
    neurologic: `${gradeText} (${esccGradeDefinitions[grade]}): ${
      compression === 'indeterminate'
        ? 'grade 1c, debated between low and high grade'
        : `${compression}-grade compression`
    }; ${input.myelopathy ? 'myelopathy present' : 'no myelopathy'}.`,
    oncologic: `${input.histology === 'radiosensitive' ? 'Radiosensitive' : 'Radioresistant'} histology (to conventional external beam radiotherapy).`,
    mechanical: `${
      input.mechanicalInstability === 'stable'
        ? 'Mechanically stable'
        : input.mechanicalInstability === 'potentially_unstable'
          ? 'Potentially unstable'
          : 'Gross mechanical instability'
    }; ${input.mechanicalPainFromCompressionFracture ? 'mechanical pain from a compression fracture' : 'no mechanical pain from a compression fracture'}.`,
    systemic: `${input.medicallyOperable ? 'Medically operable' : 'Not medically operable'}; expected survival ${
      input.expectedSurvivalMonths === undefined ? 'not given' : months(input.expectedSurvivalMonths)
    }${surgeryPossible ? '' : `: surgical options excluded because ${exclusionText}`}.`,
  };

  return {
    calculator: 'noms',
    summary: `NOMS options: ${options.map((option) => treatmentLabels[option.treatment]).join('; ')}.`,
    details: [
      `Neurologic: ${assessments.neurologic}`,
      `Oncologic: ${assessments.oncologic}`,
      `Mechanical: ${assessments.mechanical}`,
      `Systemic: ${assessments.systemic}`,
      ...options.map((option) => `Option, ${treatmentLabels[option.treatment]}: ${option.reason}`),
      ...details,
    ],
    sources: citations,
    assumptions,
    esccCompressionGrade: compression,
    assessments,
    surgeryPossible,
    options,
  };
}

export const nomsCalculator = defineCalculator({
  id: 'noms',
  title: 'NOMS decision framework for spinal metastases',
  description:
    'Treatment options for a spinal metastasis from the neurologic (ESCC grade, myelopathy), oncologic (radiosensitivity), mechanical (instability, fracture pain) and systemic (operability, survival) assessments.',
  input: nomsInputSchema,
  example: {
    esccGrade: '2',
    myelopathy: false,
    histology: 'radiosensitive',
    mechanicalInstability: 'potentially_unstable',
    mechanicalPainFromCompressionFracture: true,
    medicallyOperable: true,
    expectedSurvivalMonths: 24,
  },
  compute: computeNoms,
});
