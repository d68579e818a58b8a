import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { checkContent, formatProblem, type Content, type Site } from '../content';
import { siteSchema } from '../content/schema';
import { EntryCache } from '../content/cache';
import { words, type Lang } from '../i18n';
import { widgetWords } from '../publish/snapshot';
import { plural } from '../status';
import { fileIdentity, listFiles } from '../files';
import { isOutputFile } from '../render/outputs';
import { cutShell, type Shell } from '../render/shell';
import { notifySubscribers } from '../notify/record';
import { writeOutputs } from '../render/write';
import { readSiteData } from '../site-data';
import { acquireBuildLock, type BuildLock } from './lock';
import { keptDir, projectRoot } from './paths';
import { keepShell, restoreShell, shellCacheDir, shellKey, shellRoutes } from './next-shell';
import { lineFilter, nextOutputFilter } from './next-output';
import { optimizeOutput } from './optimize';
import { activate, buildsDirFor, completeBuilds, makeSpare, newBuildId, partialSuffix, prune, removePartial, served, writeBuildMeta } from './swap';
import { secretsOf, verifyBuild } from './verify';

/**
 * The safe build every recipe runs: validate, export into a fresh folder, optimise, verify, and only then
 * swap it into place. Whatever fails (bad content, `next build`, verification, a kill), the folder `out`
 * points to is never written to, so the site keeps serving the last good build.
 */


export type BuildOptions = {
  /** Content folder (site.yaml, incidents/, maintenance/). */
  content: string;
  /** Monitoring data folder (the pinger's data/<location>.json files). */
  data: string;
  /** The served folder: a link that each good build replaces. */
  out: string;
  /** The moment the build is for; defaults to the clock. */
  now?: string;
  /** Progress lines; failures are in the result. */
  log?: (line: string) => void;
  /**
   * Compile the shell with webpack instead of Turbopack when Next has to run: webpack compiles in a process that
   * ends before pages render. Since Next compiles only the shell, the peak is about the same and the build slower.
   */
  lowMemory?: boolean;
  /** How `next build` writes its output: shown (its progress and errors, lib/build/next-output.ts), or discarded. */
  nextOutput?: 'inherit' | 'ignore';
};

/** What a build did: live with its folder, or refused/failed with the reason (and `out` unchanged). */
export type BuildResult =
  | { ok: true; buildDir: string; files: number }
  | { ok: false; exitCode: 1; reason: string };

