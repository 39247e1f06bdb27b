import { RESEARCH_USE_DISCLAIMER } from '@bonemet/core';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext, ZodApp } from '../http/app-context.js';

const healthSchema = z.strictObject({
  status: z.literal('ok').describe('The server answers and its database responds'),
  version: z.string().describe('Server version'),
  disclaimer: z.string().describe('Research use, not a medical device'),
});

export function registerHealthRoutes(app: ZodApp, context: AppContext, version: string): void {
  app.get(
    '/api/health',
    { schema: { summary: 'Liveness and database check', tags: ['health'], response: { 200: healthSchema } } },
    async () => {
      await context.db.execute(sql`SELECT 1`);
      return { status: 'ok' as const, version, disclaimer: RESEARCH_USE_DISCLAIMER };
    },
  );
}
