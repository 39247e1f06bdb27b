import { formatCitation } from '@bonemet/core';
import type { PetResponseResult } from './pet-response.js';
import { describeChange, type FiredRule } from './reading.js';

function ruleLines(rules: readonly FiredRule[]): string[] {
  return rules.map(
    (rule) => `  - ${rule.rule}: ${rule.finding} [${rule.sources.map((source) => source.short).join('; ')}]`,
  );
}

/** A compact plain-text report of a PET response result, for a terminal or a clinical note. */
export function renderPetResponseText(result: PetResponseResult): string {
  const { percist, eortc } = result;
  const lines: string[] = [
    `PET response ${result.baselineDate} → ${result.followUpDate} (${String(result.intervalDays)} days)`,
    result.summary,
    '',
    `PERCIST 1.0: ${percist.category === 'not_evaluable' ? 'not evaluable' : `${percist.category} (${percist.categoryLabel})`}`,
  ];
  if (percist.confirmation.required && percist.confirmation.reason !== null) {
    lines.push(`  Confirmation needed: ${percist.confirmation.reason}`);
  }
  const measurability = percist.measurability;
  lines.push(
    `  Measurability (${measurability.referenceRegion === 'liver' ? 'liver' : 'blood pool'}): threshold ${measurability.thresholdFormula}; ${measurability.measurable ? 'measurable' : 'not measurable'}`,
    `  Hottest lesion SULpeak: ${describeChange(percist.target)} (baseline ${percist.target.baselineLesion?.lesionId ?? 'none'}, follow-up ${percist.target.followUpLesion?.lesionId ?? 'none'}${percist.target.sameLesion === false ? ', different lesions' : ''})`,
    `  Sum of up to 5 hottest (≤ 2 per organ) SULpeak: ${describeChange(percist.sumOfHottest.sulPeak)}; TLG ${describeChange(percist.sumOfHottest.tlg, 1)}`,
  );
  if (percist.newLesionIds.length > 0) lines.push(`  New lesions: ${percist.newLesionIds.join(', ')}`);
  lines.push('  Rules:', ...ruleLines(percist.rules));
  lines.push(
    '',
    `EORTC 1999: ${eortc.category === 'not_evaluable' ? 'not evaluable' : `${eortc.category} (${eortc.categoryLabel})`}`,
    `  Hottest lesion SUVmax: ${describeChange(eortc.target)}; PMR rule: ${eortc.responseRule}`,
    '  Rules:',
    ...ruleLines(eortc.rules),
    '',
    'Quality gates:',
    ...result.gates.map(
      (gate) => `  - ${gate.title}: ${gate.status.toUpperCase()}: ${gate.finding} (requirement: ${gate.requirement})`,
    ),
  );
  if (result.warnings.length > 0) lines.push('', 'Warnings:', ...result.warnings.map((warning) => `  - ${warning}`));
  lines.push('', 'Assumptions:', ...result.assumptions.map((assumption) => `  - ${assumption}`));
  lines.push('', 'Sources:', ...result.sources.map((source) => `  - ${formatCitation(source)}`));
  lines.push('', result.disclaimer);
  return lines.join('\n');
}
