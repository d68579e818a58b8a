import { loadContent, type Content } from './content';
import { readMonitorView } from './monitor/view';
import { computeStatus, type MonitorView, type SiteStatus } from './status';

/** Everything one build (or one live publish) shows, computed once from content/ and data/ at one `now`. */
export type SiteData = { content: Content; monitor: MonitorView | null; status: SiteStatus; now: Date };

export type SiteDataOptions = {
  contentDir?: string;
  dataDir?: string;
  now?: Date;
  /** Content already loaded from contentDir (the live publisher loads it with its cache). */
  content?: Content;
};

/** The moment a build is for: `OUTPOST_NOW` when set (so every page of a build agrees), else the clock. */
export function buildNow(): Date {
  const fixed = process.env.OUTPOST_NOW;
  return fixed ? new Date(fixed) : new Date();
}

/** Reads content/ and data/ and computes the status; throws ContentError on invalid content, StoreError on an unusable data file. */
export function readSiteData(options: SiteDataOptions = {}): SiteData {
  const now = options.now ?? buildNow();
  const contentDir = options.contentDir ?? process.env.OUTPOST_CONTENT_DIR ?? 'content';
  const dataDir = options.dataDir ?? process.env.OUTPOST_DATA_DIR ?? 'data';
  const content = options.content ?? loadContent(contentDir, { now });
  const monitor = readMonitorView(dataDir, content, now);
  return { content, monitor, status: computeStatus(content, monitor, now), now };
}

let cached: { key: string; data: SiteData } | null = null;

/** readSiteData, memoised per process for a build: pages call it many times with the same inputs. */
export function siteData(): SiteData {
  const key = `${process.env.OUTPOST_NOW}|${process.env.OUTPOST_CONTENT_DIR}|${process.env.OUTPOST_DATA_DIR}`;
  if (!cached || cached.key !== key) cached = { key, data: readSiteData() };
  return cached.data;
}
