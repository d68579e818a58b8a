import fs from 'node:fs';
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { projectRoot } from '../lib/build/paths';
import { buildsDirFor } from '../lib/build/swap';
import { serveStatic } from '../lib/cli/serve';
import { publishSite } from '../lib/render/publish';
import { examplePages } from './example-pages';

/**
 * How the pages look, so that a change to the look is seen and accepted on purpose: every page type at 320, 768
 * and 1280 px, light and dark, JavaScript on and off, compared with the screenshots committed beside this file
 * (e2e/visual.spec.ts-snapshots/). Accept a change with `npx playwright test e2e/visual.spec.ts --update-snapshots`.
 *
 * The example content moves with the clock (site.yaml's exampleAnchor), so these pages are the served build
 * published again at one fixed moment, the anchor (lib/render/publish.ts: the same renderer, no second Next
 * build), and the browser's clock, zone and locale are fixed too: every time on the page, relative ones included,
 * is the same on every run, and nothing needs masking.
 *
 * The same pages make the screenshots of the README and docs (docs/images/), and are checked for layout shift.
 */

/** The example's anchor: with "now" here, the example's times are the ones written in content/ and data/. */
const FIXED_NOW = new Date('2026-11-23T12:00:00Z');

const pages = {
  home: examplePages.home,
  'incident-open': examplePages.openIncident,
  'incident-resolved': examplePages.resolvedIncident,
  maintenance: examplePages.maintenanceInProgress,
  component: examplePages.component,
  history: examplePages.history,
  subscribe: '/subscribe',
  'not-found': examplePages.notFound,
};

/** A phone, a tablet, a laptop: the width and the height of what is on screen first. */
const viewports = [
  { width: 320, height: 640 },
  { width: 768, height: 1024 },
  { width: 1280, height: 800 },
];

let tmp: string;
let frozenOut: string;
let server: http.Server;
let base: string;

test.beforeAll(async () => {
  // The served build (the webServer built it from content/), published again at the fixed moment into a copy.
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-visual-'));
  frozenOut = path.join(tmp, 'out');
  fs.symlinkSync(fs.realpathSync(path.join(projectRoot, 'out')), frozenOut);
  await publishSite({ out: frozenOut, contentDir: path.join(projectRoot, 'content'), dataDir: path.join(projectRoot, 'data'), now: FIXED_NOW, notifyDir: path.join(tmp, 'notify') });
  server = await serveStatic(fs.realpathSync(frozenOut), 0);
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

test.afterAll(() => {
  server?.close();
  if (frozenOut) fs.rmSync(buildsDirFor(projectRoot, frozenOut), { recursive: true, force: true });
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

/** Opens `pagePath` of the frozen site as a reader at FIXED_NOW would see it (JavaScript as the test's context says). */
async function open(page: Page, pagePath: string, viewport: { width: number; height: number }, colorScheme: 'light' | 'dark'): Promise<void> {
  await page.clock.setFixedTime(FIXED_NOW);
  await page.setViewportSize(viewport);
  await page.emulateMedia({ colorScheme });
  await page.goto(`${base}${pagePath}`);
  await page.evaluate(() => document.fonts.ready);
}

for (const javaScriptEnabled of [true, false]) {
  const js = javaScriptEnabled ? 'js' : 'nojs';
  test.describe(`JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, () => {
    // One zone and locale: times the script rewrites read the same on every machine.
    test.use({ javaScriptEnabled, timezoneId: 'UTC', locale: 'en-US' });

    for (const [name, pagePath] of Object.entries(pages)) {
      test(`${name} looks as accepted at 320, 768 and 1280 px, light and dark`, async ({ page }) => {
        for (const viewport of viewports) {
          for (const colorScheme of ['light', 'dark'] as const) {
            await open(page, pagePath, viewport, colorScheme);
            // What is on screen first (not the whole page: the repository keeps these files).
            await expect.soft(page, `${name} ${viewport.width} ${colorScheme} ${js}`).toHaveScreenshot(`${name}-${viewport.width}-${colorScheme}-${js}.png`, {
              // Colours within Playwright's default threshold count as equal (font anti-aliasing); beyond that, one
              // pixel in a thousand may differ. With the clock frozen, two runs here give identical pixels, and a
              // change as small as a card's coloured edge 1 px thinner exceeds this.
              maxDiffPixelRatio: 0.001,
              animations: 'disabled',
              caret: 'hide',
            });
          }
        }
      });
    }
  });
}

/**
 * Cumulative layout shift while a page loads and its script runs, at 320 and 1280 px. Nothing on the pages loads
 * late (no web font, no image without its size, no content added by script) except the script's rewriting of times
 * in the reader's zone: where the script arrives after the first paint, a time that grows or shrinks ("23 Nov 2026,
 * 11:59 UTC" becoming "1 minute ago") can rewrap its line. Held to half of what Lighthouse calls good (0.1).
 */
test.describe('pages do not move once shown', () => {
  test.use({ timezoneId: 'UTC', locale: 'en-US' });

  for (const [name, pagePath] of Object.entries(pages)) {
    test(`${name}: almost no layout shift while it loads and its script runs`, async ({ page }) => {
      await page.addInitScript(() => {
        type Shift = PerformanceEntry & { value: number; hadRecentInput: boolean; sources: { node: Node | null }[] };
        const shifts: { value: number; moved: string[] }[] = [];
        (window as unknown as { shifts: typeof shifts }).shifts = shifts;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries() as Shift[]) {
            if (!entry.hadRecentInput) shifts.push({ value: entry.value, moved: entry.sources.map((s) => `${s.node?.nodeName} "${s.node?.textContent?.slice(0, 40)}"`) });
          }
        }).observe({ type: 'layout-shift', buffered: true });
      });
      for (const viewport of [viewports[0]!, viewports[2]!]) {
        await open(page, pagePath, viewport, 'light');
        // The script has run (times rewritten in the reader's zone) and frames have been drawn since.
        await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
        const shifts = await page.evaluate(() => (window as unknown as { shifts: { value: number; moved: string[] }[] }).shifts);
        const cumulative = shifts.reduce((sum, s) => sum + s.value, 0);
        expect(cumulative, `${name} at ${viewport.width} px: ${JSON.stringify(shifts)}`).toBeLessThan(0.05);
      }
    });
  }
});

test.describe('README and docs screenshots', () => {
  test.use({ timezoneId: 'UTC', locale: 'en-US' });

  const shots = { home: pages.home, incident: pages['incident-open'], component: pages.component };
  test('written to docs/images/ from the frozen example, 1280 px wide, light and dark', async ({ page }) => {
    const dir = path.join(projectRoot, 'docs', 'images');
    fs.mkdirSync(dir, { recursive: true });
    for (const [name, pagePath] of Object.entries(shots)) {
      for (const colorScheme of ['light', 'dark'] as const) {
        await open(page, pagePath, viewports[2]!, colorScheme);
        const file = path.join(dir, `${name}-${colorScheme}.png`);
        await page.screenshot({ path: file, animations: 'disabled', caret: 'hide' });
        expect(fs.statSync(file).size, file).toBeGreaterThan(10_000);
      }
    }
  });
});
