import type { FastifyRequest } from 'fastify';
import type { Database } from '../db/open-database.js';
import { auditEvents, type AuditOutcome } from '../db/schema.js';

/** One audited action: what was done to which resource (and patient, by pseudonym), and how it ended. */
export interface AuditEntry {
  readonly action: string;
  readonly resourceType: string;
  readonly resourceId?: string | undefined;
  readonly patientResearchIds?: readonly string[];
  readonly outcome: AuditOutcome;
  /** For actions without a session (a failed login): the name that was tried. */
  readonly username?: string;
}

/**
 * Writes audit rows for a request: who (the session's user), when (the database clock), from where (the
 * client address as Fastify resolves it) and the outcome; one row per patient when several were touched.
 */
export async function recordAudit(db: Database, request: FastifyRequest, entry: AuditEntry): Promise<void> {
  const who = request.auth;
  const base = {
    userId: who?.userId ?? null,
    username: who?.username ?? entry.username ?? null,
    role: who?.role ?? null,
    action: entry.action,
    resourceType: entry.resourceType,
    resourceId: entry.resourceId ?? null,
    ip: request.ip,
    outcome: entry.outcome,
  };
  const patients = entry.patientResearchIds ?? [];
  const rows =
    patients.length === 0
      ? [{ ...base, patientResearchId: null }]
      : patients.map((patientResearchId) => ({ ...base, patientResearchId }));
  await db.insert(auditEvents).values(rows);
}
