// The `bonemet` command run in-process through `main(argv, io)` with in-memory streams: help and version,
// every calculator on its example (text, JSON, --help), the calculator list, the JSON Schemas, usage
// mistakes, and every bundled example patient through `assess`.
import { calculators, type RecommendationReport, type TreatmentOption } from '@bonemet/clinical';
import type { Citation } from '@bonemet/core';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { jsonSchemas } from './json-schemas.js';
import { type CliRun, DISCLAIMER, escapeRegExp, runCli } from './test-support.js';

const REPO_ROOT = path.resolve(import.meta.dirname, '../../..');
const EXAMPLES_DIR = path.join(REPO_ROOT, 'examples');

function expectSuccess(run: CliRun): void {
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
}

/** A usage or input mistake: status 2, nothing on standard output, the reason on standard error. */
function expectUsageError(run: CliRun, message: string | RegExp): void {
  expect(run.status).toBe(2);
  expect(run.stdout).toBe('');
  if (typeof message === 'string') expect(run.stderr).toContain(message);
  else expect(run.stderr).toMatch(message);
}

const tempDir = mkdtempSync(path.join(tmpdir(), 'bonemet-cli-test-'));
afterAll(() => {
  rmSync(tempDir, { recursive: true, force: true });
});

describe('bonemet --help and --version', () => {
  it.each([[[]], [['--help']], [['-h']], [['help']]])('%j prints the usage with the disclaimer', async (argv) => {
    const run = await runCli(argv);
    expectSuccess(run);
    expect(run.stdout).toContain(DISCLAIMER);
    for (const command of [
      'bonemet assess',
      'bonemet score --list',
      'bonemet score <name> --input',
      'bonemet schema',
    ]) {
      expect(run.stdout).toContain(command);
    }
  });

  it('--version prints the version of the @bonemet/cli package', async () => {
    const packageJson = JSON.parse(readFileSync(path.join(REPO_ROOT, 'apps/cli/package.json'), 'utf8')) as {
      version: string;
    };
    const run = await runCli(['--version']);
    expectSuccess(run);
    expect(run.stdout).toBe(`${packageJson.version}\n`);
  });
});

describe.each(calculators.map((c) => [c.id, c] as const))('bonemet score %s', (id, calculator) => {
  const exampleText = JSON.stringify(calculator.example);
  // What the calculator library computes for its example (its own tests check the numbers against the
  // published tables); here the command must pass that result through unchanged.
  const expected = calculator.run(calculator.example);

  it('runs its example from standard input: title, disclaimer, summary, assumptions and sources', async () => {
    const run = await runCli(['score', id, '--input', '-'], exampleText);
    expectSuccess(run);
    expect(run.stdout).toContain(calculator.title);
    expect(run.stdout).toContain(DISCLAIMER);
    expect(run.stdout).toContain(expected.summary);
    for (const assumption of expected.assumptions) expect(run.stdout).toContain(`assumption: ${assumption}`);
    expect(expected.sources.length).toBeGreaterThan(0);
    const sourcesSection = run.stdout.slice(run.stdout.indexOf('\nSources:\n'));
    expect(sourcesSection.length).toBeGreaterThan(0);
    expected.sources.forEach((source) => {
      expect(sourcesSection).toContain(`${source.short}: ${source.reference}`);
    });
  });

  it('--json prints one JSON document with the disclaimer and the result', async () => {
    const run = await runCli(['score', id, '--input', '-', '--json'], exampleText);
    expectSuccess(run);
    const output = JSON.parse(run.stdout) as {
      disclaimer: string;
      result: { calculator: string; summary: string; sources: Citation[] };
    };
    expect(output.disclaimer).toContain(DISCLAIMER);
    expect(output.result.calculator).toBe(id);
    expect(output.result.summary).toBe(expected.summary);
    expect(output.result.sources.map((s) => s.id)).toEqual(expected.sources.map((s) => s.id));
  });

  it('reads its input from a file given with -i', async () => {
    const file = path.join(tempDir, `${id}.json`);
    writeFileSync(file, exampleText);
    const run = await runCli(['score', id, '-i', file]);
    expectSuccess(run);
    expect(run.stdout).toContain(expected.summary);
  });

  it('--help lists every top-level input field, the example and the disclaimer, and reads no input', async () => {
    const schema = jsonSchemas()[`score-${id}`] as { properties: Record<string, unknown>; required: string[] };
    const run = await runCli(['score', id, '--help']);
    expectSuccess(run);
    expect(run.stdout).toContain(DISCLAIMER);
    const fields = Object.keys(schema.properties);
    expect(fields.length).toBeGreaterThan(0);
    for (const field of fields) {
      const flag = schema.required.includes(field) ? 'required' : 'optional';
      expect(run.stdout).toMatch(new RegExp(`^  ${field}  \\[.*, ${flag}\\]: \\S`, 'm'));
    }
    expect(run.stdout).toContain(JSON.stringify(calculator.example, null, 2));
  });
});

