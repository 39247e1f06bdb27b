/**
 * `bonemet pet quantify`: DICOM folder → PET SUV volume (+ CT on the same grid) → lesion quantification
 * (@bonemet/pet) → JSON, CSV, a text table, or the `pet-time-point` document that `pet compare` reads.
 */
import { BonemetError, formatCitation, RESEARCH_USE_DISCLAIMER, type Issue } from '@bonemet/core';
import {
  imageFrames,
  petSuvSliceFromDataset,
  petSuvVolume,
  sulJanmahasatianFactors,
  type PetSuvSlice,
  type SuvFactors,
} from '@bonemet/dicom';
import type { Triple } from '@bonemet/imaging';
import {
  ctOnPetGrid,
  petImageFromSuvVolume,
  quantifyLesions,
  type LesionMeasurement,
  type PetQuantification,
  type ThresholdRule,
} from '@bonemet/pet';
import { petTimePointFromQuantification } from '@bonemet/response';
import { parseArgs } from 'node:util';
import { write, type CliIo } from '../io.js';
import { createProgressBar, takeProgressFlags } from '../progress.js';
import { displaySource, loadPetSource, PET_SOURCE_USAGE } from './pet-source.js';
import { isoDate, uptakeTimeMin } from './pet-study-header.js';

export const PET_QUANTIFY_USAGE = `bonemet pet quantify <dir|file|DICOMweb study URL> [--threshold percist|41|2.5] [--sul] [--liver x,y,z]
                   [--blood-pool x,y,z] [--min-volume-ml v] [--series <SeriesInstanceUID>]
                   [--json|--csv|--time-point] [--progress|--no-progress]
  Lesion quantification of a PET series: liver reference (3 cm sphere, placed automatically from the PET
  unless --liver gives its centre, patient mm LPS), lesions above the threshold (default PERCIST), and per
  lesion SUVmax, SUVpeak (global and local), SUVmean, MTV, TLG, centroid and, with a CT series on the
  PET grid in the same folder, whether it is osseous. Values in SUVbw, or in SUL (Janmahasatian) with
  --sul. --time-point prints the pet-time-point JSON that \`bonemet pet compare\` reads. Write a value that
  starts with a minus sign with "=": --liver=-80,-15,120.
${PET_SOURCE_USAGE}`;

/** The --threshold values and the rule each one selects (packages/pet threshold-rule.ts). */
const thresholdRules: Readonly<Record<string, ThresholdRule>> = Object.freeze({
  percist: { kind: 'percist' },
  '41': { kind: 'percent-of-max', fraction: 0.41, seedSuvbw: 2.5, growthMarginMm: 10 },
  '2.5': { kind: 'fixed', suvbw: 2.5 },
});

type OutputFormat = 'text' | 'json' | 'csv' | 'time-point';

interface QuantifyArguments {
  readonly source: string;
  readonly threshold: ThresholdRule;
  readonly sul: boolean;
  readonly liverCentreMm?: Triple;
  readonly bloodPoolCentreMm?: Triple;
  readonly minimumVolumeMl?: number;
  readonly series?: string;
  readonly format: OutputFormat;
}

/** "x,y,z" → three finite numbers, or an issue naming the option. */
function parsePoint(text: string, option: string, issues: Issue[]): Triple | undefined {
  const parts = text.split(',').map((part) => part.trim());
  const numbers = parts.map((part) => (part === '' ? Number.NaN : Number(part)));
  const [x, y, z] = numbers;
  if (
    numbers.length !== 3 ||
    x === undefined ||
    y === undefined ||
    z === undefined ||
    !numbers.every(Number.isFinite)
  ) {
    issues.push({
      path: [option],
      message: `"${text}" is not three numbers x,y,z (patient mm, DICOM LPS)`,
      hint: `e.g. ${option}=-80,-15,120`,
    });
    return undefined;
  }
  return [x, y, z];
}

