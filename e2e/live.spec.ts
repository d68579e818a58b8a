import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { serveStatic } from '../lib/cli/serve';
import { addIncidentUpdate } from '../lib/publish/fixtures/fixture';

/**
 * The live layer: a copy of the built site (so other specs keep theirs), served as a static host would,
 * and a copy of content/ to publish from with the real `outpost publish`.
 */
const POLL_MS = 30_000;
const emailIncident = '2026-11-23-email-delivery-halted';
let site: string;
let content: string;
let server: http.Server;
let base: string;
/** status.json requests the server saw: the conditional header sent and the status answered. */
const polls: { ifNoneMatch: string | undefined; status: number }[] = [];

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  site = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-live-site-'));
  content = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-live-content-'));
  fs.cpSync(fs.realpathSync('out'), site, { recursive: true }); // out/ is a link to the current build
  fs.cpSync('content', content, { recursive: true });
  server = await serveStatic(site, 0);
  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (req.url?.startsWith('/status.json')) res.on('finish', () => polls.push({ ifNoneMatch: req.headers['if-none-match'], status: res.statusCode }));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

test.afterAll(() => {
  server.close();
  fs.rmSync(site, { recursive: true, force: true });
  fs.rmSync(content, { recursive: true, force: true });
});

/** Publishes from the edited content, without monitoring data: what the page shows then follows the incidents alone. */
function publish(): void {
  const noData = path.join(content, 'no-data');
  const run = spawnSync(process.execPath, ['bin/outpost.js', 'publish', '--out', site, '--content', content, '--data', noData], { encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
}

const row = (page: Page, id: string) => page.locator(`[data-component="${id}"]`);

/**
 * Waits until the page's script has seen `n` polls settle. It schedules the next poll only then: move the
 * clock before that and the timer is set after the jump, so the next poll waits a whole interval more.
 */
const settled = (page: Page, n: number) =>
  expect.poll(() => page.evaluate(() => (window as unknown as { outpost: { pollsDone: number } }).outpost.pollsDone)).toBe(n);

test.describe('with JavaScript', () => {
  test('a published update and status change show on the open page within one polling interval, without a reload', async ({ page }) => {
    await page.clock.install();
    await page.goto(`${base}/`);
    const card = page.locator(`[data-incident="${emailIncident}"]`);
    await expect(card.locator('[data-live="status"]')).toHaveText('Investigating');
    await expect(row(page, 'email').locator('.badge')).toHaveText('Major outage');
    await expect(page.locator('[data-live="generated"]')).toContainText('Updated');
    await settled(page, 1);
    await page.evaluate(() => Object.assign(window, { sameDocument: true }));

    // The example's times are moved to now by its exampleAnchor (12:00 UTC): 11:50 is ten minutes ago.
    addIncidentUpdate(
      content,
      emailIncident,
      '  - at: 2026-11-23T11:50:00Z\n    status: identified\n    message: A **queue worker** is stuck; restarting it.\n    components:\n      email: partial_outage',
    );
    publish();
    await page.clock.fastForward(POLL_MS + 1_000);

    await expect(card.locator('[data-live="status"]')).toHaveText('Identified');
    await expect(card.locator('.prose')).toHaveText('A queue worker is stuck; restarting it.');
    await expect(card.locator('.prose strong')).toHaveText('queue worker');
    await expect(row(page, 'email').locator('.badge')).toHaveText('Partial outage');
    await expect(page.locator('[data-live="generated"] time')).toHaveText(/second|now/);
    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
  });

  test('a new incident appears, a resolved one goes, and the banner follows', async ({ page }) => {
    await page.clock.install();
    await page.goto(`${base}/`);
    await expect(page.locator('.banner h2')).toHaveText('Major System Outage');
    await settled(page, 1);
    const open = await page.locator('[data-incident]').evaluateAll((cards) => cards.map((card) => card.getAttribute('data-incident')!));
    expect(open.length).toBeGreaterThan(1);
    for (const id of open) addIncidentUpdate(content, id, '  - at: 2026-11-23T11:58:00Z\n    status: resolved\n    message: Fixed.');
    fs.writeFileSync(
      path.join(content, 'incidents', '2026-11-23-search-slow.md'),
      '---\ntitle: Search is slow\nimpact: minor\ncomponents:\n  api: degraded_performance\nupdates:\n  - at: 2026-11-23T11:59:00Z\n    status: investigating\n    message: Searches take a few seconds.\n---\n',
    );
    publish();
    await page.clock.fastForward(POLL_MS + 1_000);

    const incidents = page.locator('[data-live="incidents"]');
    await expect(incidents.locator('article')).toHaveCount(1);
    await expect(incidents.locator('article h3')).toHaveText('Search is slow');
    await expect(incidents.locator('article .badge')).toHaveText('Minor impact');
    await expect(row(page, 'api').locator('.badge')).toHaveText('Degraded performance');
    await expect(row(page, 'email').locator('.badge')).not.toHaveText('Major outage');
    await expect(page.locator('.banner h2')).toHaveText('Minor Service Outage');
    await expect(page.locator('.banner')).toHaveClass(/tone-minor/);
  });

  test('polls conditionally, backs off on errors, and pauses while the tab is hidden', async ({ page }) => {
    const requests: number[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('/status.json')) requests.push(Date.now());
    });
    await page.clock.install();
    polls.length = 0;
    await page.goto(`${base}/`);
    await expect.poll(() => requests.length).toBe(1);
    await settled(page, 1);
    await page.clock.fastForward(POLL_MS + 1_000);
    await expect.poll(() => polls.length).toBe(2);
    await settled(page, 2);
    // The browser revalidates: the second poll carries the ETag and an unchanged file answers 304.
    expect(polls[1]).toMatchObject({ ifNoneMatch: expect.stringMatching(/.+/), status: 304 });

    // Errors: the wait doubles (60 s, then 120 s) instead of hammering a struggling host.
    await page.route('**/status.json', (route) => route.fulfill({ status: 503, body: 'busy' }));
    await page.clock.fastForward(POLL_MS + 1_000); // 3rd request fails
    await expect.poll(() => requests.length).toBe(3);
    await settled(page, 3);
    await page.clock.fastForward(POLL_MS + 1_000);
    expect(requests.length).toBe(3); // not yet: backing off for 60 s
    await page.clock.fastForward(POLL_MS);
    await expect.poll(() => requests.length).toBe(4);
    await settled(page, 4);
    await page.clock.fastForward(2 * POLL_MS + 1_000);
    expect(requests.length).toBe(4); // backing off for 120 s
    await page.unroute('**/status.json');

    // Hidden: no polling at all; shown again: it catches up.
    await page.evaluate(() => {
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await page.clock.fastForward(10 * POLL_MS);
    expect(requests.length).toBe(4);
    await page.evaluate(() => {
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => false });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await expect.poll(() => requests.length).toBe(5);
  });
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the page shows the build’s state and its time, whatever was published since', async ({ page }) => {
    await page.goto(`${base}/`);
    await expect(page.locator('.banner h2')).toHaveText('Major System Outage');
    await expect(page.locator('[data-live="generated"]')).toHaveText(/^Page generated \d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2} UTC$/);
    await expect(page.locator(`[data-incident="${emailIncident}"] [data-live="status"]`)).toHaveText('Investigating');
    await expect(row(page, 'email').locator('.badge')).toHaveText('Major outage');
    await expect(page.getByText('Search is slow')).toHaveCount(0);
  });
});
