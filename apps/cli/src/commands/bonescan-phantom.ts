/**
 * `bonemet bonescan phantom`: writes n synthetic whole-body bone scans (seeds seed, seed+1, …) as NM DICOM,
 * each with its ground truth (findings, region label maps, true Bone Scan Index), for testing and
 * benchmarking an analysis against known answers. Synthetic data, labelled as such in every file.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { BonemetError, RESEARCH_USE_DISCLAIMER } from '@bonemet/core';
import { generateBoneScanPhantom, writeBoneScanPhantom, type BoneScanPhantomOptionsInput } from '@bonemet/phantoms';
import { write, type CliIo } from '../io.js';
import { usageError } from '../usage.js';

export const BONESCAN_PHANTOM_USAGE = `bonemet bonescan phantom --n <count> --seed <n> --out <dir> [options] [--json]
  Writes <count> synthetic whole-body bone scans, seeds <n>, <n>+1, …, each in <dir>/seed-<seed>/:
  bonescan-nm.dcm (NM Image Storage, anterior and posterior frames), ground-truth.json (findings with
  their centres, true Bone Scan Index, uptake sites, habitus, acquisition) and labels-anterior.u8 /
  labels-posterior.u8 (the region label maps, one byte per pixel, stored orientation). Options (each
  drawn from the seed when left out):
    --counts <N>         expected total counts per view, 400000–3000000
    --sex <F|M>          habitus
    --columns <256|512>  image columns (default 256)
    --metastases <k>     randomly placed hot metastases, 0–40
    --lytic <k>          cold lytic metastases with a hot rim, 0–10
    --rib-fractures <k>  consecutive ribs with aligned fractures, 0 or 2–4
    --degenerative <yes|no>  symmetric degenerative joint uptake
    --superscan <yes|no>     diffusely high skeletal uptake
    --per-view           also write one single-frame NM object per view (anterior-nm.dcm, posterior-nm.dcm)`;

/** Largest number of studies in one call (about 2 MB each at 256 × 1024). */
const maxStudies = 1000;

export interface WrittenPhantomStudy {
  readonly seed: number;
  readonly directory: string;
  readonly nmFile: string;
  readonly groundTruthFile: string;
  readonly trueBsiPercent: number;
  readonly findings: number;
  readonly totalCounts: { readonly anterior: number; readonly posterior: number };
}

function integerOption(value: string | undefined, name: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!/^-?\d+$/.test(value.trim()) || !Number.isSafeInteger(number) || number < min || number > max) {
    throw new BonemetError('invalid_input', `--${name} ${value}: give a whole number from ${min} to ${max}`, {
      issues: [{ path: [`--${name}`], message: `not a whole number in ${min}–${max}`, hint: `e.g. --${name} ${min}` }],
    });
  }
  return number;
}

function yesNoOption(value: string | undefined, name: string): boolean | undefined {
  if (value === undefined) return undefined;
  if (value === 'yes' || value === 'no') return value === 'yes';
  throw new BonemetError('invalid_input', `--${name} ${value}: give yes or no`, {
    issues: [{ path: [`--${name}`], message: 'expected yes or no', hint: `e.g. --${name} no` }],
  });
}

export async function bonescanPhantom(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    options: {
      n: { type: 'string' },
      seed: { type: 'string' },
      out: { type: 'string' },
      counts: { type: 'string' },
      sex: { type: 'string' },
      columns: { type: 'string' },
      metastases: { type: 'string' },
      lytic: { type: 'string' },
      'rib-fractures': { type: 'string' },
      degenerative: { type: 'string' },
      superscan: { type: 'string' },
      'per-view': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length > 0) throw usageError(`bonescan phantom takes no file arguments: ${positionals.join(' ')}`);
  if (values.n === undefined || values.seed === undefined || values.out === undefined) {
    throw usageError('bonescan phantom needs --n <count>, --seed <n> and --out <dir>');
  }
  const count = integerOption(values.n, 'n', 1, maxStudies) ?? 1;
  const firstSeed = integerOption(values.seed, 'seed', 0, 4294967295 - count + 1) ?? 0;
  const sex = values.sex;
  if (sex !== undefined && sex !== 'F' && sex !== 'M') {
    throw new BonemetError('invalid_input', `--sex ${sex}: give F or M`, {
      issues: [{ path: ['--sex'], message: 'expected F or M', hint: 'e.g. --sex F' }],
    });
  }
  const columns = integerOption(values.columns, 'columns', 256, 512);
  if (columns !== undefined && columns !== 256 && columns !== 512) {
    throw new BonemetError('invalid_input', `--columns ${String(columns)}: give 256 or 512`, {
      issues: [{ path: ['--columns'], message: 'expected 256 or 512', hint: 'e.g. --columns 256' }],
    });
  }
  const fixed: Omit<BoneScanPhantomOptionsInput, 'seed'> = {
    ...(sex === undefined ? {} : { sex }),
    ...(columns === undefined ? {} : { columns }),
    ...optional('totalCountsPerView', integerOption(values.counts, 'counts', 400_000, 3_000_000)),
    ...optional('metastases', integerOption(values.metastases, 'metastases', 0, 40)),
    ...optional('lyticMetastases', integerOption(values.lytic, 'lytic', 0, 10)),
    ...optional('ribFractures', integerOption(values['rib-fractures'], 'rib-fractures', 0, 4)),
    ...optional('degenerativeJoints', yesNoOption(values.degenerative, 'degenerative')),
    ...optional('superscan', yesNoOption(values.superscan, 'superscan')),
  };
  const written: WrittenPhantomStudy[] = [];
  for (let seed = firstSeed; seed < firstSeed + count; seed += 1) {
    const phantom = generateBoneScanPhantom({ seed, ...fixed });
    const directory = join(values.out, `seed-${String(seed)}`);
    const files = await writeBoneScanPhantom(phantom, directory, { perView: values['per-view'] });
    written.push({
      seed,
      directory,
      nmFile: files.nmFile,
      groundTruthFile: files.groundTruthFile,
      trueBsiPercent: phantom.truth.bsi.percent,
      findings: phantom.truth.findings.length,
      totalCounts: { anterior: phantom.views[0].totalCounts, posterior: phantom.views[1].totalCounts },
    });
  }
  if (values.json) {
    write(
      io.stdout,
      JSON.stringify({ disclaimer: RESEARCH_USE_DISCLAIMER, synthetic: true, studies: written }, null, 2),
    );
    return 0;
  }
  const lines = [
    `Synthetic bone-scan phantoms (not patient data): ${String(written.length)} written to ${values.out}`,
    RESEARCH_USE_DISCLAIMER,
    '',
  ];
  for (const study of written) {
    lines.push(
      `  seed ${String(study.seed)}: ${study.nmFile}, ${String(study.findings)} finding(s), true BSI ${study.trueBsiPercent.toFixed(2)} %, counts ${String(study.totalCounts.anterior)} / ${String(study.totalCounts.posterior)} (anterior / posterior)`,
    );
  }
  write(io.stdout, lines.join('\n'));
  return 0;
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}
