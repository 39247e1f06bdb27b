/**
 * readDicomwebStudy against an in-process HTTP server on 127.0.0.1 that answers like a DICOMweb service:
 * the IBSI DRO_0_0 PET series (20 Part 10 files) served over QIDO-RS and WADO-RS, then every failure a
 * server or a network can produce.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DicomImageDataset } from '../dataset.js';
import { readDicomDirectory, type LoadProgress } from '../read-directory.js';
import { freePort } from '../test-support/orthanc.js';
import { readDicomwebStudy } from './read-dicomweb-study.js';

const droPt = join(import.meta.dirname, '..', '..', 'test-data', 'ibsi-suv-dro', 'DRO', 'DRO_0_0', 'PT');
const droRs = join(
  import.meta.dirname,
  '..',
  '..',
  'test-data',
  'ibsi-suv-dro',
  'DRO',
  'DRO_0_0',
  'RS',
  'RS_dro_0_0.dcm',
);
const files = readdirSync(droPt)
  .sort()
  .map((name) => readFileSync(join(droPt, name)));
// UIDs of DRO_0_0 as Orthanc's QIDO-RS reports them for these files.
const studyUid = '1.2.826.0.1.3680043.8.498.9552046624551246673304';
const ptSeriesUid = `${studyUid}.1`;
const ctSeriesUid = '1.2.3.4.5';

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

let server: Server | undefined;
afterEach(async () => {
  const running = server;
  server = undefined;
  if (running === undefined) return;
  running.closeAllConnections();
  await new Promise((resolve) => running.close(resolve));
});

async function serve(handler: Handler): Promise<string> {
  const started = createServer(handler);
  server = started;
  await new Promise<void>((resolve) => started.listen(0, '127.0.0.1', resolve));
  const address = started.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return `http://127.0.0.1:${String(port)}/rs`;
}

function qidoEntry(seriesUid: string, modality: string, count: number): Record<string, unknown> {
  return {
    '00080060': { vr: 'CS', Value: [modality] },
    '0020000E': { vr: 'UI', Value: [seriesUid] },
    '00201209': { vr: 'IS', Value: [count] },
  };
}

/** Writes a multipart/related body in small pieces, so that boundaries straddle the pieces. */
async function sendMultipart(response: ServerResponse, parts: readonly Uint8Array[], boundary: string): Promise<void> {
  response.writeHead(200, { 'Content-Type': `multipart/related; type="application/dicom"; boundary="${boundary}"` });
  const pieces: Buffer[] = [];
  for (const part of parts) {
    pieces.push(Buffer.from(`--${boundary}\r\nContent-Type: application/dicom\r\n\r\n`, 'latin1'));
    pieces.push(Buffer.from(part), Buffer.from('\r\n', 'latin1'));
  }
  pieces.push(Buffer.from(`--${boundary}--\r\n`, 'latin1'));
  const body = Buffer.concat(pieces);
  for (let offset = 0; offset < body.length; offset += 7001) {
    response.write(body.subarray(offset, offset + 7001));
    await new Promise((resolve) => setImmediate(resolve));
  }
  response.end();
}

/** A DICOMweb service holding the DRO PET series and, when asked, a CT series it refuses to send. */
function pacs(extra: { ct?: boolean; nonImage?: boolean } = {}): Handler {
  return (request, response) => {
    const path = request.url ?? '';
    if (path === `/rs/studies/${studyUid}/series`) {
      response.writeHead(200, { 'Content-Type': 'application/dicom+json' });
      const series = [qidoEntry(ptSeriesUid, 'PT', 20)];
      if (extra.ct === true) series.push(qidoEntry(ctSeriesUid, 'CT', 3));
      response.end(JSON.stringify(series));
    } else if (path === `/rs/studies/${studyUid}/series/${ptSeriesUid}`) {
      // Reverse order: the reader must not depend on the server's order.
      const parts = [...files].reverse();
      void sendMultipart(response, extra.nonImage === true ? [...parts, readFileSync(droRs)] : parts, 'b-1:x');
    } else {
      response.writeHead(500).end('should not be asked');
    }
  };
}

