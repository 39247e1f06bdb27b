// Bad input for every calculator (`bonemet score <id>`) and for `bonemet assess`: each variant must exit with
// status 2, print nothing on standard output, and name the offending field by its path on standard error.
// Variants are generated from the committed JSON Schemas (`jsonSchemas()`) and the valid example inputs, so
// that a new field or calculator is covered without editing this file.
import { calculators } from '@bonemet/clinical';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_INPUT_BYTES } from './io.js';
import { jsonSchemas } from './json-schemas.js';
import { type CliRun, DISCLAIMER, escapeRegExp, runCli } from './test-support.js';

const EXAMPLES_DIR = path.resolve(import.meta.dirname, '../../../examples');

/** Invalid input: status 2, nothing on stdout, and an issue line `  <path>: <message>` on stderr. */
function expectRejectedAt(run: CliRun, fieldPath: string): void {
  expect(run.status).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr).toMatch(new RegExp(`^  ${escapeRegExp(fieldPath)}: \\S`, 'm'));
}

function readExample(file: string): unknown {
  return JSON.parse(readFileSync(path.join(EXAMPLES_DIR, file), 'utf8')) as unknown;
}

const exampleFiles = readdirSync(EXAMPLES_DIR)
  .filter((f) => f.endsWith('.json'))
  .sort();

// ---------------------------------------------------------------------------------------------------------
// Generating invalid variants of a valid input from its JSON Schema

