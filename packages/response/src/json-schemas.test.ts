import { describe, expect, it } from 'vitest';
import { responseJsonSchemas } from './json-schemas.js';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Objects that are not strict and properties without a description, as "path" strings. */
function problems(node: unknown, at: string): string[] {
  if (!isRecord(node)) return [];
  const found: string[] = [];
  if (isRecord(node.properties)) {
    if (node.additionalProperties !== false) found.push(`${at}: not strict`);
    for (const [name, child] of Object.entries(node.properties)) {
      if (!isRecord(child) || typeof child.description !== 'string' || child.description === '')
        found.push(`${at}.${name}: no description`);
      found.push(...problems(child, `${at}.${name}`));
    }
  }
  found.push(...problems(node.items, `${at}[]`));
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    const variants = node[key];
    if (Array.isArray(variants))
      variants.forEach((variant, index) => found.push(...problems(variant, `${at}.${key}[${String(index)}]`)));
  }
  return found;
}

describe('responseJsonSchemas()', () => {
  const schemas = responseJsonSchemas();

  it('publishes the response timeline and its result as draft 2020-12 with their $id', () => {
    expect(Object.keys(schemas)).toEqual(['response-timeline', 'response-timeline-result']);
    expect(schemas['response-timeline-result']).toMatchObject({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $id: 'response-timeline-result.schema.json',
      type: 'object',
    });
    expect(schemas['response-timeline']).toMatchObject({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $id: 'response-timeline.schema.json',
      type: 'object',
    });
  });

  it('has strict objects and every field described', () => {
    expect(problems(schemas['response-timeline'], 'response-timeline')).toEqual([]);
    expect(problems(schemas['response-timeline-result'], 'response-timeline-result')).toEqual([]);
  });

  it('the check finds what it looks for', () => {
    expect(problems({ properties: { a: {} } }, 'x')).toEqual(['x: not strict', 'x.a: no description']);
  });
});
