import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { asciiJson, fileIdentity, readText } from '../files';
import { projectRoot } from '../build/paths';
import { forgetFiles, keepFile } from '../kept-files';
import type { Incident, Maintenance } from './schema';

/**
 * Validated entries remembered by the identity of their file, so that loading content/ again parses only
 * the files that changed: parsing and validating is about half a millisecond per file, a stat a few
 * microseconds. `outpost publish` (from cron, or after every pinger round) reloads thousands of incidents of
 * which one changed at most.
 *
 * An entry is reused only under the same key: the file's size, modification and change times and inode,
 * the component ids it was checked against, and the loader's own code. Only valid entries are kept, so
 * every problem is still found by parsing the file again.
 */
/** The fingerprints (lib/shared/fingerprint.ts) kept with an entry: of it, of its timeline, and of an incident's counted part. */
export type Fingerprints = [entry: string, updates: string, counted?: string];

type Kept = { key: string; entry: Incident | Maintenance; fingerprints?: Fingerprints };
/** site.yaml as read, under its file's key. */
type SiteRead = { key: string; read: unknown };
/** A line of the journal: an entry kept, or site.yaml's read, by the loader's code of that process. */
type JournalLine = { code: string; abs?: string; value?: Kept; site?: SiteRead };

export class EntryCache {
  private readonly entries = new Map<string, Kept>();
  private readonly seen = new Set<string>();
  /** Whether a load since the last save read every entry file (readAll): only then are those not seen deleted ones. */
  private complete = false;
  /** Files whose entry was kept since the last save, and whether site.yaml's read was (a line each in the journal). */
  private readonly changed = new Set<string>();
  private siteChanged = false;
  /** Whether the next save writes the whole cache (an entry forgotten, no cache file yet, a long journal). */
  private whole = true;
  /** site.yaml as last read (lib/content/load.ts), under its key: parsing fifty components' YAML took 0.05 s a process. */
  private siteRead: SiteRead | null = null;
  /** What the last load checked entries against (key's `context`). */
  private context: string | null = null;

  /**
   * `file`: where the cache is kept between processes (`undefined`: this process only), with a journal beside it
   * (`.log`): a save appends the entries kept since the last one (one or two after a staff update) instead of
   * writing thousands again (0.05–0.1 s at 5,000 incidents), and the whole file is written again once the journal
   * has grown to a quarter of it. Every line stands alone (an entry under its key, by the code that kept it), so a
   * line lost to two processes saving at once only costs a parse, and a torn one is skipped.
   */
  constructor(private readonly file?: string) {
    if (!file) return;
    let baseBytes = 0;
    try {
      const text = readText(file);
      baseBytes = text.length;
      const saved = JSON.parse(text) as { code?: string; site?: SiteRead; entries?: Record<string, Kept> };
      if (saved.code !== codeVersion) return;
      if (saved.entries) for (const [abs, value] of Object.entries(saved.entries)) this.entries.set(abs, value);
      this.siteRead = saved.site ?? null;
    } catch {
      // No cache yet, or an unreadable one: everything is parsed, and the next save replaces it.
      return;
    }
    let journal = '';
    try {
      journal = readText(journalOf(file));
    } catch {
      // No journal: the whole file is the cache.
    }
    for (const line of journal.split('\n')) {
      let kept: JournalLine;
      try {
        kept = JSON.parse(line) as JournalLine;
      } catch {
        continue;
      }
      if (kept.code !== journalCode) continue;
      if (kept.abs && kept.value) this.entries.set(kept.abs, kept.value);
      if (kept.site) this.siteRead = kept.site;
    }
    this.whole = journal.length > baseBytes / 4;
  }

  /**
   * The cache kept between processes for the content folder `contentDir` (in .outpost/cache/), read once per process:
   * a CLI edit checks content/ before and with its change and then publishes, each from the same entries.
   */
  static of(contentDir: string): EntryCache {
    const file = entryCacheFile(contentDir);
    if (!opened.has(file)) opened.set(file, new EntryCache(file));
    return opened.get(file)!;
  }

  /** Says that a load is reading every entry file of the folder (not only some: LoadOptions.only). */
  readAll(): void {
    this.complete = true;
  }

  /** The cache key of a file as it is on disk now, or null when it cannot be stat'ed (the read will say why). */
  key(abs: string, context: string): string | null {
    if (!codeVersion) return null;
    this.context = context;
    const stat = fs.statSync(abs, { throwIfNoEntry: false });
    return stat ? `${fileIdentity(stat)}|${context}` : null;
  }

  /**
   * Whether the file on disk now is the one this cache holds as valid, checked against what the last load in this
   * process checked entries against: a CLI edit that waited for a file's lock knows then that the file did not change.
   */
  holdsValid(abs: string): boolean {
    const key = this.context === null ? null : this.key(abs, this.context);
    return key !== null && this.entries.get(abs)?.key === key;
  }

  get<T extends Incident | Maintenance>(abs: string, key: string): T | undefined {
    this.seen.add(abs);
    const hit = this.entries.get(abs);
    return hit?.key === key ? (hit.entry as T) : undefined;
  }

  /** The last valid entry of a file, whatever it has become since (it is broken now): kept as seen. */
  lastGood<T extends Incident | Maintenance>(abs: string): T | undefined {
    this.seen.add(abs);
    return this.entries.get(abs)?.entry as T | undefined;
  }

