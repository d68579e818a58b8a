import fs from 'node:fs';
import path from 'node:path';
import type { Content } from '../content';
import { historyEntries, historyPageCount } from '../status';

/**
 * What a complete build holds, derived from the content and the routes in app/, and the check that a
 * freshly exported folder has all of it (and none of the pinger's secrets) before it may go live.
 */

/**
 * The values each dynamic route is exported for, by route. A route without a dynamic segment needs no
 * entry: its one file follows from its path. Add a line here when app/ gains a dynamic route.
 */
export const dynamicRoutes: Record<string, (content: Content, now: Date) => Record<string, string>[]> = {
  '/incidents/[id]': (c) => byId(c.incidents),
  '/incidents/[id]/og.png': (c) => byId(c.incidents),
  '/maintenance/[id]': (c) => byId(c.maintenance),
  '/components/[id]': (c) => byId(c.site.components),
  '/components/[id]/feed.xml': (c) => byId(c.site.components),
  '/components/[id]/badge.svg': (c) => byId(c.site.components),
  '/history/page/[n]': (c, now) => Array.from({ length: historyPageCount(historyEntries(c, now)) }, (_, i) => ({ n: String(i + 1) })),
};

/**
 * The id a dynamic route exports when the content has none (app/_components/static-params.ts), which Next
 * requires. Content ids start with a date, so no real page has it; removePlaceholders takes it out.
 */
export const placeholderId = 'none';

/** Removes what the placeholder exported (its page, payload and image) for the routes with no entry yet. */
export function removePlaceholders(dir: string, content: Pick<Content, 'incidents' | 'maintenance'>): void {
  const routes: [string, readonly unknown[]][] = [['incidents', content.incidents], ['maintenance', content.maintenance]];
  for (const [route, entries] of routes) {
    const routeDir = path.join(dir, route);
    if (entries.length > 0 || !fs.existsSync(routeDir)) continue;
    for (const name of fs.readdirSync(routeDir)) {
      if (name === placeholderId || name.startsWith(`${placeholderId}.`)) fs.rmSync(path.join(routeDir, name), { recursive: true, force: true });
    }
    if (fs.readdirSync(routeDir).length === 0) fs.rmdirSync(routeDir);
  }
}

function byId(items: readonly { id: string }[]): { id: string }[] {
  return items.map(({ id }) => ({ id }));
}

/** One route of the app: its URL pattern, and whether a page (HTML) or a route handler (a file) makes it. */
export type AppRoute = { route: string; kind: 'page' | 'handler' };

/** Metadata route files and the file each one exports. */
const metadataFiles: Record<string, string> = { sitemap: 'sitemap.xml', robots: 'robots.txt', manifest: 'manifest.webmanifest' };

/** Lists the routes under app/ (route groups `(x)` and private folders `_x` left out, as Next does). */
export function appRoutes(appDir: string): AppRoute[] {
  const routes: AppRoute[] = [];
  const walk = (dir: string, segments: string[]) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const [stem, extension] = [entry.name.replace(/\.[^.]+$/, ''), path.extname(entry.name)];
      if (entry.isDirectory()) {
        if (entry.name.startsWith('_') || entry.name.startsWith('@')) continue;
        const group = /^\(.+\)$/.test(entry.name);
        walk(path.join(dir, entry.name), group ? segments : [...segments, entry.name]);
      } else if (!/^\.(tsx|ts|jsx|js|mdx)$/.test(extension)) {
        continue;
      } else if (stem === 'page') {
        routes.push({ route: `/${segments.join('/')}`, kind: 'page' });
      } else if (stem === 'route') {
        routes.push({ route: `/${segments.join('/')}`, kind: 'handler' });
      } else if (metadataFiles[stem] && segments.length === 0) {
        routes.push({ route: `/${metadataFiles[stem]}`, kind: 'handler' });
      }
    }
  };
  walk(appDir, []);
  return routes.sort((a, b) => a.route.localeCompare(b.route));
}

