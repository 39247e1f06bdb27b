/**
 * `bonemet track <earlier> <later> [--json] [--out <dir>]`: two whole-body bone scans of one patient, each a
 * file or a folder of the study's files (NM DICOM, Secondary Capture, or an image with its JSON sidecar).
 * Both are analysed (count QC, skeleton, hotspots), the later scan is registered onto the earlier one per
 * view, and the hotspots are matched: states (new, increased, stable, decreased, resolved) with match
 * confidence, the registration residual, the new-lesion count with the probability by count, and with
 * --out the temporal subtraction image of each view (PNG).
 *
 * The studies are checked before any analysis: Patient ID (0010,0020) must agree when both have one, and
 * the later Study Date (0008,0020) must come after the earlier one. PET/CT studies (a PT object in the
 * earlier study, or a DICOMweb URL) go to the PET tracking of track-pet.ts: a different method.
 */
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { analyzeWholeBodyScan, isPng, isTiff, type ScanFile, type WholeBodyScanAnalysis } from '@bonemet/bonescan';
import { BonemetError, isoDateSchema, RESEARCH_USE_DISCLAIMER, type Citation } from '@bonemet/core';
import { isDicomPart10, readNmAttributes, readSegmentationSource } from '@bonemet/dicom';
import {
  boneScanTrackingStudy,
  SUBTRACTION_DISPLAY_CONVENTION,
  sources,
  subtractionPng,
  temporalSubtraction,
  trackBoneScanStudies,
  type BoneScanObservation,
  type BoneScanTimePointSummary,
  type NewLesionProbability,
} from '@bonemet/response';
import { write, type CliIo } from '../io.js';
import { TRACK_PET_USAGE, trackPetCommand } from './track-pet.js';
import { usageError } from '../usage.js';

export const TRACK_USAGE = `bonemet track <earlier> <later> [--json] [--out <dir>]
        [--earlier-date YYYY-MM-DD] [--later-date YYYY-MM-DD]
  Two whole-body bone scans of one patient, each a file or a folder of the study's files (NM DICOM,
  Secondary Capture, or an image with its .json sidecar). The later scan is registered onto the earlier
  one (anterior to anterior, posterior to posterior; skeleton landmarks, then a smooth deformation) and
  the hotspots are matched within their skeleton region: new, increased / stable / decreased (noise-aware,
  Poisson and a 20 % visibility floor), resolved, each with a match confidence; the registration residual;
  the number of new lesions and the probability by count that they are metastases. --out <dir> writes the
  temporal subtraction images (subtraction-anterior.png, subtraction-posterior.png: mid-grey no change,
  dark more uptake on the later scan). Study dates come from the DICOM headers; --earlier-date and
  --later-date give them for image files or override them. Studies of different patients (Patient ID),
  a later date not after the earlier one, and unknown files are refused (exit status 2).`;

interface StudyInput {
  readonly role: 'earlier' | 'later';
  readonly path: string;
  readonly files: readonly ScanFile[];
  readonly patientId: string | null;
  readonly date: string | null;
}

export interface TrackedHotspotRow {
  readonly trackUid: string;
  readonly view: string;
  readonly lesion: boolean;
  readonly earlierHotspotId: string | null;
  readonly laterHotspotId: string | null;
  readonly region: string | null;
  readonly label: string | null;
  /** Hotspot centroids in each study's view, pixels (reading orientation: posterior mirrored). */
  readonly earlierPositionPx: readonly [number, number] | null;
  readonly laterPositionPx: readonly [number, number] | null;
  readonly state: BoneScanObservation['state'];
  readonly confidence: number | null;
  readonly distanceMm: number | null;
  readonly uptakeRatio: number | null;
  readonly thresholdRatio: number | null;
  readonly previouslyUndetected: boolean;
}

