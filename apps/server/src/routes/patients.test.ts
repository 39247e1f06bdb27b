import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, patients } from '../db/schema.js';
import { startTestApp, userClient, type Client, type TestApp } from '../test-support/test-app.js';

let testApp: TestApp;
let clinician: Client;
let researcher: Client;
let admin: Client;

const jane = {
  mrn: 'MRN-884211',
  familyName: 'Quillfeather',
  givenName: 'Jane',
  sex: 'female',
  birthDate: '1961-07-04',
  synthetic: true,
} as const;

beforeAll(async () => {
  testApp = await startTestApp();
  clinician = await userClient(testApp, 'clin', 'clinician');
  researcher = await userClient(testApp, 'res', 'researcher');
  admin = await userClient(testApp, 'adm', 'admin');
}, 60_000);
afterAll(async () => {
  await testApp.close();
});

async function auditRowsAfter(id: number): Promise<(typeof auditEvents.$inferSelect)[]> {
  const rows = await testApp.handle.db.select().from(auditEvents).orderBy(asc(auditEvents.id));
  return rows.filter((row) => row.id > id);
}

async function lastAuditId(): Promise<number> {
  const rows = await testApp.handle.db.select({ id: auditEvents.id }).from(auditEvents);
  return Math.max(0, ...rows.map((row) => row.id));
}

async function createPatient(body: Record<string, unknown>): Promise<{ id: string }> {
  const response = await testApp.app.inject({
    method: 'POST',
    url: '/api/patients',
    headers: clinician.headers,
    payload: body,
  });
  expect(response.statusCode).toBe(201);
  return response.json<{ id: string }>();
}