describe('bonemet score --list', () => {
  it('lists every calculator by id and title, with the disclaimer', async () => {
    const run = await runCli(['score', '--list']);
    expectSuccess(run);
    expect(run.stdout).toContain(DISCLAIMER);
    for (const c of calculators) expect(run.stdout).toMatch(new RegExp(`^  ${c.id} +${escapeRegExp(c.title)}$`, 'm'));
  });

  it('--json lists every calculator once, with the disclaimer', async () => {
    const run = await runCli(['score', '--list', '--json']);
    expectSuccess(run);
    const output = JSON.parse(run.stdout) as {
      disclaimer: string;
      calculators: { group: string; id: string; title: string }[];
    };
    expect(output.disclaimer).toContain(DISCLAIMER);
    expect(output.calculators.map((c) => c.id)).toEqual(calculators.map((c) => c.id));
    for (const c of output.calculators) expect(['score', 'laboratory', 'medication']).toContain(c.group);
  });
});

describe('bonemet schema', () => {
  const names = Object.keys(jsonSchemas());

  it.each(names)('%s prints the JSON Schema that jsonSchemas() generates', async (name) => {
    const run = await runCli(['schema', name]);
    expectSuccess(run);
    expect(JSON.parse(run.stdout)).toEqual(jsonSchemas()[name]);
  });
});

describe('usage mistakes: status 2, nothing on standard output', () => {
  const example = path.join(EXAMPLES_DIR, 'painful-uncomplicated.json');
  const missing = path.join(tempDir, 'no-such-patient.json');
  const cases: readonly {
    readonly what: string;
    readonly argv: readonly string[];
    readonly message: string | RegExp;
  }[] = [
    { what: 'an unknown command', argv: ['frobnicate'], message: 'unknown command "frobnicate"' },
    { what: 'an unknown top-level flag', argv: ['--verbose'], message: 'unknown option "--verbose"' },
    {
      what: 'extra arguments after --version',
      argv: ['--version', 'extra'],
      message: '--version takes no arguments: extra',
    },
    {
      what: 'an unknown flag on assess',
      argv: ['assess', example, '--verbose'],
      message: "Unknown option '--verbose'",
    },
    {
      what: 'an unknown flag on score',
      argv: ['score', 'mirels', '--input', '-', '--verbose'],
      message: "Unknown option '--verbose'",
    },
    { what: 'an unknown flag on score --list', argv: ['score', '--list', '--all'], message: "Unknown option '--all'" },
    { what: 'a missing file for assess', argv: ['assess', missing], message: `cannot read ${missing}: no such file` },
    {
      what: 'a missing file for score',
      argv: ['score', 'mirels', '--input', missing],
      message: `cannot read ${missing}: no such file`,
    },
    {
      what: 'a directory for assess',
      argv: ['assess', EXAMPLES_DIR],
      message: `cannot read ${EXAMPLES_DIR}: is a directory`,
    },
    {
      what: 'a directory for score',
      argv: ['score', 'mirels', '--input', EXAMPLES_DIR],
      message: `cannot read ${EXAMPLES_DIR}: is a directory`,
    },
    { what: 'assess without a file', argv: ['assess'], message: 'assess needs a patient state file' },
    { what: 'assess with two files', argv: ['assess', example, example], message: `unexpected argument: ${example}` },
    { what: 'score without a name', argv: ['score'], message: 'score needs a calculator name, or --list' },
    { what: 'score with only --json', argv: ['score', '--json'], message: 'score needs a calculator name, or --list' },
    { what: 'an unknown calculator', argv: ['score', 'mirel', '--input', '-'], message: 'unknown calculator "mirel"' },
    {
      what: 'help for an unknown calculator',
      argv: ['score', 'mirel', '--help'],
      message: 'unknown calculator "mirel"',
    },
    { what: 'score <name> without --input', argv: ['score', 'mirels'], message: 'score mirels needs --input <file|->' },
    {
      what: '--input without its value',
      argv: ['score', 'mirels', '--input'],
      message: "Option '-i, --input <value>' argument missing",
    },
    {
      what: 'score with two names',
      argv: ['score', 'mirels', 'sins', '--input', '-'],
      message: 'unexpected argument: sins',
    },
    {
      what: 'score --list with a name',
      argv: ['score', '--list', 'mirels'],
      message: 'score --list takes no calculator name',
    },
    {
      what: 'schema without a name',
      argv: ['schema'],
      message: /schema needs a name: patient-state, pet-time-point, score-mirels/,
    },
    { what: 'an unknown schema', argv: ['schema', 'patient'], message: 'unknown schema "patient"' },
    {
      what: 'schema with two names',
      argv: ['schema', 'patient-state', 'score-mirels'],
      message: 'unexpected argument: score-mirels',
    },
  ];

  it.each(cases)('$what', async ({ argv, message }) => {
    const run = await runCli(argv, '{}');
    expectUsageError(run, message);
    expect(run.stderr).not.toMatch(/internal error|\n\s+at /);
  });

  it('a usage mistake points to --help', async () => {
    expectUsageError(await runCli(['score']), 'run `bonemet --help` for usage');
  });
});

