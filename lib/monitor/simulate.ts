import { dayMs, startOfUtcDay } from '../shared/time';
import { because, recorded, type Reason } from '../status/reason';
import type { ConfirmationRules } from './outages';
import type { Result, StoreData, Verdict } from './schema';
import { applyResults, type StoreLimits } from './store';

/**
 * Synthetic rounds fed through the store's real `applyResults`, day by day: how the example data is made
 * and how the bench measures a store after a long run. Deterministic for a given `random`.
 */

/** A check being simulated, with its usual latency and the reason of a normal answer (default `HTTP 200`). */
export type SimulatedCheck = { id: string; componentId: string; baseMs: number; intervalSeconds?: number; why?: Reason };

/** What a check answers at a moment when something is going on; null for a normal answer. */
export type Scenario = (checkId: string, at: number) => { verdict: Verdict; why: Reason; totalMs: number } | null;

const normal: Reason = [because.http(200)];
/** Each reason's two stored forms, worked out once per reason object (a normal answer's is the same every round). */
const forms = new WeakMap<Reason, ReturnType<typeof recorded>>();
function formsOf(why: Reason): ReturnType<typeof recorded> {
  if (!forms.has(why)) forms.set(why, recorded(why));
  return forms.get(why)!;
}

export type SimulateOptions = {
  checks: readonly SimulatedCheck[];
  /** First and last round times (ms). */
  from: number;
  to: number;
  location: string;
  rules: ConfirmationRules;
  scenario?: Scenario;
  limits?: StoreLimits;
  /** A seeded generator in [0, 1). */
  random: () => number;
};

/** A normal answer's latency: a few levels around the base, so a day's histogram stays a handful of buckets. */
function normalLatency(baseMs: number, random: () => number): number {
  const r = random();
  return Math.round(baseMs * (r < 0.7 ? 1 : r < 0.9 ? 1.15 : r < 0.98 ? 1.4 : 3));
}

/** Runs one round per check per interval from `from` to `to` into `data`, writing (applying) once per simulated day. */
export function simulate(data: StoreData, options: SimulateOptions): void {
  const { checks, random, scenario, rules } = options;
  const intervals = new Map(checks.map((c) => [c.id, c.intervalSeconds ?? 60]));
  for (let day = startOfUtcDay(options.from); day <= options.to; day += dayMs) {
    const results: Result[] = [];
    for (const check of checks) {
      const step = (check.intervalSeconds ?? 60) * 1000;
      // Rounds fall at from + k × step; this day's are those in [day, day + 1 day).
      const firstRound = options.from + Math.ceil(Math.max(0, day - options.from) / step) * step;
      for (let t = firstRound; t < day + dayMs && t <= options.to; t += step) {
        const at = t + Math.floor(random() * 900);
        const special = scenario?.(check.id, at);
        results.push({
          at: new Date(at).toISOString(),
          checkId: check.id,
          componentId: check.componentId,
          location: options.location,
          verdict: special?.verdict ?? 'up',
          ...formsOf(special?.why ?? check.why ?? normal),
          attempts: special?.verdict === 'down' ? 3 : 1,
          phases: { totalMs: special?.totalMs ?? normalLatency(check.baseMs, random) },
        });
      }
    }
    applyResults(data, results, intervals, rules, new Date(Math.min(day + dayMs - 1, options.to + 1000)), options.limits);
  }
}

/** mulberry32: a small seeded generator in [0, 1), so simulated data is the same on every run. */
export function seededRandom(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
