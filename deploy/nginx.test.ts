import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { findChromium } from '../scripts/find-chromium';
import { headerPolicy } from '../lib/build/csp';
import { sharedSite } from '../lib/build/test-site';
import { activate, readBuildMeta } from '../lib/build/swap';
import { listFiles } from '../lib/files';
import { hostSite } from '../e2e/widget-host.test-support';
import { get as rawGet, nginxAvailable, startNginx, type Nginx } from './nginx.test-support';

// Debian's nginx with the shipped snippets, serving a real build through an `out` link, as on the VM.
const nginx = nginxAvailable('deploy/nginx.test.ts');

let tmp: string;
let out: string;
let server: Nginx;
let port: number;
const get = (url: string, headers: Record<string, string> = {}) => rawGet(port, url, headers);

/**
 * Files of each kind the site may serve, written only where this build has none, so every rule is exercised
 * (a build whose pages need no framework script has no hashed chunk at all).
 */
const samples: Record<string, string | Buffer> = {
  '_next/static/chunks/0c1d2e3f4a5b6c7d.js': `/* a hashed chunk */ ${'self.x = (self.x || 0) + 1;\n'.repeat(64)}`,
  'status.json': '{"status":{"indicator":"none"}}',
  'api/v2/summary.json': '{"page":{}}',
  'feed.xml': '<?xml version="1.0"?><rss version="2.0"><channel></channel></rss>',
  'components/api/feed.xml': '<?xml version="1.0"?><rss version="2.0"><channel></channel></rss>',
  'maintenance.ics': 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n',
  'badge.svg': '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"></svg>',
  'og.png': Buffer.from('89504e470d0a1a0a', 'hex'),
};

