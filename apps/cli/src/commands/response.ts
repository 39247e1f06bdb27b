/** `bonemet response timeline`: a patient's response timeline from one JSON document (schema `response-timeline`). */
import { RESEARCH_USE_DISCLAIMER, type Citation } from '@bonemet/core';
import { assessTimeline, sources, type ProgressionEvent, type Timeline } from '@bonemet/response';
import { parseArgs } from 'node:util';
import { readJsonInput, write, type CliIo } from '../io.js';
import { CitationList } from '../render/citations.js';
import { usageError } from '../usage.js';

export const RESPONSE_USAGE = `bonemet response timeline <file|-> [--json]
  A patient's response timeline (JSON Schema: \`bonemet schema response-timeline\`): per time point the
  assessment of each criterion given (PERCIST 1.0, RECIST 1.1 bone rules, MD Anderson, flare-aware bone
  scan), the confirmed progression with its rule, and the time to progression.`;

type Criterion = ProgressionEvent['criterion'];

/** The publications each criterion of the timeline applies (packages/response sources.ts). */
const criterionSources: Readonly<Record<Criterion, readonly Citation[]>> = {
  'PERCIST 1.0': [sources['wahl-2009']],
  'RECIST 1.1': [sources['eisenhauer-2009'], sources['costelloe-2010-mda']],
  MDA: [sources['hamaoka-2004'], sources['costelloe-2010-mda']],
  'bone scan (flare-aware)': [sources['janicek-1994'], sources['vogel-1995'], sources['scher-2016']],
};

export interface TimelineReport extends Timeline {
  readonly disclaimer: string;
  /** The sources of each criterion present in the timeline. */
  readonly citations: Readonly<Partial<Record<Criterion, readonly Citation[]>>>;
}

export async function responseCommand(args: readonly string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'timeline') return responseTimeline(rest, io);
  if (sub === undefined || sub === '--help' || sub === '-h') {
    write(io.stdout, `${RESPONSE_USAGE}\n\n${RESEARCH_USE_DISCLAIMER}`);
    return 0;
  }
  throw usageError(`unknown response command "${sub}" (available: timeline)`);
}

function criteriaOf(timeline: Timeline): Criterion[] {
  const present = new Set<Criterion>(timeline.progressionEvents.map((e) => e.criterion));
  for (const point of timeline.points) {
    if (point.assessment.percist !== undefined) present.add('PERCIST 1.0');
    if (point.assessment.recist !== undefined) present.add('RECIST 1.1');
    if (point.assessment.mda !== undefined) present.add('MDA');
    if (point.assessment.boneScan !== undefined) present.add('bone scan (flare-aware)');
  }
  return (Object.keys(criterionSources) as Criterion[]).filter((c) => present.has(c));
}

async function responseTimeline(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    options: { json: { type: 'boolean', default: false } },
    allowPositionals: true,
    strict: true,
  });
  const [file, ...extra] = positionals;
  if (file === undefined) throw usageError('response timeline needs a timeline JSON file (or "-" for standard input)');
  if (extra.length > 0) throw usageError(`unexpected argument${extra.length > 1 ? 's' : ''}: ${extra.join(' ')}`);
  const timeline = assessTimeline(await readJsonInput(file, io));
  const citations: Partial<Record<Criterion, readonly Citation[]>> = {};
  for (const criterion of criteriaOf(timeline)) citations[criterion] = criterionSources[criterion];
  const report: TimelineReport = { disclaimer: RESEARCH_USE_DISCLAIMER, ...timeline, citations };
  write(io.stdout, values.json ? JSON.stringify(report, null, 2) : renderTimeline(report));
  return 0;
}

/** The timeline as text: one block per time point, then progression, time to progression and sources. */
export function renderTimeline(report: TimelineReport): string {
  const refs = new CitationList();
  const mark = (criterion: Criterion): string => refs.mark(report.citations[criterion] ?? []);
  const lines = [`Response timeline of patient ${report.patientId}`, report.disclaimer, ''];
  for (const line of report.therapyLines) {
    lines.push(
      `Therapy line ${String(line.lineNumber)}: ${line.regimen}, from ${line.startDate}${line.endDate === undefined ? '' : ` to ${line.endDate}`}`,
    );
  }
  for (const point of report.points) {
    const a = point.assessment;
    lines.push(
      '',
      `${point.date} (${point.studyIds.join(', ') || 'no study'}; therapy line ${point.therapyLine === null ? 'none' : String(point.therapyLine)})`,
    );
    if (a.percist !== undefined) {
      lines.push(
        `  PERCIST 1.0 ${mark('PERCIST 1.0')}: ${a.percist.vsBaseline} vs baseline; progression vs nadir (${a.percist.nadirDate}): ${a.percist.vsNadirProgression ? 'yes' : 'no'}; status ${a.percist.progression}`,
      );
    }
    if (a.recist !== undefined) {
      const pct = (x: number | null): string => (x === null ? 'n/a' : `${x.toFixed(1)} %`);
      lines.push(
        `  RECIST 1.1 ${mark('RECIST 1.1')}: ${a.recist.category}; ${pct(a.recist.percentFromBaseline)} from baseline, ${pct(a.recist.percentFromNadir)} from nadir (${a.recist.nadirDate})`,
      );
    }
    if (a.mda !== undefined) {
      lines.push(`  MDA ${mark('MDA')}: ${a.mda.category}; ${a.mda.decidingRules.join('; ')}`);
    }
    if (a.boneScan !== undefined) {
      lines.push(
        `  Bone scan ${mark('bone scan (flare-aware)')}: ${a.boneScan.status}${a.boneScan.rule === null ? '' : `; ${a.boneScan.rule}`}`,
      );
    }
  }
  lines.push('');
  const progression = report.confirmedProgression;
  if (progression === null) {
    lines.push('Confirmed progression: none');
  } else {
    lines.push(
      `Confirmed progression ${mark(progression.criterion)}: ${progression.date} by ${progression.criterion} (confirmed on ${progression.confirmedOn}): ${progression.rule}`,
    );
    for (const event of report.progressionEvents.slice(1)) {
      lines.push(`  also: ${event.date} by ${event.criterion} (confirmed on ${event.confirmedOn}): ${event.rule}`);
    }
  }
  const ttp = report.timeToProgression;
  lines.push(
    ttp === null
      ? 'Time to progression: not reached'
      : `Time to progression: ${String(ttp.days)} days from the ${ttp.from} (${ttp.fromDate}); ${ttp.rule}`,
  );
  if (report.assumptions.length > 0) lines.push('', 'Assumptions:', ...report.assumptions.map((a) => `  * ${a}`));
  lines.push('', 'Sources:', ...refs.lines());
  return lines.join('\n');
}