describe.each(
  readdirSync(EXAMPLES_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort(),
)('example %s', (file) => {
  const examplePath = path.join(EXAMPLES_DIR, file);
  const raw = JSON.parse(readFileSync(examplePath, 'utf8')) as {
    patient: { id: string; synthetic: unknown };
    assessmentDate: string;
  };

  it('is labelled synthetic in the file', () => {
    expect(raw.patient.synthetic).toBe(true);
  });

  it('assess --json: a report labelled synthetic, with the disclaimer, for this patient and date', async () => {
    const run = await runCli(['assess', examplePath, '--json']);
    expectSuccess(run);
    const report = JSON.parse(run.stdout) as RecommendationReport;
    expect(report.synthetic).toBe(true);
    expect(report.disclaimer).toContain(DISCLAIMER);
    expect(report.patientId).toBe(raw.patient.id);
    expect(report.assessmentDate).toBe(raw.assessmentDate);
    expect(report.lesions.length).toBeGreaterThan(0);
  });

  it('assess (text): disclaimer, synthetic label, every alert and option, and every cited source', async () => {
    const [text, json] = await Promise.all([
      runCli(['assess', examplePath]),
      runCli(['assess', examplePath, '--json']),
    ]);
    expectSuccess(text);
    const report = JSON.parse(json.stdout) as RecommendationReport;
    expect(text.stdout).toContain(DISCLAIMER);
    expect(text.stdout).toContain('SYNTHETIC PATIENT');
    expect(text.stdout).toContain(`patient ${raw.patient.id}, ${raw.assessmentDate}`);
    expect(text.stdout).toContain(`ALERTS (${String(report.alerts.length)})`);
    const options: TreatmentOption[] = [
      ...report.alerts,
      ...report.patientOptions,
      ...report.lesions.flatMap((l) => l.options),
    ];
    for (const option of options) expect(text.stdout).toContain(option.title);
    const cited = [
      ...options.flatMap((o) => o.sources),
      ...report.lesions.flatMap((l) => l.scores.flatMap((s) => s.sources)),
      ...report.calculations.flatMap((c) => c.sources),
    ];
    const sourcesSection = text.stdout.slice(text.stdout.indexOf('\nSOURCES\n'));
    for (const source of cited) expect(sourcesSection).toContain(`${source.short}: ${source.reference}`);
  });

  it('assess reads the same patient from standard input', async () => {
    const fromFile = await runCli(['assess', examplePath, '--json']);
    const fromStdin = await runCli(['assess', '-', '--json'], readFileSync(examplePath, 'utf8'));
    expectSuccess(fromStdin);
    expect(fromStdin.stdout).toBe(fromFile.stdout);
  });

  it('is listed in examples/README.md', () => {
    expect(readFileSync(path.join(EXAMPLES_DIR, 'README.md'), 'utf8')).toContain(`| ${file} |`);
  });
});