function parseQuantifyArguments(args: readonly string[]): QuantifyArguments {
  const { values, positionals } = parseArgs({
    args: [...args],
    options: {
      threshold: { type: 'string', default: 'percist' },
      sul: { type: 'boolean', default: false },
      liver: { type: 'string' },
      'blood-pool': { type: 'string' },
      'min-volume-ml': { type: 'string' },
      series: { type: 'string' },
      json: { type: 'boolean', default: false },
      csv: { type: 'boolean', default: false },
      'time-point': { type: 'boolean', default: false },
    },
    allowPositionals: true,
    strict: true,
  });
  const [source, ...extra] = positionals;
  const issues: Issue[] = [];
  if (source === undefined)
    issues.push({ path: ['<dir|file>'], message: 'a PET directory or DICOM file is needed (or a DICOMweb study URL)' });
  if (extra.length > 0)
    issues.push({ path: [], message: `unexpected argument${extra.length > 1 ? 's' : ''}: ${extra.join(' ')}` });
  const threshold = thresholdRules[values.threshold];
  if (threshold === undefined) {
    issues.push({
      path: ['--threshold'],
      message: `unknown threshold "${values.threshold}"`,
      hint: `one of: ${Object.keys(thresholdRules).join(', ')}`,
    });
  }
  const formats = (['json', 'csv', 'time-point'] as const).filter((format) => values[format]);
  if (formats.length > 1) {
    issues.push({
      path: [`--${formats[1] ?? ''}`],
      message: `choose one output: ${formats.map((f) => `--${f}`).join(', ')}`,
    });
  }
  const liverCentreMm = values.liver === undefined ? undefined : parsePoint(values.liver, '--liver', issues);
  const bloodPool = values['blood-pool'];
  const bloodPoolCentreMm = bloodPool === undefined ? undefined : parsePoint(bloodPool, '--blood-pool', issues);
  const minVolume = values['min-volume-ml'];
  const minimumVolumeMl = minVolume === undefined || minVolume.trim() === '' ? Number.NaN : Number(minVolume);
  if (minVolume !== undefined && !(Number.isFinite(minimumVolumeMl) && minimumVolumeMl >= 0)) {
    issues.push({ path: ['--min-volume-ml'], message: `"${minVolume}" is not a volume in ml (a number ≥ 0)` });
  }
  if (issues.length > 0 || source === undefined || threshold === undefined) {
    throw new BonemetError('invalid_input', 'pet quantify: invalid arguments', {
      issues: issues.map((issue) => ({ ...issue, hint: issue.hint ?? 'run `bonemet pet --help` for usage' })),
    });
  }
  return {
    source,
    threshold,
    sul: values.sul,
    ...(liverCentreMm === undefined ? {} : { liverCentreMm }),
    ...(bloodPoolCentreMm === undefined ? {} : { bloodPoolCentreMm }),
    ...(minVolume === undefined ? {} : { minimumVolumeMl }),
    ...(values.series === undefined ? {} : { series: values.series }),
    format: formats[0] ?? 'text',
  };
}

/** Stage messages on standard error, only for a person at a terminal (never in pipes or tests). */
function progress(io: CliIo, message: string): void {
  if ('isTTY' in io.stderr && io.stderr.isTTY === true) io.stderr.write(`bonemet: ${message}…\n`);
}

/** The SUL (Janmahasatian) factors, or why they cannot be computed. */
function sulFactors(slices: readonly PetSuvSlice[]): SuvFactors | BonemetError {
  try {
    return sulJanmahasatianFactors(slices);
  } catch (error) {
    if (error instanceof BonemetError) return error;
    throw error;
  }
}

/** Issue paths of the reference options named as the command-line options that set them. */
const optionOfPath: Readonly<Record<string, string>> = { liverCentreMm: '--liver', bloodPoolCentreMm: '--blood-pool' };

function renameOptionPaths(error: BonemetError): BonemetError {
  const renamed = error.issues.map((issue) => {
    const first = issue.path[0];
    const option = typeof first === 'string' ? optionOfPath[first] : undefined;
    return option === undefined ? issue : { ...issue, path: [option, ...issue.path.slice(1)] };
  });
  return new BonemetError(error.code, error.message, { issues: renamed, cause: error });
}

type ReportedQuantity = 'SUVbw' | 'SULjanmahasatian';

