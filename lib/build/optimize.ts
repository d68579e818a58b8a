import fsSync from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import vm from 'node:vm';
import { listFiles } from '../files';
import { attribute, htmlElements, type HtmlElement } from './html';

/**
 * Stylesheets up to this size are copied into each page as a `<style>`: one request fewer (and no
 * render-blocking round trip) on a bad network, for a few KB that gzip shrinks with the page.
 */
export const INLINE_CSS_MAX_BYTES = 16 * 1024;

/** Text files that can name a chunk or stylesheet; only these are read when looking for references. */
const TEXT_FILE = /\.(?:html?|css|m?js|json|txt|xml|svg|webmanifest|rss|atom|ics)$/;

/** Our own scripts in public/: kept readable there (comments, long names), served minified from every export. */
export const ownScripts = ['outpost.js', 'widget.js'];

/** A script of ours as it is served: minified, the same behaviour, syntax kept to what browsers of 2017 run. */
export async function minifyScript(code: string): Promise<string> {
  // Loaded by the build that uses it: esbuild's module (and the child_process and worker_threads it loads) took
  // 0.015 s of every command's start.
  const { stop, transformSync } = await import('esbuild');
  try {
    return transformSync(code, { minify: true, target: 'es2017', legalComments: 'none', charset: 'utf8' }).code;
  } finally {
    // esbuild keeps a service process (~90 MB) for later calls: there are none.
    stop();
  }
}

export type OptimizeOptions = {
  /** Next's build folder of the same build, read for its client component manifests. Default: the project's `.next`. */
  distDir?: string;
};

export type OptimizeReport = {
  /** HTML files looked at. */
  pages: number;
  /** Pages left as Next wrote them because they render a client component of ours (relative paths). */
  pagesWithRuntime: string[];
  /** `<link rel="stylesheet">` tags replaced by the stylesheet itself, over all pages. */
  stylesheetsInlined: number;
  /** Files deleted because nothing references them any more (relative paths). */
  filesRemoved: string[];
};

/**
 * Post-processes a freshly exported site before it is checked and swapped into place: pages that need no
 * hydration lose Next's runtime scripts, script preloads and inlined RSC payload; small stylesheets are
 * inlined; our own scripts are minified; RSC payload files and chunks nothing references any more are deleted. Running it twice changes
 * nothing the second time.
 */
export async function optimizeOutput(outDir: string, options: OptimizeOptions = {}): Promise<OptimizeReport> {
  const files = listFiles(outDir);
  const userModules = await userClientModules(options.distDir ?? path.resolve(__dirname, '..', '..', '.next'));
  const stylesheets = await smallStylesheets(outDir, files);

  const report: OptimizeReport = { pages: 0, pagesWithRuntime: [], stylesheetsInlined: 0, filesRemoved: [] };
  for (const file of files.filter((f) => f.endsWith('.html'))) {
    const full = path.join(outDir, file);
    const html = await fs.readFile(full, 'utf8');
    const page = optimizePage(html, userModules, (href) => {
      const css = stylesheets.get(assetPath(href));
      return css === undefined ? null : inlineCss(css, href);
    });
    report.pages += 1;
    report.stylesheetsInlined += page.stylesheetsInlined;
    if (page.runtime) report.pagesWithRuntime.push(file);
    if (page.html !== html) await fs.writeFile(full, page.html);
  }

  for (const file of ownScripts.filter((f) => files.includes(f))) {
    const full = path.join(outDir, file);
    const code = await fs.readFile(full, 'utf8');
    // Minified is one line: left as it is (minifying again renames differently, for the same bytes' worth).
    if (code.trimEnd().includes('\n')) await fs.writeFile(full, await minifyScript(code));
  }

  // A page that still hydrates may prefetch any page's payload as it navigates: keep them all then.
  const payloads = report.pagesWithRuntime.length > 0 ? [] : await rscPayloadFiles(outDir, files);
  const unused = await unreferencedAssets(outDir, files.filter((f) => !payloads.includes(f)));
  for (const file of [...payloads, ...unused]) await fs.rm(path.join(outDir, file));
  report.filesRemoved = [...payloads, ...unused].sort();
  await removeEmptyFolders(outDir);
  return report;
}

