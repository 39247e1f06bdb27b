import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ServerConfig } from '../config.js';
import type { Database } from '../db/open-database.js';
import type { JobDispatcher } from '../jobs/in-process-runner.js';

/** What route handlers share. */
export interface AppContext {
  readonly db: Database;
  readonly config: ServerConfig;
  /** Where jobs are sent: the in-process runner, or BullMQ queues. */
  readonly jobs: JobDispatcher;
}

/** The Fastify instance with the zod type provider, as route modules receive it. */
export type ZodApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** Name of the session cookie (HttpOnly, SameSite=Strict, Secure when configured). */
export const SESSION_COOKIE = 'bonemet_session';