describe.skipIf(!nginx)('nginx (deploy/nginx) serving a built site', () => {
  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-nginx-'));
    // A copy of the shared build, behind an `out` link like the one `outpost build` swaps.
    const build = path.join(tmp, 'builds', 'a');
    const shared = await sharedSite();
    fs.cpSync(shared, build, { recursive: true });
    fs.copyFileSync(`${shared}.json`, `${build}.json`);
    const hasChunk = fs.existsSync(path.join(build, '_next', 'static')) && listFiles(path.join(build, '_next', 'static')).some((f) => f.endsWith('.js'));
    for (const [file, body] of Object.entries(samples)) {
      if (fs.existsSync(path.join(build, file)) || (file.startsWith('_next/') && hasChunk)) continue;
      fs.mkdirSync(path.dirname(path.join(build, file)), { recursive: true });
      fs.writeFileSync(path.join(build, file), body);
    }
    out = path.join(tmp, 'out');
    activate(out, build, tmp);

    server = await startNginx(tmp, out);
    port = server.port;
  }, 600_000);

  afterAll(async () => {
    await server?.stop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  test('the home page: HTML, UTF-8, security headers with a CSP, a minute of cache, no version', async () => {
    const res = await get('/');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toBe(headerPolicy);
    expect(res.body.toString()).toMatch(/<head><meta charSet="utf-8"\/><meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self'( 'sha256-[A-Za-z0-9+\/=]+')*;/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000');
    expect(res.headers['cache-control']).toBe('public, max-age=60');
    expect(res.headers.server).toBe('nginx');
    expect(res.body.toString()).toContain('<h1 class="sr-only">Acme Status</h1>');
  });

  test('gzip for pages and text files when asked', async () => {
    const res = await get('/', { 'Accept-Encoding': 'gzip' });
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers.vary).toBe('Accept-Encoding');
    expect(zlib.gunzipSync(res.body).toString()).toContain('<h1 class="sr-only">Acme Status</h1>');
    for (const file of ['feed.xml', 'maintenance.ics', listFiles(out).find((f) => f.startsWith('_next/static/') && f.endsWith('.js'))!]) {
      const text = await get(`/${file}`, { 'Accept-Encoding': 'gzip' });
      expect(text.status, file).toBe(200);
      expect(text.headers['content-encoding'], file).toBe('gzip');
      expect(zlib.gunzipSync(text.body).equals(fs.readFileSync(path.join(out, file))), file).toBe(true);
    }
  });

  test('every page the content makes answers at its extensionless URL', async () => {
    const pages = Object.keys(readBuildMeta(fs.realpathSync(out))!.manifest.outputs).filter((f) => f.endsWith('.html') && f !== '404.html');
    expect(pages).toContain('index.html');
    for (const page of pages) {
      const url = page === 'index.html' ? '/' : `/${page.replace(/\.html$/, '')}`;
      const res = await get(url);
      expect(res.status, url).toBe(200);
      expect(res.body.equals(fs.readFileSync(path.join(out, page))), url).toBe(true);
    }
  });

  test('hashed build assets: a year of immutable cache, JavaScript with its charset', async () => {
    const asset = listFiles(out).find((f) => f.startsWith('_next/static/') && f.endsWith('.js'));
    expect(asset).toBeDefined();
    const res = await get(`/${asset}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/javascript; charset=utf-8');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers['content-security-policy']).toBeDefined();
  });

  test.each([
    ['/status.json', 'application/json; charset=utf-8', 'public, max-age=10, must-revalidate'],
    ['/api/v2/summary.json', 'application/json; charset=utf-8', 'public, max-age=10, must-revalidate'],
    ['/feed.xml', 'application/rss+xml; charset=utf-8', 'public, max-age=60'],
    ['/components/api/feed.xml', 'application/rss+xml; charset=utf-8', 'public, max-age=60'],
    ['/maintenance.ics', 'text/calendar; charset=utf-8', 'public, max-age=60'],
    ['/badge.svg', 'image/svg+xml; charset=utf-8', 'public, max-age=60'],
    ['/og.png', 'image/png', 'public, max-age=60'],
    ['/widget.js', 'application/javascript; charset=utf-8', 'public, max-age=3600'],
    ['/build.json', 'application/json; charset=utf-8', 'public, max-age=60'],
  ])('%s is served as %s with cache %s', async (url, type, cache) => {
    const res = await get(url);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(type);
    expect(res.headers['cache-control']).toBe(cache);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  test('other origins may read status.json, the widget and api/, and nothing else', async () => {
    for (const url of ['/status.json', '/widget.js', '/api/v2/summary.json']) {
      const res = await get(url, { Origin: 'https://www.acme.example' });
      expect(res.headers['access-control-allow-origin'], url).toBe('*');
    }
    for (const url of ['/status.json', '/widget.js']) expect((await get(url)).headers['cross-origin-resource-policy'], url).toBe('cross-origin');
    for (const url of ['/', '/build.json', '/badge.svg', '/feed.xml', '/incidents/x', '/no/such/page']) {
      expect((await get(url, { Origin: 'https://www.acme.example' })).headers['access-control-allow-origin'], url).toBeUndefined();
    }
    // The widget asks again with If-None-Match: an unchanged status.json is a 304 that other origins may read too.
    const first = await get('/status.json');
    const again = await get('/status.json', { Origin: 'https://www.acme.example', 'If-None-Match': String(first.headers.etag) });
    expect(again.status).toBe(304);
    expect(again.headers['access-control-allow-origin']).toBe('*');
  });

  test('in Chromium, a page on another origin shows the status through the widget nginx serves', async () => {
    const status = JSON.parse(fs.readFileSync(path.join(out, 'status.json'), 'utf8')) as { look: { words: string } };
    const site = await hostSite();
    const browser = await chromium.launch({ executablePath: findChromium(), args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(site.page(`http://127.0.0.1:${port}`));
      await page.locator('#outpost-status a.s').filter({ hasText: status.look.words }).waitFor({ timeout: 10_000 });
      expect(await page.locator('#own').textContent()).toBe('host script ran');
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
      await site.close();
    }
  }, 60_000);

  test('an unknown path gets the site 404 page, with the security headers and no cache', async () => {
    const res = await get('/no/such/page');
    expect(res.status).toBe(404);
    expect(res.body.equals(fs.readFileSync(path.join(out, '404.html')))).toBe(true);
    expect(res.headers['content-security-policy']).toBeDefined();
    expect(res.headers['cache-control']).toBeUndefined();
    expect((await get('/_next/static/missing.js')).status).toBe(404);
    expect((await get('/.hidden')).status).toBe(404);
  });

  test("in Chromium every page runs under both policies with no violation, and an injected inline script is refused", async () => {
    const build = fs.realpathSync(out);
    const home = fs.readFileSync(path.join(build, 'index.html'), 'utf8');
    fs.writeFileSync(path.join(build, 'injected.html'), home.replace('</body>', '<script>document.title="injected"</script></body>'));
    const pages = Object.keys(readBuildMeta(build)!.manifest.outputs).filter((f) => f.endsWith('.html'));
    const browser = await chromium.launch({ executablePath: findChromium(), args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
    try {
      const page = await browser.newPage();
      await page.addInitScript(() => {
        (window as unknown as { violations: string[] }).violations = [];
        document.addEventListener('securitypolicyviolation', (e) => (window as unknown as { violations: string[] }).violations.push(`${e.violatedDirective} ${e.blockedURI}`));
      });
      const violations = async () => page.evaluate(() => (window as unknown as { violations: string[] }).violations);
      for (const file of pages) {
        const url = file === 'index.html' ? '/' : `/${file.replace(/\.html$/, '')}`;
        await page.goto(`http://127.0.0.1:${port}${url}`, { waitUntil: 'load' });
        await page.waitForTimeout(300);
        expect(await violations(), url).toEqual([]);
      }
      await page.goto(`http://127.0.0.1:${port}/injected`, { waitUntil: 'load' });
      await page.waitForTimeout(300);
      expect(await page.title()).not.toBe('injected');
      expect(await violations()).toEqual(['script-src-elem inline']);
      await expect(page.locator('h1').textContent()).resolves.toBe('Acme Status');
    } finally {
      await browser.close();
    }
  }, 120_000);

  test('a swapped out link is served at once, without a reload', async () => {
    const next = path.join(tmp, 'builds', 'b');
    fs.cpSync(fs.realpathSync(out), next, { recursive: true });
    fs.writeFileSync(path.join(next, 'index.html'), '<!DOCTYPE html><h1>Next build</h1>');
    activate(out, next, tmp);
    expect((await get('/')).body.toString()).toContain('Next build');
  });
});
