import { spawnSync } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { expect, test, type Page } from '@playwright/test';
import { serveStatic } from '../lib/cli/serve';

/**
 * Content carrying script tags, event handlers, raw HTML and javascript:/data: links in every field a
 * writer controls, built into its own folder and served on its own port: it runs nothing and shows as text.
 */
const content = 'e2e/fixtures/hostile-content';
const outDir = '.outpost/e2e-hostile';
let server: Server;
let origin: string;

test.beforeAll(async ({}, testInfo) => {
  testInfo.setTimeout(600_000);
  // Runs after the webServer's own build has finished, so the two never share .next at once.
  const build = spawnSync(process.execPath, ['bin/outpost.js', 'build', '--content', content, '--out', outDir], { encoding: 'utf8' });
  expect(build.status, build.stderr).toBe(0);
  server = await serveStatic(outDir, 0);
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

test.afterAll(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

// The older incident's page is stamped by the build from the newer one's (lib/build/stamp.ts).
const paths = [
  '/',
  '/incidents/2026-11-23-hostile-incident',
  '/incidents/2026-11-22-older-hostile-incident',
  '/maintenance/2026-11-23-hostile-maintenance',
  '/components/api',
  '/history',
];

/** Records every dialog (dismissing it) and console message on the page from now on. */
function watch(page: Page) {
  const ran = { dialogs: [] as string[], alerts: [] as string[] };
  page.on('dialog', async (dialog) => {
    ran.dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  page.on('console', (message) => message.text().includes('alert') && ran.alerts.push(message.text()));
  return ran;
}

/** Opens a page and hovers it, which would fire an onmouseover that slipped through. */
async function visit(page: Page, path: string) {
  await page.goto(origin + path);
  await page.locator('body').hover();
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(`JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, () => {
    test.use({ javaScriptEnabled });

    test('no page runs content script or keeps an unsafe link', async ({ page }) => {
      const ran = watch(page);
      for (const path of paths) {
        await visit(page, path);
        expect(ran, path).toEqual({ dialogs: [], alerts: [] });
        const unsafe = await page.evaluate(() => {
          const bad = /^\s*(javascript|data|vbscript):/i;
          return [...document.querySelectorAll('*')].flatMap((el) =>
            [...el.attributes]
              .filter((a) => /^on/i.test(a.name) || a.name === 'srcdoc' || (['href', 'src', 'action', 'formaction'].includes(a.name) && bad.test(a.value)))
              .map((a) => `<${el.localName} ${a.name}="${a.value}">`),
          );
        });
        expect(unsafe, path).toEqual([]);
        expect(await page.locator('main script, header script, footer script, main iframe, main style, main img[src="x"]').count(), path).toBe(0);
        await expect(page.locator('body'), path).toBeVisible(); // an injected <style> did not hide the page
      }
    });

    test('titles, names, messages and bodies show as text', async ({ page }) => {
      const ran = watch(page);
      await visit(page, '/incidents/2026-11-23-hostile-incident');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(`<script>alert('incident title')</script><img src=x onerror="alert('incident title img')">`);
      await expect(page.locator('.brand')).toHaveText(`Evil <script>alert('site name')</script> Status`);
      await expect(page.getByRole('link', { name: `API <script>alert('component name')</script>` })).toBeVisible();
      await expect(page.locator('.timeline')).toContainText(`<script>alert('update message')</script>`);
      await expect(page.locator('.timeline')).toContainText(`<a href="javascript:alert('raw anchor')">raw anchor</a>`);
      await expect(page.locator('.timeline')).toContainText(`<iframe src="javascript:alert('iframe')"></iframe>`);
      await expect(page.getByRole('link', { name: 'javascript link', exact: true })).toHaveAttribute('href', '');
      await expect(page.getByRole('link', { name: 'data link', exact: true })).toHaveAttribute('href', '');
      await expect(page.getByRole('region', { name: 'Details' })).toContainText(`</script><script>alert('body break-out')</script>`);
      await expect(page.getByRole('region', { name: 'Details' })).toContainText(`<style>body { display: none }</style>`);

      await visit(page, '/incidents/2026-11-22-older-hostile-incident');
      const stampedTitle = `Older </title><script>alert('stamped title')</script> $& $' %s`;
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(stampedTitle);
      expect(await page.title()).toBe(`${stampedTitle} · Evil <script>alert('site name')</script> Status`);
      await expect(page.locator('meta[name="description"]')).toHaveAttribute('content', `"><img src=x onerror="alert('stamped description')"> $& resolved`);
      await expect(page.getByRole('region', { name: 'Details' })).toContainText(`</main><script>alert('stamped body')</script>`);
      await expect(page.locator('footer')).toBeVisible();

      await visit(page, '/');
      await expect(page.locator('.lede')).toHaveText(`<img src=x onerror="alert('site description')">`);
      await expect(page.getByRole('heading', { level: 3, name: `<b onmouseover="alert('group name')">Core</b>` })).toBeVisible();
      const components = page.getByRole('region', { name: 'Components' });
      await expect(components.getByRole('link', { name: `Web"><img src=x onerror="alert('attribute break-out')">` })).toBeVisible();
      expect(ran).toEqual({ dialogs: [], alerts: [] });
    });
  });
}
