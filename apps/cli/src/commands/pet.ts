import { BonemetError, RESEARCH_USE_DISCLAIMER } from '@bonemet/core';
import {
  isDicomPart10,
  maskStatistics,
  maskVoxelIndices,
  petSuvVolume,
  readNifti,
  readSegmentation,
  readSegmentationSource,
  segmentationMaskOnGrid,
  sulJames128Factors,
  sulJanmahasatianFactors,
  suvbsaFactors,
  suvbwFactors,
  suvibwFactors,
  type DicomImageDataset,
  type ImageVolume,
  type MaskStatistics,
  type PetSuvSlice,
  type SuvFactors,
} from '@bonemet/dicom';
import { comparePetTimePoints, renderPetResponseText } from '@bonemet/response';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { readJsonInput, write, type CliIo } from '../io.js';
import { usageError } from '../usage.js';
import { createProgressBar, takeProgressFlags } from '../progress.js';
import { loadPetSource } from './pet-source.js';
import { PET_QUANTIFY_USAGE, petQuantify } from './pet-quantify.js';

const quantities: Readonly<Record<string, (slices: readonly PetSuvSlice[]) => SuvFactors>> = {
  suvbw: suvbwFactors,
  sul: sulJanmahasatianFactors,
  'sul-james128': sulJames128Factors,
  suvbsa: suvbsaFactors,
  suvibw: suvibwFactors,
};

export const PET_USAGE = `bonemet pet suv <dir|file|DICOMweb study URL> [--mask <NIfTI|DICOM SEG>]
                   [--segment <number|label>]... [--quantity ${Object.keys(quantities).join('|')}]
                   [--series <SeriesInstanceUID>] [--json] [--progress|--no-progress]
  The SUV conversion of a PET series (factors, how they were reached, assumptions) and, with --mask, SUV
  statistics inside the mask (max, median, min, mean, voxel count). The default quantity is SUVbw; "sul" is
  SUL with the Janmahasatian lean body mass. The mask is a NIfTI file (non-zero voxels) or a DICOM SEG
  (told apart by the "DICM" prefix): all its segments as their union, or those named by --segment
  (number or label, repeatable); FRACTIONAL segments count voxels at or above half the maximum value.`;

export async function petCommand(args: readonly string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'suv') return petSuv(rest, io);
  if (sub === 'compare') return petCompare(rest, io);
  if (sub === 'quantify') return petQuantify(rest, io);
  if (sub === undefined || sub === '--help' || sub === '-h') {
    write(io.stdout, `${PET_USAGE}\n${PET_QUANTIFY_USAGE}\n\n${RESEARCH_USE_DISCLAIMER}`);
    return 0;
  }
  throw usageError(`unknown pet command "${sub}" (available: suv, quantify, compare)`);
}

interface PetSuvReport {
  readonly disclaimer: string;
  readonly series: { readonly seriesInstanceUid: string; readonly slices: number };
  readonly conversion: {
    readonly quantity: string;
    readonly unit: string;
    readonly factorMin: number;
    readonly factorMax: number;
    readonly details: readonly string[];
    readonly assumptions: readonly string[];
  };
  readonly mask?: {
    readonly file: string;
    readonly format: 'NIfTI' | 'DICOM SEG';
    /** DICOM SEG only: the segments whose union is the mask. */
    readonly segments?: readonly { readonly number: number; readonly label: string }[];
    readonly statistics: MaskStatistics;
  };
}

/**
 * The mask's voxels on the PET grid, from a NIfTI file or a DICOM SEG (told apart by the Part 10 "DICM"
 * prefix); `segments` chooses SEG segments by number or label (none: all, as their union).
 */
async function placeMask(
  file: string,
  bytes: Uint8Array,
  segments: readonly string[],
  volume: ImageVolume,
  images: readonly DicomImageDataset[],
): Promise<{ voxelIndices: Uint32Array; described: Omit<NonNullable<PetSuvReport['mask']>, 'statistics'> }> {
  if (!isDicomPart10(bytes)) {
    if (segments.length > 0) throw usageError('--segment applies to a DICOM SEG mask, not to a NIfTI file');
    return { voxelIndices: maskVoxelIndices(volume, readNifti(bytes)), described: { file, format: 'NIfTI' } };
  }
  // The PET's Frame of Reference, read from its first file when it is one on disk (not for DICOMweb);
  // without it the SEG must reference the PET series itself.
  let imageFrameOfReferenceUid: string | undefined;
  const first = images[0];
  if (first !== undefined) {
    try {
      imageFrameOfReferenceUid = readSegmentationSource(await readFile(first.source), first.source).frameOfReferenceUid;
    } catch {
      imageFrameOfReferenceUid = undefined;
    }
  }
  const selection = segments.map((key) => (/^[0-9]+$/.test(key) ? Number(key) : key));
  const placed = segmentationMaskOnGrid(readSegmentation(bytes, file), selection, volume, {
    ...(imageFrameOfReferenceUid === undefined ? {} : { imageFrameOfReferenceUid }),
  });
  return {
    voxelIndices: placed.voxelIndices,
    described: {
      file,
      format: 'DICOM SEG',
      segments: placed.segments.map((segment) => ({ number: segment.segmentNumber, label: segment.label })),
    },
  };
}

