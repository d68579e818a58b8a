import { setTimeout as sleep } from 'node:timers/promises';
import pLimit from 'p-limit';
import type { PlannedCheck } from './plan';
import { probeDns } from './probes/dns';
import { probeHttp } from './probes/http';
import { probeStatuspage } from './probes/statuspage';
import type { Outcome } from './probes/outcome';
import { probeTcp } from './probes/tcp';
import { probeTls } from './probes/tls';
import type { Result } from './schema';

/** One attempt of a planned check, by its type. */
export function attempt(plan: PlannedCheck): Promise<Outcome> {
  const { check, probe } = plan;
  switch (check.type) {
    case 'http':
      return probeHttp(check, probe);
    case 'tcp':
      return probeTcp(check, probe);
    case 'dns':
      return probeDns(check, probe);
    case 'tls':
      return probeTls(check, probe);
    case 'statuspage':
      return probeStatuspage(check, probe);
  }
}

/**
 * Runs a check once: a down attempt is retried `retries` times, `retryDelayMs` apart, and only the last
 * attempt counts, so a single lost packet never reaches the store as a failure. The result says when the
 * first attempt started (`at`) and, after retries, when the last one did (`lastAttemptAt`).
 */
export async function runCheck(plan: PlannedCheck, location: string, now: () => Date = () => new Date()): Promise<Result> {
  const at = now().toISOString();
  let lastAttemptAt: string | undefined;
  let outcome = await attempt(plan);
  let attempts = 1;
  while (outcome.verdict === 'down' && attempts <= plan.retries) {
    if (plan.retryDelayMs > 0) await sleep(plan.retryDelayMs);
    lastAttemptAt = now().toISOString();
    outcome = await attempt(plan);
    attempts++;
  }
  return { at, ...(lastAttemptAt && { lastAttemptAt }), checkId: plan.id, componentId: plan.componentId, location, ...outcome, attempts };
}

/** Runs every check once, at most `concurrency` at a time, telling `onResult` as each ends; results in plan order. */
export function runRound(plans: readonly PlannedCheck[], location: string, concurrency: number, onResult: (result: Result) => void = () => {}): Promise<Result[]> {
  const limit = pLimit(concurrency);
  return Promise.all(
    plans.map((plan) =>
      limit(async () => {
        const result = await runCheck(plan, location);
        onResult(result);
        return result;
      }),
    ),
  );
}
