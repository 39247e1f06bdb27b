import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { skeletalLocationSchema } from '../anatomy/skeletal-location.js';
import {
  lesionSchema,
  measurementSchema,
  patientSchema,
  radiotherapyCourseSchema,
  skeletalEventSchema,
  studySchema,
  timePointSchema,
  treatmentSchema,
} from './index.js';

interface JsonSchemaNode {
  description?: string;
  properties?: Record<string, JsonSchemaNode>;
  additionalProperties?: unknown;
  anyOf?: JsonSchemaNode[];
  oneOf?: JsonSchemaNode[];
  items?: JsonSchemaNode;
}

/** Paths of object properties without a description, and of objects that allow unknown fields. */
function undocumented(node: JsonSchemaNode, path: string): string[] {
  const found: string[] = [];
  if (node.properties !== undefined) {
    if (node.additionalProperties !== false) found.push(`${path} allows unknown fields`);
    for (const [key, child] of Object.entries(node.properties)) {
      const childPath = path === '' ? key : `${path}.${key}`;
      if ((child.description ?? '').length < 10) found.push(childPath);
      found.push(...undocumented(child, childPath));
    }
  }
  for (const option of [...(node.anyOf ?? []), ...(node.oneOf ?? [])]) found.push(...undocumented(option, path));
  if (node.items !== undefined) found.push(...undocumented(node.items, `${path}[]`));
  return found;
}

describe('domain schemas', () => {
  it('the check finds an undescribed field, also inside a union', () => {
    const bare = z.discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('a').describe('kind of thing a'), size: z.number() }),
    ]);
    expect(undocumented(z.toJSONSchema(bare) as JsonSchemaNode, '')).toEqual(['size']);
  });

  it.each([
    ['patient', patientSchema],
    ['study', studySchema],
    ['time point', timePointSchema],
    ['lesion', lesionSchema],
    ['measurement', measurementSchema],
    ['radiotherapy course', radiotherapyCourseSchema],
    ['treatment', treatmentSchema],
    ['skeletal event', skeletalEventSchema],
    ['skeletal location', skeletalLocationSchema],
  ] as const)('%s: strict, every field described, JSON Schema generated', (_name, schema) => {
    const jsonSchema = z.toJSONSchema(schema) as JsonSchemaNode;
    expect(undocumented(jsonSchema, '')).toEqual([]);
  });
});
