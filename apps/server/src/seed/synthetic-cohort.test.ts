import { boneScanParts } from '@bonemet/bonescan';
import { RULE_SET_VERSION } from '@bonemet/clinical';
import { skeletalEventSchema, treatmentSchema } from '@bonemet/core';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../db/migrate.js';
import { openDatabase, type DatabaseHandle } from '../db/open-database.js';
import { patients, recommendations } from '../db/schema.js';
import { labRecordSchema, painScoreRecordSchema } from '../records/record-schemas.js';
import { skeletalEventStore, treatmentStore } from '../records/record-store.js';
import { seedSyntheticCohort, syntheticCohort } from './synthetic-cohort.js';

let handle: DatabaseHandle;

beforeAll(async () => {
  handle = await openDatabase({});
  await migrate(handle.db);
}, 60_000);
afterAll(async () => {
  await handle.close();
});

const cohort = syntheticCohort();
const DAY_MS = 86_400_000;
const days = (from: string, to: string): number => (Date.parse(to) - Date.parse(from)) / DAY_MS;

describe('the synthetic cohort', () => {
  it('has at least 12 patients, each with 2–5 imaging time points in date order, up to the assessment', () => {
    expect(cohort.length).toBeGreaterThanOrEqual(12);
    expect(new Set(cohort.map((patient) => patient.mrn)).size).toBe(cohort.length);
    for (const patient of cohort) {
      const dates = patient.story.imaging.map((point) => point.date);
      expect(dates.length, patient.mrn).toBeGreaterThanOrEqual(2);
      expect(dates.length, patient.mrn).toBeLessThanOrEqual(5);
      for (const [index, date] of dates.entries()) {
        if (index > 0) expect(date > (dates[index - 1] ?? ''), `${patient.mrn} ${date}`).toBe(true);
      }
      expect((dates.at(-1) ?? '') <= patient.state.assessmentDate, patient.mrn).toBe(true);
    }
  });

  it('labels every patient synthetic: in the state, the family name, the MRN and the name', () => {
    for (const [index, patient] of cohort.entries()) {
      expect(patient.state.patient.synthetic).toBe(true);
      expect(patient.familyName).toBe('Synthetic');
      expect(patient.mrn).toBe(`SYN-MRN-${String(index + 1).padStart(3, '0')}`);
      expect(patient.givenName.endsWith(String(index + 1).padStart(3, '0'))).toBe(true);
    }
  });

  it('keeps each story coherent: lines numbered in order, each ending before the next starts, one line at the last scan', () => {
    for (const patient of cohort) {
      const lines = patient.story.therapyLines;
      expect(lines.length, patient.mrn).toBeGreaterThan(0);
      lines.forEach((line, index) => {
        expect(line.lineNumber, patient.mrn).toBe(index + 1);
        if (line.endDate !== undefined) expect(line.endDate >= line.startDate, patient.mrn).toBe(true);
        const next = lines[index + 1];
        if (next !== undefined) {
          // A line followed by another has ended, before the next starts (after progression).
          expect(line.endDate, patient.mrn).toBeDefined();
          expect(next.startDate > (line.endDate ?? ''), patient.mrn).toBe(true);
        }
      });
      // The current line has no end and started by the assessment; a scan precedes the current line's start
      // or follows it (every patient is imaged during the line).
      const current = lines.at(-1);
      expect(current?.endDate, patient.mrn).toBeUndefined();
      expect((current?.startDate ?? '') <= patient.state.assessmentDate, patient.mrn).toBe(true);
    }
  });

  it('writes records that the record schemas accept, in date order', () => {
    for (const patient of cohort) {
      for (const treatment of patient.treatments) expect(treatmentSchema.safeParse(treatment).success).toBe(true);
      for (const event of patient.skeletalEvents) expect(skeletalEventSchema.safeParse(event).success).toBe(true);
      for (const lab of patient.labs) expect(labRecordSchema.safeParse(lab).success).toBe(true);
      for (const pain of patient.painScores) expect(painScoreRecordSchema.safeParse(pain).success).toBe(true);
      const painDates = patient.painScores.map((pain) => pain.assessedOn);
      expect(painDates).toEqual([...painDates].sort());
    }
  });

  it('draws only what the phantoms know: bone-scan parts, PET lesions of the story', () => {
    const parts = new Set<string>(boneScanParts.map((part) => part.id));
    for (const patient of cohort) {
      const petIds = new Set((patient.story.petLesions ?? []).map((lesion) => lesion.id));
      for (const point of patient.story.imaging) {
        if (point.modality === 'NM') for (const finding of point.findings) expect(parts.has(finding.part)).toBe(true);
        else for (const id of Object.keys(point.suvbw)) expect(petIds.has(id), `${patient.mrn} ${id}`).toBe(true);
      }
    }
  });

  it('tells the flare that settles with the flare rule’s timing (SYN-MRN-008)', () => {
    const flare = cohort.find((patient) => patient.story.stem === 'bone-scan-flare');
    const [baseline, worse, settled] = flare?.story.imaging ?? [];
    const start = flare?.story.therapyLines[0]?.startDate ?? '';
    // Letrozole + ribociclib from 2026-01-20; the worse-looking scan on 2026-04-14 is 84 days in, within
    // the 182-day flare window (Janicek 1994: flare at 3.2 ± 1.4 months); the next scan, 2026-07-21, is
    // 98 days later (at least 42 days, the confirmation delay) and shows no new spot and fainter lesions.
    expect(baseline?.date).toBe('2026-01-12');
    expect(days(start, worse?.date ?? '')).toBe(84);
    expect(days(worse?.date ?? '', settled?.date ?? '')).toBe(98);
    const ids = (point: typeof baseline): string[] =>
      point?.modality === 'NM' ? point.findings.map((finding) => finding.id) : [];
    expect(ids(worse).filter((id) => !ids(baseline).includes(id))).toEqual(['lumbar', 'femur']);
    expect(ids(settled)).toEqual(ids(baseline));
  });
});

