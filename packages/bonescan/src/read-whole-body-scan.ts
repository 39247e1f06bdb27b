/** Reads a whole-body bone scan from its files, whatever their kind (DICOM, or PNG/TIFF with a JSON sidecar). */
import { BonemetError } from '@bonemet/core';
import { isDicomPart10 } from '@bonemet/dicom';
import { isPng, isTiff } from './decode-image-file.js';
import { readDicomWholeBody, type DicomWholeBodyOptions } from './read-dicom-whole-body.js';
import { readImageFileScan } from './read-image-file-scan.js';
import type { WholeBodyScan, WholeBodyView } from './whole-body-scan.js';

export interface ScanFile {
  readonly bytes: Uint8Array;
  /** File name or label, for messages; a name ending in .json marks a sidecar. */
  readonly source: string;
}

export type ReadWholeBodyScanOptions = DicomWholeBodyOptions;

function kindOf(file: ScanFile): 'dicom' | 'image' | 'sidecar' | 'unknown' {
  if (isDicomPart10(file.bytes)) return 'dicom';
  if (isPng(file.bytes) || isTiff(file.bytes)) return 'image';
  const first = new TextDecoder().decode(file.bytes.subarray(0, 64)).trimStart().charAt(0);
  if (file.source.toLowerCase().endsWith('.json') || first === '{') return 'sidecar';
  return 'unknown';
}

function invalid(message: string, path: (string | number)[] = []): BonemetError {
  return new BonemetError('invalid_input', message, { issues: [{ path, message }] });
}

/**
 * One scan from: NM or Secondary Capture DICOM files (a multi-frame object with both views, or one file per
 * view), or one PNG/TIFF image with its JSON sidecar. `options.views` labels views the objects do not name
 * (in frame order, then file order). Throws `BonemetError` (see `readDicomWholeBody`, `readImageFileScan`);
 * `invalid_input` when the files do not make one scan (unknown kinds, a view given twice, no files).
 */
export function readWholeBodyScan(files: readonly ScanFile[], options: ReadWholeBodyScanOptions = {}): WholeBodyScan {
  if (files.length === 0) throw invalid('no files given: a whole-body scan needs at least one file');
  const kinds = files.map(kindOf);
  const unknownIndex = kinds.indexOf('unknown');
  if (unknownIndex >= 0) {
    const source = files[unknownIndex]?.source ?? '';
    throw new BonemetError('malformed_input', `${source}: neither DICOM Part 10, PNG, TIFF nor a JSON sidecar`, {
      issues: [
        {
          path: [unknownIndex],
          message: 'unrecognised file kind',
          hint: 'give DICOM files, or an image and its .json sidecar',
        },
      ],
    });
  }
  if (kinds.includes('image')) {
    const imageIndex = kinds.indexOf('image');
    const sidecarIndex = kinds.indexOf('sidecar');
    const image = files[imageIndex];
    const sidecar = files[sidecarIndex];
    if (files.length !== 2 || image === undefined || sidecar === undefined) {
      throw invalid('an image file is read with exactly one JSON sidecar and nothing else');
    }
    return readImageFileScan(image.bytes, new TextDecoder().decode(sidecar.bytes), image.source);
  }
  if (kinds.includes('sidecar')) throw invalid('a JSON sidecar was given without a PNG or TIFF image');
  const views: WholeBodyView[] = [];
  const warnings: string[] = [];
  let acquisition = {};
  for (const file of files) {
    const remaining = options.views?.slice(views.length);
    const result = readDicomWholeBody(file.bytes, file.source, {
      ...(options.pixelSpacingMm === undefined ? {} : { pixelSpacingMm: options.pixelSpacingMm }),
      ...(remaining === undefined ? {} : { views: remaining }),
    });
    views.push(...result.views);
    warnings.push(...result.warnings);
    acquisition = { ...result.acquisition, ...acquisition };
  }
  const names = views.map((v) => v.view);
  const duplicate = names.find((name, index) => names.indexOf(name) !== index);
  if (duplicate !== undefined) {
    throw invalid(
      `the ${duplicate} view is given twice (${views
        .filter((v) => v.view === duplicate)
        .map((v) => v.source)
        .join(', ')})`,
      ['views'],
    );
  }
  return { views, acquisition, warnings };
}
