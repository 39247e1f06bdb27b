// A worker process for tests only (never built into dist, never reachable from `main.js`): the real
// `worker` command from the build, with a progress hook that stops the first job it runs half-way (after it
// has read the stored study, at the "converting PET to SUV" report) and prints `paused <job id>`, so that a
// test can kill this process mid-job by its PID. Run it after `npx tsc -b`.
import { loadConfig } from '../../dist/config.js';
import { runWorkerCommand } from '../../dist/jobs/worker-command.js';

let paused = false;
const status = await runWorkerCommand(loadConfig(process.env), {
  onProgress: async (runId, fraction) => {
    if (paused || fraction < 0.5) return;
    paused = true;
    process.stdout.write(`paused ${runId}\n`);
    await new Promise(() => undefined);
  },
});
process.exit(status);
