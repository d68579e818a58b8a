import fs from 'node:fs';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import { Document, parseDocument } from 'yaml';
import {
  checkContent,
  formatProblem,
  id,
  incidentFrom,
  incidentSchema,
  maintenanceFrom,
  maintenanceSchema,
  siteSchema,
  splitFrontMatter,
  time,
  type Content,
  type Problem,
  type Site,
} from '../content';
import { EntryCache } from '../content/cache';
import { unknown } from '../content/rules';
import { formatDuration, plural } from '../status';
import { spliceFrontMatter, yamlStyle, type FrontMatterEdit } from './splice';
import { writeWhole } from '../files';
import { buildNow } from '../site-data';
import type { Checked } from '../render/publish';
import { publishAfterEdit } from './publish';
import type { AuthoringOptions } from './input';

/**
 * How the CLI writes content/: a write is refused when it would add a problem to content/ (problems already
 * in other files are reported, not a reason to refuse), an edit is a byte-exact splice of the file (splice.ts),
 * a file is written atomically (temp file, fsync, rename), and an edit holds a lock on its file from read to write.
 */

export type EntryKind = 'incidents' | 'maintenance';

/** A file-name slug of [a-z0-9-] from a title: "API: 503s on /v1" → "api-503s-on-v1". */
export function slugify(title: string): string {
  const words = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  let slug = '';
  for (const word of words) {
    if (slug && slug.length + word.length >= 60) break;
    slug = slug ? `${slug}-${word}` : word;
  }
  return slug;
}

/** The id named on the command line: an id, or the path of its file. */
export function entryId(arg: string): string {
  return path.basename(arg).replace(/\.md$/, '');
}

/** content/<kind>/<id>.md */
export function entryPath(contentDir: string, kind: EntryKind, id: string): string {
  return path.resolve(contentDir, kind, `${id}.md`);
}

/**
 * A real moment as content/ stores it, in UTC with Z, to the second. In the shipped example (site.yaml's
 * `exampleAnchor`) every stored time is read moved by `clockShiftMs`, so it is stored moved back by the
 * same amount: it then reads as the moment meant.
 */
