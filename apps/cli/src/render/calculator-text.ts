import { RESEARCH_USE_DISCLAIMER } from '@bonemet/core';
import type { AnyCalculator, CalculatorResult } from '@bonemet/clinical';
import { CitationList } from './citations.js';

/** Lines for one calculator result inside a larger report (no disclaimer, shared citation list). */
export function calculatorResultLines(result: CalculatorResult, citations: CitationList, indent = '  '): string[] {
  const lines = [`${indent}${result.summary} ${citations.mark(result.sources)}`];
  for (const detail of result.details) lines.push(`${indent}  - ${detail}`);
  for (const assumption of result.assumptions) lines.push(`${indent}  * assumption: ${assumption}`);
  return lines;
}

/** The full text output of `bonemet score <name>`. */
export function renderCalculatorResult(calculator: AnyCalculator, result: CalculatorResult): string {
  const citations = new CitationList();
  const lines = [
    calculator.title,
    '='.repeat(calculator.title.length),
    RESEARCH_USE_DISCLAIMER,
    '',
    ...calculatorResultLines(result, citations, ''),
    '',
    'Sources:',
    ...citations.lines(),
  ];
  return lines.join('\n');
}
