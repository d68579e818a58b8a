import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { fingerprint, knownFingerprint } from '../shared/fingerprint';
import { compareText } from '../shared/words';
import type { EntryCache } from './cache';
import { fileIdentity } from '../files';
import { contentFiles, readError, type EntryFileRef } from './files';
import { ContentError, YamlSource, zodProblems, type Problem } from './problems';
import {
  incidentSchema,
  maintenanceSchema,
  siteSchema,
  type Content,
  type Incident,
  type Maintenance,
  type Site,
} from './schema';
import { checkIncident, checkMaintenance, checkSite, knownComponentIds } from './rules';
import { decodeUtf8, forbiddenCharacterProblems, forbiddenCharacters, forbiddenMessage } from './text';

export type LoadOptions = {
  /** The moment "now" is for `exampleAnchor`; defaults to the clock. */
  now?: Date;
  /** Paths in messages are relative to this; defaults to the working directory. */
  cwd?: string;
  /** Entry files as a write would leave them (absolute path → text), read instead of the disk; new ones included. */
  files?: ReadonlyMap<string, string>;
  /** Valid entries from an earlier load, reused while their file is unchanged; updated with this load's. */
  cache?: EntryCache;
  /**
   * Leave the cache's file to be written by the caller (EntryCache.save), after what is urgent: a publish writes it
   * once the site is live, a CLI edit after its publish. By default a load writes it.
   */
  saveLater?: boolean;
  /**
   * Give the content even when entry files have problems (site.yaml must be valid): each broken entry file is
   * replaced by the last version of it that was valid (from `cache`), or left out when it never was. What was
   * replaced or left out is in `brokenFiles`, and every problem is still reported. For publishing: one broken
   * file must not freeze the page.
   */
  lastGood?: boolean;
  /**
   * Read only these entry files (absolute paths) and site.yaml: a CLI edit asks what problems the file it edits has,
   * not content/'s thousands (the check of the write itself reads them all). No content is given then.
   */
  only?: ReadonlySet<string>;
};

/**
 * Result of checking content/: the content when valid, every error found either way, and the warnings
 * (files under content/ that Outpost does not read), which do not make the content invalid.
 */
export type CheckResult = {
  content: Content | null;
  problems: Problem[];
  warnings: Problem[];
  /** With `lastGood`: each entry file with a problem, and whether its last good version stands in for it (else it is left out). */
  brokenFiles: { file: string; lastGood: boolean }[];
  /** site.yaml as read, or null when it has a problem. */
  site: Site | null;
};

/** Reads and validates content/ in full; throws ContentError listing every problem. */
export function loadContent(dir = 'content', options: LoadOptions = {}): Content {
  const { content, problems } = checkContent(dir, options);
  if (!content) throw new ContentError(problems);
  return content;
}

/** Reads and validates content/, collecting every problem in every file instead of stopping at the first. */
export function checkContent(dir = 'content', options: LoadOptions = {}): CheckResult {
  const cwd = options.cwd ?? process.cwd();
  const root = path.resolve(cwd, dir);
  const rel = relativeTo(cwd);
  const listed = contentFiles(root, rel, options.files?.keys(), options.only);
  const problems = listed.problems.filter((p) => p.severity !== 'warning');
  const warnings = inFileOrder(listed.problems.filter((p) => p.severity === 'warning'));

  // Other files' component ids are checked against site.yaml as written, even when it has other problems.
  const { site, componentIds, problems: siteProblems } = listed.site ? readSite(listed.site, rel(listed.site), options.files, options.cache) : { site: null, componentIds: null, problems: [] };
  problems.push(...siteProblems);

  const brokenFiles: CheckResult['brokenFiles'] = [];
  const reading: ReadOptions = { rel, problems, files: options.files, cache: options.cache, context: fingerprint(componentIds), brokenFiles: options.lastGood ? brokenFiles : null };
  if (!options.only) options.cache?.readAll();
  const incidents = readEntries<Incident>(listed.entries.incidents, reading, ({ id, source, body, clean }) => {
    const data = parseWith(source, incidentSchema, problems, clean, (raw) => checkIncident(raw, componentIds, source));
    return data && incidentFrom(data, { id, file: source.file, body });
  });

  const maintenance = readEntries<Maintenance>(listed.entries.maintenance, reading, ({ id, source, body, clean }) => {
    const data = parseWith(source, maintenanceSchema, problems, clean, (raw) => checkMaintenance(raw, componentIds, source));
    return data && maintenanceFrom(data, { id, file: source.file, body });
  });
  if (!options.saveLater) options.cache?.save();

  if (!site || options.only || (problems.length > 0 && !options.lastGood)) return { content: null, problems: inFileOrder(problems), warnings, brokenFiles, site };

  const clockShiftMs = site.exampleAnchor ? (options.now ?? new Date()).getTime() - Date.parse(site.exampleAnchor) : 0;
  const content: Content = {
    site,
    incidents: incidents.map((i) => shiftIncident(i, clockShiftMs)).sort((a, b) => compareText(b.began, a.began) || compareText(a.id, b.id)),
    maintenance: maintenance.map((m) => shiftMaintenance(m, clockShiftMs)).sort((a, b) => compareText(a.start, b.start) || compareText(a.id, b.id)),
    clockShiftMs,
  };
  return { content, problems: inFileOrder(problems), warnings, brokenFiles, site };
}

