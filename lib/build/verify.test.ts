import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { loadContent } from '../content';
import { projectRoot } from './paths';
import { listFiles } from '../files';
import { secretsOf, verifyBuild } from './verify';

/** verifyBuild as a build calls it: every file scanned. */
const verify = (expected: string[], secrets: string[]) => verifyBuild(tmp, expected, listFiles(tmp), secrets);

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
    expect(verify(['index.html', 'incidents/a.html'], [])).toEqual([]);
  });

  test('missing and empty files are named', () => {
    write('index.html', '');
    expect(verify(['index.html', 'feed.xml'], [])).toEqual(['empty index.html', 'missing feed.xml']);
  });

  test("a page's social image that is not there is named", () => {
    const head = (id: string) =>
      `<meta property="og:image" content="https://status.acme.example/incidents/${id}/og.png"/><meta name="twitter:image" content="https://status.acme.example/incidents/${id}/og.png"/>`;
    write('incidents/a.html', head('a'));
    write('incidents/a/og.png', 'png');
    write('incidents/b.html', head('b'));
    expect(verify([], [])).toEqual(['incidents/b.html links to /incidents/b/og.png, which the build does not have']);
  });

  test("a social image a publish's second swap makes a moment later is not missing", () => {
    write('incidents/b.html', '<meta property="og:image" content="https://status.acme.example/incidents/b/og.png"/>');
    expect(verifyBuild(tmp, ['incidents/b.html'], ['incidents/b.html'], [], new Set(['incidents/b/og.png']))).toEqual([]);
    expect(verifyBuild(tmp, ['incidents/b.html'], ['incidents/b.html'], [], new Set(['incidents/c/og.png']))).toEqual(['incidents/b.html links to /incidents/b/og.png, which the build does not have']);
  });

  test('links and assets of the site that lead nowhere are named; other sites and fragments are not checked', () => {
    write('index.html', '<a href="/">home</a><a href="/incidents/a">a</a><a href="/incidents/b#x">b</a><script src="/_next/static/c.js"></script><link href="/gone.css" rel="stylesheet"/><a href="https://acme.example/x">x</a><a href="//cdn.example/y">y</a><a href="#top">t</a>');
    write('incidents/a.html', '<img src="/badge.svg?v=1">');
    write('_next/static/c.js', 'x');
    expect(verify(['index.html'], [])).toEqual([
      'incidents/a.html links to /badge.svg, which the build does not have',
      'index.html links to /incidents/b, which the build does not have',
      'index.html links to /gone.css, which the build does not have',
    ]);
  });

  test('a link is a file of the folder, never one beside it or a folder', () => {
    const site = path.join(tmp, 'site');
    write('beside.html');
    write('site/incidents/a/og.png');
    write('site/index.html', '<a href="/../beside">x</a><a href="/%2e%2e/beside.html">y</a><a href="/incidents">z</a><a href="/incidents/a/og.png">i</a>');
    expect(verifyBuild(site, ['index.html'], ['index.html'], [])).toEqual([
      'index.html links to /../beside, which the build does not have',
      'index.html links to /%2e%2e/beside.html, which the build does not have',
      'index.html links to /incidents, which the build does not have',
    ]);
  });

  test('a secret in any file, text or binary, is named', () => {
    write('index.html', '<html>fine</html>');
    write('_next/static/chunk.js', 'const t = "Bearer tok-1234567890abcdef";');
    write('og.png', Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47]), Buffer.from('tok-1234567890abcdef')]));
    expect(verify(['index.html'], ['tok-1234567890abcdef'])).toEqual([
      '_next/static/chunk.js contains a check or webhook secret',
      'og.png contains a check or webhook secret',
    ]);
  });

  test('a publish scans only what it wrote: the files verified before are not read again', () => {
    write('index.html', '<a href="/gone">x</a>');
    write('incidents/a.html', '<a href="/">home</a>');
    expect(verifyBuild(tmp, ['index.html'], ['incidents/a.html'], ['tok-1234567890abcdef'])).toEqual([]);
    expect(verifyBuild(tmp, ['index.html'], ['index.html'], [])).toEqual(['index.html links to /gone, which the build does not have']);
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
