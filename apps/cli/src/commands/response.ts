/**
 * `bonemet response <timeline.json>` (alias: `bonemet response timeline <file>`): a patient's response timeline
 * from one JSON document (schema `response-timeline`; output schema `response-timeline-result`), with --out a
 * lesion-trajectory plot (PNG).
 */
import { analyzeWholeBodyScan, type WholeBodyScanAnalysis } from '@bonemet/bonescan';
import { BonemetError, RESEARCH_USE_DISCLAIMER, type Citation } from '@bonemet/core';
import {
  assessTimeline,
  boneScanTrackingStudy,
  sources,
  subtractionPng,
  temporalSubtraction,
  trackBoneScanSeries,
  type ProgressionEvent,
  type Timeline,
} from '@bonemet/response';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readJsonInput, write, type CliIo } from '../io.js';
import { CitationList } from '../render/citations.js';
import { trajectoryPlotPng } from '../render/trajectory-plot.js';
import { usageError } from '../usage.js';
import { readScanFile } from './read-scan-file.js';

export const RESPONSE_USAGE = `bonemet response <file|-> [--json] [--out <dir>]
bonemet response timeline <file|-> [--json] [--out <dir>]   (the same)
  A patient's response timeline (JSON Schema: \`bonemet schema response-timeline\`; the --json output:
  \`bonemet schema response-timeline-result\`): per time point the assessment of each criterion given
  (PERCIST 1.0, RECIST 1.1 bone rules, MD Anderson, flare-aware bone scan), the confirmed progression with
  its rule, the time to progression, and each tracked lesion's measure over time (PET lesions with a
  trackingId, and lesionTracks). --out <dir> writes lesion-trajectories.png there: per tracked lesion its
  SULpeak (PET) or intensity ratio (bone scan) by study date, therapy-line starts marked; and, when two or
  more bone-scan (NM) studies list their image \`files\` (paths relative to the timeline file), the temporal
  subtraction image of each view between consecutive scans (registered, count-normalised; mid-grey = no
  change, dark = more uptake on the later scan).`;

/** File name of the trajectory plot in the --out folder. */
export const TRAJECTORY_PLOT_FILE = 'lesion-trajectories.png';

type Criterion = ProgressionEvent['criterion'];

/** The publications each criterion of the timeline applies (packages/response sources.ts). */
const criterionSources: Readonly<Record<Criterion, readonly Citation[]>> = {
  'PERCIST 1.0': [sources['wahl-2009']],
  'RECIST 1.1': [sources['eisenhauer-2009'], sources['costelloe-2010-mda']],
  MDA: [sources['hamaoka-2004'], sources['costelloe-2010-mda']],
  'bone scan (flare-aware)': [sources['janicek-1994'], sources['vogel-1995'], sources['scher-2016']],
};

export interface TimelineOutputFile {
  readonly kind: 'lesion-trajectory-plot' | 'subtraction-image';
  readonly file: string;
  readonly description: string;
}

export interface TimelineReport extends Timeline {
  readonly disclaimer: string;
  /** The sources of each criterion present in the timeline. */
  readonly citations: Readonly<Partial<Record<Criterion, readonly Citation[]>>>;
  /** Files written with --out. */
  readonly outputs?: readonly TimelineOutputFile[];
}

export async function responseCommand(args: readonly string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === undefined || sub === '--help' || sub === '-h') {
    write(io.stdout, `${RESPONSE_USAGE}\n\n${RESEARCH_USE_DISCLAIMER}`);
    return 0;
  }
  return responseTimeline(sub === 'timeline' ? rest : args, io);
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
    options: { json: { type: 'boolean', default: false }, out: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  const [file, ...extra] = positionals;
  if (file === undefined) throw usageError('response needs a timeline JSON file (or "-" for standard input)');
  if (values.out?.trim() === '') throw usageError('--out needs a folder');
  if (extra.length > 0) throw usageError(`unexpected argument${extra.length > 1 ? 's' : ''}: ${extra.join(' ')}`);
  const timeline = assessTimeline(await readJsonInput(file, io));
  const citations: Partial<Record<Criterion, readonly Citation[]>> = {};
  for (const criterion of criteriaOf(timeline)) citations[criterion] = criterionSources[criterion];
  const baseDirectory = file === '-' ? process.cwd() : dirname(resolve(file));
  const outputs = values.out === undefined ? undefined : await writeOutputs(timeline, values.out, baseDirectory);
  const report: TimelineReport = {
    disclaimer: RESEARCH_USE_DISCLAIMER,
    ...timeline,
    citations,
    ...(outputs === undefined ? {} : { outputs }),
  };
  write(io.stdout, values.json ? JSON.stringify(report, null, 2) : renderTimeline(report));
  return 0;
}

