import { expect, test, type Page } from '@playwright/test';
import { examplePages as pages } from './example-pages';

/** The words in a `.badge` (icon + words) inside `scope`. */
const badge = (scope: ReturnType<Page['locator']>, words: string) => scope.locator('.badge', { hasText: words });

/** The component row (home) or list item whose link names `name`. */
const row = (page: Page, name: string) => page.locator('li.component', { has: page.getByRole('link', { name, exact: true }) });

/** Every page type renders the example content; run with JavaScript on and off, since the page must be complete without it. */
function siteTests() {
  test('home: banner, open incidents with their latest update, maintenance, components in groups', async ({ page, javaScriptEnabled }) => {
    await page.goto(pages.home);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Acme Status');
    await expect(page.locator('.banner h2')).toHaveText('Major System Outage');
    // When the monitor last confirmed it: in UTC without JavaScript, "… ago" with it.
    await expect(page.locator('.banner .checked')).toContainText('Checked');
    if (!javaScriptEnabled) await expect(page.locator('.banner .checked time')).toHaveText(/^\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2} UTC$/);

    const incidents = page.getByRole('region', { name: 'Current incidents' });
    await expect(incidents.getByRole('heading', { level: 3 })).toHaveText(['Email delivery halted', 'Elevated API error rates', 'Slow downloads in Asia']);
    const apiErrors = incidents.locator('article', { hasText: 'Elevated API error rates' });
    await expect(badge(apiErrors, 'Major impact')).toBeVisible();
    await expect(apiErrors).toContainText('Monitoring');
    await expect(apiErrors).toContainText('Read traffic has moved.');
    await expect(apiErrors).not.toContainText('We are investigating'); // the latest update only

    const maintenance = page.getByRole('region', { name: 'Maintenance' });
    await expect(badge(maintenance.locator('article', { hasText: 'Database version upgrade' }), 'In progress')).toBeVisible();
    await expect(badge(maintenance.locator('article', { hasText: 'CDN provider migration' }), 'Scheduled')).toBeVisible();
    await expect(maintenance).not.toContainText('Network maintenance'); // done: history only

    const components = page.getByRole('region', { name: 'Components' });
    await expect(components.getByRole('heading', { level: 3 })).toHaveText(['Core platform', 'Edge and delivery']);
    const expected: [string, string][] = [
      ['API', 'Partial outage'],
      ['Email delivery', 'Major outage'],
      ['Database', 'Under maintenance'],
      ['CDN', 'Degraded performance'],
      ['Dashboard', 'Operational'], // the example's monitoring data (data/example.json) is fresh
      ['Website', 'Major outage'], // confirmed by the pinger, no incident written: "Detected automatically"
    ];
    for (const [name, words] of expected) await expect(row(page, name).locator('.badge')).toHaveText(words);
    await expect(page.getByRole('region', { name: 'Core platform' }).locator('li.component')).toHaveCount(4);
  });

  test('open incident: impact, current component statuses, whole timeline newest first, no duration yet', async ({ page }) => {
    await page.goto(pages.openIncident);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Elevated API error rates');
    // What is happening now comes first, in full colour: the status, since when.
    await expect(page.locator('main .status-line .badge')).toHaveText('Monitoring');
    await expect(page.locator('main .status-line')).toHaveClass(/tone-minor/);
    await expect(badge(page.locator('.facts'), 'Major impact')).toBeVisible();
    await expect(row(page, 'API').locator('.badge')).toHaveText('Partial outage');
    await expect(row(page, 'Dashboard').locator('.badge')).toHaveText('Operational'); // moved back by the latest update
    await expect(page.locator('.timeline h3')).toHaveText(['Monitoring', 'Identified', 'Investigating']);
    await expect(page.locator('.timeline strong')).toHaveText('30%'); // markdown rendered
    await expect(page.locator('.timeline code')).toHaveText('503');
    await expect(page.locator('.facts')).not.toContainText('Duration');
  });

  test('resolved incident: duration, the worst each component reached, the body', async ({ page }) => {
    await page.goto(pages.resolvedIncident);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('API unavailable');
    await expect(badge(page.locator('main'), 'Critical impact')).toBeVisible();
    await expect(page.locator('.facts dt')).toHaveText(['Impact', 'Began', 'Resolved', 'Duration']);
    await expect(page.locator('.facts dd').nth(3)).toHaveText('1 h 6 min');
    await expect(row(page, 'API').locator('.badge')).toHaveText('Major outage');
    await expect(row(page, 'Webhooks').locator('.badge')).toHaveText('Partial outage');
    await expect(page.locator('.timeline h3')).toHaveText(['Resolved', 'Monitoring', 'Identified', 'Investigating']);
    await expect(page.getByRole('heading', { level: 2, name: 'Details' })).toBeVisible();
    // The body's "## Follow-up" sits under the Details h2: it is an h3, the outline unbroken.
    await expect(page.getByRole('heading', { level: 3, name: 'Follow-up' })).toBeVisible();
  });

  test('incident with a postmortem', async ({ page }) => {
    await page.goto(pages.postmortemIncident);
    await expect(page.locator('.timeline h3').first()).toHaveText('Postmortem');
    await expect(page.getByRole('heading', { level: 2, name: 'Postmortem' })).toBeVisible();
    await expect(page.locator('main li', { hasText: 'Rotation jobs can no longer be paused' })).toBeVisible();
  });

  const windows: [keyof typeof pages, string, string][] = [
    ['maintenanceInProgress', 'Database version upgrade', 'In progress'],
    ['maintenanceScheduled', 'CDN provider migration', 'Scheduled'],
    ['maintenanceCompleted', 'Network maintenance', 'Completed'],
    ['maintenanceCancelled', 'DNS provider change', 'Cancelled'],
  ];
  for (const [key, title, state] of windows) {
    test(`maintenance ${state.toLowerCase()}: state from the clock, window, components`, async ({ page }) => {
      await page.goto(pages[key]);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
      await expect(page.locator('main .status-line .badge').first()).toHaveText(state);
      await expect(page.locator('.facts dt').first()).toHaveText('Window');
      await expect(page.locator('.facts dd').first().locator('time')).toHaveCount(2);
    });
  }

  test('maintenance: its updates and its components', async ({ page }) => {
    await page.goto(pages.maintenanceCancelled);
    await expect(page.locator('.timeline h3')).toHaveText(['Cancelled', 'Scheduled']);
    await expect(page.locator('.timeline a')).toHaveAttribute('href', 'https://example.com');
    await expect(page.locator('.facts').getByRole('link', { name: 'DNS' })).toHaveAttribute('href', '/components/dns');
  });

  test('component: status, description, its incidents and maintenance', async ({ page }) => {
    await page.goto(pages.component);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('API');
    await expect(page.locator('main .status-line .badge')).toHaveText('Partial outage');
    await expect(page.locator('.lede')).toHaveText('The public REST API at api.acme.example.');
    await expect(page.getByRole('region', { name: 'Incidents' }).locator('li > a')).toHaveText(['Elevated API error rates', 'API unavailable']);
    await expect(page.getByRole('region', { name: 'Maintenance' })).toContainText('No maintenance has been planned for this component.');
  });

  for (const path of [pages.history, pages.historyPage]) {
    test(`history ${path}: every incident begun and maintenance over, newest first, under month headings`, async ({ page }) => {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('History');
      const titles = await page.locator('.lines li > a').allTextContents();
      expect(titles.toSorted()).toEqual(
        [
          'API unavailable',
          'DNS provider change',
          'DNS resolution errors in Europe',
          'Slow downloads in Asia',
          'Elevated API error rates',
          'Email delivery halted',
          'Network maintenance',
          'Sign-in failures for some customers',
          'Slow dashboard pages',
        ].toSorted(),
      );
      // The maintenance in progress is on the home page and its own page, not yet in the history.
      expect(titles).not.toContain('Database version upgrade');
      // Each month heading is followed by its own entries, months newest first, entries newest first.
      const months = await page.locator('main section').evaluateAll((sections) =>
        sections.map((s) => ({ month: s.querySelector('h2')!.textContent!, starts: [...s.querySelectorAll('li')].map((li) => li.querySelector('time')!.getAttribute('datetime')!) })),
      );
      const starts = months.flatMap((m) => m.starts);
      expect(starts).toEqual(starts.toSorted().toReversed());
      for (const { month, starts } of months) {
        for (const start of starts) expect(new Date(start).toLocaleString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' })).toBe(month);
      }
    });
  }

  test('404: says what happened, links home and to the history, status 404', async ({ page }) => {
    const response = await page.goto(pages.notFound);
    expect(response!.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
    await expect(page.locator('main').getByRole('link', { name: 'Current status' })).toHaveAttribute('href', '/');
    await expect(page.locator('main').getByRole('link', { name: 'History' })).toHaveAttribute('href', '/history');
  });

  test('every time carries a UTC datetime', async ({ page }) => {
    for (const path of [pages.home, pages.resolvedIncident, pages.maintenanceInProgress, pages.history]) {
      await page.goto(path);
      const datetimes = await page.locator('time').evaluateAll((times) => times.map((t) => t.getAttribute('datetime')));
      expect(datetimes.length).toBeGreaterThan(0);
      for (const dt of datetimes) expect(dt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    }
  });

  test('keyboard: the skip link is first and moves to the main content', async ({ page }) => {
    await page.goto(pages.home);
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to main content' });
    await expect(skip).toBeFocused();
    await expect(skip).toBeInViewport();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/#main$/);
  });

  test('fits a 320px screen without sideways scrolling', async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 640 });
    for (const path of [pages.home, pages.resolvedIncident, pages.history]) {
      await page.goto(path);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    }
  });
}

