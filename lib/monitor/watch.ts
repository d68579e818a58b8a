import { setMaxListeners } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import pLimit from 'p-limit';
import type { PlannedCheck } from './plan';
import { runCheck } from './runner';
import type { Result } from './schema';

export type WatchOptions = {
  plans: readonly PlannedCheck[];
  location: string;
  /** Checks running at once, across all of them. */
  concurrency: number;
  /** Called with each result as it comes. */
  onResult: (result: Result) => void;
  /**
   * Stores a batch of results; one call at a time, batches in order. It may return a number of ms: it is then called
   * again that much later with no results (unless results came first), in a quiet moment as always: the pinger
   * publishes what it left for later then. A throw stops the watch.
   */
  record: (results: Result[]) => Promise<number | void>;
  /** Aborting stops new checks, finishes the write in flight, stores what was already checked, and resolves. */
  signal: AbortSignal;
  /** How long a write waits for a moment with no check in flight before it goes ahead anyway (QUIET_WAIT_MS). */
  quietWaitMs?: number;
  random?: () => number;
};

/** Spread of each interval: ±10%, so checks started together drift apart instead of hitting the product at once. */
const jitter = 0.1;

/**
 * A write (the store, and `--publish`) is tens of milliseconds of work on this thread (docs/benchmarks.md), in
 * which a check's answer would wait unread and be timed late: it starts when no check is in flight (none can
 * start during it), or after this long if checks never pause.
 */
const QUIET_WAIT_MS = 2_000;

/**
 * Runs each check on its own interval (with jitter) until stopped. A check never overlaps itself: its next
 * run is scheduled only after this one ends. Results are written in batches by a single writer, so a slow
 * disk never holds up a probe, and at a moment no check is in flight (QUIET_WAIT_MS), so a write never delays
 * the reading of an answer. Rejects with the store's error when a write fails.
 */
export async function watch(options: WatchOptions): Promise<void> {
  const { plans, location, signal, onResult, record } = options;
  const random = options.random ?? Math.random;
  const limit = pLimit(options.concurrency);
  const stop = new AbortController();
  const stopping = AbortSignal.any([signal, stop.signal]);
  // Each check waiting for its next run listens for the stop, and the watch itself: Node warns of a leak past ten.
  setMaxListeners(plans.length + 1, stopping);
  const queue: Result[] = [];
  let writing: Promise<void> | null = null;
  let failure: unknown = null;
  /** A call of `record` with no results asked for (its returned ms), and whether it is due. */
  let again: NodeJS.Timeout | undefined;
  let due = false;

  const quiet = async () => {
    const until = Date.now() + (options.quietWaitMs ?? QUIET_WAIT_MS);
    while (limit.activeCount > 0 && !stopping.aborted && Date.now() < until) await sleep(5);
  };

  const flush = () => {
    writing ??= (async () => {
      try {
        while (queue.length > 0 || due) {
          due = false;
          await quiet();
          const later = await record(queue.splice(0));
          clearTimeout(again);
          if (typeof later === 'number' && !stopping.aborted) {
            again = setTimeout(() => {
              due = true;
              void flush();
            }, later);
          }
        }
      } catch (error) {
        failure = error;
        stop.abort();
      } finally {
        writing = null;
      }
    })();
    return writing;
  };

  const loop = async (plan: PlannedCheck) => {
    const intervalMs = plan.intervalSeconds * 1000;
    await pause(random() * Math.min(intervalMs, 2_000), stopping);
    while (!stopping.aborted) {
      const started = Date.now();
      const result = await limit(() => (stopping.aborted ? null : runCheck(plan, location)));
      // A check that finishes after the stop is dropped: stopping waits for the disk, not for the product.
      if (!result || stopping.aborted) return;
      onResult(result);
      queue.push(result);
      void flush();
      await pause(started + intervalMs * (1 + jitter * (2 * random() - 1)) - Date.now(), stopping);
    }
  };

  for (const plan of plans) void loop(plan);
  await new Promise<void>((resolve) => (stopping.aborted ? resolve() : stopping.addEventListener('abort', () => resolve(), { once: true })));
  limit.clearQueue();
  clearTimeout(again);
  await writing;
  if (!failure && queue.length > 0) await flush();
  if (failure) throw failure;
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return ms > 0 ? sleep(ms, undefined, { signal }).catch(() => {}) : Promise.resolve();
}
