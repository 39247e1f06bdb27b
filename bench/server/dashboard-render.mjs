// The dashboard's first render in headless Chromium (issue 6 item 8), printed as JSON. Run after `npm run build`
// (apps/server/dist and apps/web/dist):
//   node bench/server/dashboard-render.mjs [runs] [waitForAnalysesSeconds]
// The built server's demo (`main.js demo`: the synthetic cohort on the embedded database in a temporary folder,
// loopback) and Debian's Chromium driven by playwright-core. The demo clinician signs in once; each measurement
// then opens a new browser context with that session's cookies and an empty cache and times, from navigation start,
//   - a patient page (the cord-compression patient) until its skeleton map is visible;
//   - the patient list until its first row is visible.
// The demo stores and analyses its cohort's images in the background after it starts serving; the benchmark waits
// for that to finish (at most `waitForAnalysesSeconds`, default 900) and says whether it had. Target: median < 2 s.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { freeLoopbackPort, quantile, signIn, startServer, withCleanup } from './support.mjs';

const runs = Number(process.argv[2] ?? 5);
const waitForAnalysesMs = Number(process.argv[3] ?? 900) * 1000;
const targetMs = 2000;
const CHROMIUM = '/usr/bin/chromium';

const result = await withCleanup(async (cleanup) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'bonemet-bench-dashboard-'));
  cleanup(async () => rmSync(dataDir, { recursive: true, force: true }));
  const port = await freeLoopbackPort();
  const base = `http://127.0.0.1:${port}`;
  const server = await startServer(
    { BONEMET_DATA_DIR: join(dataDir, 'data'), PORT: String(port), BONEMET_LOG_LEVEL: 'warn' },
    ['demo'],
    /password "([^"]+)"[\s\S]*bonemet server on/,
  );
  cleanup(server.stop);
  const password = server.match[1];
  const waitStart = performance.now();
  while (!/cohort analyses done/.test(server.output()) && performance.now() - waitStart < waitForAnalysesMs) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  const analysesDone = /cohort analyses done[^\n]*/.exec(server.output())?.[0] ?? null;
  const headers = await signIn(base, 'demo', password);
  const list = await (await fetch(`${base}/api/patients?q=${encodeURIComponent('Spinal Cord')}`, { headers })).json();
  const patientId = list.items?.[0]?.id;
  if (patientId === undefined) throw new Error('the demo cohort has no cord-compression patient');

  const browserServer = await chromium.launchServer({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  cleanup(async () => {
    await browserServer.close().catch(() => undefined);
    const pid = browserServer.process().pid;
    if (pid !== undefined && browserServer.process().exitCode === null) process.kill(pid, 'SIGKILL');
  });
  const browser = await chromium.connect(browserServer.wsEndpoint());
  cleanup(() => browser.close());

  // Sign in once through the login form; later contexts start from this session's cookies.
  const loginContext = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const loginPage = await loginContext.newPage();
  // Signing in is not measured: a busy machine may take long, so it is given two minutes.
  loginPage.setDefaultTimeout(120_000);
  loginPage.setDefaultNavigationTimeout(120_000);
  await loginPage.goto(`${base}/`);
  await loginPage.getByLabel('Username').fill('demo');
  await loginPage.getByLabel('Password').fill(password);
  await loginPage.getByRole('button', { name: 'Sign in' }).click();
  await loginPage.getByTestId('patient-row').first().waitFor({ timeout: 120_000 });
  const storageState = await loginContext.storageState();
  await loginContext.close();

  async function timeTo(path, visible) {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, storageState });
    try {
      const page = await context.newPage();
      const start = performance.now();
      await page.goto(`${base}${path}`, { waitUntil: 'commit', timeout: 60_000 });
      await visible(page).waitFor({ state: 'visible', timeout: 60_000 });
      return performance.now() - start;
    } finally {
      await context.close();
    }
  }
  const patientPageMs = [];
  const patientListMs = [];
  for (let k = 0; k < runs; k++) {
    patientPageMs.push(
      await timeTo(`/patients/${patientId}`, (page) => page.locator('[data-testid="skeleton-map"] svg').first()),
    );
    patientListMs.push(await timeTo('/', (page) => page.getByTestId('patient-row').first()));
  }
  const summary = (values) => ({
    timesMs: values.map((ms) => +ms.toFixed(0)),
    medianMs: +quantile(values, 0.5).toFixed(0),
    met: quantile(values, 0.5) < targetMs,
  });
  return {
    name: 'dashboard first render in headless Chromium (demo cohort, PGlite)',
    input: `${runs} measurements each, a new browser context (empty cache, the signed-in session's cookies) per measurement, loopback`,
    backgroundAnalyses: analysesDone ?? `still running after ${waitForAnalysesMs / 1000} s (measured under that load)`,
    patientPageUntilSkeletonMap: summary(patientPageMs),
    patientListUntilFirstRow: summary(patientListMs),
    targetMs,
  };
});
console.log(JSON.stringify(result, null, 2));