interface LesionRow {
  readonly rank: number;
  readonly centroidMm: Triple;
  readonly suvmax: number;
  readonly suvpeakGlobal: number;
  readonly suvpeakLocal: number;
  readonly suvmean: number;
  readonly mtvMl: number;
  readonly tlg: number;
  readonly osseous: boolean | null;
  readonly boneFraction: number | null;
  /** Bone the lesion overlaps or lies next to (core's skeletal location) with how it was found; null without a CT. */
  readonly skeletalRegion: LesionMeasurement['skeletalRegion'];
  readonly voxelCount: number;
  readonly suvmaxMm: Triple;
}

function lesionRow(lesion: LesionMeasurement, quantity: ReportedQuantity): LesionRow {
  const common = {
    rank: lesion.rank,
    centroidMm: lesion.centroidMm,
    mtvMl: lesion.mtvMl,
    osseous: lesion.osseous?.isOsseous ?? null,
    boneFraction: lesion.osseous?.boneFraction ?? null,
    skeletalRegion: lesion.skeletalRegion,
    voxelCount: lesion.voxelCount,
    suvmaxMm: lesion.suvmaxMm,
  };
  if (quantity === 'SULjanmahasatian' && lesion.sul !== null) {
    return {
      ...common,
      suvmax: lesion.sul.max,
      suvpeakGlobal: lesion.sul.peakGlobal,
      suvpeakLocal: lesion.sul.peakLocal,
      suvmean: lesion.sul.mean,
      tlg: lesion.sul.mean * lesion.mtvMl,
    };
  }
  return {
    ...common,
    suvmax: lesion.suvmax,
    suvpeakGlobal: lesion.suvpeakGlobal.suvbw,
    suvpeakLocal: lesion.suvpeakLocal.suvbw,
    suvmean: lesion.suvmean,
    tlg: lesion.tlg,
  };
}

interface QuantifyReport {
  readonly disclaimer: string;
  readonly source: {
    readonly petSeriesInstanceUid: string;
    readonly slices: number;
    readonly ctSeriesInstanceUid: string | null;
  };
  /** The quantity of the lesion values: SUVbw (g/ml), or SUL by Janmahasatian lean body mass with --sul. */
  readonly quantity: ReportedQuantity;
  readonly unit: 'g/ml';
  readonly conversion: { readonly details: readonly string[]; readonly assumptions: readonly string[] };
  readonly liver: {
    readonly sulMean: number | null;
    readonly sulSd: number | null;
    readonly suvbwMean: number;
    readonly suvbwSd: number;
    readonly centreMm: Triple;
    readonly placement: string;
    readonly voxelCount: number;
    readonly problems: readonly string[];
  } | null;
  readonly bloodPool: {
    readonly sulMean: number | null;
    readonly sulSd: number | null;
    readonly suvbwMean: number;
    readonly suvbwSd: number;
  } | null;
  readonly threshold: PetQuantification['threshold'];
  readonly lesions: readonly LesionRow[];
  readonly excludedPhysiological: PetQuantification['excludedPhysiological'];
  readonly belowMinimumVolume: number;
  readonly definitions: PetQuantification['definitions'];
  readonly parameters: PetQuantification['parameters'];
  readonly notes: readonly string[];
  readonly sources: PetQuantification['sources'];
}

