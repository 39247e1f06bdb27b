/**
 * `bonemet track <earlier> <later>` for PET/CT studies: each study is read (folder, file or DICOMweb study
 * URL, as `pet quantify` reads it), quantified (PERCIST threshold, automatic liver, CT osseous test), the later
 * study is aligned onto the earlier one from the images (CT bone, else the PET body outline), and the lesions
 * are matched with states, changes and match confidence (@bonemet/response `trackPetStudies`).
 */
import { BonemetError, formatCitation, RESEARCH_USE_DISCLAIMER, type Citation, type Issue } from '@bonemet/core';
import { isHttpUrl, petSuvSliceFromDataset, petSuvVolume, sulJanmahasatianFactors } from '@bonemet/dicom';
import { ctOnPetGrid, petImageFromSuvVolume, quantifyLesions } from '@bonemet/pet';
import {
  sources,
  trackPetStudies,
  type LesionState,
  type MeasureChange,
  type PercistCategory,
  type PetAlignment,
  type QuantifiedPetStudy,
} from '@bonemet/response';
import { parseArgs } from 'node:util';
import { write, type CliIo } from '../io.js';
import { createProgressBar, takeProgressFlags } from '../progress.js';
import { displaySource, loadPetSource, PET_SOURCE_USAGE } from './pet-source.js';
import { isoDate, uptakeTimeMin } from './pet-study-header.js';
import { patientIdOfFile } from './track-pet-identity.js';

export const TRACK_PET_USAGE = `bonemet track <earlier> <later> [--json] [--progress|--no-progress]   (PET/CT studies)
  Lesions of two PET/CT studies of one patient, matched: each study is quantified (PERCIST threshold,
  automatic liver reference, the CT for the osseous test), the later study is aligned onto the earlier one
  from the images (rigid: the CT bone when both have a CT, else the PET body outline; the method and the
  residual are shown), and lesions are matched by overlap and distance. Per lesion: state (new; increased,
  stable or decreased by SULpeak beyond ± 6.9%, the repeatability coefficient; resolved), the change of each
  measure and the match confidence; then PERCIST 1.0 of the later study against the earlier one.
  Studies of different patients (Patient ID) or a later study dated before the earlier one are refused.
${PET_SOURCE_USAGE}`;

interface LoadedStudy {
  readonly source: string;
  readonly petSeriesInstanceUid: string;
  readonly ctSeriesInstanceUid: string | null;
  readonly patientId: string | null;
  readonly input: QuantifiedPetStudy;
  readonly notes: readonly string[];
}

type Role = 'earlier' | 'later';

/** `error` with its message and issue paths naming the study it came from. */
function inStudy(error: BonemetError, role: Role, source: string): BonemetError {
  const issues: Issue[] = (error.issues.length > 0 ? error.issues : [{ path: [], message: error.message }]).map(
    (issue) => ({ ...issue, path: [`<${role}>`, ...issue.path] }),
  );
  return new BonemetError(error.code, `${role} study ${source}: ${error.message}`, { issues, cause: error });
}

