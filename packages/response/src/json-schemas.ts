import { z } from 'zod';
import { timelineReportSchema } from './timeline-result-schema.js';
import { timelineInputSchema } from './timeline.js';

/**
 * JSON Schemas of the response inputs and outputs published under `schemas/` (scripts/generate-schemas.mjs
 * merges them with the command-line ones): the patient response timeline and its result.
 */
export function responseJsonSchemas(): Readonly<Record<string, unknown>> {
  const options = { target: 'draft-2020-12', unrepresentable: 'any' } as const;
  return {
    'response-timeline': {
      $id: 'response-timeline.schema.json',
      title: 'bonemet patient response timeline',
      ...z.toJSONSchema(timelineInputSchema, { ...options, io: 'input' }),
    },
    'response-timeline-result': {
      $id: 'response-timeline-result.schema.json',
      title: 'bonemet patient response timeline: result (bonemet response --json)',
      ...z.toJSONSchema(timelineReportSchema, { ...options, io: 'output' }),
    },
  };
}