export interface TrackReport {
  readonly disclaimer: string;
  readonly earlier: { readonly path: string; readonly date: string; readonly patientId: string | null };
  readonly later: { readonly path: string; readonly date: string; readonly patientId: string | null };
  readonly registration: BoneScanTimePointSummary['registration'];
  readonly hotspots: readonly TrackedHotspotRow[];
  readonly summary: Omit<BoneScanTimePointSummary, 'registration' | 'newLesionProbability' | 'timePointIndex'>;
  readonly newLesionProbability: NewLesionProbability | null;
  readonly outputs: readonly { readonly kind: 'subtraction-image'; readonly view: string; readonly file: string }[];
  readonly subtractionConvention: string;
  readonly warnings: readonly string[];
  readonly citations: readonly Citation[];
}

async function listFiles(path: string): Promise<string[]> {
  let info;
  try {
    info = await stat(path);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    throw new BonemetError(
      code === 'ENOENT' ? 'not_found' : 'io_error',
      `cannot read ${path}: ${code === 'ENOENT' ? 'no such file or folder' : String(cause)}`,
      {
        issues: [{ path: [path], message: 'not found', hint: 'give a file or a folder of the study’s files' }],
        cause,
      },
    );
  }
  if (!info.isDirectory()) return [path];
  const names = (await readdir(path)).filter((name) => !name.startsWith('.')).sort();
  const files: string[] = [];
  for (const name of names) {
    const full = join(path, name);
    if ((await stat(full)).isFile()) files.push(full);
  }
  if (files.length === 0)
    throw new BonemetError('invalid_input', `${path}: the folder holds no files`, {
      issues: [{ path: [path], message: 'empty folder', hint: 'give the folder of the study’s files' }],
    });
  return files;
}

function isoFromDicomDate(value: string | undefined): string | null {
  if (value === undefined || !/^\d{8}$/.test(value)) return null;
  return `${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6, 8)}`;
}

async function readStudy(
  role: 'earlier' | 'later',
  path: string,
  dateOverride: string | undefined,
): Promise<StudyInput> {
  const paths = await listFiles(path);
  const files: ScanFile[] = await Promise.all(paths.map(async (p) => ({ bytes: await readFile(p), source: p })));
  files.forEach((file, index) => {
    const text = new TextDecoder().decode(file.bytes.subarray(0, 64)).trimStart();
    const sidecar = file.source.toLowerCase().endsWith('.json') || text.startsWith('{');
    if (isDicomPart10(file.bytes) || isPng(file.bytes) || isTiff(file.bytes) || sidecar) return;
    throw new BonemetError(
      'malformed_input',
      `${file.source}: unknown file: neither DICOM Part 10, PNG, TIFF nor a JSON sidecar`,
      {
        issues: [
          {
            path: [role, index],
            message: 'unrecognised file kind',
            hint: 'give the study’s DICOM files, or an image and its .json sidecar',
          },
        ],
      },
    );
  });
  const patientIds = new Set<string>();
  const dates = new Set<string>();
  for (const file of files) {
    if (!isDicomPart10(file.bytes)) continue;
    const attributes = readNmAttributes(file.bytes, file.source);
    if (attributes.modality === 'PT') {
      throw new BonemetError(
        'unsupported',
        `${file.source}: a PET object; \`bonemet track\` tracks whole-body bone scans`,
        {
          issues: [
            {
              path: [role],
              message: 'PET study given to bone-scan tracking',
              hint: 'PET/CT lesion tracking is a separate command; give NM whole-body bone scans here',
            },
          ],
        },
      );
    }
    const header = readSegmentationSource(file.bytes, file.source);
    if (header.patientId !== undefined) patientIds.add(header.patientId);
    const date = isoFromDicomDate(header.studyDate ?? attributes.acquisitionDate);
    if (date !== null) dates.add(date);
  }
  if (patientIds.size > 1)
    throw new BonemetError(
      'invalid_input',
      `${role} study ${path}: files of more than one patient (${[...patientIds].join(', ')})`,
      {
        issues: [{ path: [role], message: 'several Patient IDs', hint: 'give one study of one patient per argument' }],
      },
    );
  if (dates.size > 1 && dateOverride === undefined)
    throw new BonemetError(
      'invalid_input',
      `${role} study ${path}: files of more than one date (${[...dates].join(', ')})`,
      {
        issues: [
          { path: [role], message: 'several Study Dates', hint: `give one study per argument, or --${role}-date` },
        ],
      },
    );
  return { role, path, files, patientId: [...patientIds][0] ?? null, date: dateOverride ?? [...dates][0] ?? null };
}