describe('patients', () => {
  let janeId = '';

  it('creates a patient with a random research id and audits who created it, when and from where', async () => {
    const before = await lastAuditId();
    const response = await testApp.app.inject({
      method: 'POST',
      url: '/api/patients',
      headers: clinician.headers,
      payload: jane,
      remoteAddress: '192.0.2.7',
    });
    expect(response.statusCode).toBe(201);
    const created = response.json<{ id: string; mrn: string; createdAt: string }>();
    expect(created).toMatchObject({ ...jane });
    expect(created.id).toMatch(/^R-[0-9A-HJKMNP-TV-Z]{10}$/);
    expect(created.id).not.toContain('884211');
    janeId = created.id;
    const rows = await auditRowsAfter(before);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      username: 'clin',
      role: 'clinician',
      action: 'patient.create',
      resourceType: 'patient',
      patientResearchId: janeId,
      ip: '192.0.2.7',
      outcome: 'success',
    });
    const occurred = rows[0]?.occurredAt.getTime() ?? 0;
    expect(Math.abs(occurred - Date.now())).toBeLessThan(60_000);
  });

  it('refuses a second patient with the same MRN with 409', async () => {
    const response = await testApp.app.inject({
      method: 'POST',
      url: '/api/patients',
      headers: clinician.headers,
      payload: { ...jane, givenName: 'Other' },
    });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toEqual({
      error: {
        code: 'conflict',
        message: 'a patient with this MRN exists already',
        issues: [{ path: ['mrn'], message: 'MRN MRN-884211 is already in use' }],
      },
    });
  });

  it('shows the identified patient to a clinician and writes one audit row for the read', async () => {
    const before = await lastAuditId();
    const response = await testApp.app.inject({
      method: 'GET',
      url: `/api/patients/${janeId}`,
      headers: clinician.headers,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ id: janeId, ...jane });
    const rows = await auditRowsAfter(before);
    expect(rows.map((row) => [row.username, row.action, row.patientResearchId, row.outcome])).toEqual([
      ['clin', 'patient.read', janeId, 'success'],
    ]);
  });

  it('shows a researcher no name, MRN or birth date, but the age in whole years', async () => {
    const response = await testApp.app.inject({
      method: 'GET',
      url: `/api/patients/${janeId}`,
      headers: researcher.headers,
    });
    expect(response.statusCode).toBe(200);
    // Born 1961-07-04: the age today by hand.
    const today = new Date();
    const birthdayPassed = today.getUTCMonth() > 6 || (today.getUTCMonth() === 6 && today.getUTCDate() >= 4);
    const age = today.getUTCFullYear() - 1961 - (birthdayPassed ? 0 : 1);
    expect(response.json()).toEqual({ id: janeId, sex: 'female', synthetic: true, ageYears: age });
    for (const secret of ['Quillfeather', 'Jane', '884211', '1961']) expect(response.body).not.toContain(secret);
  });

  it('caps the age of the very old at 90', async () => {
    const old = await createPatient({ ...jane, mrn: 'MRN-OLD', birthDate: '1920-01-01' });
    const response = await testApp.app.inject({
      method: 'GET',
      url: `/api/patients/${old.id}`,
      headers: researcher.headers,
    });
    expect(response.json<{ ageYears: number }>().ageYears).toBe(90);
  });

  it('lists and searches by name or MRN for clinicians, with paging and one audit row per patient shown', async () => {
    await createPatient({ mrn: 'MRN-100', familyName: 'Abbott', givenName: 'Ann', sex: 'female', synthetic: false });
    await createPatient({ mrn: 'MRN-101', familyName: 'Zeller', givenName: 'Quill', sex: 'male', synthetic: false });
    const byName = await testApp.app.inject({
      method: 'GET',
      url: '/api/patients?q=quill',
      headers: clinician.headers,
    });
    const names = byName.json<{ items: { familyName: string }[]; total: number }>();
    // "quill" is in Quillfeather (twice: Jane and the old patient) and in the given name Quill.
    expect(names.items.map((p) => p.familyName)).toEqual(['Quillfeather', 'Quillfeather', 'Zeller']);
    expect(names.total).toBe(3);
    const byMrn = await testApp.app.inject({
      method: 'GET',
      url: '/api/patients?q=MRN-10',
      headers: clinician.headers,
    });
    expect(byMrn.json<{ items: { mrn: string }[] }>().items.map((p) => p.mrn)).toEqual(['MRN-100', 'MRN-101']);
    // A wildcard in the search is literal.
    const wildcard = await testApp.app.inject({
      method: 'GET',
      url: '/api/patients?q=%25',
      headers: clinician.headers,
    });
    expect(wildcard.json<{ total: number }>().total).toBe(0);
    const before = await lastAuditId();
    const page = await testApp.app.inject({
      method: 'GET',
      url: '/api/patients?limit=2&offset=1',
      headers: clinician.headers,
    });
    const body = page.json<{
      items: { familyName: string; id: string }[];
      total: number;
      limit: number;
      offset: number;
    }>();
    // Ordered by family name: Abbott, Quillfeather, Quillfeather, Zeller; the page skips one and shows two.
    expect(body.items.map((p) => p.familyName)).toEqual(['Quillfeather', 'Quillfeather']);
    expect([body.total, body.limit, body.offset]).toEqual([4, 2, 1]);
    const rows = await auditRowsAfter(before);
    expect(rows.map((row) => [row.action, row.patientResearchId])).toEqual(
      body.items.map((p) => ['patient.list', p.id]),
    );
  });

  it('lists de-identified patients for researchers and refuses them the search by name', async () => {
    const list = await testApp.app.inject({ method: 'GET', url: '/api/patients', headers: researcher.headers });
    expect(list.statusCode).toBe(200);
    const items = list.json<{ items: Record<string, unknown>[] }>().items;
    expect(items).toHaveLength(4);
    for (const item of items)
      expect(Object.keys(item).sort()).toEqual(
        ['ageYears', 'alertCount', 'id', 'responseStatus', 'sex', 'synthetic'].filter((k) => k in item),
      );
    for (const secret of ['Quillfeather', 'Abbott', 'Zeller', 'MRN-']) expect(list.body).not.toContain(secret);
    const ids = items.map((item) => String(item.id));
    expect(ids).toEqual([...ids].sort());
    const search = await testApp.app.inject({
      method: 'GET',
      url: '/api/patients?q=Abbott',
      headers: researcher.headers,
    });
    expect(search.statusCode).toBe(403);
  });

  it('updates a patient for clinicians; refuses researchers with 403 and an audit row of the denial', async () => {
    const update = await testApp.app.inject({
      method: 'PATCH',
      url: `/api/patients/${janeId}`,
      headers: clinician.headers,
      payload: { givenName: 'Janet' },
    });
    expect(update.statusCode).toBe(200);
    expect(update.json()).toMatchObject({ givenName: 'Janet', familyName: 'Quillfeather' });
    const before = await lastAuditId();
    const denied = await testApp.app.inject({
      method: 'PATCH',
      url: `/api/patients/${janeId}`,
      headers: researcher.headers,
      payload: { givenName: 'Mallory' },
    });
    expect(denied.statusCode).toBe(403);
    expect(denied.json<{ error: { code: string } }>().error.code).toBe('forbidden');
    const rows = await auditRowsAfter(before);
    expect(rows.map((row) => [row.username, row.action, row.patientResearchId, row.outcome])).toEqual([
      ['res', 'patient.update', janeId, 'denied'],
    ]);
    const [stored] = await testApp.handle.db.select().from(patients).where(eq(patients.researchId, janeId));
    expect(stored?.givenName).toBe('Janet');
    const create = await testApp.app.inject({
      method: 'POST',
      url: '/api/patients',
      headers: researcher.headers,
      payload: jane,
    });
    expect(create.statusCode).toBe(403);
    const empty = await testApp.app.inject({
      method: 'PATCH',
      url: `/api/patients/${janeId}`,
      headers: clinician.headers,
      payload: {},
    });
    expect(empty.statusCode).toBe(400);
  });

  it('answers 401 to anonymous requests and 404 to an unknown or malformed patient id', async () => {
    expect((await testApp.app.inject({ method: 'GET', url: `/api/patients/${janeId}` })).statusCode).toBe(401);
    expect((await testApp.app.inject({ method: 'GET', url: '/api/patients' })).statusCode).toBe(401);
    const unknown = await testApp.app.inject({
      method: 'GET',
      url: '/api/patients/R-0000000000',
      headers: clinician.headers,
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json<{ error: { code: string } }>().error.code).toBe('not_found');
    const malformed = await testApp.app.inject({
      method: 'GET',
      url: '/api/patients/12345',
      headers: clinician.headers,
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json<{ error: { issues: { path: string[] }[] } }>().error.issues[0]?.path).toEqual(['patientId']);
  });

  it('lets admins read the audit log with filters and paging, and nobody else', async () => {
    const filtered = await testApp.app.inject({
      method: 'GET',
      url: `/api/audit?patientId=${janeId}&action=patient.read&limit=10`,
      headers: admin.headers,
    });
    expect(filtered.statusCode).toBe(200);
    const body = filtered.json<{
      items: { action: string; patientId: string; username: string; ip: string }[];
      total: number;
    }>();
    expect(body.items.length).toBeGreaterThanOrEqual(2);
    expect(body.total).toBe(body.items.length);
    for (const item of body.items) expect([item.action, item.patientId]).toEqual(['patient.read', janeId]);
    expect(body.items.map((item) => item.username)).toContain('res');
    const denied = await testApp.app.inject({
      method: 'GET',
      url: '/api/audit?outcome=denied',
      headers: admin.headers,
    });
    expect(denied.json<{ items: { username: string; action: string }[] }>().items).toContainEqual(
      expect.objectContaining({ username: 'res', action: 'patient.update' }),
    );
    const paged = await testApp.app.inject({
      method: 'GET',
      url: '/api/audit?limit=1&offset=0',
      headers: admin.headers,
    });
    expect(paged.json<{ items: unknown[] }>().items).toHaveLength(1);
    for (const client of [clinician, researcher]) {
      expect((await testApp.app.inject({ method: 'GET', url: '/api/audit', headers: client.headers })).statusCode).toBe(
        403,
      );
    }
  });

  it('keeps names, MRNs and searches out of the log', async () => {
    testApp.logLines.length = 0;
    await testApp.app.inject({ method: 'GET', url: '/api/patients?q=Quillfeather', headers: clinician.headers });
    await testApp.app.inject({ method: 'GET', url: `/api/patients/${janeId}`, headers: clinician.headers });
    await testApp.app.inject({
      method: 'POST',
      url: '/api/patients',
      headers: clinician.headers,
      payload: { ...jane, mrn: 'MRN-LOG-77', familyName: 'Loggerhead' },
    });
    await testApp.app.inject({
      method: 'POST',
      url: '/api/patients',
      headers: clinician.headers,
      payload: { ...jane, mrn: 'MRN-LOG-77', familyName: 'Loggerhead' },
    });
    const log = testApp.logLines.join('\n');
    expect(testApp.logLines.length).toBeGreaterThanOrEqual(8); // request and response lines of four requests
    expect(log).toContain(`/api/patients/${janeId}`);
    for (const secret of ['Quillfeather', 'Loggerhead', 'MRN-LOG-77', '884211', '1961-07-04', 'Janet']) {
      expect(log).not.toContain(secret);
    }
  });
});