/**
 * Paths as messages show them, relative to `cwd`: a path under it by cutting its start (5,000 path.relative calls took
 * 20–30 ms of every check at 5,000 incidents), a file elsewhere (content/ in another folder) by its folder's path,
 * made by path.relative once per folder, any other by path.relative.
 */
export function relativeTo(cwd: string): (abs: string) => string {
  const base = path.resolve(cwd);
  const prefix = base.endsWith(path.sep) ? base : base + path.sep;
  const folders = new Map<string, string>();
  return (abs) => {
    const plain = !abs.includes(`${path.sep}.`) && !abs.includes(path.sep + path.sep) && !abs.endsWith(path.sep);
    // The working folder itself or a folder above it: as path.relative says it.
    if (!plain || prefix.startsWith(abs + path.sep)) return path.relative(base, abs) || '.';
    if (abs.startsWith(prefix)) return abs.slice(prefix.length);
    const cut = abs.lastIndexOf(path.sep);
    const folder = abs.slice(0, cut) || path.sep;
    let relative = folders.get(folder);
    if (relative === undefined) folders.set(folder, (relative = path.relative(base, folder)));
    return relative ? relative + path.sep + abs.slice(cut + 1) : abs.slice(cut + 1);
  };
}

type SiteRead = { site: Site | null; componentIds: string[] | null; problems: Problem[] };

/** The last site.yaml read, by its path, its name in messages and its file's identity. */
let lastSite: { key: string; read: SiteRead } | null = null;

/**
 * site.yaml read and checked: the site (null when it has a problem), the component ids as written, its problems.
 * Kept for the next read while the file is unchanged, in this process and in the entry cache: a CLI edit checks
 * content/ before and with its change and then publishes, and parsing the YAML of fifty components took 0.05 s each time.
 */
function readSite(abs: string, file: string, files?: ReadonlyMap<string, string>, cache?: EntryCache): SiteRead {
  // Stat before reading: a file changed in between is kept under its old identity, so it is read again next time.
  const stat = files?.has(abs) ? undefined : fs.statSync(abs, { throwIfNoEntry: false });
  const key = stat ? `${abs}|${file}|${fileIdentity(stat)}` : null;
  const kept = key === null ? undefined : (cache?.site<SiteRead>(key) ?? (lastSite?.key === key ? lastSite.read : undefined));
  if (kept) {
    lastSite = { key: key!, read: kept };
    return kept;
  }
  const read: SiteRead = { site: null, componentIds: null, problems: [] };
  const siteText = readSource(abs, file, read.problems, files);
  if (siteText) {
    const source = new YamlSource(file, siteText.text);
    read.problems.push(...siteText.found.map((p) => ({ ...p, field: source.fieldAt(p.line, p.col) })));
    read.site = parseWith(source, siteSchema, read.problems, siteText.clean, (raw) => {
      read.componentIds = knownComponentIds(raw);
      return checkSite(raw, source);
    });
    if (!siteText.clean) read.site = null;
  }
  if (key !== null) {
    lastSite = { key, read };
    cache?.keepSite(key, read);
  }
  return read;
}

/** Where an entry came from: its id (the file name), its path and its markdown body. */
export type EntryFile = { id: string; file: string; body: string };

/** An incident as the site uses it, from its parsed front matter. */
export function incidentFrom(data: z.infer<typeof incidentSchema>, entry: EntryFile): Incident {
  return {
    ...data,
    ...entry,
    began: data.startedAt ?? data.updates[0]!.at,
    resolvedAt: data.updates.find((u) => u.status === 'resolved')?.at ?? null,
  };
}

/** A maintenance window as the site uses it, from its parsed front matter. */
export function maintenanceFrom(data: z.infer<typeof maintenanceSchema>, entry: EntryFile): Maintenance {
  const ending = data.updates.find((u) => u.status === 'completed' || u.status === 'cancelled');
  return { ...data, ...entry, endedEarly: ending ? { at: ending.at, status: ending.status as 'completed' | 'cancelled' } : null };
}

