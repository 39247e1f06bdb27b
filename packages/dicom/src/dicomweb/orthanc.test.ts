/**
 * readDicomwebStudy against a real PACS: Orthanc 1.10 with its DICOMweb plugin, started for this file on
 * 127.0.0.1 and a free port. Two IBSI SUV reference objects are stored with `POST /instances` and read
 * back: the SUVs inside the IBSI mask must still be max/median/min 4.00/1.00/0.20 (DRO_list.csv), and the
 * series must equal what readDicomDirectory reads from the same files. DRO_3_3 carries its scan time only
 * in a GE private element (0009,100D), so it also shows that private elements survive the round trip.
 */
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskStatistics, maskVoxelIndices } from '../mask.js';
import { readNifti } from '../nifti.js';
import { petSuvVolume } from '../pet-volume.js';
import { readDicomDirectory } from '../read-directory.js';
import { startOrthanc, type RunningOrthanc } from '../test-support/orthanc.js';
import { readDicomwebStudy } from './read-dicomweb-study.js';

const droRoot = join(import.meta.dirname, '..', '..', 'test-data', 'ibsi-suv-dro', 'DRO');
const droNames = ['DRO_0_0', 'DRO_3_3'] as const;

let orthanc: RunningOrthanc | undefined;
/** The DROs share one StudyInstanceUID; each is its own series. */
let studyUid = '';
const seriesUids = new Map<string, string>();

beforeAll(async () => {
  orthanc = await startOrthanc();
  for (const name of droNames) {
    const folder = join(droRoot, name, 'PT');
    let orthancSeriesId = '';
    for (const file of (await readdir(folder)).sort()) {
      orthancSeriesId = (await orthanc.upload(await readFile(join(folder, file)))).ParentSeries;
    }
    // Orthanc's own REST API names the UIDs it stored.
    const series = (await (await fetch(`${orthanc.url}/series/${orthancSeriesId}`)).json()) as {
      ParentStudy: string;
      MainDicomTags: { SeriesInstanceUID: string };
    };
    seriesUids.set(name, series.MainDicomTags.SeriesInstanceUID);
    const study = (await (await fetch(`${orthanc.url}/studies/${series.ParentStudy}`)).json()) as {
      MainDicomTags: { StudyInstanceUID: string };
    };
    studyUid = study.MainDicomTags.StudyInstanceUID;
  }
}, 30_000);

afterAll(async () => {
  await orthanc?.stop();
});

function studyUrl(): string {
  return `${orthanc?.dicomWebUrl ?? ''}/studies/${studyUid}`;
}

function seriesUrl(name: string): string {
  return `${studyUrl()}/series/${seriesUids.get(name) ?? ''}`;
}

describe('readDicomwebStudy from Orthanc', () => {
  for (const name of droNames) {
    it(`${name}: SUVbw inside the IBSI mask 4.00/1.00/0.20, as from the folder`, async () => {
      const progress: number[] = [];
      const web = await readDicomwebStudy(seriesUrl(name), { onProgress: (p) => progress.push(p.done) });
      const folder = await readDicomDirectory(join(droRoot, name, 'PT'));
      expect(web.series).toHaveLength(1);
      const series = web.series[0];
      expect(series?.seriesInstanceUid).toBe(folder.series[0]?.seriesInstanceUid);
      // 20 slices per DRO (files in the folder), as QIDO-RS announced them.
      expect(series?.images).toHaveLength(20);
      expect(progress.at(-1)).toBe(20);

      const fromWeb = petSuvVolume(series?.images ?? []);
      const fromFolder = petSuvVolume(folder.series[0]?.images ?? []);
      expect(fromWeb.factors.factorsPerSlice).toEqual(fromFolder.factors.factorsPerSlice);
      expect(Buffer.from(fromWeb.suv.buffer).equals(Buffer.from(fromFolder.suv.buffer))).toBe(true);

      const mask = readNifti(await readFile(join(droRoot, name, 'mask', 'DRO_mask.nii.gz')));
      const stats = maskStatistics(fromWeb.suv, maskVoxelIndices(fromWeb.volume, mask));
      expect([stats.max.toFixed(2), stats.median.toFixed(2), stats.min.toFixed(2)]).toEqual(['4.00', '1.00', '0.20']);
    });
  }

  it('the whole study: both series, 20 images each; an unknown study or series: not_found', async () => {
    const study = await readDicomwebStudy(studyUrl());
    expect(study.series.map((s) => s.seriesInstanceUid)).toEqual([...seriesUids.values()].sort());
    expect(study.series.map((s) => s.images.length)).toEqual([20, 20]);
    await expect(readDicomwebStudy(`${orthanc?.dicomWebUrl ?? ''}/studies/1.2.3.4`)).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(readDicomwebStudy(`${studyUrl()}/series/1.2.3.4`)).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('a wrong prefix: Orthanc answers 404, reported as not_found', async () => {
    await expect(readDicomwebStudy(`${orthanc?.url ?? ''}/no-such-service/studies/${studyUid}`)).rejects.toMatchObject({
      code: 'not_found',
    });
  });
});
