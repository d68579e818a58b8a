import type http from 'node:http';
import { expect, test, type Page } from '@playwright/test';
import type { Snapshot } from '../lib/publish/snapshot';
import { builtWidget, hostSite, listen, sendJson, statusHost, type Server } from './widget-host.test-support';

/**
 * The widget (public/widget.js) on a host page of another origin, in Chromium: with the built site as its status
 * host (the webServer's `outpost serve`), and with local status hosts that are slow, down, broken or stale. In
 * every case the host page's own script runs, no error reaches the page, and nothing but a true, fresh status
 * looks green.
 */

let host: Awaited<ReturnType<typeof hostSite>>;
let real: Snapshot;
const servers: Server[] = [];

test.beforeAll(async ({ request }) => {
  host = await hostSite();
  real = (await (await request.get('/status.json')).json()) as Snapshot;
});
test.afterAll(async () => {
  await Promise.all([host?.close(), ...servers.map((s) => s.close())]);
});

/** A status host whose status.json is answered by `status`. */
async function statusServer(status: (req: http.IncomingMessage, res: http.ServerResponse) => void): Promise<string> {
  const server = await statusHost(builtWidget(), status);
  servers.push(server);
  return server.origin;
}

/** A green status, fresh for `freshMs` more by the clock of this process, with the real one's other fields. */
const green = (freshMs = 600_000, extra: Partial<Snapshot> = {}): Snapshot => ({
  ...real,
  indicator: 'none',
  look: { tone: 'ok', icon: 'ok', words: 'All Systems Operational' },
  incidents: [],
  stale: false,
  staleAt: new Date(Date.now() + freshMs).toISOString(),
  pollSeconds: 30,
  ...extra,
});

/** Errors thrown on the page (none may come from the widget). */
function pageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

const widget = (page: Page) => page.locator('#outpost-status .w');
const statusLink = (page: Page) => page.locator('#outpost-status a.s');
const polls = (page: Page) => page.evaluate(() => (window as unknown as { OutpostWidget?: { polls?: number } }).OutpostWidget?.polls ?? 0);

/** The host page's own script ran, and the widget left no global but OutpostWidget. */
async function hostIntact(page: Page, widgetLoaded = true): Promise<void> {
  await expect(page.locator('#own')).toHaveText('host script ran');
  const added = await page.evaluate(() => Object.keys(window).filter((k) => k !== 'globalsBefore' && !(window as unknown as { globalsBefore: string[] }).globalsBefore.includes(k)));
  expect(added).toEqual(widgetLoaded ? ['OutpostWidget'] : []);
}

test.describe('status host up', () => {
  test('shows the built site’s status and current incident, linked to their pages', async ({ page, baseURL, request }) => {
    const errors = pageErrors(page);
    await page.goto(host.page(baseURL!));
    await expect(statusLink(page)).toHaveText(real.look.words);
    await expect(statusLink(page)).toHaveClass(`s ${real.look.tone}`);
    await expect(statusLink(page)).toHaveAttribute('href', `${baseURL}/`);
    expect(real.incidents.length).toBeGreaterThan(0);
    const incident = page.locator('#outpost-status a.i');
    await expect(incident).toHaveText(real.incidents[0]!.title);
    const href = await incident.getAttribute('href');
    expect(href).toBe(`${baseURL}/incidents/${real.incidents[0]!.id}`);
    expect((await request.get(href!)).status()).toBe(200);
    await hostIntact(page);
    expect(errors).toEqual([]);
  });

  test('light and dark: the reader’s system by default, or the theme the host page forces', async ({ page, baseURL }) => {
    const background = () => widget(page).evaluate((e) => getComputedStyle(e).backgroundColor);
    const light = 'rgb(255, 255, 255)';
    const dark = 'rgb(13, 17, 23)';
    for (const [scheme, theme, expected] of [
      ['light', undefined, light],
      ['dark', undefined, dark],
      ['light', 'dark', dark],
      ['dark', 'light', light],
    ] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(host.page(baseURL!, { theme }));
      await expect(statusLink(page)).toHaveText(real.look.words);
      expect(await background(), `${scheme} system, theme ${theme}`).toBe(expected);
    }
  });

  test('the host page’s styles do not reach the widget, nor the widget’s the page', async ({ page, baseURL }) => {
    await page.goto(host.page(baseURL!, { css: 'a { color: rgb(255, 0, 0) !important; font-weight: 100 } .s, svg { display: none !important } div { border: 0 !important }' }));
    await expect(statusLink(page)).toBeVisible();
    const link = await statusLink(page).evaluate((e) => ({ color: getComputedStyle(e).color, weight: getComputedStyle(e).fontWeight, display: getComputedStyle(e).display }));
    expect(link).toEqual({ color: expect.not.stringMatching(/^rgb\(255, 0, 0\)$/), weight: '600', display: 'flex' });
    await expect(page.locator('#outpost-status svg')).toBeVisible();
    expect(await widget(page).evaluate((e) => getComputedStyle(e).borderTopWidth)).toBe('1px');
    // The widget's rules stay in its shadow root: the page's own heading keeps the browser's style.
    expect(await page.locator('h1').evaluate((e) => getComputedStyle(e).display)).toBe('block');
  });
});

