import { assessPatient } from '@bonemet/clinical';
import { parseArgs } from 'node:util';
import { readJsonInput, write, type CliIo } from '../io.js';
import { renderReport } from '../render/report-text.js';
import { usageError } from '../usage.js';

export async function assessCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    options: { json: { type: 'boolean', default: false } },
    allowPositionals: true,
    strict: true,
  });
  const [source, ...extra] = positionals;
  if (source === undefined) throw usageError('assess needs a patient state file (or - for standard input)');
  if (extra.length > 0) throw usageError(`unexpected argument${extra.length > 1 ? 's' : ''}: ${extra.join(' ')}`);
  const report = assessPatient(await readJsonInput(source, io));
  write(io.stdout, values.json ? JSON.stringify(report, null, 2) : renderReport(report));
  return 0;
}
