import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { ACCESS, requireRoles } from '../auth/access.js';
import { hashPassword } from '../auth/passwords.js';
import { deleteUserSessions } from '../auth/session-store.js';
import { recordAudit } from '../audit/record-audit.js';
import { users } from '../db/schema.js';
import { ApiError, commonErrorResponses, errorResponseSchema } from '../http/api-error.js';
import type { AppContext, ZodApp } from '../http/app-context.js';
import { createUser } from '../users/create-user.js';
import { passwordSchema, roleSchema, userSchema, usernameSchema } from '../users/user-schemas.js';

const userParamsSchema = z.strictObject({ userId: z.uuid().describe('User id') });

const createUserSchema = z.strictObject({ username: usernameSchema, password: passwordSchema, role: roleSchema });

const updateUserSchema = z
  .strictObject({
    role: roleSchema.optional(),
    disabled: z.boolean().optional().describe('Disable (true) or enable (false) the account'),
    password: passwordSchema.optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { error: 'give at least one of role, disabled, password' });

const userColumns = { id: users.id, username: users.username, role: users.role, disabled: users.disabled };

/** Admin-only account management. Changing a role, a password or disabling ends the user's sessions. */
export function registerUserRoutes(app: ZodApp, context: AppContext): void {
  const { db } = context;
  const onRequest = requireRoles(ACCESS.admin);

  app.get(
    '/api/users',
    {
      onRequest,
      schema: {
        summary: 'List accounts (admin)',
        tags: ['users'],
        response: {
          200: z.strictObject({ items: z.array(userSchema).describe('Accounts by username') }),
          ...commonErrorResponses,
        },
      },
    },
    async () => ({ items: await db.select(userColumns).from(users).orderBy(asc(users.username)) }),
  );

  app.post(
    '/api/users',
    {
      onRequest,
      schema: {
        summary: 'Create an account (admin)',
        tags: ['users'],
        body: createUserSchema,
        response: { 201: userSchema, 409: errorResponseSchema, ...commonErrorResponses },
      },
    },
    async (request, reply) => {
      const user = await createUser(db, request.body);
      await recordAudit(db, request, {
        action: 'user.create',
        resourceType: 'user',
        resourceId: user.id,
        outcome: 'success',
      });
      return reply.status(201).send(user);
    },
  );

  app.patch(
    '/api/users/:userId',
    {
      onRequest,
      schema: {
        summary: 'Change the role, password or disabled state of an account (admin)',
        tags: ['users'],
        params: userParamsSchema,
        body: updateUserSchema,
        response: { 200: userSchema, 409: errorResponseSchema, ...commonErrorResponses },
      },
    },
    async (request) => {
      const { userId } = request.params;
      const { role, disabled, password } = request.body;
      if (request.auth?.userId === userId && (disabled === true || (role !== undefined && role !== 'admin'))) {
        throw new ApiError(409, 'conflict', 'an administrator cannot disable or demote their own account');
      }
      const [user] = await db
        .update(users)
        .set({
          ...(role === undefined ? {} : { role }),
          ...(disabled === undefined ? {} : { disabled }),
          ...(password === undefined ? {} : { passwordHash: await hashPassword(password) }),
          updatedAt: new Date(),
        })
        .where(eq(users.id, userId))
        .returning(userColumns);
      if (user === undefined) throw new ApiError(404, 'not_found', `no user ${userId}`);
      await deleteUserSessions(db, userId);
      await recordAudit(db, request, {
        action: 'user.update',
        resourceType: 'user',
        resourceId: userId,
        outcome: 'success',
      });
      return user;
    },
  );
}
