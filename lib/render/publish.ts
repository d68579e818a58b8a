import fs from 'node:fs';
import path from 'node:path';
import { acquireBuildLock } from '@/lib/build/lock';
import { projectRoot, keptDir } from '@/lib/build/paths';
import { activate, buildsDirFor, copyOfBuild, newBuildId, partialSuffix, prune, readBuildMeta, served, writeBuildMeta, type BuildMeta } from '@/lib/build/swap';
import { secretsOf, verifyBuild } from '@/lib/build/verify';
import { checkContent, ContentError, type CheckResult, type Problem } from '@/lib/content';
import { EntryCache } from '@/lib/content/cache';
import { notifySubscribers } from '@/lib/notify/record';
import { buildNow, readSiteData, type SiteData } from '@/lib/site-data';
import { changedOutputs, codeVersion, imagesToFollow, planOutputs, writeOutputs, type Changes } from './write';

/**
 * The publish between builds: every page and file whose inputs changed (a confirmed outage, a staff update, a
 * maintenance window starting) is rendered again, without Next, into a hard-linked copy of the live build, which
 * is verified and swapped in at once, as a build is. What did not change is not touched; when nothing changed,
 * nothing is written.
 */

export type PublishOptions = {
  /** The served folder (a link to the live build). */
  out: string;
  contentDir?: string;
  dataDir?: string;
  now?: Date;
  /** How long to wait for a build or another publish of this project; then the publish gives up. */
  waitMs?: number;
  /** content/ as a CLI edit just checked it (with its file as written), at that moment: not checked again. */
  checked?: Checked;
  /** Where notifications are kept (lib/notify); what was published is recorded there for the sender. */
  notifyDir?: string;
  log?: (line: string) => void;
};

/** content/ checked as a publish checks it (lastGood), and the moment it was checked at. */
export type Checked = { result: CheckResult; now: Date };

export type PublishResult = {
  data: SiteData;
  /** Problems in content; each broken entry file is shown as its last good version, or left out (`brokenFiles`). */
  problems: Problem[];
  brokenFiles: CheckResult['brokenFiles'];
  /** Files written and removed, relative to the site; both empty when nothing changed. */
  written: string[];
  removed: string[];
  /** The build folder now live (a new one when something changed). */
  buildDir: string;
  /** Changes recorded for subscribers (lib/notify/record.ts). */
  notified: number;
  /**
   * Why the images that change with the pages could not be made, after the pages went live (a full disk, a failed
   * rendering): the site shows the new pages with the images as they were, and the next publish makes them.
   */
  imagesFailed?: string;
};

/**
 * Publishes content/ and data/ into the live build. A broken entry file does not stop it: its last good version
 * stays on the site (or, never valid, it stays off), and the result names it with its problems. Throws
 * ContentError when site.yaml itself is invalid, an Error when the site cannot be published.
 */
export async function publishSite(options: PublishOptions): Promise<PublishResult> {
  const out = path.resolve(options.out);
  const contentDir = path.resolve(options.contentDir ?? process.env.OUTPOST_CONTENT_DIR ?? 'content');
  const now = options.checked?.now ?? options.now ?? buildNow();
  // Read before taking the lock: a broken site.yaml throws here, and a publish that waits publishes what it read.
  // The entry cache parses only the content files that changed since the last publish or command read them.
  const cache = EntryCache.of(contentDir);
  const { content, problems, brokenFiles } = options.checked?.result ?? checkContent(contentDir, { now, cache, lastGood: true, saveLater: true });
  if (!content) {
    cache.save();
    throw new ContentError(problems);
  }
  const data = readSiteData({ content, dataDir: options.dataDir, now });
  const checked = { data, problems, brokenFiles };

  const lock = await acquireBuildLock(projectRoot, options.log ?? (() => {}), options.waitMs ?? 60_000);
  try {
    const live = served(out);
    const meta = live.kind === 'link' ? readBuildMeta(live.target) : null;
    if (live.kind !== 'link' || !meta) throw new Error(`${options.out} is not a build of this Outpost (run outpost build first)`);
    const code = codeVersion(projectRoot, meta.shell);
    const planned = planOutputs(data, code, meta.manifest);
    const changes = changedOutputs(planned, meta.manifest, code);
    if (!changes) return { ...checked, written: [], removed: [], buildDir: live.target, notified: 0 };

    const buildsDir = buildsDirFor(projectRoot, out);
    /** Renders what changed (but the files `later`) into a copy of the build `from`, verifies it and swaps it in. */
    const swapIn = async (from: string, fromMeta: BuildMeta, changes: Changes, later: ReadonlySet<string>) => {
      const id = newBuildId(now);
      const partial = path.join(buildsDir, `${id}${partialSuffix}`);
      try {
        copyOfBuild(from, fromMeta, partial);
        const result = await writeOutputs({ data, shell: fromMeta.shell, dir: partial, previous: fromMeta.manifest, project: projectRoot, keptDir, planned, later, changes });
        // The files written are checked; every other output is there as it was in the live build, which was verified
        // when it went live (10,000 files at 5,000 incidents: 0.1 s to look at again), and a link to one is not looked
        // up on disk.
        const listed = result.manifest.outputs;
        const problems = verifyBuild(partial, result.written, result.written, secretsOf(content), { has: (file) => later.has(file) || Object.hasOwn(listed, file) });
        if (problems.length > 0) throw new Error(`verification failed, nothing was published:\n  ${problems.join('\n  ')}`);
        if (lock.lost()) throw new Error(`the build lock was lost while publishing (${lock.lost()!.message})`);
        const buildDir = path.join(buildsDir, id);
        fs.renameSync(partial, buildDir);
        const meta: BuildMeta = { ...fromMeta, contentDir, manifest: result.manifest, from: { build: path.basename(from), changed: [...result.written, ...result.removed] } };
        writeBuildMeta(buildDir, meta);
        activate(out, buildDir, projectRoot);
        prune(buildsDir, [buildDir, from]);
        return { ...result, buildDir, meta };
      } finally {
        fs.rmSync(partial, { recursive: true, force: true });
      }
    };
    // The words first, the pictures a moment later: images that change or come with pages (an incident's status on its
    // card, a new incident's card) are made once the pages are live, in a second swap, so a staff update does not wait
    // for a rendering to be read.
    const later = imagesToFollow(changes, meta.manifest, code);
    const first = await swapIn(live.target, meta, changes, later);
    const notified = await notifySubscribers(data, options);
    // The pages are live whatever happens to the images: their manifest lists each image as made from what it was made
    // from (a new one not at all), so the next publish makes them.
    let then: Awaited<ReturnType<typeof swapIn>> | null = null;
    let imagesFailed: string | undefined;
    try {
      then = later.size > 0 ? await swapIn(first.buildDir, first.meta, { changed: changes.changed.filter((p) => later.has(p.file)), removed: [] }, new Set()) : null;
    } catch (error) {
      imagesFailed = error instanceof Error ? error.message : String(error);
    }
    const written = [...new Set([...first.written, ...(then?.written ?? [])])].sort();
    return { ...checked, written, removed: first.removed, buildDir: (then ?? first).buildDir, notified, ...(imagesFailed === undefined ? {} : { imagesFailed }) };
  } finally {
    await lock.release();
    // The entries this publish parsed, kept for the next one once the site is live (writing 5,000 of them: 0.1 s).
    cache.save();
  }
}
