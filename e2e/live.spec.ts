import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { projectRoot } from '../lib/build/paths';
import { buildsDirFor } from '../lib/build/swap';
import { serveStatic } from '../lib/cli/serve';
import { closedPort } from '../lib/monitor/test-support';

/**
 * The truth on every page, as a reader sees it: a site built from its own content, served as a static host
 * would, the real pinger (`outpost ping --watch --publish`) watching a real local server that is stopped and
 * started again, staff posting with the real CLI, and pages open in Chromium with JavaScript on, beside the
 * same pages fetched as a reader without JavaScript gets them.
 */
test.describe.configure({ mode: 'serial' });

const INTERVAL_MS = 5_000;
/** What one interval allows in this test: the interval, plus a second for a loaded machine. */
const WITHIN_MS = INTERVAL_MS + 1_000;

let tmp: string;
let content: string;
let data: string;
let out: string;
let product: http.Server;
let productPort: number;
let site: http.Server;
let base: string;
let pinger: ChildProcess;
let pingerLog = '';

const resolved = '2026-11-20-login-failures';

/** The product's health endpoint, on a fixed port so it can be stopped and started again. */
async function startProduct(): Promise<void> {
  product = http.createServer((_req, res) => res.writeHead(200).end('ok'));
  await new Promise<void>((resolve) => product.listen(productPort, '127.0.0.1', resolve));
}
async function stopProduct(): Promise<void> {
  product.closeAllConnections();
  await new Promise((resolve) => product.close(resolve));
}

/** The moment the pinger logged its `n`th line matching `pattern` (the line's ISO time), waiting for it. */
async function logged(pattern: RegExp, n = 1): Promise<number> {
  const lines = () => pingerLog.split('\n').filter((l) => pattern.test(l));
  await expect.poll(() => lines().length, { timeout: 60_000 }).toBeGreaterThanOrEqual(n);
  const line = lines()[n - 1]!;
  return Date.parse(line.slice(0, line.indexOf(' ')));
}

/** A page as a reader without JavaScript (a crawler, a chat unfurl) gets it now. */
const fetched = async (url: string) => (await fetch(`${base}${url}`)).text();

/**
 * Runs an `outpost` command. Not spawnSync: the product's health endpoint is served by this process, and a command
 * of several seconds on a slow machine would block it long enough for the pinger to confirm a false outage.
 */
async function cli(...args: string[]): Promise<{ stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['bin/outpost.js', ...args, '--content', content, '--data', data, '--publish', out]);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk));
  const status = await new Promise<number | null>((resolve) => child.once('close', resolve));
  expect(status, stderr).toBe(0);
  return { stdout, stderr };
}

/** Waits until `ready` holds, and says how long after `from` (ms since the epoch) that was. */
async function timeUntil(ready: () => Promise<boolean>, from: number): Promise<number> {
  await expect.poll(ready, { timeout: 30_000, intervals: [100] }).toBe(true);
  return Date.now() - from;
}