interface SchemaNode {
  readonly type?: string | readonly string[];
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: unknown;
  readonly items?: SchemaNode;
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly anyOf?: readonly SchemaNode[];
  readonly oneOf?: readonly SchemaNode[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly exclusiveMaximum?: number;
  readonly multipleOf?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly format?: string;
}

type Path = readonly (string | number)[];

/** A field path written the way users read it: `lesions[0].pain.worstPain`. */
function pathText(at: Path): string {
  let out = '';
  for (const part of at) out += typeof part === 'number' ? `[${String(part)}]` : out === '' ? part : `.${part}`;
  return out;
}

/** The same path with array indices dropped, to cover each schema location once across several examples. */
function schemaLocation(at: Path): string {
  return pathText(at.map((part) => (typeof part === 'number' ? 0 : part))).replace(/\[0\]/g, '[]');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function schemaOf(name: string): SchemaNode {
  const schema = jsonSchemas()[name];
  if (!isRecord(schema)) throw new Error(`no JSON Schema named ${name}`);
  return schema;
}

/** Deep copy of `root` with the value at `at` replaced, or removed when `change` is 'remove'. */
function edited(root: unknown, at: Path, change: { readonly value: unknown } | 'remove'): unknown {
  if (at.length === 0) return change === 'remove' ? undefined : change.value;
  const copy = structuredClone(root);
  let parent: unknown = copy;
  for (const part of at.slice(0, -1)) {
    parent = Array.isArray(parent) ? (parent[part as number] as unknown) : isRecord(parent) ? parent[part] : undefined;
  }
  const last = at[at.length - 1];
  if (last === undefined) throw new Error('unreachable: empty path');
  if (Array.isArray(parent) && typeof last === 'number') {
    if (change === 'remove') parent.splice(last, 1);
    else parent[last] = change.value;
  } else if (isRecord(parent) && typeof last === 'string') {
    if (change === 'remove') Reflect.deleteProperty(parent, last);
    else parent[last] = change.value;
  } else {
    throw new Error(`cannot edit ${pathText(at)}`);
  }
  return copy;
}

/** JSON types a schema node accepts ('integer' counts as 'number'). */
function acceptedTypes(node: SchemaNode): Set<string> {
  const types = new Set<string>();
  const add = (type: string): void => {
    types.add(type === 'integer' ? 'number' : type);
  };
  if (typeof node.type === 'string') add(node.type);
  else node.type?.forEach(add);
  for (const v of node.enum ?? []) add(jsonType(v));
  if (node.const !== undefined) add(jsonType(node.const));
  for (const variant of [...(node.anyOf ?? []), ...(node.oneOf ?? [])]) acceptedTypes(variant).forEach(add);
  return types;
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** A value of a JSON type the node does not accept; a numeric string first, the most common mistake. */
function wrongTypeValue(node: SchemaNode): unknown {
  const accepted = acceptedTypes(node);
  if (accepted.size === 0) return undefined;
  return ['12', 12, true, { value: 12 }, [12]].find((candidate) => !accepted.has(jsonType(candidate)));
}

interface Variant {
  /** Test title: where and what is wrong. */
  readonly what: string;
  readonly input: unknown;
  /** Where the error must be reported. */
  readonly path: string;
}

/**
 * Invalid variants of `example` (which must be valid), each with the field path where the error belongs:
 * at every depth, an unknown field in each strict object and each required field removed; for every field
 * present, a wrong type and null; for leaves, an unlisted enum value, values just outside each numeric bound,
 * a fraction for an integer, an off-step multiple, strings too short or too long, impossible dates; for
 * arrays, too few and too many items. `seen` holds schema locations already covered by an earlier example.
 */
function invalidVariants(schema: SchemaNode, example: unknown, seen = new Set<string>()): Variant[] {
  const out: Variant[] = [];
  const add = (at: Path, kind: string, input: unknown): void => {
    const key = `${schemaLocation(at)} ${kind}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ what: `${pathText(at) || '(root)'}: ${kind}`, input, path: pathText(at) });
  };

  const visit = (node: SchemaNode, value: unknown, at: Path): void => {
    if (at.length > 0) {
      const wrong = wrongTypeValue(node);
      if (wrong !== undefined) add(at, `wrong type ${JSON.stringify(wrong)}`, edited(example, at, { value: wrong }));
      if (!acceptedTypes(node).has('null')) add(at, 'null', edited(example, at, { value: null }));
    }

    if (node.properties !== undefined && isRecord(value)) {
      if (node.additionalProperties === false) {
        const unknownAt = [...at, 'unexpectedField'];
        add(unknownAt, 'unknown field', edited(example, unknownAt, { value: 1 }));
      }
      for (const key of node.required ?? []) {
        if (key in value) add([...at, key], 'required field removed', edited(example, [...at, key], 'remove'));
      }
      for (const [key, child] of Object.entries(value)) {
        const childNode = node.properties[key];
        if (childNode !== undefined) visit(childNode, child, [...at, key]);
      }
      return;
    }

    if (node.items !== undefined && Array.isArray(value)) {
      if (node.minItems !== undefined && node.minItems > 0) {
        add(at, `fewer than ${String(node.minItems)} items`, edited(example, at, { value: [] }));
      }
      if (node.maxItems !== undefined && value.length > 0) {
        const tooMany = Array.from({ length: node.maxItems + 1 }, () => value[0] as unknown);
        add(at, `more than ${String(node.maxItems)} items`, edited(example, at, { value: tooMany }));
      }
      const items = node.items;
      value.forEach((item, index) => {
        visit(items, item, [...at, index]);
      });
      return;
    }

    const leaf = (kind: string, bad: unknown): void => {
      add(at, kind, edited(example, at, { value: bad }));
    };
    if (node.enum?.every((v) => typeof v === 'string') === true) leaf('unlisted value', 'not_a_listed_value');
    if (typeof node.const === 'string') leaf('other than the constant', `${node.const}-other`);
    if (node.minimum !== undefined) leaf(`below the minimum ${String(node.minimum)}`, node.minimum - 1);
    if (node.maximum !== undefined) leaf(`above the maximum ${String(node.maximum)}`, node.maximum + 1);
    if (node.exclusiveMinimum !== undefined)
      leaf(`at the exclusive minimum ${String(node.exclusiveMinimum)}`, node.exclusiveMinimum);
    if (node.exclusiveMaximum !== undefined)
      leaf(`at the exclusive maximum ${String(node.exclusiveMaximum)}`, node.exclusiveMaximum);
    if (node.type === 'integer' && typeof value === 'number')
      leaf('a fraction where a whole number is expected', value + 0.5);
    if (node.multipleOf !== undefined && typeof value === 'number') {
      const offStep = value + node.multipleOf / 2;
      leaf(
        `not a multiple of ${String(node.multipleOf)}`,
        node.maximum !== undefined && offStep > node.maximum ? value - node.multipleOf / 2 : offStep,
      );
    }
    if (node.minLength !== undefined && node.minLength > 0) leaf('empty string', '');
    if (node.maxLength !== undefined)
      leaf(`longer than ${String(node.maxLength)} characters`, 'x'.repeat(node.maxLength + 1));
    if (node.format === 'date') {
      leaf('a date that does not exist (2026-02-30)', '2026-02-30');
      leaf('a date in another format (12/10/2026)', '12/10/2026');
    }
  };

  visit(schema, example, []);
  return out;
}

/** The variant generator itself must find the places it claims to cover. */
describe('invalidVariants (test helper)', () => {
  const schema: SchemaNode = {
    type: 'object',
    additionalProperties: false,
    required: ['a', 'list'],
    properties: {
      a: { type: 'integer', minimum: 0, maximum: 4 },
      list: {
        type: 'array',
        minItems: 1,
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['k'],
          properties: { k: { type: 'string', enum: ['x', 'y'] } },
        },
      },
    },
  };
  const variants = invalidVariants(schema, { a: 2, list: [{ k: 'x' }, { k: 'y' }] });
  const byWhat = new Map(variants.map((v) => [v.what, v]));

  it('removes each required field and adds an unknown field at every depth', () => {
    expect(byWhat.get('a: required field removed')?.input).toEqual({ list: [{ k: 'x' }, { k: 'y' }] });
    expect(byWhat.get('list[0].k: required field removed')?.input).toEqual({ a: 2, list: [{}, { k: 'y' }] });
    expect(byWhat.get('unexpectedField: unknown field')?.path).toBe('unexpectedField');
    expect(byWhat.get('list[0].unexpectedField: unknown field')?.path).toBe('list[0].unexpectedField');
  });

  it('makes leaf values of the wrong type, out of range, or unlisted', () => {
    expect(byWhat.get('a: wrong type "12"')?.input).toEqual({ a: '12', list: [{ k: 'x' }, { k: 'y' }] });
    expect(byWhat.get('a: below the minimum 0')?.input).toEqual({ a: -1, list: [{ k: 'x' }, { k: 'y' }] });
    expect(byWhat.get('a: above the maximum 4')?.input).toEqual({ a: 5, list: [{ k: 'x' }, { k: 'y' }] });
    expect(byWhat.get('a: a fraction where a whole number is expected')?.input).toEqual({
      a: 2.5,
      list: [{ k: 'x' }, { k: 'y' }],
    });
    expect(byWhat.get('list[0].k: wrong type 12')?.path).toBe('list[0].k');
    expect(byWhat.get('list[0].k: unlisted value')?.input).toEqual({
      a: 2,
      list: [{ k: 'not_a_listed_value' }, { k: 'y' }],
    });
    expect(byWhat.get('list: fewer than 1 items')?.input).toEqual({ a: 2, list: [] });
  });

  it('covers each schema location once, not once per array item', () => {
    expect(byWhat.has('list[1].k: unlisted value')).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Calculators: `bonemet score <id> --input -`

/** Inputs that are not a JSON object at all; the error is at the root of the document. */
const notAnObject: readonly { readonly what: string; readonly text: string; readonly message: RegExp }[] = [
  { what: 'empty input', text: '', message: /standard input is empty/ },
  { what: 'only white space', text: ' \n\t\n', message: /standard input is empty/ },
  { what: 'a JSON array', text: '[]', message: /^ {2}\(root\): .*expected object/m },
  { what: 'a JSON number', text: '42', message: /^ {2}\(root\): .*expected object/m },
  { what: 'JSON null', text: 'null', message: /^ {2}\(root\): .*expected object/m },
  { what: 'a JSON string', text: '"mirels"', message: /^ {2}\(root\): .*expected object/m },
  { what: 'not JSON at all', text: 'site=femur', message: /standard input is not valid JSON/ },
];

describe.each(calculators.map((c) => [c.id, c] as const))('bonemet score %s: bad input', (id, calculator) => {
  const exampleText = JSON.stringify(calculator.example, null, 2);

  it('accepts its own example (the base of every variant below)', async () => {
    const run = await runCli(['score', id, '--input', '-'], exampleText);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(DISCLAIMER);
  });

  it('truncated JSON: status 2, "not valid JSON" at the root, nothing on stdout', async () => {
    const run = await runCli(['score', id, '--input', '-'], exampleText.slice(0, Math.floor(exampleText.length / 2)));
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/standard input is not valid JSON/);
    expect(run.stderr).toMatch(/^ {2}\(root\): /m);
  });

  it.each(notAnObject)('$what: status 2, nothing on stdout', async ({ text, message }) => {
    const run = await runCli(['score', id, '--input', '-'], text);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
  });

  it('reports several problems at once, each at its own path', async () => {
    const schema = schemaOf(`score-${id}`);
    const [firstRequired] = schema.required ?? [];
    if (firstRequired === undefined) throw new Error(`${id}: the schema has no required field`);
    const input = edited(edited(calculator.example, [firstRequired], 'remove'), ['unexpectedField'], { value: 1 });
    const run = await runCli(['score', id, '--input', '-'], JSON.stringify(input));
    expectRejectedAt(run, firstRequired);
    expectRejectedAt(run, 'unexpectedField');
  });

  const schema = schemaOf(`score-${id}`);
  const required = schema.required ?? [];

  it('its JSON Schema lists required top-level fields, each present in the example', () => {
    expect(required.length).toBeGreaterThan(0);
    for (const field of required) expect(calculator.example).toHaveProperty([field]);
  });

  it.each(required)('required field %s removed: status 2, the field named on stderr', async (field) => {
    const run = await runCli(
      ['score', id, '--input', '-'],
      JSON.stringify(edited(calculator.example, [field], 'remove')),
    );
    expectRejectedAt(run, field);
  });

  it.each(invalidVariants(schema, calculator.example))('$what', async ({ input, path: fieldPath }) => {
    expectRejectedAt(await runCli(['score', id, '--input', '-'], JSON.stringify(input)), fieldPath);
  });
});

// ---------------------------------------------------------------------------------------------------------
// The patient state: `bonemet assess -`

describe('bonemet assess: bad input', () => {
  const base = readExample('pain-after-radiotherapy.json');
  const baseText = JSON.stringify(base, null, 2);

  it('accepts the example that the hand-written variants start from', async () => {
    const run = await runCli(['assess', '-'], baseText);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('truncated JSON: status 2, "not valid JSON", nothing on stdout', async () => {
    const run = await runCli(['assess', '-'], baseText.slice(0, Math.floor(baseText.length / 2)));
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/standard input is not valid JSON/);
  });

  it.each(notAnObject)('$what: status 2, nothing on stdout', async ({ text, message }) => {
    const run = await runCli(['assess', '-'], text);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
  });

  it('an input larger than the limit is refused without being parsed', async () => {
    const run = await runCli(['assess', '-'], `${' '.repeat(MAX_INPUT_BYTES)}{}`);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`standard input is larger than ${String(MAX_INPUT_BYTES)} bytes`);
  });

  const schema = schemaOf('patient-state');

  it.each(schema.required ?? [])('required top-level field %s removed', async (field) => {
    expectRejectedAt(await runCli(['assess', '-'], JSON.stringify(edited(base, [field], 'remove'))), field);
  });

  // Each example adds the schema locations that the earlier ones do not reach (spine, limb, radiotherapy...).
  const seen = new Set<string>();
  describe.each(exampleFiles)('variants of %s', (file) => {
    const example = readExample(file);
    const variants = invalidVariants(schema, example, seen);
    it('is itself valid (the base of its variants)', async () => {
      const run = await runCli(['assess', '-'], JSON.stringify(example));
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
    });
    it.each(variants)('$what', async ({ input, path: fieldPath }) => {
      expectRejectedAt(await runCli(['assess', '-'], JSON.stringify(input)), fieldPath);
    });
  });

  // Hand-written cases from the clinical meaning of the fields, with the path where each error belongs.
  const cases: readonly {
    readonly what: string;
    readonly edit: (state: PatientStateDraft) => void;
    readonly path: string;
  }[] = [
    { what: 'ECOG 5 (the scale ends at 4)', edit: (s) => (s.performance.ecog = 5), path: 'performance.ecog' },
    {
      what: 'worst pain 11 (the scale ends at 10)',
      edit: (s) => (lesion(s, 0).pain.worstPain = 11),
      path: 'lesions[0].pain.worstPain',
    },
    {
      what: 'worst pain as text',
      edit: (s) => (lesion(s, 0).pain.worstPain = 'severe'),
      path: 'lesions[0].pain.worstPain',
    },
    { what: 'negative body weight', edit: (s) => (s.patient.weightKg = -70), path: 'patient.weightKg' },
    { what: 'age 17 (adults only)', edit: (s) => (s.patient.ageYears = 17), path: 'patient.ageYears' },
    {
      what: 'a vertebra without its level',
      edit: (s) => (lesion(s, 0).location = { bone: 'vertebra', part: 'body' }),
      path: 'lesions[0].location.level',
    },
    {
      what: 'a femur without laterality',
      edit: (s) => (lesion(s, 0).location = { bone: 'femur', part: 'neck' }),
      path: 'lesions[0].location.laterality',
    },
    {
      what: 'a level on a bone that takes none (femur T8)',
      edit: (s) => (lesion(s, 0).location = { bone: 'femur', laterality: 'left', level: 'T8' }),
      path: 'lesions[0].location.level',
    },
    {
      what: 'a vertebral level on a rib',
      edit: (s) => (lesion(s, 0).location = { bone: 'rib', laterality: 'left', level: 'T8' }),
      path: 'lesions[0].location.level',
    },
    {
      what: 'a part that the bone does not have (femur pedicle)',
      edit: (s) => (lesion(s, 0).location = { bone: 'femur', laterality: 'left', part: 'pedicle' }),
      path: 'lesions[0].location.part',
    },
    {
      what: 'two lesions with the same id',
      edit: (s) => {
        s.lesions.push(structuredClone(lesion(s, 0)));
      },
      path: 'lesions[1].id',
    },
    {
      what: 'a radiotherapy end date after the assessment date',
      edit: (s) => (radiotherapy(s).endDate = '2026-12-01'),
      path: 'lesions[0].priorRadiotherapy[0].endDate',
    },
    {
      what: 'an assessment date that does not exist (2026-02-30)',
      edit: (s) => (s.assessmentDate = '2026-02-30'),
      path: 'assessmentDate',
    },
    {
      what: 'a 29 February outside a leap year (2025-02-29)',
      edit: (s) => (s.assessmentDate = '2025-02-29'),
      path: 'assessmentDate',
    },
    {
      what: 'a date with a time (2026-07-01T10:00:00Z)',
      edit: (s) => (s.assessmentDate = '2026-07-01T10:00:00Z'),
      path: 'assessmentDate',
    },
    {
      what: 'a radiotherapy end date that does not exist (2026-04-31)',
      edit: (s) => (radiotherapy(s).endDate = '2026-04-31'),
      path: 'lesions[0].priorRadiotherapy[0].endDate',
    },
    {
      what: 'spinal findings on a long bone',
      edit: (s) => {
        lesion(s, 0).spine = {
          alignment: 'normal',
          collapse: 'none',
          posterolateral: 'none',
          compressionFracture: false,
        };
      },
      path: 'lesions[0].spine',
    },
    {
      what: 'fewer bone lesions counted than listed',
      edit: (s) => (s.disease.boneLesionCount = 0),
      path: 'disease.boneLesionCount',
    },
    {
      what: 'a misspelt field inside a lesion',
      edit: (s) => (lesion(s, 0).pain.worstpain = 3),
      path: 'lesions[0].pain.worstpain',
    },
    { what: 'an unknown schema version', edit: (s) => (s.schemaVersion = '2'), path: 'schemaVersion' },
  ];

  it.each(cases)('$what: reported at $path', async ({ edit, path: fieldPath }) => {
    const state = structuredClone(base) as PatientStateDraft;
    edit(state);
    expectRejectedAt(await runCli(['assess', '-'], JSON.stringify(state)), fieldPath);
  });

  it('lists every problem of one input, not only the first', async () => {
    const state = structuredClone(base) as PatientStateDraft;
    state.performance.ecog = 5;
    lesion(state, 0).pain.worstPain = 11;
    state.patient.weightKg = -1;
    Reflect.deleteProperty(state, 'biology');
    const run = await runCli(['assess', '-'], JSON.stringify(state));
    for (const fieldPath of ['performance.ecog', 'lesions[0].pain.worstPain', 'patient.weightKg', 'biology']) {
      expectRejectedAt(run, fieldPath);
    }
    expect(run.stderr).toMatch(/^bonemet: invalid patient state: 4 problems$/m);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Valid edge values never crash: each listed value and each bound of every field, one field at a time.
// Every such input either runs (status 0) or is refused by a cross-field rule (status 2, issues listed);
// status 1 would be an internal error, which the design rules out for any input.

interface ValueSweep {
  readonly where: string;
  readonly inputs: readonly unknown[];
}

function validValueSweeps(schema: SchemaNode, example: unknown, seen = new Set<string>()): ValueSweep[] {
  const out: ValueSweep[] = [];
  const visit = (node: SchemaNode, value: unknown, at: Path): void => {
    if (node.properties !== undefined && isRecord(value)) {
      for (const [key, child] of Object.entries(value)) {
        const childNode = node.properties[key];
        if (childNode !== undefined) visit(childNode, child, [...at, key]);
      }
      return;
    }
    if (node.items !== undefined && Array.isArray(value)) {
      const items = node.items;
      value.forEach((item, index) => {
        visit(items, item, [...at, index]);
      });
      return;
    }
    const values: unknown[] = [...(node.enum ?? [])];
    for (const variant of [...(node.anyOf ?? []), ...(node.oneOf ?? [])]) values.push(...(variant.enum ?? []));
    if (node.type === 'boolean') values.push(true, false);
    if (node.minimum !== undefined) values.push(node.minimum);
    if (node.maximum !== undefined) values.push(node.maximum);
    const location = schemaLocation(at);
    if (values.length === 0 || seen.has(location)) return;
    seen.add(location);
    out.push({ where: pathText(at), inputs: values.map((v) => edited(example, at, { value: v })) });
  };
  visit(schema, example, []);
  return out;
}

function expectHandled(run: CliRun, where: string, input: unknown): void {
  const context = `${where} in ${JSON.stringify(input)}\n${run.stderr}`;
  expect([0, 2], context).toContain(run.status);
  if (run.status === 0) {
    expect(run.stdout, context).toContain(DISCLAIMER);
    expect(run.stderr, context).toBe('');
  } else {
    expect(run.stdout, context).toBe('');
    expect(run.stderr, context).toMatch(/^ {2}\S+: \S/m);
  }
}

describe.each(calculators.map((c) => [c.id, c] as const))('bonemet score %s: edge values', (id, calculator) => {
  it.each(validValueSweeps(schemaOf(`score-${id}`), calculator.example))(
    '$where: every listed value and bound',
    async ({ where, inputs }) => {
      for (const input of inputs)
        expectHandled(await runCli(['score', id, '--input', '-'], JSON.stringify(input)), where, input);
    },
  );
});

describe('bonemet assess: edge values', () => {
  const seen = new Set<string>();
  const sweeps = exampleFiles.flatMap((file) =>
    validValueSweeps(schemaOf('patient-state'), readExample(file), seen).map((s) => ({ ...s, file })),
  );
  it.each(sweeps)('$where ($file): every listed value and bound', async ({ where, inputs }) => {
    for (const input of inputs) expectHandled(await runCli(['assess', '-'], JSON.stringify(input)), where, input);
  });
});

/** The example patient state as loosely typed JSON, for writing invalid variants by hand. */
interface PatientStateDraft {
  schemaVersion: unknown;
  assessmentDate: unknown;
  patient: Record<string, unknown>;
  performance: Record<string, unknown>;
  disease: Record<string, unknown>;
  lesions: LesionDraft[];
}

interface LesionDraft {
  location: unknown;
  pain: Record<string, unknown>;
  spine?: unknown;
  priorRadiotherapy?: Record<string, unknown>[];
}

function lesion(state: PatientStateDraft, index: number): LesionDraft {
  const found = state.lesions[index];
  if (found === undefined) throw new Error(`the example has no lesion ${String(index)}`);
  return found;
}

function radiotherapy(state: PatientStateDraft): Record<string, unknown> {
  const course = lesion(state, 0).priorRadiotherapy?.[0];
  if (course === undefined) throw new Error('the example has no prior radiotherapy on its first lesion');
  return course;
}