export type OptimizedPage = {
  html: string;
  /** True when the page renders a client component of ours, so it keeps Next's runtime and is left as it was. */
  runtime: boolean;
  stylesheetsInlined: number;
};

/**
 * Rewrites one exported page (pure): drops Next's `<script>`s, script preloads and inline RSC payload and
 * replaces each stylesheet link that `stylesheet(href)` returns CSS for by a `<style>`. Every other byte stays
 * as it was. A page whose payload references one of `userModules` (our own client components), or that
 * loads a script through next/script, needs the runtime and comes back unchanged.
 */
export function optimizePage(
  html: string,
  userModules: ReadonlySet<string>,
  stylesheet: (href: string) => string | null,
): OptimizedPage {
  const unchanged = { html, runtime: true, stylesheetsInlined: 0 };
  const edits: { start: number; end: number; text: string }[] = [];
  const inlined = new Set<string>();
  const preloads: { element: HtmlElement; href: string }[] = [];

  for (const element of htmlElements(html)) {
    const location = element.sourceCodeLocation;
    if (!location) continue;
    const remove = () => edits.push({ start: location.startOffset, end: location.endOffset, text: '' });
    if (element.tagName === 'script') {
      const src = attribute(element, 'src');
      if (src !== null) {
        if (isNextAsset(src)) remove();
        continue;
      }
      const code = scriptText(element);
      if (/\bself\.__next_s\b/.test(code)) return unchanged;
      if (/\bself\.__next_f\b/.test(code)) {
        if (flightModuleIds(code).some((id) => userModules.has(id))) return unchanged;
        remove();
      } else if (/\bTURBOPACK\b|__NEXT_DATA__|__BUILD_MANIFEST\b/.test(code)) {
        remove();
      }
    } else if (element.tagName === 'link') {
      const href = attribute(element, 'href');
      if (href === null || !isNextAsset(href)) continue;
      const rel = (attribute(element, 'rel') ?? '').toLowerCase().split(/\s+/);
      const as = (attribute(element, 'as') ?? '').toLowerCase();
      if (rel.includes('stylesheet')) {
        const css = stylesheet(href);
        if (css === null) continue;
        edits.push({ start: location.startOffset, end: location.endOffset, text: `<style>${css}</style>` });
        inlined.add(href);
      } else if (rel.includes('modulepreload') || ((rel.includes('preload') || rel.includes('prefetch')) && as === 'script')) {
        remove();
      } else if (rel.includes('preload') && as === 'style') {
        preloads.push({ element, href });
      }
    }
  }
  for (const { element, href } of preloads) {
    const location = element.sourceCodeLocation;
    if (location && inlined.has(href)) edits.push({ start: location.startOffset, end: location.endOffset, text: '' });
  }

  let out = html;
  for (const edit of edits.sort((a, b) => b.start - a.start)) {
    out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  }
  return { html: out, runtime: false, stylesheetsInlined: inlined.size };
}

/**
 * CSS ready to sit in a `<style>` in place of the stylesheet at `href`: relative `url()`s made absolute
 * (they would resolve against the page otherwise), source map comment dropped. Null when it cannot be
 * inlined as is (`@import`, or text that would close the `<style>`).
 */