async function loadStudy(source: string, role: Role, io: CliIo, progress: boolean | undefined): Promise<LoadedStudy> {
  const shown = displaySource(source);
  try {
    const { pet: series, others } = await loadPetSource(source, undefined, createProgressBar(io.stderr, progress));
    const suvVolume = petSuvVolume(series.images);
    const slices = suvVolume.volume.slices.map(petSuvSliceFromDataset);
    const sul = sulJanmahasatianFactors(slices);
    const pet = petImageFromSuvVolume(suvVolume, sul);
    const ctChoice = ctOnPetGrid(suvVolume.volume, others);
    const quantification = quantifyLesions(ctChoice.ct === null ? { pet } : { pet, ct: ctChoice.ct }, {
      threshold: { kind: 'percist' },
      reference: { liverCentreMm: 'automatic' },
    });
    const studyDate = isoDate(slices[0]?.seriesDate ?? slices[0]?.acquisitionDate);
    if (studyDate === undefined) {
      throw new BonemetError('missing_data', 'the PET series has no Series Date or Acquisition Date', {
        issues: [{ path: ['SeriesDate'], message: 'no study date', hint: 'the studies are ordered by date' }],
      });
    }
    const firstSource = series.images[0]?.source;
    const patientId = firstSource === undefined || isHttpUrl(source) ? undefined : await patientIdOfFile(firstSource);
    const notes = [...ctChoice.notes, ...quantification.notes];
    if (patientId === undefined) notes.push('Patient ID not read (DICOMweb source or an unusual transfer syntax)');
    const uptake = uptakeTimeMin(slices);
    return {
      source: shown,
      petSeriesInstanceUid: series.seriesInstanceUid,
      ctSeriesInstanceUid: ctChoice.seriesInstanceUid,
      patientId: patientId === undefined || patientId === '' ? null : patientId,
      input: {
        studyDate,
        ...(patientId === undefined || patientId === '' ? {} : { patientId }),
        quantification,
        pet,
        ...(ctChoice.ct === null ? {} : { ct: ctChoice.ct }),
        ...(uptake === undefined ? {} : { uptakeTimeMin: uptake }),
      },
      notes,
    };
  } catch (error) {
    throw error instanceof BonemetError ? inStudy(error, role, shown) : error;
  }
}

function checkPair(earlier: LoadedStudy, later: LoadedStudy): void {
  if (earlier.patientId !== null && later.patientId !== null && earlier.patientId !== later.patientId) {
    throw new BonemetError('invalid_input', 'the two studies belong to different patients', {
      issues: [
        {
          path: ['<later>', 'PatientID'],
          message: `Patient ID ${later.patientId} is not ${earlier.patientId} (${earlier.source})`,
          hint: 'lesions are tracked between studies of one patient',
        },
      ],
    });
  }
  if (later.input.studyDate <= earlier.input.studyDate) {
    throw new BonemetError('invalid_input', 'dates out of order: the later study is not after the earlier one', {
      issues: [
        {
          path: ['<later>', 'SeriesDate'],
          message: `${later.input.studyDate} is not after ${earlier.input.studyDate}`,
          hint: 'give the earlier study first',
        },
      ],
    });
  }
}

interface TrackRow {
  readonly trackUid: string;
  readonly earlierLesionId: string | null;
  readonly laterLesionId: string | null;
  readonly state: LesionState;
  readonly changes: Partial<Record<'sulPeak' | 'suvmax' | 'mtvMl' | 'tlg', MeasureChange>>;
  readonly confidence: number | null;
  readonly distanceMm: number | null;
  readonly earlierCentroidMm: readonly number[] | null;
  readonly laterCentroidMm: readonly number[] | null;
}

export interface TrackPetReport {
  readonly disclaimer: string;
  readonly modality: 'PT';
  readonly earlier: TrackStudySummary;
  readonly later: TrackStudySummary;
  readonly alignment: PetAlignment;
  readonly lesions: readonly TrackRow[];
  readonly counts: Readonly<Record<LesionState, number>>;
  readonly percist: {
    readonly category: PercistCategory;
    readonly categoryLabel: string;
    readonly newLesionIds: readonly string[];
    readonly hottestLesionChangePercent: number | null;
  } | null;
  readonly method: readonly string[];
  readonly notes: readonly string[];
  readonly sources: readonly Citation[];
}

interface TrackStudySummary {
  readonly source: string;
  readonly studyDate: string;
  readonly patientId: string | null;
  readonly petSeriesInstanceUid: string;
  readonly ctSeriesInstanceUid: string | null;
  readonly lesionCount: number;
}

function summary(study: LoadedStudy): TrackStudySummary {
  return {
    source: study.source,
    studyDate: study.input.studyDate,
    patientId: study.patientId,
    petSeriesInstanceUid: study.petSeriesInstanceUid,
    ctSeriesInstanceUid: study.ctSeriesInstanceUid,
    lesionCount: study.input.quantification.lesions.length,
  };
}