export async function petQuantify(args: readonly string[], io: CliIo): Promise<number> {
  const flags = takeProgressFlags(args);
  const options = parseQuantifyArguments(flags.rest);
  progress(io, `reading DICOM files under ${displaySource(options.source)}`);
  const progressBar = createProgressBar(io.stderr, flags.progress);
  const { pet: series, others } = await loadPetSource(options.source, options.series, progressBar);
  progress(io, `converting ${String(imageFrames(series.images).length)} PET slices to SUV`);
  const suvVolume = petSuvVolume(series.images);
  const slices = suvVolume.volume.slices.map(petSuvSliceFromDataset);
  const sul = sulFactors(slices);
  const needsSul = options.sul || options.format === 'time-point';
  if (sul instanceof BonemetError && needsSul) {
    throw new BonemetError(sul.code, `${options.sul ? '--sul' : '--time-point'} needs SUL: ${sul.message}`, {
      issues: sul.issues,
      cause: sul,
    });
  }
  const pet = petImageFromSuvVolume(suvVolume, sul instanceof BonemetError ? undefined : sul);
  const ctChoice = ctOnPetGrid(suvVolume.volume, others);
  progress(io, 'segmenting lesions');
  let quantification: PetQuantification;
  try {
    quantification = quantifyLesions(ctChoice.ct === null ? { pet } : { pet, ct: ctChoice.ct }, {
      threshold: options.threshold,
      ...(options.minimumVolumeMl === undefined ? {} : { minimumVolumeMl: options.minimumVolumeMl }),
      reference: {
        liverCentreMm: options.liverCentreMm ?? 'automatic',
        ...(options.bloodPoolCentreMm === undefined ? {} : { bloodPoolCentreMm: options.bloodPoolCentreMm }),
      },
    });
  } catch (error) {
    throw error instanceof BonemetError ? renameOptionPaths(error) : error;
  }

  if (options.format === 'time-point') {
    const studyDate = isoDate(slices[0]?.seriesDate ?? slices[0]?.acquisitionDate);
    const uptake = uptakeTimeMin(slices);
    const timePoint = petTimePointFromQuantification(quantification, {
      ...(studyDate === undefined ? {} : { studyDate }),
      ...(uptake === undefined ? {} : { uptakeTimeMin: uptake }),
    });
    write(io.stdout, JSON.stringify(timePoint, null, 2));
    return 0;
  }

  const quantity: ReportedQuantity = options.sul ? 'SULjanmahasatian' : 'SUVbw';
  const liverRegion = quantification.reference?.liver ?? null;
  const bloodPoolRegion = quantification.reference?.bloodPool ?? null;
  const report: QuantifyReport = {
    disclaimer: RESEARCH_USE_DISCLAIMER,
    source: {
      petSeriesInstanceUid: series.seriesInstanceUid,
      slices: suvVolume.volume.slices.length,
      ctSeriesInstanceUid: ctChoice.seriesInstanceUid,
    },
    quantity,
    unit: 'g/ml',
    conversion: {
      details: sul instanceof BonemetError ? suvVolume.factors.details : sul.details,
      assumptions: sul instanceof BonemetError ? suvVolume.factors.assumptions : sul.assumptions,
    },
    liver:
      liverRegion === null
        ? null
        : {
            sulMean: liverRegion.sulMean,
            sulSd: liverRegion.sulSd,
            suvbwMean: liverRegion.suvbwMean,
            suvbwSd: liverRegion.suvbwSd,
            centreMm: liverRegion.centreMm,
            placement: liverRegion.placement,
            voxelCount: liverRegion.voxelCount,
            problems: liverRegion.problems,
          },
    bloodPool:
      bloodPoolRegion === null
        ? null
        : {
            sulMean: bloodPoolRegion.sulMean,
            sulSd: bloodPoolRegion.sulSd,
            suvbwMean: bloodPoolRegion.suvbwMean,
            suvbwSd: bloodPoolRegion.suvbwSd,
          },
    threshold: quantification.threshold,
    lesions: quantification.lesions.map((lesion) => lesionRow(lesion, quantity)),
    excludedPhysiological: quantification.excludedPhysiological,
    belowMinimumVolume: quantification.belowMinimumVolume,
    definitions: quantification.definitions,
    parameters: quantification.parameters,
    notes: [
      ...(sul instanceof BonemetError ? [`no SUL conversion: ${sul.message}`] : []),
      ...(quantity === 'SULjanmahasatian'
        ? [
            'lesion values are SUL (Janmahasatian lean body mass), g/ml: SUVbw × LBM / weight; TLG = SULmean × MTV; the definitions name SUVbw but apply unchanged to SUL',
          ]
        : []),
      ...ctChoice.notes,
      ...quantification.notes,
    ],
    sources: quantification.sources,
  };
  if (options.format === 'json') write(io.stdout, JSON.stringify(report, null, 2));
  else if (options.format === 'csv') write(io.stdout, renderCsv(report));
  else write(io.stdout, renderText(report));
  return 0;
}

const csvNames: Readonly<Record<ReportedQuantity, readonly string[]>> = {
  SUVbw: ['suvmax', 'suvpeak_global', 'suvpeak_local', 'suvmean'],
  SULjanmahasatian: ['sulmax', 'sulpeak_global', 'sulpeak_local', 'sulmean'],
};