function checkPair(earlier: StudyInput, later: StudyInput): { earlierDate: string; laterDate: string } {
  if (earlier.patientId !== null && later.patientId !== null && earlier.patientId !== later.patientId)
    throw new BonemetError(
      'invalid_input',
      `the studies are of different patients: Patient ID ${earlier.patientId} and ${later.patientId}`,
      {
        issues: [
          {
            path: ['later'],
            message: 'Patient ID differs from the earlier study’s',
            hint: 'track two studies of the same patient',
          },
        ],
      },
    );
  for (const study of [earlier, later]) {
    if (study.date === null)
      throw new BonemetError('missing_data', `${study.role} study ${study.path}: no study date`, {
        issues: [
          { path: [study.role], message: 'no Study Date in the files', hint: `give --${study.role}-date YYYY-MM-DD` },
        ],
      });
  }
  const earlierDate = earlier.date ?? '';
  const laterDate = later.date ?? '';
  if (laterDate <= earlierDate)
    throw new BonemetError(
      'invalid_input',
      `dates out of order: the later study (${laterDate}) is not after the earlier one (${earlierDate})`,
      {
        issues: [
          {
            path: ['later'],
            message: `${laterDate} is not after ${earlierDate}`,
            hint: 'give the earlier study first',
          },
        ],
      },
    );
  return { earlierDate, laterDate };
}

function parseDate(value: string | undefined, option: string): string | undefined {
  if (value === undefined) return undefined;
  if (!isoDateSchema.safeParse(value).success) throw usageError(`--${option} "${value}" is not a YYYY-MM-DD date`);
  return value;
}

function rowsOf(tracks: ReturnType<typeof trackBoneScanStudies>['automatic']['tracks']): TrackedHotspotRow[] {
  return tracks.map((track) => {
    const before = track.observations.find((o) => o.timePointIndex === 0);
    const after = track.observations.find((o) => o.timePointIndex === 1);
    const shown = after ?? before;
    return {
      trackUid: track.trackUid,
      view: track.view,
      lesion: track.lesion,
      earlierHotspotId: before?.hotspotId ?? null,
      laterHotspotId: after?.hotspotId ?? null,
      region: after?.region ?? before?.region ?? null,
      label: after?.label ?? before?.label ?? null,
      earlierPositionPx: before?.positionPx ?? null,
      laterPositionPx: after?.positionPx ?? null,
      state: after?.state ?? 'baseline',
      confidence: after?.confidence ?? null,
      distanceMm: after?.distanceMm ?? null,
      uptakeRatio: after?.uptake?.ratio ?? null,
      thresholdRatio: after?.uptake?.thresholdRatio ?? null,
      previouslyUndetected: shown?.previouslyUndetected ?? false,
    };
  });
}

