import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, patients } from '../db/schema.js';
import { startTestApp, userClient, type Client, type TestApp } from '../test-support/test-app.js';

let testApp: TestApp;
let clinician: Client;
let researcher: Client;
let patientId = '';
let shiftDays = 0;

beforeAll(async () => {
  testApp = await startTestApp();
  clinician = await userClient(testApp, 'clin', 'clinician');
  researcher = await userClient(testApp, 'res', 'researcher');
  const response = await testApp.app.inject({
    method: 'POST',
    url: '/api/patients',
    headers: clinician.headers,
    payload: { mrn: 'MRN-REC-1', familyName: 'Record', givenName: 'Keeper', sex: 'female', synthetic: true },
  });
  patientId = response.json<{ id: string }>().id;
  const [row] = await testApp.handle.db.select().from(patients).where(eq(patients.researchId, patientId));
  shiftDays = row?.dateShiftDays ?? 0;
}, 60_000);
afterAll(async () => {
  await testApp.close();
});

/** YYYY-MM-DD plus days, by hand-checked UTC arithmetic. */
function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

const url = (collection: string, id?: string): string =>
  `/api/patients/${patientId}/${collection}${id === undefined ? '' : `/${id}`}`;

const examples = {
  treatments: [
    {
      kind: 'systemic',
      lineNumber: 1,
      regimen: 'letrozole + palbociclib',
      category: 'cdk4_6_inhibitor',
      startDate: '2026-01-10',
    },
    { kind: 'bone_targeted_agent', agent: 'denosumab', date: '2026-01-15', doseMg: 120 },
    {
      kind: 'radiotherapy',
      site: { bone: 'femur', laterality: 'left', part: 'trochanteric' },
      totalDoseGy: 8,
      fractions: 1,
      startDate: '2026-04-01',
      endDate: '2026-04-01',
      technique: 'conventional',
    },
    {
      kind: 'procedure',
      procedure: 'vertebral_augmentation',
      site: { bone: 'vertebra', level: 'L1' },
      date: '2026-02-01',
    },
  ],
  'skeletal-events': [
    { kind: 'spinal_cord_compression', date: '2026-03-03', site: { bone: 'vertebra', level: 'T8' } },
    { kind: 'hypercalcaemia', date: '2026-02-20' },
  ],
  labs: [
    { analyte: 'serum_creatinine', sampledOn: '2026-01-14', quantity: { value: 71, unit: 'umol/L' } },
    { analyte: 'total_calcium', sampledOn: '2026-01-14', quantity: { value: 2.35, unit: 'mmol/L' } },
  ],
  'pain-scores': [{ assessedOn: '2026-03-01', worstPain: 7, opioids: [{ drug: 'oxycodone', dailyDose: 40 }] }],
} as const;

