import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readDicomFile } from '@bonemet/dicom';
import { afterAll, describe, expect, it } from 'vitest';
import type { PatientRow } from '../patients/patient-store.js';
import { createComputePool, defaultComputeWorkerUrl } from '../jobs/compute-pool.js';
import { cohortSeedingOrder, timePointFiles, timePointPhantom } from './cohort-imaging.js';
import { syntheticCohort, type CohortPatient } from './synthetic-cohort.js';

// The order needs only the stories; a row of its own per patient stands for the database's.
const cohort: CohortPatient[] = syntheticCohort().map((patient) => ({
  row: { id: patient.mrn } as PatientRow,
  patient,
  created: true,
}));
const pool = createComputePool({ workers: 1 });
afterAll(async () => {
  await pool.close();
});

describe('the order of the cohort seeding', () => {
  const order = cohortSeedingOrder(cohort);
  const key = (point: { entry: CohortPatient; visit: number }): string =>
    `${point.entry.patient.mrn}#${String(point.visit)}`;

  it('takes every time point of every patient once', () => {
    const expected = cohort.flatMap((entry) =>
      entry.patient.story.imaging.map((_scan, visit) => `${entry.patient.mrn}#${String(visit)}`),
    );
    expect(order.map(key).sort()).toEqual([...expected].sort());
  });

  it("takes every patient's first two time points before any third, fourth or fifth", () => {
    const firstLater = order.findIndex((point) => point.visit >= 2);
    // Each patient has at least two time points: the first 2 × patients entries are the early ones.
    expect(firstLater).toBe(2 * cohort.length);
    expect(order.slice(0, firstLater).every((point) => point.visit < 2)).toBe(true);
    expect(order.slice(firstLater).every((point) => point.visit >= 2)).toBe(true);
  });

  it("keeps each patient's time points in date order and marks the last of each patient once", () => {
    for (const entry of cohort) {
      const visits = order.filter((point) => point.entry === entry);
      expect(visits.map((point) => point.visit)).toEqual([...entry.patient.story.imaging.keys()]);
      expect(visits.map((point) => point.lastOfPatient)).toEqual(
        visits.map((_point, index) => index === visits.length - 1),
      );
    }
  });

  it('completes the patients with the fewest later time points first', () => {
    const later = order.filter((point) => point.visit >= 2);
    const leftOf = (entry: CohortPatient): number => entry.patient.story.imaging.length - 2;
    for (let index = 1; index < later.length; index++) {
      const [previous, current] = [later[index - 1], later[index]];
      if (previous === undefined || current === undefined || previous.entry === current.entry) continue;
      // A new patient starts only when the previous one is complete, and has at least as many left.
      expect(previous.lastOfPatient).toBe(true);
      expect(leftOf(current.entry)).toBeGreaterThanOrEqual(leftOf(previous.entry));
    }
  });

  it('completes the spinal-cord-compression patient (three bone scans) before the patients with more', () => {
    const cord = cohort.find((entry) => entry.patient.story.stem === 'spinal-cord-compression');
    expect(cord?.patient.story.imaging).toHaveLength(3);
    const cordLast = order.findIndex((point) => point.entry === cord && point.lastOfPatient);
    const longer = cohort.filter((entry) => entry.patient.story.imaging.length > 3);
    for (const entry of longer) {
      expect(cordLast).toBeLessThan(order.findIndex((point) => point.entry === entry && point.lastOfPatient));
    }
  });
});

describe('the cohort-time-point compute task', () => {
  const workerBuilt = existsSync(fileURLToPath(defaultComputeWorkerUrl()));

  it('draws a bone scan in a worker thread as in this one, with the patient, the date and whole-buffer bytes', async () => {
    expect(workerBuilt, 'build first: npx tsc -b (the pool runs dist/jobs/compute-worker.js)').toBe(true);
    const entry = cohort.find((candidate) => candidate.patient.story.imaging[0]?.modality === 'NM');
    if (entry === undefined) throw new Error('no bone-scan patient in the cohort');
    const input = timePointPhantom(entry.patient, 0);
    const { files } = await pool.run('cohort-time-point', input);
    const here = timePointFiles(entry.patient, 0);
    expect(files).toHaveLength(1);
    expect(files.map((file) => file.source)).toEqual(here.map((file) => file.source));
    expect(Buffer.from(files[0]?.bytes ?? new Uint8Array()).equals(Buffer.from(here[0]?.bytes ?? []))).toBe(true);
    // Moved from the worker, not copied into a slice of a larger buffer.
    expect(files[0]?.bytes.byteLength).toBe(files[0]?.bytes.buffer.byteLength);
    const image = readDicomFile(files[0]?.bytes ?? new Uint8Array(), 'drawn');
    expect(image.modality).toBe('NM');
    const text = Buffer.from(files[0]?.bytes ?? []).toString('latin1');
    expect(text).toContain(entry.patient.mrn);
    // The story's date as DICOM DA (the phantom writes 2024-03-01, restamped).
    expect(text).toContain(entry.patient.story.imaging[0]?.date.replaceAll('-', ''));
  }, 60_000);

  it("fails with the phantom's typed error for options out of range", async () => {
    expect(workerBuilt).toBe(true);
    const entry = cohort.find((candidate) => candidate.patient.story.imaging[0]?.modality === 'NM');
    if (entry === undefined) throw new Error('no bone-scan patient in the cohort');
    const input = timePointPhantom(entry.patient, 0);
    if (input.modality !== 'NM') throw new Error('not a bone scan');
    await expect(
      pool.run('cohort-time-point', { ...input, phantom: { ...input.phantom, heightCm: -170 } }),
    ).rejects.toMatchObject({ code: 'invalid_input' });
  }, 60_000);
});
