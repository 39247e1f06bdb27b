import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readJsonInput } from './io.js';

const io = { stdin: new PassThrough(), stdout: new PassThrough(), stderr: new PassThrough() };

describe('readJsonInput', () => {
  it('accepts a UTF-8 file that starts with a byte-order mark', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bonemet-io-'));
    const file = join(dir, 'bom.json');
    writeFileSync(file, '\uFEFF{"grade":"2"}', 'utf8');
    await expect(readJsonInput(file, io)).resolves.toEqual({ grade: '2' });
  });

  it('names a missing file as not found', async () => {
    await expect(readJsonInput('/nonexistent/bonemet.json', io)).rejects.toMatchObject({ code: 'not_found' });
  });
});
