/** dicom-parser's data set parse with Deflate support and a typed error for truncated or malformed files. */
import { BonemetError } from '@bonemet/core';
import dicomParser from 'dicom-parser';
import type { DataSet } from 'dicom-parser';
import { inflateRawSync } from 'node:zlib';

/**
 * Parses Part 10 bytes into a data set. `untilTag` stops before that element (e.g. 'x7fe00010' to skip Pixel
 * Data). Deflated Explicit VR Little Endian is inflated: the data set after the meta information is raw deflate
 * (PS3.5 A.5). Throws `malformed_input` naming `source`.
 */
export function parseDataSet(bytes: Uint8Array, source: string, untilTag?: string): DataSet {
  try {
    return dicomParser.parseDicom(bytes, {
      ...(untilTag === undefined ? {} : { untilTag }),
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
