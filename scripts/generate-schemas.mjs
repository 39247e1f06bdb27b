// Writes the JSON Schemas generated from the validation schemas to schemas/, or with --check fails when the
// committed files differ from what the code generates. Run after `npm run build`.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { jsonSchemas } from '../apps/cli/dist/index.js';
import { responseJsonSchemas } from '../packages/response/dist/index.js';

const dir = 'schemas';
const check = process.argv.includes('--check');
const schemas = { ...jsonSchemas(), ...responseJsonSchemas() };
const expected = new Map(
  Object.entries(schemas).map(([name, schema]) => [`${name}.schema.json`, `${JSON.stringify(schema, null, 2)}\n`]),
);

if (check) {
  const problems = [];
  const present = new Set(readdirSync(dir).filter((f) => f.endsWith('.schema.json')));
  for (const [file, text] of expected) {
    if (!present.has(file)) problems.push(`missing ${join(dir, file)}`);
    else if (readFileSync(join(dir, file), 'utf8') !== text) problems.push(`out of date: ${join(dir, file)}`);
  }
  for (const file of present) if (!expected.has(file)) problems.push(`stale: ${join(dir, file)}`);
  if (problems.length > 0) {
    console.error(`JSON Schemas differ from the code (run \`npm run schemas\`):\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
  console.log(`schemas: ${expected.size} up to date`);
} else {
  mkdirSync(dir, { recursive: true });
  for (const file of readdirSync(dir))
    if (file.endsWith('.schema.json') && !expected.has(file)) throw new Error(`remove stale ${file}`);
  for (const [file, text] of expected) writeFileSync(join(dir, file), text);
  console.log(`schemas: wrote ${expected.size} files to ${dir}/`);
}
