import path from 'node:path';
import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '@/lib/build/paths';
import { loadContent } from '@/lib/content';
import { cutShell, headHtml, stampPage } from './shell';

const page = (head: string, body: string) =>
  `<!DOCTYPE html><html><head><meta charSet="utf-8"/><style>x</style>${head}<link rel="icon" href="/icon.svg"/><script src="/outpost.js" defer=""></script></head><body><main id="main">${body}<!--$--><!--/$--></main></body></html>`;

describe('the shell', () => {
  it('cuts a page around its head tags and main content, and sets others in', () => {
    const shell = cutShell(page('<meta name="robots" content="noindex"/><meta name="color-scheme" content="light dark"/><title>404</title>', '<h1>Not here</h1>'));
    const html = stampPage(shell, '<meta name="color-scheme" content="light dark"/><title>Home</title>', createElement('h1', null, 'Home'));
    expect(html).toBe(page('<meta name="color-scheme" content="light dark"/><title>Home</title>', '<h1>Home</h1>'));
  });

  it('refuses a page that still carries a script of Next’s runtime: every page made from it would hydrate into it', () => {
    const withRuntime = page('<meta name="color-scheme" content="light dark"/><title>x</title>', '<p>x</p>').replace('</body>', '<script>self.__next_f.push([1,""])</script></body>');
    expect(() => cutShell(withRuntime)).toThrow(/runtime/);
    expect(() => cutShell(page('<meta name="color-scheme" content="light dark"/><title>x</title>', '<p>x</p>').replace('<script src="/outpost.js"', '<script src="/_next/static/chunks/a.js"'))).toThrow(/runtime/);
  });

  it('refuses a page without the head tags or a main, rather than write pages that lack them', () => {
    expect(() => cutShell('<html><head><title>x</title></head><body><main></main></body></html>')).toThrow(/no colour-scheme/);
    expect(() => cutShell(page('<meta name="color-scheme" content="light dark"/><title>x</title>', '').replace(/<main[\s\S]*<\/main>/, '<div></div>'))).toThrow(/no <main>/);
  });

  it('escapes what it writes into the head', () => {
    const site = { ...loadContent(path.join(projectRoot, 'content')).site, name: 'A & B' };
    const head = headHtml(site, { title: `<script>"x" & 'y' $& %s`, description: '</title><b>', social: {} });
    expect(head).toContain('<title>&lt;script&gt;&quot;x&quot; &amp; &#x27;y&#x27; $&amp; %s · A &amp; B</title>');
    expect(head).toContain('<meta name="description" content="&lt;/title&gt;&lt;b&gt;"/>');
    expect(head).not.toMatch(/<script|<b>/);
  });
});
