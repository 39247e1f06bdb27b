import { z } from 'zod';
import { timelineInputSchema } from './timeline.js';

/**
 * JSON Schemas of the response inputs published under `schemas/` (scripts/generate-schemas.mjs merges them
 * with the command-line ones): the patient response timeline.
 */
export function responseJsonSchemas(): Readonly<Record<string, unknown>> {
  const generated = z.toJSONSchema(timelineInputSchema, {
    io: 'input',
    target: 'draft-2020-12',
    unrepresentable: 'any',
  });
  return {
    'response-timeline': {
      $id: 'response-timeline.schema.json',
      title: 'bonemet patient response timeline',
      ...generated,
    },
  };
}
