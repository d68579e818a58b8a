import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { linkTree, writeWhole } from '../files';
import type { Shell } from '../render/shell';
import type { Manifest } from '../render/write';

/**
 * How a finished build goes live. `out` is a symbolic link to a complete build folder; a new build is
 * exported into a folder of its own and goes live by renaming a new link over `out` (rename(2) replaces
 * it atomically). A web server, `outpost serve` or an upload that resolves `out/…` sees the old build or
 * the new one, never a mix, and a build that fails or dies never touches what `out` points to.
 */

/** Where the build folders for one served folder live: `.outpost/builds/<name>-<hash>/` in the project. */
export function buildsDirFor(projectRoot: string, outDir: string): string {
  const abs = path.resolve(outDir);
  const hash = crypto.createHash('sha256').update(abs).digest('hex').slice(0, 8);
  return path.join(projectRoot, '.outpost', 'builds', `${path.basename(abs)}-${hash}`);
}

/** A new build's id: its start time (so ids sort by age) and a random suffix. */
export function newBuildId(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return `${stamp}-${crypto.randomBytes(2).toString('hex')}`;
}

/** Suffix of a build folder that is still being written; only a complete build loses it. */
export const partialSuffix = '.partial';

/** What `out` is now: a link to a build folder (its absolute target), a plain folder, or nothing. */
export type Served = { kind: 'link'; target: string } | { kind: 'folder' } | { kind: 'none' };

/** Reads what `outDir` currently is, without following it. */
export function served(outDir: string): Served {
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(outDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'none' };
    throw error;
  }
  if (stat.isSymbolicLink()) return { kind: 'link', target: path.resolve(path.dirname(outDir), fs.readlinkSync(outDir)) };
  if (stat.isDirectory()) return { kind: 'folder' };
  throw new Error(`${outDir} is neither a folder nor a link to one: move it away and build again`);
}

/**
 * Points `outDir` at `buildDir` in one rename. A plain `out/` folder from an older Outpost is moved aside
 * first (the only moment `out` is briefly absent) and removed once the link is in place.
 */
export function activate(outDir: string, buildDir: string, projectRoot: string): void {
  const abs = path.resolve(outDir);
  const parent = path.dirname(abs);
  fs.mkdirSync(parent, { recursive: true });
  // Relative inside the project, so the link survives moving it (bind mounts, containers); absolute outside.
  const target = isInside(projectRoot, abs) ? path.relative(parent, buildDir) : buildDir;
  const tmp = path.join(parent, `.${path.basename(abs)}.${crypto.randomBytes(4).toString('hex')}.link`);
  fs.symlinkSync(target, tmp);
  let replaced: string | null = null;
  try {
    if (served(abs).kind === 'folder') {
      replaced = path.join(parent, `.${path.basename(abs)}.replaced-${Date.now()}`);
      fs.renameSync(abs, replaced);
    }
    fs.renameSync(tmp, abs);
  } catch (error) {
    fs.rmSync(tmp, { force: true });
    if (replaced && !fs.existsSync(abs)) fs.renameSync(replaced, abs);
    throw error;
  }
  if (replaced) fs.rmSync(replaced, { recursive: true, force: true });
}

/** The start of the name a build folder is given when it is pruned, until a process of its own has deleted it. */
const removingPrefix = '.removing-';

/**
 * Deletes every build folder in `buildsDir` except those in `keep` (what `out` points to and the build
 * before it, for a rollback). Only called with the build lock held, so no other build is writing there.
 * Each folder is renamed out of the way at once (`.removing-<id>`) and deleted by a process of its own in the
 * background: deleting the 10,000 files of a build at 5,000 incidents took 2 s, which the first publish after a
 * build (and the pinger's checks with it) waited for. What such a process leaves (killed, the machine stopped) is
 * deleted by the next prune.
 */
