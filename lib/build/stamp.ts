import fs from 'node:fs';
import path from 'node:path';
import { createElement, Fragment } from 'react';
import { renderToStaticMarkup, renderToString } from 'react-dom/server';
import { IncidentArticle, incidentPageKind, type IncidentProps } from '../../app/incidents/[id]/incident';
import type { Content, Site } from '../content';
import { pageMeta, pageTitle, type PageKind } from '../publish/metadata';

/**
 * Pages made from a page Next rendered of the same route (the shell): the shell's bytes, with the metadata of
 * its `<head>` and the content of its `<main>` replaced. Everything else (layout, inlined stylesheet, script,
 * icon) is Next's. Next spends about 20 ms on each page, most of a build at thousands of incidents; a stamped
 * page costs about 1 ms, most of it rendering its markdown.
 */

/** From the `<title>` to the last Twitter card tag: the part of Next's head that publishMetadata decides. */
const HEAD_META = /<title>[\s\S]*<meta name="twitter:image" content="[^"]*"\/>/;
/** `<main>`'s content, without the empty Suspense boundary Next ends it with (kept from the shell). */
const MAIN = /(<main\b[^>]*>)[\s\S]*?((?:<!--\/?\$-->)*<\/main>)/;

/** A shell cut around its head metadata and its main content: a page is `[a, head, b, main, c]` joined. */
type Shell = [string, string, string];

/** Cuts `html` for stamping; throws when it lacks either part. */
function cutShell(html: string): Shell {
  const head = HEAD_META.exec(html);
  const main = MAIN.exec(html);
  if (!head || !main) throw new Error('the shell page has no <title>…twitter:image head or no <main>: has the layout changed?');
  const mainStart = main.index + main[1]!.length;
  const mainEnd = main.index + main[0].length - main[2]!.length;
  return [html.slice(0, head.index), html.slice(head.index + head[0].length, mainStart), html.slice(mainEnd)];
}

/** `shell` with its head metadata and its main content replaced; throws when the shell lacks either. */
export function stampPage(shell: string | Shell, head: string, main: string): string {
  const [a, b, c] = typeof shell === 'string' ? cutShell(shell) : shell;
  return a + head + b + main + c;
}

/** The head tags Next writes for a page's title, description and publishMetadata, in Next's order, rendered by React. */
export function headMetadata(site: Site, page: PageKind & { title: string; description: string }): string {
  const { title, description } = page;
  const { feeds, image } = pageMeta(site, page);
  const meta = (key: 'name' | 'property', name: string, content: string | number) => createElement('meta', { [key]: name, content });
  return renderToStaticMarkup(
    createElement(
      Fragment,
      null,
      createElement('title', null, pageTitle(site, title)),
      meta('name', 'description', description),
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

/** An incident page's `<main>` content, rendered by React as Next renders it. */
export function incidentMainHtml(props: IncidentProps): string {
  return renderToString(createElement(IncidentArticle, props));
}

/**
 * Writes the page of every incident but the one Next rendered (`incidents/<id>.html`, the newest), stamped from
 * that one.
 */
export function stampIncidentPages(outDir: string, content: Content, now: Date): void {
  const [first, ...rest] = content.incidents;
  if (!first) return;
  const shell = cutShell(fs.readFileSync(path.join(outDir, 'incidents', `${first.id}.html`), 'utf8'));
  for (const incident of rest) {
    const head = headMetadata(content.site, incidentPageKind(incident, now));
    const main = incidentMainHtml({ incident, content, now });
    fs.writeFileSync(path.join(outDir, 'incidents', `${incident.id}.html`), stampPage(shell, head, main));
  }
}
