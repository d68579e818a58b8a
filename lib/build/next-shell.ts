import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { listFiles } from '../files';
import { outputs } from '../render/outputs';
import type { Shell } from '../render/shell';

/**
 * Next's part of a build: the shell page (lib/render/shell.ts) and the static files Next writes beside it (public/
 * files, the icon, any asset the shell references). It depends on the shell site (the real site's name, address,
 * description and home link) and on the code, not on incidents or monitoring data, so it is kept in Next's cache
 * folder under a hash of all it is made from, and a build whose shell is there does not run Next at all.
 */

/** Where kept shells live: in Next's cache folder, which a CI cache step keeps with the incident images. */
export function shellCacheDir(project: string): string {
  return path.join(project, '.next', 'cache', 'outpost-shell');
}

/** What the shell is made from in the project besides the shell site: Next's config, the code, public/ and the installed packages. */
const SOURCES = ['app', 'lib', 'public', 'next.config.ts', 'tsconfig.json', 'package-lock.json', '.env', '.env.local', '.env.production', '.env.production.local'];

/** A hash of the shell site's text and of every file the shell is made from (tests and their fixtures left out). */
export function shellKey(project: string, siteText: string): string {
  const hash = crypto.createHash('sha256').update(siteText).update('\0');
  for (const source of SOURCES) {
    const full = path.join(project, source);
    const stat = fs.statSync(full, { throwIfNoEntry: false });
    const files = stat?.isDirectory() ? listFiles(full).map((f) => `${source}/${f}`) : stat?.isFile() ? [source] : [];
    for (const file of files) {
      if (/\.test\.tsx?$|\.test-support\.tsx?$|\/fixtures\//.test(file)) continue;
      hash.update(file).update('\0').update(fs.readFileSync(path.join(project, file))).update('\0');
    }
  }
  return hash.digest('base64url').slice(0, 22);
}

/**
 * The files of app/ that Next builds for the shell (`next build --debug-build-paths`): all but the routes of the
 * output kinds (lib/render/outputs.ts), which the renderer writes. The layout, the 404 page and the icon stay.
 */
export function shellRoutes(project: string): string[] {
  const kindDirs = new Set(Object.values(outputs).map((k) => k.route.slice(1)));
  return listFiles(path.join(project, 'app'))
    .filter((file) => !(/^(?:page|route)\.[jt]sx?$/.test(path.posix.basename(file)) && kindDirs.has(dirOf(file))))
    .map((file) => `app/${file}`);
}

function dirOf(file: string): string {
  const dir = path.posix.dirname(file);
  return dir === '.' ? '' : dir;
}

/** Copies the kept shell for `key` into the new folder `dir` and returns it; null when none is kept. */
export function restoreShell(cacheDir: string, key: string, dir: string): Shell | null {
  const entry = path.join(cacheDir, key);
  let shell: Shell;
  try {
    shell = JSON.parse(fs.readFileSync(path.join(entry, 'shell.json'), 'utf8')) as Shell;
  } catch {
    return null;
  }
  fs.cpSync(path.join(entry, 'files'), dir, { recursive: true });
  const now = new Date();
  fs.utimesSync(entry, now, now);
  return shell;
}

/** Shells kept: the ones used last (one per site and code version; tests and benches build several sites). */
const KEPT_SHELLS = 4;

/**
 * Keeps the shell and the static files in `dir` (Next's export with every output removed) under `key`, and forgets
 * all but the KEPT_SHELLS used last: written beside, then renamed, so a kill leaves no half entry.
 */
export function keepShell(cacheDir: string, key: string, dir: string, shell: Shell): void {
  const temp = path.join(cacheDir, `${key}.${process.pid}.tmp`);
  fs.rmSync(temp, { recursive: true, force: true });
  fs.mkdirSync(temp, { recursive: true });
  fs.cpSync(dir, path.join(temp, 'files'), { recursive: true });
  fs.writeFileSync(path.join(temp, 'shell.json'), JSON.stringify(shell));
  fs.rmSync(path.join(cacheDir, key), { recursive: true, force: true });
  fs.renameSync(temp, path.join(cacheDir, key));
  // A killed build's half entry (its .tmp) goes too.
  const names = fs.readdirSync(cacheDir);
  const used = (name: string) => fs.statSync(path.join(cacheDir, name)).mtimeMs;
  const byUse = names.filter((n) => !n.endsWith('.tmp')).sort((a, b) => used(b) - used(a));
  for (const name of [...names.filter((n) => n.endsWith('.tmp')), ...byUse.slice(KEPT_SHELLS)]) fs.rmSync(path.join(cacheDir, name), { recursive: true, force: true });
}
