import type { LesionReport, RecommendationReport, TreatmentOption } from '@bonemet/clinical';
import { calculatorResultLines } from './calculator-text.js';
import { CitationList } from './citations.js';

const STRENGTH_LABEL: Readonly<Record<TreatmentOption['strength'], string>> = {
  urgent: 'URGENT',
  recommended: 'RECOMMENDED',
  consider: 'CONSIDER',
  information: 'INFO',
  not_recommended: 'NOT RECOMMENDED',
};

function optionLines(option: TreatmentOption, citations: CitationList): string[] {
  const lines = [`  [${STRENGTH_LABEL[option.strength]}] ${option.title} ${citations.mark(option.sources)}`.trimEnd()];
  for (const reason of option.reasons) lines.push(`      why: ${reason}`);
  for (const caution of option.cautions) lines.push(`      caution: ${caution}`);
  for (const assumption of option.assumptions) lines.push(`      assumption: ${assumption}`);
  lines.push(`      rule ${option.rule.id}: ${option.rule.statement}`);
  if (option.firedBy.length > 0)
    lines.push(`      from: ${option.firedBy.map((f) => `${f.path} = ${f.value}`).join('; ')}`);
  return lines;
}

function lesionLines(lesion: LesionReport, citations: CitationList): string[] {
  const lines = [
    `Lesion ${lesion.lesionId}: ${lesion.location.display} (SNOMED CT ${lesion.location.structure.code} ${lesion.location.structure.display})`,
  ];
  for (const score of lesion.scores) lines.push(...calculatorResultLines(score, citations));
  for (const option of lesion.options) lines.push(...optionLines(option, citations));
  return lines;
}

/** The readable text form of a recommendation report. */
export function renderReport(report: RecommendationReport): string {
  const citations = new CitationList();
  const title = `bonemet recommendation report: patient ${report.patientId}, ${report.assessmentDate}`;
  const lines: string[] = [title, '='.repeat(title.length), report.disclaimer];
  if (report.synthetic) lines.push('SYNTHETIC PATIENT: invented data for demonstration and testing.');
  lines.push(`Rule set ${report.ruleSetVersion}.`, '');

  lines.push(`ALERTS (${String(report.alerts.length)})`);
  if (report.alerts.length === 0) lines.push('  none');
  for (const alert of report.alerts) lines.push(...optionLines(alert, citations));
  lines.push('');

  lines.push('PATIENT-LEVEL OPTIONS');
  if (report.patientOptions.length === 0) lines.push('  none');
  for (const option of report.patientOptions) lines.push(...optionLines(option, citations));
  lines.push('');

  lines.push('LESIONS');
  for (const lesion of report.lesions) lines.push(...lesionLines(lesion, citations), '');

  lines.push('SCORES AND CALCULATIONS');
  if (report.calculations.length === 0) lines.push('  none could be computed');
  for (const calculation of report.calculations) lines.push(...calculatorResultLines(calculation, citations));
  lines.push('');

  if (report.notAssessed.length > 0) {
    lines.push('NOT ASSESSED (missing input)');
    for (const item of report.notAssessed) lines.push(`  - ${item.item}: ${item.reason}`);
    lines.push('');
  }
  if (report.assumptions.length > 0) {
    lines.push('ASSUMPTIONS');
    for (const a of report.assumptions) lines.push(`  - ${a}`);
    lines.push('');
  }
  lines.push('SCOPE');
  for (const s of report.scope) lines.push(`  - ${s}`);
  lines.push('', 'SOURCES', ...citations.lines());
  return lines.join('\n');
}
