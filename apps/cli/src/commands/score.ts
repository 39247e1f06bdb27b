import { calculatorGroups, findCalculator, type AnyCalculator } from '@bonemet/clinical';
import { BonemetError, RESEARCH_USE_DISCLAIMER } from '@bonemet/core';
import { parseArgs } from 'node:util';
import { readJsonInput, write, type CliIo } from '../io.js';
import { jsonSchemas } from '../json-schemas.js';
import { renderCalculatorResult } from '../render/calculator-text.js';
import { schemaFieldLines } from '../render/schema-fields.js';
import { USAGE, usageError } from '../usage.js';

export async function scoreCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    options: {
      list: { type: 'boolean', default: false },
      input: { type: 'string', short: 'i' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    allowPositionals: true,
    strict: true,
  });
  if (values.list) {
    if (positionals.length > 0) throw usageError('score --list takes no calculator name');
    write(
      io.stdout,
      values.json
        ? JSON.stringify({ disclaimer: RESEARCH_USE_DISCLAIMER, calculators: listing() }, null, 2)
        : listText(),
    );
    return 0;
  }
  const [name, ...extra] = positionals;
  if (name === undefined && values.help) {
    write(io.stdout, `${USAGE}\n\n${listText()}`);
    return 0;
  }
  if (name === undefined) throw usageError('score needs a calculator name, or --list');
  if (extra.length > 0) throw usageError(`unexpected argument${extra.length > 1 ? 's' : ''}: ${extra.join(' ')}`);
  const calculator = findCalculator(name);
  if (calculator === undefined) {
    throw new BonemetError('not_found', `unknown calculator "${name}"`, {
      issues: [{ path: [], message: `unknown calculator "${name}"`, hint: 'run `bonemet score --list` for the names' }],
    });
  }
  if (values.help) {
    write(io.stdout, helpText(calculator));
    return 0;
  }
  if (values.input === undefined) throw usageError(`score ${name} needs --input <file|->`);
  const result = calculator.run(await readJsonInput(values.input, io));
  write(
    io.stdout,
    values.json
      ? JSON.stringify({ disclaimer: RESEARCH_USE_DISCLAIMER, result }, null, 2)
      : renderCalculatorResult(calculator, result),
  );
  return 0;
}

function listing(): { group: string; id: string; title: string; description: string }[] {
  return calculatorGroups.flatMap(({ group, calculators }) =>
    calculators.map((c) => ({ group, id: c.id, title: c.title, description: c.description })),
  );
}

function listText(): string {
  const lines: string[] = [RESEARCH_USE_DISCLAIMER, ''];
  for (const { group, calculators } of calculatorGroups) {
    lines.push(`${group}:`);
    const width = Math.max(...calculators.map((c) => c.id.length));
    for (const c of calculators) lines.push(`  ${c.id.padEnd(width)}  ${c.title}`);
  }
  lines.push('', 'Run `bonemet score <name> --help` for the input fields of one calculator.');
  return lines.join('\n');
}

function helpText(calculator: AnyCalculator): string {
  const schema = jsonSchemas()[`score-${calculator.id}`];
  return [
    `bonemet score ${calculator.id}: ${calculator.title}`,
    RESEARCH_USE_DISCLAIMER,
    calculator.description,
    '',
    'Input fields (JSON):',
    ...schemaFieldLines(schema),
    '',
    'Example input:',
    JSON.stringify(calculator.example, null, 2),
    '',
    `JSON Schema: schemas/score-${calculator.id}.schema.json, or \`bonemet schema score-${calculator.id}\``,
  ].join('\n');
}
