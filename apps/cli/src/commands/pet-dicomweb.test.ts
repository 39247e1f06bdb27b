/**
 * PET/CT from a real PACS: the PET/CT phantom (Siemens header style, 96 × 96 × 48 voxels of 4 mm) is
 * stored in Orthanc 1.10 with its DICOMweb plugin (started for this file on 127.0.0.1, a free port, a
 * temporary folder; stopped by its PID) and read back over QIDO-RS/WADO-RS. Expectations: the same
 * series, voxels and SUV factors as reading the folder the phantom was written to; the phantom's ground
 * truth (liver SUVbw 2.2); and the same `bonemet pet quantify` and `pet suv` output as from the folder.
 */
import { petSuvVolume, readDicomDirectory, readDicomwebStudy, patientMmToIndex } from '@bonemet/dicom';
import { generatePetCtPhantom, writePetCtPhantom, type PetCtPhantom } from '@bonemet/phantoms';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable, PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startOrthanc, type RunningOrthanc } from '../../../../packages/dicom/src/test-support/orthanc.js';
import { main } from '../main.js';
import { runCli } from '../test-support.js';
import { DICOMWEB_AUTHORIZATION_VARIABLE } from './pet-source.js';

let orthanc: RunningOrthanc | undefined;
let folder = '';
let phantom: PetCtPhantom;
let studyUrl = '';
let liver = '';

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'bonemet-dicomweb-'));
  phantom = generatePetCtPhantom({});
  const written = await writePetCtPhantom(phantom, folder, 'siemens');
  liver = phantom.truth.tissues.liver.centreMm.join(',');
  orthanc = await startOrthanc();
  let orthancStudyId = '';
  for (const file of [...written.petFiles, ...written.ctFiles]) {
    orthancStudyId = (await orthanc.upload(await readFile(file))).ParentStudy;
  }
  // Orthanc's own REST API names the StudyInstanceUID it stored.
  const study = (await (await fetch(`${orthanc.url}/studies/${orthancStudyId}`)).json()) as {
    MainDicomTags: { StudyInstanceUID: string };
  };
  studyUrl = `${orthanc.dicomWebUrl}/studies/${study.MainDicomTags.StudyInstanceUID}`;
}, 60_000);

afterAll(async () => {
  await orthanc?.stop();
  if (folder !== '') await rm(folder, { recursive: true, force: true });
});

