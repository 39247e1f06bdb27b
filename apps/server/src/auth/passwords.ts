import { hash, verify, type Options } from '@node-rs/argon2';

/**
 * Password hashing with Argon2id (RFC 9106) at the OWASP Password Storage Cheat Sheet minimum:
 * 19 MiB memory, 2 passes, 1 lane. The PHC string (`$argon2id$v=19$m=19456,t=2,p=1$salt$hash`) carries
 * its parameters, so hashes made with other parameters still verify.
 */
const ARGON2ID_OPTIONS: Options = {
  // The algorithm is the library's default, Argon2id (its const enum cannot be imported under
  // isolatedModules); the test checks the `$argon2id$` prefix of stored hashes.
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
};

/** Shortest password accepted for an account. */
export const MIN_PASSWORD_LENGTH = 12;

export async function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2ID_OPTIONS);
}

/** True when `password` matches the stored PHC hash; false for a wrong password or a malformed hash. */
export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
}
