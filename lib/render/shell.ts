import { createElement, Fragment, type ReactElement } from 'react';
import { renderToStaticMarkup, renderToString } from 'react-dom/server';
import type { Site } from '@/lib/content';
import { pageMeta, pageTitle } from '@/lib/publish/metadata';
import type { PageHead } from './head';
import { colorScheme } from './layout';

/**
 * The shell: one page Next exported (404.html, after lib/build/optimize.ts took its runtime out), cut around its
 * page-specific parts. Every page of the site is that page with its head tags (lib/render/head.ts) and its
 * `<main>` content set in, so the layout, inlined stylesheet, icon and script are Next's bytes, and a page costs
 * what React takes to render its main content.
 */

/** From the optional robots tag and the colour-scheme tag to the icon link: the head tags a page decides. */
const HEAD = /(?:<meta name="robots" content="[^"]*"\/>)?<meta name="color-scheme"[\s\S]*?(?=<link rel="icon")/;
/** `<main>`'s content, without the empty Suspense boundary Next ends it with (kept from the shell). */
const MAIN = /(<main\b[^>]*>)[\s\S]*?((?:<!--\/?\$-->)*<\/main>)/;

/** A shell cut around its head tags and its main content: a page is `[a, head, b, main, c]` joined. */
export type Shell = readonly [string, string, string];

/** Cuts a page Next exported into a shell; throws when it lacks either part or still carries Next's runtime. */
export function cutShell(html: string): Shell {
  if (/<script\b(?![^>]*\bsrc="\/outpost\.js")/.test(html)) {
    throw new Error('the shell page still has a script of Next’s runtime: a client component in the layout would make every page hydrate into the shell’s');
  }
  const head = HEAD.exec(html);
  const main = MAIN.exec(html);
  if (!head || !main) throw new Error('the shell page has no colour-scheme…icon head tags or no <main>: has the layout changed?');
  const mainStart = main.index + main[1]!.length;
  const mainEnd = main.index + main[0].length - main[2]!.length;
  return [html.slice(0, head.index), html.slice(head.index + head[0].length, mainStart), html.slice(mainEnd)];
}

/** A page: the shell with `head` (HTML of its head tags) and `main` (a React element) set in. */
export function stampPage([a, b, c]: Shell, head: string, main: ReactElement): string {
  return a + head + b + renderToString(main) + c;
}

/** The same head as HTML, in Next's order (robots, colour scheme, title, description, links, Open Graph, Twitter). */
export function headHtml(site: Site, head: PageHead): string {
  const { title, description, feeds, image } = pageMeta(site, head.social);
  const pageDescription = head.description ?? site.description;
  const meta = (key: 'name' | 'property', name: string, content: string | number | undefined) =>
    content === undefined ? null : createElement('meta', { [key]: name, content });
  return renderToStaticMarkup(
    createElement(
      Fragment,
      null,
      head.noindex ? meta('name', 'robots', 'noindex') : null,
      meta('name', 'color-scheme', colorScheme),
      createElement('title', null, head.title ? pageTitle(site, head.title) : site.name),
      meta('name', 'description', pageDescription),
      head.canonical ? createElement('link', { rel: 'canonical', href: site.url + head.canonical }) : null,
      ...feeds.map((f) => createElement('link', { rel: 'alternate', type: 'application/rss+xml', href: f.url, title: f.title })),
      meta('property', 'og:title', title),
      meta('property', 'og:description', description),
      meta('property', 'og:site_name', site.name),
      meta('property', 'og:image', image.url),
      meta('property', 'og:image:width', image.width),
      meta('property', 'og:image:height', image.height),
      meta('property', 'og:image:alt', image.alt),
      meta('property', 'og:type', 'website'),
      meta('name', 'twitter:card', 'summary_large_image'),
      meta('name', 'twitter:title', title),
      meta('name', 'twitter:description', description),
      meta('name', 'twitter:image', image.url),
    ),
  );
}
