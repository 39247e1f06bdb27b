import type { AuthContext } from '../auth/session-store.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in user, or null for an anonymous request. */
    auth: AuthContext | null;
  }
  interface FastifyContextConfig {
    /** False for the few state-changing routes that run without a session (login). */
    csrf?: boolean;
  }
}