async function writeOutput(directory: string, name: string, bytes: Uint8Array): Promise<string> {
  const file = join(directory, name);
  try {
    await mkdir(directory, { recursive: true });
    await writeFile(file, bytes);
  } catch (cause) {
    throw new BonemetError('io_error', `cannot write ${file}`, {
      issues: [{ path: ['--out'], message: `cannot write into ${directory}`, hint: 'give a folder you can write to' }],
      cause,
    });
  }
  return file;
}

/**
 * Writes the trajectory plot (when a lesion is tracked) and the bone-scan subtraction images (when two or more
 * NM studies list their files) into `directory`; returns what was written.
 */
async function writeOutputs(
  timeline: Timeline,
  directory: string,
  baseDirectory: string,
): Promise<TimelineOutputFile[]> {
  const outputs: TimelineOutputFile[] = [];
  if (timeline.lesionTrajectories.length > 0) {
    const png = trajectoryPlotPng({
      patientId: timeline.patientId,
      trajectories: timeline.lesionTrajectories,
      therapyLines: timeline.therapyLines,
      disclaimer: RESEARCH_USE_DISCLAIMER,
    });
    outputs.push({
      kind: 'lesion-trajectory-plot',
      file: await writeOutput(directory, TRAJECTORY_PLOT_FILE, png),
      description: `measure of each of the ${String(timeline.lesionTrajectories.length)} tracked lesions by study date, therapy-line starts marked`,
    });
  }
  for (const image of await boneScanSubtractions(timeline, baseDirectory))
    outputs.push({
      kind: 'subtraction-image',
      file: await writeOutput(directory, image.name, image.png),
      description: image.description,
    });
  return outputs;
}

/**
 * The temporal subtraction image of each view between consecutive bone scans that list their files
 * (@bonemet/response `trackBoneScanSeries`: registration onto the earlier scan, count normalisation).
 */
async function boneScanSubtractions(
  timeline: Timeline,
  baseDirectory: string,
): Promise<{ name: string; png: Uint8Array; description: string }[]> {
  const studies = timeline.studies.filter((study) => study.modality === 'NM' && study.files !== undefined);
  if (studies.length < 2) return [];
  const analysed: { studyDate: string; analysis: WholeBodyScanAnalysis }[] = [];
  for (const study of studies) {
    const paths = (study.files ?? []).map((name) => resolve(baseDirectory, name));
    const files = await Promise.all(
      paths.map((path) =>
        readScanFile(path, (reason) => ({
          path: ['studies', study.id, 'files'],
          message: `${path}: ${reason}`,
          hint: 'file paths are relative to the timeline file',
        })),
      ),
    );
    analysed.push({ studyDate: study.date, analysis: analyzeWholeBodyScan(files, { fileNames: paths }) });
  }
  const tracking = trackBoneScanSeries(analysed);
  const views = analysed.map((entry) => boneScanTrackingStudy(entry.studyDate, entry.analysis).views);
  const images: { name: string; png: Uint8Array; description: string }[] = [];
  tracking.registrations.forEach((registrations, index) => {
    const earlierDate = analysed[index - 1]?.studyDate;
    const laterDate = analysed[index]?.studyDate;
    if (earlierDate === undefined || laterDate === undefined) return;
    for (const registration of registrations) {
      const earlier = views[index - 1]?.find((view) => view.view === registration.view);
      const later = views[index]?.find((view) => view.view === registration.view);
      if (earlier === undefined || later === undefined) continue;
      const subtraction = temporalSubtraction(earlier, later, registration);
      images.push({
        name: `subtraction-${registration.view}-${laterDate}-minus-${earlierDate}.png`,
        png: subtractionPng(subtraction),
        description: `${registration.view} view: ${laterDate} (registered onto ${earlierDate}, counts × ${subtraction.laterScale.toFixed(3)} to match normal bone) minus ${earlierDate}; ${subtraction.convention}`,
      });
    }
  });
  return images;
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
  if (report.lesionTrajectories.length > 0) {
    lines.push('', 'Tracked lesions:');
    for (const trajectory of report.lesionTrajectories) {
      const values = trajectory.points
        .map((point) => `${point.date} ${point.value === null ? 'not seen' : point.value.toFixed(2)}`)
        .join(' → ');
      lines.push(`  ${trajectory.label} (${trajectory.modality} ${trajectory.measure}): ${values}`);
    }
  }
  if (report.outputs !== undefined) {
    lines.push('', 'Files written:');
    if (report.outputs.length === 0) lines.push('  none (no tracked lesion to plot)');
    for (const output of report.outputs) lines.push(`  ${output.file}: ${output.description}`);
  }
  if (report.assumptions.length > 0) lines.push('', 'Assumptions:', ...report.assumptions.map((a) => `  * ${a}`));
  lines.push('', 'Sources:', ...refs.lines());
  return lines.join('\n');
}
