import { BonemetError } from '@bonemet/core';
import { write, type CliIo } from '../io.js';
import { jsonSchemas } from '../json-schemas.js';
import { usageError } from '../usage.js';

export function schemaCommand(args: readonly string[], io: CliIo): number {
  const [name, ...extra] = args;
  if (name === undefined) throw usageError(`schema needs a name: ${Object.keys(jsonSchemas()).join(', ')}`);
  if (extra.length > 0) throw usageError(`unexpected argument: ${extra.join(' ')}`);
  const schema = jsonSchemas()[name];
  if (schema === undefined) {
    throw new BonemetError('not_found', `unknown schema "${name}"`, {
      issues: [
        { path: [], message: `unknown schema "${name}"`, hint: `one of: ${Object.keys(jsonSchemas()).join(', ')}` },
      ],
    });
  }
  write(io.stdout, JSON.stringify(schema, null, 2));
  return 0;
}
