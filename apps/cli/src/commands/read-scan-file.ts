import { readFile } from 'node:fs/promises';
import type { ScanFile } from '@bonemet/bonescan';
import { BonemetError, type Issue } from '@bonemet/core';

/**
 * Reads one bone-scan file. A file that cannot be read is `not_found` (no such file) or `io_error`, with the
 * issue `issueOf(reason)` gives, so that each command names the file where its input named it.
 */
export async function readScanFile(path: string, issueOf: (reason: string) => Issue): Promise<ScanFile> {
  try {
    return { bytes: await readFile(path), source: path };
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : String(cause);
    throw new BonemetError(code === 'ENOENT' ? 'not_found' : 'io_error', `cannot read ${path}: ${reason}`, {
      issues: [issueOf(reason)],
      cause,
    });
  }
}
