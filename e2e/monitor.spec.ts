import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Locator } from '@playwright/test';
import { parse } from 'yaml';
import { examplePages as pages } from './example-pages';
import { exampleSecret } from './example-secret';

/** The words a bar shows on hover or focus (its CSS ::after content), without the quotes. */
const shownText = (bar: Locator) => bar.evaluate((el) => getComputedStyle(el, '::after').content.replace(/^"|"$/g, ''));

const dayWords = /^\d{1,2} [A-Z][a-z]{2,3}: (\d+(\.\d+)?% uptime|no data)/;

/** The monitoring parts of the page work the same with and without JavaScript: nothing there needs it. */
for (const javaScriptEnabled of [true, false]) {
  test.describe(`monitoring ${javaScriptEnabled ? 'with' : 'without'} JavaScript`, () => {
    test.use({ javaScriptEnabled });

    test('home: 90 daily bars and four uptime figures per component; a confirmed outage with no incident says so', async ({ page }) => {
      await page.goto(pages.home);
      const rows = page.locator('li.component');
      await expect(rows).toHaveCount(8);
      for (const row of await rows.all()) {
        await expect(row.locator('.ub-bars i')).toHaveCount(90);
        await expect(row.locator('.ub-win dt')).toHaveText(['24 h', '7 d', '30 d', '90 d']);
        await expect(row.locator('.ub-win dd').first()).toHaveText(/^\d+(\.\d+)?%$/);
      }
      const website = rows.filter({ has: page.getByRole('link', { name: 'Website', exact: true }) });
      await expect(website.locator('.badge')).toHaveText('Major outage');
      await expect(website.locator('.flags')).toHaveText('Detected automatically');
      await expect(website.locator('.ub-bars i').last()).toHaveClass('m');
    });

    test('hovering any bar shows its day in words', async ({ page }) => {
      await page.goto(pages.home);
      const bar = page.locator('li.component').first().locator('.ub-bars i').nth(10);
      await bar.hover();
      expect(await shownText(bar)).toMatch(dayWords);
      expect(await shownText(bar)).toBe((await bar.getAttribute('data-t')) ?? (await bar.getAttribute('aria-label')));
    });

    test('the keyboard reaches the days with trouble, and focus shows the same words', async ({ page }) => {
      await page.goto(pages.component);
      const troubled = page.locator('.ub-bars i[tabindex="0"]');
      expect(await troubled.count()).toBeGreaterThan(0);
      for (let i = 0; i < 40 && !(await troubled.first().evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
      await expect(troubled.first()).toBeFocused();
      const words = await troubled.first().getAttribute('aria-label');
      // The example's data moves with the clock: at some times of day its hour-long outage falls on two days.
      expect(words).toMatch(/^\d{1,2} [A-Z][a-z]{2,3}: \d+(\.\d+)?% uptime, (1 h )?\d+ min down\. API unavailable$/);
      expect(await shownText(troubled.first())).toBe(words);
    });

    test('component page: uptime, a latency chart drawn at build time, recent outages', async ({ page }) => {
      await page.goto(pages.component);
      await expect(page.getByRole('region', { name: 'Uptime' }).locator('.ub-bars i')).toHaveCount(90);
      const chart = page.getByRole('img', { name: /^Latency of API per day, last 90 days/ });
      await expect(chart).toBeVisible();
      await expect(chart.locator('path.p50')).toHaveAttribute('d', /^M[\d.]+ [\d.]+(L[\d.]+ [\d.]+){89}$/);
      await expect(chart.locator('path.p95')).toHaveAttribute('d', /^M[\d.]+ [\d.]+(L[\d.]+ [\d.]+){89}$/);
      const outages = page.getByRole('region', { name: 'Recent outages' });
      await expect(outages.getByRole('link', { name: 'API unavailable' })).toHaveAttribute('href', '/incidents/2026-10-28-api-outage');
      await expect(outages).toContainText('down 1 h 6 min. First failed check: HTTP 503 (expected 2xx).');
    });

    test('a component without checks shows uptime from its incidents, and no latency or outage sections', async ({ page }) => {
      await page.goto('/components/email');
      await expect(page.getByRole('region', { name: 'Uptime' }).locator('.ub-bars i')).toHaveCount(90);
      await expect(page.getByRole('region', { name: 'Response time' })).toHaveCount(0);
      await expect(page.getByRole('region', { name: 'Recent outages' })).toHaveCount(0);
    });
  });
}

test('no check target, header or secret reaches out/', () => {
  // The build ran with the secret in its environment (playwright.config.ts), as on a host that also pings.
  const site = parse(fs.readFileSync('content/site.yaml', 'utf8')) as { components: { checks?: Record<string, unknown>[] }[] };
  const checks = site.components.flatMap((c) => c.checks ?? []);
  const needles = [
    exampleSecret,
    'ACME_HEALTH_TOKEN',
    '${env:',
    'Bearer',
    ...checks.flatMap((c) => [c.url, c.type === 'tcp' || c.type === 'tls' ? c.host : undefined].filter((v): v is string => typeof v === 'string')),
  ];
  expect(needles.length).toBeGreaterThan(6);
  const files = (fs.readdirSync('out', { recursive: true }) as string[]).map((f) => path.join('out', f)).filter((f) => fs.statSync(f).isFile());
  expect(files.length).toBeGreaterThan(20);
  const found = files.flatMap((file) => {
    const text = fs.readFileSync(file, 'latin1');
    return needles.filter((n) => text.includes(n)).map((n) => `${file}: ${n}`);
  });
  expect(found).toEqual([]);
});
