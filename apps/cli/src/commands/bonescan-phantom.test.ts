// `bonemet bonescan phantom`: the written studies exist, pass dciodvfy (Debian dicom3tools), carry their
// ground truth, and are analysed by `bonemet bonescan analyze`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateBoneScanPhantom } from '@bonemet/phantoms';
import { afterAll, describe, expect, it } from 'vitest';
import { DISCLAIMER, runCli } from '../test-support.js';
import type { BoneScanReport } from './bonescan.js';

const root = mkdtempSync(join(tmpdir(), 'bonemet-cli-bonescan-phantom-'));
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

interface GroundTruth {
  readonly notice: string;
  readonly options: { readonly seed: number; readonly totalCountsPerView?: number };
  readonly findings: readonly { readonly kind: string; readonly part: string }[];
  readonly bsi: { readonly percent: number };
  readonly image: { readonly columns: number; readonly rows: number };
}

describe('bonemet bonescan phantom', () => {
  const out = join(root, 'studies');

  it('writes n studies for seeds seed, seed+1, … with their truth; one passes dciodvfy and is analysed', async () => {
    const run = await runCli([
      'bonescan',
      'phantom',
      '--n',
      '2',
      '--seed',
      '700',
      '--out',
      out,
      '--counts',
      '1500000',
      '--metastases',
      '3',
      '--superscan',
      'no',
      '--json',
    ]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const summary = JSON.parse(run.stdout) as { disclaimer: string; studies: { seed: number; nmFile: string }[] };
    expect(summary.disclaimer).toContain(DISCLAIMER);
    expect(summary.studies.map((s) => s.seed)).toEqual([700, 701]);
    for (const seed of [700, 701]) {
      const directory = join(out, `seed-${String(seed)}`);
      for (const name of ['bonescan-nm.dcm', 'ground-truth.json', 'labels-anterior.u8', 'labels-posterior.u8']) {
        expect(existsSync(join(directory, name)), `${directory}/${name}`).toBe(true);
      }
      const truth = JSON.parse(readFileSync(join(directory, 'ground-truth.json'), 'utf8')) as GroundTruth;
      expect(truth.notice).toMatch(/SYNTHETIC/);
      expect(truth.options.seed).toBe(seed);
      expect(truth.options.totalCountsPerView).toBe(1_500_000);
      // Three random metastases were asked for; the truth lists them (other findings may be drawn too).
      expect(truth.findings.filter((f) => f.kind === 'metastasis')).toHaveLength(3);
      // The same options give the same study bit for bit: the truth matches a phantom generated here.
      const again = generateBoneScanPhantom({ seed, totalCountsPerView: 1_500_000, metastases: 3, superscan: false });
      expect(truth.bsi.percent).toBe(again.truth.bsi.percent);
      // The label maps hold one byte per pixel.
      expect(statSync(join(directory, 'labels-anterior.u8')).size).toBe(truth.image.columns * truth.image.rows);
    }
    const first = join(out, 'seed-700', 'bonescan-nm.dcm');
    const check = spawnSync('dciodvfy', [first], { encoding: 'utf8' });
    expect(
      check.error,
      'dciodvfy (Debian dicom3tools) must be installed: scripts/install-test-tools.sh',
    ).toBeUndefined();
    const output = `${check.stdout}${check.stderr}`;
    expect(output).toMatch(/NMImage/);
    expect(output.split('\n').filter((line) => line.startsWith('Error'))).toEqual([]);
    const analysed = await runCli(['bonescan', 'analyze', first, '--json']);
    expect(analysed.stderr).toBe('');
    expect(analysed.status).toBe(0);
    const report = JSON.parse(analysed.stdout) as BoneScanReport;
    // Both views of the written object, each with about 1.5 million counts (Poisson: within 1 %).
    expect(report.counts.ANT).toBeGreaterThan(1_485_000);
    expect(report.counts.ANT).toBeLessThan(1_515_000);
    expect(report.counts.POST).toBeGreaterThan(1_485_000);
    expect(report.counts.POST).toBeLessThan(1_515_000);
  }, 120_000);

  it('text output names each study and says the data are synthetic', async () => {
    const run = await runCli(['bonescan', 'phantom', '--n', '1', '--seed', '9', '--out', join(root, 'text')]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/Synthetic bone-scan phantoms \(not patient data\): 1 written/);
    expect(run.stdout).toMatch(/seed 9: .*bonescan-nm\.dcm/);
    expect(run.stdout).toContain(DISCLAIMER);
  }, 60_000);

  it.each([
    [['bonescan', 'phantom', '--n', '2', '--seed', '1']],
    [['bonescan', 'phantom', '--n', '0', '--seed', '1', '--out', 'x']],
    [['bonescan', 'phantom', '--n', 'two', '--seed', '1', '--out', 'x']],
    [['bonescan', 'phantom', '--n', '1', '--seed', '-1', '--out', 'x']],
    [['bonescan', 'phantom', '--n', '1', '--seed', '1', '--out', 'x', '--counts', '100000']],
    [['bonescan', 'phantom', '--n', '1', '--seed', '1', '--out', 'x', '--sex', 'X']],
    [['bonescan', 'phantom', '--n', '1', '--seed', '1', '--out', 'x', '--columns', '300']],
    [['bonescan', 'phantom', '--n', '1', '--seed', '1', '--out', 'x', '--rib-fractures', '1']],
    [['bonescan', 'phantom', '--n', '1', '--seed', '1', '--out', 'x', '--superscan', 'maybe']],
    [['bonescan', 'phantom', '--n', '1', '--seed', '1', '--out', 'x', 'extra']],
  ])('bad input %j: status 2, nothing written, nothing on standard output', async (argv) => {
    const run = await runCli(argv);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^bonemet: /);
    expect(existsSync('x')).toBe(false);
  });
});
