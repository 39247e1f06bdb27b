// The JSON Schemas published for the inputs (patient state and every calculator), checked for the shape of
// JSON Schema 2020-12 and for the project's conventions (strict objects, every field described). No JSON
// Schema validator is used: the zod schemas they come from validate the inputs, and the examples are run
// through them in main.test.ts and bad-input.test.ts.
import { calculators } from '@bonemet/clinical';
import { describe, expect, it } from 'vitest';
import { jsonSchemas } from './json-schemas.js';

const DRAFT_2020_12 = 'https://json-schema.org/draft/2020-12/schema';

/** The keywords of JSON Schema 2020-12 (core, applicator, validation, format and meta-data vocabularies). */
const KEYWORDS_2020_12 = new Set([
  '$schema', '$id', '$ref', '$defs', '$comment', '$anchor', '$dynamicRef', '$dynamicAnchor', '$vocabulary',
  'title', 'description', 'default', 'examples', 'deprecated', 'readOnly', 'writeOnly',
  'type', 'enum', 'const',
  'properties', 'patternProperties', 'additionalProperties', 'propertyNames', 'required', 'dependentRequired',
  'dependentSchemas', 'minProperties', 'maxProperties', 'unevaluatedProperties',
  'items', 'prefixItems', 'contains', 'minContains', 'maxContains', 'minItems', 'maxItems', 'uniqueItems',
  'unevaluatedItems',
  'allOf', 'anyOf', 'oneOf', 'not', 'if', 'then', 'else',
  'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf',
  'minLength', 'maxLength', 'pattern', 'format', 'contentEncoding', 'contentMediaType',
]); // prettier-ignore

const TYPES = new Set(['string', 'number', 'integer', 'boolean', 'object', 'array', 'null']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every problem with the shape of a schema node and the nodes below it, each as "path: problem". */
function shapeProblems(node: unknown, at: string): string[] {
  // JSON Schema 2020-12 also allows the boolean schemas true and false (e.g. `items: false` after prefixItems).
  if (typeof node === 'boolean') return [];
  if (!isRecord(node)) return [`${at}: a schema must be an object or a boolean`];
  const problems: string[] = [];
  for (const key of Object.keys(node)) if (!KEYWORDS_2020_12.has(key)) problems.push(`${at}: unknown keyword ${key}`);
  const { type, properties, required, items, additionalProperties, description } = node;
  const types = Array.isArray(type) ? (type as unknown[]) : type === undefined ? [] : [type];
  for (const t of types)
    if (typeof t !== 'string' || !TYPES.has(t)) problems.push(`${at}: invalid type ${JSON.stringify(t)}`);
  if (node.enum !== undefined && (!Array.isArray(node.enum) || node.enum.length === 0))
    problems.push(`${at}: enum must be a non-empty array`);
  if (
    type === undefined &&
    node.enum === undefined &&
    node.const === undefined &&
    node.anyOf === undefined &&
    node.oneOf === undefined
  ) {
    problems.push(`${at}: no type (a field that JSON Schema cannot describe?)`);
  }
  if (properties !== undefined) {
    if (!isRecord(properties)) return [...problems, `${at}: properties must be an object`];
    if (additionalProperties !== false) problems.push(`${at}: not strict (additionalProperties is not false)`);
    for (const [name, child] of Object.entries(properties)) {
      if (!isRecord(child) || typeof child.description !== 'string' || child.description.trim() === '') {
        problems.push(`${at}.${name}: no description`);
      }
      problems.push(...shapeProblems(child, `${at}.${name}`));
    }
    if (required !== undefined) {
      if (!Array.isArray(required)) problems.push(`${at}: required must be an array`);
      else
        for (const name of required)
          if (typeof name !== 'string' || !(name in properties))
            problems.push(`${at}: required ${String(name)} is not a property`);
    }
  }
  if (description !== undefined && typeof description !== 'string')
    problems.push(`${at}: description must be a string`);
  if (items !== undefined) problems.push(...shapeProblems(items, `${at}[]`));
  for (const combinator of ['anyOf', 'oneOf', 'allOf'] as const) {
    const variants = node[combinator];
    if (variants === undefined) continue;
    if (!Array.isArray(variants) || variants.length === 0)
      problems.push(`${at}: ${combinator} must be a non-empty array`);
    else variants.forEach((v, i) => problems.push(...shapeProblems(v, `${at}.${combinator}[${String(i)}]`)));
  }
  return problems;
}

describe('jsonSchemas()', () => {
  const schemas = jsonSchemas();

  it('has one schema for the patient state, one for a quantified PET time point, one per calculator, the response timeline and its result, and nothing else', () => {
    expect(Object.keys(schemas).sort()).toEqual(
      [
        'patient-state',
        'pet-time-point',
        'response-timeline',
        'response-timeline-result',
        ...calculators.map((c) => `score-${c.id}`),
      ].sort(),
    );
  });

  it('is the same on every call (the committed files are generated from it)', () => {
    expect(JSON.stringify(jsonSchemas())).toBe(JSON.stringify(schemas));
  });

  describe.each(Object.entries(schemas))('%s', (name, schema) => {
    it('declares draft 2020-12, its own $id, a title, and an object at the root', () => {
      expect(schema).toMatchObject({ $schema: DRAFT_2020_12, $id: `${name}.schema.json`, type: 'object' });
      expect(isRecord(schema) && typeof schema.title === 'string' && schema.title.length > 0).toBe(true);
    });

    it('has the shape of JSON Schema 2020-12, with strict objects and every field described', () => {
      expect(shapeProblems(schema, name)).toEqual([]);
    });

    it('is plain JSON (survives a JSON round trip unchanged)', () => {
      expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
    });
  });

  it('the shape check finds what it looks for', () => {
    const bad = {
      type: 'object',
      nullable: true,
      properties: { a: { type: 'text' }, b: { description: 'b' } },
      required: ['c'],
    };
    expect(shapeProblems(bad, 'x')).toEqual([
      'x: unknown keyword nullable',
      'x: not strict (additionalProperties is not false)',
      'x.a: no description',
      'x.a: invalid type "text"',
      'x.b: no type (a field that JSON Schema cannot describe?)',
      'x: required c is not a property',
    ]);
  });
});
