import fs from 'node:fs';
import path from 'node:path';
import { compareText } from '../shared/words';
import { impossibleDate } from './fields';
import type { Problem } from './problems';
import { didYouMean } from './suggest';

/*
 * Which files under content/ Outpost reads, and a line for every other one, so that nothing is skipped
 * without a word: staff must never believe an incident is published when it is not (docs/content.md).
 *
 * Read: content/site.yaml, and the <yyyy-mm-dd>-<slug>.md files directly in content/incidents/ and
 * content/maintenance/. Passed over in silence: README files and the housekeeping files of git and
 * desktops below. Everything else is an error when it looks meant to be read (a misspelt folder, an entry
 * file in the wrong place, a link, a folder where a file should be), and a warning otherwise.
 * Symbolic links inside content/ are never followed (one could point anywhere on the machine that builds);
 * the content folder itself may be one.
 */

/** `2026-03-14-api-latency.md`: a date, then a slug of [a-z0-9-]. */
const entryFileName = /^((\d{4})-(\d{2})-(\d{2})-[a-z0-9]+(?:-[a-z0-9]+)*)\.md$/;

/** Files that tools and desktops leave in folders; not content, never reported. */
const housekeeping = new Set(['.git', '.gitkeep', '.keep', '.gitignore', '.gitattributes', '.DS_Store', 'Thumbs.db', 'desktop.ini']);

/** Notes for the people who edit content/: allowed in any folder, never read. */
const readme = /^readme(?:\.md|\.txt)?$/i;

/** The folders of entries Outpost reads in content/. */
export const entryFolders = ['incidents', 'maintenance'] as const;
export type EntryFolder = (typeof entryFolders)[number];

/** An entry file Outpost reads: its id (the file name without `.md`) and absolute path. */
export type EntryFileRef = { id: string; abs: string };

/** What content/ holds: the files to read, and a problem (error or warning) for everything else. */
export type ContentFiles = {
  /** content/site.yaml, or null when it is missing or not a file (a problem says which). */
  site: string | null;
  entries: Record<EntryFolder, EntryFileRef[]>;
  problems: Problem[];
};

type Kind = 'file' | 'folder' | 'link' | 'special';

type Listing = { name: string; abs: string; kind: Kind }[];

/**
 * Lists content/ (`root`, absolute) without following any link inside it. `rel` makes a path relative for
 * messages; `written` are files a command is about to write (absolute paths), listed as if on disk; `only`, when
 * given, the entry files listed (those of them that are there), instead of the thousands in the entry folders.
 */
export function contentFiles(root: string, rel: (abs: string) => string, written: Iterable<string> = [], only?: ReadonlySet<string>): ContentFiles {
  const problems: Problem[] = [];
  const result: ContentFiles = { site: null, entries: { incidents: [], maintenance: [] }, problems };
  const report = (abs: string, message: string, severity?: 'warning', field = '') =>
    problems.push({ file: rel(abs), line: 1, col: 1, field, message, ...(severity && { severity }) });
  const pending = [...written];

  const listing = list(root, pending, report);
  if (!listing) return result;
  const seen = new Set(listing.map((entry) => entry.name));
  for (const { name, abs, kind } of listing) {
    if (quiet(name, kind)) continue;
    if (name === 'site.yaml') {
      if (kind === 'file') result.site = abs;
      else report(abs, expectedFile(kind));
    } else if ((entryFolders as readonly string[]).includes(name)) {
      if (kind === 'folder') result.entries[name as EntryFolder] = entryFiles(abs, pending, report, only);
      else report(abs, `expected a folder, got ${kindWords[kind]}${kind === 'link' ? linkAdvice : ''}`);
    } else if (name.startsWith('.')) {
      report(abs, hiddenWords, 'warning');
    } else {
      const near = didYouMean(name, ['site.yaml', ...entryFolders]);
      if (near) for (const file of tree(abs, kind)) report(file, `not read: Outpost reads no ${kind === 'folder' ? 'folder' : 'file'} ${JSON.stringify(name)}${near}`);
      else if (kind !== 'folder' && /\.md$/i.test(name)) report(abs, 'not read: an incident or maintenance file belongs in incidents/ or maintenance/');
      else if (kind !== 'folder' && /\.ya?ml$/i.test(name)) report(abs, 'not read: site.yaml is the only YAML file Outpost reads');
      else for (const file of tree(abs, kind)) report(file, 'not read: Outpost reads only site.yaml, incidents/*.md and maintenance/*.md', 'warning');
    }
  }
  if (!seen.has('site.yaml')) report(path.join(root, 'site.yaml'), 'expected a site file, got nothing (create content/site.yaml)');
  // A folder not made yet holds only what a command is about to write in it.
  for (const folder of entryFolders) if (!seen.has(folder)) result.entries[folder] = entryFiles(path.join(root, folder), pending, report, only);
  return result;
}