export function storedTime(at: Date, clockShiftMs: number): string {
  return new Date(Math.floor((at.getTime() - clockShiftMs) / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** `---\n<yaml>---\n<body>`: the text of a new entry file. */
export function entryText(fields: Record<string, unknown>, body = ''): string {
  return `---\n${new Document(fields).toString(yamlStyle)}---\n${body}`;
}

/**
 * content/ as an authoring command sees it before a change: what the command needs, read from the files that
 * are fine, and every problem content/ already has. A broken file elsewhere never stops an edit.
 */
export type Workspace = {
  /** The content folder. */
  dir: string;
  /** The site, or null when site.yaml itself cannot be read as one (its component list is then unknown). */
  site: Site | null;
  /** `exampleAnchor` of site.yaml, when it has one: the shipped example, whose clock moves. */
  exampleAnchor: string | null;
  /** What every stored time is moved by when the site is read (`exampleAnchor`); 0 for a real site. */
  clockShiftMs: number;
  /** The id of every entry file, valid or not. */
  ids: Record<EntryKind, string[]>;
  /** The problems an entry file (absolute path) has as it is now, read once per file and command. */
  problemsOf(file: string): Problem[];
  /**
   * The content folder's entry cache (lib/content/cache.ts): the check before a write and the one of the write itself
   * parse only the files that changed since a publish or a command last read them, not thousands of incidents twice.
   */
  cache?: EntryCache;
};

/** `2026-03-14-api-latency.md`, as the loader names entry files. */
const entryFileName = /^(\d{4}-\d{2}-\d{2}-[a-z0-9]+(?:-[a-z0-9]+)*)\.md$/;

/**
 * Reads content/ for a command: the site and entry ids from what can be read, and an entry file's problems when asked
 * (the file the command edits: not thousands, which the check of the write reads).
 */
export function readWorkspace(contentDir: string, now: Date): Workspace {
  const cache = EntryCache.of(contentDir);
  const check = (only: ReadonlySet<string>) => checkContent(contentDir, { now, cache, saveLater: true, only });
  // site.yaml as the loader reads it (kept in the entry cache); as YAML alone when it has a problem.
  const read = check(new Set()).site;
  const raw = read ?? readYaml(path.join(contentDir, 'site.yaml'));
  const site = read ? { success: true as const, data: read } : siteSchema.safeParse(raw);
  const anchor = time.safeParse((raw as { exampleAnchor?: unknown } | null)?.exampleAnchor);
  const exampleAnchor = anchor.success ? anchor.data.replace('.000Z', 'Z') : null;
  const problems = new Map<string, Problem[]>();
  const ids = (kind: EntryKind) => {
    const dir = path.join(contentDir, kind);
    return (fs.existsSync(dir) ? fs.readdirSync(dir) : []).flatMap((name) => entryFileName.exec(name)?.[1] ?? []);
  };
  return {
    dir: contentDir,
    site: site.success ? site.data : null,
    exampleAnchor,
    clockShiftMs: clockShift(exampleAnchor, now),
    ids: { incidents: ids('incidents'), maintenance: ids('maintenance') },
    problemsOf: (file) => {
      if (!problems.has(file)) problems.set(file, problemsIn(check(new Set([file])).problems, file));
      return problems.get(file)!;
    },
    cache,
  };
}

/** What stored times are moved by at `now` (`exampleAnchor`: the shipped example's clock moves); 0 for a real site. */
function clockShift(exampleAnchor: string | null, now: Date): number {
  return exampleAnchor ? now.getTime() - Date.parse(exampleAnchor) : 0;
}

/** readWorkspace for a command, printing the example's notice (exampleNotice) when it has one. */
export function openContent(contentDir: string, now: Date): Workspace {
  const workspace = readWorkspace(contentDir, now);
  const notice = exampleNotice(workspace);
  if (notice) console.error(notice);
  return workspace;
}

/** An entry as stored (times not moved by `exampleAnchor`); refused when its own file has a problem. */
export function readEntry<K extends EntryKind>(workspace: Workspace, kind: K, id: string): Content[K][number] {
  const file = entryPath(workspace.dir, kind, id);
  const own = workspace.problemsOf(file);
  if (own.length > 0) {
    throw new Error(`${list(own)}\nrefused: ${relative(file)} has ${count(own)} of its own; fix ${own.length === 1 ? 'it' : 'them'} by hand first (nothing was written)`);
  }
  const parts = splitFrontMatter(fs.readFileSync(file, 'utf8'))!;
  const data = parseDocument(parts.yaml).toJS() as unknown;
  const entry = { id, file: relative(file), body: parts.body };
  return (kind === 'incidents' ? incidentFrom(incidentSchema.parse(data), entry) : maintenanceFrom(maintenanceSchema.parse(data), entry)) as Content[K][number];
}

/** The site's components, or a refusal saying how to go on when site.yaml cannot be read. */
export function siteOf(workspace: Workspace, flag: string): Site {
  if (workspace.site) return workspace.site;
  throw new Error(`refused: ${relative(path.join(workspace.dir, 'site.yaml'))} has a problem, so its components are unknown here; fix it, or give ${flag}`);
}

/**
 * The notice an authoring command prints on the shipped example: its clock moves, so what is stored and
 * what is shown differ, and a time given now drifts with every later build.
 */
export function exampleNotice(workspace: Workspace): string | null {
  if (!workspace.exampleAnchor) return null;
  const site = relative(path.join(workspace.dir, 'site.yaml'));
  return [
    `note: ${site} has exampleAnchor: this is the shipped example, whose clock moves. Every time in it is shown`,
    `  moved forward by the time since ${workspace.exampleAnchor} (${formatDuration(workspace.clockShiftMs)} now), so times are stored moved back by`,
    `  as much ("now" is stored as ${workspace.exampleAnchor}); messages quote the stored times. A time you give`,
    '  (--at, --start, --end) shows as given only on a build made now, and moves later with every later build.',
    '  For a site of your own: `outpost init <folder>` (docs/cli.md), or delete exampleAnchor from site.yaml.',
  ].join('\n');
}

/**
 * The entry named on the command line: by id (`2026-03-14-api-errors`), or by slug (`api-errors`) when only
 * one entry has it. A refusal names the closest match.
 */
export function findEntry(ids: readonly string[], name: string, kind: string): string {
  if (ids.includes(name)) return name;
  const bySlug = ids.filter((id) => slugOf(id) === name);
  if (bySlug.length === 1) return bySlug[0]!;
  if (bySlug.length > 1) throw new Error(`refused: ${bySlug.join(', ')} all end in "${name}"; give the whole id`);
  throw new Error(`refused: ${unknown(kind, name, [...ids, ...ids.map(slugOf)])}`);
}

/** `api-errors` from `2026-03-14-api-errors`. */
function slugOf(id: string): string {
  return id.slice('yyyy-mm-dd-'.length);
}

/**
 * `<yyyy-mm-dd>-<slug>` for a new entry: the date it happens (UTC), the slug given or made from the title.
 * A --slug that another entry's id already ends in (or is) is refused: updates by that slug would be ambiguous.
 */
export function newEntryId(when: Date, title: string, slug: string | undefined, existing: readonly string[], kind: string): string {
  const chosen = slug ?? slugify(title);
  if (!chosen) throw new Error(`refused: cannot make a file name from the title ${JSON.stringify(title)}; give --slug`);
  if (!id.safeParse(chosen).success) throw new Error(`refused: --slug expects lowercase letters, digits and single dashes ([a-z0-9-]), got ${JSON.stringify(chosen)}`);
  const clash = slug === undefined ? [] : existing.filter((other) => slugOf(other) === chosen || other === chosen);
  if (clash.length > 0) {
    throw new Error(`refused: --slug ${chosen}: ${clash.join(', ')} already ${clash.length === 1 ? 'ends' : 'end'} in "${chosen}", so "${chosen}" would name more than one ${kind}; choose another --slug (nothing was written)`);
  }
  return `${when.toISOString().slice(0, 10)}-${chosen}`;
}

/** Entries other than `id` whose slug is the same: naming the new one by its slug will be ambiguous. */
export function sameSlug(existing: readonly string[], id: string): string[] {
  return existing.filter((other) => other !== id && slugOf(other) === slugOf(id));
}

/** What a write did: the file, its new text, the problems its content folder had before (none added by it), and content/ as checked with it. */
export type WriteResult = { file: string; text: string; existing: Problem[]; contentDir: string; checked: Checked };

/** Creates a new entry file, refusing one that exists or that would add a problem to content/. */
export function createEntry(workspace: Workspace, kind: EntryKind, id: string, text: string, options: { now: Date; dryRun?: boolean }): WriteResult {
  const file = entryPath(workspace.dir, kind, id);
  const exists = () => new Error(`refused: ${relative(file)} already exists (choose another title, or --slug)`);
  if (fs.existsSync(file)) throw exists();
  const checked = checkWrite(workspace, file, text, options.now, true);
  if (!options.dryRun) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    try {
      writeWhole(file, text, { durable: true, exclusive: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw exists();
      throw error;
    }
  }
  return { file, text, existing: checked.existing, contentDir: workspace.dir, checked: checked.checked };
}

/** What an edit gets: the entry as stored, read under the lock, what stored times are moved by, and "now". */
export type EditContext<K extends EntryKind> = { entry: Content[K][number]; clockShiftMs: number; now: Date };

/**
 * Edits an entry's front matter: under a lock on the file, re-reads content/, asks `edit` for its changes
 * and splices them into the file's text (every other byte stays), refuses the result if it adds a problem
 * to content/, then replaces the file atomically. Concurrent edits of one file queue on the lock; none is lost.
 */
export async function editEntry<K extends EntryKind>(
  contentDir: string,
  kind: K,
  id: string,
  edit: (context: EditContext<K>) => FrontMatterEdit[],
  options: { now: () => Date; dryRun?: boolean; workspace?: Workspace },
): Promise<WriteResult> {
  const file = entryPath(contentDir, kind, id);
  const release = await lockfile.lock(file, {
    realpath: false,
    // A dot-name: the content loader skips it, so other processes validating content/ never see the lock.
    lockfilePath: path.join(path.dirname(file), `.${path.basename(file)}.lock`),
    retries: { retries: 200, factor: 1.2, minTimeout: 20, maxTimeout: 250, randomize: true },
  });
  try {
    // "now" is read under the lock, so edits queued on it still get times in the order they are written.
    const now = options.now();
    // The command's own reading of content/ serves while the file is as it then was, valid (what the lock waited for
    // changed nothing in it): the entry is read from disk below, and the check of the write finds every problem of the
    // other files as they are now. Else content/ is read again.
    const given = options.workspace;
    const workspace = given?.cache?.holdsValid(file) ? { ...given, clockShiftMs: clockShift(given.exampleAnchor, now) } : readWorkspace(contentDir, now);
    const entry = readEntry(workspace, kind, id);
    const text = spliceFrontMatter(fs.readFileSync(file, 'utf8'), edit({ entry, clockShiftMs: workspace.clockShiftMs, now }));
    const checked = checkWrite(workspace, file, text, now, false);
    if (!options.dryRun) writeWhole(file, text, { durable: true, mode: fs.statSync(file).mode & 0o777 });
    return { file, text, existing: checked.existing, contentDir, checked: checked.checked };
  } finally {
    await release();
  }
}

/** One entry in a timeline, as appended by `update`, `resolve` and `cancel`. */
export type UpdateFields = { at: string; status?: string; message: string; components?: Record<string, string> };

/** The edit that appends an update to `updates` (made when missing), leaving out what is empty. */
export function appendUpdate({ at, status, message, components }: UpdateFields): FrontMatterEdit {
  const text = message.replace(/\r\n?/g, '\n').trim();
  return { append: 'updates', item: { at, ...(status ? { status } : {}), message: text, ...(components && Object.keys(components).length > 0 ? { components } : {}) } };
}

/** The edit that sets a top-level field; an existing value keeps its place, quoting and trailing comment. */
export function setField(key: string, value: string): FrontMatterEdit {
  return { set: key, value };
}

/**
 * Refuses a write that would add a problem to content/, listing only the added ones (a problem in a file
 * not yet written says so). Problems that were there before are the caller's to report, not a reason to refuse:
 * `existing`, every problem of the other files as this check found them (an entry's problems are its own file's).
 */
function checkWrite(workspace: Workspace, file: string, text: string, now: Date, isNew: boolean): { checked: Checked; existing: Problem[] } {
  // As a publish checks (each broken file's last good version in its place), so the publish after the write can use it.
  const result = checkContent(workspace.dir, { now, files: new Map([[file, text]]), cache: workspace.cache, lastGood: true, saveLater: true });
  const existing = result.problems.filter((p) => path.resolve(p.file) !== file);
  const added = addedProblems(workspace.problemsOf(file), problemsIn(result.problems, file));
  if (added.length === 0) return { checked: { result, now }, existing };
  const lines = added.map((p) => formatProblem(p) + (isNew ? ' (not written)' : ''));
  const before = existing.length > 0 ? `\n(${folder(workspace.dir)} also has ${count(existing)} from before, in other files; \`outpost validate\` lists them)` : '';
  throw new Error(`${lines.join('\n')}\nrefused: the change would add ${count(added)}; nothing was written${before}`);
}

/** The problems in `after` that were not in `before` (compared as printed: file, line, column, field, message). */
export function addedProblems(before: readonly Problem[], after: readonly Problem[]): Problem[] {
  const left = new Map<string, number>();
  for (const p of before) left.set(formatProblem(p), (left.get(formatProblem(p)) ?? 0) + 1);
  return after.filter((p) => {
    const n = left.get(formatProblem(p)) ?? 0;
    if (n > 0) left.set(formatProblem(p), n - 1);
    return n === 0;
  });
}

function problemsIn(problems: readonly Problem[], file: string): Problem[] {
  return problems.filter((p) => path.resolve(p.file) === file);
}

/** A YAML file's data; null when missing or unreadable as YAML (checkContent reports why). */
function readYaml(file: string): unknown {
  try {
    return parseDocument(fs.readFileSync(file, 'utf8')).toJS() as unknown;
  } catch {
    return null;
  }
}


/**
 * A new entry from start to end: names it (newEntryId: the date of `when` and the slug), writes it (createEntry),
 * says what it did and publishes it (report), and notes another entry whose slug is the same.
 */
export async function createAndReport(
  workspace: Workspace,
  kind: EntryKind,
  entry: { when: Date; title: string; text: string; noun: string },
  options: Pick<AuthoringOptions, 'content' | 'dryRun' | 'publish' | 'data'> & { slug?: string; now: Date },
): Promise<void> {
  const id = newEntryId(entry.when, entry.title, options.slug, workspace.ids[kind], entry.noun);
  await report(createEntry(workspace, kind, id, entry.text, { now: options.now, dryRun: options.dryRun }), 'created', options);
  for (const other of sameSlug(workspace.ids[kind], id)) {
    console.error(`note: ${other} ends in the same slug; name this ${entry.noun} by its whole id, ${id}`);
  }
}

/**
 * A CLI edit from start to end: edits the entry (editEntry, with the clock and --dry-run from the options), says what
 * it did, and publishes it (report). `done` is the past participle shown: `updated`, `resolved`; `workspace`, the
 * command's reading of content/ (openContent), used again when the file did not change since.
 */
export async function editAndReport<K extends EntryKind>(
  options: Pick<AuthoringOptions, 'content' | 'dryRun' | 'publish' | 'data'>,
  kind: K,
  id: string,
  done: string,
  edit: (context: EditContext<K>) => FrontMatterEdit[],
  workspace?: Workspace,
): Promise<void> {
  await report(await editEntry(options.content, kind, id, edit, { now: buildNow, dryRun: options.dryRun, workspace }), done, options);
}

/**
 * Prints what was written (or, for --dry-run, the whole file it would have written), then a warning naming
 * the problems content/ already had: the write did not add them, and did not wait for them to be fixed.
 */
export async function report({ file, text, existing, contentDir, checked }: WriteResult, done: string, options: Pick<AuthoringOptions, 'dryRun' | 'publish' | 'content' | 'data'>): Promise<void> {
  const { dryRun } = options;
  if (dryRun) {
    process.stdout.write(text);
    console.error(`dry run: ${relative(file)} would be ${done}; nothing was written`);
  } else {
    console.log(`${done} ${relative(file)}`);
  }
  if (existing.length > 0) {
    console.error(`warning: ${folder(contentDir)} has ${count(existing)} this change did not cause; fix ${existing.length === 1 ? 'it' : 'them'} (\`outpost validate\` lists every problem):\n${list(existing)}`);
  }
  if (!dryRun) await publishAfterEdit({ ...options, checked });
  // What the checks parsed, kept for the next command (a publish has kept it already, once the site was live).
  EntryCache.of(contentDir).save();
}

/** A folder as messages show it: `content/`. */
function folder(dir: string): string {
  return `${relative(path.resolve(dir))}/`;
}

/** A path as messages show it: relative to the working directory. */
function relative(file: string): string {
  return path.relative(process.cwd(), file) || file;
}

function list(problems: Problem[]): string {
  return problems.map(formatProblem).join('\n');
}

function count(problems: Problem[]): string {
  return plural(problems.length, 'problem');
}
