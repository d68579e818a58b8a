import fs from 'node:fs';
import path from 'node:path';
import { loadContent } from '../content';
import { EntryCache } from '../content/cache';
import { buildNow, readSiteData, type SiteData } from '../site-data';
import { snapshot } from './snapshot';
import { statuspage } from './statuspage';

/** The live files, by path relative to the site root: what a build ships and `outpost publish` rewrites. */
const liveDocuments = {
  'status.json': snapshot,
  'api/v2/summary.json': statuspage.summary,
  'api/v2/status.json': statuspage.status,
  'api/v2/components.json': statuspage.components,
  'api/v2/incidents.json': statuspage.incidents,
  'api/v2/incidents/unresolved.json': statuspage.unresolvedIncidents,
  'api/v2/scheduled-maintenances.json': statuspage.scheduledMaintenances,
  'api/v2/scheduled-maintenances/upcoming.json': statuspage.upcomingMaintenances,
  'api/v2/scheduled-maintenances/active.json': statuspage.activeMaintenances,
} satisfies Record<string, (data: SiteData) => unknown>;

export type LiveFile = keyof typeof liveDocuments;

/** Every live file's path relative to the site root. */
export const liveFilePaths = Object.keys(liveDocuments) as LiveFile[];

/** One live file's bytes: the route handler and the live publisher both call this, so they cannot differ. */
export function liveFile(data: SiteData, file: LiveFile): string {
  return JSON.stringify(liveDocuments[file](data));
}

export type PublishLiveOptions = {
  contentDir?: string;
  dataDir?: string;
  /** The built site's folder; it must exist. */
  outDir: string;
  now?: Date;
};

/**
 * Rewrites the live files in a built site (`status.json` and the Statuspage `api/v2` files) from content/
 * and data/, without running Next. Each file is written beside its target and renamed over it, so a
 * visitor reads the old file or the new one, never half of one. Throws ContentError on invalid content,
 * before anything is written.
 */
export function publishLive(options: PublishLiveOptions): { files: string[]; data: SiteData } {
  const outDir = path.resolve(options.outDir);
  if (!fs.statSync(outDir, { throwIfNoEntry: false })?.isDirectory()) {
    throw new Error(`${options.outDir} is not a folder (build the site first: outpost build)`);
  }
  const contentDir = path.resolve(options.contentDir ?? process.env.OUTPOST_CONTENT_DIR ?? 'content');
  if (loaded?.dir !== contentDir) loaded = { dir: contentDir, cache: EntryCache.of(contentDir) };
  const now = options.now ?? buildNow();
  const content = loadContent(contentDir, { now, cache: loaded.cache });
  const data = readSiteData({ contentDir, dataDir: options.dataDir, now, content });
  const texts = liveFilePaths.map((file) => [path.join(outDir, file), liveFile(data, file)] as const);
  for (const [target, text] of texts) {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const temp = `${target}.${process.pid}.tmp`;
    try {
      fs.writeFileSync(temp, text);
      fs.renameSync(temp, target);
    } catch (error) {
      fs.rmSync(temp, { force: true });
      throw error;
    }
  }
  return { files: texts.map(([target]) => target), data };
}

/**
 * The entries this process loaded last, kept on disk too: a publish after a ping round, or from cron, parses
 * only the content files that changed since the last one (lib/content/cache.ts).
 */
let loaded: { dir: string; cache: EntryCache } | null = null;
