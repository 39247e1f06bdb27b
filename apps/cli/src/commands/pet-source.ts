/** Finding the PET series (and the other series beside it) in a file or a directory tree. */
import { BonemetError } from '@bonemet/core';
import { readDicomDirectory, readDicomFile, type DicomSeries } from '@bonemet/dicom';
import { readFile, stat } from 'node:fs/promises';

export interface PetSource {
  readonly pet: DicomSeries;
  /** Every other series read from the same directory (none for a single file). */
  readonly others: readonly DicomSeries[];
}

/**
 * Reads `source` (a DICOM file or a directory tree) and takes its one PET series, or the one named by
 * `seriesUid`. Refuses, listing what was found, a folder without PET and one with several PET series
 * when no series is chosen.
 */
export async function loadPetSource(source: string, seriesUid: string | undefined): Promise<PetSource> {
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
  const directory = await readDicomDirectory(source);
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
                ? `series found: ${directory.series.map((s) => `${s.seriesInstanceUid} (${s.modality})`).join(', ') || 'none'}`
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