describe('readDicomwebStudy on a DICOMweb service', () => {
  it('gives the same series, images and voxels as readDicomDirectory of the same files', async () => {
    const base = await serve(pacs({ nonImage: true }));
    const progress: LoadProgress[] = [];
    const study = await readDicomwebStudy(`${base}/studies/${studyUid}`, {
      onProgress: (p) => progress.push(p),
    });
    const folder = await readDicomDirectory(droPt);
    expect(study.series).toHaveLength(1);
    const [web] = study.series;
    const [local] = folder.series;
    expect(web?.seriesInstanceUid).toBe(ptSeriesUid);
    expect(web?.modality).toBe('PT');
    expect(web?.seriesDescription).toBe(local?.seriesDescription);
    const bySop = (images: readonly DicomImageDataset[]): DicomImageDataset[] =>
      [...images].sort((a, b) => (a.sopInstanceUid < b.sopInstanceUid ? -1 : 1));
    const webImages = bySop(web?.images ?? []);
    const localImages = bySop(local?.images ?? []);
    expect(webImages).toHaveLength(20);
    const bytesOf = (pixels: ArrayBufferView): Buffer =>
      Buffer.from(pixels.buffer, pixels.byteOffset, pixels.byteLength);
    webImages.forEach((image, n) => {
      const { source: _webSource, storedPixels: webPixels, ...webRest } = image;
      const { source: _localSource, storedPixels: localPixels, ...localRest } = localImages[n] ?? image;
      expect(webRest).toEqual(localRest);
      expect(webPixels.constructor).toBe(localPixels.constructor);
      expect(bytesOf(webPixels).equals(bytesOf(localPixels))).toBe(true);
    });
    // The RTSTRUCT in the series holds no image: listed, as readDicomDirectory lists it.
    expect(study.nonImageFiles).toHaveLength(1);
    expect(study.skippedFiles).toEqual([]);
    // Progress counts instances: 21 arrive (20 images + RTSTRUCT) of 20 announced, so total grows to 21.
    const last = progress.at(-1);
    expect(last).toMatchObject({ done: 21, total: 21 });
    expect(progress.some((p) => p.done > 0 && p.done < 20)).toBe(true);
    for (let n = 1; n < progress.length; n++) {
      expect(progress[n]!.done).toBeGreaterThanOrEqual(progress[n - 1]!.done);
    }
  });

  it('retrieves only the asked modalities, or only the series the URL names', async () => {
    const base = await serve(pacs({ ct: true }));
    const onlyPet = await readDicomwebStudy(`${base}/studies/${studyUid}`, { modalities: ['pt'] });
    expect(onlyPet.series.map((s) => s.seriesInstanceUid)).toEqual([ptSeriesUid]);
    expect(onlyPet.notRetrievedSeries).toEqual([
      { seriesInstanceUid: ctSeriesUid, modality: 'CT', numberOfInstances: 3 },
    ]);
    const named = await readDicomwebStudy(`${base}/studies/${studyUid}/series/${ptSeriesUid}`);
    expect(named.series).toHaveLength(1);
    await expect(readDicomwebStudy(`${base}/studies/${studyUid}`)).rejects.toMatchObject({
      code: 'io_error',
      message: expect.stringContaining('500') as string,
    });
  });

  it('uses the injected fetch and headers; credentials from the URL travel as HTTP Basic', async () => {
    const seen: string[] = [];
    const base = await serve((request, response) => {
      seen.push(`${request.headers.authorization ?? '-'} ${String(request.headers['x-site'] ?? '-')}`);
      pacs()(request, response);
    });
    const calls: string[] = [];
    const withCredentials = base.replace('http://', 'http://reader:pw@');
    await readDicomwebStudy(`${withCredentials}/studies/${studyUid}`, {
      fetch: (url, init) => {
        calls.push(url);
        return fetch(url, init);
      },
      headers: { 'X-Site': 'a' },
    });
    expect(calls).toEqual([`${base}/studies/${studyUid}/series`, `${base}/studies/${studyUid}/series/${ptSeriesUid}`]);
    // base64("reader:pw") = "cmVhZGVyOnB3".
    expect(seen).toEqual(['Basic cmVhZGVyOnB3 a', 'Basic cmVhZGVyOnB3 a']);
  });
});

