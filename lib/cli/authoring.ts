import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import { Document, isScalar, isSeq, parseDocument, type ToStringOptions } from 'yaml';
import { checkContent, formatProblem, id, type Content, type Problem } from '../content';
import { frontMatter } from '../content/load';
import { unknown } from '../content/rules';
import { plural } from '../status';

/**
 * How the CLI writes content/: a file is only written when all of content/ would be valid after the write,
 * it is written atomically (temp file, fsync, rename), and an edit holds a lock on its file from read to write.
 */

export type EntryKind = 'incidents' | 'maintenance';

/** The YAML style of content/: no folding of long lines (a diff shows only what changed), `[a, b]`. */
const yamlStyle: ToStringOptions = { lineWidth: 0, flowCollectionPadding: false };

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

/** Reads content/ and refuses to go on when it already has a problem: the CLI never builds on a broken tree. */
export function loadValid(contentDir: string, now: Date): Content {
  const { content, problems } = checkContent(contentDir, { now });
  if (!content) throw new Error(`${list(problems)}\nrefused: content/ has ${count(problems)} already; fix ${problems.length === 1 ? 'it' : 'them'} first (nothing was written)`);
  return content;
}

/**
 * The entry named on the command line: by id (`2026-03-14-api-errors`), or by slug (`api-errors`) when only
 * one entry has it. A refusal names the closest match.
 */
export function findEntry<T extends { id: string }>(entries: T[], name: string, kind: string): T {
  const exact = entries.find((e) => e.id === name);
  if (exact) return exact;
  const slugOf = (id: string) => id.slice('yyyy-mm-dd-'.length);
  const bySlug = entries.filter((e) => slugOf(e.id) === name);
  if (bySlug.length === 1) return bySlug[0]!;
  if (bySlug.length > 1) throw new Error(`refused: ${bySlug.map((e) => e.id).join(', ')} all end in "${name}"; give the whole id`);
  throw new Error(`refused: ${unknown(kind, name, [...entries.map((e) => e.id), ...entries.map((e) => slugOf(e.id))])}`);
}

/** `<yyyy-mm-dd>-<slug>` for a new entry: the date it happens (UTC), the slug given or made from the title. */
export function newEntryId(when: Date, title: string, slug?: string): string {
  const chosen = slug ?? slugify(title);
  if (!chosen) throw new Error(`refused: cannot make a file name from the title ${JSON.stringify(title)}; give --slug`);
  if (!id.safeParse(chosen).success) throw new Error(`refused: --slug expects lowercase letters, digits and single dashes ([a-z0-9-]), got ${JSON.stringify(chosen)}`);
  return `${when.toISOString().slice(0, 10)}-${chosen}`;
}

export type WriteResult = { file: string; text: string };

/** Creates a new entry file, refusing one that exists or that would leave content/ with a problem. */
export function createEntry(contentDir: string, kind: EntryKind, id: string, text: string, options: { now: Date; dryRun?: boolean }): WriteResult {
  const file = entryPath(contentDir, kind, id);
  const exists = () => new Error(`refused: ${relative(file)} already exists (choose another title, or --slug)`);
  if (fs.existsSync(file)) throw exists();
  checkWrite(contentDir, file, text, options.now);
  if (!options.dryRun) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    try {
      writeAtomic(file, text, { exclusive: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw exists();
      throw error;
    }
  }
  return { file, text };
}

/** What an edit gets: the front matter to change in place, the entry and content/ as read under the lock, "now". */
export type EditContext<K extends EntryKind> = { doc: Document; entry: Content[K][number]; content: Content; now: Date };

const noun: Record<EntryKind, string> = { incidents: 'incident', maintenance: 'maintenance' };

/**
 * Edits an entry's front matter in place: under a lock on the file, re-reads content/, applies `edit` to the
 * YAML document (so comments, key order and the body survive), validates all of content/ as it would be,
 * then replaces the file atomically. Concurrent edits of one file queue on the lock; none is lost.
 */
export async function editEntry<K extends EntryKind>(
  contentDir: string,
  kind: K,
  id: string,
  edit: (context: EditContext<K>) => void,
  options: { now: () => Date; dryRun?: boolean },
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
    const content = loadValid(contentDir, now);
    const entry = findEntry<Content[K][number]>(content[kind], id, noun[kind]);
    const before = fs.readFileSync(file, 'utf8');
    const front = frontMatterSpan(before);
    const doc = parseDocument(before.slice(front.start, front.end));
    edit({ doc, entry, content, now });
    const text = before.slice(0, front.start) + doc.toString(yamlStyle) + before.slice(front.end);
    checkWrite(contentDir, file, text, now);
    if (!options.dryRun) writeAtomic(file, text, { exclusive: false });
    return { file, text };
  } finally {
    await release();
  }
}