describe('a PET/CT study read from Orthanc over DICOMweb', () => {
  it('gives the series, voxels and SUV factors of the folder, and the phantom liver SUVbw 2.2', async () => {
    const web = await readDicomwebStudy(studyUrl);
    const local = await readDicomDirectory(folder);
    expect(web.series.map((s) => [s.seriesInstanceUid, s.modality, s.images.length])).toEqual(
      local.series.map((s) => [s.seriesInstanceUid, s.modality, s.images.length]),
    );
    // 48 PET and 48 CT slices: the phantom's 48 planes, one file each.
    expect(web.series.map((s) => s.images.length)).toEqual([48, 48]);
    const pet = (series: typeof web.series): (typeof web.series)[number] =>
      series.find((s) => s.modality === 'PT') ?? expect.fail('no PT series');
    const fromWeb = petSuvVolume(pet(web.series).images);
    const fromFolder = petSuvVolume(pet(local.series).images);
    expect(fromWeb.factors.factorsPerSlice).toEqual(fromFolder.factors.factorsPerSlice);
    expect(Buffer.from(fromWeb.suv.buffer).equals(Buffer.from(fromFolder.suv.buffer))).toBe(true);
    const [i, j, k] = patientMmToIndex(fromWeb.volume, phantom.truth.tissues.liver.centreMm).map(Math.round);
    const [nx, ny] = fromWeb.volume.dimensions;
    // No blur, no noise: the liver centre voxel holds the liver's true SUVbw, up to int16 storage steps.
    expect(fromWeb.suv[(k ?? 0) * nx * ny + (j ?? 0) * nx + (i ?? 0)]).toBeCloseTo(phantom.truth.tissues.liverSuvbw, 2);
  });

  it('bonemet pet quantify <study URL> --json prints what the folder gives', async () => {
    const fromWeb = await runCli(['pet', 'quantify', studyUrl, `--liver=${liver}`, '--json']);
    const fromFolder = await runCli(['pet', 'quantify', folder, `--liver=${liver}`, '--json']);
    expect(fromWeb.stderr).toBe('');
    expect(fromWeb.status).toBe(0);
    expect(fromFolder.status).toBe(0);
    const webReport = JSON.parse(fromWeb.stdout) as { lesions: unknown[]; source: { ctSeriesInstanceUid: string } };
    expect(webReport).toEqual(JSON.parse(fromFolder.stdout));
    // The phantom's 8:1 spheres of 17 mm and more (4 of them) are among the lesions; the CT was used.
    expect(webReport.lesions.length).toBeGreaterThanOrEqual(4);
    expect(webReport.source.ctSeriesInstanceUid).not.toBeNull();
  });

  it('bonemet pet suv <series URL> --json prints what the folder gives', async () => {
    const study = await readDicomwebStudy(studyUrl, { modalities: ['PT'] });
    const seriesUrl = `${studyUrl}/series/${study.series[0]?.seriesInstanceUid ?? ''}`;
    const fromWeb = await runCli(['pet', 'suv', seriesUrl, '--json']);
    const fromFolder = await runCli(['pet', 'suv', join(folder, 'pet'), '--json']);
    expect(fromWeb.status, fromWeb.stderr).toBe(0);
    expect(JSON.parse(fromWeb.stdout)).toEqual(JSON.parse(fromFolder.stdout));
  });

  it('--progress draws the bar on standard error; standard output does not change', async () => {
    const plain = await runCli(['pet', 'quantify', studyUrl, `--liver=${liver}`, '--csv']);
    const withBar = await runCli(['pet', 'quantify', studyUrl, `--liver=${liver}`, '--csv', '--progress']);
    expect(plain.stderr).toBe('');
    expect(withBar.status).toBe(0);
    expect(withBar.stdout).toBe(plain.stdout);
    // 96 instances: the bar ends full, on the CT or PET retrieval, and ends its line.
    expect(withBar.stderr).toMatch(/\[#{24}\] 96\/96 100%/);
    expect(withBar.stderr).toContain('retrieving PT');
    expect(withBar.stderr.endsWith('\n')).toBe(true);
  });

  it('on a terminal the bar is drawn unasked, and --no-progress turns it off', async () => {
    const run = async (...extra: string[]): Promise<{ status: number; stderr: string; stdout: string }> => {
      const chunks = { out: '', err: '' };
      const sink = (key: 'out' | 'err'): Writable =>
        new Writable({
          write(chunk: Buffer, _encoding, callback): void {
            chunks[key] += chunk.toString('utf8');
            callback();
          },
        });
      const stderr = Object.assign(sink('err'), { isTTY: true, columns: 120 });
      const stdin = new PassThrough();
      stdin.end();
      const status = await main(['pet', 'suv', studyUrl, '--json', ...extra], { stdin, stdout: sink('out'), stderr });
      return { status, stderr: chunks.err, stdout: chunks.out };
    };
    const drawn = await run();
    const off = await run('--no-progress');
    expect(drawn.status).toBe(0);
    expect(drawn.stderr).toMatch(/\[#{24}\] \d+\/\d+ 100%/);
    expect(off.stderr).toBe('');
    expect(off.stdout).toBe(drawn.stdout);
  });

  it('bad URLs: exit 2, a typed message on standard error, nothing on standard output, no password shown', async () => {
    const unknown = await runCli(['pet', 'quantify', `${orthanc?.dicomWebUrl ?? ''}/studies/1.2.3.4`, '--json']);
    expect(unknown.status).toBe(2);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toContain('has no series in study');

    const wrongForm = await runCli(['pet', 'suv', `${orthanc?.url ?? ''}/app/explorer.html`]);
    expect(wrongForm.status).toBe(2);
    expect(wrongForm.stderr).toContain('expected http(s)://host[:port]/<prefix>/studies/<StudyInstanceUID>');

    const withPassword = studyUrl.replace('http://', 'http://someone:s3cr3t@').replace('/dicom-web/', '/nowhere/');
    const refused = await runCli(['pet', 'quantify', withPassword, '--json']);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('not found on the DICOMweb server');
    expect(refused.stderr).not.toContain('s3cr3t');
  });
});

describe('credentials for a DICOMweb server from the environment', () => {
  it(`${DICOMWEB_AUTHORIZATION_VARIABLE} is sent as the Authorization header`, async () => {
    // A server that wants "Bearer t0ken": 401 without it, 404 (an unknown study) with it.
    const server = createServer((request, response) => {
      response.writeHead(request.headers.authorization === 'Bearer t0ken' ? 404 : 401).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const url = `http://127.0.0.1:${String(typeof address === 'object' && address !== null ? address.port : 0)}/rs/studies/1.2`;
    try {
      vi.stubEnv(DICOMWEB_AUTHORIZATION_VARIABLE, '');
      const without = await runCli(['pet', 'suv', url]);
      expect(without.status).toBe(2);
      expect(without.stderr).toContain('supply credentials');
      vi.stubEnv(DICOMWEB_AUTHORIZATION_VARIABLE, 'Bearer t0ken');
      const withToken = await runCli(['pet', 'suv', url]);
      expect(withToken.status).toBe(2);
      expect(withToken.stderr).toContain('not found on the DICOMweb server');
      expect(withToken.stderr).not.toContain('t0ken');
    } finally {
      vi.unstubAllEnvs();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