export function inlineCss(css: string, href: string): string | null {
  if (/@import\b/i.test(css) || /<\/style/i.test(css)) return null;
  const base = new URL(href, 'http://outpost.invalid/');
  return css
    .replace(/\/\*# sourceMappingURL=[^*]*\*\/\s*$/, '')
    .replace(/url\(\s*(["']?)([^"')]+)\1\s*\)/g, (whole, quote: string, ref: string) => {
      if (/^(?:[a-z][a-z0-9+.-]*:|\/|#)/i.test(ref)) return whole;
      const absolute = new URL(ref, base);
      const link = absolute.origin === base.origin ? absolute.pathname + absolute.search + absolute.hash : absolute.href;
      return `url(${quote}${link}${quote})`;
    })
    .trimEnd();
}

/** Module ids of the client components a page's inline RSC payload references (`I[id,[chunks],name]`). */
export function flightModuleIds(payload: string): string[] {
  return [...payload.matchAll(/:I\[([^,\]]+),/g)].map((m) => (m[1] ?? '').replace(/[\\"]/g, ''));
}

/** Ids of the client components that are ours rather than Next's own, from the build's manifests. */
export async function userClientModules(distDir: string): Promise<Set<string>> {
  const appDir = path.join(distDir, 'server', 'app');
  const manifests = (fsSync.existsSync(appDir) ? listFiles(appDir) : []).filter((f) => f.endsWith('_client-reference-manifest.js'));
  if (manifests.length === 0) {
    throw new Error(`no client reference manifest under ${appDir}: optimise the export right after "next build"`);
  }
  const ids = new Set<string>();
  for (const file of manifests) {
    const sandbox: { __RSC_MANIFEST?: Record<string, { clientModules?: Record<string, { id: string | number }> }> } = {};
    vm.runInNewContext(await fs.readFile(path.join(appDir, file), 'utf8'), sandbox, { timeout: 1000 });
    for (const entry of Object.values(sandbox.__RSC_MANIFEST ?? {})) {
      for (const [modulePath, { id }] of Object.entries(entry.clientModules ?? {})) {
        if (!/[\\/]node_modules[\\/]next[\\/]/.test(modulePath)) ids.add(String(id));
      }
    }
  }
  return ids;
}

/** Whether a URL points into Next's build assets (`/_next/…`, with or without an asset prefix). */
function isNextAsset(url: string): boolean {
  return /(?:^|\/)_next\//.test(url);
}

function scriptText(element: HtmlElement): string {
  return element.childNodes.map((c) => ('value' in c && typeof c.value === 'string' ? c.value : '')).join('');
}

/** The file under the output folder a `/_next/…` URL names. */
function assetPath(href: string): string {
  const { pathname } = new URL(href, 'http://outpost.invalid/');
  return decodeURIComponent(pathname.slice(pathname.indexOf('_next/')));
}

/** Next's stylesheets small enough to inline, by path. */
async function smallStylesheets(outDir: string, files: string[]): Promise<Map<string, string>> {
  const css = new Map<string, string>();
  for (const file of files.filter((f) => f.startsWith('_next/') && f.endsWith('.css'))) {
    const text = await fs.readFile(path.join(outDir, file), 'utf8');
    if (Buffer.byteLength(text) <= INLINE_CSS_MAX_BYTES) css.set(file, text);
  }
  return css;
}

/** RSC payload files Next writes beside each page (`page.txt`, `__next.*.txt`), which no page loads once stripped. */
async function rscPayloadFiles(outDir: string, files: string[]): Promise<string[]> {
  const all = new Set(files);
  const payloads: string[] = [];
  for (const file of files) {
    if (!file.endsWith('.txt')) continue;
    if (path.posix.basename(file).startsWith('__next.')) {
      payloads.push(file);
    } else if (all.has(file.replace(/\.txt$/, '.html'))) {
      // A page's flight data starts with a row like `1:"$Sreact.fragment"` or `0:{…}`; a robots.txt does not.
      const head = (await fs.readFile(path.join(outDir, file), 'utf8')).slice(0, 64);
      if (/^[0-9a-f]+:[[{"IHDTEW]/.test(head)) payloads.push(file);
    }
  }
  return payloads;
}

/** Files under `_next/` (chunks, stylesheets, media) that no page, feed or kept asset references, transitively. */
async function unreferencedAssets(outDir: string, files: string[]): Promise<string[]> {
  const candidates = new Set(files.filter((f) => f.startsWith('_next/')));
  const referenced = new Set<string>();
  const queue: string[] = [];
  const scan = (text: string) => {
    for (const m of text.matchAll(/static\/[^"'()\s\\?#`]+/g)) {
      const file = `_next/${m[0]}`;
      if (candidates.has(file) && !referenced.has(file)) {
        referenced.add(file);
        queue.push(file);
      }
    }
  };
  for (const file of files) {
    if (!candidates.has(file) && TEXT_FILE.test(file)) scan(await fs.readFile(path.join(outDir, file), 'utf8'));
  }
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    if (TEXT_FILE.test(file)) scan(await fs.readFile(path.join(outDir, file), 'utf8'));
  }
  return [...candidates].filter((f) => !referenced.has(f));
}

async function removeEmptyFolders(dir: string): Promise<boolean> {
  let empty = true;
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() && (await removeEmptyFolders(full))) await fs.rmdir(full);
    else empty = false;
  }
  return empty;
}
