import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from './schema';
import { plan, serveHttp, type Running } from './test-support';
import { watch, type WatchOptions } from './watch';

let server: Running;
const inFlight = new Map<string, number>();
let maxPerCheck = 0;
let maxOverall = 0;
let overall = 0;

beforeAll(async () => {
  server = await serveHttp((req, res) => {
    const key = req.url!;
    inFlight.set(key, (inFlight.get(key) ?? 0) + 1);
    overall++;
    maxPerCheck = Math.max(maxPerCheck, inFlight.get(key)!);
    maxOverall = Math.max(maxOverall, overall);
    setTimeout(() => {
      inFlight.set(key, inFlight.get(key)! - 1);
      overall--;
      res.end('ok');
    }, 60);
  });
});
afterAll(() => server.close());

/** Runs a watch from test-1, two checks at a time, for `ms`, then stops it and waits until it has ended. */
async function watchFor(ms: number, options: Pick<WatchOptions, 'plans' | 'record'> & Partial<WatchOptions>): Promise<void> {
  const controller = new AbortController();
  const stopped = watch({ location: 'test-1', concurrency: 2, onResult: () => {}, ...options, signal: controller.signal });
  await new Promise((r) => setTimeout(r, ms));
  controller.abort();
  await stopped;
}

describe('watch', () => {
  it('runs each check on its own interval, never overlapping itself, within the concurrency limit', async () => {
    // Intervals (20 ms) shorter than the answer (60 ms): a naive timer would overlap a check with itself.
    const plans = ['a', 'b', 'c', 'd', 'e'].map((id) => plan({ type: 'http', url: `${server.url}/${id}` }, { id, intervalSeconds: 0.02 }));
    const batches: Result[][] = [];
    const seen: Result[] = [];
    const controller = new AbortController();
    const stopped = watch({
      plans,
      location: 'test-1',
      concurrency: 2,
      onResult: (r) => seen.push(r),
      record: async (results) => {
        batches.push(results);
        await new Promise((r) => setTimeout(r, 100)); // a slow disk: results queue up meanwhile
      },
      signal: controller.signal,
      random: () => 0.5,
    });
    await new Promise((r) => setTimeout(r, 1_000));
    controller.abort();
    const stoppedAt = performance.now();
    await stopped;
    expect(performance.now() - stoppedAt).toBeLessThan(400);
    expect(maxPerCheck).toBe(1);
    expect(maxOverall).toBe(2);
    const stored = batches.flat();
    expect(stored).toEqual(seen);
    expect(new Set(stored.map((r) => r.checkId))).toEqual(new Set(['a', 'b', 'c', 'd', 'e']));
    expect(batches.some((b) => b.length > 1)).toBe(true); // writes were batched, not one per result
  });

  it('writes only while no check is in flight, so no answer waits behind a write', async () => {
    // /slow answers in 300 ms, every 500 ms; /fast answers at once, every 20 ms: many results arrive while /slow is out.
    const windows: [number, number][] = [];
    const timed = await serveHttp((req, res) => {
      const start = performance.now();
      setTimeout(() => {
        windows.push([start, performance.now()]);
        res.end('ok');
      }, req.url === '/slow' ? 300 : 0);
    });
    const writes: number[] = [];
    await watchFor(1_500, {
      plans: [
        plan({ type: 'http', url: `${timed.url}/slow` }, { id: 'slow', intervalSeconds: 0.5 }),
        plan({ type: 'http', url: `${timed.url}/fast` }, { id: 'fast', intervalSeconds: 0.02 }),
      ],
      record: async () => {
        writes.push(performance.now());
        const busy = performance.now() + 30; // a synchronous store and publish
        while (performance.now() < busy);
      },
      quietWaitMs: 10_000,
      random: () => 0.5,
    });
    timed.close();
    const duringAnAnswer = writes.filter((at) => windows.some(([start, end]) => start < at && at < end));
    expect(writes.length).toBeGreaterThan(1);
    expect(duringAnAnswer).toEqual([]);
  });

  it('writes anyway when checks never pause (a hanging one), after quietWaitMs', async () => {
    const hanging = await serveHttp((req, res) => {
      if (req.url === '/ok') res.end('ok');
    });
    const writes: number[] = [];
    const began = performance.now();
    await watchFor(1_000, {
      plans: [
        plan({ type: 'http', url: `${hanging.url}/hang` }, { id: 'hang', intervalSeconds: 60, probe: { timeoutMs: 10_000 } }),
        plan({ type: 'http', url: `${hanging.url}/ok` }, { id: 'ok', intervalSeconds: 0.05 }),
      ],
      record: async () => void writes.push(performance.now() - began),
      quietWaitMs: 200,
      random: () => 0,
    });
    hanging.close();
    expect(writes.length).toBeGreaterThan(1);
    expect(writes[0]).toBeLessThan(600);
  });

  it('stops and rejects when a write fails', async () => {
    const controller = new AbortController();
    const failing = watch({
      plans: [plan({ type: 'http', url: `${server.url}/x` }, { intervalSeconds: 0.02 })],
      location: 'test-1',
      concurrency: 1,
      onResult: () => {},
      record: () => Promise.reject(new Error('disk full')),
      signal: controller.signal,
    });
    await expect(failing).rejects.toThrow('disk full');
  });

  it('watches fifty checks without a listener warning: each waiting check listens for the stop once', async () => {
    const warnings: Error[] = [];
    const warned = (warning: Error) => warnings.push(warning);
    process.on('warning', warned);
    try {
      const plans = Array.from({ length: 50 }, (_, i) => plan({ type: 'http', url: `${server.url}/w${i}` }, { id: `w${i}`, intervalSeconds: 0.05 }));
      const seen = new Set<string>();
      await watchFor(400, { plans, concurrency: 16, onResult: (r) => seen.add(r.checkId), record: async () => {} });
      expect(seen.size).toBeGreaterThan(10); // more checks waited at once than Node's default of ten listeners
      // Warnings are emitted on the next tick.
      await new Promise((r) => setImmediate(r));
      expect(warnings.map((w) => `${w.name}: ${w.message}`)).toEqual([]);
    } finally {
      process.off('warning', warned);
    }
  });
});
