import { z } from 'zod';
import { MIN_PASSWORD_LENGTH } from '../auth/passwords.js';
import { roles } from '../db/schema.js';

export const usernameSchema = z
  .string()
  .min(3)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9._-]*$/, { error: 'a username is lower-case letters, digits, ".", "_" or "-"' })
  .describe('Login name: 3–64 lower-case letters, digits, ".", "_" or "-"');

export const passwordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, { error: `a password has at least ${MIN_PASSWORD_LENGTH} characters` })
  .max(256)
  .describe(`Password, ${MIN_PASSWORD_LENGTH}–256 characters`);

export const roleSchema = z
  .enum(roles)
  .describe(
    'admin (users and audit, plus clinician access), clinician (identified patient data) or researcher (de-identified, read-only)',
  );

export const userSchema = z
  .strictObject({
    id: z.uuid().describe('User id'),
    username: usernameSchema,
    role: roleSchema,
    disabled: z.boolean().describe('A disabled account cannot sign in'),
  })
  .describe('A user account');
export type UserView = z.output<typeof userSchema>;
