export interface CliIo {
  readonly stdin: NodeJS.ReadableStream;
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
}

export function main(_argv: readonly string[], _io: CliIo): Promise<number> {
  return Promise.resolve(0);
}