/** The files a complete build of `content` at `now` holds, relative to the build folder, and the routes we cannot list. */
export function expectedFiles(routes: AppRoute[], content: Content, now: Date): { files: string[]; unknown: string[] } {
  const files = new Set(['404.html']);
  const unknown: string[] = [];
  for (const { route, kind } of routes) {
    const dynamic = route.includes('[');
    const params = dynamic ? dynamicRoutes[route]?.(content, now) : [{}];
    if (!params) {
      unknown.push(route);
      continue;
    }
    for (const values of params) {
      const url = route.replace(/\[(\w+)\]/g, (_, name: string) => values[name] ?? `[${name}]`);
      files.add(kind === 'handler' ? url.slice(1) : url === '/' ? 'index.html' : `${url.slice(1)}.html`);
    }
  }
  return { files: [...files].sort(), unknown };
}

/**
 * Strings that must never reach the built site: check header values and bodies (with `${env:NAME}`
 * read from the environment, as the pinger sends them), URLs carrying credentials or a query, and
 * webhook addresses and headers. Short values are left out: they would match ordinary text.
 */
export function secretsOf(content: Content, env: Record<string, string | undefined> = process.env): string[] {
  const found = new Set<string>();
  const add = (value: string | undefined) => {
    if (!value) return;
    for (const v of [value, value.replace(/\$\{env:(\w+)\}/g, (_, name: string) => env[name] ?? '')]) {
      for (const part of [v, ...v.split(/\s+/)]) if (part.length >= 12) found.add(part);
    }
  };
  for (const component of content.site.components) {
    for (const check of component.checks) {
      if (check.type !== 'http') continue;
      Object.values(check.headers).forEach(add);
      add(check.body);
      const url = new URL(check.url);
      if (url.username || url.password || url.search) add(check.url);
    }
  }
  for (const hook of content.site.monitoring.webhooks) {
    add(hook.url);
    Object.values(hook.headers).forEach(add);
  }
  return [...found].filter((s) => !/^\$\{env:\w+\}$/.test(s));
}

/**
 * Every problem with a freshly exported folder: expected files missing or empty, a page linking to a page
 * or asset of the site that is not there, any secret found in a file.
 */
export function verifyBuild(dir: string, expected: string[], secrets: string[]): string[] {
  const problems: string[] = [];
  for (const file of expected) {
    const stat = fs.statSync(path.join(dir, file), { throwIfNoEntry: false });
    if (!stat?.isFile()) problems.push(`missing ${file}`);
    else if (stat.size === 0) problems.push(`empty ${file}`);
  }
  const files = listFiles(dir);
  problems.push(...brokenLinks(dir, files));
  // Compared byte for byte (as latin1) so a binary file or a non-UTF-8 secret is searched as well.
  const needles = secrets.map((secret) => Buffer.from(secret, 'utf8').toString('latin1'));
  if (needles.length > 0) {
    for (const file of files) {
      const text = fs.readFileSync(path.join(dir, file), 'latin1');
      if (needles.some((needle) => text.includes(needle))) problems.push(`${file} contains a check or webhook secret`);
    }
  }
  return problems;
}

/**
 * `href="/…"` and `src="/…"` in each page, and the social image its `og:image` and `twitter:image` name (by
 * absolute URL, on the site's own host), that lead to no file (`/x` may be `x`, `x.html` or `x/index.html`).
 */
function brokenLinks(dir: string, files: string[]): string[] {
  const have = new Set(files);
  const problems: string[] = [];
  for (const page of files.filter((f) => f.endsWith('.html'))) {
    const html = fs.readFileSync(path.join(dir, page), 'utf8');
    const broken = new Set<string>();
    const images = html.matchAll(/<meta (?:property|name)="(?:og|twitter):image" content="https?:\/\/[^/"]+(\/[^"#?]*)"/g);
    for (const [, url] of [...html.matchAll(/\s(?:href|src)="(\/(?!\/)[^"#?]*)/g), ...images]) {
      const file = decodeURIComponent(url!.slice(1)).replace(/\/$/, '');
      if (![file, `${file}.html`, file ? `${file}/index.html` : 'index.html'].some((f) => have.has(f))) broken.add(url!);
    }
    for (const url of broken) problems.push(`${page} links to ${url}, which the build does not have`);
  }
  return problems;
}

/** Every file under `dir` (followed when it is a link), as sorted relative paths with `/`. */
export function listFiles(dir: string, prefix = ''): string[] {
  return fs
    .readdirSync(path.join(dir, prefix), { withFileTypes: true })
    .flatMap((entry) => {
      const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
      return entry.isDirectory() ? listFiles(dir, rel) : entry.isFile() ? [rel] : [];
    })
    .sort();
}
