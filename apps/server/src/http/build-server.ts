import type { Writable } from 'node:stream';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrfProtection from '@fastify/csrf-protection';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { findSession } from '../auth/session-store.js';
import type { ServerConfig } from '../config.js';
import type { Database } from '../db/open-database.js';
import { registerAuditRoutes } from '../routes/audit-routes.js';
import { registerAuthRoutes } from '../routes/auth-routes.js';
import { registerHealthRoutes } from '../routes/health-routes.js';
import { registerPatientRoutes } from '../routes/patient-routes.js';
import { registerRecordRoutes } from '../routes/record-routes.js';
import { registerStudyScope } from '../routes/study-routes.js';
import { registerJobRoutes } from '../routes/job-routes.js';
import { registerRecommendationRoutes } from '../routes/recommendation-routes.js';
import { registerAnalysisRoutes } from '../routes/analysis-routes.js';
import { removeOrphanedAnalysisImages } from '../analyses/remove-orphaned-images.js';
import { createJobDispatcher } from '../jobs/create-job-dispatcher.js';
import type { JobDispatcher } from '../jobs/in-process-runner.js';
import { registerUserRoutes } from '../routes/user-routes.js';
import { SESSION_COOKIE, type AppContext } from './app-context.js';
import { handleError } from './error-handler.js';
import { validatorCompiler } from './validator-compiler.js';
import { registerWebStatic } from './web-static.js';
import './fastify-types.js';

export interface ServerDependencies {
  readonly db: Database;
  /** Where log lines go (JSON, one per line); standard output when absent. */
  readonly logStream?: Writable;
  /** Server version shown by /api/health and in the OpenAPI document. */
  readonly version?: string;
  /** Where jobs go; by default the BullMQ queue (REDIS_URL) or an in-process runner (closed with the server). */
  readonly jobs?: JobDispatcher;
}

const SERVER_VERSION = '0.1.0';
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Log lines carry method, path and status only: no query strings (searches by name or MRN), no bodies, no
 * headers or cookies. Patient paths hold the random research pseudonym, never an MRN.
 */
const logSerializers = {
  req: (request: FastifyRequest): Record<string, unknown> => ({
    method: request.method,
    path: request.url.split('?')[0],
    requestId: request.id,
  }),
  res: (reply: { statusCode: number }): Record<string, unknown> => ({ statusCode: reply.statusCode }),
};

/** Builds the HTTP application (not listening); `main.ts` starts it. */
export async function buildServer(config: ServerConfig, deps: ServerDependencies): Promise<FastifyInstance> {
  const app = Fastify({
    logger: {
      level: config.logLevel,
      serializers: logSerializers,
      ...(deps.logStream === undefined ? {} : { stream: deps.logStream }),
    },
    bodyLimit: config.bodyLimitBytes,
    trustProxy: false,
  }).withTypeProvider<ZodTypeProvider>();

  // JSON only: a cross-site HTML form can send text/plain, urlencoded or multipart, never application/json.
  app.removeContentTypeParser('text/plain');
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  app.setNotFoundHandler((request, reply) => {
    void reply.status(404).send({
      error: {
        code: 'not_found',
        message: `no route ${request.method} ${request.url.split('?')[0] ?? ''}`,
        issues: [],
      },
    });
  });

  const jobs = deps.jobs ?? createJobDispatcher({ db: deps.db, config });
  if (deps.jobs === undefined) app.addHook('onClose', () => jobs.close());
  const context: AppContext = { db: deps.db, config, jobs };

  await app.register(fastifyHelmet, {
    // A strict policy: everything from this origin only, no inline script or style, no framing.
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(config.secureCookies ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    strictTransportSecurity: config.secureCookies,
    referrerPolicy: { policy: 'no-referrer' },
  });
  await app.register(fastifyCookie);
  await app.register(fastifyCsrfProtection, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: 'bonemet_csrf',
    cookieOpts: { path: '/', sameSite: 'strict', httpOnly: true, secure: config.secureCookies },
    csrfOpts: { hmacKey: config.sessionSecret, userInfo: true },
    getUserInfo: (request) => request.auth?.sessionId ?? '',
    getToken: (request) => {
      const token = request.headers['x-csrf-token'];
      return typeof token === 'string' ? token : undefined;
    },
  });
  await app.register(fastifyRateLimit, { global: false });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'bonemet server',
        description:
          'HTTP API of bonemet: patients and their clinical records, accounts and audit. Research use, not a medical device.',
        version: deps.version ?? SERVER_VERSION,
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });

  app.decorateRequest('auth', null);
  // Who is asking: the session cookie, checked against expiry and idle timeout.
  app.addHook('onRequest', async (request) => {
    const token = request.cookies[SESSION_COOKIE];
    request.auth =
      token === undefined || token === ''
        ? null
        : ((await findSession(deps.db, token, {
            ttlMinutes: config.sessionTtlMinutes,
            idleMinutes: config.sessionIdleMinutes,
          })) ?? null);
  });
  // CSRF: every state-changing request of a session carries the token bound to that session.
  app.addHook('onRequest', (request, reply, done) => {
    if (!STATE_CHANGING.has(request.method) || request.auth === null || request.routeOptions.config.csrf === false) {
      done();
      return;
    }
    app.csrfProtection(request, reply, done);
  });

  app.get('/api/openapi.json', { schema: { hide: true } }, () => app.swagger());
  registerHealthRoutes(app, context, deps.version ?? SERVER_VERSION);
  registerAuthRoutes(app, context);
  registerUserRoutes(app, context);
  registerAuditRoutes(app, context);
  registerPatientRoutes(app, context);
  registerRecordRoutes(app, context);
  await registerStudyScope(app, context);
  registerJobRoutes(app, context);
  registerRecommendationRoutes(app, context);
  registerAnalysisRoutes(app, context);
  await registerWebStatic(app);
  // Image folders of results deleted since (the database cascade cannot reach files) and staging folders of
  // jobs whose process died: removed once at start.
  app.addHook('onReady', async () => {
    await removeOrphanedAnalysisImages(deps.db, config.dataDir);
  });
  await app.ready();
  return app;
}
