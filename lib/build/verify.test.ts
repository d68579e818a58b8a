import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { loadContent } from '../content';
import { projectRoot } from './pipeline';
import { appRoutes, dynamicRoutes, expectedFiles, listFiles, secretsOf, verifyBuild } from './verify';

const content = loadContent(path.join(projectRoot, 'content'));
let tmp: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-verify-'));
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

function write(file: string, text: string | Buffer = 'x'): void {
  fs.mkdirSync(path.dirname(path.join(tmp, file)), { recursive: true });
  fs.writeFileSync(path.join(tmp, file), text);
}

describe('appRoutes', () => {
  test('pages, route handlers and metadata files; route groups and private folders left out', () => {
    for (const file of [
      'page.tsx',
      'layout.tsx',
      '(site)/incidents/[id]/page.tsx',
      'feed.xml/route.ts',
      'api/v2/summary.json/route.ts',
      '_parts/banner.tsx',
      '_parts/page.tsx',
      'sitemap.ts',
      'components/[id]/badge.svg/route.tsx',
      'styles.css',
    ]) {
      write(file);
    }
    expect(appRoutes(tmp)).toEqual([
      { route: '/', kind: 'page' },
      { route: '/api/v2/summary.json', kind: 'handler' },
      { route: '/components/[id]/badge.svg', kind: 'handler' },
      { route: '/feed.xml', kind: 'handler' },
      { route: '/incidents/[id]', kind: 'page' },
      { route: '/sitemap.xml', kind: 'handler' },
    ]);
  });
});

describe('expectedFiles', () => {
  test('each page and file the content makes, and 404', () => {
    const { files, unknown } = expectedFiles(
      [
        { route: '/', kind: 'page' },
        { route: '/incidents/[id]', kind: 'page' },
        { route: '/components/[id]/badge.svg', kind: 'handler' },
        { route: '/api/v2/summary.json', kind: 'handler' },
        { route: '/history/page/[n]', kind: 'page' },
        { route: '/mystery/[slug]', kind: 'page' },
      ],
      content,
      new Date(),
    );
    expect(files).toEqual(
      [
        '404.html',
        'index.html',
        'api/v2/summary.json',
        'history/page/1.html',
        ...content.incidents.map((i) => `incidents/${i.id}.html`),
        ...content.site.components.map((c) => `components/${c.id}/badge.svg`),
      ].sort(),
    );
    expect(files).toContain('incidents/2026-10-28-api-outage.html');
    expect(files).not.toContain('history/page/2.html'); // the example's history fits on one page of 25
    expect(unknown).toEqual(['/mystery/[slug]']);
  });

  test('every dynamic route in app/ says which files it makes', () => {
    const dynamic = appRoutes(path.join(projectRoot, 'app')).filter((r) => r.route.includes('['));
    expect(dynamic.filter((r) => !dynamicRoutes[r.route]).map((r) => r.route)).toEqual([]);
  });
});

describe('secretsOf', () => {
  test('header values as sent (env read), webhook addresses; short and placeholder values left out', () => {
    const secrets = secretsOf(content, { ACME_HEALTH_TOKEN: 'tok-1234567890abcdef' });
    expect(secrets).toContain('tok-1234567890abcdef');
    expect(secrets).toContain('Bearer tok-1234567890abcdef');
    expect(secrets).not.toContain('Bearer');
    expect(secrets.some((s) => s.includes('${env:'))).toBe(true); // the raw header value, placeholder and all
    expect(secrets).not.toContain('${env:ACME_HEALTH_TOKEN}');
  });

  test('an unset variable adds nothing but the raw value', () => {
    expect(secretsOf(content, {})).toEqual(['Bearer ${env:ACME_HEALTH_TOKEN}']);
  });
});

describe('verifyBuild', () => {
  test('a complete folder passes', () => {
    write('index.html', '<html></html>');
    write('incidents/a.html', '<html></html>');
    expect(verifyBuild(tmp, ['index.html', 'incidents/a.html'], [])).toEqual([]);
  });

  test('missing and empty files are named', () => {
    write('index.html', '');
    expect(verifyBuild(tmp, ['index.html', 'feed.xml'], [])).toEqual(['empty index.html', 'missing feed.xml']);
  });

  test("a page's social image that is not there is named", () => {
    const head = (id: string) =>
      `<meta property="og:image" content="https://status.acme.example/incidents/${id}/og.png"/><meta name="twitter:image" content="https://status.acme.example/incidents/${id}/og.png"/>`;
    write('incidents/a.html', head('a'));
    write('incidents/a/og.png', 'png');
    write('incidents/b.html', head('b'));
    expect(verifyBuild(tmp, [], [])).toEqual(['incidents/b.html links to /incidents/b/og.png, which the build does not have']);
  });

  test('links and assets of the site that lead nowhere are named; other sites and fragments are not checked', () => {
    write('index.html', '<a href="/">home</a><a href="/incidents/a">a</a><a href="/incidents/b#x">b</a><script src="/_next/static/c.js"></script><link href="/gone.css" rel="stylesheet"/><a href="https://acme.example/x">x</a><a href="//cdn.example/y">y</a><a href="#top">t</a>');
    write('incidents/a.html', '<img src="/badge.svg?v=1">');
    write('_next/static/c.js', 'x');
    expect(verifyBuild(tmp, ['index.html'], [])).toEqual([
      'incidents/a.html links to /badge.svg, which the build does not have',
      'index.html links to /incidents/b, which the build does not have',
      'index.html links to /gone.css, which the build does not have',
    ]);
  });

  test('a secret in any file, text or binary, is named', () => {
    write('index.html', '<html>fine</html>');
    write('_next/static/chunk.js', 'const t = "Bearer tok-1234567890abcdef";');
    write('og.png', Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47]), Buffer.from('tok-1234567890abcdef')]));
    expect(verifyBuild(tmp, ['index.html'], ['tok-1234567890abcdef'])).toEqual([
      '_next/static/chunk.js contains a check or webhook secret',
      'og.png contains a check or webhook secret',
    ]);
  });

  test('listFiles lists nested files with / and follows a linked root', () => {
    write('b/c.txt');
    write('a.txt');
    fs.symlinkSync(tmp, path.join(os.tmpdir(), path.basename(tmp) + '-link'));
    const link = path.join(os.tmpdir(), path.basename(tmp) + '-link');
    try {
      expect(listFiles(link)).toEqual(['a.txt', 'b/c.txt']);
    } finally {
      fs.rmSync(link);
    }
  });
});
