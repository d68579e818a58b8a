import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { serveStatic } from '../lib/cli/serve';
import { langs, words, type Key, type Lang } from '../lib/i18n';
import { because, reasonText } from '../lib/status/reason';

/**
 * The example site built in each language other than English with the real build (each language makes its own shell
 * with Next once: the layout's words are in it), served as a static host would, read at 320 px: every kind of page
 * fits the screen, says its language and direction, and shows none of the English words of ours it replaces (the
 * pinger's reasons included).
 */

/** One page of each kind, and the words of ours it shows (their English must be gone). */
const pages: { kind: string; path: string; keys: Key[] }[] = [
  { kind: 'home', path: '/', keys: ['home.components', 'home.past', 'layout.skip', 'layout.history', 'layout.subscribe'] },
  { kind: 'component', path: '/components/api', keys: ['componentPage.latency', 'componentPage.outages', 'chart.byDay'] },
  { kind: 'incident', path: '/incidents/2026-11-23-elevated-api-errors', keys: ['incidentPage.affected', 'page.updates', 'incidentPage.impact'] },
  { kind: 'maintenance', path: '/maintenance/2026-11-23-database-upgrade', keys: ['maintenancePage.planned', 'maintenancePage.window'] },
  { kind: 'history', path: '/history', keys: ['history.lede', 'page.reports'] },
  { kind: 'subscribe', path: '/subscribe', keys: ['subscribe.title', 'subscribe.feeds', 'subscribe.webhooks'] },
  { kind: '404', path: '/no-such-page', keys: ['notFound.title', 'notFound.lede'] },
  { kind: 'report', path: '/reports/2026-11', keys: ['report.rules', 'report.costTitle', 'report.ruleDays'] },
];

const english = words('en');
const width = 320;

/** What sticks out of a `width`-pixel screen: the page's scroll width, and each element wider than the screen. */
async function overflow(page: Page) {
  return page.evaluate((width) => {
    // Inside a box that scrolls on its own (the report's table), or hidden on purpose (sr-only, the honeypot), width is fine.
    const contained = (el: Element) => {
      for (let e = el.parentElement; e; e = e.parentElement) {
        const style = getComputedStyle(e);
        if (['auto', 'scroll', 'hidden', 'clip'].includes(style.overflowX) && e !== document.body && e !== document.documentElement) return true;
      }
      return false;
    };
    const wide = [...document.body.querySelectorAll('*')]
      .filter((el) => el.getBoundingClientRect().width > width + 0.5 && !contained(el))
      .map((el) => `${el.tagName.toLowerCase()}.${el.className}: ${Math.round(el.getBoundingClientRect().width)} px`);
    return { scrollWidth: document.scrollingElement!.scrollWidth, wide };
  }, width);
}

for (const lang of langs.filter((l): l is Exclude<Lang, 'en'> => l !== 'en')) {
  test.describe(`the site in ${lang}`, () => {
    test.describe.configure({ mode: 'serial' });
    test.use({ viewport: { width, height: 800 } });
    const w = words(lang);
    let tmp: string;
    let server: Server;
    let origin: string;

    test.beforeAll(async ({}, testInfo) => {
      testInfo.setTimeout(600_000);
      tmp = fs.mkdtempSync(path.join(os.tmpdir(), `outpost-e2e-${lang}-`));
      const content = path.join(tmp, 'content');
      fs.cpSync('content', content, { recursive: true });
      fs.appendFileSync(path.join(content, 'site.yaml'), `\nlanguage: ${lang}\n`);
      const out = path.join('.outpost', `e2e-language-${lang}`);
      const started = Date.now();
      const build = spawnSync(process.execPath, ['bin/outpost.js', 'build', '--content', content, '--out', out], { encoding: 'utf8' });
      expect(build.status, build.stderr).toBe(0);
      console.log(`${lang}: built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      server = await serveStatic(out, 0);
      origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });

    test.afterAll(async () => {
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
      if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
    });

    for (const { kind, path: at, keys } of pages) {
      test(`${kind}: fits ${width} px, says ${lang}${w.dir === 'rtl' ? ' right to left' : ''}, no English of ours`, async ({ page }) => {
        const response = await page.goto(origin + at);
        expect(response!.status()).toBe(kind === '404' ? 404 : 200);
        await expect(page.locator('html')).toHaveAttribute('lang', lang);
        if (w.dir === 'rtl') await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
        else await expect(page.locator('html')).not.toHaveAttribute('dir', /./);

        const { scrollWidth, wide } = await overflow(page);
        expect(wide).toEqual([]);
        expect(scrollWidth).toBeLessThanOrEqual(width);

        const text = await page.locator('body').innerText();
        for (const key of [...keys, 'layout.history', 'layout.footer'] satisfies Key[]) {
          expect(text, key).toContain(w.t(key).replace(/\s+/g, ' ').trim());
          // As a whole word: Spanish "Impacto" holds English "Impact".
          const alone = new RegExp(`(?<!\\p{L})${english.t(key).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?!\\p{L})`, 'u');
          if (w.t(key) !== english.t(key)) expect(text, key).not.toMatch(alone);
        }
      });
    }

    test("the pinger's reason for a recorded outage is in the language", async ({ page }) => {
      await page.goto(origin + '/components/api');
      const text = (await page.locator('main').innerText()).replace(/\s+/g, ' ');
      // The example's data records reasons in parts (format 3): `HTTP 503 (expected 2xx)` on 28 Oct.
      const why = [because.httpUnexpected(503, '2xx')];
      expect(text).toContain(w.t('componentPage.firstFailed', { reason: reasonText(why, w) }));
      expect(text).not.toContain(reasonText(why, english));
    });

    test('the uptime bars read from the start side, their ends named in the language', async ({ page }) => {
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.goto(origin + '/components/api');
      const bars = page.locator('.ub-bars i');
      const [oldest, today] = [await bars.first().boundingBox(), await bars.last().boundingBox()];
      // Right to left the oldest day is at the right, today at the left.
      if (w.dir === 'rtl') expect(oldest!.x).toBeGreaterThan(today!.x);
      else expect(oldest!.x).toBeLessThan(today!.x);
      const ends = await page.locator('.ub-bars').first().evaluate((el) => [getComputedStyle(el, '::before').content, getComputedStyle(el, '::after').content]);
      expect(ends).toEqual([JSON.stringify(w.t('bars.daysAgo', { count: 90 })), JSON.stringify(w.t('bars.today'))]);
    });

    test('the widget says its own words in the language before status.json first answers', async ({ request }) => {
      const script = await (await request.get(origin + '/widget.js')).text();
      for (const key of ['widget.checking', 'widget.unavailable', 'widget.stale', 'widget.old'] as const) {
        expect(script, key).toContain(w.t(key));
        expect(script, key).not.toContain(english.t(key));
      }
    });

    test("the live script writes times in the page's language", async ({ page }) => {
      await page.goto(origin + '/incidents/2026-11-23-elevated-api-errors');
      const time = page.locator('.timeline time').first();
      const iso = (await time.getAttribute('datetime'))!;
      // The browser reads en-US: the page's language wins, in its own form (no variant of it in the browser's list).
      const expected = await page.evaluate(
        ([iso, lang]) => new Intl.DateTimeFormat(lang, { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' }).format(new Date(iso!)),
        [iso, lang],
      );
      await expect(time).toHaveText(expected);
    });
  });
}