test.describe('status host slow, down or broken', () => {
  test('slow (status.json after 10 s): the page loads at once, the widget says it is checking, then shows the status', async ({ page }) => {
    test.setTimeout(60_000);
    const origin = await statusServer((_req, res) => setTimeout(() => sendJson(res, green()), 10_000));
    const errors = pageErrors(page);
    const started = Date.now();
    await page.goto(host.page(origin), { waitUntil: 'load' });
    expect(Date.now() - started).toBeLessThan(3_000);
    await hostIntact(page);
    await expect(statusLink(page)).toHaveText('Checking status…');
    await expect(statusLink(page)).toHaveClass('s neutral');
    await expect(statusLink(page)).toHaveText('All Systems Operational', { timeout: 20_000 });
    await expect(statusLink(page)).toHaveClass('s ok');
    expect(errors).toEqual([]);
  });

  test('down (nothing listens): the host page runs and keeps its own link in place of the widget', async ({ page }) => {
    const gone = await listen(() => {});
    const origin = gone.origin;
    await gone.close();
    const errors = pageErrors(page);
    await page.goto(host.page(origin), { waitUntil: 'load' });
    await hostIntact(page, false);
    await expect(page.locator('#outpost-status > a')).toHaveText('Service status');
    await expect(page.locator('#outpost-status > a')).toBeVisible();
    expect(errors).toEqual([]);
  });

  test('status.json unreachable (connection reset): "Status unavailable", then the status once it answers again', async ({ page }) => {
    let up = false;
    const origin = await statusServer((req, res) => (up ? sendJson(res, green()) : req.socket.destroy()));
    const errors = pageErrors(page);
    await page.clock.install();
    await page.goto(host.page(origin));
    await hostIntact(page);
    await expect(statusLink(page)).toHaveText('Status unavailable');
    await expect(statusLink(page)).toHaveClass('s neutral');
    await expect.poll(() => polls(page)).toBe(1);
    up = true;
    // After one failure it asks again in 30 s.
    await page.clock.fastForward(31_000);
    await expect(statusLink(page)).toHaveText('All Systems Operational');
    expect(errors).toEqual([]);
  });

  const broken: [string, (res: http.ServerResponse) => void][] = [
    ['half a file', (res) => sendJson(res, JSON.stringify(green()).slice(0, 120))],
    ['an HTML page with status 200', (res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end('<!DOCTYPE html><h1>Welcome to nginx!</h1>')],
    ['JSON of another shape', (res) => sendJson(res, { page: { name: 'Acme' }, status: { indicator: 'none', description: 'All Systems Operational' } })],
    ['a look that is not one of the page’s', (res) => sendJson(res, green(600_000, { look: { tone: 'ok', icon: 'constructor' as 'ok', words: 'All Systems Operational' } }))],
    ['a server error', (res) => res.writeHead(500).end('{}')],
  ];
  for (const [what, answer] of broken) {
    test(`broken status.json (${what}): "Status unavailable", never green`, async ({ page }) => {
      const origin = await statusServer((_req, res) => answer(res));
      const errors = pageErrors(page);
      await page.goto(host.page(origin));
      await expect(statusLink(page)).toHaveText('Status unavailable');
      await expect(statusLink(page)).toHaveClass('s neutral');
      await hostIntact(page);
      expect(errors).toEqual([]);
    });
  }
});

test.describe('the site\'s language', () => {
  test('once status.json answers, the widget says its own words in the site\'s language (status.json `words`)', async ({ page }) => {
    const german = { checking: 'Status wird geprüft…', unavailable: 'Status nicht verfügbar', stale: 'Status zuletzt nicht bestätigt', old: 'möglicherweise veraltet' };
    let up = true;
    const origin = await statusServer((req, res) => (up ? sendJson(res, green(-60_000, { words: german })) : req.socket.destroy()));
    const errors = pageErrors(page);
    await page.goto(host.page(origin));
    await expect(statusLink(page)).toHaveText('Status zuletzt nicht bestätigt');
    await expect(statusLink(page)).toHaveClass('s neutral');
    up = false;
    await page.evaluate(() => (window as unknown as { OutpostWidget: { refresh: () => void } }).OutpostWidget.refresh());
    await expect(statusLink(page)).toHaveText('Status nicht verfügbar');
    expect(errors).toEqual([]);
  });
});

test.describe('stale status and refreshing', () => {
  test('a green status past its staleAt shows as not confirmed; an outage past it keeps its words and says it may be old', async ({ page }) => {
    const origin = await statusServer((req, res) =>
      sendJson(
        res,
        req.url!.includes('outage')
          ? green(-60_000, { look: { tone: 'critical', icon: 'major', words: 'Major System Outage' } })
          : green(-60_000),
      ),
    );
    await page.goto(host.page(origin));
    await expect(statusLink(page)).toHaveText('Status not confirmed recently');
    await expect(statusLink(page)).toHaveClass('s neutral');

    // The same widget, reading an outage status (the widget fetches status.json beside itself: a route to it).
    await page.route(`${origin}/status.json`, (route) => route.continue({ url: `${origin}/status.json?outage` }));
    await page.evaluate(() => (window as unknown as { OutpostWidget: { refresh: () => void } }).OutpostWidget.refresh());
    await expect(statusLink(page)).toHaveText('Major System Outage');
    await expect(statusLink(page)).toHaveClass('s critical');
    await expect(page.locator('#outpost-status .w > span')).toHaveText('may be out of date');
  });

  test('refreshes at pollSeconds, and turns a green status neutral by the reader’s clock once nothing confirms it', async ({ page }) => {
    // Published once, 1 minute before it turns stale; then the publisher stops. Then an incident is published.
    let answer = green(60_000);
    const origin = await statusServer((_req, res) => sendJson(res, answer));
    await page.clock.install();
    await page.goto(host.page(origin));
    await expect(statusLink(page)).toHaveText('All Systems Operational');
    await expect.poll(() => polls(page)).toBe(1);

    await page.clock.fastForward(31_000);
    await expect.poll(() => polls(page)).toBe(2);
    await expect(statusLink(page)).toHaveClass('s ok');
    await page.clock.fastForward(31_000);
    await expect.poll(() => polls(page)).toBe(3);
    await expect(statusLink(page)).toHaveText('Status not confirmed recently');
    await expect(statusLink(page)).toHaveClass('s neutral');

    answer = green(600_000, {
      look: { tone: 'major', icon: 'partial', words: 'Partial System Outage' },
      incidents: [{ id: '2026-12-01-queue', title: 'Queue <b>delayed</b>', impact: 'major', latest: { at: new Date().toISOString(), status: 'investigating', words: 'Investigating', html: '' } }],
    });
    await page.clock.fastForward(31_000);
    await expect(statusLink(page)).toHaveText('Partial System Outage');
    // A title is text, never markup.
    await expect(page.locator('#outpost-status a.i')).toHaveText('Queue <b>delayed</b>');
    await expect(page.locator('#outpost-status a.i')).toHaveAttribute('href', `${origin}/incidents/2026-12-01-queue`);
  });
});
