import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { calculatorGroups, type CalculatorGroup } from './calculators.js';

// The calculators of each group, once each, in the order the command line lists them.
const expectedIds: readonly (readonly [CalculatorGroup, readonly string[]])[] = [
  ['score', ['mirels', 'sins', 'escc', 'noms', 'tokuhashi', 'tomita', 'katagiri']],
  ['laboratory', ['cockcroft-gault', 'corrected-calcium', 'ctcae-hypercalcaemia', 'ctcae-hypocalcaemia']],
  [
    'medication',
    [
      'zoledronic-acid-dose',
      'zoledronic-acid-renal-check',
      'pamidronate',
      'denosumab',
      'dental-check',
      'oral-morphine-equivalent',
      'pain-response',
    ],
  ],
];

const everyCalculator = calculatorGroups.flatMap(({ group, calculators }) =>
  calculators.map((calculator) => [group, calculator.id, calculator] as const),
);

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

describe('calculatorGroups', () => {
  it.each(expectedIds)('%s: lists its calculators once each, in order, with kebab-case ids', (group, ids) => {
    const listed = calculatorGroups.find((entry) => entry.group === group);
    expect(listed?.calculators.map((calculator) => calculator.id)).toEqual(ids);
    for (const id of ids) expect(id).toMatch(/^[a-z]+(-[a-z0-9]+)*$/);
  });

  it.each(everyCalculator)('%s %s: runs its example and returns a complete result', (_group, id, calculator) => {
    const result = calculator.run(calculator.example);
    expect(result.calculator).toBe(id);
    expect(result.summary.length).toBeGreaterThan(0);
    expect(result.details.length).toBeGreaterThan(0);
    expect(result.sources.length).toBeGreaterThan(0);
    expect(result.assumptions.length).toBeGreaterThan(0);
    expect(calculator.title.length).toBeGreaterThan(0);
    expect(calculator.description.length).toBeGreaterThan(0);
  });

  it.each(everyCalculator)(
    '%s %s: describes every input field in its JSON Schema and allows no unknown field',
    (_group, _id, calculator) => {
      // Both sides of the schema: the input users write and the output the calculator computes from.
      for (const io of ['input', 'output'] as const) {
        const jsonSchema = z.toJSONSchema(calculator.input, { io }) as Record<string, unknown>;
        expect(jsonSchema.additionalProperties).toBe(false);
        const fields = properties(jsonSchema, '');
        expect(fields.length).toBeGreaterThan(0);
        for (const field of fields) {
          expect(typeof field.schema.description, `${io} ${field.path}`).toBe('string');
          expect(field.schema.description, `${io} ${field.path}`).toBeTruthy();
        }
      }
    },
  );
});
