import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
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
/** The demo cohort: the seven examples/*.json patients and further synthetic patients (at least 12 in all). */
const MIN_COHORT_PATIENTS = 12;
/**
 * The patient whose bone scans the test reads: examples/spinal-cord-compression.json, with three bone scans
 * in the demo cohort and so a response assessment with subtraction pairs.
 */
const BONE_SCAN_PATIENT = 'cord';
const BONE_SCAN_PATIENT_NAME = 'Spinal Cord Compression';
/** The demo seeds its cohort before it serves: seconds on an idle machine, longer on a busy one. */
const SERVER_START_MS = 60_000;
/** How long the test waits for the demo cohort's background analyses of one patient (they run at start-up; minutes when the whole suite shares 2 cores). */
const ANALYSIS_WAIT_MS = 480_000;
/** How long a page waits for what it shows: the demo analyses its cohort in the same process meanwhile. */
const UI_WAIT_MS = 90_000;

/**
 * Screenshots of the main pages: kept after the run in the system's temporary folder (test artefacts), and
 * also written to the folder `BONEMET_SCREENSHOTS` names (relative to the repository), e.g.
 * `BONEMET_SCREENSHOTS=docs/screenshots npx vitest run apps/web/src/dashboard.e2e.test.ts`.
 */
const ARTEFACT_DIR = join(tmpdir(), 'bonemet-dashboard-screenshots');
const PUBLISH_DIR =
  process.env.BONEMET_SCREENSHOTS === undefined || process.env.BONEMET_SCREENSHOTS === ''
    ? undefined
    : isAbsolute(process.env.BONEMET_SCREENSHOTS)
      ? process.env.BONEMET_SCREENSHOTS
      : join(REPO, process.env.BONEMET_SCREENSHOTS);

async function screenshot(page: Page, name: string): Promise<void> {
  for (const dir of [ARTEFACT_DIR, PUBLISH_DIR]) {
    if (dir === undefined) continue;
    mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
  }
}

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
let demoApi: ApiSession | undefined;

/** A signed-in API session of the test itself, for waiting on the cohort's analyses. */
interface ApiSession {
  get(path: string): Promise<unknown>;
}

async function apiSession(username: string, password: string): Promise<ApiSession> {
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  expect(login.status).toBe(200);
  const cookie = login.headers
    .getSetCookie()
    .map((line) => line.split(';')[0])
    .join('; ');
  return {
    async get(path: string): Promise<unknown> {
      const response = await fetch(`${baseUrl}${path}`, { headers: { cookie } });
      if (!response.ok) throw new Error(`GET ${path}: ${String(response.status)}`);
      return response.json();
    },
  };
}

/** The research id of the one patient a name search finds. */
async function patientIdOf(search: string): Promise<string> {
  if (demoApi === undefined) throw new Error('no API session');
  const page = (await demoApi.get(`/api/patients?q=${encodeURIComponent(search)}`)) as { items: { id: string }[] };
  expect(page.items).toHaveLength(1);
  const id = page.items[0]?.id;
  if (id === undefined) throw new Error(`no patient for ${search}`);
  return id;
}

/** Waits (bounded, polling the API) until `ready` holds for the patient's analyses list or response. */
async function waitFor(path: string, ready: (body: unknown) => boolean): Promise<void> {
  if (demoApi === undefined) throw new Error('no API session');
  const deadline = Date.now() + ANALYSIS_WAIT_MS;
  for (;;) {
    if (ready(await demoApi.get(path))) return;
    if (Date.now() > deadline) throw new Error(`${path} was not ready within ${String(ANALYSIS_WAIT_MS / 1000)} s`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

const hasAnalysis =
  (kind: string) =>
  (body: unknown): boolean =>
    (body as { items: { kind: string }[] }).items.some((item) => item.kind === kind);

const hasResponse = (body: unknown): boolean => (body as { resultId: unknown }).resultId !== null;

/** The number in a BSI field such as "12.56 %"; NaN for "no edits". */
function percentOf(text: string | null): number {
  return Number.parseFloat((text ?? '').replace('%', '').trim());
}

beforeAll(
  async () => {
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
      }, SERVER_START_MS);
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
    demoApi = await apiSession('demo', demoPassword);

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
  },
  SERVER_START_MS + 3 * UI_WAIT_MS,
);

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
}, 60_000);

