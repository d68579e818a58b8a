import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Low, type Adapter } from 'lowdb';
import lockfile from 'proper-lockfile';
import type { z } from 'zod';
import { fileIdentityOf, writeWholeAsync } from '../files';
import { StoreError } from '../monitor/store';

/**
 * A private JSON file (mode 600) read through lowdb: validated by a zod schema on every read, written
 * atomically (temp file, fsync, rename), and changed only under a lock (proper-lockfile), re-reading what
 * another process wrote since. The subscriber list and the outbox are two of these. A file that cannot be
 * used throws the pinger's StoreError naming it, and is never overwritten.
 */

/** Parses and validates a file's text, or throws StoreError naming the file and the first problems. */
export function parseFile<T>(text: string, file: string, schema: z.ZodType<T>): T {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new StoreError(file, `not valid JSON (${(error as Error).message}); it was left as it is`);
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const shown = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`);
  throw new StoreError(file, `not a valid Outpost notify file: ${shown.join('; ')}; it was left as it is`);
}

class ValidatedFile<T> implements Adapter<T> {
  constructor(
    readonly file: string,
    readonly schema: z.ZodType<T>,
  ) {}
  async read(): Promise<T | null> {
    try {
      return parseFile(await fsp.readFile(this.file, 'utf8'), this.file, this.schema);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }
  write(data: T): Promise<void> {
    return writeWholeAsync(this.file, JSON.stringify(data), { durable: true, mode: 0o600 });
  }
}

/** One lowdb file changed by several processes in turn (the CLI, the sign-up service, senders). */
export class LockedFile<T> {
  private readonly adapter: ValidatedFile<T>;
  private readonly db: Low<T>;
  /** The data as of the file's identity after our last read or write: unchanged means no need to parse it again. */
  private cache: { identity: string; data: T } | null = null;
  /** Updates in this process, one after another (the lock is per process too). */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly file: string,
    schema: z.ZodType<T>,
    private readonly empty: () => T,
    private readonly lockStaleMs = 10_000,
  ) {
    this.adapter = new ValidatedFile(file, schema);
    this.db = new Low(this.adapter, empty());
  }

  /** The current data, without taking the lock (a reader never blocks a writer). Shared: do not modify it. */
  async read(): Promise<T> {
    const identity = await fileIdentityOf(this.file);
    if (identity === null) return this.empty();
    if (this.cache?.identity === identity) return this.cache.data;
    const data = (await this.adapter.read()) ?? this.empty();
    this.cache = { identity, data };
    return data;
  }

  /**
   * Runs `change` on the newest data under the lock and writes the result; returns what `change` returns.
   * A throw from `change` writes nothing.
   */
  update<R>(change: (data: T) => R): Promise<R> {
    const run = this.queue.then(() => this.locked(change));
    this.queue = run.catch(() => {});
    return run;
  }

  private async locked<R>(change: (data: T) => R): Promise<R> {
    await fsp.mkdir(path.dirname(this.file), { recursive: true, mode: 0o700 });
    let lost: Error | null = null;
    const release = await lockfile.lock(this.file, {
      realpath: false,
      stale: Math.max(2_000, this.lockStaleMs),
      retries: { retries: 300, factor: 1.3, minTimeout: 10, maxTimeout: 200 },
      onCompromised: (error) => (lost = error),
    });
    const cached = this.cache;
    // The data is about to change in place: readers in this process must not be handed it until it is written.
    this.cache = null;
    try {
      const identity = await fileIdentityOf(this.file);
      if (cached && identity === cached.identity) this.db.data = cached.data;
      else {
        this.db.data = this.empty();
        await this.db.read();
      }
      const result = change(this.db.data);
      if (lost) throw new StoreError(this.file, `lost the lock while writing (${(lost as Error).message}); nothing was written`);
      await this.db.write();
      const written = await fileIdentityOf(this.file);
      if (written) this.cache = { identity: written, data: this.db.data };
      return result;
    } finally {
      await release().catch(() => {});
    }
  }
}

/** The file's permission bits (`0o600`), or null when it does not exist; for doctor and tests. */
export function fileMode(file: string): number | null {
  const s = fs.statSync(file, { throwIfNoEntry: false });
  return s ? s.mode & 0o777 : null;
}