test.beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-live-'));
  content = path.join(tmp, 'content');
  data = path.join(tmp, 'data');
  out = path.join(tmp, 'out');
  productPort = await closedPort();
  fs.mkdirSync(path.join(content, 'incidents'), { recursive: true });
  fs.mkdirSync(path.join(content, 'maintenance'));
  fs.writeFileSync(
    path.join(content, 'site.yaml'),
    `name: Live Test\nurl: https://status.live.example\ncomponents:\n  - id: api\n    name: API\n    checks:\n      - type: http\n        url: http://127.0.0.1:${productPort}/health\n  - id: web\n    name: Website\nmonitoring:\n  intervalSeconds: 5\n  timeoutMs: 1000\n  retries: 0\n  failuresToOpen: 2\n  successesToClose: 1\n`,
  );
  fs.writeFileSync(
    path.join(content, 'incidents', `${resolved}.md`),
    '---\ntitle: Login failures\nimpact: major\ncomponents:\n  web: partial_outage\nupdates:\n  - at: 2026-11-20T10:00:00Z\n    status: investigating\n    message: Logins fail.\n  - at: 2026-11-20T11:00:00Z\n    status: resolved\n    message: Fixed.\n---\n',
  );
  await startProduct();
  const build = spawnSync(process.execPath, ['bin/outpost.js', 'build', '--content', content, '--data', data, '--out', out], { encoding: 'utf8' });
  expect(build.status, build.stderr).toBe(0);
  site = await serveStatic(out, 0);
  base = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  pinger = spawn(process.execPath, ['bin/outpost.js', 'ping', '--watch', '--location', 'e2e', '--content', content, '--data', data, '--publish', out]);
  pinger.stdout!.on('data', (chunk: Buffer) => (pingerLog += chunk));
  pinger.stderr!.on('data', (chunk: Buffer) => (pingerLog += chunk));
  // The first rounds are published: the page says operational, checked by the monitor.
  await expect.poll(async () => (await fetched('/')).includes('All Systems Operational'), { timeout: 30_000 }).toBe(true);
});

