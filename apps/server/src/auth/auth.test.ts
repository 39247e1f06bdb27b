import { verify } from '@node-rs/argon2';
import { and, eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, sessions, users } from '../db/schema.js';
import { createFirstAdmin } from '../users/create-user.js';
import {
  cookieHeader,
  login,
  startTestApp,
  TEST_PASSWORD,
  userClient,
  type Client,
  type TestApp,
} from '../test-support/test-app.js';
import { createSession, findSession, hashSessionToken } from './session-store.js';

let testApp: TestApp;
let admin: Client;

// Five login attempts per client and account name per window in this server, to show the sixth refused.
const LOGIN_LIMIT = 5;

beforeAll(async () => {
  testApp = await startTestApp({ BONEMET_LOGIN_MAX_ATTEMPTS: String(LOGIN_LIMIT) });
  await createFirstAdmin(testApp.handle.db, 'root', TEST_PASSWORD);
  admin = await login(testApp.app, 'root', TEST_PASSWORD);
}, 60_000);
afterAll(async () => {
  await testApp.close();
});

describe('accounts', () => {
  it('stores an Argon2id hash (OWASP parameters) that verifies the password and nothing else', async () => {
    const [row] = await testApp.handle.db.select().from(users).where(eq(users.username, 'root'));
    const stored = row?.passwordHash ?? '';
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(stored).not.toContain(TEST_PASSWORD);
    expect(await verify(stored, TEST_PASSWORD)).toBe(true);
    expect(await verify(stored, `${TEST_PASSWORD}!`)).toBe(false);
  });

  it('creates the first administrator only while no account exists', async () => {
    await expect(createFirstAdmin(testApp.handle.db, 'second', TEST_PASSWORD)).rejects.toThrow(
      /accounts exist already/,
    );
  });

  it('signs in with an HttpOnly, SameSite=Strict session cookie whose token is stored only hashed', async () => {
    const response = await testApp.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'root', password: TEST_PASSWORD },
      remoteAddress: '10.0.0.1',
    });
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === 'bonemet_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Strict');
    expect(cookie?.path).toBe('/');
    expect(cookie?.secure).toBeUndefined();
    const token = cookie?.value ?? '';
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 random bytes, base64url
    const stored = await testApp.handle.db
      .select()
      .from(sessions)
      .where(eq(sessions.tokenHash, hashSessionToken(token)));
    expect(stored).toHaveLength(1);
    const all = await testApp.handle.db.select({ hash: sessions.tokenHash }).from(sessions);
    expect(all.some((row) => row.hash === token)).toBe(false);
  });

  it('answers me with the user, 401 without a session, and ends the session at logout', async () => {
    const client = await login(testApp.app, 'root', TEST_PASSWORD);
    const me = await testApp.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: client.cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json<{ user: { username: string; role: string } }>().user).toMatchObject({
      username: 'root',
      role: 'admin',
    });
    const anonymous = await testApp.app.inject({ method: 'GET', url: '/api/auth/me' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json<{ error: { code: string } }>().error.code).toBe('unauthorized');
    const logout = await testApp.app.inject({ method: 'POST', url: '/api/auth/logout', headers: client.headers });
    expect(logout.statusCode).toBe(204);
    const after = await testApp.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: client.cookie } });
    expect(after.statusCode).toBe(401);
  });

  it('refuses a state-changing request without the CSRF token, or with the token of another session', async () => {
    const payload = { username: 'csrf-user', password: TEST_PASSWORD, role: 'researcher' };
    const withoutToken = await testApp.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie: admin.cookie },
      payload,
    });
    expect(withoutToken.statusCode).toBe(403);
    expect(withoutToken.json<{ error: { code: string } }>().error.code).toBe('forbidden');
    const other = await login(testApp.app, 'root', TEST_PASSWORD);
    const foreignToken = await testApp.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie: admin.cookie, 'x-csrf-token': other.csrfToken },
      payload,
    });
    expect(foreignToken.statusCode).toBe(403);
    const rows = await testApp.handle.db.select().from(users).where(eq(users.username, 'csrf-user'));
    expect(rows).toEqual([]);
    const withToken = await testApp.app.inject({ method: 'POST', url: '/api/users', headers: admin.headers, payload });
    expect(withToken.statusCode).toBe(201);
  });

  it(`refuses the ${LOGIN_LIMIT + 1}th login attempt of a client within the window with 429`, async () => {
    const attempt = (remoteAddress: string, username = 'root'): Promise<LightMyRequestResponse> =>
      testApp.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username, password: 'wrong password!' },
        remoteAddress,
      });
    for (let i = 0; i < LOGIN_LIMIT; i += 1) expect((await attempt('10.9.9.9')).statusCode).toBe(401);
    const limited = await attempt('10.9.9.9');
    expect(limited.statusCode).toBe(429);
    expect(limited.json<{ error: { code: string } }>().error.code).toBe('rate_limited');
    // Even the right password is refused until the window ends.
    const right = await testApp.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'root', password: TEST_PASSWORD },
      remoteAddress: '10.9.9.9',
    });
    expect(right.statusCode).toBe(429);
    // Another client, or another account from the same client, is not affected.
    expect((await attempt('10.8.8.8')).statusCode).toBe(401);
    expect((await attempt('10.9.9.9', 'someone-else')).statusCode).toBe(401);
    const failures = await testApp.handle.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.ip, '10.9.9.9'), eq(auditEvents.username, 'root')));
    expect(failures.map((row) => [row.action, row.outcome, row.username])).toEqual(
      Array.from({ length: LOGIN_LIMIT }, () => ['auth.login', 'failed', 'root']),
    );
  });

  it('ends a session after the idle timeout and after its lifetime', async () => {
    const [row] = await testApp.handle.db.select().from(users).where(eq(users.username, 'root'));
    const userId = row?.id ?? '';
    const timeouts = { ttlMinutes: 60, idleMinutes: 10 };
    const start = new Date('2026-01-01T08:00:00Z');
    const minutes = (n: number): Date => new Date(start.getTime() + n * 60_000);
    const idle = await createSession(testApp.handle.db, userId, timeouts, start);
    expect(await findSession(testApp.handle.db, idle.token, timeouts, minutes(9))).toBeDefined();
    // Last seen at 9 minutes; 19:59 later is still within 10 idle minutes of it, 20 is past.
    expect(await findSession(testApp.handle.db, idle.token, timeouts, minutes(18))).toBeDefined();
    expect(await findSession(testApp.handle.db, idle.token, timeouts, minutes(29))).toBeUndefined();
    const active = await createSession(testApp.handle.db, userId, timeouts, start);
    for (const at of [9, 18, 27, 36, 45, 54]) {
      expect(await findSession(testApp.handle.db, active.token, timeouts, minutes(at))).toBeDefined();
    }
    expect(await findSession(testApp.handle.db, active.token, timeouts, minutes(60))).toBeUndefined();
  });

  it('records activity at most once a minute, so a session may end up to a minute early but never late', async () => {
    const [row] = await testApp.handle.db.select().from(users).where(eq(users.username, 'root'));
    const userId = row?.id ?? '';
    const timeouts = { ttlMinutes: 60, idleMinutes: 10 };
    const start = new Date('2026-01-02T08:00:00Z');
    const seconds = (n: number): Date => new Date(start.getTime() + n * 1000);
    const session = await createSession(testApp.handle.db, userId, timeouts, start);
    // Seen at 0:30 (less than a minute after 0:00: not written), then at 10:20: idle since the written 0:00 for
    // 10:20 > 10 minutes, so it has ended, although the unwritten 0:30 would have kept it for 9:50.
    expect(await findSession(testApp.handle.db, session.token, timeouts, seconds(30))).toBeDefined();
    expect(await findSession(testApp.handle.db, session.token, timeouts, seconds(620))).toBeUndefined();
    // Seen at 1:00 (a minute after 0:00: written), then at 10:50: idle for 9:50 since 1:00, still open.
    const other = await createSession(testApp.handle.db, userId, timeouts, start);
    expect(await findSession(testApp.handle.db, other.token, timeouts, seconds(60))).toBeDefined();
    expect(await findSession(testApp.handle.db, other.token, timeouts, seconds(650))).toBeDefined();
  });
});