/** Tracks two bone-scan studies (see the module comment); returns the report and the subtraction PNGs. */
export function trackTwoBoneScans(
  earlier: {
    readonly path: string;
    readonly date: string;
    readonly patientId: string | null;
    readonly analysis: WholeBodyScanAnalysis;
  },
  later: {
    readonly path: string;
    readonly date: string;
    readonly patientId: string | null;
    readonly analysis: WholeBodyScanAnalysis;
  },
): { report: Omit<TrackReport, 'outputs'>; images: { view: string; png: Uint8Array }[] } {
  const studies = [
    boneScanTrackingStudy(earlier.date, earlier.analysis),
    boneScanTrackingStudy(later.date, later.analysis),
  ];
  const tracking = trackBoneScanStudies(studies);
  const summary = tracking.automatic.timePoints[1];
  if (summary === undefined) throw new Error('tracking returned no follow-up summary');
  const images: { view: string; png: Uint8Array }[] = [];
  for (const registration of tracking.registrations[1] ?? []) {
    const before = studies[0]?.views.find((v) => v.view === registration.view);
    const after = studies[1]?.views.find((v) => v.view === registration.view);
    if (before === undefined || after === undefined) continue;
    images.push({ view: registration.view, png: subtractionPng(temporalSubtraction(before, after, registration)) });
  }
  const counts: TrackReport['summary'] = {
    studyDate: summary.studyDate,
    newLesionCount: summary.newLesionCount,
    persistentLesionCount: summary.persistentLesionCount,
    increasedLesionCount: summary.increasedLesionCount,
    decreasedLesionCount: summary.decreasedLesionCount,
    resolvedLesionCount: summary.resolvedLesionCount,
    newSinceBaselineCount: summary.newSinceBaselineCount,
    increasedSinceBaselineCount: summary.increasedSinceBaselineCount,
    benignNewCount: summary.benignNewCount,
    benignCount: summary.benignCount,
  };
  return {
    report: {
      disclaimer: RESEARCH_USE_DISCLAIMER,
      earlier: { path: earlier.path, date: earlier.date, patientId: earlier.patientId },
      later: { path: later.path, date: later.date, patientId: later.patientId },
      registration: summary.registration,
      hotspots: rowsOf(tracking.automatic.tracks),
      summary: counts,
      newLesionProbability: summary.newLesionProbability,
      subtractionConvention: SUBTRACTION_DISPLAY_CONVENTION,
      warnings: [
        ...tracking.automatic.warnings,
        ...earlier.analysis.report.segmentation.warnings.map((w) => `earlier: ${w}`),
        ...later.analysis.report.segmentation.warnings.map((w) => `later: ${w}`),
      ],
      citations: [sources['jacobson-1990']],
    },
    images,
  };
}

/**
 * Whether the study at `path` is PET/CT: a DICOMweb URL (bone scans are read from files), or a file or folder
 * tree (PET/CT folders hold series in sub-folders) whose first PT or NM object, CT and other files skipped, is PT.
 */
async function isPetStudy(path: string): Promise<boolean> {
  if (/^https?:\/\//i.test(path)) return true;
  const pending = [path];
  while (pending.length > 0) {
    const next = pending.shift() ?? '';
    let info;
    try {
      info = await stat(next);
    } catch {
      return false; // the bone-scan reader reports a missing path with its own message
    }
    if (info.isDirectory()) {
      const names = (await readdir(next)).filter((name) => !name.startsWith('.')).sort();
      pending.push(...names.map((name) => join(next, name)));
      continue;
    }
    const bytes = await readFile(next);
    if (!isDicomPart10(bytes)) continue;
    let modality: string | undefined;
    try {
      modality = readNmAttributes(bytes, next).modality;
    } catch {
      continue;
    }
    if (modality === 'PT') return true;
    if (modality === 'NM') return false;
  }
  return false;
}

/** Options of the bone-scan form that take a value (`--out dir`), skipped when looking for the first study. */
const VALUE_OPTIONS = new Set(['--out', '--earlier-date', '--later-date']);

function firstPositional(args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] ?? '';
    if (VALUE_OPTIONS.has(arg)) i += 1;
    else if (!arg.startsWith('-')) return arg;
  }
  return undefined;
}