export function prune(buildsDir: string, keep: string[]): string[] {
  const kept = new Set(keep.map((k) => path.resolve(k)));
  const removed: string[] = [];
  const folders: string[] = [];
  for (const name of listDir(buildsDir)) {
    const dir = path.join(buildsDir, name);
    if (name.startsWith(removingPrefix)) {
      folders.push(dir);
      continue;
    }
    if (kept.has(dir) || kept.has(dir.replace(/\.json$/, ''))) continue;
    removed.push(dir);
    if (name.endsWith('.json')) {
      fs.rmSync(dir, { force: true });
      continue;
    }
    const away = path.join(buildsDir, removingPrefix + name);
    try {
      fs.renameSync(dir, away);
      folders.push(away);
    } catch {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  removeInBackground(folders);
  return removed;
}

/** Deletes `folders` in a detached Node process that outlives this one; here and now where none can be started. */
function removeInBackground(folders: string[]): void {
  if (folders.length === 0) return;
  const here = () => {
    for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
  };
  try {
    const script = "for (const folder of JSON.parse(process.argv[1])) require('node:fs').rmSync(folder, { recursive: true, force: true });";
    // Loaded only here: child_process (with the net and dgram it loads) took 13–15 ms of every publish's start.
    const { spawn } = require('node:child_process') as typeof import('node:child_process');
    const child = spawn(process.execPath, ['-e', script, JSON.stringify(folders)], { detached: true, stdio: 'ignore' });
    child.on('error', here);
    child.unref();
  } catch {
    here();
  }
}

/** Deletes build folders left half-written by a build that failed or was killed; needs the build lock. */
export function removePartial(buildsDir: string): string[] {
  return listDir(buildsDir)
    .filter((name) => name.endsWith(partialSuffix))
    .map((name) => {
      const dir = path.join(buildsDir, name);
      fs.rmSync(dir, { recursive: true, force: true });
      return dir;
    });
}

/** What the renderer needs of a build to publish into a copy of it (lib/render/write.ts): kept beside it as `<build>.json`, never served. */
export type BuildMeta = {
  shell: Shell;
  manifest: Manifest;
  /** The content folder it was made from (absolute): where a CLI edit publishes by default. */
  contentDir: string;
  /**
   * For a build a publish made: the build it was published from (its folder's name) and the files that publish
   * wrote or removed, relative to the build; for a build `outpost build` made, its spare copy (makeSpare), with none.
   * A later publish reuses that older folder by them (copyOfBuild).
   */
  from?: { build: string; changed: string[] };
};

/** The meta of a build folder, or null when it has none (made by an older Outpost). */
export function readBuildMeta(buildDir: string): BuildMeta | null {
  try {
    return JSON.parse(fs.readFileSync(`${buildDir}.json`, 'utf8')) as BuildMeta;
  } catch {
    return null;
  }
}

/** Keeps a build's meta beside it. */
export function writeBuildMeta(buildDir: string, meta: BuildMeta): void {
  writeWhole(`${buildDir}.json`, JSON.stringify(meta));
}

/**
 * Makes `to` a copy of the build `live` (hard links: nothing is written into `live`) for a publish to write into.
 * When the build `live` was published from is still kept (and is not `live`), that folder is reused: renamed to
 * `to` and brought level with `live` by linking again only the files `live`'s publish changed. Linking every file
 * anew and deleting the older folder instead took 1.5 s of a publish at 5,000 incidents (10,000 files, 5,000
 * folders). Returns whether a folder was reused. Needs the build lock.
 */
export function copyOfBuild(live: string, meta: BuildMeta, to: string): boolean {
  const older = meta.from ? path.join(path.dirname(live), meta.from.build) : null;
  // Only a folder among the builds `to` goes with: never one of another served folder's (a link to another's build).
  const ours = older !== null && path.dirname(path.resolve(older)) === path.dirname(path.resolve(to));
  if (!older || !meta.from || !ours || path.resolve(older) === path.resolve(live) || !isFolder(older)) {
    linkTree(live, to);
    return false;
  }
  fs.renameSync(older, to);
  fs.rmSync(`${older}.json`, { force: true });
  for (const file of meta.from.changed) {
    const target = path.join(to, file);
    fs.rmSync(target, { force: true });
    if (!fs.existsSync(path.join(live, file))) continue;
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.linkSync(path.join(live, file), target);
  }
  return true;
}

function isFolder(dir: string): boolean {
  try {
    return fs.lstatSync(dir).isDirectory();
  } catch {
    return false;
  }
}

/** The suffix of a build's spare copy (makeSpare): never served, never rolled back to. */
export const spareSuffix = '.spare';

/**
 * Leaves beside a build that just went live a copy of it (hard links) for the first publish to write into, and names
 * it in the build's meta as the folder that publish brings level (copyOfBuild, with nothing to link again): linking
 * the 10,700 files of a site of 5,000 incidents took a second of the first publish after each build, which the build
 * now spends instead. Where it cannot be made, that publish links them as before. Needs the build lock.
 */
export function makeSpare(buildDir: string, meta: BuildMeta): void {
  const spare = `${buildDir}${spareSuffix}`;
  try {
    linkTree(buildDir, spare);
    writeBuildMeta(buildDir, { ...meta, from: { build: path.basename(spare), changed: [] } });
  } catch {
    fs.rmSync(spare, { recursive: true, force: true });
  }
}

/** Complete build folders in `buildsDir` (their meta files and spare copies left out), oldest first. */
export function completeBuilds(buildsDir: string): string[] {
  return listDir(buildsDir)
    .filter((name) => !name.endsWith(partialSuffix) && !name.endsWith(spareSuffix) && !name.endsWith('.json') && !name.startsWith(removingPrefix))
    .sort()
    .map((name) => path.join(buildsDir, name));
}

function listDir(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

function isInside(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}
