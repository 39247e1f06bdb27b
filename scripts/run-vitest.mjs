// Runs the whole Vitest suite and ends with the plain closing line "N passed, N failed" so that the
// result can be read by any CI, whatever the reporter prints above it.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';

const resultsFile = '.vitest-results.json';
rmSync(resultsFile, { force: true });
const run = spawnSync(
  process.execPath,
  [
    'node_modules/vitest/vitest.mjs',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${resultsFile}`,
    ...process.argv.slice(2),
  ],
  { stdio: 'inherit' },
);
let summary;
try {
  summary = JSON.parse(readFileSync(resultsFile, 'utf8'));
} catch {
  console.log('vitest: 0 passed, 1 failed');
  process.exit(run.status === 0 ? 1 : (run.status ?? 1));
}
const passed = summary.numPassedTests;
const failed = summary.numFailedTests + (summary.success ? 0 : summary.numFailedTestSuites);
const skipped = summary.numPendingTests + summary.numTodoTests;
console.log(`vitest: ${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
process.exit(run.status === 0 && failed === 0 && passed > 0 ? 0 : 1);