describe('user management', () => {
  it('is for admins only', async () => {
    const clinician = await userClient(testApp, 'clin-users', 'clinician');
    const list = await testApp.app.inject({ method: 'GET', url: '/api/users', headers: clinician.headers });
    expect(list.statusCode).toBe(403);
    const anonymous = await testApp.app.inject({ method: 'GET', url: '/api/users' });
    expect(anonymous.statusCode).toBe(401);
  });

  it('creates, lists, disables accounts; a disabled account cannot sign in; names are unique', async () => {
    const created = await testApp.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin.headers,
      payload: { username: 'reader', password: TEST_PASSWORD, role: 'researcher' },
    });
    expect(created.statusCode).toBe(201);
    const user = created.json<{ id: string; username: string; role: string; disabled: boolean }>();
    expect(user).toMatchObject({ username: 'reader', role: 'researcher', disabled: false });
    const duplicate = await testApp.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin.headers,
      payload: { username: 'reader', password: TEST_PASSWORD, role: 'clinician' },
    });
    expect(duplicate.statusCode).toBe(409);
    const weak = await testApp.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin.headers,
      payload: { username: 'weak', password: 'short', role: 'clinician' },
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json<{ error: { issues: { path: string[] }[] } }>().error.issues.map((i) => i.path)).toEqual([
      ['password'],
    ]);
    const readerSession = await login(testApp.app, 'reader', TEST_PASSWORD);
    const disabled = await testApp.app.inject({
      method: 'PATCH',
      url: `/api/users/${user.id}`,
      headers: admin.headers,
      payload: { disabled: true },
    });
    expect(disabled.statusCode).toBe(200);
    // The open session ended, and a new sign-in is refused.
    const me = await testApp.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { cookie: readerSession.cookie },
    });
    expect(me.statusCode).toBe(401);
    await expect(login(testApp.app, 'reader', TEST_PASSWORD)).rejects.toThrow(/401/);
    const list = await testApp.app.inject({ method: 'GET', url: '/api/users', headers: admin.headers });
    expect(list.json<{ items: { username: string; disabled: boolean }[] }>().items).toContainEqual(
      expect.objectContaining({ username: 'reader', disabled: true }),
    );
  });

  it('refuses to let an admin demote themselves', async () => {
    const me = await testApp.app.inject({ method: 'GET', url: '/api/auth/me', headers: admin.headers });
    const id = me.json<{ user: { id: string } }>().user.id;
    const response = await testApp.app.inject({
      method: 'PATCH',
      url: `/api/users/${id}`,
      headers: admin.headers,
      payload: { role: 'clinician' },
    });
    expect(response.statusCode).toBe(409);
  });

  it('answers the session cookie header helper with both cookies after login', async () => {
    const response = await testApp.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'root', password: TEST_PASSWORD },
      remoteAddress: '10.0.0.2',
    });
    expect(cookieHeader(response)).toMatch(/bonemet_session=.*; bonemet_csrf=/);
  });
});