/** One entry in a timeline, as appended by `update`, `resolve` and `cancel`. */
export type UpdateFields = { at: string; status?: string; message: string; components?: Record<string, string> };

/** Appends an update to the front matter's `updates` (creating the list if needed), leaving out what is empty. */
export function appendUpdate(doc: Document, { at, status, message, components }: UpdateFields): void {
  const item = { at, ...(status ? { status } : {}), message: message.trim(), ...(components && Object.keys(components).length > 0 ? { components } : {}) };
  const updates = doc.get('updates', true);
  if (!isSeq(updates)) return void doc.set('updates', doc.createNode([item]));
  if (updates.items.length === 0) updates.flow = false; // `updates: []` grows into a block list
  updates.add(doc.createNode(item));
}

/** Sets a top-level field; an existing scalar keeps its place, quoting and trailing comment. */
export function setField(doc: Document, key: string, value: string): void {
  const node = doc.get(key, true);
  if (isScalar(node)) node.value = value;
  else doc.set(key, value);
}

/** Where the front matter's YAML starts and ends in an entry file (the loader has already checked it is there). */
function frontMatterSpan(text: string): { start: number; end: number } {
  const bom = text.startsWith('\uFEFF') ? 1 : 0;
  const match = frontMatter.exec(text.slice(bom))!;
  const start = bom + match[0].indexOf('\n') + 1;
  return { start, end: start + match[1]!.length };
}

/** Refuses a write that would leave any problem in content/, listing each one. */
function checkWrite(contentDir: string, file: string, text: string, now: Date): void {
  const { problems } = checkContent(contentDir, { now, files: new Map([[file, text]]) });
  if (problems.length > 0) throw new Error(`${list(problems)}\nrefused: ${count(problems)}; nothing was written`);
}

/**
 * Writes a temp file beside `file`, flushes it to disk, then renames it into place (or, for a new file,
 * links it, which fails if the file appeared meanwhile): a reader sees the old file or the new, never half.
 */
function writeAtomic(file: string, text: string, { exclusive }: { exclusive: boolean }): void {
  const dir = path.dirname(file);
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`);
  const mode = exclusive ? 0o644 : fs.statSync(file).mode & 0o777;
  const fd = fs.openSync(temp, 'wx', mode);
  try {
    fs.writeFileSync(fd, text);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  try {
    if (exclusive) fs.linkSync(temp, file);
    else fs.renameSync(temp, file);
  } finally {
    fs.rmSync(temp, { force: true });
  }
  syncDir(dir);
}

/** Flushes a folder's entries (the rename) to disk; some platforms cannot, which only weakens durability. */
function syncDir(dir: string): void {
  try {
    const fd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // Windows and some network file systems refuse fsync on a folder.
  }
}

/** Prints what was written, or for --dry-run the whole file it would have written. */
export function report({ file, text }: WriteResult, done: string, dryRun?: boolean): void {
  if (!dryRun) {
    console.log(`${done} ${relative(file)}`);
    return;
  }
  process.stdout.write(text);
  console.error(`dry run: ${relative(file)} would be ${done}; nothing was written`);
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