async function petSuv(args: readonly string[], io: CliIo): Promise<number> {
  const flags = takeProgressFlags(args);
  const { values, positionals } = parseArgs({
    args: flags.rest,
    options: {
      mask: { type: 'string' },
      segment: { type: 'string', multiple: true },
      quantity: { type: 'string', default: 'suvbw' },
      series: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    allowPositionals: true,
    strict: true,
  });
  const [source, ...extra] = positionals;
  if (source === undefined)
    throw usageError('pet suv needs a PET series: a directory, a DICOM file or a DICOMweb study URL');
  if (extra.length > 0) throw usageError(`unexpected argument${extra.length > 1 ? 's' : ''}: ${extra.join(' ')}`);
  const compute = quantities[values.quantity];
  if (compute === undefined)
    throw usageError(`unknown --quantity "${values.quantity}" (one of: ${Object.keys(quantities).join(', ')})`);

  const { pet: series } = await loadPetSource(source, values.series, createProgressBar(io.stderr, flags.progress));
  const { volume, factors, suv } = petSuvVolume(series.images, compute);
  let mask: PetSuvReport['mask'];
  if (values.mask !== undefined) {
    let bytes: Uint8Array;
    try {
      bytes = await readFile(values.mask);
    } catch (cause) {
      throw new BonemetError('not_found', `cannot read the mask ${values.mask}`, { cause });
    }
    const placed = await placeMask(values.mask, bytes, values.segment ?? [], volume, series.images);
    mask = { ...placed.described, statistics: maskStatistics(suv, placed.voxelIndices) };
  } else if (values.segment !== undefined) {
    throw usageError('--segment chooses segments of a DICOM SEG given with --mask');
  }
  const report: PetSuvReport = {
    disclaimer: RESEARCH_USE_DISCLAIMER,
    series: { seriesInstanceUid: series.seriesInstanceUid, slices: volume.slices.length },
    conversion: {
      quantity: factors.quantity,
      unit: factors.unit,
      factorMin: Math.min(...factors.factorsPerSlice),
      factorMax: Math.max(...factors.factorsPerSlice),
      details: factors.details,
      assumptions: factors.assumptions,
    },
    ...(mask === undefined ? {} : { mask }),
  };
  write(io.stdout, values.json ? JSON.stringify(report, null, 2) : renderPetSuv(report));
  return 0;
}

function renderPetSuv(report: PetSuvReport): string {
  const c = report.conversion;
  const factor =
    c.factorMin === c.factorMax
      ? c.factorMin.toPrecision(6)
      : `${c.factorMin.toPrecision(6)}-${c.factorMax.toPrecision(6)}`;
  const lines = [
    `PET ${c.quantity} conversion: series ${report.series.seriesInstanceUid} (${String(report.series.slices)} slices)`,
    report.disclaimer,
    '',
    `Factor (rescaled value → ${c.quantity}, ${c.unit}): ${factor}`,
    ...c.details.map((d) => `  - ${d}`),
    ...c.assumptions.map((a) => `  * assumption: ${a}`),
  ];
  if (report.mask !== undefined) {
    const s = report.mask.statistics;
    lines.push(
      '',
      `Inside ${report.mask.file} (${String(s.voxelCount)} voxels): max ${s.max.toFixed(3)}, median ${s.median.toFixed(3)}, min ${s.min.toFixed(3)}, mean ${s.mean.toFixed(3)} ${c.unit}`,
    );
    const segments = report.mask.segments ?? [];
    if (segments.length > 0) {
      const listed = segments.map((segment) => `${String(segment.number)} "${segment.label}"`).join(', ');
      lines.push(
        `  DICOM SEG segment${segments.length > 1 ? 's' : ''} ${listed}${segments.length > 1 ? ' (union)' : ''}`,
      );
    }
  }
  return lines.join('\n');
}

async function petCompare(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    options: {
      cycles: { type: 'string' },
      reference: { type: 'string' },
      progression: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    allowPositionals: true,
    strict: true,
  });
  const [baselineFile, followUpFile, ...extra] = positionals;
  if (baselineFile === undefined || followUpFile === undefined) {
    throw usageError('pet compare needs two quantified time points: <baseline.json> <follow-up.json>');
  }
  if (extra.length > 0) throw usageError(`unexpected argument${extra.length > 1 ? 's' : ''}: ${extra.join(' ')}`);
  if (baselineFile === '-' && followUpFile === '-')
    throw usageError('only one of the two inputs can be standard input');
  const cycles = values.cycles === undefined ? undefined : Number(values.cycles);
  const options = {
    ...(cycles === undefined ? {} : { treatmentCyclesBeforeFollowUp: cycles }),
    ...(values.reference === undefined ? {} : { referenceRegion: values.reference }),
    ...(values.progression === undefined ? {} : { progressionComparison: values.progression }),
  };
  // Validation of the options happens with the time points, so every problem is reported by its path.
  const result = comparePetTimePoints({
    baseline: await readJsonInput(baselineFile, io),
    followUp: await readJsonInput(followUpFile, io),
    ...(Object.keys(options).length === 0 ? {} : { options }),
  });
  write(io.stdout, values.json ? JSON.stringify(result, null, 2) : renderPetResponseText(result));
  return 0;
}