/** Problems grouped by file (files in the order first seen), each file's by line and column, like a compiler. */
function inFileOrder(problems: Problem[]): Problem[] {
  const files = [...new Set(problems.map((p) => p.file))];
  return problems.toSorted((a, b) => files.indexOf(a.file) - files.indexOf(b.file) || a.line - b.line || a.col - b.col);
}

/**
 * Parses a YAML source with a schema and runs `rules` on the raw data whether or not the schema accepts
 * it, adding every problem found; the parsed data, or null when there was any problem in this file.
 * `clean`: the file's text has no forbidden character, so one in a value came from an escape (`"\x07"`).
 */
function parseWith<S extends z.ZodType>(source: YamlSource, schema: S, problems: Problem[], clean: boolean, rules: (raw: unknown) => Problem[]): z.infer<S> | null {
  const syntax = source.syntaxProblems();
  if (syntax.length > 0) {
    problems.push(...syntax);
    return null;
  }
  const parsed = source.data();
  if ('problem' in parsed) {
    problems.push(parsed.problem);
    return null;
  }
  const raw = parsed.data;
  const result = schema.safeParse(raw, { reportInput: true });
  const broken = [...(clean ? escapedCharacterProblems(source, raw) : []), ...rules(raw)];
  problems.push(...(result.success ? [] : zodProblems(source, result.error.issues)), ...broken);
  return result.success && broken.length === 0 ? result.data : null;
}

/** A problem for each key or string value holding a forbidden character that a YAML escape made. */
function escapedCharacterProblems(source: YamlSource, value: unknown, at: PropertyKey[] = []): Problem[] {
  if (typeof value === 'string') {
    const char = value.match(forbiddenCharacters)?.[0];
    return char ? [source.problem(at, forbiddenMessage(char, 'escaped'))] : [];
  }
  if (Array.isArray(value)) return value.flatMap((item, i) => escapedCharacterProblems(source, item, [...at, i]));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, item]) => {
    const char = key.match(forbiddenCharacters)?.[0];
    return [...(char ? [source.problem([...at, key], forbiddenMessage(char, 'escaped'), 'key')] : []), ...escapedCharacterProblems(source, item, [...at, key])];
  });
}

/**
 * A content file's text (a write's, or from disk: UTF-8 only), adding a problem when it cannot be read; `found`:
 * a problem at its first forbidden character (not added: the caller names its field), and then `clean` is false.
 */
function readSource(abs: string, file: string, problems: Problem[], files?: ReadonlyMap<string, string>): { text: string; clean: boolean; found: Problem[] } | null {
  let decoded: ReturnType<typeof decodeUtf8>;
  try {
    const written = files?.get(abs);
    decoded = written === undefined ? decodeUtf8(file, fs.readFileSync(abs)) : { text: written };
  } catch (error) {
    problems.push({ file, line: 1, col: 1, field: '', message: `cannot be read (${readError(error)})` });
    return null;
  }
  if ('problem' in decoded) {
    problems.push(decoded.problem);
    return null;
  }
  const found = forbiddenCharacterProblems(file, decoded.text);
  return { text: decoded.text, clean: found.length === 0, found };
}

type Entry = { id: string; source: YamlSource; body: string; clean: boolean };

type ReadOptions = {
  rel: (abs: string) => string;
  problems: Problem[];
  files?: ReadonlyMap<string, string>;
  cache?: EntryCache;
  /** What an entry was checked against besides its own file (the component ids' fingerprint): part of its cache key. */
  context: string;
  /** With LoadOptions.lastGood: where the broken files are listed. */
  brokenFiles: CheckResult['brokenFiles'] | null;
};

/**
 * Reads entry files, splits front matter from body and parses each with `parse` (null when the file has
 * problems, which it adds); a file unchanged since the cache saw it is not read.
 */
function readEntries<T extends Incident | Maintenance>(refs: EntryFileRef[], options: ReadOptions, parse: (entry: Entry) => T | null): T[] {
  return refs.flatMap(({ id, abs }) => {
    const entry = readEntry(id, abs, options, parse);
    if (entry || !options.brokenFiles) return entry ? [entry] : [];
    // A broken file: its last good version stands in for it, when there is one.
    const last = options.cache?.lastGood<T>(abs);
    options.brokenFiles.push({ file: options.rel(abs), lastGood: last !== undefined });
    return last ? [{ ...last, file: options.rel(abs) }] : [];
  });
}