/** A new page that records console errors (CSP violations are reported there) and page errors. */
async function newPage(): Promise<{ page: Page; problems: string[] }> {
  if (browser === undefined) throw new Error('no browser');
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  page.setDefaultTimeout(UI_WAIT_MS);
  page.setDefaultNavigationTimeout(UI_WAIT_MS);
  const problems: string[] = [];
  page.on('console', (message) => {
    // The session probe (GET /api/auth/me) answers 401 before sign-in: Chromium logs that response.
    const sessionProbe = message.location().url.endsWith('/api/auth/me') && message.text().includes('401');
    if ((message.type() === 'error' || message.type() === 'warning') && !sessionProbe) problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  return { page, problems };
}

/** No console error, no page error, and no error box shown on the page (e.g. an answer the schemas refused). */
async function expectNoProblems(page: Page, problems: readonly string[]): Promise<void> {
  expect(problems).toEqual([]);
  expect(await page.locator('.error[role="alert"]').allTextContents()).toEqual([]);
}

async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

describe('the dashboard in Chromium', () => {
  it(
    'shows the synthetic cohort, a patient with an urgent alert on top, the timeline and the map',
    async () => {
      expect(demoPassword).toMatch(/^[A-Za-z0-9_-]{24}$/);
      const { page, problems } = await newPage();
      await signIn(page, 'demo', demoPassword);

      // The demo cohort: every patient synthetic, labelled so in the list.
      const rows = page.getByTestId('patient-row');
      await expect.poll(() => rows.count(), { timeout: UI_WAIT_MS }).toBeGreaterThanOrEqual(MIN_COHORT_PATIENTS);
      const shown = await rows.count();
      expect(await page.getByRole('cell', { name: 'Synthetic', exact: true }).count()).toBe(shown);
      await expect.poll(() => page.getByText('Research use, not a medical device.').first().isVisible()).toBe(true);
      await screenshot(page, 'patient-list');

      // The response and alert filters are served by the API: "with urgent alerts" keeps only patients whose
      // list row shows an urgent alert.
      await page.getByLabel('Alerts').selectOption('urgent');
      await expect.poll(async () => (await rows.count()) < shown, { timeout: UI_WAIT_MS }).toBe(true);
      const alertCells = await page.locator('[data-testid="patient-row"] td .badge.urgent').count();
      expect(alertCells).toBe(await rows.count());
      await page.getByLabel('Alerts').selectOption('all');

      // Searching narrows the list to the one cord-compression example.
      await page.getByLabel('Search by name or MRN').fill('cord');
      await expect.poll(() => rows.count(), { timeout: UI_WAIT_MS }).toBe(1);
      await page.getByRole('link', { name: /Spinal Cord Compression/ }).click();

      // examples/spinal-cord-compression.json: motor deficit with ESCC grade 3 at T8, which NICE NG234
      // treats as an emergency: the first card of the decision panel is urgent and cites NG234.
      await page.getByRole('heading', { name: 'Decision support' }).waitFor({ timeout: UI_WAIT_MS });
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

      // The skeleton map: the T8 lesion of the report, or, once the response assessment has tracked the bone
      // scans, a tracked thoracic-spine lesion; a click shows its details.
      await page
        .getByRole('button', { name: /(Lesion T8, T8 vertebral body|thoracic spine).*\(anterior view\)/ })
        .first()
        .click();
      expect(await page.getByTestId('lesion-details').textContent()).toMatch(/thoracic spine/i);
      await screenshot(page, 'patient-overview');
      await expectNoProblems(page, problems);
      await page.context().close();
    },
    4 * UI_WAIT_MS,
  );

  it(
    'reads a bone scan: hotspots in step with the list, a rejected hotspot lowers the edited BSI only',
    async () => {
      const patientId = await patientIdOf(BONE_SCAN_PATIENT);
      // The demo queues a patient's response assessment after all of its image analyses: once it exists, every
      // bone scan of the patient is analysed and the viewer opens the latest, the one the summary prints.
      await waitFor(`/api/patients/${patientId}/response`, hasResponse);
      const { page, problems } = await newPage();
      await signIn(page, 'demo', demoPassword);
      await page.getByTestId('patient-row').first().waitFor({ timeout: UI_WAIT_MS });
      await page.goto(`${baseUrl}/patients/${patientId}/bone-scan`);
      await page.getByTestId('hotspot-table').waitFor({ timeout: UI_WAIT_MS });

      // Both views, each drawn at the stored frame's physical aspect: the svg's width over height equals
      // (columns × column spacing) / (rows × row spacing) of the image the API lists.
      for (const view of ['ANT', 'POST']) {
        const frame = page.getByTestId(`frame-${view}`).locator('svg');
        const box = await frame.boundingBox();
        expect(box).not.toBeNull();
      }
      const automaticBefore = percentOf(await page.getByTestId('bsi-automatic').textContent());
      expect(automaticBefore).toBeGreaterThan(0);
      expect((await page.getByTestId('bsi-edited').textContent())?.trim()).toBe('no edits');

      // The first metastasis hotspot: hovering its row highlights its marker on the image.
      const row = page.locator('[data-testid="hotspot-row"]:has(.badge.metastasis)').first();
      const hotspotId = (await row.getAttribute('data-hotspot')) ?? '';
      expect(hotspotId).not.toBe('');
      await row.hover();
      await expect
        .poll(() => page.locator(`circle[data-marker="${hotspotId}"]`).getAttribute('class'))
        .toContain('active');
      await screenshot(page, 'bone-scan-viewer');

      // Reject it: the edited BSI appears and is lower; the automatic BSI stays as it was.
      await page.getByRole('button', { name: `Reject hotspot ${hotspotId}`, exact: true }).click();
      await expect.poll(() => page.getByTestId('bsi-edited').textContent(), { timeout: UI_WAIT_MS }).toMatch(/%/);
      const edited = percentOf(await page.getByTestId('bsi-edited').textContent());
      expect(edited).toBeLessThan(automaticBefore);
      expect(percentOf(await page.getByTestId('bsi-automatic').textContent())).toBe(automaticBefore);
      expect(await page.locator(`circle[data-marker="${hotspotId}"]`).getAttribute('class')).toContain('benign reader');

      // Undo brings back "no edits"; the hotspot is rejected again and kept for the printed summary.
      await page.getByRole('button', { name: 'Undo last edit' }).click();
      await expect.poll(() => page.getByTestId('bsi-edited').textContent(), { timeout: UI_WAIT_MS }).toBe('no edits');
      await page.getByRole('button', { name: `Reject hotspot ${hotspotId}`, exact: true }).click();
      await expect.poll(() => page.getByTestId('bsi-edited').textContent(), { timeout: UI_WAIT_MS }).toMatch(/%/);
      await screenshot(page, 'bone-scan-viewer-edited');

      // Add mode: a click on the anterior view adds a reader metastasis there (a dashed marker and an "add"
      // edit); undoing it leaves the rejection in place.
      await page.getByRole('button', { name: 'Add a hotspot' }).click();
      const anterior = page.getByTestId('frame-ANT').locator('svg');
      const box = await anterior.boundingBox();
      if (box === null) throw new Error('no anterior view');
      await anterior.click({ position: { x: box.width / 2, y: box.height * 0.45 } });
      const addEdits = page.locator('[data-testid="edits"] li[data-action="add"]');
      await expect.poll(() => addEdits.count(), { timeout: UI_WAIT_MS }).toBe(1);
      expect(await page.locator('circle.hotspot.metastasis.reader').count()).toBeGreaterThanOrEqual(1);
      await page.getByRole('button', { name: 'Undo last edit' }).click();
      await expect.poll(() => addEdits.count(), { timeout: UI_WAIT_MS }).toBe(0);
      expect(await page.locator('[data-testid="edits"] li[data-action="reject"]').count()).toBe(1);
      await expectNoProblems(page, problems);
      await page.context().close();
    },
    ANALYSIS_WAIT_MS + 3 * UI_WAIT_MS,
  );

  it(
    'shows the response panel and prints the tumour-board summary to PDF',
    async () => {
      const patientId = await patientIdOf(BONE_SCAN_PATIENT);
      await waitFor(`/api/patients/${patientId}/response`, hasResponse);
      const { page, problems } = await newPage();
      await signIn(page, 'demo', demoPassword);
      await page.getByTestId('patient-row').first().waitFor({ timeout: UI_WAIT_MS });
      await page.goto(`${baseUrl}/patients/${patientId}/response`);
      const panel = page.getByTestId('response-panel');
      await panel.getByTestId('response-point').first().waitFor({ timeout: UI_WAIT_MS });
      expect(await panel.textContent()).toMatch(/Confirmed progression/);
      expect(await panel.textContent()).toMatch(/Bone scan \(flare-aware progression\)/);
      await screenshot(page, 'response-panel');

      // The bone-scan section shows the temporal subtraction of consecutive scans with its legend.
      await page.goto(`${baseUrl}/patients/${patientId}/bone-scan`);
      await page.getByTestId('subtraction').waitFor({ timeout: UI_WAIT_MS });
      expect(await page.getByTestId('subtraction').textContent()).toMatch(/dark: more uptake on the later scan/);

      await page.goto(`${baseUrl}/patients/${patientId}/summary`);
      await page.getByTestId('summary-bone-scan').waitFor({ timeout: UI_WAIT_MS });
      await page.waitForLoadState('networkidle');
      const summary = (await page.getByTestId('print-summary').textContent()) ?? '';
      expect(summary).toContain(BONE_SCAN_PATIENT_NAME);
      expect(summary).toContain('Urgent alerts');
      expect(summary).toMatch(/after reader edits/);
      await screenshot(page, 'print-summary');
      const pdfDir = mkdtempSync(join(tmpdir(), 'bonemet-summary-pdf-'));
      try {
        const pdfPath = join(pdfDir, 'summary.pdf');
        await page.pdf({ path: pdfPath, format: 'A4', printBackground: true });
        const bytes = readFileSync(pdfPath);
        expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
        // A page of text, charts and two whole-body images: far more than an empty page's few kilobytes.
        expect(statSync(pdfPath).size).toBeGreaterThan(50_000);
        const pages = bytes.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? [];
        expect(pages.length).toBeGreaterThanOrEqual(2);
      } finally {
        rmSync(pdfDir, { recursive: true, force: true });
      }
      await expectNoProblems(page, problems);
      await page.context().close();
    },
    ANALYSIS_WAIT_MS + 3 * UI_WAIT_MS,
  );

  it(
    'shows the PET MIP with lesion markers; selecting a row highlights its marker',
    async () => {
      const patientId = await patientIdOf('Oligometastatic 0');
      await waitFor(`/api/patients/${patientId}/analyses`, hasAnalysis('pet-quantify'));
      const { page, problems } = await newPage();
      await signIn(page, 'demo', demoPassword);
      await page.getByTestId('patient-row').first().waitFor({ timeout: UI_WAIT_MS });
      await page.goto(`${baseUrl}/patients/${patientId}/pet`);
      const rows = page.getByTestId('pet-lesion-row');
      await rows.first().waitFor({ timeout: UI_WAIT_MS });
      await page.getByTestId('frame-MIP').waitFor();
      const lesionId = (await rows.first().locator('td').first().textContent()) ?? '';
      await rows.first().click();
      expect(await page.locator(`circle[data-marker="${lesionId}"]`).getAttribute('class')).toContain('active');
      await screenshot(page, 'pet-view');
      await expectNoProblems(page, problems);
      await page.context().close();
    },
    ANALYSIS_WAIT_MS + 3 * UI_WAIT_MS,
  );

  it(
    'shows researchers no names or MRNs and no edit controls',
    async () => {
      const { page, problems } = await newPage();
      await signIn(page, 'researcher', RESEARCHER_PASSWORD);
      const rows = page.getByTestId('patient-row');
      await expect.poll(() => rows.count(), { timeout: UI_WAIT_MS }).toBeGreaterThanOrEqual(MIN_COHORT_PATIENTS);
      const listText = (await page.locator('main').textContent()) ?? '';
      expect(listText).not.toContain('SYN-MRN-');
      expect(listText).not.toContain(BONE_SCAN_PATIENT_NAME);
      await rows.first().getByRole('link').click();
      await page.getByRole('heading', { name: 'Decision support' }).waitFor({ timeout: UI_WAIT_MS });
      const patientText = (await page.locator('main').textContent()) ?? '';
      expect(patientText).not.toContain('SYN-MRN-');
      expect(patientText).toMatch(/Patient R-[0-9A-Z]{10}/);

      // The bone scan read above (analysed by now): the viewer without edit controls.
      const patientId = await patientIdOf(BONE_SCAN_PATIENT);
      await page.goto(`${baseUrl}/patients/${patientId}/bone-scan`);
      await page.getByTestId('hotspot-table').waitFor({ timeout: UI_WAIT_MS });
      expect(await page.getByRole('button', { name: /^(Reject|Confirm) hotspot/ }).count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Add a hotspot' }).count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Undo last edit' }).count()).toBe(0);
      const viewerText = (await page.locator('main').textContent()) ?? '';
      expect(viewerText).not.toContain(BONE_SCAN_PATIENT_NAME);
      expect(viewerText).not.toContain('SYN-MRN-');
      await page.goto(`${baseUrl}/patients/${patientId}/summary`);
      await page.getByTestId('print-summary').waitFor({ timeout: UI_WAIT_MS });
      const summaryText = (await page.getByTestId('print-summary').textContent()) ?? '';
      expect(summaryText).not.toContain(BONE_SCAN_PATIENT_NAME);
      expect(summaryText).toContain(`Patient ${patientId}`);
      await expectNoProblems(page, problems);
      await page.context().close();
    },
    4 * UI_WAIT_MS,
  );
});