/** Runs the whole safe build. Never throws for an expected failure: the result says why. */
export async function buildSite(options: BuildOptions): Promise<BuildResult> {
  const log = options.log ?? ((line: string) => console.log(line));
  const out = path.resolve(options.out);
  const fail = (why: string, verdict = 'build failed'): BuildResult => {
    const now = served(out);
    return { ok: false, exitCode: 1, reason: `${why}\n${verdict}: ${now.kind === 'none' ? 'nothing was published' : `${options.out} is unchanged`}.` };
  };

  // One moment for the whole build: the pages, and the list of files they must make.
  const now = options.now ?? new Date().toISOString();

  let lock: BuildLock;
  try {
    lock = await acquireBuildLock(projectRoot, log);
  } catch (error) {
    return fail((error as Error).message);
  }
  const before = served(out);
  const buildsDir = buildsDirFor(projectRoot, out);
  const id = newBuildId();
  // Always the same folder to build into, renamed once good: Next keys its build cache (.next/cache) on the
  // export folder, and a new name per build would compile everything again.
  const partial = path.join(buildsDir, `next${partialSuffix}`);

  /**
   * Fills the fresh build folder with Next's part: the shell and its static files, kept from an earlier build when
   * the site's name, links and the code are the same (lib/build/next-shell.ts), else made by `next build` of a site
   * with those and one component, so Next's work is the same at any size. Returns the shell, or why it failed.
   */
  const makeShell = async (site: ShellSite): Promise<Shell | string> => {
    removePartial(buildsDir);
    const shellSite = writeShellSite(site);
    const cacheDir = shellCacheDir(projectRoot);
    const key = shellKey(projectRoot, shellSite.text);
    const kept = restoreShell(cacheDir, key, partial);
    if (kept) {
      log('layout and code unchanged since the build that made the shell: next build skipped');
      return kept;
    }
    log(`Next.js is building the layout every page shares (header, footer, stylesheet) into ${path.relative(process.cwd(), partial)} …`);
    const started = performance.now();
    const outcome = await nextBuild(partial, { ...options, now, ...shellSite }, lock);
    if (outcome !== 0) return `next build ${outcome}; what it wrote is in ${path.relative(process.cwd(), partial)} until the next build`;
    log(`layout built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    localizeWidget(partial, site.language);
    await optimizeOutput(partial);
    const shell = cutShell(fs.readFileSync(path.join(partial, '404.html'), 'utf8'));
    for (const file of listFiles(partial).filter(isOutputFile)) fs.rmSync(path.join(partial, file));
    removeEmptyFolders(partial);
    keepShell(cacheDir, key, partial, shell);
    return shell;
  };

  try {
    removePartial(buildsDir);
    // What identifies each content file now: the content is read after Next, and a file changed meanwhile refuses the build.
    const seen = contentIdentity(options.content);
    // Next first, from site.yaml alone when it is valid: Turbopack holds about 380 MB while it compiles, and the
    // content read before it (about 90 MB at 5,000 incidents) made the build's peak that much higher.
    const early = siteHead(options.content);
    let shell = early ? await makeShell(early) : null;
    if (typeof shell === 'string') return fail(shell);

    // The one reading of content/ this build renders from; what identifies each file then is compared again
    // before going live.
    const read = contentSnapshot(options.content, seen, new Date(now), log);
    if (typeof read === 'string') return fail(read, 'build refused');
    const { content, identity } = read;
    log(`read ${options.content.replace(/\/?$/, '/')}: ${plural(content.site.components.length, 'component')}, ${plural(content.incidents.length, 'incident')}, ${plural(content.maintenance.length, 'maintenance window')}`);
    // site.yaml invalid before (refused above had it stayed so) or changed since: the shell of the site as read.
    if (!shell || shellSiteText(content.site) !== shellSiteText(early!)) shell = await makeShell(content.site);
    if (typeof shell === 'string') return fail(shell);

    const data = readSiteData({ content, dataDir: options.data, now: new Date(now) });
    log(`rendering the pages and files of ${plural(content.incidents.length, 'incident')} and ${plural(content.maintenance.length, 'maintenance window')}`);
    const written = await writeOutputs({ data, shell, dir: partial, previous: null, project: projectRoot, keptDir });
    const pages = written.written.filter((file) => file.endsWith('.html')).length;
    log(`${written.written.length} files rendered, ${written.reused} of them kept from an earlier build (images): ${plural(pages, 'page')} and ${written.written.length - pages} other files (feeds, images, data)`);

    const files = listFiles(partial);
    const problems = verifyBuild(partial, Object.keys(written.manifest.outputs), files, secretsOf(content));
    if (problems.length === 0) log(`verified ${plural(files.length, 'file')}: every output there and whole, no broken link, no secret`);
    if (problems.length > 0) return fail(`verification failed for ${path.relative(process.cwd(), partial)}:\n  ${problems.join('\n  ')}`);
    const changed = changedSince(options.content, identity);
    if (changed) return fail(`${changed} changed during the build, which rendered the version before: build again to publish it`, 'build refused');
    if (lock.lost()) return fail(`the build lock was lost while building (${lock.lost()!.message})`);

    const buildDir = path.join(buildsDir, id);
    fs.renameSync(partial, buildDir);
    const meta = { shell, manifest: written.manifest, contentDir: path.resolve(options.content) };
    writeBuildMeta(buildDir, meta);
    activate(out, buildDir, projectRoot);
    // Keep the build that was live until now, for `outpost build --rollback`; drop every older one.
    prune(buildsDir, before.kind === 'link' ? [buildDir, before.target] : [buildDir]);
    makeSpare(buildDir, meta);
    await notifySubscribers(data, { log });
    log(`${options.out} now serves ${path.relative(process.cwd(), buildDir)} (${files.length} files verified)`);
    return { ok: true, buildDir, files: files.length };
  } catch (error) {
    return fail((error as Error).message);
  } finally {
    await lock.release();
  }
}

/** Removes the folders under `dir` left empty (a placeholder's, once its image is gone). */
function removeEmptyFolders(dir: string): void {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const sub = path.join(dir, entry.name);
    removeEmptyFolders(sub);
    if (fs.readdirSync(sub).length === 0) fs.rmdirSync(sub);
  }
}


/**
 * The content as read once for a build, and the identity of every file it was read from (`identity`, taken when
 * the build started); or why the build is refused. A broken entry file whose last good version is known (the
 * entry cache) is built from that version, said loudly; any other problem (site.yaml, a file never valid, a
 * misplaced file) refuses the build.
 */
function contentSnapshot(dir: string, identity: Map<string, string>, now: Date, log: (line: string) => void): { content: Content; identity: Map<string, string> } | string {
  const { content, problems, brokenFiles } = checkContent(dir, { now, cache: EntryCache.of(dir), lastGood: true });
  const standIns = new Set(brokenFiles.filter((b) => b.lastGood).map((b) => b.file));
  const refused = problems.filter((p) => !standIns.has(p.file));
  if (!content || refused.length > 0) return `${problems.map(formatProblem).join('\n')}\n\n${plural(problems.length, 'problem')} in content`;
  for (const problem of problems) log(`warning: ${formatProblem(problem)}`);
  for (const file of standIns) log(`warning: ${file} is broken: the site shows its last good version until it is fixed`);
  // Looked at before and after the parse: a file written meanwhile makes the snapshot unsure, and the build refuses.
  const moved = changedSince(dir, identity);
  return moved ? `${moved} changed while the build read it: build again` : { content, identity };
}

/** Each file under a content folder by its identity (inode, size, times). */
function contentIdentity(dir: string): Map<string, string> {
  return new Map(listFiles(dir).map((file) => [file, fileIdentity(fs.statSync(path.join(dir, file)))]));
}

/** The first content file added, removed or changed since `identity` was taken, or null. */
function changedSince(dir: string, identity: Map<string, string>): string | null {
  const now = contentIdentity(dir);
  const file = [...new Set([...identity.keys(), ...now.keys()])].find((f) => identity.get(f) !== now.get(f));
  return file === undefined ? null : path.join(dir, file);
}

/** What of site.yaml the layout shows: the shell is made from these alone. */
type ShellSite = Pick<Site, 'name' | 'url' | 'description' | 'homepage' | 'language'>;

/** The shell site's site.yaml (JSON is YAML): the real site's name and links, and one component. */
function shellSiteText({ name, url, description, homepage, language }: ShellSite): string {
  return `${JSON.stringify({ name, url, description, homepage, language, components: [{ id: 'layout', name: 'Layout' }] }, null, 2)}\n`;
}

/** The name and links of `contentDir`'s site.yaml when it is a valid site file on its own; else null (the content check says why). */
function siteHead(contentDir: string): ShellSite | null {
  const file = path.join(contentDir, 'site.yaml');
  try {
    if (!fs.lstatSync(file).isFile()) return null;
    const parsed = siteSchema.safeParse(parseYaml(fs.readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * The site Next builds the layout from: the real site's name, address, description, home link and language, with one
 * component and no incident, so Next's export costs the same at any size; every page of the real site is rendered
 * by lib/render into Next's shell. Written only when it changed, so Next's cache stays warm.
 */
function writeShellSite(site: ShellSite): { content: string; data: string; text: string } {
  const root = path.join(projectRoot, '.outpost', 'shell');
  const content = path.join(root, 'content');
  const data = path.join(root, 'data');
  for (const dir of [path.join(content, 'incidents'), path.join(content, 'maintenance'), data]) fs.mkdirSync(dir, { recursive: true });
  const text = shellSiteText(site);
  const file = path.join(content, 'site.yaml');
  if (!fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== text) fs.writeFileSync(file, text);
  return { content, data, text };
}

/**
 * The widget as the build serves it: the words it says before status.json first answers ("Checking status…") in the
 * site's language; public/widget.js has them in English. The shell is made per language, so this runs once each.
 */
function localizeWidget(dir: string, language: Lang): void {
  const file = path.join(dir, 'widget.js');
  const code = fs.readFileSync(file, 'utf8');
  const defaults = /(var words = \(ns\.words = own \|\| )\{[^}]*\}/;
  if (!defaults.test(code)) throw new Error('public/widget.js: its default words (`var words = (ns.words = own || {…})`) are not where the build sets them');
  fs.writeFileSync(file, code.replace(defaults, (_, start: string) => start + JSON.stringify(widgetWords(words(language)))));
}

/** Points `out` back at the build that was live before the current one. */
export async function rollback(outDir: string, log: (line: string) => void = console.log): Promise<BuildResult> {
  const out = path.resolve(outDir);
  const current = served(out);
  const lock = await acquireBuildLock(projectRoot, log);
  try {
    const previous = completeBuilds(buildsDirFor(projectRoot, out)).filter((dir) => current.kind !== 'link' || dir !== current.target);
    const target = previous.at(-1);
    if (!target) return { ok: false, exitCode: 1, reason: `no earlier build of ${outDir} is kept; nothing to roll back to` };
    activate(out, target, projectRoot);
    log(`${outDir} now serves ${path.relative(process.cwd(), target)} again`);
    return { ok: true, buildDir: target, files: 0 };
  } finally {
    await lock.release();
  }
}

/**
 * Runs `next build` exporting into `distDir` (resolving 0, or what went wrong), in its own process group so
 * that stopping the build stops its workers too. SIGINT/SIGTERM/SIGHUP to us stop it; after a SIGKILL to us
 * it runs on, and the next build stops it.
 */
function nextBuild(distDir: string, options: BuildOptions & { now: string; content: string; data: string }, lock: BuildLock): Promise<string | 0> {
  const env = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: '1',
    OUTPOST_NOW: options.now,
    OUTPOST_CONTENT_DIR: path.resolve(options.content),
    OUTPOST_DATA_DIR: path.resolve(options.data),
    // The fresh build folder, as next.config.ts's distDir: Next wants it inside the project, relative.
    OUTPOST_OUT_DIR: path.relative(projectRoot, distDir),
    // Turbopack on one thread: the shell is a few modules, and each thread of its pools kept memory of its own
    // (measured: about 70 MB less at the peak, 0.5 s less CPU, wall time within the noise on 2 cores). Its allocator
    // (mimalloc) returns freed memory at once instead of after a delay: about 40 MB less at the peak.
    TOKIO_WORKER_THREADS: '1',
    RAYON_NUM_THREADS: '1',
    TURBO_TASKS_AVAILABLE_PARALLELISM: '1',
    MIMALLOC_PURGE_DELAY: '0',
  };
  const next = require.resolve('next/dist/bin/next');
  // Only the routes the shell needs: the output kinds' routes are rendered by lib/render (docs/building.md).
  const args = ['build', '--debug-build-paths', shellRoutes(projectRoot).join(','), ...(options.lowMemory ? ['--webpack'] : [])];
  const shown = (options.nextOutput ?? 'inherit') === 'inherit';
  const child = spawn(process.execPath, [next, ...args], { cwd: projectRoot, env, stdio: shown ? ['ignore', 'pipe', 'pipe'] : 'ignore', detached: true });
  lock.setChild(child.pid ?? null);
  // Next's own lines, minus what misleads here (lib/build/next-output.ts); every error passes.
  const ended = shown
    ? ([
        [child.stdout!, process.stdout],
        [child.stderr!, process.stderr],
      ] as const).map(([from, to]) => {
        const lines = lineFilter(nextOutputFilter(), (line) => to.write(`${line}\n`));
        from.on('data', lines.push);
        return new Promise<void>((resolve) => from.on('close', () => resolve(lines.end())));
      })
    : [];
  const stop = () => {
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  for (const signal of signals) process.on(signal, stop);
  process.on('exit', stop);
  return new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      for (const s of signals) process.off(s, stop);
      process.off('exit', stop);
      lock.setChild(null);
      // Its last lines before ours; a worker left holding the pipe must not hold up the build.
      const settled = new Promise((done) => setTimeout(done, 1000).unref());
      void Promise.race([Promise.all(ended), settled]).then(() =>
        resolve(code === 0 ? 0 : signal ? `was stopped by ${signal}` : `exited with code ${code}`),
      );
    });
    child.on('error', (error) => resolve(`could not start: ${error.message}`));
  });
}