/** `bonemet track <earlier> <later> [--json]` for PET/CT studies. */
export async function trackPetCommand(args: readonly string[], io: CliIo): Promise<number> {
  const flags = takeProgressFlags(args);
  const { values, positionals } = parseArgs({
    args: flags.rest,
    options: { json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    write(io.stdout, `${TRACK_PET_USAGE}\n\n${RESEARCH_USE_DISCLAIMER}`);
    return 0;
  }
  const [earlierSource, laterSource, ...extra] = positionals;
  const issues: Issue[] = [];
  if (earlierSource === undefined || laterSource === undefined)
    issues.push({ path: ['<earlier> <later>'], message: 'two PET/CT studies are needed: the earlier, then the later' });
  if (extra.length > 0)
    issues.push({ path: [], message: `unexpected argument${extra.length > 1 ? 's' : ''}: ${extra.join(' ')}` });
  if (issues.length > 0 || earlierSource === undefined || laterSource === undefined) {
    throw new BonemetError('invalid_input', 'track: invalid arguments', {
      issues: issues.map((issue) => ({ ...issue, hint: 'run `bonemet track --help` for usage' })),
    });
  }
  const earlier = await loadStudy(earlierSource, 'earlier', io, flags.progress);
  const later = await loadStudy(laterSource, 'later', io, flags.progress);
  checkPair(earlier, later);
  const result = trackPetStudies(earlier.input, later.input);
  const alignment = result.alignments[1];
  if (alignment === null || alignment === undefined) throw new Error('a follow-up always has an alignment');
  const lesionsBy = result.studies.map((study) => new Map(study.lesions.map((lesion) => [lesion.id, lesion])));
  const rows: TrackRow[] = result.tracking.corrected.tracks.map((track) => {
    const first = track.observations.find((o) => o.timePointIndex === 0);
    const second = track.observations.find((o) => o.timePointIndex === 1);
    const earlierId = first?.lesionId ?? null;
    const laterId = second?.lesionId ?? null;
    const { sulPeak, suvmax, mtvMl, tlg } = second?.changes ?? {};
    return {
      trackUid: track.trackUid,
      earlierLesionId: earlierId,
      laterLesionId: laterId,
      state: second?.state ?? 'baseline',
      changes: {
        ...(sulPeak === undefined ? {} : { sulPeak }),
        ...(suvmax === undefined ? {} : { suvmax }),
        ...(mtvMl === undefined ? {} : { mtvMl }),
        ...(tlg === undefined ? {} : { tlg }),
      },
      confidence: second?.confidence ?? null,
      distanceMm: second?.distanceMm ?? null,
      earlierCentroidMm: earlierId === null ? null : (lesionsBy[0]?.get(earlierId)?.centroidMm ?? null),
      laterCentroidMm: laterId === null ? null : (lesionsBy[1]?.get(laterId)?.centroidMm ?? null),
    };
  });
  const counts: Record<LesionState, number> = {
    baseline: 0,
    new: 0,
    increased: 0,
    stable: 0,
    decreased: 0,
    resolved: 0,
  };
  for (const row of rows) counts[row.state]++;
  const reading = result.percist?.followUps[0]?.vsBaseline ?? null;
  const report: TrackPetReport = {
    disclaimer: RESEARCH_USE_DISCLAIMER,
    modality: 'PT',
    earlier: summary(earlier),
    later: summary(later),
    alignment,
    lesions: rows,
    counts,
    percist:
      reading === null
        ? null
        : {
            category: reading.category,
            categoryLabel: reading.categoryLabel,
            newLesionIds: reading.newLesionIds,
            hottestLesionChangePercent: reading.target.percentChange,
          },
    method: [
      'Alignment: rigid (translation and rotation) of the later study onto the earlier one, by matching the CT bone surfaces (else the PET body and organ outlines) on a distance map, refined on the image values; residual = RMS distance between the surfaces after alignment.',
      'Matching: lesions of the later study against those of the earlier one in the earlier frame, same organ class (bone / soft tissue), equivalent spheres overlapping or centroids within 20 mm; score ½ × sphere IoU + ½ × (1 − distance / 20 mm), greedy best first; the score is the match confidence.',
      'State by SULpeak: stable within ± 6.9% (repeatability coefficient 2.77 × 2.5%, Lodge 2012), increased above, decreased below; new when unmatched; resolved when no later lesion matches.',
    ],
    notes: [
      ...earlier.notes.map((note) => `earlier: ${note}`),
      ...later.notes.map((note) => `later: ${note}`),
      ...alignment.notes.map((note) => `alignment: ${note}`),
      ...result.tracking.corrected.warnings,
      ...result.warnings,
    ],
    sources: [sources['wahl-2009'], sources['o-2016']],
  };
  write(io.stdout, values.json ? JSON.stringify(report, null, 2) : renderTrackPet(report));
  return 0;
}

const percent = (change: MeasureChange | undefined): string =>
  change === undefined || change.percentChange === null
    ? '-'
    : `${change.percentChange >= 0 ? '+' : ''}${change.percentChange.toFixed(1)}%`;

/** The tracking as text: alignment, one row per lesion, PERCIST, method and sources. */
export function renderTrackPet(report: TrackPetReport): string {
  const a = report.alignment;
  const lines = [
    `PET lesion tracking: ${report.earlier.source} (${report.earlier.studyDate}) → ${report.later.source} (${report.later.studyDate})`,
    report.disclaimer,
    '',
    `Alignment (${a.method === 'ct-bone' ? 'CT bone' : 'PET body outline'}): translation ${a.transform.translationMm.map((v) => v.toFixed(1)).join(', ')} mm, rotation ${a.rotationDeg.map((v) => v.toFixed(2)).join(', ')}°; residual ${a.residualMm.toFixed(2)} mm (before ${a.residualBeforeMm.toFixed(2)} mm)`,
    '',
  ];
  const head = ['track', 'earlier', 'later', 'state', 'SULpeak', 'SUVmax', 'MTV', 'confidence', 'distance mm'];
  const body = report.lesions.map((row) => [
    `…${row.trackUid.slice(-8)}`,
    row.earlierLesionId ?? '-',
    row.laterLesionId ?? '-',
    row.state,
    percent(row.changes.sulPeak),
    percent(row.changes.suvmax),
    percent(row.changes.mtvMl),
    row.confidence === null ? '-' : row.confidence.toFixed(2),
    row.distanceMm === null ? '-' : row.distanceMm.toFixed(1),
  ]);
  if (body.length === 0) lines.push('No lesion in either study.');
  else {
    const widths = head.map((h, column) => Math.max(h.length, ...body.map((row) => (row[column] ?? '').length)));
    const format = (row: readonly string[]): string =>
      row
        .map((cell, column) => cell.padEnd(widths[column] ?? 0))
        .join('  ')
        .trimEnd();
    lines.push(format(head), ...body.map(format));
  }
  const c = report.counts;
  lines.push(
    '',
    `Lesions: ${String(c.new)} new, ${String(c.increased)} increased, ${String(c.stable)} stable, ${String(c.decreased)} decreased, ${String(c.resolved)} resolved`,
  );
  if (report.percist !== null) {
    const p = report.percist;
    lines.push(
      `PERCIST 1.0, later vs earlier: ${p.category} (${p.categoryLabel})${p.newLesionIds.length > 0 ? `; new lesions ${p.newLesionIds.join(', ')}` : ''}${p.hottestLesionChangePercent === null ? '' : `; hottest lesion SULpeak ${p.hottestLesionChangePercent.toFixed(1)}%`}`,
    );
  }
  lines.push('', 'Method:', ...report.method.map((m) => `  - ${m}`));
  if (report.notes.length > 0) lines.push('', 'Notes:', ...report.notes.map((n) => `  - ${n}`));
  lines.push('', 'Sources:', ...report.sources.map((s) => `  - ${formatCitation(s)}`));
  return lines.join('\n');
}
