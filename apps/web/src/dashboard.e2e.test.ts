import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserServer, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The built server and dashboard, started as a separate process (an app never imports another app).
const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const SERVER_MAIN = join(REPO, 'apps/server/dist/main.js');
const WEB_INDEX = join(REPO, 'apps/web/dist/index.html');
const CHROMIUM = '/usr/bin/chromium';
const ADMIN_PASSWORD = 'an admin password for the dashboard test';
const RESEARCHER_PASSWORD = 'a researcher password for the dashboard test';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => {
        resolve(port);
      });
    });
  });
}

let dataDir = '';
let server: ChildProcess | undefined;
let browserServer: BrowserServer | undefined;
let browser: Browser | undefined;
let baseUrl = '';
let demoPassword = '';
let serverOutput = '';

beforeAll(async () => {
  if (!existsSync(SERVER_MAIN) || !existsSync(WEB_INDEX)) {
    throw new Error('build first: npm run build (the test runs apps/server/dist and apps/web/dist)');
  }
  dataDir = mkdtempSync(join(tmpdir(), 'bonemet-web-e2e-'));
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${String(port)}`;
  const env = {
    ...process.env,
    BONEMET_DATA_DIR: join(dataDir, 'data'),
    HOST: '127.0.0.1',
    PORT: String(port),
    BONEMET_LOG_LEVEL: 'warn',
  };
  const admin = spawnSync(process.execPath, [SERVER_MAIN, 'create-admin', 'admin'], {
    env,
    input: ADMIN_PASSWORD,
    encoding: 'utf8',
  });
  expect(admin.status, admin.stderr).toBe(0);
  // The demo command: seeds the cohort, creates the clinician "demo" with a random password, serves.
  const started = spawn(process.execPath, [SERVER_MAIN, 'demo'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  server = started;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`the server did not start:\n${serverOutput}`));
    }, 20_000);
    const onData = (chunk: Buffer): void => {
      serverOutput += chunk.toString();
      const match = /password "([^"]+)"/.exec(serverOutput);
      if (match?.[1] !== undefined) demoPassword = match[1];
      if (serverOutput.includes('bonemet server on')) {
        clearTimeout(timer);
        resolve();
      }
    };
    started.stdout.on('data', onData);
    started.stderr.on('data', onData);
    started.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited with ${String(code)}:\n${serverOutput}`));
    });
  });

  // A researcher account, created by the admin through the API.
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
  });
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const cookie = login.headers
    .getSetCookie()
    .map((line) => line.split(';')[0])
    .join('; ');
  const created = await fetch(`${baseUrl}/api/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken, cookie },
    body: JSON.stringify({ username: 'researcher', password: RESEARCHER_PASSWORD, role: 'researcher' }),
  });
  expect(created.status).toBe(201);

  browserServer = await chromium.launchServer({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  browser = await chromium.connect(browserServer.wsEndpoint());
}, 40_000);

function running(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

afterAll(async () => {
  await browser?.close().catch(() => undefined);
  const chromiumPid = browserServer?.process().pid;
  if (chromiumPid !== undefined) {
    try {
      process.kill(chromiumPid, 'SIGKILL');
    } catch {
      // already stopped by browser.close()
    }
  }
  const child = server;
  if (child?.pid !== undefined && running(child)) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    process.kill(child.pid, 'SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
    if (running(child)) process.kill(child.pid, 'SIGKILL');
  }
  if (dataDir !== '') rmSync(dataDir, { recursive: true, force: true });
}, 20_000);

/** A new page that records console errors (CSP violations are reported there) and page errors. */
async function newPage(): Promise<{ page: Page; problems: string[] }> {
  if (browser === undefined) throw new Error('no browser');
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    // The session probe (GET /api/auth/me) answers 401 before sign-in: Chromium logs that response.
    const sessionProbe = message.location().url.endsWith('/api/auth/me') && message.text().includes('401');
    if ((message.type() === 'error' || message.type() === 'warning') && !sessionProbe) problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  return { page, problems };
}

async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

describe('the dashboard in Chromium', () => {
  it('shows the synthetic cohort, a patient with an urgent alert on top, the timeline and the map', async () => {
    expect(demoPassword).toMatch(/^[A-Za-z0-9_-]{24}$/);
    const { page, problems } = await newPage();
    await signIn(page, 'demo', demoPassword);

    // The demo cohort is one patient per examples/*.json: 7 files, all synthetic.
    const rows = page.getByTestId('patient-row');
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(7);
    expect(await page.getByRole('cell', { name: 'Synthetic', exact: true }).count()).toBe(7);
    await expect.poll(() => page.getByText('Research use, not a medical device.').first().isVisible()).toBe(true);

    // Searching narrows the list to the one cord-compression example.
    await page.getByLabel('Search by name or MRN').fill('cord');
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(1);
    await page.getByRole('link', { name: /Spinal Cord Compression/ }).click();

    // examples/spinal-cord-compression.json: motor deficit with ESCC grade 3 at T8, which NICE NG234
    // treats as an emergency: the first card of the decision panel is urgent and cites NG234.
    await page.getByRole('heading', { name: 'Decision support' }).waitFor({ timeout: 10_000 });
    const firstOption = page.locator('.decision article.option').first();
    expect(await firstOption.getAttribute('class')).toContain('strength-urgent');
    expect(await firstOption.textContent()).toContain('NICE NG234');

    // The timeline: the cord compression event at T8, the denosumab doses (120 mg, the labelled dose the
    // seeder uses), the morphine-era pain score (worst pain 8 in the example).
    const timeline = (await page.getByTestId('timeline-list').textContent()) ?? '';
    expect(timeline).toContain('spinal cord compression: vertebra T8');
    expect(timeline).toContain('denosumab 120 mg');
    expect(timeline).toContain('Worst pain 8/10');
    expect(await page.getByText('Research use, not a medical device.').first().isVisible()).toBe(true);

    // The skeleton map: the T8 lesion in both views; a click shows its details.
    await page.getByRole('button', { name: /Lesion T8, T8 vertebral body \(anterior view\)/ }).click();
    expect(await page.getByTestId('lesion-details').textContent()).toContain('Thoracic spine');

    // Kept after the run (the data folder is removed): the layout can be looked at.
    await page.screenshot({ path: join(tmpdir(), 'bonemet-dashboard-patient-page.png'), fullPage: true });
    expect(problems).toEqual([]);
    await page.context().close();
  }, 30_000);

  it('shows researchers no names or MRNs', async () => {
    const { page, problems } = await newPage();
    await signIn(page, 'researcher', RESEARCHER_PASSWORD);
    const rows = page.getByTestId('patient-row');
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(7);
    const listText = (await page.locator('main').textContent()) ?? '';
    expect(listText).not.toContain('SYN-MRN-');
    expect(listText).not.toContain('Spinal Cord Compression');
    await rows.first().getByRole('link').click();
    await page.getByRole('heading', { name: 'Decision support' }).waitFor({ timeout: 10_000 });
    const patientText = (await page.locator('main').textContent()) ?? '';
    expect(patientText).not.toContain('SYN-MRN-');
    expect(patientText).toMatch(/Patient R-[0-9A-Z]{10}/);
    expect(problems).toEqual([]);
    await page.context().close();
  }, 20_000);
});
