import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../http/api-error.js';
import type { Role } from '../db/schema.js';
import type { AuthContext } from './session-store.js';

/** Who may do what. Admins have the clinicians' access as well as user management and the audit log. */
export const ACCESS = {
  /** Read patient data (researchers get the de-identified view). */
  readPatients: ['admin', 'clinician', 'researcher'],
  /** Identified data: names, MRN, date of birth, real dates, search by name or MRN; and every write. */
  identifiedPatients: ['admin', 'clinician'],
  admin: ['admin'],
} as const satisfies Record<string, readonly Role[]>;

/** Called when a signed-in user is refused, before the 403 is sent (to audit the attempt). */
export type DeniedCallback = (request: FastifyRequest) => Promise<void>;

/** The signed-in user or a 401. */
export function requireAuth(request: FastifyRequest): AuthContext {
  if (request.auth === null) throw new ApiError(401, 'unauthorized', 'sign in first: POST /api/auth/login');
  return request.auth;
}

/** An onRequest hook: 401 without a session, 403 (after `onDenied`) for a role not in `roles`. */
export function requireRoles(
  roles: readonly Role[],
  onDenied?: DeniedCallback,
): (request: FastifyRequest, reply: FastifyReply) => Promise<void> {
  return async (request) => {
    const auth = requireAuth(request);
    if (roles.includes(auth.role)) return;
    if (onDenied !== undefined) await onDenied(request);
    throw new ApiError(403, 'forbidden', `the ${auth.role} role may not do this (allowed: ${roles.join(', ')})`);
  };
}

export function hasIdentifiedAccess(auth: AuthContext): boolean {
  return (ACCESS.identifiedPatients as readonly Role[]).includes(auth.role);
}