describe('seedSyntheticCohort', () => {
  it('stores every patient once, flagged synthetic, with its records and recommendation', async () => {
    const first = await seedSyntheticCohort(handle.db);
    expect(first.map((entry) => entry.created)).toEqual(cohort.map(() => true));
    const again = await seedSyntheticCohort(handle.db);
    expect(again.map((entry) => entry.created)).toEqual(cohort.map(() => false));
    const rows = await handle.db.select().from(patients);
    expect(rows).toHaveLength(cohort.length);
    for (const row of rows) {
      expect(row.synthetic).toBe(true);
      expect(row.familyName).toBe('Synthetic');
    }
    const reports = await handle.db.select().from(recommendations);
    expect(reports.map((report) => report.ruleSetVersion)).toEqual(cohort.map(() => RULE_SET_VERSION));
  });

  it('stores the SBRT patient’s two stereotactic courses with their events (SYN-MRN-011)', async () => {
    const [row] = await handle.db.select().from(patients).where(eq(patients.mrn, 'SYN-MRN-011'));
    const stored = await treatmentStore.list(handle.db, row?.id ?? '');
    const courses = stored.map((t) => t.record).filter((t) => t.kind === 'radiotherapy');
    // 27 Gy in 3 fractions ending 2026-01-16 starts 2026-01-14; 30 Gy in 3 ending 2026-01-30 starts 2026-01-28.
    expect(courses.map((c) => [c.startDate, c.endDate, c.totalDoseGy, c.fractions, c.technique])).toEqual([
      ['2026-01-14', '2026-01-16', 27, 3, 'sbrt'],
      ['2026-01-28', '2026-01-30', 30, 3, 'sbrt'],
    ]);
    const events = await skeletalEventStore.list(handle.db, row?.id ?? '');
    expect(events.map((e) => [e.record.kind, e.record.date])).toEqual([
      ['radiation_to_bone', '2026-01-14'],
      ['radiation_to_bone', '2026-01-28'],
    ]);
  });
});
