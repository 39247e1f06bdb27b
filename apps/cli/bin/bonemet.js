#!/usr/bin/env node
// Entry point kept in plain JavaScript so that npm can link it before the TypeScript build has run.
import { main } from '../dist/main.js';

process.exitCode = await main(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
});
