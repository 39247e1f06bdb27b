import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { scoreCalculators } from './index.js';

// Every object property of a JSON Schema, with its path, walking nested objects and unions.
function properties(schema: unknown, path: string): { path: string; schema: Record<string, unknown> }[] {
  if (typeof schema !== 'object' || schema === null) return [];
  const node = schema as Record<string, unknown>;
  const found: { path: string; schema: Record<string, unknown> }[] = [];
  if (typeof node.properties === 'object' && node.properties !== null) {
    for (const [key, child] of Object.entries(node.properties as Record<string, Record<string, unknown>>)) {
      const childPath = path === '' ? key : `${path}.${key}`;
      found.push({ path: childPath, schema: child }, ...properties(child, childPath));
    }
  }
  if (Array.isArray(node.anyOf)) for (const option of node.anyOf) found.push(...properties(option, path));
  return found;
}

describe('scoreCalculators', () => {
  it('lists the seven scores once each', () => {
    expect(scoreCalculators.map((calculator) => calculator.id)).toEqual([
      'mirels',
      'sins',
      'escc',
      'noms',
      'tokuhashi',
      'tomita',
      'katagiri',
    ]);
  });

  it.each(scoreCalculators.map((calculator) => [calculator.id, calculator] as const))(
    '%s runs its example and returns a complete result',
    (id, calculator) => {
      const result = calculator.run(calculator.example);
      expect(result.calculator).toBe(id);
      expect(result.summary.length).toBeGreaterThan(0);
      expect(result.details.length).toBeGreaterThan(0);
      expect(result.sources.length).toBeGreaterThan(0);
      expect(calculator.title.length).toBeGreaterThan(0);
      expect(calculator.description.length).toBeGreaterThan(0);
    },
  );

  it.each(scoreCalculators.map((calculator) => [calculator.id, calculator] as const))(
    '%s describes every input field in its JSON Schema and allows no unknown field',
    (_id, calculator) => {
      const jsonSchema = z.toJSONSchema(calculator.input) as Record<string, unknown>;
      expect(jsonSchema.additionalProperties).toBe(false);
      const fields = properties(jsonSchema, '');
      expect(fields.length).toBeGreaterThan(0);
      for (const field of fields) {
        expect(typeof field.schema.description, field.path).toBe('string');
      }
    },
  );
});
