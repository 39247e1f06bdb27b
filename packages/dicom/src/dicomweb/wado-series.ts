/**
 * WADO-RS: the instances of one series as Part 10 files (PS3.18 §10.4, `GET {service}/studies/{study}/
 * series/{series}` with Accept `multipart/related; type="application/dicom"; transfer-syntax=*`: the
 * instances in the transfer syntax they are stored in, so the server does not transcode them).
 */
import { BonemetError } from '@bonemet/core';
import { isDicomPart10 } from '../read-dicom-file.js';
import { dicomwebGet, type DicomwebRequestOptions } from './dicomweb-request.js';
import { parseMediaType } from './media-type.js';
import { multipartBoundary, parseMultipart } from './multipart-related.js';
import type { DicomwebStudyUrl } from './study-url.js';

export const WADO_RS_SERIES_ACCEPT = 'multipart/related; type="application/dicom"; transfer-syntax=*';

export interface RetrievedInstance {
  /** Names the instance in messages: the series URL and the part's position. */
  readonly source: string;
  readonly bytes: Uint8Array;
}

/**
 * Counts boundary lines in a body that arrives in pieces (a boundary may straddle two pieces), so the
 * number of parts already received is known before the body is complete: boundaries seen − 1.
 */
function boundaryCounter(): (chunk: Uint8Array, contentType: string) => number {
  let dashBoundary: Buffer | undefined;
  let tail = Buffer.alloc(0);
  let count = 0;
  return (chunk, contentType) => {
    if (dashBoundary === undefined) {
      const boundary = parseMediaType(contentType).parameters.get('boundary');
      if (boundary === undefined || boundary === '') return 0;
      dashBoundary = Buffer.from(`--${boundary}`, 'latin1');
    }
    const window = Buffer.concat([tail, chunk]);
    for (let at = window.indexOf(dashBoundary); at >= 0; at = window.indexOf(dashBoundary, at + 1)) count++;
    tail = window.subarray(Math.max(0, window.length - dashBoundary.length + 1));
    return Math.max(0, count - 1);
  };
}

/**
 * Retrieves every instance of a series. `onInstances` is called with the number of instances received so
 * far as the body arrives. Throws `malformed_input` when the body is not a valid multipart body or a part
 * is not a DICOM Part 10 file.
 */
export async function retrieveDicomwebSeries(
  study: DicomwebStudyUrl,
  seriesInstanceUid: string,
  options: DicomwebRequestOptions,
  onInstances?: (received: number) => void,
): Promise<RetrievedInstance[]> {
  const url = `${study.baseUrl}/studies/${study.studyInstanceUid}/series/${seriesInstanceUid}`;
  const count = boundaryCounter();
  let reported = 0;
  const response = await dicomwebGet(url, WADO_RS_SERIES_ACCEPT, options, (chunk, contentType) => {
    const received = count(chunk, contentType);
    if (received > reported) {
      reported = received;
      onInstances?.(received);
    }
  });
  const parts = parseMultipart(response.body, multipartBoundary(response.contentType, url), url);
  return parts.map((part, index): RetrievedInstance => {
    const source = `${url} (instance ${String(index + 1)} of ${String(parts.length)})`;
    if (!isDicomPart10(part.content)) {
      const type = part.headers.get('content-type');
      throw new BonemetError('malformed_input', `${source} is not a DICOM Part 10 file`, {
        issues: [
          {
            path: ['body', index],
            message: `part ${String(index + 1)}${type === undefined ? '' : ` (Content-Type: ${type})`} has no DICM prefix`,
            hint: `the server must answer Accept: ${WADO_RS_SERIES_ACCEPT} with DICOM files`,
          },
        ],
      });
    }
    return { source, bytes: part.content };
  });
}
