/** Parses Part 10 bytes with dicom-parser into a data set, with typed errors; Deflate is inflated (PS3.5 A.5). */
import { BonemetError } from '@bonemet/core';
import { inflateRawSync } from 'node:zlib';
import dicomParser from 'dicom-parser';
import type { DataSet } from 'dicom-parser';
import { isDicomPart10 } from '../read-dicom-file.js';

/** `untilTag` stops before that element (e.g. 'x7fe00010' to skip Pixel Data). Throws `malformed_input`. */
export function parsePart10(bytes: Uint8Array, source: string, untilTag?: string): DataSet {
  if (!isDicomPart10(bytes)) {
    throw new BonemetError('malformed_input', `${source}: not a DICOM Part 10 file`, {
      issues: [{ path: [], message: 'no "DICM" prefix after the 128-byte preamble' }],
    });
  }
  try {
    return dicomParser.parseDicom(bytes, {
      ...(untilTag === undefined ? {} : { untilTag }),
      // Deflated Explicit VR Little Endian: raw deflate after the meta information.
      inflater: (array: Uint8Array, position: number): Uint8Array => {
        const inflated = inflateRawSync(array.subarray(position));
        const whole = new Uint8Array(position + inflated.length);
        whole.set(array.subarray(0, position));
        whole.set(inflated, position);
        return whole;
      },
    });
  } catch (cause) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    throw new BonemetError('malformed_input', `${source}: the data set is truncated or malformed (${detail})`, {
      issues: [{ path: [], message: detail, hint: 'check that the file is a complete DICOM Part 10 file' }],
      cause,
    });
  }
}
