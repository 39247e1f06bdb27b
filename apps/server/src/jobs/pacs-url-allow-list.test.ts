import { BonemetError } from '@bonemet/core';
import { describe, expect, it } from 'vitest';
import { allowedPacsPullUrl } from './pacs-url-allow-list.js';

const PACS = ['https://pacs.example.org/dicom-web', 'http://10.0.0.5:8042/orthanc/dicom-web/'];
const UID = '1.2.826.0.1.3680043.2.1125.1';

function refusal(pacsUrls: readonly string[], text: string): string {
  try {
    allowedPacsPullUrl(pacsUrls, text);
  } catch (error) {
    if (error instanceof BonemetError) return `${error.code}: ${error.issues[0]?.message ?? ''}`;
    throw error;
  }
  throw new Error(`${text} was accepted`);
}

describe('allowedPacsPullUrl', () => {
  it('accepts study URLs under each configured base, whatever the case of the host or an explicit default port', () => {
    expect(allowedPacsPullUrl(PACS, `https://pacs.example.org/dicom-web/studies/${UID}`).url).toBe(
      `https://pacs.example.org/dicom-web/studies/${UID}`,
    );
    // WHATWG URL: host names are lower-cased and the scheme's default port (443) is dropped.
    expect(allowedPacsPullUrl(PACS, `https://PACS.example.org:443/dicom-web/studies/${UID}`).storedUrl).toBe(
      `https://pacs.example.org/dicom-web/studies/${UID}`,
    );
    expect(allowedPacsPullUrl(PACS, `http://10.0.0.5:8042/orthanc/dicom-web/studies/${UID}`).url).toBe(
      `http://10.0.0.5:8042/orthanc/dicom-web/studies/${UID}`,
    );
  });

  it('refuses other hosts, ports, schemes and path prefixes (server-side request forgery)', () => {
    const notUnder = 'invalid_input: it is not under a configured PACS DICOMweb base URL';
    expect(refusal(PACS, `http://169.254.169.254/latest/meta-data/studies/${UID}`)).toBe(notUnder);
    expect(refusal(PACS, `http://127.0.0.1:5432/dicom-web/studies/${UID}`)).toBe(notUnder);
    expect(refusal(PACS, `http://pacs.example.org/dicom-web/studies/${UID}`)).toBe(notUnder); // http, not https
    expect(refusal(PACS, `https://pacs.example.org:8443/dicom-web/studies/${UID}`)).toBe(notUnder);
    expect(refusal(PACS, `https://pacs.example.org.evil.test/dicom-web/studies/${UID}`)).toBe(notUnder);
    // A longer word is not a sub-path: /dicom-web-admin is not under /dicom-web.
    expect(refusal(PACS, `https://pacs.example.org/dicom-web-admin/studies/${UID}`)).toBe(notUnder);
    // Dot segments, plain or percent-encoded, are resolved before the comparison.
    expect(refusal(PACS, `https://pacs.example.org/dicom-web/../admin/studies/${UID}`)).toBe(notUnder);
    expect(refusal(PACS, `https://pacs.example.org/dicom-web/%2e%2e/admin/studies/${UID}`)).toBe(notUnder);
    expect(refusal(PACS, `http://10.0.0.5:8042/orthanc/studies/${UID}`)).toBe(notUnder);
  });

  it('refuses credentials in the sent URL, and everything when no PACS is configured', () => {
    expect(refusal(PACS, `https://user:secret@pacs.example.org/dicom-web/studies/${UID}`)).toBe(
      'invalid_input: the URL carries credentials',
    );
    expect(refusal([], `https://pacs.example.org/dicom-web/studies/${UID}`)).toBe(
      'invalid_input: no PACS is configured on the server',
    );
    expect(refusal(PACS, 'not a url')).toBe('invalid_input: not a URL');
  });

  it('fetches with the credentials of the configured base, and keeps the URL without them', () => {
    const allowed = allowedPacsPullUrl(
      ['https://reader:p%40ss@pacs.example.org/dicom-web'],
      `https://pacs.example.org/dicom-web/studies/${UID}`,
    );
    expect(allowed).toEqual({
      url: `https://reader:p%40ss@pacs.example.org/dicom-web/studies/${UID}`,
      storedUrl: `https://pacs.example.org/dicom-web/studies/${UID}`,
    });
  });
});