describe('clinical records of a patient', () => {
  it.each(Object.entries(examples))(
    '%s: creates and lists in date order, audited per patient',
    async (collection, records) => {
      const ids: string[] = [];
      for (const record of records) {
        const created = await testApp.app.inject({
          method: 'POST',
          url: url(collection),
          headers: clinician.headers,
          payload: record,
        });
        expect(created.statusCode).toBe(201);
        const body = created.json<{ id: string; record: unknown }>();
        expect(body.record).toEqual(record);
        ids.push(body.id);
      }
      const list = await testApp.app.inject({ method: 'GET', url: url(collection), headers: clinician.headers });
      expect(list.statusCode).toBe(200);
      const items = list.json<{ items: { id: string; record: unknown }[] }>().items;
      expect(items.map((item) => item.record)).toEqual(
        [...records].sort((a, b) => {
          const date = (r: object): string => String(Object.entries(r).find(([k]) => /date|On$/i.test(k))?.[1]);
          return date(a).localeCompare(date(b));
        }),
      );
      const rows = await testApp.handle.db.select().from(auditEvents).orderBy(asc(auditEvents.id));
      const resource = {
        treatments: 'treatment',
        'skeletal-events': 'skeletal_event',
        labs: 'lab',
        'pain-scores': 'pain_score',
      }[collection];
      const mine = rows.filter((row) => row.resourceType === resource);
      expect(mine.map((row) => [row.action, row.username, row.patientResearchId])).toEqual([
        ...ids.map(() => [`${String(resource)}.create`, 'clin', patientId]),
        [`${String(resource)}.list`, 'clin', patientId],
      ]);
    },
  );

  it('computes the oral morphine equivalent of a pain score (oxycodone 40 mg/day × 1.5 = 60 mg/day, CDC 2022)', async () => {
    const list = await testApp.app.inject({ method: 'GET', url: url('pain-scores'), headers: clinician.headers });
    expect(list.json<{ items: { derived: Record<string, number> }[] }>().items[0]?.derived).toEqual({
      oralMorphineEquivalentMgPerDay: 60,
    });
  });

  it('validates with the domain schemas: every problem by path, nothing stored', async () => {
    const before = await testApp.app.inject({ method: 'GET', url: url('treatments'), headers: clinician.headers });
    const bad = await testApp.app.inject({
      method: 'POST',
      url: url('treatments'),
      headers: clinician.headers,
      payload: {
        kind: 'radiotherapy',
        site: { bone: 'femur' },
        totalDoseGy: 800,
        fractions: 0,
        startDate: '2026-04-01',
        doseGy: 8,
      },
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json<{ error: { issues: { path: (string | number)[] }[] } }>()
        .error.issues.map((i) => i.path.join('.'))
        .sort(),
    ).toEqual(['doseGy', 'fractions', 'site.laterality', 'totalDoseGy']);
    const lab = await testApp.app.inject({
      method: 'POST',
      url: url('labs'),
      headers: clinician.headers,
      payload: { analyte: 'serum_creatinine', sampledOn: '2026-01-14', quantity: { value: 90, unit: 'mg/dL' } },
    });
    expect(lab.statusCode).toBe(400);
    expect(
      lab.json<{ error: { issues: { path: (string | number)[] }[] } }>().error.issues.map((i) => i.path.join('.')),
    ).toEqual(['quantity.value']);
    const event = await testApp.app.inject({
      method: 'POST',
      url: url('skeletal-events'),
      headers: clinician.headers,
      payload: { kind: 'hypercalcaemia', date: '2026-02-20', site: { bone: 'sacrum' } },
    });
    expect(event.statusCode).toBe(400);
    const after = await testApp.app.inject({ method: 'GET', url: url('treatments'), headers: clinician.headers });
    expect(after.json()).toEqual(before.json());
  });

  it('replaces and deletes a record; an unknown record is a 404', async () => {
    const list = await testApp.app.inject({ method: 'GET', url: url('labs'), headers: clinician.headers });
    const first = list.json<{ items: { id: string }[] }>().items[0];
    const id = first?.id ?? '';
    const replacement = {
      analyte: 'serum_creatinine',
      sampledOn: '2026-01-14',
      quantity: { value: 0.9, unit: 'mg/dL' },
    };
    const put = await testApp.app.inject({
      method: 'PUT',
      url: url('labs', id),
      headers: clinician.headers,
      payload: replacement,
    });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toEqual({ id, record: replacement });
    const get = await testApp.app.inject({ method: 'GET', url: url('labs', id), headers: clinician.headers });
    expect(get.json()).toEqual({ id, record: replacement });
    const del = await testApp.app.inject({ method: 'DELETE', url: url('labs', id), headers: clinician.headers });
    expect(del.statusCode).toBe(204);
    const again = await testApp.app.inject({ method: 'DELETE', url: url('labs', id), headers: clinician.headers });
    expect(again.statusCode).toBe(404);
    const missing = await testApp.app.inject({
      method: 'GET',
      url: url('labs', '00000000-0000-4000-8000-000000000000'),
      headers: clinician.headers,
    });
    expect(missing.statusCode).toBe(404);
  });

  it('shows researchers every date shifted by the same per-patient offset, and refuses their writes', async () => {
    expect(shiftDays).toBeLessThanOrEqual(-1);
    expect(shiftDays).toBeGreaterThanOrEqual(-365);
    const treatments = await testApp.app.inject({ method: 'GET', url: url('treatments'), headers: researcher.headers });
    expect(treatments.statusCode).toBe(200);
    const records = treatments
      .json<{ items: { record: Record<string, unknown> }[] }>()
      .items.map((item) => item.record);
    expect(records).toContainEqual({ ...examples.treatments[0], startDate: addDays('2026-01-10', shiftDays) });
    expect(records).toContainEqual({
      ...examples.treatments[2],
      startDate: addDays('2026-04-01', shiftDays),
      endDate: addDays('2026-04-01', shiftDays),
    });
    for (const date of ['2026-01-10', '2026-01-15', '2026-04-01', '2026-02-01'])
      expect(treatments.body).not.toContain(date);
    const events = await testApp.app.inject({
      method: 'GET',
      url: url('skeletal-events'),
      headers: researcher.headers,
    });
    expect(events.json<{ items: { record: { date: string } }[] }>().items.map((i) => i.record.date)).toEqual([
      addDays('2026-02-20', shiftDays),
      addDays('2026-03-03', shiftDays),
    ]);
    const pain = await testApp.app.inject({ method: 'GET', url: url('pain-scores'), headers: researcher.headers });
    expect(pain.json<{ items: { record: { assessedOn: string } }[] }>().items[0]?.record.assessedOn).toBe(
      addDays('2026-03-01', shiftDays),
    );
    const labs = await testApp.app.inject({ method: 'GET', url: url('labs'), headers: researcher.headers });
    expect(labs.body).not.toContain('2026-01-14');
    const write = await testApp.app.inject({
      method: 'POST',
      url: url('labs'),
      headers: researcher.headers,
      payload: examples.labs[0],
    });
    expect(write.statusCode).toBe(403);
    const [denied] = await testApp.handle.db.select().from(auditEvents).where(eq(auditEvents.outcome, 'denied'));
    expect(denied).toMatchObject({ username: 'res', action: 'lab.create', patientResearchId: patientId });
  });

  it('answers 404 for the records of an unknown patient and 401 without a session', async () => {
    const unknown = await testApp.app.inject({
      method: 'GET',
      url: '/api/patients/R-0000000000/labs',
      headers: clinician.headers,
    });
    expect(unknown.statusCode).toBe(404);
    expect((await testApp.app.inject({ method: 'GET', url: url('labs') })).statusCode).toBe(401);
  });
});
