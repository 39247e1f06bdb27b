// Test-only harness (excluded from the build): runs the `bonemet` command in-process through
// `main(argv, io)` with in-memory streams, so tests see the exit status and both outputs as text.
import { PassThrough, Writable } from 'node:stream';
import { main } from './main.js';

/** The words every output must carry (DESIGN.md: research use, said wherever results are shown). */
export const DISCLAIMER = 'Research use, not a medical device';

export interface CliRun {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

function collector(): { readonly stream: Writable; readonly text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, callback): void {
      chunks.push(typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
      callback();
    },
  });
  return { stream, text: () => chunks.join('') };
}

/** Runs the command with `argv`, feeding `stdinText` to standard input. */
export async function runCli(argv: readonly string[], stdinText = ''): Promise<CliRun> {
  const stdin = new PassThrough();
  stdin.end(stdinText);
  const stdout = collector();
  const stderr = collector();
  const status = await main(argv, { stdin, stdout: stdout.stream, stderr: stderr.stream });
  return { status, stdout: stdout.text(), stderr: stderr.text() };
}

/** `text` as a regular expression that matches it literally. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
