// What a reader's browser loads and runs for each page type of a built site: gzip bytes of the HTML, CSS and
// JS it loads (from its HTML), and the long tasks Chromium sees while it loads and runs the page's script.
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { attribute, htmlElements } from '../lib/build/html';
import { serveStatic } from '../lib/cli/serve';
import { chromiumArgs, findChromium } from '../scripts/find-chromium';

/** Gzip bytes (zlib's default level, as most servers use) of what one page loads, by kind. */
export type PageWeight = { html: number; css: number; js: number; total: number; requests: number };

/** A kind of page and where its files are in out/. */
export type PageType = { name: string; match: (file: string) => boolean };

/** The page types the bench weighs, by where they sit in out/ (the site's URL layout). */
export const pageTypes: PageType[] = [
  { name: 'home', match: (f) => f === 'index.html' },
  { name: 'incident', match: (f) => /^incidents\/[^/]+\.html$/.test(f) },
  { name: 'history', match: (f) => /^history(?:\.html|\/.+\.html)$/.test(f) },
  { name: 'maintenance', match: (f) => /^maintenance\/[^/]+\.html$/.test(f) },
  { name: 'component', match: (f) => /^components\/[^/]+\.html$/.test(f) },
];

/** Stylesheets and scripts a modern browser fetches for this HTML (no `nomodule`, no data blocks), as URLs. */
export function loadedResources(html: string): { css: string[]; js: string[] } {
  const css = new Set<string>();
  const js = new Set<string>();
  for (const element of htmlElements(html)) {
    const rel = (attribute(element, 'rel') ?? '').toLowerCase().split(/\s+/);
    const as = attribute(element, 'as');
    const href = attribute(element, 'href');
    if (element.tagName === 'script') {
      const src = attribute(element, 'src');
      const type = (attribute(element, 'type') ?? '').toLowerCase();
      if (src && attribute(element, 'nomodule') === null && ['', 'module', 'text/javascript'].includes(type)) js.add(src);
    } else if (element.tagName === 'link' && href) {
      if (rel.includes('stylesheet')) css.add(href);
      else if (rel.includes('modulepreload') || (rel.includes('preload') && as === 'script')) js.add(href);
      else if (rel.includes('preload') && as === 'style') css.add(href);
    }
  }
  return { css: [...css], js: [...js] };
}

function gzipBytes(file: string): number {
  return gzipSync(fs.readFileSync(file)).length;
}

/** The file in `outDir` a same-origin URL names; throws for a URL that leaves the site or names nothing. */
function fileFor(outDir: string, url: string): string {
  const parsed = new URL(url, 'http://site.invalid/');
  if (parsed.origin !== 'http://site.invalid') throw new Error(`page loads from another origin: ${url}`);
  const file = path.join(outDir, decodeURIComponent(parsed.pathname));
  if (!fs.existsSync(file)) throw new Error(`page loads ${url}, which is not in ${outDir}`);
  return file;
}

/** Gzip bytes of one page's HTML and of every stylesheet and script it loads. */
export function pageWeight(outDir: string, page: string): PageWeight {
  const file = path.join(outDir, page);
  const { css, js } = loadedResources(fs.readFileSync(file, 'utf8'));
  const weight = {
    html: gzipBytes(file),
    css: css.reduce((sum, url) => sum + gzipBytes(fileFor(outDir, url)), 0),
    js: js.reduce((sum, url) => sum + gzipBytes(fileFor(outDir, url)), 0),
  };
  return { ...weight, total: weight.html + weight.css + weight.js, requests: 1 + css.length + js.length };
}

/** The heaviest page of each type in a built site, with how many pages of that type there are. */
export function heaviestPages(outDir: string): { type: string; page: string; pages: number; weight: PageWeight }[] {
  const files = fs
    .readdirSync(outDir, { recursive: true, encoding: 'utf8' })
    .map((f) => f.split(path.sep).join('/'))
    .filter((f) => f.endsWith('.html'));
  return pageTypes.flatMap((type) => {
    const pages = files.filter(type.match).map((page) => ({ page, weight: pageWeight(outDir, page) }));
    const heaviest = pages.sort((a, b) => b.weight.total - a.weight.total)[0];
    return heaviest ? [{ type: type.name, pages: pages.length, ...heaviest }] : [];
  });
}

/** What Chromium saw while loading one page and running its script for a few seconds. */
export type PageRun = {
  /** Longest task on the main thread (PerformanceObserver `longtask`, over 50 ms), 0 when none. */
  longestTaskMs: number;
  /** Longest time our own scripts (served from the site, not `/_next/`) ran in one animation frame. */
  longestOwnScriptMs: number;
  /** Requests the page made that were not answered with success, and console errors. */
  problems: string[];
};

/** Loads each page in Chromium with JavaScript on and reports long tasks and failures. */
export async function runPages(outDir: string, pages: string[], settleMs = 3000): Promise<Map<string, PageRun>> {
  const server = await serveStatic(outDir, 0);
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({ executablePath: findChromium(), args: chromiumArgs });
  const runs = new Map<string, PageRun>();
  try {
    for (const page of pages) {
      const context = await browser.newContext();
      const tab = await context.newPage();
      const problems: string[] = [];
      tab.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()} ${m.location().url}`));
      tab.on('pageerror', (e) => problems.push(`error: ${e.message}`));
      tab.on('response', (r) => r.status() >= 400 && problems.push(`${r.status()} ${r.url()}`));
      await tab.addInitScript(() => {
        const seen = { longestTaskMs: 0, longestOwnScriptMs: 0 };
        (globalThis as unknown as { __bench: typeof seen }).__bench = seen;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) seen.longestTaskMs = Math.max(seen.longestTaskMs, entry.duration);
        }).observe({ type: 'longtask', buffered: true });
        try {
          new PerformanceObserver((list) => {
            for (const frame of list.getEntries() as unknown as { scripts: { sourceURL: string; duration: number }[] }[]) {
              for (const script of frame.scripts) {
                const own = script.sourceURL.startsWith(location.origin) && !script.sourceURL.includes('/_next/');
                if (own) seen.longestOwnScriptMs = Math.max(seen.longestOwnScriptMs, script.duration);
              }
            }
          }).observe({ type: 'long-animation-frame', buffered: true });
        } catch {
          // Long animation frames need Chromium 123+; long tasks still count.
        }
      });
      await tab.goto(`${base}/${page.replace(/(?:index)?\.html$/, '')}`, { waitUntil: 'load' });
      await tab.waitForTimeout(settleMs);
      const seen = await tab.evaluate(() => (globalThis as unknown as { __bench: { longestTaskMs: number; longestOwnScriptMs: number } }).__bench);
      runs.set(page, { ...seen, problems });
      await context.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
  return runs;
}