/** One entry file, read and validated (from the cache while it is unchanged), or null with its problems reported. */
function readEntry<T extends Incident | Maintenance>(id: string, abs: string, options: ReadOptions, parse: (entry: Entry) => T | null): T | null {
  const { rel, problems, files, cache } = options;
  const file = rel(abs);
  // Stat before reading: a file changed in between is cached under its old key, so it is read again next time.
  const key = files?.has(abs) ? null : (cache?.key(abs, options.context) ?? null);
  const hit = key === null ? undefined : cache!.get<T>(abs, key);
  if (hit) {
    // The kept entry itself where messages name its file the same way (an entry is never changed once read).
    const entry = hit.file === file ? hit : { ...hit, file };
    // The fingerprints kept with it are still its own (the same value, `file` too): known without hashing it again.
    const fingerprints = cache!.fingerprints(abs);
    if (fingerprints && hit.file === file) {
      knownFingerprint(entry, fingerprints[0]);
      knownFingerprint(entry.updates, fingerprints[1]);
      if (fingerprints[2] && isIncident(entry)) countedFingerprints.set(entry, fingerprints[2]);
    }
    return entry;
  }
  const read = readSource(abs, file, problems, files);
  if (!read) return null;
  const parts = splitFrontMatter(read.text);
  if (!parts) {
    problems.push(...read.found, { file, line: 1, col: 1, field: '', message: 'expected front matter between two "---" lines at the top of the file, got none' });
    return null;
  }
  const source = new YamlSource(file, parts.yaml, 1);
  problems.push(...read.found.map((p) => ({ ...p, field: source.fieldAt(p.line, p.col) })));
  const entry = parse({ id, source, body: parts.body, clean: read.clean });
  if (!entry || !read.clean) return null;
  if (key !== null) cache!.set(abs, key, entry, isIncident(entry) ? [fingerprint(entry), fingerprint(entry.updates), fingerprint(countedPart(entry))] : [fingerprint(entry), fingerprint(entry.updates)]);
  return entry;
}

const isIncident = (entry: Incident | Maintenance): entry is Incident => 'impact' in entry;

const counted = new WeakMap<Incident, Incident>();
/** The counted part's fingerprint, kept in the entry cache, for the part made when it is first asked for. */
const countedFingerprints = new WeakMap<Incident, string>();

/**
 * What uptime and reports read of an incident: its title, times and the component statuses its updates set, without
 * what staff say (messages, the body). A report's input holds this part (lib/reports/page-input.ts), so an update
 * that only says something ("monitoring", a message) counts no report again. Made once per incident; its
 * fingerprint is kept in the entry cache with the incident's.
 */
export function countedPart(incident: Incident): Incident {
  let part = counted.get(incident);
  if (!part) {
    part = { ...incident, body: '', updates: incident.updates.flatMap((u) => (u.components ? [{ ...u, message: '' }] : [])) };
    counted.set(incident, part);
    const known = countedFingerprints.get(incident);
    if (known) knownFingerprint(part, known);
  }
  return part;
}

/**
 * The fingerprint of an incident's counted part, without making the part when the entry cache kept it: every report's
 * sources (lib/reports/page-input.ts) are the counted parts of all incidents, 5,000 of them at a large site.
 */
export function countedFingerprint(incident: Incident): string {
  return countedFingerprints.get(incident) ?? fingerprint(countedPart(incident));
}

/** `---`, the front matter (group 1), `---`: at the very top of an entry file. */
export const frontMatter = /^---[ \t]*\r?\n([\s\S]*?)^---[ \t]*(?:\r?\n|$)/m;

/** Splits `---\nyaml\n---\nbody`; null when the file has no front matter. */
export function splitFrontMatter(text: string): { yaml: string; body: string } | null {
  const match = frontMatter.exec(text.replace(/^\uFEFF/, ''));
  if (!match || match.index !== 0) return null;
  return { yaml: match[1]!, body: text.slice(match[0].length).trim() };
}

function shift(iso: string, ms: number): string {
  return ms === 0 ? iso : new Date(Date.parse(iso) + ms).toISOString();
}

function shiftIncident(i: Incident, ms: number): Incident {
  if (ms === 0) return i;
  return {
    ...i,
    startedAt: i.startedAt && shift(i.startedAt, ms),
    began: shift(i.began, ms),
    resolvedAt: i.resolvedAt && shift(i.resolvedAt, ms),
    updates: i.updates.map((u) => ({ ...u, at: shift(u.at, ms) })),
  };
}

function shiftMaintenance(m: Maintenance, ms: number): Maintenance {
  if (ms === 0) return m;
  return {
    ...m,
    start: shift(m.start, ms),
    end: shift(m.end, ms),
    updates: m.updates.map((u) => ({ ...u, at: shift(u.at, ms) })),
    endedEarly: m.endedEarly && { ...m.endedEarly, at: shift(m.endedEarly.at, ms) },
  };
}