describe('readDicomwebStudy: typed errors naming the URL, never the credentials', () => {
  const statusCases: [number, string, string][] = [
    [404, 'not_found', '404'],
    [401, 'io_error', 'credentials'],
    [403, 'io_error', 'credentials'],
    [500, 'io_error', '500'],
    [503, 'io_error', '503'],
  ];
  for (const [status, code, words] of statusCases) {
    it(`HTTP ${String(status)} → ${code}`, async () => {
      const base = await serve((_request, response) => {
        response.writeHead(status).end('no');
      });
      const url = `${base.replace('http://', 'http://u:secret@')}/studies/1.2.3`;
      const error: unknown = await readDicomwebStudy(url).catch((e: unknown) => e);
      expect(error).toMatchObject({ code });
      expect(JSON.stringify(error) + (error as Error).message).toContain(words);
      expect((error as Error).message).toContain(`${base}/studies/1.2.3/series`);
      expect(JSON.stringify(error) + (error as Error).message).not.toContain('secret');
    });
  }

  it('no server on the port: io_error naming the host', async () => {
    const port = await freePort();
    await expect(readDicomwebStudy(`http://127.0.0.1:${String(port)}/rs/studies/1.2`)).rejects.toMatchObject({
      code: 'io_error',
      message: expect.stringMatching(
        new RegExp(`cannot reach 127\\.0\\.0\\.1:${String(port)}: ECONNREFUSED`),
      ) as string,
    });
  });

  it('a server that does not answer, or stops in the middle of the body: io_error after timeoutMs', async () => {
    const base = await serve((request, response) => {
      if (request.url?.endsWith('/series') === true) {
        if (request.url.includes('1.1')) return; // never answers
        response.writeHead(200, { 'Content-Type': 'application/dicom+json' });
        response.end(JSON.stringify([qidoEntry('1.2.9', 'PT', 1)]));
        return;
      }
      response.writeHead(200, { 'Content-Type': 'multipart/related; boundary=x' });
      response.write('--x\r\nContent-Type: application/dicom\r\n\r\nDI'); // then silence
    });
    const started = Date.now();
    await expect(readDicomwebStudy(`${base}/studies/1.1`, { timeoutMs: 200 })).rejects.toMatchObject({
      code: 'io_error',
      message: expect.stringContaining('did not answer within 200 ms') as string,
    });
    await expect(readDicomwebStudy(`${base}/studies/1.2`, { timeoutMs: 200 })).rejects.toMatchObject({
      code: 'io_error',
      issues: [{ message: 'timed out while receiving the response' }],
    });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('an empty study, or a series not in the study: not_found', async () => {
    const base = await serve((request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/dicom+json' });
      response.end(
        request.url?.includes('/studies/1.1/') === true ? '[]' : JSON.stringify([qidoEntry('1.5', 'CT', 1)]),
      );
    });
    await expect(readDicomwebStudy(`${base}/studies/1.1`)).rejects.toMatchObject({ code: 'not_found' });
    await expect(readDicomwebStudy(`${base}/studies/1.2/series/1.6`)).rejects.toMatchObject({
      code: 'not_found',
      issues: [{ message: 'series in the study: 1.5 (CT)' }],
    });
  });

  it('a 204 No Content QIDO answer is an empty study: not_found', async () => {
    const base = await serve((_request, response) => {
      response.writeHead(204).end();
    });
    await expect(readDicomwebStudy(`${base}/studies/1.1`)).rejects.toMatchObject({ code: 'not_found' });
  });

  const malformedCases: [string, Handler][] = [
    [
      'QIDO answer that is not JSON (a login page)',
      (_q, r) => {
        r.writeHead(200, { 'Content-Type': 'text/html' }).end('<html>login</html>');
      },
    ],
    [
      'QIDO answer outside the DICOM JSON model',
      (_q, r) => {
        r.writeHead(200, { 'Content-Type': 'application/dicom+json' }).end('[{"SeriesInstanceUID": "1.2"}]');
      },
    ],
    [
      'a WADO part that is not DICOM',
      (q, r) => {
        if (q.url?.endsWith('/series') === true) {
          r.writeHead(200, { 'Content-Type': 'application/dicom+json' }).end(
            JSON.stringify([qidoEntry('1.9', 'PT', 1)]),
          );
          return;
        }
        void sendMultipart(r, [Buffer.from('<NativeDicomModel/>')], 'bb');
      },
    ],
    [
      'a WADO body cut short',
      (q, r) => {
        if (q.url?.endsWith('/series') === true) {
          r.writeHead(200, { 'Content-Type': 'application/dicom+json' }).end(
            JSON.stringify([qidoEntry('1.9', 'PT', 1)]),
          );
          return;
        }
        r.writeHead(200, { 'Content-Type': 'multipart/related; boundary=bb' });
        r.end(Buffer.concat([Buffer.from('--bb\r\n\r\n'), files[0]!.subarray(0, 1000)]));
      },
    ],
    [
      'a WADO answer that is not multipart',
      (q, r) => {
        if (q.url?.endsWith('/series') === true) {
          r.writeHead(200, { 'Content-Type': 'application/dicom+json' }).end(
            JSON.stringify([qidoEntry('1.9', 'PT', 1)]),
          );
          return;
        }
        r.writeHead(200, { 'Content-Type': 'application/dicom' }).end(files[0]);
      },
    ],
  ];
  for (const [what, handler] of malformedCases) {
    it(`${what}: malformed_input`, async () => {
      const base = await serve(handler);
      await expect(readDicomwebStudy(`${base}/studies/1.2`)).rejects.toMatchObject({ code: 'malformed_input' });
    });
  }

  it('a URL of another form, or a timeout that is not positive: invalid_input', async () => {
    await expect(readDicomwebStudy('http://h/wado?requestType=WADO')).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(readDicomwebStudy('http://h/rs/studies/1.2', { timeoutMs: 0 })).rejects.toMatchObject({
      code: 'invalid_input',
      issues: [{ path: ['timeoutMs'] }],
    });
  });
});
