import { fileIdentity, fileIdentityOf, readText, writeWholeAsync } from '../files';
import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Low, type Adapter } from 'lowdb';
import { entryCacheDir, sourcesVersion } from '../content/cache';
import { keepFile } from '../kept-files';
import lockfile from 'proper-lockfile';
import { dayMs, overlapMs, startOfUtcDay, utcDate } from '../shared/time';
import { addLatency, percentile } from './latency';
import { advance, type ConfirmationRules, type OutageEvent } from './outages';
import { storeData, storeVersion, type Result, type Rollup, type StoreData } from './schema';

/**
 * The pinger's store, `data/<location>.json`: recent raw results, daily rollups, confirmed outages and each
 * check's confirmation state. Read through lowdb with an adapter that validates what it reads and writes
 * atomically; every write happens under a lock and re-reads what another pinger may have written.
 */

/** A data file that cannot be used: not JSON, not ours, from a newer version, or invalid. It is never overwritten. */
export class StoreError extends Error {
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(`${file}: ${detail}`);
    this.name = 'StoreError';
  }
}

/** Upgrades from format N to N+1, applied in turn to older files when read. */
export const migrations: Record<number, (data: Record<string, unknown>) => Record<string, unknown>> = {
  // 2 added the optional results[].lastAttemptAt: a format 1 file is a valid format 2 file as it is.
  1: (data) => data,
  // 3 added the optional `why` (a reason in parts) beside each result's, outage's and check state's `reason`: a format 2
  // file is a valid format 3 file as it is, its reasons left in English. The version still changes, so that an older
  // Outpost refuses a file with `why` in it by its version rather than as invalid.
  2: (data) => data,
};

/** Brings raw data of any known older format up to `target`; refuses unknown or newer formats. */
export function migrate(raw: unknown, file: string, table = migrations, target = storeVersion): unknown {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw) || typeof (raw as { version?: unknown }).version !== 'number') {
    throw new StoreError(file, 'not an Outpost data file (no "version" field); it was left as it is');
  }
  let data = raw as Record<string, unknown> & { version: number };
  if (data.version > target) throw new StoreError(file, `written by a newer Outpost (format ${data.version}; this one reads up to ${target}); it was left as it is`);
  while (data.version < target) {
    const step = table[data.version];
    if (!step) throw new StoreError(file, `format ${data.version} cannot be migrated (no migration from it); it was left as it is`);
    data = { ...step(data), version: data.version + 1 };
  }
  return data;
}

/**
 * Data files known valid across processes: the identity each had when an Outpost process last validated it, or wrote
 * it (the pinger, every round), noted beside the entry caches in .outpost/cache/. A publish from cron or after a CLI
 * edit then reads an unchanged file without validating it again: validating 90 days of a location's data took 50–120
 * ms of each publish at 50 components, parsing its JSON 7 ms. No note, another identity or other schema code: the file
 * is validated. A note that cannot be read or written only costs that time.
 */
const validNotes = {
  holds(data: string, identity: string): boolean {
    try {
      const note = JSON.parse(fs.readFileSync(validNoteFile(data), 'utf8')) as { code?: string; identity?: string };
      return schemaCode !== '' && note.code === schemaCode && note.identity === identity;
    } catch {
      return false;
    }
  },
  note(data: string, identity: string): void {
    if (schemaCode !== '') keepFile(validNoteFile(data), JSON.stringify({ code: schemaCode, identity }));
  },
};

/** Where the note of the data file `data` (absolute) is kept. */
export function validNoteFile(data: string): string {
  return path.join(entryCacheDir(), `data-${crypto.createHash('sha256').update(data).digest('hex').slice(0, 8)}.json`);
}

/** The store's schema and migrations: a note made by other code is not trusted. */
const schemaCode = sourcesVersion(['lib/monitor/schema.ts', 'lib/monitor/store.ts']);

