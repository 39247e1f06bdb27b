import { formatIssuePath, isBonemetError, type BonemetError } from '@bonemet/core';
import { assessCommand } from './commands/assess.js';
import { bonescanCommand } from './commands/bonescan.js';
import { petCommand } from './commands/pet.js';
import { responseCommand } from './commands/response.js';
import { schemaCommand } from './commands/schema.js';
import { scoreCommand } from './commands/score.js';
import { trackCommand } from './commands/track.js';
import { write, type CliIo } from './io.js';
import { USAGE, usageError } from './usage.js';

export type { CliIo } from './io.js';

/** Exit status for input the user can fix (bad JSON, schema violations, unknown names, usage). */
export const EXIT_INVALID_INPUT = 2;
/** Exit status for an unexpected internal failure. */
export const EXIT_INTERNAL = 1;

const VERSION = '0.1.0';

/** Runs the `bonemet` command; returns the exit status. Never throws. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    if (isBonemetError(error)) {
      reportError(error, io);
      return EXIT_INVALID_INPUT;
    }
    if (
      error instanceof TypeError &&
      'code' in error &&
      typeof error.code === 'string' &&
      error.code.startsWith('ERR_PARSE_ARGS')
    ) {
      reportError(usageError(error.message), io);
      return EXIT_INVALID_INPUT;
    }
    write(io.stderr, `bonemet: internal error: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT_INTERNAL;
  }
}

async function dispatch(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case undefined:
    case '--help':
    case '-h':
    case 'help':
      noArguments(command ?? '', rest);
      write(io.stdout, USAGE);
      return 0;
    case '--version':
      noArguments(command, rest);
      write(io.stdout, VERSION);
      return 0;
    case 'assess':
      return assessCommand(rest, io);
    case 'score':
      return scoreCommand(rest, io);
    case 'schema':
      return schemaCommand(rest, io);
    case 'pet':
      return petCommand(rest, io);
    case 'bonescan':
      return bonescanCommand(rest, io);
    case 'response':
      return responseCommand(rest, io);
    case 'track':
      return trackCommand(rest, io);
    default:
      throw usageError(command.startsWith('-') ? `unknown option "${command}"` : `unknown command "${command}"`);
  }
}

function noArguments(command: string, rest: readonly string[]): void {
  if (rest.length > 0) throw usageError(`${command} takes no arguments: ${rest.join(' ')}`);
}

function reportError(error: BonemetError, io: CliIo): void {
  const lines = [`bonemet: ${error.message}`];
  for (const issue of error.issues) {
    lines.push(
      `  ${formatIssuePath(issue.path)}: ${issue.message}${issue.hint === undefined ? '' : ` (${issue.hint})`}`,
    );
  }
  write(io.stderr, lines.join('\n'));
}
