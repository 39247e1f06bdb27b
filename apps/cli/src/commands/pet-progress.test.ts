/** The progress bar of long loads: on standard error only, when asked or at a terminal, never in stdout. */
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createProgressBar, renderProgress, takeProgressFlags } from '../progress.js';
import { runCli } from '../test-support.js';

const droPt = join(
  import.meta.dirname,
  '..',
  '..',
  '..',
  '..',
  'packages',
  'dicom',
  'test-data',
  'ibsi-suv-dro',
  'DRO',
  'DRO_0_0',
  'PT',
);

function sink(tty: boolean): { stream: Writable; writes: string[] } {
  const writes: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback): void {
      writes.push(chunk.toString('utf8'));
      callback();
    },
  });
  return { stream: tty ? Object.assign(stream, { isTTY: true, columns: 80 }) : stream, writes };
}

describe('takeProgressFlags', () => {
  it('removes --progress and --no-progress, the last one winning, and none after --', () => {
    expect(takeProgressFlags(['a', '--progress', '--json'])).toEqual({ rest: ['a', '--json'], progress: true });
    expect(takeProgressFlags(['--progress', 'a', '--no-progress'])).toEqual({ rest: ['a'], progress: false });
    expect(takeProgressFlags(['a'])).toEqual({ rest: ['a'], progress: undefined });
    expect(takeProgressFlags(['--', '--progress'])).toEqual({ rest: ['--', '--progress'], progress: undefined });
  });
});

describe('renderProgress', () => {
  it('12 of 48: a quarter of 24 cells filled, 25%', () => {
    expect(renderProgress({ done: 12, total: 48, stage: 'reading' }, 80)).toBe(
      '[######..................] 12/48  25%  reading',
    );
  });

  it('an unknown total shows an ellipsis; a long stage is cut to the width', () => {
    expect(renderProgress({ done: 0, total: 0, stage: 'listing' }, 80)).toBe(`[${'.'.repeat(24)}] …  listing`);
    const line = renderProgress({ done: 1, total: 2, stage: 'x'.repeat(200) }, 60);
    expect(line.length).toBe(59);
    expect(line.endsWith('x…')).toBe(true);
  });
});

describe('createProgressBar', () => {
  it('draws nothing on a pipe unless asked, and nothing at a terminal when refused', () => {
    for (const [tty, enabled, draws] of [
      [false, undefined, false],
      [false, true, true],
      [true, undefined, true],
      [true, false, false],
    ] as const) {
      const { stream, writes } = sink(tty);
      const bar = createProgressBar(stream, enabled);
      bar.update({ done: 1, total: 2, stage: 's' });
      bar.finish();
      expect(writes.length > 0, `tty ${String(tty)}, enabled ${String(enabled)}`).toBe(draws);
    }
  });

  it('redraws only when the whole percentage or the stage changes, then ends the line', () => {
    const { stream, writes } = sink(false);
    const bar = createProgressBar(stream, true);
    for (let done = 0; done <= 1000; done++) bar.update({ done, total: 1000, stage: 'files' });
    bar.update({ done: 1000, total: 1000, stage: 'next' });
    bar.finish();
    // 0%, 1%, …, 100% (101 draws), the new stage (1), the final newline (1).
    expect(writes).toHaveLength(103);
    expect(writes.at(-1)).toBe('\n');
    expect(writes.slice(0, -1).every((w) => w.startsWith('\r'))).toBe(true);
  });
});

describe('bonemet pet suv <folder> with --progress', () => {
  it('writes the bar (20 files of the DRO) to standard error and the same standard output', async () => {
    const plain = await runCli(['pet', 'suv', droPt, '--json']);
    const withBar = await runCli(['pet', 'suv', droPt, '--json', '--progress']);
    expect(plain.stderr).toBe('');
    expect(withBar.status).toBe(0);
    expect(withBar.stdout).toBe(plain.stdout);
    expect(withBar.stderr).toMatch(/\[#{24}\] 20\/20 100% {2}reading DICOM files under /);
    const off = await runCli(['pet', 'suv', droPt, '--json', '--no-progress']);
    expect(off.stderr).toBe('');
    expect(off.stdout).toBe(plain.stdout);
  });
});
