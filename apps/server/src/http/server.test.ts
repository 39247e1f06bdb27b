import { RESEARCH_USE_DISCLAIMER } from '@bonemet/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, userClient, type Client, type TestApp } from '../test-support/test-app.js';

let testApp: TestApp;
let clinician: Client;

beforeAll(async () => {
  testApp = await startTestApp({ BONEMET_BODY_LIMIT_BYTES: '2048' });
  clinician = await userClient(testApp, 'clin', 'clinician');
}, 60_000);
afterAll(async () => {
  await testApp.close();
});

describe('HTTP foundation', () => {
  it('answers the health check without a session', async () => {
    const response = await testApp.app.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', version: '0.1.0', disclaimer: RESEARCH_USE_DISCLAIMER });
  });

  it('serves an OpenAPI 3 document with the routes and their schemas', async () => {
    const response = await testApp.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    const document = response.json<{
      openapi: string;
      paths: Record<
        string,
        Record<
          string,
          { requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown> } }> } }
        >
      >;
    }>();
    expect(document.openapi).toMatch(/^3\./);
    for (const path of [
      '/api/health',
      '/api/auth/login',
      '/api/auth/me',
      '/api/users',
      '/api/audit',
      '/api/patients',
      '/api/patients/{patientId}',
      '/api/patients/{patientId}/treatments',
      '/api/patients/{patientId}/skeletal-events/{recordId}',
      '/api/patients/{patientId}/labs',
      '/api/patients/{patientId}/pain-scores',
    ]) {
      expect(Object.keys(document.paths)).toContain(path);
    }
    const createPatient = document.paths['/api/patients']?.post?.requestBody?.content['application/json']?.schema;
    expect(Object.keys(createPatient?.properties ?? {}).sort()).toEqual(
      ['birthDate', 'familyName', 'givenName', 'mrn', 'sex', 'synthetic'].sort(),
    );
  });

  it('sends a strict Content-Security-Policy and the other security headers', async () => {
    const response = await testApp.app.inject({ method: 'GET', url: '/api/health' });
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
  });

  it('answers an unknown route with a typed 404', async () => {
    const response = await testApp.app.inject({ method: 'GET', url: '/api/nothing-here?mrn=123' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({
      error: { code: 'not_found', message: 'no route GET /api/nothing-here', issues: [] },
    });
  });

  it('refuses malformed JSON, a wrong content type and an oversize body with typed errors', async () => {
    const headers = { ...clinician.headers, 'content-type': 'application/json' };
    const malformed = await testApp.app.inject({ method: 'POST', url: '/api/patients', headers, payload: '{"mrn": ' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json<{ error: { code: string } }>().error.code).toBe('malformed_input');
    const text = await testApp.app.inject({
      method: 'POST',
      url: '/api/patients',
      headers: { ...clinician.headers, 'content-type': 'text/plain' },
      payload: 'mrn=1',
    });
    expect(text.statusCode).toBe(415);
    expect(text.json<{ error: { code: string } }>().error.code).toBe('unsupported_media_type');
    // The limit is 2048 bytes in this test server.
    const big = await testApp.app.inject({
      method: 'POST',
      url: '/api/patients',
      headers,
      payload: JSON.stringify({ mrn: 'x'.repeat(3000) }),
    });
    expect(big.statusCode).toBe(413);
    expect(big.json()).toEqual({
      error: { code: 'payload_too_large', message: 'request body is larger than the server accepts', issues: [] },
    });
  });

  it('answers a body that breaks the schema with 400 and every issue by path, without a stack', async () => {
    const response = await testApp.app.inject({
      method: 'POST',
      url: '/api/patients',
      headers: clinician.headers,
      payload: { mrn: 'M 1', familyName: 'Doe', sex: 'f', birthDate: '1961-02-30', synthetic: true, nickname: 'J' },
    });
    expect(response.statusCode).toBe(400);
    const body = response.json<{ error: { code: string; message: string; issues: { path: string[] }[] } }>();
    expect(body.error.code).toBe('invalid_input');
    expect(body.error.message).toBe('invalid request body: 5 problems');
    expect(body.error.issues.map((issue) => issue.path.join('.')).sort()).toEqual([
      'birthDate',
      'givenName',
      'mrn',
      'nickname',
      'sex',
    ]);
    expect(response.body).not.toMatch(/\bat .*\.ts:\d+/);
  });
});
