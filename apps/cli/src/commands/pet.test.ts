import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DISCLAIMER, runCli } from '../test-support.js';

// IBSI SUV digital reference objects (CC BY 4.0, packages/dicom/test-data/ibsi-suv-dro/SOURCE.md): inside the
// mask a correct conversion gives SUV max 4.00, median 1.00, min 0.20.
const dro = (id: string): string =>
  resolve(import.meta.dirname, '../../../../packages/dicom/test-data/ibsi-suv-dro/DRO', id);

describe('bonemet pet suv', () => {
  it('reproduces the IBSI reference values inside the NIfTI mask (DRO_4_2: injection before midnight)', async () => {
    const run = await runCli([
      'pet',
      'suv',
      join(dro('DRO_4_2'), 'PT'),
      '--mask',
      join(dro('DRO_4_2'), 'mask', 'DRO_mask.nii.gz'),
      '--json',
    ]);
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as {
      disclaimer: string;
      conversion: { quantity: string };
      mask: { statistics: { max: number; median: number; min: number } };
    };
    expect(report.disclaimer).toContain(DISCLAIMER);
    expect(report.conversion.quantity).toBe('SUVbw');
    expect(report.mask.statistics.max).toBeCloseTo(4.0, 2);
    expect(report.mask.statistics.median).toBeCloseTo(1.0, 2);
    expect(report.mask.statistics.min).toBeCloseTo(0.2, 2);
  });

  it('prints the conversion as text with its steps and the disclaimer', async () => {
    const run = await runCli(['pet', 'suv', join(dro('DRO_0_0'), 'PT')]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(DISCLAIMER);
    expect(run.stdout).toMatch(/Factor \(rescaled value → SUVbw, g\/ml\)/);
  });

  it('refuses bad input with status 2 and nothing on standard output', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bonemet-pet-'));
    const notDicom = join(dir, 'x.dcm');
    writeFileSync(notDicom, 'not dicom');
    const cases: [string[], RegExp][] = [
      [['pet', 'suv'], /needs a PET series/],
      [['pet', 'suv', join(dir, 'missing')], /no such file/],
      [['pet', 'suv', notDicom], /not a DICOM Part 10 file/],
      [['pet', 'suv', dir], /no PET series/],
      [['pet', 'suv', join(dro('DRO_0_0'), 'PT'), '--quantity', 'suvx'], /unknown --quantity/],
      [['pet', 'suv', join(dro('DRO_0_0'), 'PT'), '--mask', join(dir, 'none.nii')], /cannot read the mask/],
      [['pet', 'frobnicate'], /unknown pet command/],
    ];
    for (const [argv, message] of cases) {
      const run = await runCli(argv);
      expect(run.status, argv.join(' ')).toBe(2);
      expect(run.stdout, argv.join(' ')).toBe('');
      expect(run.stderr, argv.join(' ')).toMatch(message);
    }
  });

  it('refuses SUL for patient sex "O" with a reason instead of guessing', async () => {
    const run = await runCli([
      'pet',
      'suv',
      join(dro('DRO_0_0'), 'PT'),
      '--mask',
      join(dro('DRO_0_0'), 'mask', 'DRO_mask.nii.gz'),
      '--quantity',
      'sul',
    ]);
    // DRO_0_0 has patient sex "O": the lean-body-mass SUL is refused with a reason rather than guessed.
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/sex/i);
  });
});

describe('bonemet pet compare', () => {
  const examples = resolve(import.meta.dirname, '../../../../examples/pet');
  const baseline = join(examples, 'synthetic-baseline.json');
  const followUp = join(examples, 'synthetic-follow-up.json');

  it('reads PERCIST PMR from the synthetic pair: hottest SULpeak 7.4 → 4.1 (−44.6%, −3.3 SUL)', async () => {
    // PERCIST 1.0 PMR: decrease ≥ 30% and ≥ 0.8 SUL; (4.1 − 7.4) / 7.4 = −44.6%.
    const run = await runCli(['pet', 'compare', baseline, followUp, '--json']);
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout) as {
      disclaimer: string;
      percist: { category: string };
      eortc: { category: string };
    };
    expect(result.disclaimer).toContain(DISCLAIMER);
    expect(result.percist.category).toBe('PMR');
    expect(result.eortc.category).toBe('PMR');
    const text = await runCli(['pet', 'compare', baseline, followUp]);
    expect(text.stdout).toMatch(/7\.40 → 4\.10 SUL/);
  });

  it('names the field of a bad time point by its path, status 2, nothing on standard output', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bonemet-compare-'));
    const bad = join(dir, 'bad.json');
    writeFileSync(
      bad,
      JSON.stringify({ studyDate: '2026-05-11', liver: { sulMean: -1, sulSd: 0.2, volumeMl: 14 }, lesions: [] }),
    );
    const run = await runCli(['pet', 'compare', baseline, bad]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/followUp\.liver\.sulMean/);
    const usage = await runCli(['pet', 'compare', baseline]);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/needs two quantified time points/);
  });
});
