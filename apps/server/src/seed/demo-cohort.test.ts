import { readdirSync } from 'node:fs';
import { RULE_SET_VERSION } from '@bonemet/clinical';
import { skeletalEventSchema, treatmentSchema } from '@bonemet/core';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../db/migrate.js';
import { openDatabase, type DatabaseHandle } from '../db/open-database.js';
import { patients, recommendations } from '../db/schema.js';
import { labStore, painScoreStore, skeletalEventStore, treatmentStore } from '../records/record-store.js';
import { demoPatientFromState, EXAMPLES_DIR, readExampleStates, seedDemoCohort } from './demo-cohort.js';

let handle: DatabaseHandle;

beforeAll(async () => {
  handle = await openDatabase({});
  await migrate(handle.db);
}, 60_000);
afterAll(async () => {
  await handle.close();
});

describe('synthetic demo cohort', () => {
  it('seeds one synthetic patient per example, labelled in flag and name, and only once', async () => {
    const exampleCount = readdirSync(EXAMPLES_DIR).filter((file) => file.endsWith('.json')).length;
    expect(exampleCount).toBe(7);
    const created = await seedDemoCohort(handle.db);
    expect(created).toHaveLength(exampleCount);
    expect(await seedDemoCohort(handle.db)).toEqual([]);
    const rows = await handle.db.select().from(patients);
    expect(rows).toHaveLength(exampleCount);
    for (const row of rows) {
      expect(row.synthetic).toBe(true);
      expect(row.familyName).toBe('Synthetic');
      expect(row.mrn).toMatch(/^SYN-MRN-\d{3}$/);
    }
    const reports = await handle.db.select().from(recommendations);
    expect(reports.map((report) => report.ruleSetVersion)).toEqual(
      Array.from({ length: exampleCount }, () => RULE_SET_VERSION),
    );
  });

  it('builds the spinal-cord-compression patient from its example (SYN-002: 63 years, T8, ESCC 3, denosumab 14 months)', () => {
    const example = readExampleStates().find(({ stem }) => stem === 'spinal-cord-compression');
    if (example === undefined) throw new Error('example missing');
    const demo = demoPatientFromState(example.state, example.stem, 0);
    // Assessment 2026-10-12 at 63 years: born 1963-10-11, the day before the 63rd birthday's date.
    expect(demo.birthDate).toBe('1963-10-11');
    expect(demo.givenName).toBe('Spinal Cord Compression 001');
    expect(demo.skeletalEvents).toContainEqual({
      kind: 'spinal_cord_compression',
      date: '2026-10-12',
      site: { bone: 'vertebra', level: 'T8', part: 'body' },
    });
    expect(demo.skeletalEvents).toContainEqual({
      kind: 'pathological_fracture',
      date: '2026-10-12',
      site: { bone: 'vertebra', level: 'T8', part: 'body' },
    });
    // Denosumab every 4 weeks for 14 months: floor(14 × 30 / 28) = 15 doses, the last 6 shown, 120 mg each.
    const doses = demo.treatments.filter((t) => t.kind === 'bone_targeted_agent');
    expect(doses).toHaveLength(6);
    expect(doses.at(-1)).toEqual({ kind: 'bone_targeted_agent', agent: 'denosumab', date: '2026-09-14', doseMg: 120 });
    expect(demo.painScores).toEqual([
      { assessedOn: '2026-10-12', worstPain: 8, opioids: [{ drug: 'morphine', dailyDose: 60 }] },
    ]);
    for (const treatment of demo.treatments) expect(treatmentSchema.safeParse(treatment).success).toBe(true);
    for (const event of demo.skeletalEvents) expect(skeletalEventSchema.safeParse(event).success).toBe(true);
  });

  it('stores the records of the hypercalcaemia example, with its event', async () => {
    const [row] = await handle.db.select().from(patients).where(eq(patients.mrn, 'SYN-MRN-001'));
    expect(row?.givenName).toBe('Hypercalcaemia Renal Impairment 001');
    const patientId = row?.id ?? '';
    const events = await skeletalEventStore.list(handle.db, patientId);
    // Total calcium 12.6 mg/dL above the upper limit 10.2 mg/dL on 2026-11-10.
    expect(events.map((e) => e.record)).toEqual([{ kind: 'hypercalcaemia', date: '2026-11-10' }]);
    const labs = await labStore.list(handle.db, patientId);
    expect(labs.map((lab) => lab.record)).toContainEqual({
      analyte: 'total_calcium',
      sampledOn: '2026-11-10',
      quantity: { value: 12.6, unit: 'mg/dL' },
    });
    const treatments = await treatmentStore.list(handle.db, patientId);
    expect(treatments.map((t) => t.record)).toEqual([
      {
        kind: 'systemic',
        lineNumber: 2,
        regimen: 'trastuzumab + pertuzumab + docetaxel',
        category: 'her2_targeted',
        startDate: '2026-05-14',
      },
    ]);
    expect((await painScoreStore.list(handle.db, patientId)).map((p) => p.record.worstPain)).toEqual([0]);
  });
});
