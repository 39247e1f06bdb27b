/**
 * Reads a study (or one series of it) from a DICOMweb server: QIDO-RS lists the series, WADO-RS retrieves
 * each one as Part 10 files, and each file is read by `readDicomFile` and grouped as `readDicomDirectory`
 * groups a folder, so both give the same series and images.
 */
import { BonemetError } from '@bonemet/core';
import type { DicomImageDataset } from '../dataset.js';
import { isNotAnImageError, readDicomFile } from '../read-dicom-file.js';
import { groupImagesBySeries, type DicomDirectory, type LoadProgress } from '../read-directory.js';
import type { DicomwebRequestOptions, FetchFunction } from './dicomweb-request.js';
import { listDicomwebSeries, type DicomwebSeriesSummary } from './qido-series.js';
import { parseDicomwebStudyUrl, type DicomwebStudyUrl } from './study-url.js';
import { retrieveDicomwebSeries } from './wado-series.js';

/** Default limit of one request, body included: a large CT series over a slow link takes minutes. */
export const DEFAULT_DICOMWEB_TIMEOUT_MS = 300_000;

export interface ReadDicomwebStudyOptions {
  /** The `fetch` to use; the global one by default. */
  readonly fetch?: FetchFunction;
  /** Extra request headers, e.g. `Authorization: Bearer …`; they override credentials from the URL. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Limit for each HTTP request, body included, ms (default 300 000). */
  readonly timeoutMs?: number;
  /** Retrieve only series of these modalities (e.g. ["PT", "CT"]); a series named in the URL is always retrieved. */
  readonly modalities?: readonly string[];
  /** Called as series are listed and instances arrive; `done` and `total` count instances. */
  readonly onProgress?: (progress: LoadProgress) => void;
}

export interface DicomwebStudy extends DicomDirectory {
  /** The study (or series) URL, without credentials. */
  readonly url: string;
  readonly studyInstanceUid: string;
  /** Series listed by QIDO-RS and not retrieved because their modality was not asked for. */
  readonly notRetrievedSeries: readonly DicomwebSeriesSummary[];
}

function requestOptions(study: DicomwebStudyUrl, options: ReadDicomwebStudyOptions): DicomwebRequestOptions {
  const timeoutMs = options.timeoutMs ?? DEFAULT_DICOMWEB_TIMEOUT_MS;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw new BonemetError(
      'invalid_input',
      `timeoutMs must be a positive number of milliseconds, got ${String(timeoutMs)}`,
      {
        issues: [{ path: ['timeoutMs'], message: `${String(timeoutMs)} is not a positive number` }],
      },
    );
  }
  return {
    fetch: options.fetch ?? fetch,
    headers: {
      ...(study.authorization === undefined ? {} : { Authorization: study.authorization }),
      ...options.headers,
    },
    timeoutMs,
  };
}

function describeSeries(series: readonly DicomwebSeriesSummary[]): string {
  return series.map((s) => `${s.seriesInstanceUid} (${s.modality || 'modality unknown'})`).join(', ') || 'none';
}

/** The series to retrieve: the one the URL names, or every series of the asked modalities. */
function chooseSeries(
  study: DicomwebStudyUrl,
  listed: readonly DicomwebSeriesSummary[],
  modalities: readonly string[] | undefined,
): { readonly chosen: DicomwebSeriesSummary[]; readonly notRetrieved: DicomwebSeriesSummary[] } {
  if (listed.length === 0) {
    throw new BonemetError('not_found', `the DICOMweb server has no series in study ${study.displayUrl}`, {
      issues: [
        {
          path: ['url'],
          message: `no series found for StudyInstanceUID ${study.studyInstanceUid}`,
          hint: 'check the StudyInstanceUID and that the study has been stored on this server',
        },
      ],
    });
  }
  if (study.seriesInstanceUid !== undefined) {
    const named = listed.filter((s) => s.seriesInstanceUid === study.seriesInstanceUid);
    if (named.length === 0) {
      throw new BonemetError(
        'not_found',
        `series ${study.seriesInstanceUid} is not in study ${study.studyInstanceUid}`,
        {
          issues: [{ path: ['url'], message: `series in the study: ${describeSeries(listed)}` }],
        },
      );
    }
    return { chosen: named, notRetrieved: listed.filter((s) => s.seriesInstanceUid !== study.seriesInstanceUid) };
  }
  if (modalities === undefined) return { chosen: [...listed], notRetrieved: [] };
  const wanted = new Set(modalities.map((m) => m.toUpperCase()));
  return {
    chosen: listed.filter((s) => wanted.has(s.modality.toUpperCase())),
    notRetrieved: listed.filter((s) => !wanted.has(s.modality.toUpperCase())),
  };
}

/**
 * Reads the study at `url` (`http(s)://host[:port]/<prefix>/studies/<uid>[/series/<uid>]`). Throws
 * `invalid_input` for another URL form, `not_found` for an unknown or empty study or series, `io_error`
 * for HTTP, network and timeout failures, and `malformed_input` for a body that is not DICOM.
 */
export async function readDicomwebStudy(
  url: string | DicomwebStudyUrl,
  options: ReadDicomwebStudyOptions = {},
): Promise<DicomwebStudy> {
  const study = typeof url === 'string' ? parseDicomwebStudyUrl(url) : url;
  const request = requestOptions(study, options);
  const report = options.onProgress;
  report?.({ done: 0, total: 0, stage: `listing the series of study ${study.studyInstanceUid}` });
  const { chosen, notRetrieved } = chooseSeries(study, await listDicomwebSeries(study, request), options.modalities);

  let total = chosen.reduce((sum, s) => sum + (s.numberOfInstances ?? 0), 0);
  let done = 0;
  const images: DicomImageDataset[] = [];
  const nonImageFiles: string[] = [];
  for (const summary of chosen) {
    const stage = `retrieving ${summary.modality || 'series'} ${summary.seriesInstanceUid}`;
    const before = done;
    report?.({ done, total, stage });
    const instances = await retrieveDicomwebSeries(study, summary.seriesInstanceUid, request, (received) => {
      done = before + received;
      total = Math.max(total, done);
      report?.({ done, total, stage });
    });
    done = before + instances.length;
    total = Math.max(total, done);
    for (const instance of instances) {
      try {
        images.push(readDicomFile(instance.bytes, instance.source));
      } catch (error) {
        if (isNotAnImageError(error)) {
          nonImageFiles.push(instance.source);
          continue;
        }
        throw error;
      }
    }
  }
  report?.({ done, total, stage: `retrieved study ${study.studyInstanceUid}` });
  if (chosen.length > 0 && images.length === 0 && nonImageFiles.length === 0) {
    throw new BonemetError('not_found', `the DICOMweb server returned no instance for ${study.displayUrl}`, {
      issues: [{ path: ['url'], message: `series listed: ${describeSeries(chosen)}, but none holds an instance` }],
    });
  }
  return {
    url: study.displayUrl,
    studyInstanceUid: study.studyInstanceUid,
    series: groupImagesBySeries(images),
    skippedFiles: [],
    nonImageFiles,
    notRetrievedSeries: notRetrieved,
  };
}
