import { eq } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requireAuth } from '../auth/access.js';
import { hashPassword, verifyPassword } from '../auth/passwords.js';
import { createSession, deleteSession } from '../auth/session-store.js';
import { recordAudit } from '../audit/record-audit.js';
import { users } from '../db/schema.js';
import { ApiError, commonErrorResponses, errorResponseSchema } from '../http/api-error.js';
import { SESSION_COOKIE, type AppContext, type ZodApp } from '../http/app-context.js';
import { roleSchema } from '../users/user-schemas.js';

const loginBodySchema = z.strictObject({
  username: z.string().min(1).max(64).describe('Login name'),
  password: z.string().min(1).max(256).describe('Password'),
});

const sessionViewSchema = z
  .strictObject({
    user: z.strictObject({
      id: z.uuid().describe('User id'),
      username: z.string().describe('Login name'),
      role: roleSchema,
    }),
    csrfToken: z.string().describe('Send this in the x-csrf-token header of every POST, PUT, PATCH and DELETE'),
  })
  .describe('The signed-in user and the CSRF token of the session');

function loginRateKey(request: FastifyRequest): string {
  const body = request.body;
  const username = typeof body === 'object' && body !== null && 'username' in body ? String(body.username) : '';
  return `${request.ip}\n${username.toLowerCase()}`;
}

/** A hash to verify against when the username does not exist, so that both failures take the same time. */
let decoyHash: Promise<string> | undefined;

export function registerAuthRoutes(app: ZodApp, context: AppContext): void {
  const { db, config } = context;
  const cookieOptions = {
    path: '/',
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: config.secureCookies,
  };
  const csrfFor = (reply: FastifyReply, sessionId: string): string => reply.generateCsrf({ userInfo: sessionId });

  app.post(
    '/api/auth/login',
    {
      // No session exists yet, so no session-bound CSRF token either; a cross-site form cannot send the
      // application/json body this route requires (other content types are refused with 415).
      config: {
        csrf: false,
        // Counted per client address and account name after validation: guessing one account's password
        // is slowed down, while many colleagues signing in from one hospital address are not.
        rateLimit: {
          max: config.loginMaxAttempts,
          timeWindow: config.loginWindowSeconds * 1000,
          hook: 'preHandler',
          keyGenerator: loginRateKey,
        },
      },
      schema: {
        summary: 'Sign in; sets the session cookie',
        tags: ['auth'],
        body: loginBodySchema,
        response: {
          200: sessionViewSchema,
          400: errorResponseSchema,
          401: errorResponseSchema,
          429: errorResponseSchema,
        },
      },
    },
    async (request, reply) => {
      const { username, password } = request.body;
      const [user] = await db.select().from(users).where(eq(users.username, username));
      decoyHash ??= hashPassword('decoy password for unknown users');
      const valid = await verifyPassword(user?.passwordHash ?? (await decoyHash), password);
      if (user === undefined || !valid || user.disabled) {
        await recordAudit(db, request, { action: 'auth.login', resourceType: 'session', outcome: 'failed', username });
        throw new ApiError(401, 'unauthorized', 'wrong username or password, or the account is disabled');
      }
      const session = await createSession(db, user.id, {
        ttlMinutes: config.sessionTtlMinutes,
        idleMinutes: config.sessionIdleMinutes,
      });
      request.auth = { sessionId: session.sessionId, userId: user.id, username: user.username, role: user.role };
      await recordAudit(db, request, {
        action: 'auth.login',
        resourceType: 'session',
        resourceId: session.sessionId,
        outcome: 'success',
      });
      void reply.setCookie(SESSION_COOKIE, session.token, { ...cookieOptions, expires: session.expiresAt });
      return {
        user: { id: user.id, username: user.username, role: user.role },
        csrfToken: csrfFor(reply, session.sessionId),
      };
    },
  );

  app.post(
    '/api/auth/logout',
    {
      schema: {
        summary: 'Sign out; ends the session',
        tags: ['auth'],
        response: { 204: z.null().describe('Signed out'), ...commonErrorResponses },
      },
    },
    async (request, reply) => {
      const auth = requireAuth(request);
      await deleteSession(db, auth.sessionId);
      await recordAudit(db, request, {
        action: 'auth.logout',
        resourceType: 'session',
        resourceId: auth.sessionId,
        outcome: 'success',
      });
      void reply.clearCookie(SESSION_COOKIE, cookieOptions);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/auth/me',
    {
      schema: {
        summary: 'The signed-in user and the CSRF token of the session',
        tags: ['auth'],
        response: { 200: sessionViewSchema, ...commonErrorResponses },
      },
    },
    (request, reply) => {
      const auth = requireAuth(request);
      return {
        user: { id: auth.userId, username: auth.username, role: auth.role },
        csrfToken: csrfFor(reply, auth.sessionId),
      };
    },
  );
}
