import { BonemetError } from '@bonemet/core';
import { count } from 'drizzle-orm';
import { ApiError } from '../http/api-error.js';
import { hashPassword } from '../auth/passwords.js';
import type { Database } from '../db/open-database.js';
import { users, type Role } from '../db/schema.js';
import { isUniqueViolation } from '../db/unique-violation.js';
import type { UserView } from './user-schemas.js';

/** Creates an account with an Argon2id password hash; a taken username is a 409. */
export async function createUser(
  db: Database,
  input: { readonly username: string; readonly password: string; readonly role: Role },
): Promise<UserView> {
  const passwordHash = await hashPassword(input.password);
  try {
    const [row] = await db
      .insert(users)
      .values({ username: input.username, passwordHash, role: input.role })
      .returning({ id: users.id, username: users.username, role: users.role, disabled: users.disabled });
    if (row === undefined) throw new Error('user insert returned no row');
    return row;
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new ApiError(409, 'conflict', `the username ${input.username} is taken`, [
        { path: ['username'], message: 'already in use' },
      ]);
    }
    throw error;
  }
}

export async function countUsers(db: Database): Promise<number> {
  const [row] = await db.select({ n: count() }).from(users);
  return row?.n ?? 0;
}

/**
 * Creates the first administrator, only while no account exists (a later call is refused), so that an
 * installation never has a default password: the password comes from the operator.
 */
export async function createFirstAdmin(db: Database, username: string, password: string): Promise<UserView> {
  if ((await countUsers(db)) > 0) {
    throw new BonemetError(
      'invalid_input',
      'accounts exist already: an administrator creates further users in the API',
    );
  }
  return createUser(db, { username, password, role: 'admin' });
}