/** The parse hook: text → validated, migrated store data, or a StoreError naming the file and what is wrong. */
export function parseStore(text: string, file: string): StoreData {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new StoreError(file, `not valid JSON (${(error as Error).message}); it was left as it is`);
  }
  const parsed = storeData.safeParse(migrate(raw, file));
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues;
  const shown = issues.slice(0, 3).map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`);
  const more = issues.length > 3 ? ` (and ${issues.length - 3} more)` : '';
  throw new StoreError(file, `not a valid Outpost data file: ${shown.join('; ')}${more}; it was left as it is`);
}

/**
 * The data files this process has read or written, by absolute path, with the identity the file had then: a
 * reader skips parsing one that has not changed since (a publish after each pinger round; what a parse costs is
 * in docs/benchmarks.md). What it returns is shared: callers never modify it.
 */
const known = new Map<string, { identity: string; data: StoreData }>();

/** Drops this process's remembered copy of a data file, so that the next read parses and validates it again. */
export function forgetStore(file: string): void {
  known.delete(path.resolve(file));
}

/** Reads and validates a data file without locking (readers never block the pinger); null when it does not exist. */
export function readStoreSync(file: string): StoreData | null {
  const key = path.resolve(file);
  let identity: string;
  let text: string;
  try {
    // Identity first: a file replaced in between is read newer than its identity says, so read again next time.
    identity = fileIdentity(fs.statSync(file));
    const seen = known.get(key);
    if (seen?.identity === identity) return seen.data;
    text = readText(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const valid = validNotes.holds(key, identity) ? parsedValid(text, file) : null;
  const data = valid ?? parseStore(text, file);
  known.set(key, { identity, data });
  if (!valid) validNotes.note(key, identity);
  return data;
}

/** The data of a file noted valid (the schema has no defaults or transforms: what it accepts, it returns as is); null when it no longer parses. */
function parsedValid(text: string, file: string): StoreData | null {
  try {
    return migrate(JSON.parse(text), file) as StoreData;
  } catch {
    return null;
  }
}

/** lowdb adapter: missing file → null, anything else must parse and validate; writes are atomic. */
class StoreFile implements Adapter<StoreData> {
  constructor(readonly file: string) {}
  async read(): Promise<StoreData | null> {
    try {
      return parseStore(await fsp.readFile(this.file, 'utf8'), this.file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }
  write(data: StoreData): Promise<void> {
    return writeWholeAsync(this.file, JSON.stringify(data), { durable: true });
  }
}

/** How much a store keeps. */
export type StoreLimits = {
  /** Raw results kept per check, newest first (60: an hour at one-minute checks). */
  resultsPerCheck: number;
  /** Days of rollups and closed outages kept. */
  rollupDays: number;
  /** Confirmed outages kept per check, newest first, however much a check flaps. */
  outagesPerCheck: number;
};

export const defaultLimits: StoreLimits = { resultsPerCheck: 60, rollupDays: 400, outagesPerCheck: 500 };

export type StoreOptions = {
  file: string;
  location: string;
  rules: ConfirmationRules;
  limits?: Partial<StoreLimits>;
  /** A lock older than this is taken as left by a dead pinger (proper-lockfile's `stale`; at least 2000). */
  lockStaleMs?: number;
};

/** An empty store for a location. */
export function emptyStore(location: string): StoreData {
  return { version: storeVersion, location, checks: {}, results: [], daily: {}, outages: [] };
}

/** One location's data file, written by one or more pingers in turn under a lock. */
export class Store {
  private readonly db: Low<StoreData>;
  private readonly limits: StoreLimits;
  /** What the file looked like after our last write: when unchanged, there is no need to read it again. */
  private written: string | null = null;

  constructor(private readonly options: StoreOptions) {
    this.db = new Low(new StoreFile(options.file), emptyStore(options.location));
    this.limits = { ...defaultLimits, ...options.limits };
  }

  /**
   * Adds a round's results: raw results, rollups, confirmation states and outages, then prunes and writes.
   * Returns the outages opened or closed. Throws StoreError (file untouched) when the file is unusable.
   */
  async record(results: readonly Result[], intervals: ReadonlyMap<string, number>, now: Date = new Date()): Promise<OutageEvent[]> {
    const { file, location } = this.options;
    await fsp.mkdir(path.dirname(file), { recursive: true });
    let lost: Error | null = null;
    const release = await lockfile.lock(file, {
      realpath: false,
      stale: Math.max(2_000, this.options.lockStaleMs ?? 10_000),
      retries: { retries: 100, factor: 1.5, minTimeout: 20, maxTimeout: 500 },
      onCompromised: (error) => (lost = error),
    });
    try {
      // The data is about to change in place: no reader in this process may be handed it until it is written.
      forgetStore(file);
      const identity = await fileIdentityOf(file);
      if (identity === null || identity !== this.written) {
        this.db.data = emptyStore(location);
        await this.db.read();
      }
      if (this.db.data.location !== location) {
        throw new StoreError(file, `belongs to location "${this.db.data.location}", not "${location}"; it was left as it is`);
      }
      const events = applyResults(this.db.data, results, intervals, this.options.rules, now, this.limits);
      await removeTempFiles(file);
      if (lost) throw new StoreError(file, `lost the lock while writing (${(lost as Error).message}); nothing was written`);
      await this.db.write();
      this.written = await fileIdentityOf(file);
      if (this.written) {
        known.set(path.resolve(file), { identity: this.written, data: this.db.data });
        validNotes.note(path.resolve(file), this.written);
      }
      return events;
    } catch (error) {
      this.written = null;
      throw error;
    } finally {
      await release().catch(() => {});
    }
  }
}

/** Temp files left by a pinger killed mid-write; safe to remove while we hold the lock. */
async function removeTempFiles(file: string): Promise<void> {
  const prefix = `.${path.basename(file)}.`;
  const dir = path.dirname(file);
  for (const name of await fsp.readdir(dir)) {
    if (name.startsWith(prefix) && name.endsWith('.tmp')) await fsp.rm(path.join(dir, name), { force: true });
  }
}

/**
 * Applies results to store data in place: raw results, rollups, confirmation and outages, minutes down, then
 * prunes to the limits. Returns the confirmed changes. `intervals` gives each check's interval in seconds.
 */
export function applyResults(
  data: StoreData,
  results: readonly Result[],
  intervals: ReadonlyMap<string, number>,
  rules: ConfirmationRules,
  now: Date,
  limits: StoreLimits = defaultLimits,
): OutageEvent[] {
  const events: OutageEvent[] = [];
  const touched = new Set<string>();
  const rollups = new Set<Rollup>();
  for (const result of [...results].sort(byTime)) {
    data.results.push(result);
    const rollup = rollupFor(data, result.checkId, result.at.slice(0, 10));
    rollups.add(rollup);
    rollup.checks++;
    if (result.verdict === 'down') rollup.failures++;
    else {
      if (result.verdict === 'degraded') rollup.degraded++;
      addLatency(rollup.latency, result.phases.totalMs);
    }

    const previous = data.checks[result.checkId];
    const { state, change } = advance(previous, result, intervals.get(result.checkId) ?? previous?.intervalSeconds ?? 60, rules);
    if (previous && previous.lastResultAt > state.lastResultAt) state.lastResultAt = previous.lastResultAt;
    data.checks[result.checkId] = state;
    if (change === 'opened') {
      const outage = { checkId: result.checkId, componentId: result.componentId, startedAt: state.since!, confirmedAt: result.at, endedAt: null, reason: result.reason, ...(result.why && { why: result.why }) };
      data.outages.push(outage);
      events.push({ type: 'opened', location: data.location, outage: { ...outage } });
    } else if (change === 'closed') {
      const open = data.outages.findLast((o) => o.checkId === result.checkId && o.endedAt === null);
      if (open) {
        open.endedAt = state.since!;
        events.push({ type: 'closed', location: data.location, outage: { ...open } });
      }
    }
    touched.add(result.checkId);
  }
  for (const rollup of rollups) {
    rollup.latencyP50Ms = percentile(rollup.latency, 0.5);
    rollup.latencyP95Ms = percentile(rollup.latency, 0.95);
  }
  for (const checkId of touched) updateMinutesDown(data, checkId, now);
  prune(data, now, limits);
  return events;
}

function rollupFor(data: StoreData, checkId: string, date: string): Rollup {
  const days = (data.daily[checkId] ??= {});
  return (days[date] ??= { checks: 0, failures: 0, degraded: 0, minutesDown: 0, latencyP50Ms: null, latencyP95Ms: null, latency: [] });
}

/** Recomputes minutes down for each day an open (or just closed) outage of the check touches. */
function updateMinutesDown(data: StoreData, checkId: string, now: Date): void {
  const spans = data.outages
    .filter((o) => o.checkId === checkId)
    .map((o) => ({ start: Date.parse(o.startedAt), end: o.endedAt ? Date.parse(o.endedAt) : now.getTime() }));
  const recent = spans.filter((s) => s.end >= now.getTime() - 2 * dayMs);
  if (recent.length === 0) return;
  const first = startOfUtcDay(Math.min(...recent.map((s) => s.start)));
  const last = Math.max(...recent.map((s) => s.end));
  for (let day = first; day <= last; day += dayMs) {
    const rollup = rollupFor(data, checkId, utcDate(day));
    rollup.minutesDown = Math.round(overlapMs(spans, day, Math.min(day + dayMs, now.getTime())) / 6_000) / 10;
  }
}

/** Drops what is past the limits: old raw results, rollups and closed outages older than `rollupDays`. */
function prune(data: StoreData, now: Date, limits: StoreLimits): void {
  const oldestDay = utcDate(startOfUtcDay(now.getTime()) - (limits.rollupDays - 1) * dayMs);
  const oldestInstant = `${oldestDay}T00:00:00.000Z`;

  const perCheck = new Map<string, number>();
  data.results = data.results
    .sort(byTime)
    .reverse()
    .filter((r) => {
      const n = (perCheck.get(r.checkId) ?? 0) + 1;
      perCheck.set(r.checkId, n);
      return n <= limits.resultsPerCheck;
    })
    .reverse();

  for (const [checkId, days] of Object.entries(data.daily)) {
    for (const date of Object.keys(days)) if (date < oldestDay) delete days[date];
    if (Object.keys(days).length === 0) delete data.daily[checkId];
  }

  const outagesPerCheck = new Map<string, number>();
  data.outages = data.outages
    .filter((o) => o.endedAt === null || o.endedAt >= oldestInstant)
    .reverse()
    .filter((o) => {
      const n = (outagesPerCheck.get(o.checkId) ?? 0) + 1;
      outagesPerCheck.set(o.checkId, n);
      return n <= limits.outagesPerCheck || o.endedAt === null;
    })
    .reverse();

  for (const [checkId, state] of Object.entries(data.checks)) if (state.lastResultAt < oldestInstant) delete data.checks[checkId];
}

/** Oldest first (ISO instants in UTC compare as strings). */
function byTime(a: Result, b: Result): number {
  return a.at < b.at ? -1 : a.at > b.at ? 1 : 0;
}
