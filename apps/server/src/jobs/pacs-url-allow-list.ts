import { BonemetError } from '@bonemet/core';

export interface AllowedPullUrl {
  /** The URL to fetch, with the credentials of the matching BONEMET_PACS_URL entry when it has some. */
  readonly url: string;
  /** The same URL without credentials: what a job row keeps. */
  readonly storedUrl: string;
}

/**
 * The pull URL to fetch, when `text` lies under one of the configured PACS base URLs; a typed error
 * otherwise. A user-sent URL is never fetched as such: the server would otherwise reach any host it can
 * (internal services, cloud metadata addresses) on the user's behalf (server-side request forgery, OWASP
 * ASVS 5.0 V1.3 / OWASP SSRF Prevention Cheat Sheet: allow-list of destinations).
 *
 * The comparison is on the parsed URL (WHATWG URL: host lower-cased, default port dropped, `..` and
 * `%2e%2e` segments resolved), by origin and by whole path segments, so `https://pacs/dicom-web-other` is
 * not under `https://pacs/dicom-web`. Credentials in the sent URL are refused: they belong in
 * BONEMET_PACS_URL, and the URL to fetch carries those of the matching configured base.
 */
export function allowedPacsPullUrl(pacsUrls: readonly string[], text: string): AllowedPullUrl {
  const refuse = (message: string, hint: string): BonemetError =>
    new BonemetError('invalid_input', `the server does not pull from ${displayed(text)}: ${message}`, {
      issues: [{ path: ['url'], message, hint }],
    });
  if (pacsUrls.length === 0) {
    throw refuse(
      'no PACS is configured on the server',
      'the administrator lists the PACS DICOMweb base URLs in BONEMET_PACS_URL',
    );
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw refuse('not a URL', 'send http(s)://host[:port]/<prefix>/studies/<StudyInstanceUID>');
  }
  if (url.username !== '' || url.password !== '') {
    throw refuse('the URL carries credentials', 'the PACS credentials are configured on the server');
  }
  for (const configured of pacsUrls) {
    const base = new URL(configured);
    const basePath = base.pathname.replace(/\/+$/, '');
    if (url.origin !== base.origin) continue;
    if (url.pathname !== basePath && !url.pathname.startsWith(`${basePath}/`)) continue;
    const fetched = new URL(url.href);
    fetched.username = base.username;
    fetched.password = base.password;
    return { url: fetched.href, storedUrl: url.href };
  }
  throw refuse(
    'it is not under a configured PACS DICOMweb base URL',
    `pull from ${pacsUrls.map(displayed).join(' or ')}, or pull by StudyInstanceUID`,
  );
}

/** The URL without credentials, for messages. */
function displayed(text: string): string {
  try {
    const url = new URL(text);
    url.username = '';
    url.password = '';
    return url.href;
  } catch {
    return JSON.stringify(text.slice(0, 200));
  }
}
