import { parseInput } from '@bonemet/core';
import type { FastifySchemaCompiler } from 'fastify';
import type { z } from 'zod';

/**
 * Validates request parts with their zod schemas through core's `parseInput`, so that a bad request fails
 * with the same `BonemetError('invalid_input')` (issues by field path, unknown fields named) as the CLI.
 */
export const validatorCompiler: FastifySchemaCompiler<z.ZodType> =
  ({ schema, httpPart }) =>
  (data) => {
    try {
      return { value: parseInput(schema, data, `request ${httpPart ?? 'input'}`) };
    } catch (error) {
      return { error: error instanceof Error ? error : new Error(String(error)) };
    }
  };