test.afterAll(async () => {
  // Waited for: it ends the round (and publish) it is in before its builds are removed.
  if (pinger && pinger.exitCode === null && pinger.signalCode === null) {
    const exited = new Promise((resolve) => pinger.once('exit', resolve));
    pinger.kill('SIGTERM');
    await exited;
  }
  site?.close();
  await stopProduct().catch(() => {});
  if (out) fs.rmSync(buildsDirFor(projectRoot, out), { recursive: true, force: true });
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

/** Pages open in Chromium with JavaScript on, by path. */
async function openPages(browser: Browser, paths: string[]): Promise<Record<string, Page>> {
  const pages: Record<string, Page> = {};
  for (const p of paths) {
    pages[p] = await browser.newPage();
    await pages[p].goto(`${base}${p}`);
  }
  return pages;
}

test('an outage and the recovery reach every page that shows them, with JavaScript and without, within one interval of confirmation', async ({ browser }) => {
  const open = await openPages(browser, ['/', '/components/api']);
  const row = (page: Page) => page.locator('li.component:has(a[href="/components/api"]) .badge');
  await expect(row(open['/']!)).toHaveText('Operational');
  await expect(open['/']!.locator('.checked')).toContainText('Checked');

  await stopProduct();
  const confirmed = await logged(/outage=opened check=api/);
  const down = {
    'home, no JavaScript': await timeUntil(async () => /href="\/components\/api">[^<]*<\/a><span class="badge[^>]*>(?:(?!<\/span>).)*Major outage<\/span>/.test(await fetched('/')), confirmed),
    'component page, no JavaScript': await timeUntil(async () => (await fetched('/components/api')).includes('Major outage'), confirmed),
    'badge': await timeUntil(async () => (await fetched('/components/api/badge.svg')).includes('Major outage'), confirmed),
    'status.json': await timeUntil(async () => (await fetched('/status.json')).includes('"major_outage"'), confirmed),
    'api/v2/components.json': await timeUntil(async () => (await fetched('/api/v2/components.json')).includes('"major_outage"'), confirmed),
    'home, open with JavaScript': await timeUntil(async () => (await row(open['/']!).textContent()) === 'Major outage', confirmed),
    'component page, open with JavaScript': await timeUntil(async () => (await open['/components/api']!.locator('[data-live="status"] .badge').first().textContent()) === 'Major outage', confirmed),
  };
  for (const [where, ms] of Object.entries(down)) expect(ms, `${where}: ${ms} ms after confirmation`).toBeLessThanOrEqual(WITHIN_MS);
  // The banner, the row, today's bar and the figures are one rendering: they agree.
  await expect(open['/']!.locator('.banner h2')).toHaveText('Major System Outage');
  await expect(open['/']!.locator('li.component:has(a[href="/components/api"]) .flags')).toHaveText('Detected automatically');

  await startProduct();
  const recovered = await logged(/outage=closed check=api/);
  const up = {
    'home, no JavaScript': await timeUntil(async () => (await fetched('/')).includes('All Systems Operational'), recovered),
    'component page, no JavaScript': await timeUntil(async () => !(await fetched('/components/api')).includes('Major outage</span></div>'), recovered),
    'home, open with JavaScript': await timeUntil(async () => (await row(open['/']!).textContent()) === 'Operational', recovered),
  };
  for (const [where, ms] of Object.entries(up)) expect(ms, `${where}: ${ms} ms after recovery`).toBeLessThanOrEqual(WITHIN_MS);
  await expect(open['/']!.locator('.banner h2')).toHaveText('All Systems Operational');
});

test('a staff update posted with the CLI is on every page that shows it at once without JavaScript, and on open pages within one interval', async ({ browser }) => {
  const open = await openPages(browser, ['/', '/components/web', '/history']);
  const posted = Date.now();
  const run = await cli('incident', 'new', '--title', 'Website slow', '--impact', 'minor', '--component', 'web=degraded_performance', '--message', 'Pages take **seconds** to load.', '--slug', 'website-slow');
  expect(run.stdout).toMatch(/published into .*: \d+ files rewritten/);
  const id = /incidents\/(\S+)\.md/.exec(run.stdout)![1]!;
  // Without JavaScript: the command returned, so every page already says it.
  expect(await fetched('/')).toContain('Website slow');
  expect(await fetched(`/incidents/${id}`)).toContain('Pages take <strong>seconds</strong> to load.');
  expect(await fetched('/components/web')).toContain('Degraded performance');
  expect(await fetched('/history')).toContain('Website slow');
  expect(await fetched('/feed.xml')).toContain('Website slow');
  expect(await fetched('/api/v2/incidents/unresolved.json')).toContain('Website slow');
  expect(Date.now() - posted).toBeLessThan(5_000);

  const shown = {
    home: await timeUntil(async () => (await open['/']!.locator('[data-incident] h3').allTextContents()).includes('Website slow'), posted),
    'component page': await timeUntil(async () => (await open['/components/web']!.locator('[data-live="status"] .badge').first().textContent()) === 'Degraded performance', posted),
    history: await timeUntil(async () => (await open['/history']!.locator('main').textContent())!.includes('Website slow'), posted),
  };
  for (const [where, ms] of Object.entries(shown)) expect(ms, `${where}: ${ms} ms`).toBeLessThanOrEqual(WITHIN_MS);

  // An update to it: its own open page follows, status word first.
  const incident = await browser.newPage();
  await incident.goto(`${base}/incidents/${id}`);
  await cli('incident', 'update', id, '--status', 'identified', '--message', 'A cache node is down.');
  await expect(incident.locator('.status-line .badge').first()).toHaveText('Identified', { timeout: WITHIN_MS });
  await expect(incident.locator('.timeline li').first()).toContainText('A cache node is down.');
});

test('an open page polls at its pace with conditional requests (an unchanged page costs a 304), backs off on errors and pauses while hidden', async ({ page }) => {
  const pagePath = `/incidents/${resolved}`;
  const answers: { ifNoneMatch: string | undefined; status: number }[] = [];
  const listen = (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (req.url === pagePath) res.on('finish', () => answers.push({ ifNoneMatch: req.headers['if-none-match'], status: res.statusCode }));
  };
  site.on('request', listen);
  try {
    await page.clock.install();
    await page.goto(`${base}${pagePath}`);
    const pace = Number(await page.locator('[data-poll]').getAttribute('data-poll')) * 1000;
    expect(pace).toBe(2_000); // half the 5 s interval
    const polls = () => page.evaluate(() => (window as unknown as { outpost: { pollsDone: number } }).outpost.pollsDone);
    await page.clock.fastForward(pace + 100);
    await expect.poll(polls).toBe(1);
    // The page load, then the poll: revalidated with its ETag, and unchanged, so 304.
    expect(answers.at(-1)).toMatchObject({ ifNoneMatch: expect.stringMatching(/.+/), status: 304 });

    // Errors: the wait doubles instead of hammering a struggling host.
    await page.route(`**${pagePath}`, (route) => route.fulfill({ status: 503, body: 'busy' }));
    await page.clock.fastForward(pace + 100);
    await expect.poll(polls).toBe(2);
    await page.clock.fastForward(pace + 100);
    expect(await polls()).toBe(2); // still waiting: twice the pace after one failure
    await page.clock.fastForward(pace);
    await expect.poll(polls).toBe(3);
    await page.unroute(`**${pagePath}`);

    // Hidden: no polling at all; shown again: it catches up.
    await page.evaluate(() => {
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await page.clock.fastForward(60_000);
    expect(await polls()).toBe(3);
    await page.evaluate(() => {
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => false });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await page.clock.fastForward(100);
    await expect.poll(polls).toBe(4);
  } finally {
    site.off('request', listen);
  }
});

test('past its data-stale-at, an open page stops looking green and says the status is not confirmed', async ({ page }) => {
  await page.clock.install();
  await page.goto(`${base}/`);
  const staleAt = Date.parse((await page.locator('.banner').getAttribute('data-stale-at'))!);
  await expect(page.locator('.checked [data-when-stale]')).toBeHidden();
  await page.route('**/*', (route) => route.abort()); // the pinger "stopped": nothing new is published
  await page.clock.setSystemTime(staleAt + 11_000);
  await page.clock.fastForward(11_000);
  await expect(page.locator('.checked [data-when-stale]')).toBeVisible();
  await expect(page.locator('.banner')).toHaveClass(/stale/);
  // Green no more: the API's "Operational" badge takes the neutral colour.
  const row = page.locator('li.component:has(a[href="/components/api"])');
  await expect(row).toHaveClass(/stale/);
  const colour = await row.locator('.badge').evaluate((el) => getComputedStyle(el).color);
  const neutral = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--neutral').trim());
  expect(colour).toBe(`rgb(${[1, 3, 5].map((i) => parseInt(neutral.slice(i, i + 2), 16)).join(', ')})`);
});

test('a broken file during an outage: the outage and a new incident still reach every page, the broken file shows its last good version, and the messages name it', async ({ browser }) => {
  const file = path.join(content, 'incidents', `${resolved}.md`);
  fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('title: Login failures', 'title: Login failures: again'));
  const home = await browser.newPage();
  await home.goto(`${base}/`);
  await stopProduct();
  await logged(/outage=opened check=api/, 2);
  await expect.poll(async () => /href="\/components\/api">[^<]*<\/a><span class="badge[^>]*>(?:(?!<\/span>).)*Major outage<\/span>/.test(await fetched('/')), { timeout: 30_000 }).toBe(true);
  await expect(home.locator('li.component:has(a[href="/components/api"]) .badge')).toHaveText('Major outage', { timeout: WITHIN_MS });
  expect(pingerLog).toMatch(/publish=broken-content ".*incidents\/2026-11-20-login-failures\.md:\d+:\d+ /);
  expect(pingerLog).toMatch(/login-failures\.md: broken; the site shows its last good version until it is fixed/);

  const run = await cli('incident', 'new', '--title', 'API down', '--impact', 'critical', '--component', 'api=major_outage', '--message', 'We are on it.', '--slug', 'api-down');
  expect(run.stderr).toMatch(/incidents\/2026-11-20-login-failures\.md:\d+:\d+ /);
  expect(await fetched('/')).toContain('API down');
  await expect(home.locator('[data-incident] h3', { hasText: 'API down' })).toBeVisible({ timeout: WITHIN_MS });
  // The broken incident's page is its last good version.
  expect(await fetched(`/incidents/${resolved}`)).toContain('<h1>Login failures</h1>');
  await startProduct();
});
