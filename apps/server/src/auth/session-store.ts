import { createHash, randomBytes } from 'node:crypto';
import { eq, lt, or } from 'drizzle-orm';
import type { Database } from '../db/open-database.js';
import { sessions, users, type Role } from '../db/schema.js';

/** The signed-in user of a request. */
export interface AuthContext {
  readonly sessionId: string;
  readonly userId: string;
  readonly username: string;
  readonly role: Role;
}

export interface SessionTimeouts {
  readonly ttlMinutes: number;
  readonly idleMinutes: number;
}

const MINUTE_MS = 60_000;

/** SHA-256 of a session token, hex: the only form in which tokens are stored. */
export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Starts a session: returns the random token for the cookie (256 bits) and the session id. */
export async function createSession(
  db: Database,
  userId: string,
  timeouts: SessionTimeouts,
  now: Date = new Date(),
): Promise<{ token: string; sessionId: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + timeouts.ttlMinutes * MINUTE_MS);
  const [row] = await db
    .insert(sessions)
    .values({ tokenHash: hashSessionToken(token), userId, createdAt: now, lastSeenAt: now, expiresAt })
    .returning({ id: sessions.id });
  if (row === undefined) throw new Error('session insert returned no row');
  return { token, sessionId: row.id, expiresAt };
}

/**
 * The session of a token if it is neither expired nor idle for longer than the idle timeout, and its user is
 * not disabled; records the activity. Expired or idle sessions are deleted.
 */
/** How often a session's activity is written: at most once per this interval. */
export const LAST_SEEN_RESOLUTION_MS = MINUTE_MS;

export async function findSession(
  db: Database,
  token: string,
  timeouts: SessionTimeouts,
  now: Date = new Date(),
): Promise<AuthContext | undefined> {
  const tokenHash = hashSessionToken(token);
  const [row] = await db
    .select({
      sessionId: sessions.id,
      expiresAt: sessions.expiresAt,
      lastSeenAt: sessions.lastSeenAt,
      userId: users.id,
      username: users.username,
      role: users.role,
      disabled: users.disabled,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.tokenHash, tokenHash));
  if (row === undefined) return undefined;
  const idleLimit = new Date(now.getTime() - timeouts.idleMinutes * MINUTE_MS);
  if (row.expiresAt <= now || row.lastSeenAt < idleLimit || row.disabled) {
    await db.delete(sessions).where(eq(sessions.id, row.sessionId));
    return undefined;
  }
  // Activity is recorded at most once a minute: a write on every request would double the database round trips
  // of each page load; the idle timeout is thereby exact to within that minute (a session may end up to a
  // minute early, never late).
  if (now.getTime() - row.lastSeenAt.getTime() >= LAST_SEEN_RESOLUTION_MS) {
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, row.sessionId));
  }
  return { sessionId: row.sessionId, userId: row.userId, username: row.username, role: row.role };
}

export async function deleteSession(db: Database, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

/** Ends every session of a user (after a password or role change, or when the account is disabled). */
export async function deleteUserSessions(db: Database, userId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}

/** Removes expired and idle sessions; returns how many. */
export async function purgeSessions(db: Database, timeouts: SessionTimeouts, now: Date = new Date()): Promise<number> {
  const idleLimit = new Date(now.getTime() - timeouts.idleMinutes * MINUTE_MS);
  const removed = await db
    .delete(sessions)
    .where(or(lt(sessions.expiresAt, now), lt(sessions.lastSeenAt, idleLimit)))
    .returning({ id: sessions.id });
  return removed.length;
}
