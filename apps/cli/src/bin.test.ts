// End to end: the installed entry point `apps/cli/bin/bonemet.js` run as a separate Node.js process, with
// real standard streams and a real exit status. It runs the build output (dist/), which `npm test` builds
// before the tests; a missing build is a failure, not a skip.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const REPO_ROOT = path.resolve(import.meta.dirname, '../../..');
const BIN = path.join(REPO_ROOT, 'apps/cli/bin/bonemet.js');
const BUILT_MAIN = path.join(REPO_ROOT, 'apps/cli/dist/main.js');
const DISCLAIMER = 'Research use, not a medical device';

interface ProcessRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the command in its own process from the repository root, feeding `stdinText` to standard input. */
function runBin(args: readonly string[], stdinText = ''): Promise<ProcessRun> {
  if (!existsSync(BUILT_MAIN)) {
    throw new Error(`${BUILT_MAIN} does not exist: build first (\`npx tsc -b\`; \`npm test\` builds before testing)`);
  }
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => {
      resolve({ status, stdout, stderr });
    });
    child.stdin.end(stdinText);
  });
}

describe('bin/bonemet.js (separate process)', () => {
  it('assess examples/spinal-cord-compression.json: status 0, the alerts and the disclaimer', async () => {
    const run = await runBin(['assess', 'examples/spinal-cord-compression.json']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(DISCLAIMER);
    expect(run.stdout).toContain('SYNTHETIC PATIENT');
    // The example has a new motor deficit and ESCC grade 3 at T8: metastatic spinal cord compression is an
    // emergency, so the report must open with at least one urgent alert (NICE NG234).
    expect(run.stdout).toMatch(/^ALERTS \([1-9]\d*\)$/m);
    expect(run.stdout).toMatch(/^ {2}\[URGENT\] .*spinal cord compression/im);
  });

  it('assess - reads the patient state from standard input', async () => {
    const state = readFileSync(path.join(REPO_ROOT, 'examples/spinal-cord-compression.json'), 'utf8');
    const run = await runBin(['assess', '-', '--json'], state);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as { synthetic: boolean; disclaimer: string; patientId: string };
    expect(report).toMatchObject({ synthetic: true, patientId: 'SYN-002' });
    expect(report.disclaimer).toContain(DISCLAIMER);
  });

  it('score mirels --input - (the README example): Mirels 12, fixation, the disclaimer', async () => {
    // Mirels 1989: peritrochanteric 3 + functional pain 3 + lytic 3 + > 2/3 of the diameter 3 = 12 points;
    // a score of 9 or more indicates prophylactic fixation.
    const input = '{"site":"peritrochanteric","pain":"functional","lesionType":"lytic","size":"gt_two_thirds"}';
    const run = await runBin(['score', 'mirels', '--input', '-'], input);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(DISCLAIMER);
    expect(run.stdout).toMatch(/Mirels 12\/12/);
    expect(run.stdout).toMatch(/fixation/i);
  });

  it('invalid input: status 2, the problems by field path on stderr, nothing on stdout', async () => {
    const state = JSON.parse(readFileSync(path.join(REPO_ROOT, 'examples/spinal-cord-compression.json'), 'utf8')) as {
      performance: { ecog: unknown };
      lesions: { pain: { worstPain: unknown } }[];
    };
    state.performance.ecog = 5;
    for (const lesion of state.lesions) lesion.pain.worstPain = 'severe';
    const run = await runBin(['assess', '-'], JSON.stringify(state));
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^ {2}performance\.ecog: /m);
    expect(run.stderr).toMatch(/^ {2}lesions\[0\]\.pain\.worstPain: /m);
  });

  it('malformed JSON on standard input: status 2, nothing on stdout', async () => {
    const run = await runBin(['assess', '-'], '{"schemaVersion": "1", "patient": {');
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('standard input is not valid JSON');
  });

  it('a usage mistake: status 2, nothing on stdout', async () => {
    const run = await runBin(['assess', 'examples/no-such-patient.json']);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('cannot read examples/no-such-patient.json: no such file');
  });
});
