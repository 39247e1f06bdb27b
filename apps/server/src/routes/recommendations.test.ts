import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { patients } from '../db/schema.js';
import { seedDemoCohort } from '../seed/demo-cohort.js';
import { startTestApp, userClient, type Client, type TestApp } from '../test-support/test-app.js';

let testApp: TestApp;
let clinician: Client;
let researcher: Client;

beforeAll(async () => {
  testApp = await startTestApp();
  await seedDemoCohort(testApp.handle.db);
  clinician = await userClient(testApp, 'clin', 'clinician');
  researcher = await userClient(testApp, 'res', 'researcher');
}, 60_000);
afterAll(async () => {
  await testApp.close();
});

/** The research id and date shift of a seeded example, by its MRN (SYN-MRN-<file order, 001-007>). */
async function seeded(mrn: string): Promise<{ id: string; shiftDays: number }> {
  const [row] = await testApp.handle.db.select().from(patients).where(eq(patients.mrn, mrn));
  if (row === undefined) throw new Error(`no ${mrn}`);
  return { id: row.researchId, shiftDays: row.dateShiftDays };
}

/** YYYY-MM-DD plus days (UTC calendar arithmetic, as the de-identification rule states). */
function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

interface StoredReport {
  assessmentDate: string;
  report: { assessmentDate: string; patientId: string; alerts: { strength: string }[] };
}

describe('GET /api/patients/:id/recommendations', () => {
  // examples/spinal-cord-compression.json (6th file, SYN-MRN-006): assessment 2026-10-12, motor deficit
  // with ESCC grade 3, an emergency with urgent alerts.
  it('gives clinicians the stored report as it was assessed', async () => {
    const { id } = await seeded('SYN-MRN-006');
    const response = await testApp.app.inject({
      method: 'GET',
      url: `/api/patients/${id}/recommendations`,
      headers: { cookie: clinician.cookie },
    });
    expect(response.statusCode).toBe(200);
    const [item] = response.json<{ items: StoredReport[] }>().items;
    expect(item?.assessmentDate).toBe('2026-10-12');
    expect(item?.report.assessmentDate).toBe('2026-10-12');
    expect(item?.report.alerts.some((alert) => alert.strength === 'urgent')).toBe(true);
  });

  it('shifts every date for researchers and replaces the patient id by the pseudonym', async () => {
    const { id, shiftDays } = await seeded('SYN-MRN-006');
    const response = await testApp.app.inject({
      method: 'GET',
      url: `/api/patients/${id}/recommendations`,
      headers: { cookie: researcher.cookie },
    });
    expect(response.statusCode).toBe(200);
    const [item] = response.json<{ items: StoredReport[] }>().items;
    expect(item?.assessmentDate).toBe(addDays('2026-10-12', shiftDays));
    expect(item?.report.assessmentDate).toBe(addDays('2026-10-12', shiftDays));
    expect(item?.report.patientId).toBe(id);
    expect(response.body).not.toContain('2026-10-12');
    expect(response.body).not.toContain('SYN-002');
  });

  it('answers 401 without a session and 404 for an unknown patient', async () => {
    const { id } = await seeded('SYN-MRN-006');
    const anonymous = await testApp.app.inject({ method: 'GET', url: `/api/patients/${id}/recommendations` });
    expect(anonymous.statusCode).toBe(401);
    const unknown = await testApp.app.inject({
      method: 'GET',
      url: '/api/patients/R-0000000000/recommendations',
      headers: { cookie: clinician.cookie },
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json<{ error: { code: string } }>().error.code).toBe('not_found');
  });
});

describe('GET /api/recommendations/alerts', () => {
  it('counts the urgent alerts of each patient: some for cord compression, none for uncomplicated pain', async () => {
    const response = await testApp.app.inject({
      method: 'GET',
      url: '/api/recommendations/alerts',
      headers: { cookie: researcher.cookie },
    });
    expect(response.statusCode).toBe(200);
    const items = response.json<{ items: { patientId: string; urgentAlerts: number }[] }>().items;
    // One stored report per example: 7 files in examples/.
    expect(items).toHaveLength(7);
    const count = (researchId: string): number | undefined =>
      items.find((item) => item.patientId === researchId)?.urgentAlerts;
    expect(count((await seeded('SYN-MRN-006')).id)).toBeGreaterThan(0);
    // examples/painful-uncomplicated.json (SYN-MRN-005): uncomplicated painful metastasis, no emergency.
    expect(count((await seeded('SYN-MRN-005')).id)).toBe(0);
  });
});
