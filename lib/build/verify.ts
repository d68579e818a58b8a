import fs from 'node:fs';
import path from 'node:path';
import type { Content } from '../content';

/**
 * The check that a site folder has every output the renderer listed (lib/render/outputs.ts), whole, with no
 * broken link and none of the pinger's secrets, before it may go live.
 */

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
 * Every problem with a site folder before it goes live: an expected file missing or empty, a page among `scan`
 * linking to a page or asset of the site that is not there, a secret in any file among `scan` (a build scans every file; a
 * publish, the files it wrote: the others were verified when they were written). `known`: files a link may lead to
 * without a look at the disk: a publish's outputs, in the verified copy of the live build or just written, and those
 * its second swap makes a moment later (a new incident's image).
 */
export function verifyBuild(dir: string, expected: readonly string[], scan: readonly string[], secrets: string[], known: { has(file: string): boolean } = new Set()): string[] {
  const problems: string[] = [];
  const present = new Set<string>();
  for (const file of expected) {
    const stat = fs.statSync(path.join(dir, file), { throwIfNoEntry: false });
    if (!stat?.isFile()) problems.push(`missing ${file}`);
    else if (stat.size === 0) problems.push(`empty ${file}`);
    else present.add(file);
  }
  // A link to anything but an output (a stylesheet, the script) is looked up on disk, rather than listing the whole
  // folder (10,000 files at 5,000 incidents) for a publish that wrote a few pages.
  const isFile = (file: string) => present.has(file) || known.has(file) || isFileIn(dir, file);
  problems.push(...brokenLinks(dir, isFile, scan));
  // Compared byte for byte (as latin1) so a binary file or a non-UTF-8 secret is searched as well.
  const needles = secrets.map((secret) => Buffer.from(secret, 'utf8').toString('latin1'));
  if (needles.length > 0) {
    for (const file of scan) {
      const text = fs.readFileSync(path.join(dir, file), 'latin1');
      if (needles.some((needle) => text.includes(needle))) problems.push(`${file} contains a check or webhook secret`);
    }
  }
  return problems;
}

/** Whether `file` (relative) is a file inside `dir`: never one outside it (`../`), whatever a link says. */
function isFileIn(dir: string, file: string): boolean {
  const normal = path.posix.normalize(file);
  if (normal.startsWith('../') || normal === '..' || path.isAbsolute(normal)) return false;
  try {
    return fs.statSync(path.join(dir, normal), { throwIfNoEntry: false })?.isFile() ?? false;
  } catch {
    return false;
  }
}

/**
 * `href="/…"` and `src="/…"` in each page, and the social image its `og:image` and `twitter:image` name (by
 * absolute URL, on the site's own host), that lead to no file (`/x` may be `x`, `x.html` or `x/index.html`).
 */
function brokenLinks(dir: string, isFile: (file: string) => boolean, scan: readonly string[]): string[] {
  const problems: string[] = [];
  for (const page of scan.filter((f) => f.endsWith('.html'))) {
    const html = fs.readFileSync(path.join(dir, page), 'utf8');
    const broken = new Set<string>();
    const images = html.matchAll(/<meta (?:property|name)="(?:og|twitter):image" content="https?:\/\/[^/"]+(\/[^"#?]*)"/g);
    for (const [, url] of [...html.matchAll(/\s(?:href|src)="(\/(?!\/)[^"#?]*)/g), ...images]) {
      const file = decodeURIComponent(url!.slice(1)).replace(/\/$/, '');
      if (![file, `${file}.html`, file ? `${file}/index.html` : 'index.html'].some(isFile)) broken.add(url!);
    }
    for (const url of broken) problems.push(`${page} links to ${url}, which the build does not have`);
  }
  return problems;
}
