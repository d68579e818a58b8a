import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import vm from 'node:vm';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic } from '../cli/serve';
import { chromiumArgs, findChromium } from '../../scripts/find-chromium';
import { flightModuleIds, inlineCss, optimizeOutput, optimizePage, userClientModules, type OptimizeReport } from './optimize';

// A real `next build` of lib/build/fixtures/next-site (server pages with links, CSS with a url(), JSON-LD,
// a plain public script, one page with a client component), exported once and optimised in copies.
const root = path.resolve(__dirname, '../..');
let site: string;
let exported: string;

/** A fresh copy of the export, as `next build` left it. */
function copyOfExport(name: string): string {
  const dir = path.join(site, name);
  fs.cpSync(exported, dir, { recursive: true });
  return dir;
}

function read(dir: string, file: string): string {
  return fs.readFileSync(path.join(dir, file), 'utf8');
}

function filesUnder(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const file of fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()) {
    const full = path.join(dir, file);
    if (fs.statSync(full).isFile()) files.set(file.split(path.sep).join('/'), fs.readFileSync(full, 'latin1'));
  }
  return files;
}

/** Same-origin URLs a page's HTML loads or links to (src, href), as paths. */
function localUrls(html: string): string[] {
  return [...html.matchAll(/\s(?:src|href)="([^"]+)"/g)]
    .map((m) => m[1] ?? '')
    .filter((url) => url.startsWith('/') && !url.startsWith('//'));
}

/** The file a static host serves for a URL path (`/other` → other.html, `/` → index.html). */
function servedFile(dir: string, url: string): string | null {
  const pathname = decodeURIComponent(new URL(url, 'http://x').pathname);
  const candidates = pathname.endsWith('/') ? [`${pathname}index.html`] : [pathname, `${pathname}.html`];
  return candidates.map((c) => path.join(dir, c)).find((f) => fs.existsSync(f) && fs.statSync(f).isFile()) ?? null;
}

beforeAll(() => {
  fs.mkdirSync(path.join(root, '.outpost'), { recursive: true });
  // Inside the project so Turbopack finds next in its node_modules.
  site = fs.mkdtempSync(path.join(root, '.outpost', 'optimize-test-'));
  fs.cpSync(path.join(__dirname, 'fixtures', 'next-site'), site, { recursive: true });
  const build = spawnSync(process.execPath, [require.resolve('next/dist/bin/next'), 'build'], {
    cwd: site,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
    encoding: 'utf8',
  });
  if (build.status !== 0) throw new Error(`next build of the fixture failed:\n${build.stdout}\n${build.stderr}`);
  exported = path.join(site, 'exported');
  fs.renameSync(path.join(site, 'out'), exported);
}, 240_000);

afterAll(() => {
  if (site) fs.rmSync(site, { recursive: true, force: true });
});

