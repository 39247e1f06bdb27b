/**
 * QIDO-RS: the series of one study (PS3.18 §10.6, `GET {service}/studies/{StudyInstanceUID}/series`),
 * read from the DICOM JSON model (PS3.18 Annex F.2): an array of objects keyed by tag, each attribute
 * `{ vr, Value?, InlineBinary?, BulkDataURI? }`; IS and DS values are JSON numbers (F.2.3), though some
 * servers send strings, which are accepted.
 */
import { BonemetError, issuesFromZod } from '@bonemet/core';
import { z } from 'zod';
import { dicomwebGet, type DicomwebRequestOptions } from './dicomweb-request.js';
import type { DicomwebStudyUrl } from './study-url.js';

export interface DicomwebSeriesSummary {
  readonly seriesInstanceUid: string;
  /** Modality (0008,0060); empty when the server does not return it. */
  readonly modality: string;
  readonly seriesDescription?: string;
  readonly seriesNumber?: number;
  /** Number of Series Related Instances (0020,1209), when the server returns it. */
  readonly numberOfInstances?: number;
}

const attributeSchema = z.strictObject({
  vr: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .describe('value representation, two upper-case letters'),
  Value: z.array(z.unknown()).optional().describe('the values; absent or empty for an empty attribute'),
  InlineBinary: z.string().optional().describe('base64 of a binary value'),
  BulkDataURI: z.string().optional().describe('where a large binary value can be retrieved'),
});

const qidoResponseSchema = z
  .array(
    z
      .record(z.string().regex(/^[0-9A-Fa-f]{8}$/), attributeSchema)
      .describe('one matching series: attributes keyed by tag, 8 hexadecimal digits'),
  )
  .describe('QIDO-RS response in the DICOM JSON model (PS3.18 F.2)');

type DicomJsonObject = z.output<typeof qidoResponseSchema>[number];

const tags = {
  modality: '00080060',
  seriesDescription: '0008103E',
  seriesInstanceUid: '0020000E',
  seriesNumber: '00200011',
  numberOfSeriesRelatedInstances: '00201209',
} as const;

function firstValue(object: DicomJsonObject, tag: string): unknown {
  return object[tag]?.Value?.[0] ?? object[tag.toLowerCase()]?.Value?.[0];
}

function firstString(object: DicomJsonObject, tag: string): string | undefined {
  const value = firstValue(object, tag);
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function firstNumber(object: DicomJsonObject, tag: string): number | undefined {
  const value = firstValue(object, tag);
  const number = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN;
  return Number.isFinite(number) ? number : undefined;
}

function malformed(url: string, message: string, issues: BonemetError['issues']): BonemetError {
  return new BonemetError('malformed_input', `${url}: ${message}`, { issues });
}

/** Lists the series of the study (all of them, even when the URL names one series). */
export async function listDicomwebSeries(
  study: DicomwebStudyUrl,
  options: DicomwebRequestOptions,
): Promise<DicomwebSeriesSummary[]> {
  const url = `${study.baseUrl}/studies/${study.studyInstanceUid}/series`;
  const response = await dicomwebGet(url, 'application/dicom+json', options);
  const text = new TextDecoder('utf-8').decode(response.body).trim();
  if (text === '') return [];
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new BonemetError('malformed_input', `${url}: the QIDO-RS answer is not JSON`, {
      issues: [
        {
          path: ['body'],
          message: `Content-Type "${response.contentType}", not DICOM JSON`,
          hint: 'check that the URL points at a DICOMweb service (for Orthanc: http://host:8042/dicom-web/studies/...)',
        },
      ],
      cause,
    });
  }
  const parsed = qidoResponseSchema.safeParse(json);
  if (!parsed.success) {
    throw malformed(url, 'the QIDO-RS answer does not follow the DICOM JSON model', issuesFromZod(parsed.error));
  }
  return parsed.data.map((object, index): DicomwebSeriesSummary => {
    const seriesInstanceUid = firstString(object, tags.seriesInstanceUid);
    if (seriesInstanceUid === undefined) {
      throw malformed(url, `series ${String(index + 1)} of the QIDO-RS answer has no SeriesInstanceUID`, [
        { path: [index, tags.seriesInstanceUid], message: 'SeriesInstanceUID (0020,000E) is missing' },
      ]);
    }
    const seriesDescription = firstString(object, tags.seriesDescription);
    const seriesNumber = firstNumber(object, tags.seriesNumber);
    const numberOfInstances = firstNumber(object, tags.numberOfSeriesRelatedInstances);
    return {
      seriesInstanceUid,
      modality: firstString(object, tags.modality) ?? '',
      ...(seriesDescription === undefined ? {} : { seriesDescription }),
      ...(seriesNumber === undefined ? {} : { seriesNumber }),
      ...(numberOfInstances === undefined ? {} : { numberOfInstances }),
    };
  });
}
