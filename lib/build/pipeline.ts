import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { checkContent, formatProblem, type Problem } from '../content';
import { EntryCache } from '../content/cache';
import { plural } from '../status';
import { addPagePolicies } from './csp';
import type { ImagesResult } from './images';
import { acquireBuildLock, type BuildLock } from './lock';
import { optimizeOutput } from './optimize';
import { stampIncidentPages } from './stamp';
import { activate, buildsDirFor, completeBuilds, newBuildId, partialSuffix, prune, removePartial, served } from './swap';
import { appRoutes, expectedFiles, removePlaceholders, secretsOf, verifyBuild } from './verify';

/**
 * The safe build every recipe runs: validate, export into a fresh folder, optimise, verify, and only then
 * swap it into place. Whatever fails (bad content, `next build`, verification, a kill), the folder `out`
 * points to is never written to, so the site keeps serving the last good build.
 */

/** The project: where next.config.ts, app/ and the build state (.next/, .outpost/) live. */
export const projectRoot = path.resolve(__dirname, '..', '..');
/** The `outpost` command, which the build runs for the steps it gives a process of their own. */
const cli = path.join(projectRoot, 'bin', 'outpost.js');

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
   * Compile with webpack instead of Turbopack: Turbopack keeps about 650 MB for the whole build, webpack compiles
   * in a process that ends before pages render. The peak is about 400 MB lower (under 1 GB in the bench), the build slower.
   */
  lowMemory?: boolean;
  /** How `next build` writes its output: inherited (a terminal), or discarded. */
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
  const problems = contentProblems(options.content);
  if (problems) return fail(problems, 'build refused');

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
  try {
    removePartial(buildsDir);
    log(`building into ${path.relative(process.cwd(), partial)}`);
    const outcome = await nextBuild(partial, { ...options, now }, lock);
    if (outcome !== 0) return fail(`next build ${outcome}; what it wrote is in ${path.relative(process.cwd(), partial)} until the next build`);

    // Read here only now, from the entry cache the check filled (about 150 ms at 10,000 incidents).
    const { content } = checkContent(options.content, { now: new Date(now), cache: EntryCache.of(options.content) });
    if (!content) return fail('the content changed during the build and is no longer valid (`outpost validate` says why)');
    removePlaceholders(partial, content);
    await optimizeOutput(partial);
    // The images render in a process of their own while this one stamps the incident pages: both cores at work.
    const images = renderImagesAside(partial, options.content, now);
    stampIncidentPages(partial, content, new Date(now));
    addPagePolicies(partial);
    const imaged = await images;
    if (typeof imaged === 'string') return fail(imaged);
    log(`incident images: ${imaged.rendered} made, ${imaged.reused} from the cache`);

    const { files, unknown } = expectedFiles(appRoutes(path.join(projectRoot, 'app')), content, new Date(now));
    for (const route of unknown) log(`warning: cannot list the files of route ${route}: add it to dynamicRoutes in lib/build/verify.ts`);
    const missing = verifyBuild(partial, files, secretsOf(content));
    if (missing.length > 0) return fail(`verification failed for ${path.relative(process.cwd(), partial)}:\n  ${missing.join('\n  ')}`);
    if (lock.lost()) return fail(`the build lock was lost while building (${lock.lost()!.message})`);

    const buildDir = path.join(buildsDir, id);
    fs.renameSync(partial, buildDir);
    activate(out, buildDir, projectRoot);
    // Keep the build that was live until now, for `outpost build --rollback`; drop every older one.
    prune(buildsDir, before.kind === 'link' ? [buildDir, before.target] : [buildDir]);
    log(`${options.out} now serves ${path.relative(process.cwd(), buildDir)} (${files.length} files verified)`);
    return { ok: true, buildDir, files: files.length };
  } catch (error) {
    return fail((error as Error).message);
  } finally {
    await lock.release();
  }
}

/**
 * What is wrong with the content, formatted for the terminal, or null when it is valid. `outpost validate`
 * checks it in a process of its own, which fills the entry cache (so the read after Next, and a later `outpost
 * publish`, parse only what changed): the memory a check takes, 70 MB at 5,000 incidents and 120 MB at 10,000,
 * leaves with that process instead of staying in this one through Next's peak.
 */
function contentProblems(dir: string): string | null {
  const run = spawnSync(process.execPath, [cli, 'validate', '--content', dir, '--json'], { encoding: 'utf8', maxBuffer: 256 * 2 ** 20 });
  let result: { valid: boolean; problems: Problem[] };
  try {
    result = JSON.parse(run.stdout);
  } catch {
    return `could not check the content: \`outpost validate\` ${run.error?.message ?? `exited with ${run.status ?? run.signal}`}\n${run.stderr.trim()}`;
  }
  const { valid, problems } = result;
  return valid ? null : `${problems.map(formatProblem).join('\n')}\n\n${plural(problems.length, 'problem')} in content`;
}

/**
 * Where incident images are kept between builds: in Next's cache folder, so that whatever keeps that (a CI cache
 * step, a server's working copy) keeps them too, and a build without it makes them all.
 */
const imageCache = path.join(projectRoot, '.next', 'cache', 'outpost-images');

/**
 * Renders the incident images into `outDir` (lib/build/images.ts) in a child `outpost build-images`: resolves
 * with how many it made and reused, or with what went wrong.
 */
export function renderImagesAside(outDir: string, contentDir: string, now: string, cache = imageCache): Promise<ImagesResult | string> {
  const args = ['build-images', outDir, '--content', contentDir, '--now', now, '--cache', cache];
  const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => {
    child.on('error', (error) => resolve(`could not render the incident images: ${error.message}`));
    child.on('close', (code, signal) => {
      if (code !== 0) return resolve(`rendering the incident images failed (${signal ?? `exit ${code}`}):\n${stderr.trim()}`);
      try {
        resolve(JSON.parse(stdout.trim().split('\n').at(-1)!) as ImagesResult);
      } catch {
        resolve(`rendering the incident images said nothing of what it made:\n${stdout.trim()}\n${stderr.trim()}`);
      }
    });
  });
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
function nextBuild(distDir: string, options: BuildOptions & { now: string }, lock: BuildLock): Promise<string | 0> {
  const env = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: '1',
    OUTPOST_NOW: options.now,
    OUTPOST_CONTENT_DIR: path.resolve(options.content),
    OUTPOST_DATA_DIR: path.resolve(options.data),
    // The fresh build folder, as next.config.ts's distDir: Next wants it inside the project, relative.
    OUTPOST_OUT_DIR: path.relative(projectRoot, distDir),
    // Next exports one incident page and image; the others are made after it (stamp.ts, images.ts).
    OUTPOST_STAMPED: '1',
  };
  const next = require.resolve('next/dist/bin/next');
  const child = spawn(process.execPath, [next, 'build', ...(options.lowMemory ? ['--webpack'] : [])], { cwd: projectRoot, env, stdio: options.nextOutput ?? 'inherit', detached: true });
  lock.setChild(child.pid ?? null);
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
      resolve(code === 0 ? 0 : signal ? `was stopped by ${signal}` : `exited with code ${code}`);
    });
    child.on('error', (error) => resolve(`could not start: ${error.message}`));
  });
}