describe('optimizePage on a real exported page', () => {
  it('drops every Next script, script preload and inline payload and keeps the rest byte for byte', () => {
    const before = read(exported, 'index.html');
    expect(before).toMatch(/<script src="\/_next\//);
    expect(before).toContain('self.__next_f');
    const page = optimizePage(before, new Set(), () => null);
    expect(page.runtime).toBe(false);
    expect(page.html).not.toMatch(/_next\/static\/chunks\/[^"]+\.js/);
    expect(page.html).not.toMatch(/__next_f|TURBOPACK/);
    expect(page.html).not.toContain('rel="preload"');
    expect(page.html).toContain('<script src="/own.js" defer=""></script>');
    expect(page.html).toContain('<h1>Home ✓ 😀</h1>');
    expect(page.html).toMatch(/<link rel="stylesheet" href="\/_next\/static\/chunks\/[^"]+\.css"/);
    // Only whole elements went: what is left is the original with some ranges cut out.
    let rest = before;
    for (const piece of page.html.split(/(?<=>)/)) {
      const at = rest.indexOf(piece);
      expect(at, piece).toBeGreaterThanOrEqual(0);
      rest = rest.slice(at + piece.length);
    }
  });

  it('keeps inline scripts that are not Next’s own', () => {
    const page = optimizePage(read(exported, 'other.html'), new Set(), () => null);
    expect(page.html).toContain('<script type="application/ld+json">{"@context":"https://schema.org"');
  });

  it('replaces a stylesheet link with the CSS it is given', () => {
    const html = read(exported, 'index.html');
    const page = optimizePage(html, new Set(), (href) => (href.endsWith('.css') ? 'h1{color:red}' : null));
    expect(page.stylesheetsInlined).toBe(1);
    expect(page.html).toContain('<style>h1{color:red}</style>');
    expect(page.html).not.toContain('rel="stylesheet"');
  });

  it('leaves a page that renders one of our client components untouched', async () => {
    const html = read(exported, 'counter.html');
    const ours = await userClientModules(path.join(site, '.next'));
    expect(ours.size).toBe(1);
    expect(flightModuleIds(html).filter((id) => ours.has(id))).toHaveLength(1);
    expect(optimizePage(html, ours, () => null)).toEqual({ html, runtime: true, stylesheetsInlined: 0 });
  });

  it('is idempotent', () => {
    const once = optimizePage(read(exported, 'index.html'), new Set(), () => 'p{margin:0}').html;
    expect(optimizePage(once, new Set(), () => 'p{margin:0}').html).toBe(once);
  });
});

describe('inlineCss', () => {
  it.each([
    ['url(../media/dot.svg)', 'url(/_next/static/media/dot.svg)'],
    ['url("../media/a b.woff2")', 'url("/_next/static/media/a%20b.woff2")'],
    ["url('x.png?v=1#y')", "url('/_next/static/chunks/x.png?v=1#y')"],
    ['url(/fonts/inter.woff2)', 'url(/fonts/inter.woff2)'],
    ['url(data:image/png;base64,AAAA)', 'url(data:image/png;base64,AAAA)'],
    ['url(https://cdn.example/x.png)', 'url(https://cdn.example/x.png)'],
    ['url(#marker)', 'url(#marker)'],
  ])('rewrites %s against the stylesheet’s folder', (input, output) => {
    expect(inlineCss(`a{background:${input}}`, '/_next/static/chunks/site.css')).toBe(`a{background:${output}}`);
  });

  it('drops the source map comment', () => {
    expect(inlineCss('a{b:c}\n/*# sourceMappingURL=site.css.map*/\n', '/_next/static/chunks/site.css')).toBe('a{b:c}');
  });

  it.each([['@import "other.css";a{b:c}'], ['a::after{content:"</style><script>"}']])('refuses %s', (css) => {
    expect(inlineCss(css, '/_next/static/chunks/site.css')).toBeNull();
  });
});

describe('optimizeOutput on a real export', () => {
  let out: string;
  let report: OptimizeReport;

  beforeAll(async () => {
    // Without the client component page, no page needs Next's runtime.
    out = copyOfExport('static-only');
    for (const file of fs.readdirSync(out)) if (file.startsWith('counter')) fs.rmSync(path.join(out, file), { recursive: true });
    // Our live script, as Next copies it from public/.
    fs.copyFileSync(path.join(__dirname, '..', '..', 'public', 'outpost.js'), path.join(out, 'outpost.js'));
    report = await optimizeOutput(out, { distDir: path.join(site, '.next') });
  });

  it('serves our own scripts minified: one line, no comments, far fewer gzip bytes, still a valid script', () => {
    const source = fs.readFileSync(path.join(__dirname, '..', '..', 'public', 'outpost.js'), 'utf8');
    const served = read(out, 'outpost.js');
    expect(served.trimEnd()).not.toContain('\n');
    expect(served).not.toContain("Outpost's one script");
    expect(gzipSync(served).length).toBeLessThan(gzipSync(source).length * 0.7);
    expect(() => new vm.Script(served)).not.toThrow();
    // Names the page's markup relies on survive.
    for (const name of ['data-live', 'data-stale-at', 'data-relative']) expect(served).toContain(name);
  });

  it('leaves no Next JavaScript, no RSC payload and keeps every file of ours', () => {
    const files = [...filesUnder(out).keys()];
    expect(files.filter((f) => f.endsWith('.js')).sort()).toEqual(['outpost.js', 'own.js']);
    expect(files.filter((f) => f.endsWith('.txt'))).toEqual(['robots.txt']);
    expect(files.filter((f) => f.endsWith('.css'))).toEqual([]);
    expect(files).toEqual(expect.arrayContaining(['404.html', 'index.html', 'other.html', 'outpost.js', 'own.js']));
    expect(report).toMatchObject({ pages: 4, pagesWithRuntime: [] });
    expect(report.stylesheetsInlined).toBe(4);
    expect(report.filesRemoved).toEqual(expect.arrayContaining(['index.txt', 'other/__next._tree.txt']));
    expect(fs.existsSync(path.join(out, 'other'))).toBe(false);
  });

  it('inlines the stylesheet with its image still reachable', () => {
    const html = read(out, 'index.html');
    const css = /<style>([^<]*)<\/style>/.exec(html)?.[1] ?? '';
    expect(css).toContain('color:#639');
    const image = /url\(([^)]+)\)/.exec(css)?.[1] ?? '';
    expect(image).toMatch(/^\/_next\/static\/media\/dot\.[^/]+\.svg$/);
    expect(servedFile(out, image)).not.toBeNull();
  });

  it('leaves every same-origin link and asset of every page resolvable', () => {
    for (const [file, html] of filesUnder(out)) {
      if (!file.endsWith('.html')) continue;
      const urls = localUrls(html).filter((url) => url !== '/counter'); // the page this copy left out
      expect(urls.length).toBeGreaterThan(1);
      for (const url of urls) expect(servedFile(out, url), `${file} → ${url}`).not.toBeNull();
    }
  });

  it('changes nothing when run again', async () => {
    const before = filesUnder(out);
    const again = await optimizeOutput(out, { distDir: path.join(site, '.next') });
    expect(again.filesRemoved).toEqual([]);
    expect(filesUnder(out)).toEqual(before);
  });

  it('refuses to guess when the build folder is missing', async () => {
    await expect(optimizeOutput(copyOfExport('no-build-folder'), { distDir: path.join(site, 'missing') })).rejects.toThrow(
      /no client reference manifest/,
    );
  });
});

describe('the optimised site in Chromium', () => {
  let out: string;
  let server: Server;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    out = copyOfExport('browser');
    const report = await optimizeOutput(out, { distDir: path.join(site, '.next') });
    expect(report.pagesWithRuntime).toEqual(['counter.html']);
    server = await serveStatic(out, 0);
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: findChromium(), args: chromiumArgs });
  });

  afterAll(async () => {
    await browser?.close();
    server?.close();
  });

  it.each([true, false])('navigates by links with JavaScript %s, with no failed request or console error', async (javaScriptEnabled) => {
    const context = await browser.newContext({ javaScriptEnabled });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(`${m.text()} ${m.location().url}`));
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('response', (r) => r.status() >= 400 && problems.push(`${r.status()} ${r.url()}`));
    await page.goto(`${base}/`);
    expect(await page.getAttribute('html', 'data-own')).toBe(javaScriptEnabled ? 'ran' : null);
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('h1')!).color)).toBe('rgb(102, 51, 153)');
    await page.getByRole('link', { name: 'Other page' }).click();
    await page.waitForURL(`${base}/other`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Other');
    await page.getByRole('link', { name: 'Home' }).click();
    await page.waitForURL(`${base}/`);
    await page.getByRole('link', { name: 'Counter' }).click();
    await page.waitForURL(`${base}/counter`);
    if (javaScriptEnabled) {
      // The page with a client component kept Next's runtime and still hydrates.
      const button = page.getByRole('button');
      await expect.poll(async () => (await button.click(), button.textContent())).not.toBe('Clicked 0');
    }
    expect(problems).toEqual([]);
    await context.close();
  });
});