/** The entry files of incidents/ or maintenance/; a problem for everything else in it. */
function entryFiles(dir: string, written: string[], report: (abs: string, message: string, severity?: 'warning', field?: string) => void, only?: ReadonlySet<string>): EntryFileRef[] {
  const here = path.basename(dir);
  return ((only ? listOnly(dir, only, written) : list(dir, written, report)) ?? []).flatMap(({ name, abs, kind }) => {
    if (quiet(name, kind)) return [];
    if (name.startsWith('.')) {
      report(abs, hiddenWords, 'warning');
      return [];
    }
    if (kind === 'folder' && !name.endsWith('.md')) {
      for (const file of tree(abs, kind)) report(file, `not read: Outpost reads only the files directly in ${here}/, not in folders inside it`);
      return [];
    }
    if (kind !== 'file') {
      report(abs, expectedFile(kind));
      return [];
    }
    const match = entryFileName.exec(name);
    if (!match) {
      report(abs, `expected <yyyy-mm-dd>-<slug>.md with a slug of [a-z0-9-], got ${JSON.stringify(name)}`, undefined, 'file name');
      return [];
    }
    const impossible = impossibleDate(Number(match[2]), Number(match[3]), Number(match[4]));
    if (impossible) {
      report(abs, `expected a real date, got ${JSON.stringify(name.slice(0, 10))} (${impossible})`, undefined, 'file name');
      return [];
    }
    return [{ id: match[1]!, abs }];
  });
}

/** The folder's entries sorted by name, without following links; written files join those on disk. Null when it cannot be listed. */
function list(dir: string, written: string[], report: (abs: string, message: string) => void): Listing | null {
  let entries: fs.Dirent[] = [];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // A missing folder holds nothing (a missing content/ is reported as its missing site.yaml).
    if (code !== 'ENOENT') {
      report(dir, code === 'ENOTDIR' ? 'expected a folder, got a file' : `cannot be read (${readError(error)})`);
      return null;
    }
  }
  // The folder joined once, each name appended (a name from readdir has no separator): path.join for each of 5,000
  // incidents was 25 ms of every publish.
  const prefix = path.join(dir, path.sep);
  const listing: Listing = entries.map((entry) => ({ name: entry.name, abs: prefix + entry.name, kind: kindOf(entry) }));
  for (const file of written) {
    if (path.dirname(file) === dir && !listing.some((entry) => entry.abs === file)) listing.push({ name: path.basename(file), abs: file, kind: 'file' });
  }
  return listing.sort((a, b) => compareText(a.name, b.name));
}

/** The files of `only` directly in `dir` that are there (or about to be written), as `list` would list them. */
function listOnly(dir: string, only: ReadonlySet<string>, written: string[]): Listing {
  const listing: Listing = [];
  for (const abs of only) {
    if (path.dirname(abs) !== dir) continue;
    const stat = written.includes(abs) ? null : fs.lstatSync(abs, { throwIfNoEntry: false });
    if (stat === undefined) continue;
    const kind: Kind = !stat || stat.isFile() ? 'file' : stat.isSymbolicLink() ? 'link' : stat.isDirectory() ? 'folder' : 'special';
    listing.push({ name: path.basename(abs), abs, kind });
  }
  return listing.sort((a, b) => compareText(a.name, b.name));
}

/**
 * Every file, link or special file in a folder and the folders inside it (links not followed, a hidden folder
 * named rather than opened); the folder itself when it holds none.
 */
function tree(abs: string, kind: Kind): string[] {
  if (kind !== 'folder') return [abs];
  const inside = (list(abs, [], () => {}) ?? []).filter((entry) => !quiet(entry.name, entry.kind));
  const files = inside.flatMap((entry) => (entry.name.startsWith('.') ? [entry.abs] : tree(entry.abs, entry.kind)));
  return files.length > 0 ? files : [abs];
}

function kindOf(entry: fs.Dirent): Kind {
  if (entry.isSymbolicLink()) return 'link';
  if (entry.isDirectory()) return 'folder';
  if (entry.isFile()) return 'file';
  return 'special';
}

function quiet(name: string, kind: Kind): boolean {
  return housekeeping.has(name) || (kind === 'file' && readme.test(name));
}

const kindWords: Record<Kind, string> = { file: 'a file', folder: 'a folder', link: 'a symbolic link', special: 'a special file (a pipe, socket or device)' };
const linkAdvice = ' (Outpost follows no link inside content/: put the real one here)';
const hiddenWords = 'not read: its name starts with "." (a hidden file); remove the dot to publish it';

function expectedFile(kind: Kind): string {
  return `expected a file, got ${kindWords[kind]}${kind === 'link' ? linkAdvice : ''}`;
}

/** An error reading a file or folder in words, without the absolute path Node's message carries. */
export function readError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const words: Record<string, string> = { EACCES: 'permission denied', EPERM: 'permission denied', EISDIR: 'it is a folder', ENOTDIR: 'a part of its path is a file', ELOOP: 'too many links', EMFILE: 'too many open files', EIO: 'input/output error' };
  return (code && words[code]) ?? code ?? (error instanceof Error ? error.name : 'unknown error');
}
