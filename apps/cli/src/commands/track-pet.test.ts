// `bonemet track` for PET/CT on two studies of a synthetic patient (generatePetTimeline) written as DICOM: the
// expectations come from the phantom's truth (lesion tracks, centres, states, PERCIST category).
import { BonemetError } from '@bonemet/core';
import { generatePetTimeline, writePetCtPhantom, type PetTimeline } from '@bonemet/phantoms';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISCLAIMER, runCli } from '../test-support.js';
import type { CliIo } from '../io.js';
import { trackPetCommand, type TrackPetReport } from './track-pet.js';

const root = mkdtempSync(join(tmpdir(), 'bonemet-cli-track-pet-'));
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

// Seed 32, two studies: a responding patient: T1 (spine) and T2 (soft tissue) resolve, T3 (pelvis) decreases,
// T4 (pelvis) is new at the follow-up, so PERCIST is PMD (new lesion).
const small = { dimensions: [96, 72, 60] as [number, number, number] };
let timeline: PetTimeline;
const dirs = { earlier: join(root, 'earlier'), later: join(root, 'later'), other: join(root, 'other') };

beforeAll(async () => {
  timeline = generatePetTimeline({ seed: 32, timePoints: 2, ...small });
  const other = generatePetTimeline({ seed: 33, timePoints: 2, ...small });
  const [first, second] = timeline.studies;
  const otherSecond = other.studies[1];
  if (first === undefined || second === undefined || otherSecond === undefined) throw new Error('two studies');
  await writePetCtPhantom(first.phantom, dirs.earlier, 'siemens');
  await writePetCtPhantom(second.phantom, dirs.later, 'ge');
  await writePetCtPhantom(otherSecond.phantom, dirs.other, 'siemens');
}, 120_000);

function collector(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  return {
    stream: new Writable({
      write(chunk: Buffer | string, _encoding, callback): void {
        chunks.push(typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
        callback();
      },
    }),
    text: () => chunks.join(''),
  };
}

async function run(args: readonly string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const stdin = new PassThrough();
  stdin.end('');
  const stdout = collector();
  const stderr = collector();
  const io: CliIo = { stdin, stdout: stdout.stream, stderr: stderr.stream };
  const status = await trackPetCommand(args, io);
  return { status, stdout: stdout.text(), stderr: stderr.text() };
}

async function rejection(args: readonly string[]): Promise<BonemetError> {
  try {
    await run(args);
  } catch (error) {
    if (error instanceof BonemetError) return error;
    throw error;
  }
  throw new Error('expected a BonemetError');
}

const distance = (a: readonly number[] | null, b: readonly number[]): number =>
  a === null ? Number.POSITIVE_INFINITY : Math.hypot(...b.map((value, axis) => value - (a[axis] ?? 0)));

describe('bonemet track (PET/CT)', () => {
  it('--json: the phantom lesions matched with their true states and the true PERCIST category', async () => {
    const result = await run([dirs.earlier, dirs.later, '--json']);
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout) as TrackPetReport;
    expect(report.disclaimer).toContain(DISCLAIMER);
    expect(report.earlier.patientId).toBe('SYNTHETIC-32');
    expect(report.alignment.method).toBe('ct-bone');
    const [first, second] = timeline.studies;
    if (first === undefined || second === undefined) throw new Error('two studies');
    // The alignment maps each lesion's true later centre onto its true earlier centre.
    for (const lesion of second.lesions) {
      const before = first.lesions.find((l) => l.trackId === lesion.trackId);
      if (before === undefined) continue;
      const [r0, r1, r2] = report.alignment.transform.rotation;
      const t = report.alignment.transform.translationMm;
      const c = lesion.centreMm;
      const mapped = [r0, r1, r2].map((row, axis) => row[0] * c[0] + row[1] * c[1] + row[2] * c[2] + (t[axis] ?? 0));
      expect(distance(mapped, before.centreMm)).toBeLessThan(2.5);
    }
    // Every true lesion appears in one row, with the state the truth gives it.
    for (const lesion of second.lesions) {
      const before = first.lesions.find((l) => l.trackId === lesion.trackId);
      const row = report.lesions.find((candidate) =>
        lesion.label === null
          ? before !== undefined && distance(candidate.earlierCentroidMm, before.centreMm) < 8
          : distance(candidate.laterCentroidMm, lesion.centreMm) < 8,
      );
      expect(row?.state, `${lesion.trackId} (${lesion.site})`).toBe(lesion.state);
      if (lesion.state === 'decreased') {
        expect(distance(row?.earlierCentroidMm ?? null, before?.centreMm ?? [0, 0, 0])).toBeLessThan(8);
        expect(row?.confidence).toBeGreaterThan(0.5);
      }
    }
    expect(report.counts.new).toBe(second.lesions.filter((l) => l.state === 'new').length);
    expect(report.percist?.category).toBe(second.percist?.category);
  }, 120_000);

  it('text: the alignment, one row per lesion, PERCIST, method and sources', async () => {
    const result = await run([dirs.earlier, dirs.later]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(DISCLAIMER);
    expect(result.stdout).toMatch(/Alignment \(CT bone\): translation .* mm, rotation .*°; residual \d+\.\d\d mm/);
    expect(result.stdout).toMatch(/\n {0}track +earlier +later +state +SULpeak/);
    expect(result.stdout).toMatch(/Lesions: 1 new, 0 increased, 0 stable, 1 decreased, 2 resolved/);
    expect(result.stdout).toMatch(/PERCIST 1\.0, later vs earlier: PMD/);
    expect(result.stdout).toContain('Wahl');
  }, 120_000);

  it('is what `bonemet track` runs for PET/CT folders, with exit status 2 on studies of different patients', async () => {
    const tracked = await runCli(['track', dirs.earlier, dirs.later, '--json']);
    expect(tracked.status).toBe(0);
    const report = JSON.parse(tracked.stdout) as TrackPetReport;
    expect(report.earlier.patientId).toBe('SYNTHETIC-32');
    expect(report.alignment.method).toBe('ct-bone');
    const refused = await runCli(['track', dirs.earlier, dirs.other]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/different patients/);
  });

  it('refuses studies of different patients', async () => {
    const error = await rejection([dirs.earlier, dirs.other]);
    expect(error.code).toBe('invalid_input');
    expect(error.message).toMatch(/different patients/);
    expect(error.issues[0]?.path).toEqual(['<later>', 'PatientID']);
  }, 120_000);

  it('refuses dates out of order', async () => {
    const error = await rejection([dirs.later, dirs.earlier]);
    expect(error.code).toBe('invalid_input');
    expect(error.message).toMatch(/dates out of order/);
  }, 120_000);

  it('refuses unknown files: a missing path, a folder without DICOM', async () => {
    const missing = await rejection([join(root, 'nowhere'), dirs.later]);
    expect(missing.code).toBe('not_found');
    expect(missing.issues[0]?.path[0]).toBe('<earlier>');
    const empty = join(root, 'empty');
    mkdirSync(empty);
    const none = await rejection([dirs.earlier, empty]);
    expect(none.code).toBe('invalid_input');
    expect(none.message).toMatch(/later study .*no PET series/);
  }, 120_000);

  it('refuses a missing argument and prints its usage with --help', async () => {
    const missing = await rejection([dirs.earlier]);
    expect(missing.code).toBe('invalid_input');
    expect(missing.issues[0]?.message).toMatch(/two PET\/CT studies are needed/);
    const help = await run(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('bonemet track <earlier> <later>');
    expect(help.stdout).toContain(DISCLAIMER);
  });
});
