import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from './schema';
import { plan, serveHttp, type Running } from './test-support';
import { watch } from './watch';

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
});
