/**
 * A DICOMweb study URL, `http(s)://host[:port]/<prefix>/studies/<StudyInstanceUID>[/series/<SeriesInstanceUID>]`,
 * split into the service base URL (PS3.18 §8.2: resources hang under `{service}/studies/...`) and the UIDs.
 * Credentials written in the URL (`user:password@host`) become an HTTP Basic Authorization header and are
 * removed from every URL this module hands out, so they never reach a message or a log.
 */
import { BonemetError } from '@bonemet/core';

export const DICOMWEB_STUDY_URL_FORM =
  'http(s)://host[:port]/<prefix>/studies/<StudyInstanceUID>[/series/<SeriesInstanceUID>]';

export interface DicomwebStudyUrl {
  /** Service base URL without credentials and without a trailing slash, e.g. `http://pacs:8042/dicom-web`. */
  readonly baseUrl: string;
  readonly studyInstanceUid: string;
  /** Present when the URL names one series of the study. */
  readonly seriesInstanceUid?: string;
  /** The URL as given, without credentials: safe to show. */
  readonly displayUrl: string;
  /** `Basic …` when the URL carried credentials. */
  readonly authorization?: string;
}

/**
 * UID: digits in dot-separated components, at most 64 characters (PS3.5 §9.1). Components with a leading
 * zero, which §9.1 forbids, are accepted: some archives hold such UIDs and they must stay reachable.
 */
const uidPattern = /^[0-9]+(\.[0-9]+)*$/;
const maxUidLength = 64;

/** True when `text` looks like an http(s) URL (the command line's test between a path and a URL). */
export function isHttpUrl(text: string): boolean {
  return /^https?:\/\//i.test(text.trim());
}

/** `text` with any `user:password@` removed, for messages about text that may not parse as a URL. */
export function withoutCredentials(text: string): string {
  return text.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i, '$1');
}

function invalid(text: string, message: string): BonemetError {
  return new BonemetError('invalid_input', `not a DICOMweb study URL: ${withoutCredentials(text)}`, {
    issues: [{ path: ['url'], message, hint: `expected ${DICOMWEB_STUDY_URL_FORM}` }],
  });
}

function checkUid(text: string, uid: string, name: string): void {
  if (!uidPattern.test(uid) || uid.length > maxUidLength) {
    throw invalid(text, `"${uid}" is not a ${name} (digits and dots, at most 64 characters)`);
  }
}

function decoded(component: string, text: string): string {
  try {
    return decodeURIComponent(component);
  } catch {
    throw invalid(text, 'the user name or password is not valid percent-encoding');
  }
}

/** Parses a study (or series) URL; throws `invalid_input` naming the expected form. */
export function parseDicomwebStudyUrl(text: string): DicomwebStudyUrl {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw invalid(text, 'not a URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw invalid(text, `scheme "${url.protocol.replace(/:$/, '')}" is not http or https`);
  }
  if (url.search !== '' || url.hash !== '') {
    throw invalid(text, 'a query (?…) or fragment (#…) is not part of a study URL');
  }
  const authorization =
    url.username === '' && url.password === ''
      ? undefined
      : `Basic ${Buffer.from(`${decoded(url.username, text)}:${decoded(url.password, text)}`, 'utf8').toString('base64')}`;
  url.username = '';
  url.password = '';

  const segments = url.pathname.replace(/\/+$/, '').split('/');
  // The last "studies" segment starts the resource path: a prefix may itself contain any words.
  const studies = segments.lastIndexOf('studies');
  const rest = studies < 0 ? [] : segments.slice(studies + 1);
  const [studyUid, seriesWord, seriesUid, ...extra] = rest;
  const wellFormed =
    studyUid !== undefined &&
    studyUid !== '' &&
    extra.length === 0 &&
    (seriesWord === undefined || (seriesWord === 'series' && seriesUid !== undefined && seriesUid !== ''));
  if (!wellFormed) {
    throw invalid(
      text,
      studies < 0
        ? 'the path has no /studies/<StudyInstanceUID>'
        : 'after /studies/ comes a StudyInstanceUID, optionally followed by /series/<SeriesInstanceUID>, and nothing else',
    );
  }
  checkUid(text, studyUid, 'StudyInstanceUID');
  if (seriesUid !== undefined) checkUid(text, seriesUid, 'SeriesInstanceUID');

  const baseUrl = `${url.origin}${segments.slice(0, studies).join('/')}`;
  const displayUrl = `${baseUrl}/studies/${studyUid}${seriesUid === undefined ? '' : `/series/${seriesUid}`}`;
  return {
    baseUrl,
    studyInstanceUid: studyUid,
    ...(seriesUid === undefined ? {} : { seriesInstanceUid: seriesUid }),
    displayUrl,
    ...(authorization === undefined ? {} : { authorization }),
  };
}
