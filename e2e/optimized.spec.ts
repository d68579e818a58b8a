import { expect, test, type Page } from '@playwright/test';

// What the build's post-processing (lib/build/optimize.ts) must not break: every page reached by links from
// the home page loads, with every same-origin asset it asks for, and no Next runtime, with JavaScript on and off.

/** Same-origin pages reachable by links from the home page, breadth first (at most `limit`). */
async function crawl(page: Page, baseURL: string, limit = 300): Promise<string[]> {
  const seen = new Set(['/']);
  const queue = ['/'];
  for (let url = queue.shift(); url !== undefined && seen.size < limit; url = queue.shift()) {
    const response = await page.goto(url);
    if (!response?.ok() || !(response.headers()['content-type'] ?? '').includes('text/html')) continue;
    const hrefs = await page.locator('a[href]').evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href));
    for (const href of hrefs) {
      const target = new URL(href);
      if (target.origin !== new URL(baseURL).origin) continue;
      const path = target.pathname;
      // Pages only: feeds, calendars and images are checked by e2e/publish.spec.ts (a browser asks for a
      // /favicon.ico beside a document it shows that is not HTML).
      if (/\.(xml|ics|json|csv|svg|png)$/.test(path)) continue;
      if (!seen.has(path)) {
        seen.add(path);
        queue.push(path);
      }
    }
  }
  return [...seen];
}

/** Records every failed same-origin request and console error while `run` goes. */
async function watch(page: Page, run: () => Promise<void>): Promise<string[]> {
  const problems: string[] = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()} (${m.location().url})`));
  page.on('pageerror', (e) => problems.push(`script error: ${e.message}`));
  // ERR_ABORTED is the browser dropping a request because the page navigated away (the icon of a page the
  // test leaves at once), not a failure: a missing file shows as a 404 response below.
  page.on('requestfailed', (r) => r.failure()?.errorText !== 'net::ERR_ABORTED' && problems.push(`failed: ${r.url()} ${r.failure()?.errorText}`));
  page.on('response', (r) => r.status() >= 400 && problems.push(`${r.status()}: ${r.url()} (from ${r.frame().url()})`));
  await run();
  return problems;
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(`with JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, () => {
    test.use({ javaScriptEnabled });

    test('every page linked from the home page loads with all its assets, and no Next runtime', async ({ page, baseURL }) => {
      test.setTimeout(180_000);
      const nextRequests: string[] = [];
      page.on('request', (r) => {
        const url = new URL(r.url());
        if (/^\/_next\/.*\.js$|\.txt$/.test(url.pathname) || url.searchParams.has('_rsc')) nextRequests.push(r.url());
      });
      let pages: string[] = [];
      const problems = await watch(page, async () => {
        pages = await crawl(page, baseURL!);
      });
      expect(pages.length, `pages reached: ${pages.join(' ')}`).toBeGreaterThan(5);
      expect(problems).toEqual([]);
      expect(nextRequests).toEqual([]);
    });

    test('pages carry no framework script or RSC payload and keep their styles', async ({ page, request }) => {
      const home = await (await request.get('/')).text();
      expect(home).not.toMatch(/<script[^>]+src="[^"]*\/_next\//);
      expect(home).not.toMatch(/self\.__next_f|TURBOPACK/);
      await page.goto('/');
      const styled = await page.evaluate(() => [...document.styleSheets].some((sheet) => sheet.cssRules.length > 0));
      expect(styled).toBe(true);
    });

    test('links navigate by plain clicks', async ({ page, baseURL }) => {
      const problems = await watch(page, async () => {
        await page.goto('/');
        const link = page.locator(`main a[href^="/"], main a[href^="${baseURL}"]`).first();
        const href = new URL((await link.getAttribute('href'))!, baseURL).pathname;
        await link.click();
        await page.waitForURL((url) => url.pathname === href);
        await expect(page.locator('h1').first()).toBeVisible();
        await page.goBack();
        await page.waitForURL((url) => url.pathname === '/');
      });
      expect(problems).toEqual([]);
    });
  });
}
