/** Finding the PET series (and the other series beside it) in a file, a directory tree or a DICOMweb study. */
import { BonemetError } from '@bonemet/core';
import {
  isHttpUrl,
  readDicomDirectory,
  readDicomFile,
  readDicomwebStudy,
  withoutCredentials,
  type DicomDirectory,
  type DicomSeries,
} from '@bonemet/dicom';
import { readFile, stat } from 'node:fs/promises';
import type { ProgressReporter } from '../progress.js';

/** Environment variable whose value is sent as the Authorization header to a DICOMweb server. */
export const DICOMWEB_AUTHORIZATION_VARIABLE = 'BONEMET_DICOMWEB_AUTHORIZATION';

/** How a source and the progress options are given, for the usage texts of the commands that read PET. */
export const PET_SOURCE_USAGE = `  A DICOMweb study URL, http(s)://host[:port]/<prefix>/studies/<StudyInstanceUID>[/series/<uid>] (for
  Orthanc: http://host:8042/dicom-web/studies/...), is read with QIDO-RS and WADO-RS (its PT and CT
  series); credentials go in the URL (user:password@host) or, kept out of the process list, in the
  ${DICOMWEB_AUTHORIZATION_VARIABLE} environment variable (the whole Authorization header value, e.g.
  "Bearer <token>"). A progress bar is drawn on standard error when it is a terminal; --progress draws it
  anyway, --no-progress never.`;

/** The modalities retrieved from a DICOMweb study: the PET and the CT beside it; other series are left. */
const dicomwebModalities = ['PT', 'CT'] as const;

export interface PetSource {
  readonly pet: DicomSeries;
  /** Every other series read from the same directory (none for a single file). */
  readonly others: readonly DicomSeries[];
}

/** `source` as it may be shown: a URL without the credentials it may carry. */
export function displaySource(source: string): string {
  return isHttpUrl(source) ? withoutCredentials(source.trim()) : source;
}

interface SeriesRead {
  readonly directory: DicomDirectory;
  /** Series of a DICOMweb study that were listed but not retrieved (not PT or CT). */
  readonly notRetrieved: readonly { readonly seriesInstanceUid: string; readonly modality: string }[];
}

/** A DICOMweb study (PT and CT series), or a directory tree, with progress; the bar ends either way. */
async function readSeries(source: string, progress: ProgressReporter | undefined): Promise<SeriesRead> {
  const onProgress = progress?.update;
  try {
    if (isHttpUrl(source)) {
      const authorization = process.env[DICOMWEB_AUTHORIZATION_VARIABLE];
      const study = await readDicomwebStudy(source, {
        modalities: dicomwebModalities,
        ...(authorization === undefined || authorization === '' ? {} : { headers: { Authorization: authorization } }),
        ...(onProgress === undefined ? {} : { onProgress }),
      });
      return { directory: study, notRetrieved: study.notRetrievedSeries };
    }
    return {
      directory: await readDicomDirectory(source, onProgress === undefined ? {} : { onProgress }),
      notRetrieved: [],
    };
  } finally {
    progress?.finish();
  }
}

/**
 * Reads `source` (a DICOM file, a directory tree, or a DICOMweb study URL) and takes its one PET series,
 * or the one named by `seriesUid`. Refuses, listing what was found, a source without PET and one with
 * several PET series when no series is chosen. `progress` shows the load of a folder or a study.
 */
export async function loadPetSource(
  source: string,
  seriesUid: string | undefined,
  progress?: ProgressReporter,
): Promise<PetSource> {
  const shown = displaySource(source);
  if (isHttpUrl(source)) return choosePet(await readSeries(source, progress), shown, seriesUid);
  let isDirectory: boolean;
  try {
    isDirectory = (await stat(source)).isDirectory();
  } catch (cause) {
    throw new BonemetError('not_found', `cannot read ${source}: no such file or directory`, { cause });
  }
  if (!isDirectory) {
    const image = readDicomFile(await readFile(source), source);
    return {
      pet: { seriesInstanceUid: image.seriesInstanceUid, modality: image.modality, images: [image] },
      others: [],
    };
  }
  return choosePet(await readSeries(source, progress), shown, seriesUid);
}

function choosePet({ directory, notRetrieved }: SeriesRead, source: string, seriesUid: string | undefined): PetSource {
  const pet = directory.series.filter((s) => s.modality === 'PT');
  const chosen = seriesUid === undefined ? pet : pet.filter((s) => s.seriesInstanceUid === seriesUid);
  const only = chosen.length === 1 ? chosen[0] : undefined;
  if (only !== undefined) {
    return { pet: only, others: directory.series.filter((s) => s !== only) };
  }
  const listed = pet.map(
    (s) =>
      `${s.seriesInstanceUid} (${String(s.images.length)} images${s.seriesDescription === undefined ? '' : `, ${s.seriesDescription}`})`,
  );
  if (chosen.length === 0) {
    throw new BonemetError(
      'invalid_input',
      seriesUid === undefined ? `no PET series in ${source}` : `no PET series ${seriesUid} in ${source}`,
      {
        issues: [
          {
            path: [],
            message:
              pet.length === 0
                ? `series found: ${[...directory.series, ...notRetrieved].map((s) => `${s.seriesInstanceUid} (${s.modality})`).join(', ') || 'none'}`
                : `PET series: ${listed.join('; ')}`,
          },
        ],
      },
    );
  }
  throw new BonemetError(
    'invalid_input',
    `${String(chosen.length)} PET series in ${source}: choose one with --series`,
    {
      issues: [{ path: [], message: listed.join('; '), hint: 'pass --series <SeriesInstanceUID>' }],
    },
  );
}