export async function trackCommand(args: readonly string[], io: CliIo): Promise<number> {
  if (args[0] === '--help' || args[0] === '-h') {
    write(io.stdout, `${TRACK_USAGE}\n\n${TRACK_PET_USAGE}\n\n${RESEARCH_USE_DISCLAIMER}`);
    return 0;
  }
  const first = firstPositional(args);
  if (first !== undefined && (await isPetStudy(first))) return trackPetCommand(args, io);
  const { values, positionals } = parseArgs({
    args: [...args],
    options: {
      json: { type: 'boolean', default: false },
      out: { type: 'string' },
      'earlier-date': { type: 'string' },
      'later-date': { type: 'string' },
    },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length !== 2)
    throw usageError(`track needs two studies, the earlier then the later (got ${String(positionals.length)})`);
  const [earlierPath = '', laterPath = ''] = positionals;
  const earlier = await readStudy('earlier', earlierPath, parseDate(values['earlier-date'], 'earlier-date'));
  const later = await readStudy('later', laterPath, parseDate(values['later-date'], 'later-date'));
  const { earlierDate, laterDate } = checkPair(earlier, later);
  const analysed = (study: StudyInput): WholeBodyScanAnalysis =>
    analyzeWholeBodyScan(study.files, { fileNames: study.files.map((f) => f.source) });
  const { report, images } = trackTwoBoneScans(
    { path: earlier.path, date: earlierDate, patientId: earlier.patientId, analysis: analysed(earlier) },
    { path: later.path, date: laterDate, patientId: later.patientId, analysis: analysed(later) },
  );
  const outputs: TrackReport['outputs'][number][] = [];
  if (values.out !== undefined) {
    await mkdir(values.out, { recursive: true });
    for (const image of images) {
      const file = join(values.out, `subtraction-${image.view}.png`);
      await writeFile(file, image.png);
      outputs.push({ kind: 'subtraction-image', view: image.view, file });
    }
  }
  const full: TrackReport = { ...report, outputs };
  write(io.stdout, values.json ? JSON.stringify(full, null, 2) : renderTrackReport(full));
  return 0;
}

const fixed = (value: number | null, digits: number): string => (value === null ? '–' : value.toFixed(digits));

/** The report as text. */
export function renderTrackReport(report: TrackReport): string {
  const lines = [
    `Bone-scan tracking: ${report.earlier.date} (${report.earlier.path}) → ${report.later.date} (${report.later.path})`,
    report.disclaimer,
    '',
    'Registration of the later scan onto the earlier (per view):',
  ];
  for (const r of report.registration) {
    lines.push(
      `  ${r.view}: residual ${fixed(r.residualMm, 1)} mm (mean skeleton-part centroid distance), rotation ${r.rotationDeg.toFixed(1)}°, shift [${r.translationMm.map((v) => v.toFixed(1)).join(', ')}] mm, scale ${r.scale.toFixed(3)}`,
    );
  }
  const s = report.summary;
  lines.push(
    '',
    `Lesions (metastasis hotspots, counted once across views): ${String(s.newLesionCount)} new, ${String(s.increasedLesionCount)} increased, ${String(s.decreasedLesionCount)} decreased, ${String(s.persistentLesionCount)} persistent, ${String(s.resolvedLesionCount)} resolved`,
  );
  if (report.newLesionProbability !== null)
    lines.push(`  ${report.newLesionProbability.note} [${report.newLesionProbability.source.short}]`);
  lines.push(
    `Benign hotspots (reported apart): ${String(s.benignCount)}, of which ${String(s.benignNewCount)} new`,
    '',
    'Hotspots:',
  );
  for (const h of report.hotspots) {
    const ids = `${h.earlierHotspotId ?? '–'} → ${h.laterHotspotId ?? '–'}`;
    const uptake =
      h.uptakeRatio === null
        ? ''
        : `, uptake × ${h.uptakeRatio.toFixed(2)} (change beyond × ${fixed(h.thresholdRatio, 2)})`;
    const match = h.confidence === null ? '' : `, confidence ${h.confidence.toFixed(2)}, ${fixed(h.distanceMm, 1)} mm`;
    const note = h.previouslyUndetected ? ' (uptake already there before, not detected then)' : '';
    lines.push(`  ${h.view} ${ids} ${h.region ?? 'off skeleton'} ${h.label ?? ''}: ${h.state}${uptake}${match}${note}`);
  }
  if (report.outputs.length > 0) {
    lines.push('', `Subtraction images (${report.subtractionConvention}):`);
    for (const o of report.outputs) lines.push(`  ${o.file}`);
  }
  for (const w of report.warnings) lines.push(`! ${w}`);
  return lines.join('\n');
}
