/** Parses Part 10 bytes with dicom-parser into a data set, with typed errors; Deflate is inflated (PS3.5 A.5). */
import { BonemetError } from '@bonemet/core';
import type { DataSet } from 'dicom-parser';
import { parseDataSet } from '../parse-data-set.js';
import { isDicomPart10 } from '../read-dicom-file.js';

/** `untilTag` stops before that element (e.g. 'x7fe00010' to skip Pixel Data). Throws `malformed_input`. */
export function parsePart10(bytes: Uint8Array, source: string, untilTag?: string): DataSet {
  if (!isDicomPart10(bytes)) {
    throw new BonemetError('malformed_input', `${source}: not a DICOM Part 10 file`, {
      issues: [{ path: [], message: 'no "DICM" prefix after the 128-byte preamble' }],
    });
  }
  return parseDataSet(bytes, source, untilTag);
}
