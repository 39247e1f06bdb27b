import { z } from 'zod';
import { defineCalculator, type CalculatorResult } from '../calculator.js';
import { sources } from '../sources.js';

// Epidural spinal cord compression scale: Bilsky 2010 (J Neurosurg Spine 13:324), read on axial T2-weighted MRI
// at the level of most severe compression. Low grade 0-1b, high grade 2-3; 1c is debated (Radiopaedia; Laufer 2013).

export const esccGrades = ['0', '1a', '1b', '1c', '2', '3'] as const;
export type EsccGrade = (typeof esccGrades)[number];

/** Schema of an ESCC grade, shared by the ESCC and NOMS inputs. */
export const esccGradeSchema = z
  .enum(esccGrades)
  .describe(
    'Epidural spinal cord compression grade (Bilsky 2010) on axial T2 MRI at the level of most severe compression: "0" bone only; "1a" epidural impingement without thecal sac deformation; "1b" thecal sac deformation without cord abutment; "1c" thecal sac deformation with cord abutment, no compression; "2" cord compression with CSF visible around the cord; "3" cord compression without CSF visible.',
  );

/** Definitions of Bilsky 2010. */
export const esccGradeDefinitions: Readonly<Record<EsccGrade, string>> = Object.freeze({
  '0': 'Bone-only disease',
  '1a': 'Epidural impingement without deformation of the thecal sac',
  '1b': 'Deformation of the thecal sac without spinal cord abutment',
  '1c': 'Deformation of the thecal sac with spinal cord abutment, without compression',
  '2': 'Spinal cord compression, CSF visible around the cord',
  '3': 'Spinal cord compression, no CSF visible around the cord',
});

/** Low grade (0, 1a, 1b), high grade (2, 3), or indeterminate (1c, whose management is debated). */
export type EsccCompressionGrade = 'low' | 'high' | 'indeterminate';

export function esccCompressionGrade(grade: EsccGrade): EsccCompressionGrade {
  switch (grade) {
    case '0':
    case '1a':
    case '1b':
      return 'low';
    case '1c':
      return 'indeterminate';
    case '2':
    case '3':
      return 'high';
  }
}

export const esccInputSchema = z.strictObject({ grade: esccGradeSchema });

export type EsccInput = z.output<typeof esccInputSchema>;

export interface EsccResult extends CalculatorResult {
  readonly calculator: 'escc';
  readonly grade: EsccGrade;
  readonly definition: string;
  readonly compressionGrade: EsccCompressionGrade;
}

const compressionLabels: Readonly<Record<EsccCompressionGrade, string>> = {
  low: 'low-grade compression (0, 1a, 1b)',
  high: 'high-grade compression (2, 3)',
  indeterminate: 'indeterminate: grade 1c is debated between low- and high-grade management',
};

export function computeEscc(input: EsccInput): EsccResult {
  const definition = esccGradeDefinitions[input.grade];
  const compressionGrade = esccCompressionGrade(input.grade);
  const assumptions = [
    'The grade is assumed to have been read on axial T2-weighted MRI at the level of most severe compression, as the scale was defined (Bilsky 2010).',
  ];
  if (compressionGrade === 'indeterminate') {
    assumptions.push(
      'Grade 1c is reported as indeterminate: whether it is managed as low- or high-grade compression is debated (Bilsky 2010; Laufer 2013), so no grade group is assigned.',
    );
  }
  return {
    calculator: 'escc',
    summary: `ESCC grade ${input.grade}: ${definition}; ${compressionLabels[compressionGrade]}.`,
    details: [
      `Grade ${input.grade}: ${definition}.`,
      `Grade group: ${compressionLabels[compressionGrade]}.`,
      'Scale: 0 bone only; 1a, 1b, 1c epidural disease without cord compression; 2 and 3 cord compression (3 without visible CSF).',
    ],
    sources: [sources['bilsky-2010'], sources['laufer-2013']],
    assumptions,
    grade: input.grade,
    definition,
    compressionGrade,
  };
}

export const esccCalculator = defineCalculator({
  id: 'escc',
  title: 'Epidural spinal cord compression (ESCC) grade',
  description:
    'Definition and grade group (low, high, or indeterminate for 1c) of a Bilsky ESCC grade read on axial T2 MRI.',
  input: esccInputSchema,
  example: { grade: '1b' },
  compute: computeEscc,
});