/** One row per lesion; the disclaimer as a leading `#` comment line. */
function renderCsv(report: QuantifyReport): string {
  const header = [
    'rank',
    'centroid_x_mm',
    'centroid_y_mm',
    'centroid_z_mm',
    ...csvNames[report.quantity],
    'mtv_ml',
    report.quantity === 'SUVbw' ? 'tlg_suvbw_ml' : 'tlg_sul_ml',
    'osseous',
    'bone_fraction',
    'skeletal_region',
    'skeletal_region_confidence',
  ];
  const rows = report.lesions.map((lesion) =>
    [
      lesion.rank,
      ...lesion.centroidMm,
      lesion.suvmax,
      lesion.suvpeakGlobal,
      lesion.suvpeakLocal,
      lesion.suvmean,
      lesion.mtvMl,
      lesion.tlg,
      lesion.osseous === null ? '' : String(lesion.osseous),
      lesion.boneFraction ?? '',
      csvText(lesion.skeletalRegion?.display ?? ''),
      lesion.skeletalRegion === null ? '' : lesion.skeletalRegion.confidence,
    ].join(','),
  );
  return [`# ${report.disclaimer}`, header.join(','), ...rows].join('\n');
}

const fixed = (value: number | null, digits: number): string => (value === null ? '-' : value.toFixed(digits));

/** A CSV field: quoted when it holds a comma or a quote (RFC 4180). */
function csvText(text: string): string {
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** "L3 vertebra (high)", "near right ilium, 4.0 mm (low)", or "-" without a CT or a classified bone. */
function skeletalText(region: LesionRow['skeletalRegion']): string {
  if (region === null) return '-';
  const { display } = region;
  if (display === null) return '-';
  const near = region.relation === 'nearest' ? `near ${display}, ${region.distanceMm.toFixed(1)} mm` : display;
  return `${near} (${region.confidence})`;
}

function renderText(report: QuantifyReport): string {
  const label = report.quantity === 'SUVbw' ? 'SUVbw' : 'SUL';
  const liver = report.liver;
  const lines = [
    `PET lesion quantification: series ${report.source.petSeriesInstanceUid} (${String(report.source.slices)} slices), values in ${label} (g/ml)`,
    report.disclaimer,
    '',
    liver === null
      ? 'Liver reference: none'
      : `Liver reference (${liver.placement}, centre ${liver.centreMm.map((v) => v.toFixed(1)).join(', ')} mm): SUL mean ${fixed(liver.sulMean, 2)}, SD ${fixed(liver.sulSd, 2)}; SUVbw mean ${liver.suvbwMean.toFixed(2)}, SD ${liver.suvbwSd.toFixed(2)}${liver.problems.length === 0 ? '' : ` (unusable: ${liver.problems.join('; ')})`}`,
    `Threshold: ${report.threshold.rule}${report.threshold.suvbw === null ? '' : ` = SUVbw ${report.threshold.suvbw.toFixed(2)}`}`,
    '',
  ];
  const head = [
    '#',
    'centroid x, y, z (mm)',
    `${label}max`,
    `${label}peak glob`,
    `${label}peak loc`,
    `${label}mean`,
    'MTV ml',
    'TLG',
    'osseous',
    'skeletal region',
  ];
  const body = report.lesions.map((lesion) => [
    String(lesion.rank),
    lesion.centroidMm.map((v) => v.toFixed(1)).join(', '),
    lesion.suvmax.toFixed(2),
    lesion.suvpeakGlobal.toFixed(2),
    lesion.suvpeakLocal.toFixed(2),
    lesion.suvmean.toFixed(2),
    lesion.mtvMl.toFixed(2),
    lesion.tlg.toFixed(1),
    lesion.osseous === null ? '-' : lesion.osseous ? 'yes' : 'no',
    skeletalText(lesion.skeletalRegion),
  ]);
  if (body.length === 0) lines.push('No lesion found.');
  else {
    const widths = head.map((h, column) => Math.max(h.length, ...body.map((row) => (row[column] ?? '').length)));
    const format = (row: readonly string[]): string =>
      row.map((cell, column) => cell.padStart(widths[column] ?? 0)).join('  ');
    lines.push(format(head), ...body.map(format));
  }
  lines.push('', 'Notes:', ...report.notes.map((note) => `  - ${note}`));
  lines.push('', 'Sources:', ...report.sources.map((source) => `  - ${formatCitation(source)}`));
  return lines.join('\n');
}