test.describe('with JavaScript', () => {
  test.use({ timezoneId: 'Asia/Tokyo', locale: 'en-US' });
  siteTests();

  test('times show in the reader zone, relative where marked, UTC kept as a tooltip', async ({ page }) => {
    await page.goto(pages.resolvedIncident);
    const began = page.locator('.facts time').first();
    await expect(began).not.toContainText('UTC');
    await expect(began).toHaveAttribute('title', /UTC$/);
    const iso = (await began.getAttribute('datetime'))!;
    const tokyo = new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short', timeZone: 'Asia/Tokyo' });
    await expect(began).toHaveText(tokyo.format(new Date(iso)));
    // 12-hour time as people write it: "7:12 AM", never "07:12 AM".
    expect(await began.textContent()).toMatch(/, (1[0-2]|[1-9]):\d\d [AP]M GMT\+9$/);

    await page.goto(pages.home);
    await expect(page.locator('.banner time')).toHaveText(/ago$|^now$/);
  });
});

/** How the live script writes a moment in `locale` and the reader's zone (public/outpost.js). */
const localTime = (locale: string, iso: string) =>
  new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short', timeZone: 'Europe/Berlin' }).format(new Date(iso));

test.describe("with JavaScript, in a 24-hour variant of the page's language", () => {
  test.use({ timezoneId: 'Europe/Berlin', locale: 'en-GB' });

  test("times follow the reader's variant of the page's language", async ({ page }) => {
    await page.goto(pages.resolvedIncident);
    const began = page.locator('.facts time').first();
    await expect(began).toHaveText(localTime('en-GB', (await began.getAttribute('datetime'))!));
    await expect(began).not.toContainText(/AM|PM/);
  });
});

test.describe('with JavaScript, in another language than the page', () => {
  test.use({ timezoneId: 'Europe/Berlin', locale: 'de-DE' });

  test("times are in the reader's zone, in the page's language (docs/languages.md)", async ({ page }) => {
    await page.goto(pages.resolvedIncident);
    const began = page.locator('.facts time').first();
    const iso = (await began.getAttribute('datetime'))!;
    await expect(began).toHaveText(localTime('en', iso));
    await expect(began).not.toHaveText(localTime('de-DE', iso));
  });
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  siteTests();

  test('times read in UTC', async ({ page }) => {
    await page.goto(pages.resolvedIncident);
    await expect(page.locator('.facts time').first()).toHaveText(/^\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2} UTC$/);
  });
});