  /** Keeps a valid entry, with the fingerprints (lib/shared/fingerprint.ts) of it, its timeline and (an incident) its counted part when given. */
  set(abs: string, key: string, entry: Incident | Maintenance, fingerprints?: Fingerprints): void {
    this.seen.add(abs);
    this.entries.set(abs, { key, entry, ...(fingerprints ? { fingerprints } : {}) });
    this.changed.add(abs);
  }

  /** The site file's read kept under `key` (its path, name and identity), if that is the one kept. */
  site<T>(key: string): T | undefined {
    return this.siteRead?.key === key && codeVersion ? (this.siteRead.read as T) : undefined;
  }

  /** Keeps the site file's read under `key`, for the next process. */
  keepSite(key: string, read: unknown): void {
    if (this.siteRead?.key === key) return;
    this.siteRead = { key, read };
    this.siteChanged = true;
  }

  /** The fingerprints kept with a file's entry (set), if any: of the entry as it was kept, its timeline and its counted part. */
  fingerprints(abs: string): Fingerprints | undefined {
    return this.entries.get(abs)?.fingerprints;
  }

  /**
   * Forgets the files not seen since the last save when a load read them all (deleted ones), and keeps what changed
   * for the next process: a line per entry appended to the journal, or the whole cache written again (beside, then
   * renamed, the journal removed) when an entry was forgotten or the journal is long. A cache that cannot be written
   * is only a slower next load.
   */
  save(): void {
    // Nothing loaded since the last save: nothing to forget or write (every entry would look deleted).
    if (this.seen.size === 0 && this.changed.size === 0 && !this.siteChanged) return;
    for (const abs of this.complete ? this.entries.keys() : []) {
      if (!this.seen.has(abs)) {
        this.entries.delete(abs);
        this.whole = true;
      }
    }
    this.seen.clear();
    this.complete = false;
    const file = this.file;
    if (!file || !codeVersion) return;
    // Written whole when an entry was forgotten, the journal is long or the file went away (another cache of the folder
    // is read from it); else only what changed, if anything did.
    const whole = this.whole || !fs.existsSync(file);
    if (!whole && this.changed.size === 0 && !this.siteChanged) return;
    if (whole) {
      if (!keepFile(file, asciiJson({ code: codeVersion, site: this.siteRead, entries: Object.fromEntries(this.entries) }))) return;
      fs.rmSync(journalOf(file), { force: true });
      this.whole = false;
      // A content folder not loaded for a month (a temp copy, a moved checkout) loses its cache file and journal, a
      // data file its note (lib/monitor/store.ts).
      forgetFiles(path.dirname(file), (name, unused) => unused && /^(content|data)-[0-9a-f]+\.(json|log)$/.test(name));
    } else {
      const lines = [...this.changed].map((abs) => asciiJson({ code: journalCode, abs, value: this.entries.get(abs) } satisfies JournalLine));
      if (this.siteChanged) lines.push(asciiJson({ code: journalCode, site: this.siteRead! } satisfies JournalLine));
      try {
        // One write of whole lines, after a newline that ends a line torn by a process that died while writing.
        fs.appendFileSync(journalOf(file), `\n${lines.join('\n')}\n`);
        // The cache file is in use: not forgotten as unused while only its journal is written.
        const now = new Date();
        fs.utimesSync(file, now, now);
      } catch {
        return;
      }
    }
    this.changed.clear();
    this.siteChanged = false;
  }
}

/** The journal of a cache file (EntryCache). */
function journalOf(file: string): string {
  return file.replace(/\.json$/, '') + '.log';
}

const opened = new Map<string, EntryCache>();


/** The folder that holds the entry caches of a project's content folders (`.outpost/cache/`, like the builds). */
export function entryCacheDir(root = projectRoot): string {
  return path.join(root, '.outpost', 'cache');
}

/** Where the cache of one content folder is kept, in entryCacheDir. */
export function entryCacheFile(contentDir: string): string {
  const hash = crypto.createHash('sha256').update(path.resolve(contentDir)).digest('hex').slice(0, 8);
  return path.join(entryCacheDir(), `content-${hash}.json`);
}

/**
 * Code as the size and time of each of its source files (paths relative to the project), so that what was kept by
 * other code (an upgrade, an edited rule) is not trusted. Empty where a source cannot be read: nothing is kept then.
 */
export function sourcesVersion(files: readonly string[]): string {
  try {
    return files
      .map((file) => {
        const stat = fs.statSync(path.join(projectRoot, file));
        return `${path.basename(file)}:${stat.size}:${stat.mtimeMs}`;
      })
      .join(',');
  } catch {
    return '';
  }
}

/**
 * The loader's code: a cached entry was validated by the rules of its day, and an upgrade or an edit of the rules
 * must check every file again. With the fingerprint's code (the fingerprints kept with the entries are its) and the
 * languages a site may be in (site.yaml's read is kept too).
 */
const codeVersion = (() => {
  let names: string[];
  try {
    names = fs.readdirSync(path.join(projectRoot, 'lib', 'content')).filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'));
  } catch {
    return '';
  }
  return sourcesVersion([...names.sort().map((name) => `lib/content/${name}`), 'lib/shared/fingerprint.ts', 'lib/i18n/index.ts']);
})();

/** The loader's code, short, as each line of a journal names it. */
const journalCode = codeVersion && crypto.createHash('sha256').update(codeVersion).digest('base64url').slice(0, 16);
