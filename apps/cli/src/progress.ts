/**
 * A progress bar for long loads, drawn on standard error only (standard output stays pure JSON or CSV):
 * by default when standard error is a terminal; `--progress` draws it anywhere (a log file, a pipe),
 * `--no-progress` never.
 */
import type { LoadProgress } from '@bonemet/dicom';

export interface ProgressReporter {
  readonly update: (progress: LoadProgress) => void;
  /** Ends the bar's line; nothing when nothing was drawn. */
  readonly finish: () => void;
}

const barWidth = 24;

/** Removes `--progress` / `--no-progress` from `args` (the last one given wins; none after `--`). */
export function takeProgressFlags(args: readonly string[]): { rest: string[]; progress: boolean | undefined } {
  const rest: string[] = [];
  let progress: boolean | undefined;
  let optionsEnded = false;
  for (const arg of args) {
    if (!optionsEnded && arg === '--progress') progress = true;
    else if (!optionsEnded && arg === '--no-progress') progress = false;
    else {
      if (arg === '--') optionsEnded = true;
      rest.push(arg);
    }
  }
  return { rest, progress };
}

function isTerminal(stream: NodeJS.WritableStream): boolean {
  return 'isTTY' in stream && stream.isTTY === true;
}

function columnsOf(stream: NodeJS.WritableStream): number {
  return 'columns' in stream && typeof stream.columns === 'number' && stream.columns > 20 ? stream.columns : 100;
}

/** The text of one bar: `[#######.................]  7/24  29%  stage`. */
export function renderProgress(progress: LoadProgress, columns: number): string {
  const { done, total, stage } = progress;
  const fraction = total > 0 ? Math.min(1, Math.max(0, done / total)) : 0;
  const filled = Math.round(fraction * barWidth);
  const counts =
    total > 0 ? `${String(done)}/${String(total)} ${String(Math.floor(fraction * 100)).padStart(3)}%` : '…';
  const head = `[${'#'.repeat(filled)}${'.'.repeat(barWidth - filled)}] ${counts}  `;
  const room = Math.max(10, columns - 1 - head.length);
  return head + (stage.length > room ? `${stage.slice(0, room - 1)}…` : stage);
}

/**
 * A reporter that draws on `stream` when `enabled` is true, or when it is undefined and `stream` is a
 * terminal. It redraws only when the stage or the whole percentage changes, so a long load writes a few
 * hundred short lines at most.
 */
export function createProgressBar(stream: NodeJS.WritableStream, enabled: boolean | undefined): ProgressReporter {
  if (!(enabled ?? isTerminal(stream))) return { update: () => undefined, finish: () => undefined };
  let drawn = '';
  let lastKey = '';
  return {
    update: (progress) => {
      const percent = progress.total > 0 ? Math.floor((100 * progress.done) / progress.total) : -1;
      const key = `${progress.stage}\u0000${String(percent)}`;
      if (key === lastKey) return;
      lastKey = key;
      const text = renderProgress(progress, columnsOf(stream));
      // Carriage return and padding overwrite the previous bar in place, without terminal escape codes.
      stream.write(`\r${text.padEnd(drawn.length)}`);
      drawn = text;
    },
    finish: () => {
      if (drawn !== '') stream.write('\n');
      drawn = '';
      lastKey = '';
    },
  };
}
