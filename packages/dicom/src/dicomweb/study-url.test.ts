/** Study URL parsing: the forms PS3.18 resources take, and every other form refused with the expected one. */
import { describe, expect, it } from 'vitest';
import { DICOMWEB_STUDY_URL_FORM, isHttpUrl, parseDicomwebStudyUrl } from './study-url.js';

describe('parseDicomwebStudyUrl', () => {
  it('splits base URL (any prefix, port kept) and study UID', () => {
    expect(parseDicomwebStudyUrl('http://pacs.example:8042/dicom-web/studies/1.2.840.10008.1/')).toEqual({
      baseUrl: 'http://pacs.example:8042/dicom-web',
      studyInstanceUid: '1.2.840.10008.1',
      displayUrl: 'http://pacs.example:8042/dicom-web/studies/1.2.840.10008.1',
    });
    // A prefix that itself holds the word "studies"; no prefix at all.
    expect(parseDicomwebStudyUrl('https://h/a/studies/b/rs/studies/1.2').baseUrl).toBe('https://h/a/studies/b/rs');
    expect(parseDicomwebStudyUrl('https://h/studies/1.2').baseUrl).toBe('https://h');
  });

  it('takes an optional series UID', () => {
    const parsed = parseDicomwebStudyUrl('http://127.0.0.1:8042/dicom-web/studies/1.2.3/series/1.2.3.4');
    expect(parsed.studyInstanceUid).toBe('1.2.3');
    expect(parsed.seriesInstanceUid).toBe('1.2.3.4');
  });

  it('turns user:password@ into HTTP Basic and keeps the credentials out of every URL', () => {
    const parsed = parseDicomwebStudyUrl('http://al%40ice:s%3Acret@pacs:8042/dicom-web/studies/1.2');
    // base64("al@ice:s:cret") written out: "YWxAaWNlOnM6Y3JldA==".
    expect(parsed.authorization).toBe('Basic YWxAaWNlOnM6Y3JldA==');
    expect(parsed.baseUrl).toBe('http://pacs:8042/dicom-web');
    expect(parsed.displayUrl).not.toContain('cret');
  });

  it('refuses other forms with invalid_input naming the expected form, never echoing a password', () => {
    const bad = [
      'not a url',
      'ftp://h/studies/1.2',
      'http://h/dicom-web',
      'http://h/dicom-web/studies/',
      'http://h/dicom-web/studies/1.2/instances/1.3',
      'http://h/dicom-web/studies/1.2/series',
      'http://h/dicom-web/studies/1.2/series/1.3/instances/1.4',
      'http://h/dicom-web/studies/1.2?includefield=all',
      'http://h/dicom-web/studies/abc',
      `http://h/dicom-web/studies/1.${'2'.repeat(63)}`,
      'http://user:hunter2@h/dicom-web/studies/x',
      'http://user:hunter2@h:99999/studies/1.2',
    ];
    for (const url of bad) {
      let caught: unknown;
      try {
        parseDicomwebStudyUrl(url);
      } catch (error) {
        caught = error;
      }
      expect(caught, url).toMatchObject({
        code: 'invalid_input',
        issues: [{ path: ['url'], hint: `expected ${DICOMWEB_STUDY_URL_FORM}` }],
      });
      expect(JSON.stringify(caught) + (caught as Error).message).not.toContain('hunter2');
    }
  });
});

describe('isHttpUrl', () => {
  it('tells URLs from paths', () => {
    expect(isHttpUrl('HTTPS://h/studies/1')).toBe(true);
    expect(isHttpUrl('http://h')).toBe(true);
    expect(isHttpUrl('./http:/x')).toBe(false);
    expect(isHttpUrl('/data/pet')).toBe(false);
  });
});
