import { readFile } from 'node:fs/promises';
import { BonemetError, parseJsonText } from '@bonemet/core';

export interface CliIo {
  readonly stdin: NodeJS.ReadableStream;
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
}

/** Inputs are small JSON documents; anything larger is refused rather than read into memory. */
export const MAX_INPUT_BYTES = 5 * 1024 * 1024;

async function readStream(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += buffer.length;
    if (size > MAX_INPUT_BYTES) {
      throw new BonemetError('invalid_input', `standard input is larger than ${String(MAX_INPUT_BYTES)} bytes`);
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Reads a JSON document from a file, or from standard input when `source` is `-`. */
export async function readJsonInput(source: string, io: CliIo): Promise<unknown> {
  const what = source === '-' ? 'standard input' : source;
  let text: string;
  if (source === '-') {
    text = await readStream(io.stdin);
  } else {
    try {
      const buffer = await readFile(source);
      if (buffer.length > MAX_INPUT_BYTES) {
        throw new BonemetError('invalid_input', `${source} is larger than ${String(MAX_INPUT_BYTES)} bytes`);
      }
      text = buffer.toString('utf8');
    } catch (cause) {
      if (cause instanceof BonemetError) throw cause;
      const code = (cause as NodeJS.ErrnoException).code;
      const reason =
        code === 'ENOENT'
          ? 'no such file'
          : code === 'EISDIR'
            ? 'is a directory'
            : code === 'EACCES'
              ? 'permission denied'
              : String(cause);
      throw new BonemetError(code === 'ENOENT' ? 'not_found' : 'io_error', `cannot read ${source}: ${reason}`, {
        cause,
      });
    }
  }
  // A byte-order mark is legal at the start of a UTF-8 file but not in JSON.
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  if (text.trim() === '') throw new BonemetError('malformed_input', `${what} is empty: expected a JSON document`);
  return parseJsonText(text, what);
}

export function write(stream: NodeJS.WritableStream, text: string): void {
  stream.write(text.endsWith('\n') ? text : `${text}\n`);
}
